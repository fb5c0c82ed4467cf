//! `POST /api/v1/auth/login`, `POST /api/v1/auth/logout`, `GET /api/v1/me`,
//! `POST /api/v1/me/password`.

use crate::error::AppResult;
use crate::services::auth;
use crate::web::auth::{sign_in, Auth};
use crate::web::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/auth/login", web::post().to(login))
        .route("/auth/logout", web::post().to(logout))
        .route("/me", web::get().to(me))
        .route("/me/password", web::post().to(change_password));
}

#[derive(Deserialize)]
pub struct LoginBody {
    pub email: String,
    pub password: String,
}

async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginBody>,
) -> AppResult<HttpResponse> {
    let login = sign_in(&state, &req, &body.email, &body.password).await?;
    Ok(HttpResponse::Ok().json(login))
}

/// Revokes every token of the caller issued so far.
async fn logout(state: web::Data<AppState>, auth: Auth) -> AppResult<HttpResponse> {
    state.db(move |c| auth::logout(c, &auth.user)).await?;
    Ok(HttpResponse::NoContent().finish())
}

async fn me(auth: Auth) -> HttpResponse {
    HttpResponse::Ok().json(auth.user)
}

#[derive(Deserialize)]
pub struct PasswordBody {
    pub current_password: String,
    pub new_password: String,
}

async fn change_password(
    state: web::Data<AppState>,
    auth: Auth,
    body: web::Json<PasswordBody>,
) -> AppResult<HttpResponse> {
    let body = body.into_inner();
    state
        .db(move |c| {
            auth::change_password(c, &auth.user, &body.current_password, &body.new_password)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

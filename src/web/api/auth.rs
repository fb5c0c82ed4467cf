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

#[derive(Deserialize, utoipa::ToSchema)]
pub struct LoginBody {
    pub email: String,
    pub password: String,
}

#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", security(()), request_body = LoginBody, responses((status = 200, description = "Signed in", body = crate::services::auth::Login), (status = 401, description = "Wrong email or password", body = crate::web::openapi::ErrorBody), (status = 429, description = "Too many failed sign-ins; see Retry-After", body = crate::web::openapi::ErrorBody), (status = 400, description = "Unreadable body", body = crate::web::openapi::ErrorBody), (status = 415, description = "Not JSON", body = crate::web::openapi::ErrorBody), (status = 422, description = "Missing field", body = crate::web::openapi::ErrorBody)))]
pub(crate) async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginBody>,
) -> AppResult<HttpResponse> {
    let login = sign_in(&state, &req, &body.email, &body.password).await?;
    Ok(HttpResponse::Ok().json(login))
}

/// Revokes every token of the caller issued so far.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204, description = "Every session of the caller ended"), crate::web::openapi::Refusals))]
pub(crate) async fn logout(state: web::Data<AppState>, auth: Auth) -> AppResult<HttpResponse> {
    state.db(move |c| auth::logout(c, &auth.user)).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(get, path = "/api/v1/me", tag = "auth", responses((status = 200, description = "The caller", body = crate::services::CurrentUser), crate::web::openapi::Refusals))]
pub(crate) async fn me(auth: Auth) -> HttpResponse {
    HttpResponse::Ok().json(auth.user)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PasswordBody {
    pub current_password: String,
    pub new_password: String,
}

#[utoipa::path(post, path = "/api/v1/me/password", tag = "auth", request_body = PasswordBody, responses((status = 204, description = "Changed; earlier tokens revoked"), crate::web::openapi::Refusals))]
pub(crate) async fn change_password(
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

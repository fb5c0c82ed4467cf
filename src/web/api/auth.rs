//! `POST /api/v1/auth/login`, `POST /api/v1/auth/logout`, `GET /api/v1/me`,
//! `POST /api/v1/me/password`.

use crate::error::AppResult;
use crate::services::auth;
use crate::web::auth::{sign_in, Auth};
use crate::web::openapi::{ErrorBody, Refusals};
use crate::web::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa_actix_web::service_config::ServiceConfig;

/// Registers this module's routes (and their OpenAPI operations).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(login)
        .service(logout)
        .service(me)
        .service(change_password);
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct LoginBody {
    pub email: String,
    pub password: String,
}

#[utoipa::path(
    tag = "auth",
    security(()),
    request_body = LoginBody,
    responses(
        (status = 200, description = "Signed in", body = crate::services::auth::Login),
        (status = 401, description = "Wrong email or password", body = ErrorBody),
        (status = 429, description = "Too many failed sign-ins; see Retry-After", body = ErrorBody),
        (status = 400, description = "Unreadable body", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Missing field", body = ErrorBody)
    )
)]
#[post("/auth/login")]
pub(crate) async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginBody>,
) -> AppResult<HttpResponse> {
    let login = sign_in(&state, &req, &body.email, &body.password).await?;
    Ok(HttpResponse::Ok().json(login))
}

/// Revokes every token of the caller issued so far.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 204, description = "Every session of the caller ended"),
        Refusals
    )
)]
#[post("/auth/logout")]
pub(crate) async fn logout(state: web::Data<AppState>, auth: Auth) -> AppResult<HttpResponse> {
    state.db(move |c| auth::logout(c, &auth.user)).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(
    tag = "auth",
    responses(
        (status = 200, description = "The caller", body = crate::services::CurrentUser),
        Refusals
    )
)]
#[get("/me")]
pub(crate) async fn me(auth: Auth) -> HttpResponse {
    HttpResponse::Ok().json(auth.user)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PasswordBody {
    pub current_password: String,
    #[schema(min_length = 8, max_length = 256)]
    pub new_password: String,
}

#[utoipa::path(
    tag = "auth",
    request_body = PasswordBody,
    responses(
        (status = 204, description = "Changed; earlier tokens revoked"),
        Refusals
    )
)]
#[post("/me/password")]
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

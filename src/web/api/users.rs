//! User management for admins: `GET/POST /api/v1/users`,
//! `POST /api/v1/users/{id}/password`, `POST /api/v1/users/{id}/deactivate`.

use crate::domain::role::Role;
use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::model::*;
use crate::services::users::{self, NewAccount};
use crate::web::auth::AdminUser;
use crate::web::openapi::Refusals;
use crate::web::AppState;
use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;
use utoipa_actix_web::service_config::ServiceConfig;

/// Registers this module's routes (and their OpenAPI operations).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(reset_password)
        .service(deactivate);
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CreateBody {
    #[schema(
        min_length = 3,
        max_length = 254,
        pattern = r"^[^@\s]+@([^@\s.][^@\s]*\.[^@\s]*[^@\s.]|localhost)$"
    )]
    pub email: String,
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: String,
    #[schema(value_type = crate::model::Role)]
    pub role: String,
    #[schema(max_length = 300)]
    #[serde(default)]
    pub affiliation: String,
    #[schema(min_length = 8, max_length = 256)]
    pub password: String,
}

#[utoipa::path(
    tag = "users",
    responses(
        (status = 200, description = "Every account", body = [crate::services::users::Account]),
        Refusals
    )
)]
#[get("/users")]
pub(crate) async fn list(state: web::Data<AppState>, _admin: AdminUser) -> AppResult<HttpResponse> {
    let list = state.db(users::list).await?;
    Ok(HttpResponse::Ok().json(list))
}

#[utoipa::path(
    tag = "users",
    request_body = CreateBody,
    responses(
        (status = 201, description = "Created", body = crate::services::users::Account),
        Refusals
    )
)]
#[post("/users")]
pub(crate) async fn create(
    state: web::Data<AppState>,
    AdminUser(admin): AdminUser,
    body: web::Json<CreateBody>,
) -> AppResult<HttpResponse> {
    let body = body.into_inner();
    let role: Role = body
        .role
        .parse()
        .map_err(|_| AppError::invalid("role", Msg::ErrRoleInvalid))?;
    let input = NewAccount {
        email: body.email,
        name: body.name,
        role,
        affiliation: body.affiliation,
        password: body.password,
    };
    let account = state
        .db(move |c| users::create(c, Some(&admin), input))
        .await?;
    Ok(HttpResponse::Created().json(account))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[schema(as = ResetPasswordBody)]
pub struct PasswordBody {
    #[schema(min_length = 8, max_length = 256)]
    pub password: String,
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "User id")),
    tag = "users",
    request_body = PasswordBody,
    responses(
        (status = 200, description = "Reset; their sessions ended", body = crate::services::users::Account),
        Refusals
    )
)]
#[post("/users/{id}/password")]
pub(crate) async fn reset_password(
    state: web::Data<AppState>,
    AdminUser(admin): AdminUser,
    path: web::Path<UserId>,
    body: web::Json<PasswordBody>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let password = body.into_inner().password;
    let account = state
        .db(move |c| users::reset_password(c, &admin, id, &password))
        .await?;
    Ok(HttpResponse::Ok().json(account))
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "User id")),
    tag = "users",
    responses(
        (status = 200, description = "Deactivated", body = crate::services::users::Account),
        Refusals
    )
)]
#[post("/users/{id}/deactivate")]
pub(crate) async fn deactivate(
    state: web::Data<AppState>,
    AdminUser(admin): AdminUser,
    path: web::Path<UserId>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let account = state.db(move |c| users::deactivate(c, &admin, id)).await?;
    Ok(HttpResponse::Ok().json(account))
}

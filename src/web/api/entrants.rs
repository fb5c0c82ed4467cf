//! Entrants (pengusul): the committee registers them and hands over one-time set-password
//! links; an entrant reads its own overview; anyone holding a link sets the password.

use crate::error::AppResult;
use crate::model::*;
use crate::services::entrants::{self, Added, Entrant, NewEntrant};
use crate::services::{entrant_home, password_links};
use crate::web::auth::{EntrantUser, StaffUser};
use crate::web::openapi::Refusals;
use crate::web::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa_actix_web::service_config::ServiceConfig;

/// Registers this module's routes (and their OpenAPI operations).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(add)
        .service(new_link)
        .service(set_password)
        .service(overview);
}

/// An entrant as registered, with the one-time link when one was issued.
#[derive(Serialize, utoipa::ToSchema)]
pub struct EntrantAnswer {
    #[serde(flatten)]
    pub entrant: Entrant,
    /// The one-time set-password page to hand to the entrant (absent when a password was
    /// given): valid 7 days, single use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub set_password_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub set_password_expires_at: Option<String>,
}

fn answer(req: &HttpRequest, added: Added) -> EntrantAnswer {
    let url = added
        .link
        .as_ref()
        .map(|l| crate::web::pages::entrants::absolute(req, &l.path()));
    EntrantAnswer {
        set_password_expires_at: added.link.map(|l| crate::db::iso(l.expires_at)),
        set_password_url: url,
        entrant: added.entrant,
    }
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "entrants",
    responses(
        (status = 200, description = "The contest's entrants", body = [Entrant]),
        Refusals
    )
)]
#[get("/contests/{id}/entrants")]
pub(crate) async fn list(
    state: web::Data<AppState>,
    _s: StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    Ok(HttpResponse::Ok().json(state.db(move |c| entrants::list(c, id)).await?))
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "entrants",
    request_body = NewEntrant,
    responses(
        (status = 201, description = "The entrant (account created or attached), with a set-password link when no password was given", body = EntrantAnswer),
        Refusals
    )
)]
#[post("/contests/{id}/entrants")]
pub(crate) async fn add(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(u): StaffUser,
    path: web::Path<ContestId>,
    body: web::Json<NewEntrant>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = body.into_inner();
    let added = state.db(move |c| entrants::add(c, &u, id, input)).await?;
    Ok(HttpResponse::Created().json(answer(&req, added)))
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("user_id" = uuid::Uuid, Path, description = "The entrant's account id"),
    ),
    tag = "entrants",
    responses(
        (status = 201, description = "A new one-time link; the entrant's unused links end", body = EntrantAnswer),
        Refusals
    )
)]
#[post("/contests/{id}/entrants/{user_id}/link")]
pub(crate) async fn new_link(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(u): StaffUser,
    path: web::Path<(ContestId, UserId)>,
) -> AppResult<HttpResponse> {
    let (id, user) = path.into_inner();
    let added = state
        .db(move |c| entrants::new_link(c, &u, id, user))
        .await?;
    Ok(HttpResponse::Created().json(answer(&req, added)))
}

/// A set-password link's token and the new password.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct SetPassword {
    #[schema(required = true, min_length = 1, max_length = 200)]
    #[serde(default)]
    pub token: String,
    #[schema(required = true, min_length = 8, max_length = 1024)]
    #[serde(default)]
    pub password: String,
}

#[utoipa::path(
    tag = "entrants",
    request_body = SetPassword,
    responses(
        (status = 204, description = "Password set; the link is used up and the account's sessions end"),
        Refusals
    ),
    security(())
)]
#[post("/set-password")]
pub(crate) async fn set_password(
    state: web::Data<AppState>,
    body: web::Json<SetPassword>,
) -> AppResult<HttpResponse> {
    let SetPassword { token, password } = body.into_inner();
    state
        .db(move |c| password_links::set_password(c, &token, &password))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(
    tag = "entrants",
    responses(
        (status = 200, description = "Every contest the entrant is registered in: the registration window and each entry of its unit with its progress", body = [entrant_home::EntrantContest]),
        Refusals
    )
)]
#[get("/entrant/contests")]
pub(crate) async fn overview(
    state: web::Data<AppState>,
    EntrantUser(u): EntrantUser,
) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(state.db(move |c| entrant_home::overview(c, &u)).await?))
}

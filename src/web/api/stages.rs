//! A contest's stages (tahap): the pipeline of screening, desk scoring, presentation and field
//! verification.

use crate::error::AppResult;
use crate::model::{ContestId, StageId};
use crate::services::stages::{self, NewStage, StageChanges};
use crate::web::auth::StaffUser;
use crate::web::openapi::Refusals;
use crate::web::AppState;
use actix_web::{delete, get, patch, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

/// Registers this module's routes (and their OpenAPI operations).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(add)
        .service(change)
        .service(remove);
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "setup",
    responses(
        (status = 200, description = "The contest's stages, in the order they run", body = [crate::services::stages::Stage]),
        Refusals
    )
)]
#[get("/contests/{id}/stages")]
pub(crate) async fn list(
    state: web::Data<AppState>,
    _s: StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    Ok(HttpResponse::Ok().json(state.db(move |c| stages::list(c, id)).await?))
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "setup",
    request_body = NewStage,
    responses(
        (status = 201, description = "The new stage (appended, or inserted at `position`)", body = crate::services::stages::Stage),
        Refusals
    )
)]
#[post("/contests/{id}/stages")]
pub(crate) async fn add(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    path: web::Path<ContestId>,
    body: web::Json<NewStage>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = body.into_inner();
    let stage = state.db(move |c| stages::add(c, &u, id, input)).await?;
    Ok(HttpResponse::Created().json(stage))
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("stage_id" = uuid::Uuid, Path, description = "Stage id")
    ),
    tag = "setup",
    request_body = StageChanges,
    responses(
        (status = 200, description = "The stage as now declared", body = crate::services::stages::Stage),
        Refusals
    )
)]
#[patch("/contests/{id}/stages/{stage_id}")]
pub(crate) async fn change(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    path: web::Path<(ContestId, StageId)>,
    body: web::Json<StageChanges>,
) -> AppResult<HttpResponse> {
    let (id, stage) = path.into_inner();
    let input = body.into_inner();
    let stage = state
        .db(move |c| stages::change(c, &u, id, stage, input))
        .await?;
    Ok(HttpResponse::Ok().json(stage))
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("stage_id" = uuid::Uuid, Path, description = "Stage id")
    ),
    tag = "setup",
    responses((status = 204, description = "Deleted; the later stages move up"), Refusals)
)]
#[delete("/contests/{id}/stages/{stage_id}")]
pub(crate) async fn remove(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    path: web::Path<(ContestId, StageId)>,
) -> AppResult<HttpResponse> {
    let (id, stage) = path.into_inner();
    state.db(move |c| stages::delete(c, &u, id, stage)).await?;
    Ok(HttpResponse::NoContent().finish())
}

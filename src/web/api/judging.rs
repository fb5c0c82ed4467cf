//! Judging: `GET /me/assignments`, the judge's own sheet (`GET/PUT
//! /contests/{id}/entries/{entry_id}/sheet`), recusal, and the committee's monitor.

use crate::error::AppResult;
use crate::model::*;
use crate::services::judging::{self, SheetInput};
use crate::services::monitor;
use crate::web::auth::{JudgeUser, StaffUser};
use crate::web::openapi::Refusals;
use crate::web::AppState;
use actix_web::{get, post, put, web, HttpResponse};
use serde::Deserialize;
use utoipa_actix_web::service_config::ServiceConfig;

/// Registers this module's routes (and their OpenAPI operations).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(my_assignments)
        .service(get_sheet)
        .service(put_sheet)
        .service(recuse)
        .service(get_monitor);
}

#[utoipa::path(
    tag = "judging",
    responses(
        (status = 200, description = "The caller's assigned entries", body = [crate::services::judging::Assignment]),
        Refusals
    )
)]
#[get("/me/assignments")]
pub(crate) async fn my_assignments(
    state: web::Data<AppState>,
    JudgeUser(judge): JudgeUser,
) -> AppResult<HttpResponse> {
    let list = state
        .db(move |c| judging::my_assignments(c, &judge))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("entry_id" = uuid::Uuid, Path)
    ),
    tag = "judging",
    responses(
        (status = 200, description = "The caller's own sheet", body = crate::services::judging::SheetView),
        Refusals
    )
)]
#[get("/contests/{id}/entries/{entry_id}/sheet")]
pub(crate) async fn get_sheet(
    state: web::Data<AppState>,
    JudgeUser(judge): JudgeUser,
    path: web::Path<(ContestId, EntryId)>,
) -> AppResult<HttpResponse> {
    let (id, entry) = path.into_inner();
    let sheet = state
        .db(move |c| judging::get_sheet(c, &judge, id, entry))
        .await?;
    Ok(HttpResponse::Ok().json(sheet))
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("entry_id" = uuid::Uuid, Path)
    ),
    tag = "judging",
    request_body = SheetInput,
    responses(
        (status = 200, description = "Stored", body = crate::services::judging::SheetView),
        Refusals
    )
)]
#[put("/contests/{id}/entries/{entry_id}/sheet")]
pub(crate) async fn put_sheet(
    state: web::Data<AppState>,
    JudgeUser(judge): JudgeUser,
    path: web::Path<(ContestId, EntryId)>,
    body: web::Json<SheetInput>,
) -> AppResult<HttpResponse> {
    let (id, entry) = path.into_inner();
    let input = body.into_inner();
    let writes = state.sheet_writes.clone();
    let sheet = state
        .with_pool(move |pool| judging::save_sheet(pool, &writes, &judge, id, entry, input))
        .await?;
    Ok(HttpResponse::Ok().json(sheet))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RecusalBody {
    #[schema(min_length = 1, max_length = 2000, pattern = r"\S")]
    pub reason: String,
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("entry_id" = uuid::Uuid, Path)
    ),
    tag = "judging",
    request_body = RecusalBody,
    responses(
        (status = 201, description = "Recorded", body = crate::services::judges::Conflict),
        Refusals
    )
)]
#[post("/contests/{id}/entries/{entry_id}/recusal")]
pub(crate) async fn recuse(
    state: web::Data<AppState>,
    JudgeUser(judge): JudgeUser,
    path: web::Path<(ContestId, EntryId)>,
    body: web::Json<RecusalBody>,
) -> AppResult<HttpResponse> {
    let (id, entry) = path.into_inner();
    let reason = body.into_inner().reason;
    let created = state
        .db(move |c| judging::recuse(c, &judge, id, entry, &reason))
        .await?;
    Ok(HttpResponse::Created().json(created))
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "judging",
    responses(
        (status = 200, description = "Progress of judging", body = crate::services::monitor::Monitor),
        Refusals
    )
)]
#[get("/contests/{id}/monitor")]
pub(crate) async fn get_monitor(
    state: web::Data<AppState>,
    _staff: StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let m = state.db(move |c| monitor::monitor(c, id)).await?;
    Ok(HttpResponse::Ok().json(m))
}

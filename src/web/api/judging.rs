//! Judging: `GET /me/assignments`, the judge's own sheet (`GET/PUT
//! /contests/{id}/entries/{entry_id}/sheet`), recusal, and the committee's monitor.

use crate::error::AppResult;
use crate::model::*;
use crate::services::judging::{self, SheetInput};
use crate::services::monitor;
use crate::web::auth::{JudgeUser, StaffUser};
use crate::web::AppState;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/me/assignments", web::get().to(my_assignments))
        .route(
            "/contests/{id}/entries/{entry_id}/sheet",
            web::get().to(get_sheet),
        )
        .route(
            "/contests/{id}/entries/{entry_id}/sheet",
            web::put().to(put_sheet),
        )
        .route(
            "/contests/{id}/entries/{entry_id}/recusal",
            web::post().to(recuse),
        )
        .route("/contests/{id}/monitor", web::get().to(get_monitor));
}

#[utoipa::path(get, path = "/api/v1/me/assignments", tag = "judging", responses((status = 200, description = "The caller's assigned entries", body = [crate::services::judging::Assignment]), crate::web::openapi::Refusals))]
pub(crate) async fn my_assignments(
    state: web::Data<AppState>,
    JudgeUser(judge): JudgeUser,
) -> AppResult<HttpResponse> {
    let list = state
        .db(move |c| judging::my_assignments(c, &judge))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[utoipa::path(get, path = "/api/v1/contests/{id}/entries/{entry_id}/sheet", tag = "judging", params(("id" = uuid::Uuid, Path, description = "Contest id"), ("entry_id" = uuid::Uuid, Path)), responses((status = 200, description = "The caller's own sheet", body = crate::services::judging::SheetView), crate::web::openapi::Refusals))]
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

#[utoipa::path(put, path = "/api/v1/contests/{id}/entries/{entry_id}/sheet", tag = "judging", params(("id" = uuid::Uuid, Path, description = "Contest id"), ("entry_id" = uuid::Uuid, Path)), request_body = SheetInput, responses((status = 200, description = "Stored", body = crate::services::judging::SheetView), crate::web::openapi::Refusals))]
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
    pub reason: String,
}

#[utoipa::path(post, path = "/api/v1/contests/{id}/entries/{entry_id}/recusal", tag = "judging", params(("id" = uuid::Uuid, Path, description = "Contest id"), ("entry_id" = uuid::Uuid, Path)), request_body = RecusalBody, responses((status = 201, description = "Recorded", body = Object), crate::web::openapi::Refusals))]
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

#[utoipa::path(get, path = "/api/v1/contests/{id}/monitor", tag = "judging", params(("id" = uuid::Uuid, Path, description = "Contest id")), responses((status = 200, description = "Progress of judging", body = crate::services::monitor::Monitor), crate::web::openapi::Refusals))]
pub(crate) async fn get_monitor(
    state: web::Data<AppState>,
    _staff: StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let m = state.db(move |c| monitor::monitor(c, id)).await?;
    Ok(HttpResponse::Ok().json(m))
}

//! Results: `GET /contests/{id}/results`, tie resolution, waivers, publication, exports, and
//! the public winners.

use crate::error::{AppError, AppResult};
use crate::model::*;
use crate::services::results::{self, actions};
use crate::web::auth::StaffUser;
use crate::web::error::parse_id;
use crate::web::AppState;
use actix_web::http::header;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/contests/{id}/results", web::get().to(get_results))
        .route(
            "/contests/{id}/clusters/{cluster_id}/tie-resolution",
            web::post().to(resolve_tie),
        )
        .route(
            "/contests/{id}/entries/{entry_id}/waivers",
            web::post().to(waive),
        )
        .route("/contests/{id}/publish", web::post().to(publish))
        .route("/contests/{id}/export.csv", web::get().to(export_csv))
        .route("/contests/{id}/export.xlsx", web::get().to(export_xlsx))
        .route(
            "/public/contests/{id}/winners",
            web::get().to(public_winners),
        );
}

#[utoipa::path(get, path = "/api/v1/contests/{id}/results", tag = "results", params(("id" = uuid::Uuid, Path, description = "Contest id")), responses((status = 200, description = "Rankings, prizes and explanations", body = crate::services::results::ContestResults), crate::web::openapi::Refusals))]
pub(crate) async fn get_results(
    state: web::Data<AppState>,
    _staff: StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let cached = state.results(id).await?;
    Ok(match cached.json() {
        Some(json) => HttpResponse::Ok()
            .content_type("application/json")
            .body(json),
        None => crate::web::streamed::json(move |out| Ok(cached.write_json(out)?)),
    })
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct TieBody {
    pub order: Vec<String>,
    pub reason: String,
}

#[utoipa::path(post, path = "/api/v1/contests/{id}/clusters/{cluster_id}/tie-resolution", tag = "results", params(("id" = uuid::Uuid, Path, description = "Contest id"), ("cluster_id" = uuid::Uuid, Path)), request_body = TieBody, responses((status = 201, description = "Recorded", body = Object), crate::web::openapi::Refusals))]
pub(crate) async fn resolve_tie(
    state: web::Data<AppState>,
    StaffUser(actor): StaffUser,
    path: web::Path<(ContestId, ClusterId)>,
    body: web::Json<TieBody>,
) -> AppResult<HttpResponse> {
    let (id, cluster) = path.into_inner();
    let body = body.into_inner();
    let order = body
        .order
        .iter()
        .map(|e| parse_id::<EntryId>("order", e))
        .collect::<AppResult<Vec<_>>>()?;
    let created = state
        .db(move |c| actions::resolve_tie(c, &actor, id, cluster, &order, &body.reason))
        .await?;
    Ok(HttpResponse::Created().json(created))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct WaiverBody {
    pub judge_id: String,
    pub reason: String,
}

#[utoipa::path(post, path = "/api/v1/contests/{id}/entries/{entry_id}/waivers", tag = "results", params(("id" = uuid::Uuid, Path, description = "Contest id"), ("entry_id" = uuid::Uuid, Path)), request_body = WaiverBody, responses((status = 201, description = "Recorded", body = Object), crate::web::openapi::Refusals))]
pub(crate) async fn waive(
    state: web::Data<AppState>,
    StaffUser(actor): StaffUser,
    path: web::Path<(ContestId, EntryId)>,
    body: web::Json<WaiverBody>,
) -> AppResult<HttpResponse> {
    let (id, entry) = path.into_inner();
    let body = body.into_inner();
    let judge: JudgeId = parse_id("judge_id", &body.judge_id)?;
    let created = state
        .db(move |c| actions::waive(c, &actor, id, entry, judge, &body.reason))
        .await?;
    Ok(HttpResponse::Created().json(created))
}

/// The same as `POST /contests/{id}/phase {"phase":"published"}`.
#[utoipa::path(post, path = "/api/v1/contests/{id}/publish", tag = "results", params(("id" = uuid::Uuid, Path, description = "Contest id")), responses((status = 200, description = "Published", body = crate::services::results::ContestResults), crate::web::openapi::Refusals))]
pub(crate) async fn publish(
    state: web::Data<AppState>,
    StaffUser(actor): StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let published = state.db(move |c| actions::publish(c, &actor, id)).await?;
    Ok(HttpResponse::Ok().json(published))
}

fn attachment(name: &str) -> (header::HeaderName, String) {
    (
        header::CONTENT_DISPOSITION,
        format!("attachment; filename=\"{name}\""),
    )
}

#[utoipa::path(get, path = "/api/v1/contests/{id}/export.csv", tag = "results", params(("id" = uuid::Uuid, Path, description = "Contest id")), responses((status = 200, description = "The recap; once published the canonical document of the digest", content_type = "text/csv", body = String), crate::web::openapi::Refusals))]
pub(crate) async fn export_csv(
    state: web::Data<AppState>,
    _staff: StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let (csv, digest) = state.db(move |c| results::export_csv(c, id)).await?;
    let mut res = HttpResponse::Ok();
    res.content_type("text/csv; charset=utf-8")
        .insert_header(attachment("rekapitulasi-nilai.csv"));
    if let Some(d) = digest {
        res.insert_header(("X-Juri-Digest", d));
    }
    Ok(res.body(csv))
}

#[utoipa::path(get, path = "/api/v1/contests/{id}/export.xlsx", tag = "results", params(("id" = uuid::Uuid, Path, description = "Contest id")), responses((status = 200, description = "The recap as a workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>), crate::web::openapi::Refusals))]
pub(crate) async fn export_xlsx(
    state: web::Data<AppState>,
    _staff: StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let bytes = state.db(move |c| results::export_xlsx(c, id)).await?;
    Ok(HttpResponse::Ok()
        .content_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .insert_header(attachment("rekapitulasi-nilai.xlsx"))
        .body(bytes))
}

/// Public: no sign-in. 404 until the contest is published.
#[utoipa::path(get, path = "/api/v1/public/contests/{id}/winners", tag = "public", security(()), params(("id" = uuid::Uuid, Path, description = "Contest id")), responses((status = 200, description = "Winners of a published contest", body = crate::services::results::PublicWinners), (status = 404, description = "Not published (or no such contest)", body = crate::web::openapi::ErrorBody), (status = 503, description = "Busy", body = crate::web::openapi::ErrorBody)))]
pub(crate) async fn public_winners(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    // Public: a malformed id is a contest that does not exist, like any other.
    let id: ContestId = path.parse().map_err(|_| AppError::not_found())?;
    let winners = state.db(move |c| results::public_winners(c, id)).await?;
    Ok(HttpResponse::Ok().json(winners))
}

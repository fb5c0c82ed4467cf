//! Results: `GET /contests/{id}/results`, tie resolution, waivers, publication, exports, and
//! the public winners.

use crate::error::{AppError, AppResult};
use crate::model::*;
use crate::services::results::{self, actions};
use crate::web::auth::StaffUser;
use crate::web::error::parse_id;
use crate::web::openapi::{ErrorBody, Refusals};
use crate::web::AppState;
use actix_web::http::header;
use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;
use utoipa_actix_web::service_config::ServiceConfig;

/// Registers this module's routes (and their OpenAPI operations).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_results)
        .service(resolve_tie)
        .service(waive)
        .service(publish)
        .service(export_csv)
        .service(export_manifest)
        .service(export_xlsx)
        .service(public_winners);
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "results",
    responses(
        (status = 200, description = "Rankings, prizes and explanations", body = crate::services::results::ContestResults),
        Refusals
    )
)]
#[get("/contests/{id}/results")]
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
    #[schema(value_type = Vec<uuid::Uuid>)]
    pub order: Vec<String>,
    #[schema(min_length = 1, max_length = 2000, pattern = r"\S")]
    pub reason: String,
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("cluster_id" = uuid::Uuid, Path)
    ),
    tag = "results",
    request_body = TieBody,
    responses(
        (status = 201, description = "Recorded", body = crate::db::decisions::TieResolution),
        Refusals
    )
)]
#[post("/contests/{id}/clusters/{cluster_id}/tie-resolution")]
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
    #[schema(format = Uuid)]
    pub judge_id: String,
    #[schema(min_length = 1, max_length = 2000, pattern = r"\S")]
    pub reason: String,
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("entry_id" = uuid::Uuid, Path)
    ),
    tag = "results",
    request_body = WaiverBody,
    responses(
        (status = 201, description = "Recorded", body = crate::db::decisions::Waiver),
        Refusals
    )
)]
#[post("/contests/{id}/entries/{entry_id}/waivers")]
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
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "results",
    responses(
        (status = 200, description = "Published", body = crate::services::results::ContestResults),
        Refusals
    )
)]
#[post("/contests/{id}/publish")]
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

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "results",
    responses(
        (status = 200, description = "The recap; once published the canonical document of the digest", content_type = "text/csv", body = String),
        Refusals
    )
)]
#[get("/contests/{id}/export.csv")]
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

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "results",
    responses(
        (status = 200, description = "The manifest of the prize winners' documents (name, SHA-256); the digest covers the recap followed by it. Empty when the winners have no documents", content_type = "text/csv", body = String),
        Refusals
    )
)]
#[get("/contests/{id}/documents-manifest.csv")]
pub(crate) async fn export_manifest(
    state: web::Data<AppState>,
    _staff: StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let csv = state.db(move |c| results::export_manifest(c, id)).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(attachment("manifes-dokumen.csv"))
        .body(csv))
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "results",
    responses(
        (status = 200, description = "The recap as a workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        Refusals
    )
)]
#[get("/contests/{id}/export.xlsx")]
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
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "public",
    security(()),
    responses(
        (status = 200, description = "Winners of a published contest", body = crate::services::results::PublicWinners),
        (status = 404, description = "Not published (or no such contest)", body = ErrorBody),
        (status = 503, description = "Busy", body = ErrorBody)
    )
)]
#[get("/public/contests/{id}/winners")]
pub(crate) async fn public_winners(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    // Public: a malformed id is a contest that does not exist, like any other.
    let id: ContestId = path.parse().map_err(|_| AppError::not_found())?;
    let winners = state.db(move |c| results::public_winners(c, id)).await?;
    Ok(HttpResponse::Ok().json(winners))
}

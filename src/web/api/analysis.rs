//! How far a result can be trusted: robustness, margins, agreement, leniency and outliers per
//! cluster, for the committee (judges see none of it).

use crate::error::AppResult;
use crate::model::{ContestId, StageId};
use crate::services::analysis;
use crate::web::auth::StaffUser;
use crate::web::openapi::Refusals;
use crate::web::AppState;
use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;
use utoipa_actix_web::service_config::ServiceConfig;

/// Registers this module's routes (and their OpenAPI operations).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(current).service(of_stage).service(acknowledge);
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "results",
    responses(
        (status = 200, description = "The analysis of the contest's current stage", body = crate::services::analysis::Analysis),
        Refusals
    )
)]
#[get("/contests/{id}/analysis")]
pub(crate) async fn current(
    state: web::Data<AppState>,
    _s: StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let found = state.db(move |c| analysis::of_stage(c, id, None)).await?;
    Ok(HttpResponse::Ok().json(found))
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("stage_id" = uuid::Uuid, Path, description = "Stage id")
    ),
    tag = "results",
    responses(
        (status = 200, description = "The analysis of that stage", body = crate::services::analysis::Analysis),
        Refusals
    )
)]
#[get("/contests/{id}/stages/{stage_id}/analysis")]
pub(crate) async fn of_stage(
    state: web::Data<AppState>,
    _s: StaffUser,
    path: web::Path<(ContestId, StageId)>,
) -> AppResult<HttpResponse> {
    let (id, stage) = path.into_inner();
    let found = state
        .db(move |c| analysis::of_stage(c, id, Some(stage)))
        .await?;
    Ok(HttpResponse::Ok().json(found))
}

/// Why the committee accepts positions that depend on a single judge.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct AcknowledgementBody {
    #[schema(required = true, min_length = 1, max_length = 2000, pattern = r"\S")]
    #[serde(default)]
    pub reason: String,
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "results",
    request_body = AcknowledgementBody,
    responses(
        (status = 201, description = "Recorded for the current stage, with the positions not stable now", body = crate::services::gate::Acknowledgement),
        Refusals
    )
)]
#[post("/contests/{id}/analysis/acknowledgement")]
pub(crate) async fn acknowledge(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    path: web::Path<ContestId>,
    body: web::Json<AcknowledgementBody>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let reason = body.into_inner().reason;
    let recorded = state
        .db(move |c| crate::services::gate::acknowledge(c, &u, id, &reason))
        .await?;
    Ok(HttpResponse::Created().json(recorded))
}

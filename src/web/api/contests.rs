//! Contest setup: contests, clusters and prizes, the rubric and tie-break, the phase, the audit.

use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::model::*;
use crate::services::contests::{self, NewContest};
use crate::services::phase;
use crate::services::rubric::{self, NewCluster, NewCriterion, PrizesInput};
use crate::web::auth::StaffUser;
use crate::web::openapi::Refusals;
use crate::web::AppState;
use actix_web::{delete, get, patch, post, put, web, HttpResponse};
use serde::Deserialize;
use utoipa_actix_web::service_config::ServiceConfig;

/// Registers this module's routes (and their OpenAPI operations).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(get)
        .service(patch)
        .service(add_cluster)
        .service(put_prizes)
        .service(add_criterion)
        .service(delete_criterion)
        .service(put_tie_break)
        .service(set_phase)
        .service(audit);
}

#[utoipa::path(
    tag = "setup",
    responses(
        (status = 200, description = "Contests", body = [crate::services::contests::ContestSummary]),
        Refusals
    )
)]
#[get("/contests")]
pub(crate) async fn list(state: web::Data<AppState>, _s: StaffUser) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(state.db(contests::list).await?))
}

#[utoipa::path(
    tag = "setup",
    request_body = NewContest,
    responses(
        (status = 201, description = "Created", body = crate::services::contests::Contest),
        Refusals
    )
)]
#[post("/contests")]
pub(crate) async fn create(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    body: web::Json<NewContest>,
) -> AppResult<HttpResponse> {
    let input = body.into_inner();
    let contest = state.db(move |c| contests::create(c, &u, input)).await?;
    Ok(HttpResponse::Created().json(contest))
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "setup",
    responses(
        (status = 200, description = "The contest with clusters, tiers and criteria", body = crate::services::contests::Contest),
        Refusals
    )
)]
#[get("/contests/{id}")]
pub(crate) async fn get(
    state: web::Data<AppState>,
    _s: StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    Ok(HttpResponse::Ok().json(state.db(move |c| contests::detail(c, id)).await?))
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "setup",
    request_body(content = Object, description = "Any of name, year, description, aggregation, min_award_score, blind (in the first stage's setup); outlier_points, robustness_gate (until publication); normalisation (`none` or `leniency`: the current stage's, while it is in setup)"),
    responses(
        (status = 200, description = "Changed", body = crate::services::contests::Contest),
        Refusals
    )
)]
#[patch("/contests/{id}")]
pub(crate) async fn patch(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    path: web::Path<ContestId>,
    body: web::Json<serde_json::Value>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let serde_json::Value::Object(map) = body.into_inner() else {
        return Err(AppError::bad_request(crate::i18n::Text::with(
            Msg::ErrMalformedJson,
            ["object expected"],
        )));
    };
    Ok(HttpResponse::Ok().json(state.db(move |c| contests::patch(c, &u, id, &map)).await?))
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "setup",
    request_body = NewCluster,
    responses(
        (status = 201, description = "Created", body = crate::services::contests::Cluster),
        Refusals
    )
)]
#[post("/contests/{id}/clusters")]
pub(crate) async fn add_cluster(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    path: web::Path<ContestId>,
    body: web::Json<NewCluster>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = body.into_inner();
    let (cluster_id, contest) = state
        .db(move |c| rubric::add_cluster(c, &u, id, input))
        .await?;
    let cluster = contest
        .clusters
        .into_iter()
        .find(|c| c.id == cluster_id)
        .ok_or_else(AppError::not_found)?;
    Ok(HttpResponse::Created().json(cluster))
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("cluster_id" = uuid::Uuid, Path)
    ),
    tag = "setup",
    request_body = PrizesInput,
    responses(
        (status = 200, description = "Tiers replaced", body = crate::services::contests::Contest),
        Refusals
    )
)]
#[put("/contests/{id}/clusters/{cluster_id}/prizes")]
pub(crate) async fn put_prizes(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    path: web::Path<(ContestId, ClusterId)>,
    body: web::Json<PrizesInput>,
) -> AppResult<HttpResponse> {
    let (id, cluster) = path.into_inner();
    let input = body.into_inner();
    let contest = state
        .db(move |c| rubric::put_prizes(c, &u, id, cluster, input))
        .await?;
    Ok(HttpResponse::Ok().json(contest))
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "setup",
    request_body = NewCriterion,
    responses(
        (status = 201, description = "Created", body = crate::services::contests::Criterion),
        Refusals
    )
)]
#[post("/contests/{id}/criteria")]
pub(crate) async fn add_criterion(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    path: web::Path<ContestId>,
    body: web::Json<NewCriterion>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = body.into_inner();
    let (criterion_id, contest) = state
        .db(move |c| rubric::add_criterion(c, &u, id, None, input))
        .await?;
    let criterion = contest
        .criteria
        .into_iter()
        .find(|c| c.id == criterion_id)
        .ok_or_else(AppError::not_found)?;
    Ok(HttpResponse::Created().json(criterion))
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("criterion_id" = uuid::Uuid, Path)
    ),
    tag = "setup",
    responses(
        (status = 200, description = "Removed", body = crate::services::contests::Contest),
        Refusals
    )
)]
#[delete("/contests/{id}/criteria/{criterion_id}")]
pub(crate) async fn delete_criterion(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    path: web::Path<(ContestId, CriterionId)>,
) -> AppResult<HttpResponse> {
    let (id, criterion) = path.into_inner();
    Ok(HttpResponse::Ok().json(
        state
            .db(move |c| rubric::delete_criterion(c, &u, id, None, criterion))
            .await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct TieBreakBody {
    #[schema(value_type = Vec<uuid::Uuid>)]
    pub criteria: Vec<String>,
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "setup",
    request_body = TieBreakBody,
    responses(
        (status = 200, description = "Declared", body = crate::services::contests::Contest),
        Refusals
    )
)]
#[put("/contests/{id}/tie-break")]
pub(crate) async fn put_tie_break(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    path: web::Path<ContestId>,
    body: web::Json<TieBreakBody>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let order = body.into_inner().criteria;
    Ok(HttpResponse::Ok().json(
        state
            .db(move |c| rubric::put_tie_break(c, &u, id, None, &order))
            .await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PhaseBody {
    /// `judging`, `closed` or `published` (one step forward at a time).
    #[schema(value_type = crate::model::Phase)]
    pub phase: String,
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "setup",
    request_body = PhaseBody,
    responses(
        (status = 200, description = "The new phase (published: the results)", body = crate::services::phase::PhaseOutcome),
        Refusals
    )
)]
#[post("/contests/{id}/phase")]
pub(crate) async fn set_phase(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    path: web::Path<ContestId>,
    body: web::Json<PhaseBody>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let target = body.into_inner().phase;
    Ok(HttpResponse::Ok().json(
        state
            .db(move |c| phase::transition(c, &u, id, &target))
            .await?,
    ))
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "setup",
    responses(
        (status = 200, description = "The audit trail, newest first", body = [crate::db::audit::AuditRow]),
        Refusals
    )
)]
#[get("/contests/{id}/audit")]
pub(crate) async fn audit(
    state: web::Data<AppState>,
    _s: StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let rows = state
        .db(move |c| {
            crate::db::contests::find(c, id)?;
            Ok(crate::db::audit::for_contest(c, id, 1000)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(rows))
}

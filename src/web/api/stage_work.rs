//! The stage-scoped forms of the setup and judging routes (a later stage's rubric and
//! assignments; every stage's results), screening decisions, and sealing a stage.

use super::judges::{AutoBody, PairBody};
use crate::error::{AppError, AppResult};
use crate::model::{ContestId, EntryId, StageId};
use crate::services::rubric::{self, NewCriterion};
use crate::services::seal::{self, ScreeningInput};
use crate::services::{judges, stage_results};
use crate::web::api::contests::TieBreakBody;
use crate::web::auth::StaffUser;
use crate::web::error::parse_id;
use crate::web::openapi::Refusals;
use crate::web::AppState;
use actix_web::{get, post, put, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

/// Registers this module's routes (and their OpenAPI operations).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(criteria)
        .service(add_criterion)
        .service(tie_break)
        .service(assignments)
        .service(assign)
        .service(auto)
        .service(results)
        .service(screening)
        .service(seal_stage);
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("stage_id" = uuid::Uuid, Path, description = "Stage id")
    ),
    tag = "stages",
    responses(
        (status = 200, description = "The stage's rubric, in order", body = [crate::services::contests::Criterion]),
        Refusals
    )
)]
#[get("/contests/{id}/stages/{stage_id}/criteria")]
pub(crate) async fn criteria(
    state: web::Data<AppState>,
    _s: StaffUser,
    path: web::Path<(ContestId, StageId)>,
) -> AppResult<HttpResponse> {
    let (id, stage) = path.into_inner();
    let rubric = state
        .db(move |c| rubric::stage_rubric(c, id, Some(stage)))
        .await?;
    Ok(HttpResponse::Ok().json(rubric.criteria))
}

/// A later stage's rubric can be prepared while an earlier stage runs.
#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("stage_id" = uuid::Uuid, Path, description = "Stage id")
    ),
    tag = "stages",
    request_body = NewCriterion,
    responses(
        (status = 201, description = "Created", body = crate::services::contests::Criterion),
        Refusals
    )
)]
#[post("/contests/{id}/stages/{stage_id}/criteria")]
pub(crate) async fn add_criterion(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    path: web::Path<(ContestId, StageId)>,
    body: web::Json<NewCriterion>,
) -> AppResult<HttpResponse> {
    let (id, stage) = path.into_inner();
    let input = body.into_inner();
    let criterion = state
        .db(move |c| {
            let (criterion_id, _) = rubric::add_criterion(c, &u, id, Some(stage), input)?;
            rubric::stage_rubric(c, id, Some(stage))?
                .criteria
                .into_iter()
                .find(|c| c.id == criterion_id)
                .ok_or_else(AppError::not_found)
        })
        .await?;
    Ok(HttpResponse::Created().json(criterion))
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("stage_id" = uuid::Uuid, Path, description = "Stage id")
    ),
    tag = "stages",
    request_body = TieBreakBody,
    responses(
        (status = 200, description = "Declared: the stage's rubric and tie-break order", body = crate::services::rubric::StageRubric),
        Refusals
    )
)]
#[put("/contests/{id}/stages/{stage_id}/tie-break")]
pub(crate) async fn tie_break(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    path: web::Path<(ContestId, StageId)>,
    body: web::Json<TieBreakBody>,
) -> AppResult<HttpResponse> {
    let (id, stage) = path.into_inner();
    let order = body.into_inner().criteria;
    let rubric = state
        .db(move |c| {
            rubric::put_tie_break(c, &u, id, Some(stage), &order)?;
            rubric::stage_rubric(c, id, Some(stage))
        })
        .await?;
    Ok(HttpResponse::Ok().json(rubric))
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("stage_id" = uuid::Uuid, Path, description = "Stage id")
    ),
    tag = "stages",
    responses(
        (status = 200, description = "The stage's assignments", body = [crate::services::judges::Assignment]),
        Refusals
    )
)]
#[get("/contests/{id}/stages/{stage_id}/assignments")]
pub(crate) async fn assignments(
    state: web::Data<AppState>,
    _s: StaffUser,
    path: web::Path<(ContestId, StageId)>,
) -> AppResult<HttpResponse> {
    let (id, stage) = path.into_inner();
    Ok(HttpResponse::Ok().json(
        state
            .db(move |c| judges::assignments(c, id, Some(stage)))
            .await?,
    ))
}

/// A stage's assignments can be made once the stage before it is sealed (its entries are
/// known then) and while it is in setup.
#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("stage_id" = uuid::Uuid, Path, description = "Stage id")
    ),
    tag = "stages",
    request_body = PairBody,
    responses(
        (status = 201, description = "Assigned", body = crate::services::judges::Assignment),
        Refusals
    )
)]
#[post("/contests/{id}/stages/{stage_id}/assignments")]
pub(crate) async fn assign(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    path: web::Path<(ContestId, StageId)>,
    body: web::Json<PairBody>,
) -> AppResult<HttpResponse> {
    let (id, stage) = path.into_inner();
    let b = body.into_inner();
    let (j, e) = (
        parse_id("judge_id", &b.judge_id)?,
        parse_id("entry_id", &b.entry_id)?,
    );
    let created = state
        .db(move |c| judges::assign(c, &u, id, Some(stage), j, e))
        .await?;
    Ok(HttpResponse::Created().json(created))
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("stage_id" = uuid::Uuid, Path, description = "Stage id")
    ),
    tag = "stages",
    request_body = AutoBody,
    responses(
        (status = 200, description = "The plan applied", body = crate::services::judges::AutoResult),
        Refusals
    )
)]
#[post("/contests/{id}/stages/{stage_id}/assignments/auto")]
pub(crate) async fn auto(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    path: web::Path<(ContestId, StageId)>,
    body: web::Json<AutoBody>,
) -> AppResult<HttpResponse> {
    let (id, stage) = path.into_inner();
    let mode = body.into_inner().mode()?;
    Ok(HttpResponse::Ok().json(
        state
            .db(move |c| judges::auto(c, &u, id, Some(stage), mode))
            .await?,
    ))
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("stage_id" = uuid::Uuid, Path, description = "Stage id")
    ),
    tag = "stages",
    responses(
        (status = 200, description = "The stage's ranking or screening per cluster, who advances, and once sealed its digest", body = crate::services::stage_results::StageResults),
        Refusals
    )
)]
#[get("/contests/{id}/stages/{stage_id}/results")]
pub(crate) async fn results(
    state: web::Data<AppState>,
    _s: StaffUser,
    path: web::Path<(ContestId, StageId)>,
) -> AppResult<HttpResponse> {
    let (id, stage) = path.into_inner();
    Ok(HttpResponse::Ok().json(
        state
            .db(move |c| stage_results::of_stage(c, id, Some(stage)))
            .await?,
    ))
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("stage_id" = uuid::Uuid, Path, description = "Stage id"),
        ("entry_id" = uuid::Uuid, Path, description = "Entry id")
    ),
    tag = "stages",
    request_body = ScreeningInput,
    responses(
        (status = 200, description = "Recorded (replacing an earlier decision)", body = crate::services::seal::Screening),
        Refusals
    )
)]
#[put("/contests/{id}/stages/{stage_id}/screening/{entry_id}")]
pub(crate) async fn screening(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    path: web::Path<(ContestId, StageId, EntryId)>,
    body: web::Json<ScreeningInput>,
) -> AppResult<HttpResponse> {
    let (id, stage, entry) = path.into_inner();
    let input = body.into_inner();
    Ok(HttpResponse::Ok().json(
        state
            .db(move |c| seal::screen(c, &u, id, stage, entry, input))
            .await?,
    ))
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("stage_id" = uuid::Uuid, Path, description = "Stage id")
    ),
    tag = "stages",
    responses(
        (status = 200, description = "Sealed: the digest and the shortlist per cluster", body = crate::services::seal::Sealed),
        Refusals
    )
)]
#[post("/contests/{id}/stages/{stage_id}/seal")]
pub(crate) async fn seal_stage(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    path: web::Path<(ContestId, StageId)>,
) -> AppResult<HttpResponse> {
    let (id, stage) = path.into_inner();
    Ok(HttpResponse::Ok().json(state.db(move |c| seal::seal(c, &u, id, stage)).await?))
}

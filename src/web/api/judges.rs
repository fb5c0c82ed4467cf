//! Judges, conflicts of interest and assignments of a contest.

use crate::error::{AppError, AppResult};
use crate::i18n::setup::SetupMsg;
use crate::model::*;
use crate::services::judges::{self, NewJudge};
use crate::web::auth::StaffUser;
use crate::web::error::parse_id;
use crate::web::openapi::Refusals;
use crate::web::AppState;
use actix_web::{delete, get, post, web, HttpResponse};
use serde::Deserialize;
use utoipa_actix_web::service_config::ServiceConfig;

/// Registers this module's routes (and their OpenAPI operations).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(add)
        .service(conflicts)
        .service(declare)
        .service(assignments)
        .service(assign)
        .service(auto)
        .service(unassign);
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "setup",
    responses(
        (status = 200, description = "Judges", body = [crate::services::judges::Judge]),
        Refusals
    )
)]
#[get("/contests/{id}/judges")]
pub(crate) async fn list(
    state: web::Data<AppState>,
    _s: StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    Ok(HttpResponse::Ok().json(state.db(move |c| judges::list(c, id)).await?))
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "setup",
    request_body = NewJudge,
    responses(
        (status = 201, description = "The judge (account created or attached)", body = crate::services::judges::Judge),
        Refusals
    )
)]
#[post("/contests/{id}/judges")]
pub(crate) async fn add(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    path: web::Path<ContestId>,
    body: web::Json<NewJudge>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = body.into_inner();
    Ok(HttpResponse::Created().json(state.db(move |c| judges::add(c, &u, id, input)).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PairBody {
    #[schema(format = Uuid)]
    pub judge_id: String,
    #[schema(format = Uuid)]
    pub entry_id: String,
    #[serde(default)]
    pub reason: String,
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "setup",
    responses(
        (status = 200, description = "Declared conflicts and recusals", body = [crate::services::judges::Conflict]),
        Refusals
    )
)]
#[get("/contests/{id}/conflicts")]
pub(crate) async fn conflicts(
    state: web::Data<AppState>,
    _s: StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    Ok(HttpResponse::Ok().json(state.db(move |c| judges::conflicts(c, id)).await?))
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "setup",
    request_body = PairBody,
    responses(
        (status = 201, description = "Recorded", body = crate::services::judges::Conflict),
        Refusals
    )
)]
#[post("/contests/{id}/conflicts")]
pub(crate) async fn declare(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    path: web::Path<ContestId>,
    body: web::Json<PairBody>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let b = body.into_inner();
    let (j, e) = (
        parse_id("judge_id", &b.judge_id)?,
        parse_id("entry_id", &b.entry_id)?,
    );
    Ok(HttpResponse::Created().json(
        state
            .db(move |c| judges::declare_conflict(c, &u, id, j, e, &b.reason))
            .await?,
    ))
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "setup",
    responses(
        (status = 200, description = "Assignments", body = [crate::services::judges::Assignment]),
        Refusals
    )
)]
#[get("/contests/{id}/assignments")]
pub(crate) async fn assignments(
    state: web::Data<AppState>,
    _s: StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    Ok(HttpResponse::Ok().json(state.db(move |c| judges::assignments(c, id, None)).await?))
}

/// During setup the committee assigns freely; during judging this is how a recused entry gets
/// a new judge (same checks).
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "setup",
    request_body = PairBody,
    responses(
        (status = 201, description = "Assigned", body = crate::services::judges::Assignment),
        Refusals
    )
)]
#[post("/contests/{id}/assignments")]
pub(crate) async fn assign(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    path: web::Path<ContestId>,
    body: web::Json<PairBody>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let b = body.into_inner();
    let (j, e) = (
        parse_id("judge_id", &b.judge_id)?,
        parse_id("entry_id", &b.entry_id)?,
    );
    let created = state
        .db(move |c| judges::assign_in_any_phase(c, &u, id, j, e))
        .await?;
    Ok(HttpResponse::Created().json(created))
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("assignment_id" = uuid::Uuid, Path)
    ),
    tag = "setup",
    responses(
        (status = 204, description = "Removed"),
        Refusals
    )
)]
#[delete("/contests/{id}/assignments/{assignment_id}")]
pub(crate) async fn unassign(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    path: web::Path<(ContestId, AssignmentId)>,
) -> AppResult<HttpResponse> {
    let (id, a) = path.into_inner();
    state.db(move |c| judges::unassign(c, &u, id, a)).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AutoBody {
    #[schema(minimum = 1, maximum = 20)]
    pub judges_per_entry: Option<i64>,
    /// `panel`: every judge scores every entry of their clusters (instead of `judges_per_entry`).
    #[schema(pattern = "^panel$")]
    pub mode: Option<String>,
}

impl AutoBody {
    /// The plan asked for (422 on `judges_per_entry` when it is neither k judges per entry nor
    /// the panel).
    pub fn mode(self) -> AppResult<crate::domain::assignment::AutoMode> {
        let panel = match self.mode.as_deref() {
            None => false,
            Some("panel") => true,
            Some(_) => return Err(AppError::invalid("judges_per_entry", SetupMsg::ErrAutoBody)),
        };
        judges::auto_mode(self.judges_per_entry, panel)
    }
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "setup",
    request_body = AutoBody,
    responses(
        (status = 200, description = "The plan applied", body = crate::services::judges::AutoResult),
        Refusals
    )
)]
#[post("/contests/{id}/assignments/auto")]
pub(crate) async fn auto(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    path: web::Path<ContestId>,
    body: web::Json<AutoBody>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let mode = body.into_inner().mode()?;
    Ok(HttpResponse::Ok().json(
        state
            .db(move |c| judges::auto(c, &u, id, None, mode))
            .await?,
    ))
}

//! A stage's page and its forms (screening decisions, the order of a tie at the cut, sealing),
//! and its documents. Each form calls the service the JSON API calls and returns to the stage's
//! page, or shows it again with the refusal next to the form.

use super::form::HtmlForm;
use super::notice::Notice;
use super::{ctx, refused, see_other};
use crate::error::{AppError, AppResult};
use crate::model::{ClusterId, ContestId, EntryId, StageId};
use crate::services::results::actions;
use crate::services::seal::{self, ScreeningInput};
use crate::services::{contests, stage_results, stages, CurrentUser};
use crate::views::setup::Problem;
use crate::views::stage::{self as view, StagePage};
use crate::web::auth::StaffUser;
use crate::web::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use maud::Markup;
use std::collections::HashMap;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/contests/{id}/stages/{stage_id}", web::get().to(show))
        .route(
            "/contests/{id}/stages/{stage_id}/screening/{entry_id}",
            web::post().to(screen),
        )
        .route(
            "/contests/{id}/stages/{stage_id}/tie-resolution/{cluster_id}",
            web::post().to(resolve_tie),
        )
        .route(
            "/contests/{id}/stages/{stage_id}/seal",
            web::post().to(seal),
        )
        .route(
            "/contests/{id}/stages/{stage_id}/criteria",
            web::post().to(add_criterion),
        )
        .route(
            "/contests/{id}/stages/{stage_id}/berita-acara",
            web::get().to(minutes),
        )
        .route(
            "/contests/{id}/stages/{stage_id}/nominasi",
            web::get().to(nominees),
        )
        .route(
            "/contests/{id}/stages/{stage_id}/laporan-analisis",
            web::get().to(analysis_report),
        )
        .route(
            "/contests/{id}/stages/{stage_id}/analysis",
            web::get().to(stage_analysis),
        );
}

/// What the stage's page and documents are made of.
struct Loaded {
    contest: contests::Contest,
    stages: Vec<stages::Stage>,
    results: stage_results::StageResults,
    rubric: Vec<contests::Criterion>,
    current: StageId,
    sealed_at: Option<chrono::NaiveDate>,
    /// What each entry lacks against the committee's requirements (screening stages only).
    gaps: std::collections::HashMap<crate::model::EntryId, crate::services::proposal::Gaps>,
}

impl Loaded {
    fn stage(&self, id: StageId) -> AppResult<&stages::Stage> {
        self.stages
            .iter()
            .find(|s| s.id == id)
            .ok_or_else(AppError::not_found)
    }

    fn next(&self, id: StageId) -> Option<&stages::Stage> {
        let position = self.stage(id).ok()?.position;
        self.stages.iter().find(|s| s.position == position + 1)
    }
}

async fn load(state: &AppState, id: ContestId, stage: StageId) -> AppResult<Loaded> {
    state
        .db(move |c| {
            let row = crate::services::setup_common::stage_of(c, id, Some(stage))?;
            Ok(Loaded {
                contest: contests::detail(c, id)?,
                stages: stages::list(c, id)?,
                results: stage_results::results(c, &row)?,
                rubric: crate::services::rubric::stage_rubric(c, id, Some(stage))?.criteria,
                current: crate::db::stages::current(c, id)?.id,
                sealed_at: crate::db::stages::sealed_at(c, stage)?.map(|t| t.date()),
                gaps: if row.declaration.kind == crate::model::StageKind::Screening {
                    crate::services::proposal::gaps(c, id)?
                } else {
                    Default::default()
                },
            })
        })
        .await
}

async fn render(
    state: &AppState,
    req: &HttpRequest,
    user: &CurrentUser,
    id: ContestId,
    stage: StageId,
    problem: Problem,
) -> AppResult<Markup> {
    let c = ctx(req, Some(user));
    let info = Notice::of(req).map(|n| c.t(n.text()));
    let loaded = load(state, id, stage).await?;
    let page = StagePage {
        contest: &loaded.contest,
        stage: loaded.stage(stage)?,
        stages: loaded.stages.len(),
        results: &loaded.results,
        current: loaded.current == stage,
        next: loaded.next(stage),
        rubric: &loaded.rubric,
        gaps: &loaded.gaps,
    };
    Ok(view::stage_page(&c, &page, &problem, info))
}

async fn show(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, StageId)>,
) -> AppResult<Markup> {
    let (id, stage) = path.into_inner();
    render(&state, &req, &user, id, stage, Problem::default()).await
}

/// After a form: back to the stage's page, or the page again with the refusal.
#[allow(clippy::too_many_arguments)]
async fn finish(
    state: &AppState,
    req: &HttpRequest,
    user: &CurrentUser,
    id: ContestId,
    stage: StageId,
    form: &str,
    outcome: AppResult<()>,
    notice: Notice,
) -> AppResult<HttpResponse> {
    match outcome {
        Ok(()) => Ok(see_other(
            &notice.after(&format!("/contests/{id}/stages/{stage}")),
        )),
        Err(err) if err.kind.is_client_error() => {
            let problem = Problem::new(form, &err, &ctx(req, Some(user)));
            Ok(refused(
                &err,
                render(state, req, user, id, stage, problem).await?,
            ))
        }
        Err(err) => Err(err),
    }
}

/// A screening decision as the form sends it.
#[derive(serde::Deserialize)]
struct ScreeningForm {
    #[serde(default)]
    eligible: String,
    #[serde(default)]
    failed: Vec<String>,
    #[serde(default)]
    note: String,
}

async fn screen(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, StageId, EntryId)>,
    form: HtmlForm<ScreeningForm>,
) -> AppResult<HttpResponse> {
    let (id, stage, entry) = path.into_inner();
    let form = form.into_inner();
    let input = ScreeningInput {
        eligible: match form.eligible.as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        },
        failed: form.failed,
        note: form.note,
    };
    let actor = user.clone();
    let outcome = state
        .db(move |c| seal::screen(c, &actor, id, stage, entry, input).map(|_| ()))
        .await;
    let name = format!("screening-{entry}");
    finish(
        &state,
        &req,
        &user,
        id,
        stage,
        &name,
        outcome,
        Notice::Saved,
    )
    .await
}

async fn resolve_tie(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, StageId, ClusterId)>,
    form: HtmlForm<HashMap<String, String>>,
) -> AppResult<HttpResponse> {
    let (id, stage, cluster) = path.into_inner();
    let form = form.into_inner();
    let reason = form.get("reason").cloned().unwrap_or_default();
    let actor = user.clone();
    let outcome = match super::results::tie_order(&form) {
        Ok(order) => {
            state
                .db(move |c| {
                    actions::resolve_tie(c, &actor, id, cluster, &order, &reason).map(|_| ())
                })
                .await
        }
        Err(err) => Err(err),
    };
    finish(
        &state,
        &req,
        &user,
        id,
        stage,
        "tie",
        outcome,
        Notice::TieResolved,
    )
    .await
}

async fn seal(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, StageId)>,
) -> AppResult<HttpResponse> {
    let (id, stage) = path.into_inner();
    let actor = user.clone();
    let outcome = state
        .db(move |c| seal::seal(c, &actor, id, stage).map(|_| ()))
        .await;
    finish(
        &state,
        &req,
        &user,
        id,
        stage,
        "seal",
        outcome,
        Notice::Sealed,
    )
    .await
}

async fn add_criterion(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, StageId)>,
    form: HtmlForm<super::setup::CriterionForm>,
) -> AppResult<HttpResponse> {
    let (id, stage) = path.into_inner();
    let actor = user.clone();
    let outcome = match form.into_inner().into_input() {
        Ok(input) => {
            state
                .db(move |c| {
                    crate::services::rubric::add_criterion(c, &actor, id, Some(stage), input)
                        .map(|_| ())
                })
                .await
        }
        Err(err) => Err(err),
    };
    finish(
        &state,
        &req,
        &user,
        id,
        stage,
        "criterion",
        outcome,
        Notice::Saved,
    )
    .await
}

async fn minutes(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, StageId)>,
) -> AppResult<Markup> {
    let (id, stage) = path.into_inner();
    let loaded = load(&state, id, stage).await?;
    let date = loaded
        .sealed_at
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    Ok(view::stage_minutes(
        &ctx(&req, Some(&user)),
        &loaded.contest,
        &loaded.results,
        date,
    ))
}

async fn nominees(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, StageId)>,
) -> AppResult<Markup> {
    let (id, stage) = path.into_inner();
    let loaded = load(&state, id, stage).await?;
    let next = loaded
        .next(stage)
        .map(|s| s.name.clone())
        .ok_or_else(AppError::not_found)?;
    Ok(view::nominees(
        &ctx(&req, Some(&user)),
        &loaded.contest,
        &loaded.results,
        &next,
    ))
}

/// The analysis screen of a stage (the current one's gate and settings live on the contest's
/// analysis screen).
async fn stage_analysis(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, StageId)>,
) -> AppResult<Markup> {
    let (id, stage) = path.into_inner();
    let found = state
        .db(move |c| crate::services::analysis::of_stage(c, id, Some(stage)))
        .await?;
    Ok(crate::views::analysis::analysis_page(
        &ctx(&req, Some(&user)),
        id,
        &found,
    ))
}

/// The stage's "Laporan analisis penilaian", for printing: the digest is the stage's once
/// sealed, the publication's for the last stage once published.
async fn analysis_report(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, StageId)>,
) -> AppResult<Markup> {
    let (id, stage) = path.into_inner();
    let report = state
        .db(move |c| crate::services::analysis::report(c, id, stage))
        .await?;
    let head = crate::views::analysis::ReportHead {
        contest: &report.contest,
        year: report.year,
        stage: &report.stage,
        digest: report.digest.as_deref(),
        date: chrono::Utc::now().date_naive(),
        judges: &report.judges,
    };
    Ok(crate::views::analysis::analysis_report(
        &ctx(&req, Some(&user)),
        &head,
        &report.analysis,
    ))
}

//! Results pages: the committee's screen and its actions, the printable documents, and the
//! public announcement.

use super::form::HtmlForm;
use super::{ctx, refused, see_other, Notice};
use crate::error::{AppError, AppResult};
use crate::i18n::results::ResultsMsg;
use crate::model::*;
use crate::services::results::{self, actions};
use crate::services::CurrentUser;
use crate::views::results::Pager;
use crate::web::auth::{MaybeAuth, StaffUser};
use crate::web::error::parse_id;
use crate::web::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use maud::Markup;
use std::collections::HashMap;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/contests/{id}/results", web::get().to(show))
        .route(
            "/contests/{id}/clusters/{cluster_id}/tie-resolution",
            web::post().to(resolve_tie),
        )
        .route(
            "/contests/{id}/entries/{entry_id}/waivers",
            web::post().to(waive),
        )
        .route("/contests/{id}/publish", web::post().to(publish))
        .route("/contests/{id}/analysis", web::get().to(analysis))
        .route(
            "/contests/{id}/analysis/acknowledgement",
            web::post().to(acknowledge),
        )
        .route(
            "/contests/{id}/analysis/settings",
            web::post().to(analysis_settings),
        )
        .route("/contests/{id}/berita-acara", web::get().to(minutes))
        .route("/contests/{id}/piagam", web::get().to(certificates))
        .route("/public/contests/{id}", web::get().to(announcement));
}

/// `?page=N` (from 1); anything else is the first page.
fn requested_page(req: &HttpRequest) -> usize {
    web::Query::<HashMap<String, String>>::from_query(req.query_string())
        .ok()
        .and_then(|q| q.get("page")?.parse().ok())
        .unwrap_or(1)
}

async fn render(
    state: &AppState,
    req: &HttpRequest,
    user: &CurrentUser,
    id: ContestId,
    problem: Option<&AppError>,
) -> AppResult<Markup> {
    let cached = state.results(id).await?;
    let pager = Pager::new(requested_page(req), cached.largest_cluster());
    let results = cached.window(pager.range(), true);
    let c = ctx(req, Some(user));
    let info = Notice::of(req).map(|n| c.t(n.text()));
    Ok(crate::views::results::results_page(
        &c, &results, &pager, problem, info,
    ))
}

/// The committee's analysis of the current stage's result.
#[derive(serde::Deserialize)]
struct AcknowledgementForm {
    #[serde(default)]
    reason: String,
}

async fn acknowledge(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
    form: HtmlForm<AcknowledgementForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let reason = form.into_inner().reason;
    let actor = user.clone();
    match state
        .db(move |c| crate::services::gate::acknowledge(c, &actor, id, &reason))
        .await
    {
        Ok(_) => Ok(see_other(
            &Notice::Saved.after(&format!("/contests/{id}/analysis")),
        )),
        Err(err) => finish(&state, &req, &user, id, Err(err), Notice::Saved).await,
    }
}

#[derive(serde::Deserialize)]
struct AnalysisSettingsForm {
    #[serde(default)]
    outlier_points: String,
    #[serde(default)]
    robustness_gate: String,
}

async fn analysis_settings(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
    form: HtmlForm<AnalysisSettingsForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let form = form.into_inner();
    let mut body = serde_json::Map::new();
    // Indonesian writes 12,5 for 12.5; a text that is no number is the service's to refuse.
    let typed = form.outlier_points.trim().replace(',', ".");
    body.insert(
        "outlier_points".into(),
        serde_json::from_str::<serde_json::Number>(&typed)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::String(typed)),
    );
    body.insert(
        "robustness_gate".into(),
        serde_json::Value::Bool(form.robustness_gate == "true"),
    );
    let actor = user.clone();
    match state
        .db(move |c| crate::services::contests::patch(c, &actor, id, &body))
        .await
    {
        Ok(_) => Ok(see_other(
            &Notice::Saved.after(&format!("/contests/{id}/analysis")),
        )),
        Err(err) => finish(&state, &req, &user, id, Err(err), Notice::Saved).await,
    }
}

async fn analysis(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<Markup> {
    let id = path.into_inner();
    let found = state
        .db(move |c| crate::services::analysis::of_stage(c, id, None))
        .await?;
    Ok(crate::views::analysis::analysis_page(
        &ctx(&req, Some(&user)),
        id,
        &found,
    ))
}

async fn show(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<Markup> {
    let id = path.into_inner();
    render(&state, &req, &user, id, None).await
}

/// After an action: back to the results with a notice, or the results with the refusal shown.
async fn finish(
    state: &AppState,
    req: &HttpRequest,
    user: &CurrentUser,
    id: ContestId,
    outcome: AppResult<()>,
    notice: Notice,
) -> AppResult<HttpResponse> {
    match outcome {
        Ok(()) => Ok(see_other(&notice.after(&format!("/contests/{id}/results")))),
        Err(err) if err.kind.is_client_error() => {
            let page = render(state, req, user, id, Some(&err)).await?;
            Ok(refused(&err, page))
        }
        Err(err) => Err(err),
    }
}

async fn resolve_tie(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, ClusterId)>,
    form: HtmlForm<HashMap<String, String>>,
) -> AppResult<HttpResponse> {
    let (id, cluster) = path.into_inner();
    let form = form.into_inner();
    let reason = form.get("reason").cloned().unwrap_or_default();
    let actor = user.clone();
    let outcome = match tie_order(&form) {
        Ok(order) => {
            state
                .db(move |c| {
                    actions::resolve_tie(c, &actor, id, cluster, &order, &reason).map(|_| ())
                })
                .await
        }
        Err(err) => Err(err),
    };
    finish(&state, &req, &user, id, outcome, Notice::TieResolved).await
}

/// The order of a tie form: each tied entry comes with its position (`pos_{entry id}`).
pub(super) fn tie_order(form: &HashMap<String, String>) -> AppResult<Vec<EntryId>> {
    let mut positions = Vec::new();
    for (key, value) in form {
        if let Some(entry) = key.strip_prefix("pos_") {
            let pos: u32 = value
                .trim()
                .parse()
                .map_err(|_| AppError::invalid("order", ResultsMsg::ErrOrderNotATie))?;
            positions.push((pos, parse_id::<EntryId>("order", entry)?));
        }
    }
    positions.sort();
    if positions.windows(2).any(|w| w[0].0 == w[1].0) {
        return Err(AppError::invalid("order", ResultsMsg::ErrOrderDuplicate));
    }
    Ok(positions.into_iter().map(|(_, e)| e).collect())
}

#[derive(serde::Deserialize)]
struct WaiverForm {
    #[serde(default)]
    judge_id: String,
    #[serde(default)]
    reason: String,
}

async fn waive(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, EntryId)>,
    form: HtmlForm<WaiverForm>,
) -> AppResult<HttpResponse> {
    let (id, entry) = path.into_inner();
    let form = form.into_inner();
    let judge: JudgeId = parse_id("judge_id", &form.judge_id)?;
    let actor = user.clone();
    let outcome = state
        .db(move |c| actions::waive(c, &actor, id, entry, judge, &form.reason).map(|_| ()))
        .await;
    finish(&state, &req, &user, id, outcome, Notice::Waived).await
}

async fn publish(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let actor = user.clone();
    let outcome = state
        .db(move |c| actions::publish(c, &actor, id).map(|_| ()))
        .await;
    finish(&state, &req, &user, id, outcome, Notice::Published).await
}

async fn minutes(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<Markup> {
    let id = path.into_inner();
    // The minutes list every ranked entry, but not the sheets that explain each score.
    let results = state.results(id).await?.window(0..usize::MAX, false);
    let acknowledged = state
        .db(move |c| {
            let stage = crate::db::stages::current(c, id)?;
            crate::services::gate::acknowledgements(c, stage.id)
        })
        .await?;
    let today = chrono::Utc::now().date_naive();
    Ok(crate::views::documents::minutes(
        &ctx(&req, Some(&user)),
        &results,
        acknowledged.first(),
        today,
    ))
}

async fn certificates(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<Markup> {
    let id = path.into_inner();
    let results = state.results(id).await?.window(0..usize::MAX, false);
    Ok(crate::views::documents::certificates(
        &ctx(&req, Some(&user)),
        &results,
    ))
}

/// Public: anyone may read a published announcement; before publication it does not exist.
async fn announcement(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: MaybeAuth,
    path: web::Path<String>,
) -> AppResult<Markup> {
    // Public: a malformed id is a contest that does not exist, like any other.
    let id: ContestId = path.parse().map_err(|_| AppError::not_found())?;
    let winners = state.db(move |c| results::public_winners(c, id)).await?;
    let user = auth.0.map(|a| a.user);
    Ok(crate::views::documents::announcement(
        &ctx(&req, user.as_ref()),
        &winners,
    ))
}

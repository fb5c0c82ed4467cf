//! The setup forms of one contest, one handler each: rubric criteria, clusters and their
//! prizes, entries (one, or a whole file), judges, conflicts and assignments. Each reads its
//! typed form, calls the service the JSON API calls, and returns to its screen ([`finish`]).

use super::finish;
use crate::error::{AppError, AppResult};
use crate::i18n::setup::SetupMsg as M;
use crate::i18n::Text;
use crate::model::*;
use crate::services::{entries, import, judges, rubric};
use crate::web::auth::StaffUser;
use crate::web::error::parse_id;
use crate::web::pages::entry_form::EntryForm;
use crate::web::pages::form::HtmlForm;
use crate::web::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use std::collections::HashMap;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/contests/{id}/criteria", web::post().to(add_criterion))
        .route("/contests/{id}/clusters", web::post().to(add_cluster))
        .route(
            "/contests/{id}/clusters/{cluster_id}/prizes",
            web::post().to(prizes),
        )
        .route("/contests/{id}/entries", web::post().to(add_entry))
        .route("/contests/{id}/entries/import", web::post().to(import_file))
        .route(
            "/contests/{id}/entries/{entry_id}/delete",
            web::post().to(delete_entry),
        )
        .route("/contests/{id}/judges", web::post().to(add_judge))
        .route("/contests/{id}/conflicts", web::post().to(declare_conflict))
        .route("/contests/{id}/assignments/auto", web::post().to(auto));
}

/// A whole number typed into `field`; anything else is that field's mistake.
fn number(raw: &str, field: &str) -> AppResult<i64> {
    raw.trim()
        .parse()
        .map_err(|_| AppError::invalid(field, crate::i18n::Msg::ErrRequired))
}

/// A criterion as typed in the rubric's add form (the contest's, or a stage's).
#[derive(Deserialize)]
pub(crate) struct CriterionForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    weight: String,
    #[serde(default)]
    min_score: String,
    #[serde(default)]
    max_score: String,
}

async fn add_criterion(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
    form: HtmlForm<CriterionForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let form = form.into_inner();
    let actor = user.clone();
    let outcome = async {
        let input = form.into_input()?;
        state
            .db(move |c| rubric::add_criterion(c, &actor, id, None, input).map(|_| ()))
            .await
    }
    .await;
    finish(&state, &req, &user, id, "rubric", "criterion", outcome).await
}

impl CriterionForm {
    /// The service's input; a number that is not one is its field's mistake.
    pub(crate) fn into_input(self) -> AppResult<rubric::NewCriterion> {
        Ok(rubric::NewCriterion {
            weight: number(&self.weight, "weight")?,
            min_score: number(&self.min_score, "min_score")?,
            max_score: number(&self.max_score, "max_score")?,
            name: self.name,
            description: self.description,
            levels: Vec::new(),
        })
    }
}

#[derive(Deserialize)]
struct ClusterForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    winners_count: String,
}

async fn add_cluster(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
    form: HtmlForm<ClusterForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let form = form.into_inner();
    let input = rubric::NewCluster {
        name: form.name,
        winners_count: form.winners_count.trim().parse().ok(),
    };
    let actor = user.clone();
    let outcome = state
        .db(move |c| rubric::add_cluster(c, &actor, id, input).map(|_| ()))
        .await;
    finish(&state, &req, &user, id, "rubric", "cluster", outcome).await
}

/// The prize form: `title_<rank>` and `amount_<rank>` for ranks 1 to 20; a rank without a
/// title is no prize.
async fn prizes(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, ClusterId)>,
    form: HtmlForm<HashMap<String, String>>,
) -> AppResult<HttpResponse> {
    let (id, cluster) = path.into_inner();
    let form = form.into_inner();
    let field = |key: String| form.get(&key).cloned().unwrap_or_default();
    let mut tiers = Vec::new();
    let mut problem = None;
    for rank in 1..=20 {
        let title = field(format!("title_{rank}"));
        if title.trim().is_empty() {
            continue;
        }
        match field(format!("amount_{rank}")).trim().parse() {
            Ok(amount) => tiers.push(rubric::TierInput {
                rank,
                title,
                amount,
                extra: None,
                condition: None,
            }),
            Err(_) => {
                let at = tiers.len();
                problem.get_or_insert(AppError::invalid(
                    format!("tiers[{at}].amount"),
                    M::ErrAmount,
                ));
            }
        }
    }
    let actor = user.clone();
    let outcome = match problem {
        Some(problem) => Err(problem),
        None => {
            state
                .db(move |c| {
                    rubric::put_prizes(c, &actor, id, cluster, rubric::PrizesInput { tiers })
                        .map(|_| ())
                })
                .await
        }
    };
    finish(&state, &req, &user, id, "rubric", "prizes", outcome).await
}

async fn add_entry(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
    form: HtmlForm<EntryForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = form.into_inner().new_entry();
    let actor = user.clone();
    let outcome = state
        .db(move |c| entries::create(c, &actor, id, input).map(|_| ()))
        .await;
    finish(&state, &req, &user, id, "entries", "entry", outcome).await
}

/// The import form (multipart: the file).
async fn import_file(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
    payload: actix_multipart::Multipart,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let outcome = match crate::web::api::entries::read_file_field(payload).await {
        Ok(bytes) => {
            let actor = user.clone();
            state
                .db(move |c| import::import(c, &actor, id, &bytes).map(|_| ()))
                .await
        }
        Err(e) => Err(e),
    };
    finish(&state, &req, &user, id, "entries", "import", outcome).await
}

async fn delete_entry(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, EntryId)>,
) -> AppResult<HttpResponse> {
    let (id, entry) = path.into_inner();
    let actor = user.clone();
    let outcome = state
        .db(move |c| entries::delete(c, &actor, id, entry))
        .await;
    finish(&state, &req, &user, id, "entries", "entry", outcome).await
}

#[derive(Deserialize)]
struct JudgeForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    affiliation: String,
    /// The ticked clusters (none: every cluster).
    #[serde(default)]
    cluster_ids: Vec<String>,
}

async fn add_judge(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
    form: HtmlForm<JudgeForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let form = form.into_inner();
    let input = judges::NewJudge {
        name: form.name,
        email: form.email,
        password: form.password,
        affiliation: form.affiliation,
        cluster_ids: (!form.cluster_ids.is_empty()).then_some(form.cluster_ids),
    };
    let actor = user.clone();
    let outcome = state
        .db(move |c| judges::add(c, &actor, id, input).map(|_| ()))
        .await;
    finish(&state, &req, &user, id, "judges", "judge", outcome).await
}

#[derive(Deserialize)]
struct ConflictForm {
    #[serde(default)]
    judge_id: String,
    #[serde(default)]
    entry_id: String,
    #[serde(default)]
    reason: String,
}

async fn declare_conflict(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
    form: HtmlForm<ConflictForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let form = form.into_inner();
    let actor = user.clone();
    let outcome = async {
        let judge: JudgeId = parse_id("judge_id", &form.judge_id)?;
        let entry: EntryId = parse_id("entry_id", &form.entry_id)?;
        state
            .db(move |c| {
                judges::declare_conflict(c, &actor, id, judge, entry, &form.reason).map(|_| ())
            })
            .await
    }
    .await;
    finish(&state, &req, &user, id, "judges", "conflict", outcome).await
}

#[derive(Deserialize)]
struct AutoForm {
    /// `panel`: every judge scores every entry of their clusters.
    #[serde(default)]
    mode: String,
    #[serde(default)]
    judges_per_entry: String,
}

async fn auto(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
    form: HtmlForm<AutoForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let form = form.into_inner();
    let panel = form.mode == "panel";
    let k = if panel {
        None
    } else {
        form.judges_per_entry.trim().parse().ok()
    };
    let actor = user.clone();
    let outcome = match judges::auto_mode(k, panel) {
        Ok(mode) => {
            state
                .db(move |c| {
                    let r = judges::auto(c, &actor, id, None, mode)?;
                    if r.short.is_empty() {
                        Ok(())
                    } else {
                        // Assignments were made; say which entries still lack judges.
                        Err(AppError::conflict(Text::with(
                            M::ShortEntries,
                            [r.short.len()],
                        )))
                    }
                })
                .await
        }
        Err(e) => Err(e),
    };
    finish(&state, &req, &user, id, "assignments", "auto", outcome).await
}

//! The stage forms of the contest overview: declare a stage, change one, delete one. Each calls
//! the service the JSON API calls and returns to the overview ([`finish`]), or shows it again
//! with the refusal next to the field.

use super::finish;
use crate::error::{AppError, AppResult};
use crate::i18n::stages::StageMsg as M;
use crate::model::{ContestId, StageId};
use crate::services::stages::{self, AdvanceInput, NewStage, StageChanges};
use crate::web::auth::StaffUser;
use crate::web::pages::form::HtmlForm;
use crate::web::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/contests/{id}/stages", web::post().to(add))
        .route("/contests/{id}/stages/{stage_id}", web::post().to(change))
        .route(
            "/contests/{id}/stages/{stage_id}/delete",
            web::post().to(delete),
        );
}

/// The declaration as typed; the inputs carry the API's field names.
#[derive(Deserialize)]
struct StageForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    weight: String,
    #[serde(default, rename = "advance.rule")]
    rule: String,
    #[serde(default, rename = "advance.count")]
    count: String,
    #[serde(default, rename = "advance.min_score")]
    min_score: String,
    #[serde(default, rename = "advance.ties")]
    ties: String,
    #[serde(default)]
    aggregation: String,
    #[serde(default)]
    normalisation: String,
    #[serde(default)]
    checklist: String,
    #[serde(default)]
    position: String,
}

/// A typed whole number, or `None` when left empty; anything else is `field`'s mistake.
fn optional_number(raw: &str, field: &str) -> AppResult<Option<i64>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse()
        .map(Some)
        .map_err(|_| AppError::invalid(field, crate::i18n::Msg::ErrRequired))
}

impl StageForm {
    fn weight(&self) -> AppResult<i64> {
        optional_number(&self.weight, "weight")?
            .ok_or_else(|| AppError::invalid("weight", M::ErrStageWeight))
    }

    fn advance(&self) -> AppResult<AdvanceInput> {
        let min_score = match self.min_score.trim() {
            "" => None,
            // Indonesian writes 72,5 for 72.5.
            raw => Some(
                serde_json::from_str::<serde_json::Number>(&raw.replace(',', "."))
                    .map_err(|_| AppError::invalid("advance.min_score", M::ErrAdvanceMinScore))?,
            ),
        };
        Ok(AdvanceInput {
            rule: self.rule.clone(),
            count: optional_number(&self.count, "advance.count")?,
            min_score,
            ties: Some(self.ties.clone()).filter(|t| !t.is_empty()),
        })
    }

    fn aggregation(&self) -> Option<String> {
        Some(self.aggregation.clone()).filter(|a| !a.is_empty())
    }

    /// Absent from a screening stage's form: left as it is.
    fn normalisation(&self) -> Option<String> {
        Some(self.normalisation.clone()).filter(|n| !n.is_empty())
    }

    /// One checklist item per line, blank lines left out.
    fn checklist(&self) -> Vec<String> {
        self.checklist
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    }
}

async fn add(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
    form: HtmlForm<StageForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let form = form.into_inner();
    let actor = user.clone();
    let outcome = async {
        let input = NewStage {
            weight: form.weight()?,
            advance: Some(form.advance()?),
            aggregation: form.aggregation(),
            normalisation: form.normalisation(),
            checklist: Some(form.checklist()),
            position: optional_number(&form.position, "position")?,
            name: form.name,
            kind: form.kind,
        };
        state
            .db(move |c| stages::add(c, &actor, id, input).map(|_| ()))
            .await
    }
    .await;
    finish(&state, &req, &user, id, "overview", "stage", outcome).await
}

async fn change(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, StageId)>,
    form: HtmlForm<StageForm>,
) -> AppResult<HttpResponse> {
    let (id, stage) = path.into_inner();
    let form = form.into_inner();
    let actor = user.clone();
    let outcome = async {
        let input = StageChanges {
            weight: Some(form.weight()?),
            advance: Some(form.advance()?),
            aggregation: Some(form.aggregation()),
            normalisation: form.normalisation(),
            checklist: Some(form.checklist()),
            name: Some(form.name),
        };
        state
            .db(move |c| stages::change(c, &actor, id, stage, input).map(|_| ()))
            .await
    }
    .await;
    let name = format!("stage-{stage}");
    finish(&state, &req, &user, id, "overview", &name, outcome).await
}

async fn delete(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, StageId)>,
) -> AppResult<HttpResponse> {
    let (id, stage) = path.into_inner();
    let actor = user.clone();
    let outcome = state
        .db(move |c| stages::delete(c, &actor, id, stage))
        .await;
    let name = format!("stage-{stage}");
    finish(&state, &req, &user, id, "overview", &name, outcome).await
}

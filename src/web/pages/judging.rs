//! Judging pages: the score sheet (draft/submit, stale edits, recusal) and the monitor.

use super::form::HtmlForm;
use super::{ctx, refused, see_other, Notice};
use crate::error::{AppError, AppResult, ErrorKind};
use crate::i18n::judging::JudgingMsg as M;
use crate::i18n::Text;
use crate::model::*;
use crate::services::judging::{self, SheetInput};
use crate::services::{monitor, CurrentUser};
use crate::views::judging::{sheet_page, SheetState};
use crate::web::auth::{JudgeUser, StaffUser};
use crate::web::error::{parse_id, request_lang};
use crate::web::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use maud::Markup;
use std::collections::{BTreeMap, HashMap};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/contests/{id}/entries/{entry_id}/sheet",
        web::get().to(show_sheet),
    )
    .route(
        "/contests/{id}/entries/{entry_id}/sheet",
        web::post().to(save_sheet),
    )
    .route(
        "/contests/{id}/entries/{entry_id}/recusal",
        web::post().to(recuse),
    )
    .route("/contests/{id}/monitor", web::get().to(show_monitor))
    .route("/contests/{id}/monitor/assign", web::post().to(assign));
}

/// The judge's sheet of the entry, with the entry's documents the judge may read and its
/// proposal (read once the sheet has shown the judge may see the entry).
async fn sheet_and_documents(
    state: &AppState,
    user: CurrentUser,
    id: ContestId,
    entry: EntryId,
) -> AppResult<(
    judging::SheetView,
    Vec<crate::services::documents::Document>,
    crate::domain::proposal::Proposal,
)> {
    state
        .db(move |c| {
            let sheet = judging::get_sheet(c, &user, id, entry)?;
            let documents = crate::services::documents::list(c, &user, id, entry)?;
            let proposal = crate::services::entries::find(c, id, entry)?.proposal();
            Ok((sheet, documents, proposal))
        })
        .await
}

async fn show_sheet(
    state: web::Data<AppState>,
    req: HttpRequest,
    JudgeUser(judge): JudgeUser,
    path: web::Path<(ContestId, EntryId)>,
) -> AppResult<Markup> {
    let (id, entry) = path.into_inner();
    let user = judge.clone();
    let (sheet, documents, proposal) = sheet_and_documents(&state, user, id, entry).await?;
    let c = ctx(&req, Some(&judge));
    let notice = Notice::of(&req).map(|n| c.t(n.text()));
    Ok(sheet_page(
        &c,
        id,
        &sheet,
        &SheetState {
            notice,
            documents: &documents,
            proposal: Some(&proposal),
            ..SheetState::default()
        },
    ))
}

/// Reads the form: `score_<criterion id>` fields (empty ones are left out), `comment`,
/// `version`, and `action` = draft | submit. A field that is not a whole number is a problem
/// of that criterion. A key that is no criterion id goes on to the rubric check, which names it.
fn parse_form(
    form: &HashMap<String, String>,
) -> (SheetInput, BTreeMap<CriterionId, String>, Vec<String>) {
    let mut scores = BTreeMap::new();
    let mut typed = BTreeMap::new();
    let mut not_numbers = Vec::new();
    for (key, value) in form {
        if let Some(criterion) = key.strip_prefix("score_") {
            if let Ok(id) = criterion.parse::<CriterionId>() {
                typed.insert(id, value.clone());
            }
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match value.parse::<i64>() {
                Ok(v) => {
                    scores.insert(criterion.to_string(), v);
                }
                Err(_) => not_numbers.push(criterion.to_string()),
            }
        }
    }
    let input = SheetInput {
        scores,
        comment: form.get("comment").cloned().unwrap_or_default(),
        submit: form.get("action").map(String::as_str) == Some("submit"),
        version: form.get("version").and_then(|v| v.trim().parse().ok()),
    };
    (input, typed, not_numbers)
}

async fn save_sheet(
    state: web::Data<AppState>,
    req: HttpRequest,
    JudgeUser(judge): JudgeUser,
    path: web::Path<(ContestId, EntryId)>,
    form: HtmlForm<HashMap<String, String>>,
) -> AppResult<HttpResponse> {
    let (id, entry) = path.into_inner();
    let form = form.into_inner();
    let (input, typed, not_numbers) = parse_form(&form);
    let submit = input.submit;
    let lang = request_lang(&req);
    let user = judge.clone();
    let writes = state.sheet_writes.clone();
    let result = if not_numbers.is_empty() {
        state
            .with_pool(move |pool| judging::save_sheet(pool, &writes, &user, id, entry, input))
            .await
    } else {
        Err(AppError::invalid(
            format!("scores.{}", not_numbers[0]),
            Text::with(M::ErrNotANumber, [&not_numbers[0]]),
        ))
    };
    let err = match result {
        Ok(_) => {
            let notice = if submit {
                Notice::SheetSubmitted
            } else {
                Notice::SheetSaved
            };
            return Ok(see_other(
                &notice.after(&format!("/contests/{id}/entries/{entry}/sheet")),
            ));
        }
        Err(err)
            if err.kind.is_client_error()
                && err.kind != ErrorKind::Forbidden
                && err.kind != ErrorKind::NotFound =>
        {
            err
        }
        Err(err) => return Err(err),
    };
    // Show the sheet again: the typed values and the errors by criterion, or the newer values.
    let user = judge.clone();
    let (sheet, documents, proposal) = sheet_and_documents(&state, user, id, entry).await?;
    let stale = err.kind == ErrorKind::Conflict && err.field.as_deref() == Some("version");
    let mut errors = BTreeMap::new();
    for d in &err.details {
        let criterion = d.field.as_deref().and_then(|f| f.strip_prefix("scores."));
        if let Some(Ok(key)) = criterion.map(str::parse::<CriterionId>) {
            errors.entry(key).or_insert_with(|| d.message.render(lang));
        }
    }
    for key in &not_numbers {
        let Ok(id) = key.parse::<CriterionId>() else {
            continue;
        };
        let name = sheet.criteria.iter().find(|c| c.id == id);
        errors.insert(
            id,
            Text::with(
                M::ErrNotANumber,
                [name.map_or(key.as_str(), |c| c.name.as_str())],
            )
            .render(lang),
        );
    }
    let comment = form.get("comment").map(String::as_str);
    let page_state = SheetState {
        typed: (!stale).then_some(&typed),
        typed_comment: if stale { None } else { comment },
        alert: (!stale).then(|| err.message.render(lang)),
        errors,
        notice: None,
        stale,
        documents: &documents,
        proposal: Some(&proposal),
    };
    Ok(refused(
        &err,
        sheet_page(&ctx(&req, Some(&judge)), id, &sheet, &page_state),
    ))
}

async fn recuse(
    state: web::Data<AppState>,
    req: HttpRequest,
    JudgeUser(judge): JudgeUser,
    path: web::Path<(ContestId, EntryId)>,
    form: HtmlForm<HashMap<String, String>>,
) -> AppResult<HttpResponse> {
    let (id, entry) = path.into_inner();
    let reason = form.get("reason").cloned().unwrap_or_default();
    let user = judge.clone();
    match state
        .db(move |c| judging::recuse(c, &user, id, entry, &reason))
        .await
    {
        Ok(_) => Ok(see_other(&Notice::Recused.after("/"))),
        Err(err) if err.kind == ErrorKind::Invalid || err.kind == ErrorKind::Conflict => {
            let lang = request_lang(&req);
            let user = judge.clone();
            let (sheet, documents, proposal) = sheet_and_documents(&state, user, id, entry).await?;
            let page_state = SheetState {
                alert: Some(err.message.render(lang)),
                documents: &documents,
                proposal: Some(&proposal),
                ..SheetState::default()
            };
            Ok(refused(
                &err,
                sheet_page(&ctx(&req, Some(&judge)), id, &sheet, &page_state),
            ))
        }
        Err(err) => Err(err),
    }
}

async fn render_monitor(
    state: &AppState,
    req: &HttpRequest,
    user: &CurrentUser,
    id: ContestId,
    alert: Option<String>,
) -> AppResult<Markup> {
    let m = state.db(move |c| monitor::monitor(c, id)).await?;
    let c = ctx(req, Some(user));
    let notice = Notice::of(req).map(|n| c.t(n.text()));
    Ok(crate::views::monitor::monitor_page(
        &c,
        &m,
        alert.as_deref(),
        notice,
    ))
}

async fn show_monitor(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<Markup> {
    let id = path.into_inner();
    render_monitor(&state, &req, &user, id, None).await
}

async fn assign(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
    form: HtmlForm<HashMap<String, String>>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let entry: EntryId = parse_id(
        "entry_id",
        form.get("entry_id").map(String::as_str).unwrap_or(""),
    )?;
    let judge: JudgeId = parse_id(
        "judge_id",
        form.get("judge_id").map(String::as_str).unwrap_or(""),
    )?;
    let actor = user.clone();
    match state
        .db(move |c| monitor::reassign(c, &actor, id, entry, judge))
        .await
    {
        Ok(_) => Ok(see_other(
            &Notice::Reassigned.after(&format!("/contests/{id}/monitor")),
        )),
        Err(err) if err.kind.is_client_error() => {
            let alert = Some(err.message.render(request_lang(&req)));
            let page = render_monitor(&state, &req, &user, id, alert).await?;
            Ok(refused(&err, page))
        }
        Err(err) => Err(err),
    }
}

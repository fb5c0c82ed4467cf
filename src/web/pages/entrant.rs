//! The entrant's screens: one entry of its unit (new, edit, documents, submit, delete). Its
//! home is the role's section of `GET /`. Every action goes through the same services as the
//! API, so the unit and the registration window are enforced once.

use super::entry_form::EntryForm;
use super::notice::Notice;
use super::{ctx, refused, see_other};
use crate::error::{AppError, AppResult};
use crate::model::{ContestId, DocumentId, EntryId};
use crate::services::{contests, documents, entrant_home, entries, CurrentUser};
use crate::views::components::FormErrors;
use crate::views::entrant::{entry_page, EntryScreen, EntryValues};
use crate::web::auth::EntrantUser;
use crate::web::AppState;
use actix_web::{web, HttpRequest, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    let entry = "/entrant/contests/{id}/entries/{entry_id}";
    cfg.route(
        "/entrant/contests/{id}/entries/new",
        web::get().to(new_entry),
    )
    .route("/entrant/contests/{id}/entries", web::post().to(create))
    .route(entry, web::get().to(show))
    .route(entry, web::post().to(update))
    .route(&format!("{entry}/submit"), web::post().to(submit))
    .route(&format!("{entry}/delete"), web::post().to(delete))
    .route(&format!("{entry}/documents"), web::post().to(upload))
    .route(
        &format!("{entry}/documents/{{document_id}}/delete"),
        web::post().to(delete_document),
    );
}

fn entry_path(id: ContestId, entry: EntryId) -> String {
    format!("/entrant/contests/{id}/entries/{entry}")
}

async fn render(
    state: &AppState,
    req: &HttpRequest,
    user: &CurrentUser,
    (id, entry): (ContestId, Option<EntryId>),
    problem: Option<(&AppError, Option<&EntryValues>)>,
) -> AppResult<maud::Markup> {
    let (problem, posted) = match problem {
        Some((err, posted)) => (Some(err), posted),
        None => (None, None),
    };
    let reader = user.clone();
    let (contest, list, criteria, report) = state
        .db(move |c| {
            let contest = entrant_home::contest(c, &reader, id)?;
            let (list, report) = match entry {
                Some(e) => (
                    documents::list(c, &reader, id, e)?,
                    (contest.phase == crate::model::Phase::Published)
                        .then(|| crate::services::entry_report::report(c, &reader, id, e))
                        .transpose()?,
                ),
                None => (Vec::new(), None),
            };
            Ok((contest, list, contests::detail(c, id)?.criteria, report))
        })
        .await?;
    let progress = match entry {
        Some(e) => Some(
            contest
                .entries
                .iter()
                .find(|p| p.entry.id == e)
                .ok_or_else(AppError::not_found)?,
        ),
        None => None,
    };
    let page_ctx = ctx(req, Some(user));
    let errors = problem
        .map(|e| FormErrors::from_error(e, page_ctx.lang))
        .unwrap_or_default();
    let fields = [
        "cluster_id",
        "title",
        "innovator",
        "description",
        "link",
        "maturity",
        "initiator",
        "digital",
        "form",
        "trial_date",
        "implementation_date",
        "design",
        "goals",
        "benefits",
        "results",
        "video_link",
    ];
    let alert = errors.general(&fields).map(str::to_string);
    let notice = Notice::of(req).map(|n| page_ctx.t(n.text()));
    Ok(entry_page(
        &page_ctx,
        &EntryScreen {
            contest: &contest,
            entry: progress,
            documents: &list,
            criteria: &criteria,
            limits: state.document_limits(),
            errors,
            alert,
            notice,
            posted,
            report: report.as_ref(),
        },
    ))
}

async fn new_entry(
    state: web::Data<AppState>,
    req: HttpRequest,
    EntrantUser(user): EntrantUser,
    path: web::Path<ContestId>,
) -> AppResult<maud::Markup> {
    render(&state, &req, &user, (path.into_inner(), None), None).await
}

async fn show(
    state: web::Data<AppState>,
    req: HttpRequest,
    EntrantUser(user): EntrantUser,
    path: web::Path<(ContestId, EntryId)>,
) -> AppResult<maud::Markup> {
    let (id, entry) = path.into_inner();
    render(&state, &req, &user, (id, Some(entry)), None).await
}

/// To `location` with a notice, or the entry's screen again with what went wrong.
async fn finish(
    state: &AppState,
    req: &HttpRequest,
    user: &CurrentUser,
    key: (ContestId, Option<EntryId>),
    outcome: AppResult<String>,
    posted: Option<&EntryValues>,
) -> AppResult<HttpResponse> {
    match outcome {
        Ok(location) => Ok(see_other(&Notice::Saved.after(&location))),
        Err(err) if err.kind.is_client_error() && err.kind != crate::error::ErrorKind::NotFound => {
            Ok(refused(
                &err,
                render(state, req, user, key, Some((&err, posted))).await?,
            ))
        }
        Err(err) => Err(err),
    }
}

async fn create(
    state: web::Data<AppState>,
    req: HttpRequest,
    EntrantUser(user): EntrantUser,
    path: web::Path<ContestId>,
    form: super::form::HtmlForm<EntryForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let form = form.into_inner();
    let posted = form.values();
    let input = form.new_entry();
    let actor = user.clone();
    let outcome = state
        .db(move |c| entries::create(c, &actor, id, input).map(|e| entry_path(id, e.id)))
        .await;
    finish(&state, &req, &user, (id, None), outcome, Some(&posted)).await
}

async fn update(
    state: web::Data<AppState>,
    req: HttpRequest,
    EntrantUser(user): EntrantUser,
    path: web::Path<(ContestId, EntryId)>,
    form: super::form::HtmlForm<EntryForm>,
) -> AppResult<HttpResponse> {
    let (id, entry) = path.into_inner();
    let form = form.into_inner();
    let posted = form.values();
    let patch = form.patch();
    let actor = user.clone();
    let outcome = state
        .db(move |c| entries::update(c, &actor, id, entry, patch).map(|_| entry_path(id, entry)))
        .await;
    finish(
        &state,
        &req,
        &user,
        (id, Some(entry)),
        outcome,
        Some(&posted),
    )
    .await
}

async fn submit(
    state: web::Data<AppState>,
    req: HttpRequest,
    EntrantUser(user): EntrantUser,
    path: web::Path<(ContestId, EntryId)>,
) -> AppResult<HttpResponse> {
    let (id, entry) = path.into_inner();
    let actor = user.clone();
    let outcome = state
        .db(move |c| entries::submit(c, &actor, id, entry).map(|_| entry_path(id, entry)))
        .await;
    finish(&state, &req, &user, (id, Some(entry)), outcome, None).await
}

async fn delete(
    state: web::Data<AppState>,
    req: HttpRequest,
    EntrantUser(user): EntrantUser,
    path: web::Path<(ContestId, EntryId)>,
) -> AppResult<HttpResponse> {
    let (id, entry) = path.into_inner();
    let actor = user.clone();
    let outcome = state
        .db(move |c| entries::delete(c, &actor, id, entry).map(|()| "/".to_string()))
        .await;
    finish(&state, &req, &user, (id, Some(entry)), outcome, None).await
}

async fn upload(
    state: web::Data<AppState>,
    req: HttpRequest,
    EntrantUser(user): EntrantUser,
    path: web::Path<(ContestId, EntryId)>,
    payload: actix_multipart::Multipart,
) -> AppResult<HttpResponse> {
    let (id, entry) = path.into_inner();
    let outcome =
        crate::web::api::documents::store_upload(&state, user.clone(), (id, entry), payload)
            .await
            .map(|_| entry_path(id, entry));
    finish(&state, &req, &user, (id, Some(entry)), outcome, None).await
}

async fn delete_document(
    state: web::Data<AppState>,
    req: HttpRequest,
    EntrantUser(user): EntrantUser,
    path: web::Path<(ContestId, EntryId, DocumentId)>,
) -> AppResult<HttpResponse> {
    let (id, entry, document) = path.into_inner();
    let actor = user.clone();
    let outcome = state
        .db(move |c| {
            documents::delete(c, &actor, (id, entry), document).map(|()| entry_path(id, entry))
        })
        .await;
    finish(&state, &req, &user, (id, Some(entry)), outcome, None).await
}

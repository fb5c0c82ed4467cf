//! The committee's screen of an entry's documents: list, upload (multipart form), delete.

use super::entry_form::EntryForm;
use super::notice::Notice;
use super::{ctx, refused, see_other};
use crate::error::AppResult;
use crate::model::{ContestId, DocumentId, EntryId};
use crate::services::{contests, documents, entries, CurrentUser};
use crate::views::entrant::EntryValues;
use crate::views::entry_documents::{entry_documents_page, EntryDocuments};
use crate::views::setup::Problem;
use crate::web::auth::StaffUser;
use crate::web::AppState;
use actix_web::{web, HttpRequest, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/contests/{id}/entries/{entry_id}/documents",
        web::get().to(show),
    )
    .route(
        "/contests/{id}/entries/{entry_id}/documents",
        web::post().to(upload),
    )
    .route(
        "/contests/{id}/entries/{entry_id}/documents/{document_id}/delete",
        web::post().to(delete),
    )
    .route(
        "/contests/{id}/entries/{entry_id}/documents/{document_id}/hidden",
        web::post().to(hide),
    )
    .route(
        "/contests/{id}/entries/{entry_id}/edit",
        web::post().to(edit),
    );
}

async fn render(
    state: &AppState,
    req: &HttpRequest,
    user: &CurrentUser,
    (id, entry): (ContestId, EntryId),
    problem: Option<(&str, &crate::error::AppError)>,
    posted: Option<&EntryValues>,
) -> AppResult<maud::Markup> {
    let reader = user.clone();
    let (contest, entry, list) = state
        .db(move |c| {
            let entry = entries::find(c, id, entry)?;
            let list = documents::list(c, &reader, id, entry.id)?;
            Ok((contests::detail(c, id)?, entry, list))
        })
        .await?;
    let page_ctx = ctx(req, Some(user));
    let problem = problem.map(|(form, err)| Problem::new(form, err, &page_ctx));
    let notice = Notice::of(req).map(|n| page_ctx.t(n.text()));
    Ok(entry_documents_page(
        &page_ctx,
        &EntryDocuments {
            contest: &contest,
            entry: &entry,
            documents: &list,
            limits: state.document_limits(),
            problem: problem.as_ref(),
            notice,
            posted,
        },
    ))
}

async fn show(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, EntryId)>,
) -> AppResult<maud::Markup> {
    render(&state, &req, &user, path.into_inner(), None, None).await
}

/// Back to the screen with a notice, or the screen again with what went wrong.
async fn finish(
    state: &AppState,
    req: &HttpRequest,
    user: &CurrentUser,
    (id, entry): (ContestId, EntryId),
    outcome: AppResult<()>,
) -> AppResult<HttpResponse> {
    match outcome {
        Ok(()) => Ok(see_other(
            &Notice::Saved.after(&format!("/contests/{id}/entries/{entry}/documents")),
        )),
        Err(err) if err.kind.is_client_error() => Ok(refused(
            &err,
            render(state, req, user, (id, entry), Some(("upload", &err)), None).await?,
        )),
        Err(err) => Err(err),
    }
}

async fn upload(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, EntryId)>,
    payload: actix_multipart::Multipart,
) -> AppResult<HttpResponse> {
    let key = path.into_inner();
    let outcome = crate::web::api::documents::store_upload(&state, user.clone(), key, payload)
        .await
        .map(|_| ());
    finish(&state, &req, &user, key, outcome).await
}

#[derive(serde::Deserialize)]
struct HiddenForm {
    #[serde(default)]
    hidden: String,
}

async fn hide(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, EntryId, DocumentId)>,
    form: super::form::HtmlForm<HiddenForm>,
) -> AppResult<HttpResponse> {
    let (id, entry, document) = path.into_inner();
    let hidden = form.into_inner().hidden == "true";
    let actor = user.clone();
    let outcome = state
        .db(move |c| documents::set_hidden(c, &actor, (id, entry), document, hidden).map(|_| ()))
        .await;
    finish(&state, &req, &user, (id, entry), outcome).await
}

async fn delete(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, EntryId, DocumentId)>,
) -> AppResult<HttpResponse> {
    let (id, entry, document) = path.into_inner();
    let actor = user.clone();
    let outcome = state
        .db(move |c| documents::delete(c, &actor, (id, entry), document))
        .await;
    finish(&state, &req, &user, (id, entry), outcome).await
}

/// The committee's change of the entry and its proposal (every field of the form).
async fn edit(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, EntryId)>,
    form: super::form::HtmlForm<EntryForm>,
) -> AppResult<HttpResponse> {
    let (id, entry) = path.into_inner();
    let form = form.into_inner();
    let posted = form.values();
    let patch = form.patch();
    let actor = user.clone();
    let outcome = state
        .db(move |c| entries::update(c, &actor, id, entry, patch).map(|_| ()))
        .await;
    match outcome {
        Ok(()) => Ok(see_other(
            &Notice::Saved.after(&format!("/contests/{id}/entries/{entry}/documents")),
        )),
        Err(err) if err.kind.is_client_error() && err.kind != crate::error::ErrorKind::NotFound => {
            let page = render(
                &state,
                &req,
                &user,
                (id, entry),
                Some(("entry", &err)),
                Some(&posted),
            )
            .await?;
            Ok(refused(&err, page))
        }
        Err(err) => Err(err),
    }
}

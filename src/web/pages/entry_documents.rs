//! The committee's screen of an entry's documents: list, upload (multipart form), delete.

use super::notice::Notice;
use super::{ctx, refused, see_other};
use crate::error::AppResult;
use crate::model::{ContestId, DocumentId, EntryId};
use crate::services::{contests, documents, entries, CurrentUser};
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
    );
}

async fn render(
    state: &AppState,
    req: &HttpRequest,
    user: &CurrentUser,
    (id, entry): (ContestId, EntryId),
    problem: Option<&crate::error::AppError>,
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
    let problem = problem.map(|err| Problem::new("upload", err, &page_ctx));
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
        },
    ))
}

async fn show(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, EntryId)>,
) -> AppResult<maud::Markup> {
    render(&state, &req, &user, path.into_inner(), None).await
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
            render(state, req, user, (id, entry), Some(&err)).await?,
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

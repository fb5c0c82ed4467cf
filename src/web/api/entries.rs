//! Entries: add, list, delete, import from CSV/XLSX, and the import template.

use crate::error::{AppError, AppResult};
use crate::i18n::setup::SetupMsg;
use crate::i18n::Text;
use crate::model::*;
use crate::services::entries::{self, EntryPatch, NewEntry};
use crate::services::import;
use crate::web::auth::{Auth, EntryWriter, StaffUser};
use crate::web::openapi::Refusals;
use crate::web::AppState;
use actix_multipart::Multipart;
use actix_web::{delete, get, patch, post, web, HttpResponse};
use futures_util::StreamExt;
use utoipa_actix_web::service_config::ServiceConfig;

/// Largest import file accepted.
pub const IMPORT_LIMIT: usize = 5 * 1024 * 1024;

/// Registers this module's routes (and their OpenAPI operations).
pub fn configure(cfg: &mut ServiceConfig) {
    // The template's fixed path before the entry's `{entry_id}`, which would take it.
    cfg.service(list)
        .service(create)
        .service(import_file)
        .service(template)
        .service(export)
        .service(find)
        .service(change)
        .service(submit)
        .service(report)
        .service(delete);
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "setup",
    responses(
        (status = 200, description = "Entries: every one for the committee, the entrant's own unit's for an entrant", body = [crate::services::entries::Entry]),
        Refusals
    )
)]
#[get("/contests/{id}/entries")]
pub(crate) async fn list(
    state: web::Data<AppState>,
    Auth { user, .. }: Auth,
    path: web::Path<ContestId>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    Ok(HttpResponse::Ok().json(state.db(move |c| entries::list_for(c, &user, id)).await?))
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "setup",
    request_body = NewEntry,
    responses(
        (status = 201, description = "Created: the committee's entry submitted, an entrant's a draft under its own unit", body = crate::services::entries::Entry),
        Refusals
    )
)]
#[post("/contests/{id}/entries")]
pub(crate) async fn create(
    state: web::Data<AppState>,
    EntryWriter(u): EntryWriter,
    path: web::Path<ContestId>,
    body: web::Json<NewEntry>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = body.into_inner();
    Ok(HttpResponse::Created().json(state.db(move |c| entries::create(c, &u, id, input)).await?))
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("entry_id" = uuid::Uuid, Path)
    ),
    tag = "setup",
    responses(
        (status = 204, description = "Removed"),
        Refusals
    )
)]
#[delete("/contests/{id}/entries/{entry_id}")]
pub(crate) async fn delete(
    state: web::Data<AppState>,
    EntryWriter(u): EntryWriter,
    path: web::Path<(ContestId, EntryId)>,
) -> AppResult<HttpResponse> {
    let (id, entry) = path.into_inner();
    state.db(move |c| entries::delete(c, &u, id, entry)).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("entry_id" = uuid::Uuid, Path)
    ),
    tag = "setup",
    responses(
        (status = 200, description = "The entry", body = crate::services::entries::Entry),
        Refusals
    )
)]
#[get("/contests/{id}/entries/{entry_id}")]
pub(crate) async fn find(
    state: web::Data<AppState>,
    Auth { user, .. }: Auth,
    path: web::Path<(ContestId, EntryId)>,
) -> AppResult<HttpResponse> {
    let (id, entry) = path.into_inner();
    let found = state
        .db(move |c| entries::find_for(c, &user, id, entry).map(|(_, e)| e))
        .await?;
    Ok(HttpResponse::Ok().json(found))
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("entry_id" = uuid::Uuid, Path)
    ),
    tag = "setup",
    request_body = EntryPatch,
    responses(
        (status = 200, description = "The entry as now", body = crate::services::entries::Entry),
        Refusals
    )
)]
#[patch("/contests/{id}/entries/{entry_id}")]
pub(crate) async fn change(
    state: web::Data<AppState>,
    EntryWriter(user): EntryWriter,
    path: web::Path<(ContestId, EntryId)>,
    body: web::Json<EntryPatch>,
) -> AppResult<HttpResponse> {
    let (id, entry) = path.into_inner();
    let patch = body.into_inner();
    let changed = state
        .db(move |c| entries::update(c, &user, id, entry, patch))
        .await?;
    Ok(HttpResponse::Ok().json(changed))
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("entry_id" = uuid::Uuid, Path)
    ),
    tag = "setup",
    responses(
        (status = 200, description = "The entry, submitted", body = crate::services::entries::Entry),
        Refusals
    )
)]
#[post("/contests/{id}/entries/{entry_id}/submit")]
pub(crate) async fn submit(
    state: web::Data<AppState>,
    EntryWriter(user): EntryWriter,
    path: web::Path<(ContestId, EntryId)>,
) -> AppResult<HttpResponse> {
    let (id, entry) = path.into_inner();
    let submitted = state
        .db(move |c| entries::submit(c, &user, id, entry))
        .await?;
    Ok(HttpResponse::Ok().json(submitted))
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("entry_id" = uuid::Uuid, Path)
    ),
    tag = "setup",
    responses(
        (status = 200, description = "The entry's report once published: its scores per stage and criterion beside its cluster's means, its rank and prize, and the judges' comments when released", body = crate::services::entry_report::EntryReport),
        Refusals
    )
)]
#[get("/contests/{id}/entries/{entry_id}/report")]
pub(crate) async fn report(
    state: web::Data<AppState>,
    Auth { user, .. }: Auth,
    path: web::Path<(ContestId, EntryId)>,
) -> AppResult<HttpResponse> {
    let (id, entry) = path.into_inner();
    let report = state
        .db(move |c| crate::services::entry_report::report(c, &user, id, entry))
        .await?;
    Ok(HttpResponse::Ok().json(report))
}

/// Reads the multipart field `file` (at most [`IMPORT_LIMIT`] bytes).
pub async fn read_file_field(mut payload: Multipart) -> AppResult<Vec<u8>> {
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|e| {
            AppError::bad_request(Text::with(SetupMsg::ErrImportFormat, [e.to_string()]))
        })?;
        if field.name() != Some("file") {
            continue;
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|e| {
                AppError::bad_request(Text::with(SetupMsg::ErrImportFormat, [e.to_string()]))
            })?;
            if bytes.len() + chunk.len() > IMPORT_LIMIT {
                return Err(AppError::new(
                    crate::error::ErrorKind::PayloadTooLarge,
                    Text::with(crate::i18n::Msg::ErrPayloadTooLarge, [IMPORT_LIMIT / 1024]),
                ));
            }
            bytes.extend_from_slice(&chunk);
        }
        return Ok(bytes);
    }
    Err(AppError::invalid("file", SetupMsg::ErrImportNoFile))
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "setup",
    request_body(content = ImportForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Every row imported", body = ImportResult),
        Refusals
    )
)]
#[post("/contests/{id}/entries/import")]
pub(crate) async fn import_file(
    state: web::Data<AppState>,
    StaffUser(u): StaffUser,
    path: web::Path<ContestId>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let bytes = read_file_field(payload).await?;
    let count = state.db(move |c| import::import(c, &u, id, &bytes)).await?;
    Ok(HttpResponse::Created().json(ImportResult { imported: count }))
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "setup",
    responses(
        (status = 200, description = "The import template", content_type = "text/csv", body = String),
        Refusals
    )
)]
#[get("/contests/{id}/entries/template.csv")]
pub(crate) async fn template(_s: StaffUser) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            "attachment; filename=\"templat-inovasi.csv\"",
        ))
        .body(import::TEMPLATE_CSV)
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "setup",
    responses(
        (status = 200, description = "Every entry with its proposal, in the import's columns", content_type = "text/csv", body = String),
        Refusals
    )
)]
#[get("/contests/{id}/entries/export.csv")]
pub(crate) async fn export(
    state: web::Data<AppState>,
    _s: StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let body = state.db(move |c| import::export::csv(c, id)).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            "attachment; filename=\"inovasi.csv\"",
        ))
        .body(body))
}

/// The import form: one file.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct ImportForm {
    /// A CSV or XLSX file.
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
}

/// What an import answers.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ImportResult {
    pub imported: usize,
}

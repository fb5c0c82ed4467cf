//! Entries' documents: upload (streamed into the store while hashed), list, download (with
//! `ETag` and `Range`, so a phone can open a large PDF), delete. Never public: the committee,
//! and judges assigned to the entry; anyone else gets 404.

use crate::error::{AppError, AppResult};
use crate::i18n::documents::DocumentMsg as M;
use crate::i18n::Text;
use crate::model::*;
use crate::services::documents::{self, Described, Document, Incoming, PART};
use crate::web::auth::{Auth, EntryWriter, StaffUser};
use crate::web::openapi::Refusals;
use crate::web::AppState;
use actix_multipart::{Field, Multipart};
use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::{delete, get, patch, post, web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use std::ops::RangeInclusive;
use utoipa_actix_web::service_config::ServiceConfig;

/// Registers this module's routes (and their OpenAPI operations).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(download)
        .service(change)
        .service(remove);
}

/// The upload form.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct DocumentForm {
    /// The file: PDF, JPEG, PNG or WebP (read from its bytes).
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// Default: `other`.
    kind: Option<DocumentKind>,
    /// The criterion evidence supports.
    #[schema(value_type = Option<String>, format = Uuid)]
    criterion_id: Option<String>,
    /// `true` keeps it from judges.
    hidden_from_judges: Option<bool>,
}

fn broken(e: impl std::fmt::Display) -> AppError {
    AppError::bad_request(Text::with(M::ErrDocumentUpload, [e.to_string()]))
}

/// A short text field of the form (at most 1 KiB).
async fn text_of(field: &mut Field) -> AppResult<String> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.next().await {
        bytes.extend_from_slice(&chunk.map_err(broken)?);
        if bytes.len() > 1024 {
            return Err(broken("a field is longer than 1 KiB"));
        }
    }
    String::from_utf8(bytes).map_err(broken)
}

/// Reads the form, storing the file's parts under `upload` as they complete; returns the file
/// as received and what the form says of it.
async fn receive(
    state: &AppState,
    mut payload: Multipart,
    mut incoming: Incoming,
    upload: &str,
) -> AppResult<(documents::Received, Described)> {
    let mut described = Described::default();
    let mut seq = 0u32;
    // Everything that is not the file (other fields, a second file) is read and dropped, and
    // bounded: an upload cannot hold a worker with an endless field.
    let mut other_bytes = 0usize;
    let mut received = None;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(broken)?;
        match field.name() {
            Some("file") if received.is_none() => {
                described.name = field
                    .content_disposition()
                    .and_then(|d| d.get_filename())
                    .unwrap_or_default()
                    .to_string();
                while let Some(chunk) = field.next().await {
                    for part in incoming.push(&chunk.map_err(broken)?)? {
                        store_part(state, upload, seq, part).await?;
                        seq += 1;
                    }
                }
                let (last, done) =
                    std::mem::replace(&mut incoming, Incoming::new(documents::Room::File(0)))
                        .finish()?;
                if !last.is_empty() {
                    store_part(state, upload, seq, last).await?;
                }
                received = Some(done);
            }
            Some("kind") => described.kind = Some(text_of(&mut field).await?),
            Some("criterion_id") => described.criterion_id = Some(text_of(&mut field).await?),
            Some("hidden_from_judges") => {
                described.hidden_from_judges =
                    matches!(text_of(&mut field).await?.trim(), "true" | "1" | "on")
            }
            _ => {
                while let Some(chunk) = field.next().await {
                    other_bytes += chunk.map_err(broken)?.len();
                    if other_bytes > 64 * 1024 {
                        return Err(broken("fields other than the file pass 64 KiB"));
                    }
                }
            }
        }
    }
    let received = received.ok_or_else(|| AppError::invalid("file", M::ErrDocumentNoFile))?;
    Ok((received, described))
}

async fn store_part(state: &AppState, upload: &str, seq: u32, part: Vec<u8>) -> AppResult<()> {
    let store = state.blobs.clone();
    let upload = upload.to_string();
    state
        .db(move |c| store.put_part(c, &upload, seq, &part))
        .await
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("entry_id" = uuid::Uuid, Path, description = "Entry id"),
    ),
    tag = "documents",
    request_body(content = DocumentForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Stored", body = Document),
        Refusals
    )
)]
#[post("/contests/{id}/entries/{entry_id}/documents")]
pub(crate) async fn create(
    state: web::Data<AppState>,
    EntryWriter(user): EntryWriter,
    path: web::Path<(ContestId, EntryId)>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let (id, entry) = path.into_inner();
    let document = store_upload(&state, user, (id, entry), payload).await?;
    Ok(HttpResponse::Created().json(document))
}

/// Receives an upload form into the store and records it as a document of the entry (the
/// API's and the committee's screen's upload both). A refused upload leaves nothing stored.
pub(crate) async fn store_upload(
    state: &AppState,
    user: crate::services::CurrentUser,
    (id, entry): (ContestId, EntryId),
    payload: Multipart,
) -> AppResult<Document> {
    let limits = state.document_limits();
    let room = state
        .db({
            let user = user.clone();
            move |c| documents::room_for(c, &user, id, entry, limits)
        })
        .await?;
    let upload = uuid::Uuid::now_v7().to_string();
    let outcome = async {
        let (received, described) = receive(state, payload, Incoming::new(room), &upload).await?;
        let store = state.blobs.clone();
        let key = upload.clone();
        state
            .db(move |c| {
                documents::record(
                    c,
                    &*store,
                    &user,
                    (id, entry),
                    &key,
                    &received,
                    &described,
                    limits,
                )
            })
            .await
    }
    .await;
    if outcome.is_err() {
        let store = state.blobs.clone();
        if let Err(left) = state.db(move |c| store.discard(c, &upload)).await {
            tracing::warn!(error = %left.message.key, "an upload's parts stay until the sweep");
        }
    }
    outcome
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("entry_id" = uuid::Uuid, Path, description = "Entry id"),
    ),
    tag = "documents",
    responses(
        (status = 200, description = "The entry's documents the caller may read, oldest first", body = [Document]),
        Refusals
    )
)]
#[get("/contests/{id}/entries/{entry_id}/documents")]
pub(crate) async fn list(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<(ContestId, EntryId)>,
) -> AppResult<HttpResponse> {
    let (id, entry) = path.into_inner();
    let user = auth.user;
    let found = state
        .db(move |c| documents::list(c, &user, id, entry))
        .await?;
    Ok(HttpResponse::Ok().json(found))
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("entry_id" = uuid::Uuid, Path, description = "Entry id"),
        ("document_id" = uuid::Uuid, Path, description = "Document id"),
    ),
    tag = "documents",
    responses(
        (status = 204, description = "Deleted"),
        Refusals
    )
)]
#[delete("/contests/{id}/entries/{entry_id}/documents/{document_id}")]
pub(crate) async fn remove(
    state: web::Data<AppState>,
    EntryWriter(user): EntryWriter,
    path: web::Path<(ContestId, EntryId, DocumentId)>,
) -> AppResult<HttpResponse> {
    let (id, entry, document) = path.into_inner();
    state
        .db(move |c| documents::delete(c, &user, (id, entry), document))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// What may change of a stored document.
#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentChanges {
    /// `true` keeps it from judges.
    pub hidden_from_judges: bool,
}

#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Contest id"),
        ("entry_id" = uuid::Uuid, Path, description = "Entry id"),
        ("document_id" = uuid::Uuid, Path, description = "Document id"),
    ),
    tag = "documents",
    request_body = DocumentChanges,
    responses(
        (status = 200, description = "The document as now", body = Document),
        Refusals
    )
)]
#[patch("/contests/{id}/entries/{entry_id}/documents/{document_id}")]
pub(crate) async fn change(
    state: web::Data<AppState>,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, EntryId, DocumentId)>,
    body: web::Json<DocumentChanges>,
) -> AppResult<HttpResponse> {
    let (id, entry, document) = path.into_inner();
    let hidden = body.into_inner().hidden_from_judges;
    let changed = state
        .db(move |c| documents::set_hidden(c, &user, (id, entry), document, hidden))
        .await?;
    Ok(HttpResponse::Ok().json(changed))
}

/// The one byte range asked for, if it can be served; `Err(())` when it cannot (416: it starts
/// past the end, or asks for the last 0 bytes). Several ranges, a reversed one, or a header
/// that does not parse get the whole file (RFC 9110 lets a server ignore `Range`).
fn range_of(req: &HttpRequest, size: u64) -> Result<Option<RangeInclusive<u64>>, ()> {
    let Some(raw) = req
        .headers()
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
    else {
        return Ok(None);
    };
    let Ok(parsed) = http_range_header::parse_range_header(raw) else {
        return Ok(None);
    };
    use http_range_header::{EndPosition, StartPosition};
    let [only] = parsed.ranges.as_slice() else {
        return Ok(None);
    };
    let last = size.saturating_sub(1);
    let range = match (only.start, only.end) {
        // Only a range that starts past the end cannot be served.
        (StartPosition::Index(start), _) if start >= size => return Err(()),
        (StartPosition::Index(start), EndPosition::Index(end)) if end < start => return Ok(None),
        (StartPosition::Index(start), EndPosition::Index(end)) => start..=end.min(last),
        (StartPosition::Index(start), EndPosition::LastByte) => start..=last,
        // A suffix longer than the file is the whole file (RFC 9110, 14.1.2).
        (StartPosition::FromLast(0), _) => return Err(()),
        (StartPosition::FromLast(n), _) => size.saturating_sub(n)..=last,
    };
    Ok(Some(range))
}

fn disposition(name: &str) -> ContentDisposition {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() {
                c
            } else {
                '_'
            }
        })
        .collect();
    ContentDisposition {
        // Only PDF and images are stored: the browser's own viewer shows them.
        disposition: DispositionType::Inline,
        parameters: vec![
            DispositionParam::Filename(ascii),
            DispositionParam::FilenameExt(header::ExtendedValue {
                charset: header::Charset::Ext("UTF-8".into()),
                language_tag: None,
                value: name.as_bytes().to_vec(),
            }),
        ],
    }
}

#[utoipa::path(
    params(("document_id" = uuid::Uuid, Path, description = "Document id")),
    tag = "documents",
    responses(
        (status = 200, description = "The bytes, with `ETag` (the SHA-256), `Content-Disposition` and `Accept-Ranges`",
            content(("application/pdf"), ("image/jpeg"), ("image/png"), ("image/webp"))),
        (status = 206, description = "The byte range asked for (`Range: bytes=…`), with `Content-Range`"),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        (status = 416, description = "The range lies outside the file; `Content-Range: bytes */size`"),
        Refusals
    )
)]
#[get("/documents/{document_id}")]
pub(crate) async fn download(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: Auth,
    path: web::Path<DocumentId>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let user = auth.user;
    let document = state.db(move |c| documents::open(c, &user, id)).await?;
    let etag = format!("\"{}\"", document.sha256);
    let answer = |status| {
        let mut r = HttpResponse::build(status);
        r.insert_header((header::ETAG, etag.clone()))
            .insert_header((header::ACCEPT_RANGES, "bytes"))
            .insert_header((header::CACHE_CONTROL, "private, no-cache"))
            .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"));
        r
    };
    let unchanged = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if unchanged {
        return Ok(answer(actix_web::http::StatusCode::NOT_MODIFIED).finish());
    }
    let size = document.size;
    let (status, range) = match range_of(&req, size) {
        Err(()) => {
            return Ok(answer(actix_web::http::StatusCode::RANGE_NOT_SATISFIABLE)
                .insert_header((header::CONTENT_RANGE, format!("bytes */{size}")))
                .finish())
        }
        Ok(Some(r)) => (actix_web::http::StatusCode::PARTIAL_CONTENT, r),
        Ok(None) => (actix_web::http::StatusCode::OK, 0..=size.saturating_sub(1)),
    };
    let length = if size == 0 {
        0
    } else {
        range.end() - range.start() + 1
    };
    let mut response = answer(status);
    if status == actix_web::http::StatusCode::PARTIAL_CONTENT {
        response.insert_header((
            header::CONTENT_RANGE,
            format!("bytes {}-{}/{size}", range.start(), range.end()),
        ));
    }
    response
        .content_type(document.content_type.as_str())
        .insert_header(disposition(&document.name))
        // Stored PDFs and images are compressed already; leave them as they are.
        .insert_header((header::CONTENT_ENCODING, "identity"))
        .no_chunking(length);
    Ok(response.streaming(parts(state, document.sha256, range, length)))
}

/// The bytes of `range` of the blob, one stored part at a time.
fn parts(
    state: web::Data<AppState>,
    sha256: String,
    range: RangeInclusive<u64>,
    length: u64,
) -> impl futures_util::Stream<Item = Result<web::Bytes, AppError>> {
    let start = *range.start();
    let end = start + length; // exclusive
    futures_util::stream::unfold(start, move |at| {
        let state = state.clone();
        let sha256 = sha256.clone();
        async move {
            if at >= end {
                return None;
            }
            let seq = (at / PART as u64) as u32;
            let store = state.blobs.clone();
            let read = state.db(move |c| store.part(c, &sha256, seq)).await;
            let part = match read {
                Ok(Some(part)) => part,
                Ok(None) => {
                    return Some((Err(AppError::internal("a document's part is missing")), end))
                }
                Err(e) => return Some((Err(e), end)),
            };
            let from = (at - u64::from(seq) * PART as u64) as usize;
            let to = (part.len() as u64).min(from as u64 + (end - at)) as usize;
            if from >= to {
                return Some((Err(AppError::internal("a document's part is short")), end));
            }
            let bytes = web::Bytes::from(part).slice(from..to);
            Some((Ok(bytes), at + (to - from) as u64))
        }
    })
}

//! Entries' documents: the proposal, evidence pinned to the criterion it supports (bukti
//! dukung), photos. Uploaded by the committee while the entry may still change, read by the
//! committee and by the judges assigned to the entry (in any stage), never public: anyone else
//! is told there is no such document.
//!
//! An upload goes through [`Incoming`] (hashed, typed by its bytes, cut into parts, bounded)
//! into a [`BlobStore`]; [`record`] then makes it a document in one transaction.

pub mod incoming;
pub mod store;

pub use incoming::{Incoming, Received, Room, ACCEPTED, PART};
pub use store::{BlobStore, DatabaseStore};

use super::setup_common::log;
use super::CurrentUser;
use crate::db::{self, documents, DbConnection};
use crate::error::{AppError, AppResult};
use crate::i18n::documents::DocumentMsg as M;
use crate::model::{ContestId, CriterionId, DocumentId, DocumentKind, EntryId, Role};
use serde::Serialize;
use serde_json::json;

/// A document as the API shows it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Document {
    pub id: DocumentId,
    pub entry_id: EntryId,
    /// The file's name as uploaded (cleaned of path and control characters).
    pub name: String,
    pub size: u64,
    /// SHA-256 of the bytes, hexadecimal: also the download's `ETag`.
    pub sha256: String,
    /// Read from the bytes: `application/pdf`, `image/jpeg`, `image/png` or `image/webp`.
    pub content_type: String,
    pub kind: DocumentKind,
    /// The criterion the evidence supports.
    pub criterion_id: Option<CriterionId>,
    /// Judges do not see it (it names the entrant on a blind contest, say).
    pub hidden_from_judges: bool,
    /// Where to read it: `/api/v1/documents/{id}`.
    pub url: String,
    #[serde(with = "crate::db::utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: chrono::NaiveDateTime,
}

impl From<documents::DocumentRow> for Document {
    fn from(d: documents::DocumentRow) -> Document {
        Document {
            url: format!("/api/v1/documents/{}", d.id),
            id: d.id,
            entry_id: d.entry_id,
            name: d.name,
            size: d.size.max(0) as u64,
            sha256: d.sha256,
            content_type: d.content_type,
            kind: d.kind,
            criterion_id: d.criterion_id,
            hidden_from_judges: d.hidden_from_judges,
            created_at: d.created_at,
        }
    }
}

/// How long the parts of an unfinished upload are kept before a sweep drops them: longer than
/// any upload takes (a 20 MB file over a slow rural link takes minutes, not a day). An upload
/// that still outlives it is refused when it completes ([`BlobStore::commit`] counts its
/// parts), never stored broken.
pub const UNFINISHED_UPLOAD_KEPT: chrono::Duration = chrono::Duration::hours(24);

/// The limits on stored bytes (`JURI_MAX_DOCUMENT_MB`, `JURI_MAX_ENTRY_DOCUMENTS_MB`).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub per_file: u64,
    pub per_entry: u64,
}

/// Before an upload: the entry exists in the contest, its documents may change, and how many
/// bytes the file may have.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, entry_id = %entry))]
pub fn room_for(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    entry: EntryId,
    limits: Limits,
) -> AppResult<Room> {
    may_change(conn, actor, contest_id, entry)?;
    let used = documents::entry_bytes(conn, entry)?.max(0) as u64;
    let left = limits.per_entry.saturating_sub(used);
    Ok(if left < limits.per_file {
        Room::Entry {
            left,
            limit: limits.per_entry,
        }
    } else {
        Room::File(limits.per_file)
    })
}

/// What the upload form says about the file.
#[derive(Clone, Debug, Default)]
pub struct Described {
    pub name: String,
    pub kind: Option<String>,
    pub criterion_id: Option<String>,
    pub hidden_from_judges: bool,
}

/// A file name fit for the record and for `Content-Disposition`: its last path segment,
/// compatibility-normalised, without control characters or quotes, at most 200 characters;
/// "dokumen" when nothing is left.
pub fn clean_name(raw: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .nfkc()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\\' | '/' | ';'))
        .take(200)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        "dokumen".into()
    } else {
        cleaned
    }
}

/// Records a complete upload as a document of the entry, its blob in the same transaction.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, entry_id = %entry, actor = %actor.id))]
#[allow(clippy::too_many_arguments)]
pub fn record(
    conn: &mut DbConnection,
    store: &dyn BlobStore,
    actor: &CurrentUser,
    (contest_id, entry): (ContestId, EntryId),
    upload: &str,
    received: &Received,
    described: &Described,
    limits: Limits,
) -> AppResult<Document> {
    let kind: DocumentKind = match described.kind.as_deref() {
        None | Some("") => DocumentKind::Other,
        Some(word) => word
            .parse()
            .map_err(|()| AppError::invalid("kind", M::ErrDocumentKind))?,
    };
    let criterion_id: Option<CriterionId> = match described.criterion_id.as_deref() {
        None | Some("") => None,
        Some(raw) => Some(
            raw.parse()
                .map_err(|_| AppError::invalid("criterion_id", M::ErrDocumentCriterion))?,
        ),
    };
    let name = clean_name(&described.name);
    db::write_tx(conn, |c| {
        may_change(c, actor, contest_id, entry)?;
        if let Some(criterion) = criterion_id {
            if !db::criteria::belongs(c, contest_id, criterion)? {
                return Err(AppError::invalid("criterion_id", M::ErrDocumentCriterion));
            }
        }
        // Checked again here: uploads to the same entry may have run side by side.
        let used = documents::entry_bytes(c, entry)?.max(0) as u64;
        if used + received.size > limits.per_entry {
            return Err(Room::Entry {
                left: limits.per_entry.saturating_sub(used),
                limit: limits.per_entry,
            }
            .refusal());
        }
        store.commit(c, upload, received)?;
        let id = DocumentId::new();
        documents::insert(
            c,
            &documents::NewDocument {
                id,
                contest_id,
                entry_id: entry,
                sha256: &received.sha256,
                name: &name,
                kind,
                criterion_id,
                // Only the committee decides what judges do not see.
                hidden_from_judges: described.hidden_from_judges && actor.role.is_staff(),
                uploaded_by: Some(actor.id),
                created_at: db::now(),
            },
        )?;
        let document = Document::from(documents::find(c, id)?);
        log(
            c,
            actor,
            contest_id,
            "document.uploaded",
            &format!("document:{id}"),
            json!({"new": document}),
        )?;
        Ok(document)
    })
}

/// The entry's documents may change, and `actor` may change them: the committee in setup, an
/// entrant of the entry's unit inside the registration window (404 outside its unit, 403 for
/// judges).
fn may_change(
    c: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    entry: EntryId,
) -> AppResult<()> {
    let (scope, _) = crate::services::entries::find_for(c, actor, contest_id, entry)?;
    crate::services::entrants::check_write(c, &scope, contest_id)?;
    Ok(())
}

/// An entrant deletes only what an entrant uploaded, and never the last document of a kind
/// the committee requires on an entry already submitted.
fn entrant_may_delete(
    c: &mut DbConnection,
    actor: &CurrentUser,
    row: &documents::DocumentRow,
) -> AppResult<()> {
    let by_entrant = match row.uploaded_by {
        Some(by) if by == actor.id => true,
        Some(by) => db::users::find(c, by)?.role == Role::Entrant,
        None => false,
    };
    if !by_entrant {
        return Err(AppError::conflict(
            crate::i18n::entrants::EntrantMsg::ErrCommitteeDocument,
        ));
    }
    let entry = db::entries::find(c, row.contest_id, row.entry_id)?;
    if entry.is_draft() {
        return Ok(());
    }
    let left: Vec<DocumentKind> = documents::of_entry(c, row.entry_id)?
        .iter()
        .filter(|d| d.id != row.id)
        .map(|d| d.kind)
        .collect();
    let contest = db::contests::find(c, row.contest_id)?;
    crate::services::proposal::Requirements::of(&contest).check_documents(&left)
}

/// Whether `user` may read documents of `entry`, and whether they see hidden ones.
fn may_read(
    conn: &mut DbConnection,
    user: &CurrentUser,
    (contest_id, entry): (ContestId, EntryId),
) -> AppResult<Option<bool>> {
    Ok(match user.role {
        Role::Admin | Role::Committee => Some(true),
        // The entrant of the entry's unit reads all of it: it uploaded the documents.
        Role::Entrant => match crate::services::entries::find_for(conn, user, contest_id, entry) {
            Ok(_) => Some(true),
            Err(e) if e.kind.is_client_error() => None,
            Err(e) => return Err(e),
        },
        // A judge who declared a conflict with the entry (a recusal) reads none of it, even
        // through an assignment of an earlier stage.
        Role::Judge => (documents::judge_assigned(conn, user.id, entry)?
            && !db::conflicts::exists(conn, user.id, entry)?)
        .then_some(false),
    })
}

/// The entry's documents that `user` may read, oldest first (404 for anyone who may not).
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, entry_id = %entry))]
pub fn list(
    conn: &mut DbConnection,
    user: &CurrentUser,
    contest_id: ContestId,
    entry: EntryId,
) -> AppResult<Vec<Document>> {
    db::entries::find(conn, contest_id, entry)?;
    let Some(sees_hidden) = may_read(conn, user, (contest_id, entry))? else {
        return Err(AppError::not_found());
    };
    Ok(documents::of_entry(conn, entry)?
        .into_iter()
        .filter(|d| sees_hidden || !d.hidden_from_judges)
        .map(Document::from)
        .collect())
}

/// The document, when `user` may read it; 404 otherwise, as if there were none.
#[tracing::instrument(skip_all, fields(document_id = %id))]
pub fn open(conn: &mut DbConnection, user: &CurrentUser, id: DocumentId) -> AppResult<Document> {
    let row = documents::find(conn, id)?;
    match may_read(conn, user, (row.contest_id, row.entry_id))? {
        Some(true) => Ok(row.into()),
        Some(false) if !row.hidden_from_judges => Ok(row.into()),
        _ => Err(AppError::not_found()),
    }
}

/// Hides a document from judges, or shows it again: at any time before the results are
/// published (a committee may notice a name or a logo only once judging runs).
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, document_id = %id, actor = %actor.id))]
pub fn set_hidden(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    (contest_id, entry): (ContestId, EntryId),
    id: DocumentId,
    hidden: bool,
) -> AppResult<Document> {
    db::write_tx(conn, |c| {
        let row = documents::find(c, id)?;
        if row.contest_id != contest_id || row.entry_id != entry {
            return Err(AppError::not_found());
        }
        if db::contests::find(c, contest_id)?.phase == crate::model::Phase::Published {
            return Err(AppError::conflict(
                crate::i18n::results::ResultsMsg::ErrAlreadyPublished,
            ));
        }
        let before = row.hidden_from_judges;
        documents::set_hidden(c, id, hidden)?;
        let document = Document::from(documents::find(c, id)?);
        log(
            c,
            actor,
            contest_id,
            "document.changed",
            &format!("document:{id}"),
            json!({"old": {"hidden_from_judges": before}, "new": {"hidden_from_judges": hidden}}),
        )?;
        Ok(document)
    })
}

/// Deletes a document while the entry may change; its bytes go when no document needs them.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, document_id = %id, actor = %actor.id))]
pub fn delete(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    (contest_id, entry): (ContestId, EntryId),
    id: DocumentId,
) -> AppResult<()> {
    db::write_tx(conn, |c| {
        let row = documents::find(c, id)?;
        if row.contest_id != contest_id || row.entry_id != entry {
            return Err(AppError::not_found());
        }
        may_change(c, actor, contest_id, entry)?;
        if actor.role == Role::Entrant {
            entrant_may_delete(c, actor, &row)?;
        }
        let old = Document::from(row);
        documents::delete(c, id)?;
        db::blobs::sweep(c, db::now() - UNFINISHED_UPLOAD_KEPT)?;
        log(
            c,
            actor,
            contest_id,
            "document.deleted",
            &format!("document:{id}"),
            json!({"old": old}),
        )
    })
}

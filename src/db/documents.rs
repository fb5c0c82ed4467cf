//! The `documents` table: each entry's documents, naming the blob that holds their bytes.

use super::schema::{assignments, blobs, documents};
use super::DbConnection;
use crate::model::{ContestId, CriterionId, DocumentId, DocumentKind, EntryId, JudgeId, UserId};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// A document with its blob's size and type.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = documents)]
pub struct DocumentRow {
    pub id: DocumentId,
    pub contest_id: ContestId,
    pub entry_id: EntryId,
    pub sha256: String,
    pub name: String,
    pub kind: DocumentKind,
    pub criterion_id: Option<CriterionId>,
    pub hidden_from_judges: bool,
    pub uploaded_by: Option<UserId>,
    pub created_at: NaiveDateTime,
    #[diesel(select_expression = blobs::size)]
    #[diesel(select_expression_type = blobs::size)]
    pub size: i64,
    #[diesel(select_expression = blobs::content_type)]
    #[diesel(select_expression_type = blobs::content_type)]
    pub content_type: String,
}

#[derive(Insertable)]
#[diesel(table_name = documents)]
pub struct NewDocument<'a> {
    pub id: DocumentId,
    pub contest_id: ContestId,
    pub entry_id: EntryId,
    pub sha256: &'a str,
    pub name: &'a str,
    pub kind: DocumentKind,
    pub criterion_id: Option<CriterionId>,
    pub hidden_from_judges: bool,
    pub uploaded_by: Option<UserId>,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, new: &NewDocument) -> QueryResult<()> {
    diesel::insert_into(documents::table)
        .values(new)
        .execute(conn)
        .map(|_| ())
}

/// The entry's documents, oldest first.
pub fn of_entry(conn: &mut DbConnection, entry: EntryId) -> QueryResult<Vec<DocumentRow>> {
    documents::table
        .inner_join(blobs::table.on(blobs::sha256.eq(documents::sha256)))
        .filter(documents::entry_id.eq(entry))
        .order((documents::created_at.asc(), documents::id.asc()))
        .select(DocumentRow::as_select())
        .load(conn)
}

pub fn find(conn: &mut DbConnection, id: DocumentId) -> QueryResult<DocumentRow> {
    documents::table
        .inner_join(blobs::table.on(blobs::sha256.eq(documents::sha256)))
        .filter(documents::id.eq(id))
        .select(DocumentRow::as_select())
        .first(conn)
}

/// The bytes the entry's documents take, counting each stored file once per document.
pub fn entry_bytes(conn: &mut DbConnection, entry: EntryId) -> QueryResult<i64> {
    let sizes: Vec<i64> = documents::table
        .inner_join(blobs::table.on(blobs::sha256.eq(documents::sha256)))
        .filter(documents::entry_id.eq(entry))
        .select(blobs::size)
        .load(conn)?;
    Ok(sizes.iter().sum())
}

pub fn delete(conn: &mut DbConnection, id: DocumentId) -> QueryResult<usize> {
    diesel::delete(documents::table.find(id)).execute(conn)
}

/// Whether `judge` is assigned to `entry` in any stage.
pub fn judge_assigned(
    conn: &mut DbConnection,
    judge: JudgeId,
    entry: EntryId,
) -> QueryResult<bool> {
    assignments::table
        .filter(assignments::judge_id.eq(judge))
        .filter(assignments::entry_id.eq(entry))
        .count()
        .get_result::<i64>(conn)
        .map(|n| n > 0)
}

pub fn set_hidden(conn: &mut DbConnection, id: DocumentId, hidden: bool) -> QueryResult<usize> {
    diesel::update(documents::table.find(id))
        .set(documents::hidden_from_judges.eq(hidden))
        .execute(conn)
}

/// (entry, kind) of every document of the contest: what each entry has.
pub fn kinds_of_contest(
    conn: &mut DbConnection,
    contest: ContestId,
) -> QueryResult<Vec<(EntryId, DocumentKind)>> {
    documents::table
        .filter(documents::contest_id.eq(contest))
        .select((documents::entry_id, documents::kind))
        .load(conn)
}

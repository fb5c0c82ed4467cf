//! The `entries` table: the innovations entered in a contest.

use super::schema::{clusters, entries};
use super::DbConnection;
use crate::model::{ClusterId, ContestId, EntryId};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

/// An entry as the committee sees it (also the API's answer).
#[derive(Clone, Debug, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = entries)]
pub struct Entry {
    pub id: EntryId,
    pub contest_id: ContestId,
    pub cluster_id: ClusterId,
    pub title: String,
    pub innovator: String,
    pub unit: String,
    pub description: String,
    pub link: Option<String>,
    /// When it was submitted; `null` while an entrant's draft.
    #[serde(with = "super::utc::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub submitted_at: Option<NaiveDateTime>,
}

impl Entry {
    /// An entrant's entry not yet submitted.
    pub fn is_draft(&self) -> bool {
        self.submitted_at.is_none()
    }
}

/// A `None` link is written as NULL, not as SQL's DEFAULT: SQLite has no DEFAULT inside a
/// multi-row `VALUES`, and diesel would insert such rows one by one (in a savepoint each).
#[derive(Insertable)]
#[diesel(table_name = entries, treat_none_as_default_value = false)]
pub struct NewEntry<'a> {
    pub id: EntryId,
    pub contest_id: ContestId,
    pub cluster_id: ClusterId,
    pub title: &'a str,
    pub innovator: &'a str,
    pub unit: &'a str,
    pub description: &'a str,
    pub link: Option<&'a str>,
    pub created_at: NaiveDateTime,
    pub submitted_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConnection, new: &NewEntry) -> QueryResult<()> {
    diesel::insert_into(entries::table)
        .values(new)
        .execute(conn)
        .map(|_| ())
}

/// Rows per multi-row `INSERT` of [`insert_many`] and `audit::record_many`: 500 rows of up to
/// ten values stay far below either backend's limit on bound values.
pub const BATCH_ROWS: usize = 500;

/// Inserts many entries with one statement per [`BATCH_ROWS`]: an import of 20,000 rows holds
/// the write lock (and every judge saving in another contest) for a fraction of the time
/// 20,000 single inserts take.
pub fn insert_many(conn: &mut DbConnection, rows: &[NewEntry]) -> QueryResult<()> {
    for chunk in rows.chunks(BATCH_ROWS) {
        super::native!(conn, |c| diesel::insert_into(entries::table)
            .values(chunk)
            .execute(c))?;
    }
    Ok(())
}

/// One of the contest's entries (`NotFound` when it is not the contest's).
pub fn find(conn: &mut DbConnection, contest: ContestId, id: EntryId) -> QueryResult<Entry> {
    entries::table
        .filter(entries::id.eq(id))
        .filter(entries::contest_id.eq(contest))
        .select(Entry::as_select())
        .first(conn)
}

/// The contest's entries by cluster order, then title.
pub fn of_contest(conn: &mut DbConnection, contest: ContestId) -> QueryResult<Vec<Entry>> {
    entries::table
        .inner_join(clusters::table)
        .filter(entries::contest_id.eq(contest))
        .order((
            clusters::position.asc(),
            entries::title.asc(),
            entries::id.asc(),
        ))
        .select(Entry::as_select())
        .load(conn)
}

/// The contest's entries whose unit is one of `units` (an entrant's view), in list order.
pub fn of_units(
    conn: &mut DbConnection,
    contest: ContestId,
    units: &[String],
) -> QueryResult<Vec<Entry>> {
    entries::table
        .inner_join(clusters::table)
        .filter(entries::contest_id.eq(contest))
        .filter(entries::unit.eq_any(units))
        .order((
            clusters::position.asc(),
            entries::title.asc(),
            entries::id.asc(),
        ))
        .select(Entry::as_select())
        .load(conn)
}

/// The fields an edit may change.
#[derive(AsChangeset, Default)]
#[diesel(table_name = entries)]
pub struct EntryChanges {
    pub cluster_id: Option<ClusterId>,
    pub title: Option<String>,
    pub innovator: Option<String>,
    pub unit: Option<String>,
    pub description: Option<String>,
    pub link: Option<Option<String>>,
    pub submitted_at: Option<Option<NaiveDateTime>>,
}

pub fn update(conn: &mut DbConnection, id: EntryId, changes: &EntryChanges) -> QueryResult<()> {
    diesel::update(entries::table.find(id))
        .set(changes)
        .execute(conn)
        .map(|_| ())
}

/// Titles of the contest's entries still in draft.
pub fn drafts(conn: &mut DbConnection, contest: ContestId) -> QueryResult<Vec<String>> {
    entries::table
        .filter(entries::contest_id.eq(contest))
        .filter(entries::submitted_at.is_null())
        .order((entries::title.asc(), entries::id.asc()))
        .select(entries::title)
        .load(conn)
}

pub fn delete(conn: &mut DbConnection, id: EntryId) -> QueryResult<()> {
    diesel::delete(entries::table.find(id))
        .execute(conn)
        .map(|_| ())
}

/// The cluster of every entry of the contest (one item per entry).
pub fn clusters_of(conn: &mut DbConnection, contest: ContestId) -> QueryResult<Vec<ClusterId>> {
    entries::table
        .filter(entries::contest_id.eq(contest))
        .select(entries::cluster_id)
        .load(conn)
}

/// (id, cluster, unit) of every entry: what the assignment rules need.
pub fn units(
    conn: &mut DbConnection,
    contest: ContestId,
) -> QueryResult<Vec<(EntryId, ClusterId, String)>> {
    entries::table
        .filter(entries::contest_id.eq(contest))
        .select((entries::id, entries::cluster_id, entries::unit))
        .load(conn)
}

/// (id, cluster, title) of every entry, by title.
pub fn titles(
    conn: &mut DbConnection,
    contest: ContestId,
) -> QueryResult<Vec<(EntryId, ClusterId, String)>> {
    entries::table
        .filter(entries::contest_id.eq(contest))
        .order((entries::title.asc(), entries::id.asc()))
        .select((entries::id, entries::cluster_id, entries::title))
        .load(conn)
}

/// How many entries the contest has.
pub fn count(conn: &mut DbConnection, contest: ContestId) -> QueryResult<i64> {
    entries::table
        .filter(entries::contest_id.eq(contest))
        .count()
        .get_result(conn)
}

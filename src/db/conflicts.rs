//! The `conflicts` table: conflicts of interest declared by the committee, and judges'
//! recusals. Either keeps the judge from the entry for good.

use super::schema::{conflicts, entries, users};
use super::DbConnection;
use crate::model::{ClusterId, ConflictId, ConflictSource, ContestId, EntryId, JudgeId, UserId};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

/// A recorded conflict (also the API's answer).
#[derive(Clone, Debug, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = conflicts)]
pub struct Conflict {
    pub id: ConflictId,
    pub judge_id: JudgeId,
    pub entry_id: EntryId,
    pub reason: String,
    pub source: ConflictSource,
    #[serde(with = "crate::db::utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = conflicts)]
pub struct NewConflict<'a> {
    pub id: ConflictId,
    pub contest_id: ContestId,
    pub judge_id: JudgeId,
    pub entry_id: EntryId,
    pub reason: &'a str,
    pub source: ConflictSource,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
}

/// A judge's recusal, with the names the monitor shows.
#[derive(Clone, Debug, Queryable)]
pub struct RecusalRow {
    pub judge_id: JudgeId,
    pub judge_name: String,
    pub entry_id: EntryId,
    pub entry_title: String,
    pub created_at: NaiveDateTime,
    pub reason: String,
    pub cluster_id: ClusterId,
}

/// The contest's conflicts, oldest first.
pub fn of_contest(conn: &mut DbConnection, contest: ContestId) -> QueryResult<Vec<Conflict>> {
    conflicts::table
        .filter(conflicts::contest_id.eq(contest))
        .order(conflicts::created_at.asc())
        .select(Conflict::as_select())
        .load(conn)
}

/// (judge, entry) of every conflict of the contest.
pub fn pairs(conn: &mut DbConnection, contest: ContestId) -> QueryResult<Vec<(JudgeId, EntryId)>> {
    conflicts::table
        .filter(conflicts::contest_id.eq(contest))
        .select((conflicts::judge_id, conflicts::entry_id))
        .load(conn)
}

/// Whether a conflict of this judge and entry is recorded.
pub fn exists(conn: &mut DbConnection, judge: JudgeId, entry: EntryId) -> QueryResult<bool> {
    let found: i64 = conflicts::table
        .filter(conflicts::judge_id.eq(judge))
        .filter(conflicts::entry_id.eq(entry))
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}

pub fn insert(conn: &mut DbConnection, new: &NewConflict) -> QueryResult<()> {
    diesel::insert_into(conflicts::table)
        .values(new)
        .execute(conn)
        .map(|_| ())
}

/// The contest's recusals, oldest first.
pub fn recusals(conn: &mut DbConnection, contest: ContestId) -> QueryResult<Vec<RecusalRow>> {
    conflicts::table
        .inner_join(entries::table)
        .inner_join(users::table.on(users::id.eq(conflicts::judge_id)))
        .filter(conflicts::contest_id.eq(contest))
        .filter(conflicts::source.eq(ConflictSource::Recusal))
        .order(conflicts::created_at.asc())
        .select((
            conflicts::judge_id,
            users::name,
            conflicts::entry_id,
            entries::title,
            conflicts::created_at,
            conflicts::reason,
            entries::cluster_id,
        ))
        .load(conn)
}

//! The `assignments` table: which judge scores which entry in which stage.

use super::schema::assignments;
use super::stages::StageKey;
use super::DbConnection;
use crate::model::{AssignmentId, ContestId, EntryId, JudgeId, StageId};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

/// An assignment (also the API's answer).
#[derive(Clone, Debug, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = assignments)]
pub struct Assignment {
    pub id: AssignmentId,
    pub contest_id: ContestId,
    pub stage_id: StageId,
    pub judge_id: JudgeId,
    pub entry_id: EntryId,
    #[serde(with = "crate::db::utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
}

/// The stage's assignments by entry, then judge.
pub fn of_stage(conn: &mut DbConnection, stage: StageId) -> QueryResult<Vec<Assignment>> {
    assignments::table
        .filter(assignments::stage_id.eq(stage))
        .order((assignments::entry_id.asc(), assignments::judge_id.asc()))
        .select(Assignment::as_select())
        .load(conn)
}

/// (judge, entry) of every assignment of the stage.
pub fn pairs(conn: &mut DbConnection, stage: StageId) -> QueryResult<Vec<(JudgeId, EntryId)>> {
    assignments::table
        .filter(assignments::stage_id.eq(stage))
        .select((assignments::judge_id, assignments::entry_id))
        .load(conn)
}

/// Assigns `judge` to `entry` in the stage; returns the new assignment's id.
pub fn insert(
    conn: &mut DbConnection,
    stage: StageKey,
    judge: JudgeId,
    entry: EntryId,
    now: NaiveDateTime,
) -> QueryResult<AssignmentId> {
    let id = AssignmentId::new();
    diesel::insert_into(assignments::table)
        .values((
            assignments::id.eq(id),
            assignments::contest_id.eq(stage.contest),
            assignments::stage_id.eq(stage.id),
            assignments::judge_id.eq(judge),
            assignments::entry_id.eq(entry),
            assignments::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

pub fn delete(conn: &mut DbConnection, id: AssignmentId) -> QueryResult<()> {
    diesel::delete(assignments::table.find(id))
        .execute(conn)
        .map(|_| ())
}

/// Removes `judge`'s assignment to `entry` in the stage, if any.
pub fn delete_pair(
    conn: &mut DbConnection,
    stage: StageId,
    judge: JudgeId,
    entry: EntryId,
) -> QueryResult<()> {
    diesel::delete(
        assignments::table
            .filter(assignments::stage_id.eq(stage))
            .filter(assignments::judge_id.eq(judge))
            .filter(assignments::entry_id.eq(entry)),
    )
    .execute(conn)
    .map(|_| ())
}

/// Whether `judge` is assigned to `entry` in the stage.
pub fn exists(
    conn: &mut DbConnection,
    stage: StageId,
    judge: JudgeId,
    entry: EntryId,
) -> QueryResult<bool> {
    let found: i64 = assignments::table
        .filter(assignments::stage_id.eq(stage))
        .filter(assignments::entry_id.eq(entry))
        .filter(assignments::judge_id.eq(judge))
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}

/// How many assignments the stage has.
pub fn count(conn: &mut DbConnection, stage: StageId) -> QueryResult<i64> {
    assignments::table
        .filter(assignments::stage_id.eq(stage))
        .count()
        .get_result(conn)
}

/// Removes the stage's assignments of entries not in `entries` (made before the stage's
/// entries were known); returns how many.
pub fn delete_outside(
    conn: &mut DbConnection,
    stage: StageId,
    entries: &[EntryId],
) -> QueryResult<usize> {
    let keep: std::collections::BTreeSet<EntryId> = entries.iter().copied().collect();
    let stale: Vec<AssignmentId> = assignments::table
        .filter(assignments::stage_id.eq(stage))
        .select((assignments::id, assignments::entry_id))
        .load::<(AssignmentId, EntryId)>(conn)?
        .into_iter()
        .filter(|(_, entry)| !keep.contains(entry))
        .map(|(id, _)| id)
        .collect();
    for chunk in stale.chunks(500) {
        diesel::delete(assignments::table.filter(assignments::id.eq_any(chunk))).execute(conn)?;
    }
    Ok(stale.len())
}

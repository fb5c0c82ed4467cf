//! The `sheets` and `sheet_scores` tables: one sheet per stage, judge and entry, with its
//! version.

use super::schema::{sheet_scores, sheets};
use super::DbConnection;
use crate::model::{ContestId, CriterionId, EntryId, JudgeId, SheetId, SheetStatus, StageId};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = sheets)]
pub struct SheetRow {
    pub id: SheetId,
    pub contest_id: ContestId,
    pub stage_id: StageId,
    pub entry_id: EntryId,
    pub judge_id: JudgeId,
    pub status: SheetStatus,
    pub comment: String,
    pub version: i32,
    pub submitted_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

/// `judge_id`'s sheet for `entry_id` in the stage, if any.
pub fn find(
    conn: &mut DbConnection,
    stage_id: StageId,
    entry_id: EntryId,
    judge_id: JudgeId,
) -> QueryResult<Option<SheetRow>> {
    super::native!(conn, |c| sheets::table
        .filter(sheets::stage_id.eq(stage_id))
        .filter(sheets::entry_id.eq(entry_id))
        .filter(sheets::judge_id.eq(judge_id))
        .select(SheetRow::as_select())
        .first(c))
    .optional()
}

/// criterion id → score.
pub fn scores(
    conn: &mut DbConnection,
    sheet_id: SheetId,
) -> QueryResult<BTreeMap<CriterionId, i64>> {
    let rows: Vec<(CriterionId, i32)> = super::native!(conn, |c| sheet_scores::table
        .filter(sheet_scores::sheet_id.eq(sheet_id))
        .select((sheet_scores::criterion_id, sheet_scores::score))
        .load(c))?;
    Ok(rows.into_iter().map(|(c, s)| (c, i64::from(s))).collect())
}

/// (stage id, entry id, status) of every sheet of a judge.
pub fn statuses_of_judge(
    conn: &mut DbConnection,
    judge_id: JudgeId,
) -> QueryResult<Vec<(StageId, EntryId, SheetStatus)>> {
    super::native!(conn, |c| sheets::table
        .filter(sheets::judge_id.eq(judge_id))
        .select((sheets::stage_id, sheets::entry_id, sheets::status))
        .load(c))
}

/// (entry id, judge id, status) of every sheet of a stage.
pub fn statuses_of_stage(
    conn: &mut DbConnection,
    stage_id: StageId,
) -> QueryResult<Vec<(EntryId, JudgeId, SheetStatus)>> {
    sheets::table
        .filter(sheets::stage_id.eq(stage_id))
        .select((sheets::entry_id, sheets::judge_id, sheets::status))
        .load(conn)
}

pub struct NewSheet<'a> {
    pub id: SheetId,
    pub contest_id: ContestId,
    pub stage_id: StageId,
    pub entry_id: EntryId,
    pub judge_id: JudgeId,
    pub status: SheetStatus,
    pub comment: &'a str,
    pub submitted_at: Option<NaiveDateTime>,
    pub now: NaiveDateTime,
}

/// Writes a new sheet; `false` when the judge already has a sheet for the entry (another save
/// got there first).
pub fn insert(conn: &mut DbConnection, s: &NewSheet) -> QueryResult<bool> {
    let inserted = super::native!(conn, |c| diesel::insert_into(sheets::table)
        .values((
            sheets::id.eq(s.id),
            sheets::contest_id.eq(s.contest_id),
            sheets::stage_id.eq(s.stage_id),
            sheets::entry_id.eq(s.entry_id),
            sheets::judge_id.eq(s.judge_id),
            sheets::status.eq(s.status),
            sheets::comment.eq(s.comment),
            sheets::version.eq(1),
            sheets::submitted_at.eq(s.submitted_at),
            sheets::updated_at.eq(s.now),
        ))
        .execute(c));
    match inserted {
        Ok(_) => Ok(true),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Updates the sheet only if it is still at `expected_version`; returns the rows changed
/// (0 means someone saved in between).
pub fn update_if_version(
    conn: &mut DbConnection,
    id: SheetId,
    expected_version: i32,
    status: SheetStatus,
    comment: &str,
    submitted_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    super::native!(conn, |c| diesel::update(
        sheets::table
            .find(id)
            .filter(sheets::version.eq(expected_version)),
    )
    .set((
        sheets::status.eq(status),
        sheets::comment.eq(comment),
        sheets::version.eq(expected_version + 1),
        sheets::submitted_at.eq(submitted_at),
        sheets::updated_at.eq(now),
    ))
    .execute(c))
}

/// Removes a sheet's scores (before writing its new ones).
pub fn delete_scores(conn: &mut DbConnection, sheet_id: SheetId) -> QueryResult<usize> {
    super::native!(conn, |c| diesel::delete(
        sheet_scores::table.filter(sheet_scores::sheet_id.eq(sheet_id))
    )
    .execute(c))
}

/// Writes a sheet's scores (the sheet has none yet). On PostgreSQL in one statement (one round
/// trip). On SQLite, row by row through one cached prepared statement: there is no round trip
/// to save, and a multi-row insert's SQL depends on the number of rows, so diesel wrote its
/// text and SQLite parsed it afresh on every save (seen in the save profile, in the writer's
/// lane that every save queues for).
pub fn insert_scores(
    conn: &mut DbConnection,
    sheet_id: SheetId,
    scores: &BTreeMap<CriterionId, i64>,
) -> QueryResult<()> {
    let rows: Vec<_> = scores
        .iter()
        .map(|(c, s)| {
            (
                sheet_scores::sheet_id.eq(sheet_id),
                sheet_scores::criterion_id.eq(*c),
                sheet_scores::score.eq(*s as i32),
            )
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    match conn {
        DbConnection::Sqlite(c) => {
            for row in rows {
                diesel::insert_into(sheet_scores::table)
                    .values(row)
                    .execute(c)?;
            }
        }
        DbConnection::Postgres(c) => {
            diesel::insert_into(sheet_scores::table)
                .values(&rows)
                .execute(c)?;
        }
    };
    Ok(())
}

pub fn delete(conn: &mut DbConnection, id: SheetId) -> QueryResult<usize> {
    delete_scores(conn, id)?;
    diesel::delete(sheets::table.find(id)).execute(conn)
}

/// How many sheets of the stage are submitted, and when the last one changed: part of the
/// results cache's fingerprint.
pub fn submitted_count_and_last(
    conn: &mut DbConnection,
    stage_id: StageId,
) -> QueryResult<(i64, Option<NaiveDateTime>)> {
    use diesel::dsl::{count_star, max};
    sheets::table
        .filter(sheets::stage_id.eq(stage_id))
        .filter(sheets::status.eq(SheetStatus::Submitted))
        .select((count_star(), max(sheets::updated_at)))
        .first(conn)
}

/// The non-empty comments of the entry's submitted sheets, with their stage, in the order
/// they were submitted (never who wrote them).
pub fn comments_of_entry(
    conn: &mut DbConnection,
    entry_id: EntryId,
) -> QueryResult<Vec<(StageId, String)>> {
    sheets::table
        .filter(sheets::entry_id.eq(entry_id))
        .filter(sheets::status.eq(SheetStatus::Submitted))
        .filter(sheets::comment.ne(""))
        .order((sheets::submitted_at.asc(), sheets::id.asc()))
        .select((sheets::stage_id, sheets::comment))
        .load(conn)
}

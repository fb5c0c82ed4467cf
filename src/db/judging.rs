//! Reads for judging: the rubric, a judge's assignments with their entries, entry details.

use super::criteria::CriterionRow;
use super::schema::{assignments, clusters, contests, criteria, entries, stages};
use super::DbConnection;
use crate::model::{
    AssignmentId, ClusterId, ContestId, EntryId, JudgeId, Phase, StageId, StagePhase,
};
use diesel::prelude::*;

/// The stage's rubric in its order, on the backend's own connection (read by every save).
pub fn rubric(conn: &mut DbConnection, stage_id: StageId) -> QueryResult<Vec<CriterionRow>> {
    super::native!(conn, |c| criteria::table
        .filter(criteria::stage_id.eq(stage_id))
        .order((criteria::position.asc(), criteria::id.asc()))
        .select(CriterionRow::as_select())
        .load(c))
}

/// The contest's current stage (the first not sealed), on the backend's own connection (read by
/// every save and sheet view); `None` once every stage is sealed.
pub fn current_stage(
    conn: &mut DbConnection,
    contest_id: ContestId,
) -> QueryResult<Option<StageId>> {
    super::native!(conn, |c| stages::table
        .filter(stages::contest_id.eq(contest_id))
        .filter(stages::phase.ne(StagePhase::Sealed))
        .order(stages::position.asc())
        .select(stages::id)
        .first(c))
    .optional()
}

/// An entry as a judge sees it, with its cluster and contest.
#[derive(Clone, Debug, Queryable)]
pub struct EntryDetail {
    pub id: EntryId,
    pub contest_id: ContestId,
    pub cluster_id: ClusterId,
    pub title: String,
    pub innovator: String,
    pub unit: String,
    pub description: String,
    pub link: Option<String>,
    pub cluster_name: String,
    pub contest_name: String,
    pub phase: Phase,
    pub blind: bool,
}

type EntryDetailColumns = (
    entries::id,
    entries::contest_id,
    entries::cluster_id,
    entries::title,
    entries::innovator,
    entries::unit,
    entries::description,
    entries::link,
    clusters::name,
    contests::name,
    contests::phase,
    contests::blind,
);

const ENTRY_DETAIL: EntryDetailColumns = (
    entries::id,
    entries::contest_id,
    entries::cluster_id,
    entries::title,
    entries::innovator,
    entries::unit,
    entries::description,
    entries::link,
    clusters::name,
    contests::name,
    contests::phase,
    contests::blind,
);

/// Entries with their cluster and contest: what [`EntryDetail`] is read from.
#[diesel::dsl::auto_type]
fn with_cluster_and_contest() -> _ {
    entries::table
        .inner_join(clusters::table)
        .inner_join(contests::table.on(contests::id.eq(entries::contest_id)))
}

pub fn entry(
    conn: &mut DbConnection,
    contest_id: ContestId,
    entry_id: EntryId,
) -> QueryResult<Option<EntryDetail>> {
    super::native!(conn, |c| with_cluster_and_contest()
        .filter(entries::id.eq(entry_id))
        .filter(entries::contest_id.eq(contest_id))
        .select(ENTRY_DETAIL)
        .first(c))
    .optional()
}

/// The entry with whether `judge_id` is assigned to it in the stage, in one query (a judge's
/// every save and sheet view asks both).
pub fn entry_for_judge(
    conn: &mut DbConnection,
    (contest_id, stage_id): (ContestId, StageId),
    entry_id: EntryId,
    judge_id: JudgeId,
) -> QueryResult<Option<(EntryDetail, bool)>> {
    let found: Option<(EntryDetail, Option<AssignmentId>)> = super::native!(conn, |c| {
        with_cluster_and_contest()
            .left_join(
                assignments::table.on(assignments::entry_id
                    .eq(entries::id)
                    .and(assignments::judge_id.eq(judge_id))
                    .and(assignments::stage_id.eq(stage_id))),
            )
            .filter(entries::id.eq(entry_id))
            .filter(entries::contest_id.eq(contest_id))
            .select((ENTRY_DETAIL, assignments::id.nullable()))
            .first(c)
    })
    .optional()?;
    Ok(found.map(|(entry, assignment)| (entry, assignment.is_some())))
}

/// The assignment of `judge_id` to `entry_id` in the stage, if any.
pub fn assignment_id(
    conn: &mut DbConnection,
    stage_id: StageId,
    entry_id: EntryId,
    judge_id: JudgeId,
) -> QueryResult<Option<AssignmentId>> {
    super::native!(conn, |c| assignments::table
        .filter(assignments::stage_id.eq(stage_id))
        .filter(assignments::entry_id.eq(entry_id))
        .filter(assignments::judge_id.eq(judge_id))
        .select(assignments::id)
        .first(c))
    .optional()
}

/// Every entry assigned to a judge in a stage that is not sealed (each contest's current
/// stage: a later stage has no assignments before the one before it is sealed), with that
/// stage's id and name, by contest, cluster and title.
pub fn assigned_entries(
    conn: &mut DbConnection,
    judge_id: JudgeId,
) -> QueryResult<Vec<(EntryDetail, StageId, String)>> {
    assignments::table
        .inner_join(entries::table.inner_join(clusters::table))
        .inner_join(contests::table.on(contests::id.eq(assignments::contest_id)))
        .inner_join(stages::table.on(stages::id.eq(assignments::stage_id)))
        .filter(assignments::judge_id.eq(judge_id))
        .filter(stages::phase.ne(StagePhase::Sealed))
        .order((
            contests::year.desc(),
            contests::name.asc(),
            clusters::position.asc(),
            entries::title.asc(),
            entries::id.asc(),
        ))
        .select((ENTRY_DETAIL, stages::id, stages::name))
        .load(conn)
}

#[derive(QueryableByName)]
struct PhasesRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    contest: Phase,
    #[diesel(sql_type = diesel::sql_types::Text)]
    stage: StagePhase,
}

/// The contest's and the stage's phases, read so that closing the contest (or sealing the
/// stage, which needs it closed) cannot commit between this read and the caller's commit: on
/// PostgreSQL the contest's row is share-locked (`FOR SHARE`; the phase change waits), on
/// SQLite the caller already holds the only write lock (`BEGIN IMMEDIATE`).
pub fn phases_for_write(
    conn: &mut DbConnection,
    contest_id: ContestId,
    stage_id: StageId,
) -> QueryResult<(Phase, StagePhase)> {
    match conn {
        DbConnection::Postgres(pg) => diesel::sql_query(
            "SELECT c.phase AS contest, s.phase AS stage FROM contests c \
               JOIN stages s ON s.id = $2 AND s.contest_id = c.id \
              WHERE c.id = $1 FOR SHARE OF c",
        )
        .bind::<diesel::sql_types::Text, _>(contest_id)
        .bind::<diesel::sql_types::Text, _>(stage_id)
        .get_result::<PhasesRow>(pg)
        .map(|r| (r.contest, r.stage)),
        DbConnection::Sqlite(c) => contests::table
            .inner_join(stages::table.on(stages::contest_id.eq(contests::id)))
            .filter(contests::id.eq(contest_id))
            .filter(stages::id.eq(stage_id))
            .select((contests::phase, stages::phase))
            .first(c),
    }
}

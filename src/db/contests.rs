//! The `contests` table: a contest's own fields, its phase and its published snapshot.

use super::schema::contests;
use super::DbConnection;
use crate::model::{Aggregation, ContestId, Phase, UserId};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = contests)]
pub struct ContestRow {
    pub id: ContestId,
    pub name: String,
    pub year: i32,
    pub description: String,
    pub phase: Phase,
    pub aggregation: Aggregation,
    pub min_award_score: Option<i64>,
    pub blind: bool,
    pub published_at: Option<NaiveDateTime>,
    pub result_digest: Option<String>,
    pub result_snapshot: Option<String>,
    /// Hundredths of a point: a sheet further than this from the others on its entry is an
    /// outlier.
    pub outlier_points: i64,
    /// Sealing or publishing with a position that depends on one judge needs an
    /// acknowledgement.
    pub robustness_gate: bool,
    /// Entrants may file and edit their entries (in the first stage's setup, before the
    /// deadline if there is one).
    pub registration_open: bool,
    pub registration_deadline: Option<NaiveDateTime>,
    /// Entrants read the judges' comments on their entries once results are published.
    pub release_comments: bool,
    /// The proposal fields and kinds of document an entry needs before submission (JSON
    /// lists of words).
    pub required_fields: String,
    pub required_documents: String,
}

/// A new contest; it starts in setup.
#[derive(Insertable)]
#[diesel(table_name = contests)]
pub struct NewContest<'a> {
    pub id: ContestId,
    pub name: &'a str,
    pub year: i32,
    pub description: &'a str,
    pub phase: Phase,
    pub aggregation: Aggregation,
    pub min_award_score: Option<i64>,
    pub blind: bool,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The fields a `PATCH` may change; `None` leaves a field as it is (for `min_award_score`,
/// `Some(None)` clears it).
#[derive(AsChangeset, Default)]
#[diesel(table_name = contests)]
pub struct ContestChanges {
    pub name: Option<String>,
    pub year: Option<i32>,
    pub description: Option<String>,
    pub aggregation: Option<Aggregation>,
    pub min_award_score: Option<Option<i64>>,
    pub blind: Option<bool>,
    pub outlier_points: Option<i64>,
    pub robustness_gate: Option<bool>,
    pub registration_open: Option<bool>,
    pub registration_deadline: Option<Option<NaiveDateTime>>,
    pub release_comments: Option<bool>,
    pub required_fields: Option<String>,
    pub required_documents: Option<String>,
    pub updated_at: Option<NaiveDateTime>,
}

/// (id, name, year, phase) of a contest, for lists.
pub type ContestSummaryRow = (ContestId, String, i32, Phase);

pub fn find(conn: &mut DbConnection, id: ContestId) -> QueryResult<ContestRow> {
    contests::table
        .find(id)
        .select(ContestRow::as_select())
        .first(conn)
}

/// Inserts a contest with its first stage (every contest has at least one).
pub fn insert(conn: &mut DbConnection, new: &NewContest) -> QueryResult<()> {
    diesel::insert_into(contests::table)
        .values(new)
        .execute(conn)?;
    super::stages::insert_first(conn, new.id, new.phase, new.created_at)?;
    Ok(())
}

/// Locks the contest's row until the transaction ends (a no-op update: PostgreSQL takes the
/// row lock; SQLite's writer lock already serialises writes). Writers that check the contest's
/// state and then act on it lock it first, so two of them cannot both act on what they read.
pub fn lock(conn: &mut DbConnection, id: ContestId) -> QueryResult<()> {
    diesel::update(contests::table.find(id))
        .set(contests::updated_at.eq(contests::updated_at))
        .execute(conn)
        .map(|_| ())
}

pub fn update(conn: &mut DbConnection, id: ContestId, changes: &ContestChanges) -> QueryResult<()> {
    diesel::update(contests::table.find(id))
        .set(changes)
        .execute(conn)
        .map(|_| ())
}

/// Marks the contest as changed (the results cache's fingerprint reads `updated_at`).
pub fn touch(conn: &mut DbConnection, id: ContestId, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(contests::table.find(id))
        .set(contests::updated_at.eq(now))
        .execute(conn)
        .map(|_| ())
}

/// Every contest, newest year first.
pub fn summaries(conn: &mut DbConnection) -> QueryResult<Vec<ContestSummaryRow>> {
    contests::table
        .order((contests::year.desc(), contests::created_at.desc()))
        .select((
            contests::id,
            contests::name,
            contests::year,
            contests::phase,
        ))
        .load(conn)
}

/// Moves the contest from `from` to `to`; 0 rows when it was no longer in `from`.
pub fn move_phase(
    conn: &mut DbConnection,
    id: ContestId,
    from: Phase,
    to: Phase,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let moved = diesel::update(contests::table.find(id).filter(contests::phase.eq(from)))
        .set((contests::phase.eq(to), contests::updated_at.eq(now)))
        .execute(conn)?;
    if moved == 1 {
        super::stages::follow_contest(conn, id, to, now)?;
    }
    Ok(moved)
}

/// Publishes a closed contest with its snapshot and digest; 0 rows when it was not closed.
pub fn publish(
    conn: &mut DbConnection,
    id: ContestId,
    now: NaiveDateTime,
    digest: &str,
    snapshot_json: &str,
) -> QueryResult<usize> {
    diesel::update(
        contests::table
            .find(id)
            .filter(contests::phase.eq(Phase::Closed)),
    )
    .set((
        contests::phase.eq(Phase::Published),
        contests::published_at.eq(Some(now)),
        contests::result_digest.eq(Some(digest)),
        contests::result_snapshot.eq(Some(snapshot_json)),
        contests::updated_at.eq(now),
    ))
    .execute(conn)
}

/// What the results cache's fingerprint reads of the contest: its phase, when it last changed,
/// and its current stage (the first not sealed; `None` once every one is). Two indexed
/// queries through diesel's DSL, whose prepared statements the connection keeps (a raw
/// `sql_query` doing both at once would be parsed again on every request).
pub fn phase_change_and_stage(
    conn: &mut DbConnection,
    id: ContestId,
) -> QueryResult<(Phase, NaiveDateTime, Option<crate::model::StageId>)> {
    use super::schema::stages;
    let (phase, updated_at) = contests::table
        .find(id)
        .select((contests::phase, contests::updated_at))
        .first(conn)?;
    let stage = stages::table
        .filter(stages::contest_id.eq(id))
        .filter(stages::phase.ne(crate::model::StagePhase::Sealed))
        .order(stages::position.asc())
        .select(stages::id)
        .first(conn)
        .optional()?;
    Ok((phase, updated_at, stage))
}

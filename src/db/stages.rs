//! The `stages` table: a contest's ordered stages (tahap), each with its kind, weight, cut rule,
//! checklist, phase and, once sealed, its digest and snapshot.

use super::schema::{entries, stage_entries, stages};
use super::DbConnection;
use crate::model::{
    Aggregation, ContestId, CutRule, CutTies, EntryId, Normalisation, Phase, StageId, StageKind,
    StagePhase,
};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = stages)]
pub struct StageRow {
    pub id: StageId,
    pub contest_id: ContestId,
    pub position: i32,
    #[diesel(embed)]
    pub declaration: StageDeclaration,
    pub phase: StagePhase,
    pub digest: Option<String>,
}

impl StageRow {
    pub fn key(&self) -> StageKey {
        StageKey {
            contest: self.contest_id,
            id: self.id,
        }
    }
}

/// A stage and its contest: what every row of a stage's data (criteria, assignments, sheets,
/// waivers, tie orders) is written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StageKey {
    pub contest: ContestId,
    pub id: StageId,
}

/// A stage as declared: everything the committee sets, nothing the stage's life sets.
/// `cut_min_score` is in hundredths of a point; `aggregation` `None` is the contest's; the
/// checklist is a JSON list of texts; `normalisation` changes only while the stage is in
/// setup.
#[derive(Clone, Debug, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = stages, treat_none_as_null = true)]
pub struct StageDeclaration {
    pub name: String,
    pub kind: StageKind,
    pub weight: i32,
    pub cut_rule: CutRule,
    pub cut_count: Option<i32>,
    pub cut_min_score: Option<i64>,
    pub cut_ties: CutTies,
    pub aggregation: Option<Aggregation>,
    pub normalisation: Normalisation,
    pub checklist: String,
}

impl StageDeclaration {
    /// The one scored stage every contest starts with, "Penilaian" (judging), which takes
    /// every entry and the whole weight.
    pub fn default_scored() -> StageDeclaration {
        StageDeclaration {
            name: "Penilaian".into(),
            kind: StageKind::Scored,
            weight: 100,
            cut_rule: CutRule::All,
            cut_count: None,
            cut_min_score: None,
            cut_ties: CutTies::Include,
            aggregation: None,
            normalisation: Normalisation::None,
            checklist: "[]".into(),
        }
    }
}

#[derive(Insertable)]
#[diesel(table_name = stages)]
struct NewStage {
    id: StageId,
    contest_id: ContestId,
    position: i32,
    #[diesel(embed)]
    declaration: StageDeclaration,
    phase: StagePhase,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// The contest's stages, first first.
pub fn list(conn: &mut DbConnection, contest: ContestId) -> QueryResult<Vec<StageRow>> {
    stages::table
        .filter(stages::contest_id.eq(contest))
        .order(stages::position.asc())
        .select(StageRow::as_select())
        .load(conn)
}

pub fn find(conn: &mut DbConnection, contest: ContestId, id: StageId) -> QueryResult<StageRow> {
    stages::table
        .find(id)
        .filter(stages::contest_id.eq(contest))
        .select(StageRow::as_select())
        .first(conn)
}

/// The contest's current stage: the first not sealed (every existing route acts on it), or
/// the last once every stage is sealed. `NotFound` when there is no such contest.
pub fn current(conn: &mut DbConnection, contest: ContestId) -> QueryResult<StageRow> {
    let mut stages = list(conn, contest)?;
    match stages.iter().position(|s| s.phase != StagePhase::Sealed) {
        Some(at) => Ok(stages.swap_remove(at)),
        None => stages.pop().ok_or(diesel::NotFound),
    }
}

/// The stage before `stage`, if any.
pub fn previous(conn: &mut DbConnection, stage: &StageRow) -> QueryResult<Option<StageRow>> {
    stages::table
        .filter(stages::contest_id.eq(stage.contest_id))
        .filter(stages::position.eq(stage.position - 1))
        .select(StageRow::as_select())
        .first(conn)
        .optional()
}

/// The ids of the entries that take part in `stage`: every entry of the contest in the first
/// stage, the previous stage's shortlist in a later one.
pub fn entry_ids(conn: &mut DbConnection, stage: &StageRow) -> QueryResult<Vec<EntryId>> {
    if stage.position <= 1 {
        return entries::table
            .filter(entries::contest_id.eq(stage.contest_id))
            .select(entries::id)
            .load(conn);
    }
    stage_entries::table
        .filter(stage_entries::stage_id.eq(stage.id))
        .select(stage_entries::entry_id)
        .load(conn)
}

/// The entries of a stage after the first (the previous stage's shortlist); `None` for the
/// first stage, which takes every entry of the contest.
pub fn later_entries(
    conn: &mut DbConnection,
    stage: &StageRow,
) -> QueryResult<Option<std::collections::BTreeSet<EntryId>>> {
    if stage.position <= 1 {
        return Ok(None);
    }
    Ok(Some(entry_ids(conn, stage)?.into_iter().collect()))
}

/// Inserts a stage at `position` (from 1); the stages from there on move down one place.
pub fn insert_at(
    conn: &mut DbConnection,
    contest: ContestId,
    position: i32,
    declaration: &StageDeclaration,
    now: NaiveDateTime,
) -> QueryResult<StageId> {
    diesel::update(
        stages::table
            .filter(stages::contest_id.eq(contest))
            .filter(stages::position.ge(position)),
    )
    .set(stages::position.eq(stages::position + 1))
    .execute(conn)?;
    let id = StageId::new();
    diesel::insert_into(stages::table)
        .values(&NewStage {
            id,
            contest_id: contest,
            position,
            declaration: declaration.clone(),
            phase: StagePhase::Setup,
            created_at: now,
            updated_at: now,
        })
        .execute(conn)?;
    Ok(id)
}

/// Replaces a stage's declaration.
pub fn declare(
    conn: &mut DbConnection,
    id: StageId,
    declaration: &StageDeclaration,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(stages::table.find(id))
        .set((declaration, stages::updated_at.eq(now)))
        .execute(conn)
        .map(|_| ())
}

/// Deletes a stage; the later ones move up one place.
pub fn delete(conn: &mut DbConnection, contest: ContestId, stage: &StageRow) -> QueryResult<()> {
    diesel::delete(stages::table.find(stage.id)).execute(conn)?;
    diesel::update(
        stages::table
            .filter(stages::contest_id.eq(contest))
            .filter(stages::position.gt(stage.position)),
    )
    .set(stages::position.eq(stages::position - 1))
    .execute(conn)
    .map(|_| ())
}

/// The current stage (the first not sealed) follows the contest's phase move: open, closed;
/// publication leaves it closed.
pub fn follow_contest(
    conn: &mut DbConnection,
    contest: ContestId,
    to: Phase,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let phase = match to {
        Phase::Setup => StagePhase::Setup,
        Phase::Judging => StagePhase::Judging,
        Phase::Closed | Phase::Published => StagePhase::Closed,
    };
    let current: Option<StageId> = stages::table
        .filter(stages::contest_id.eq(contest))
        .filter(stages::phase.ne(StagePhase::Sealed))
        .order(stages::position.asc())
        .select(stages::id)
        .first(conn)
        .optional()?;
    if let Some(id) = current {
        diesel::update(stages::table.find(id))
            .set((stages::phase.eq(phase), stages::updated_at.eq(now)))
            .execute(conn)?;
    }
    Ok(())
}

/// Seals a closed stage: its digest and snapshot are fixed; 0 rows when it was not closed.
pub fn seal(
    conn: &mut DbConnection,
    id: StageId,
    digest: &str,
    snapshot: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        stages::table
            .find(id)
            .filter(stages::phase.eq(StagePhase::Closed)),
    )
    .set((
        stages::phase.eq(StagePhase::Sealed),
        stages::digest.eq(Some(digest)),
        stages::snapshot.eq(Some(snapshot)),
        stages::sealed_at.eq(Some(now)),
        stages::updated_at.eq(now),
    ))
    .execute(conn)
}

/// A sealed stage's snapshot (the JSON its digest is over).
pub fn snapshot(conn: &mut DbConnection, id: StageId) -> QueryResult<Option<String>> {
    stages::table.find(id).select(stages::snapshot).first(conn)
}

/// When a stage was sealed, if it is.
pub fn sealed_at(conn: &mut DbConnection, id: StageId) -> QueryResult<Option<NaiveDateTime>> {
    stages::table.find(id).select(stages::sealed_at).first(conn)
}

/// Makes `entries` the entries of `stage` (the shortlist of the stage before it).
pub fn set_entries(
    conn: &mut DbConnection,
    stage: StageId,
    entries: &[EntryId],
) -> QueryResult<()> {
    diesel::delete(stage_entries::table.filter(stage_entries::stage_id.eq(stage))).execute(conn)?;
    // A statement's parameters are bounded (SQLite: 32,766): 2 per row, 1,000 rows at a time.
    let rows: Vec<StageEntry> = entries
        .iter()
        .map(|&entry_id| StageEntry {
            stage_id: stage,
            entry_id,
        })
        .collect();
    for chunk in rows.chunks(1000) {
        super::native!(conn, |c| diesel::insert_into(stage_entries::table)
            .values(chunk)
            .execute(c))?;
    }
    Ok(())
}

#[derive(Insertable)]
#[diesel(table_name = stage_entries)]
struct StageEntry {
    stage_id: StageId,
    entry_id: EntryId,
}

/// Gives a new contest its first stage; returns its id.
pub fn insert_first(
    conn: &mut DbConnection,
    contest: ContestId,
    phase: Phase,
    now: NaiveDateTime,
) -> QueryResult<StageId> {
    let id = insert_at(conn, contest, 1, &StageDeclaration::default_scored(), now)?;
    follow_contest(conn, contest, phase, now)?;
    Ok(id)
}

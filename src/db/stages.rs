//! The `stages` table: a contest's ordered stages (tahap), each with its kind, weight, cut rule,
//! checklist, phase and, once sealed, its digest and snapshot.

use super::schema::stages;
use super::DbConnection;
use crate::model::{
    Aggregation, ContestId, CutRule, CutTies, Phase, StageId, StageKind, StagePhase,
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

/// A stage as declared: everything the committee sets, nothing the stage's life sets.
/// `cut_min_score` is in hundredths of a point; `aggregation` `None` is the contest's; the
/// checklist is a JSON list of texts.
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

/// Gives a new contest its first stage.
pub fn insert_first(
    conn: &mut DbConnection,
    contest: ContestId,
    phase: Phase,
    now: NaiveDateTime,
) -> QueryResult<()> {
    insert_at(conn, contest, 1, &StageDeclaration::default_scored(), now)?;
    follow_contest(conn, contest, phase, now)
}

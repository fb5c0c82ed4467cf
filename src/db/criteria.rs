//! The `criteria` table: each stage's rubric and its declared tie-break order.

use super::schema::criteria;
use super::DbConnection;
use crate::model::{ContestId, CriterionId, StageId};
use diesel::prelude::*;

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = criteria)]
pub struct CriterionRow {
    pub id: CriterionId,
    pub name: String,
    pub description: String,
    pub weight: i32,
    pub min_score: i32,
    pub max_score: i32,
    /// The score levels, as JSON.
    pub levels: String,
    pub position: i32,
    pub tie_break_rank: Option<i32>,
}

#[derive(Insertable)]
#[diesel(table_name = criteria)]
pub struct NewCriterion<'a> {
    pub id: CriterionId,
    pub contest_id: ContestId,
    pub stage_id: StageId,
    pub position: i32,
    pub name: &'a str,
    pub description: &'a str,
    pub weight: i32,
    pub min_score: i32,
    pub max_score: i32,
    pub levels: &'a str,
}

/// The stage's rubric in its order.
pub fn of_stage(conn: &mut DbConnection, stage: StageId) -> QueryResult<Vec<CriterionRow>> {
    criteria::table
        .filter(criteria::stage_id.eq(stage))
        .order((criteria::position.asc(), criteria::id.asc()))
        .select(CriterionRow::as_select())
        .load(conn)
}

/// The position after the stage's last criterion (0 for an empty rubric).
pub fn next_position(conn: &mut DbConnection, stage: StageId) -> QueryResult<i32> {
    let last: Option<i32> = criteria::table
        .filter(criteria::stage_id.eq(stage))
        .select(diesel::dsl::max(criteria::position))
        .first(conn)?;
    Ok(last.map_or(0, |p| p + 1))
}

pub fn insert(conn: &mut DbConnection, new: &NewCriterion) -> QueryResult<()> {
    diesel::insert_into(criteria::table)
        .values(new)
        .execute(conn)
        .map(|_| ())
}

/// The name of one of the stage's criteria (`NotFound` when it is not the stage's).
pub fn name_of(conn: &mut DbConnection, stage: StageId, id: CriterionId) -> QueryResult<String> {
    criteria::table
        .filter(criteria::id.eq(id))
        .filter(criteria::stage_id.eq(stage))
        .select(criteria::name)
        .first(conn)
}

pub fn delete(conn: &mut DbConnection, id: CriterionId) -> QueryResult<()> {
    diesel::delete(criteria::table.find(id))
        .execute(conn)
        .map(|_| ())
}

/// Declares the tie-break order: the listed criteria in that order, every other one none.
pub fn set_tie_break(
    conn: &mut DbConnection,
    stage: StageId,
    order: &[CriterionId],
) -> QueryResult<()> {
    diesel::update(criteria::table.filter(criteria::stage_id.eq(stage)))
        .set(criteria::tie_break_rank.eq(None::<i32>))
        .execute(conn)?;
    for (rank, id) in order.iter().enumerate() {
        diesel::update(criteria::table.find(id))
            .set(criteria::tie_break_rank.eq(Some(rank as i32)))
            .execute(conn)?;
    }
    Ok(())
}

/// Whether `id` is a criterion of `contest` (in any of its stages).
pub fn belongs(conn: &mut DbConnection, contest: ContestId, id: CriterionId) -> QueryResult<bool> {
    criteria::table
        .filter(criteria::id.eq(id))
        .filter(criteria::contest_id.eq(contest))
        .count()
        .get_result::<i64>(conn)
        .map(|n| n > 0)
}

//! The `acknowledgements` table: the committee's recorded acknowledgement, with its reason,
//! that a stage's prize or cut positions depend on a single judge (the robustness gate).

use super::schema::acknowledgements;
use super::DbConnection;
use crate::model::{ContestId, StageId, UserId};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = acknowledgements)]
pub struct AcknowledgementRow {
    pub id: String,
    pub contest_id: ContestId,
    pub stage_id: StageId,
    pub reason: String,
    /// The positions acknowledged, as JSON.
    pub unstable: String,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &AcknowledgementRow) -> QueryResult<()> {
    diesel::insert_into(acknowledgements::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// The stage's acknowledgements, newest first.
pub fn of_stage(conn: &mut DbConnection, stage: StageId) -> QueryResult<Vec<AcknowledgementRow>> {
    acknowledgements::table
        .filter(acknowledgements::stage_id.eq(stage))
        .order((
            acknowledgements::created_at.desc(),
            acknowledgements::id.desc(),
        ))
        .select(AcknowledgementRow::as_select())
        .load(conn)
}

//! The `screenings` table: a screening stage's decisions (seleksi administrasi), one per entry.

use super::schema::screenings;
use super::DbConnection;
use crate::model::{EntryId, StageId, UserId};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// A decision: eligible or not, the failed checklist items (JSON list) and the note.
#[derive(Clone, Debug, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = screenings)]
pub struct ScreeningRow {
    pub stage_id: StageId,
    pub entry_id: EntryId,
    pub eligible: bool,
    pub failed: String,
    pub note: String,
    pub decided_by: Option<UserId>,
    pub decided_at: NaiveDateTime,
}

/// Every decision of the stage.
pub fn of_stage(conn: &mut DbConnection, stage: StageId) -> QueryResult<Vec<ScreeningRow>> {
    screenings::table
        .filter(screenings::stage_id.eq(stage))
        .select(ScreeningRow::as_select())
        .load(conn)
}

/// The decision on one entry, if any.
pub fn find(
    conn: &mut DbConnection,
    stage: StageId,
    entry: EntryId,
) -> QueryResult<Option<ScreeningRow>> {
    screenings::table
        .find((stage, entry))
        .select(ScreeningRow::as_select())
        .first(conn)
        .optional()
}

/// Records a decision, replacing an earlier one on the same entry.
pub fn put(conn: &mut DbConnection, row: &ScreeningRow) -> QueryResult<()> {
    diesel::delete(screenings::table.find((row.stage_id, row.entry_id))).execute(conn)?;
    diesel::insert_into(screenings::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

//! The `waivers` and `tie_resolutions` tables: the committee's recorded decisions on results
//! (an excused missing sheet; the order of a tie in the prize zone), each with its reason.

use super::schema::{tie_resolutions, waivers};
use super::DbConnection;
use crate::model::{
    ClusterId, ContestId, EntryId, JudgeId, StageId, TieResolutionId, UserId, WaiverId,
};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

#[derive(Insertable)]
#[diesel(table_name = waivers)]
pub struct NewWaiver<'a> {
    pub id: WaiverId,
    pub contest_id: ContestId,
    pub stage_id: StageId,
    pub entry_id: EntryId,
    pub judge_id: JudgeId,
    pub reason: &'a str,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = tie_resolutions)]
pub struct NewTieResolution<'a> {
    pub id: TieResolutionId,
    pub contest_id: ContestId,
    pub stage_id: StageId,
    pub cluster_id: ClusterId,
    /// The entries' ids in the decided order, as a JSON list.
    pub entry_order: &'a str,
    pub reason: &'a str,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
}

/// A recorded waiver (also the API's answer).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Waiver {
    pub id: WaiverId,
    pub entry_id: EntryId,
    pub judge_id: JudgeId,
    pub reason: String,
    pub created_by: UserId,
    #[serde(with = "crate::db::utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
}

/// A recorded tie order (also the API's answer).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct TieResolution {
    pub id: TieResolutionId,
    pub cluster_id: ClusterId,
    /// The tied entries, first place first.
    pub order: Vec<EntryId>,
    pub reason: String,
    pub created_by: UserId,
    #[serde(with = "crate::db::utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
}

/// Whether `judge`'s sheet for `entry` in the stage is already waived.
pub fn waived(
    conn: &mut DbConnection,
    stage: StageId,
    entry: EntryId,
    judge: JudgeId,
) -> QueryResult<bool> {
    let found: i64 = waivers::table
        .filter(waivers::stage_id.eq(stage))
        .filter(waivers::entry_id.eq(entry))
        .filter(waivers::judge_id.eq(judge))
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}

pub fn insert_waiver(conn: &mut DbConnection, new: &NewWaiver) -> QueryResult<()> {
    diesel::insert_into(waivers::table)
        .values(new)
        .execute(conn)
        .map(|_| ())
}

pub fn insert_tie_resolution(conn: &mut DbConnection, new: &NewTieResolution) -> QueryResult<()> {
    diesel::insert_into(tie_resolutions::table)
        .values(new)
        .execute(conn)
        .map(|_| ())
}

/// (waivers, tie orders) of the stage: part of the results cache's fingerprint.
pub fn counts(conn: &mut DbConnection, stage: StageId) -> QueryResult<(i64, i64)> {
    let waived: i64 = waivers::table
        .filter(waivers::stage_id.eq(stage))
        .count()
        .get_result(conn)?;
    let orders: i64 = tie_resolutions::table
        .filter(tie_resolutions::stage_id.eq(stage))
        .count()
        .get_result(conn)?;
    Ok((waived, orders))
}

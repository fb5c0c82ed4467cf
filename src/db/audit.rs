//! The `audit_log` table: who changed what, when, with old and new values. Rows are only ever
//! inserted; nothing in juri updates or deletes them.

use super::schema::audit_log;
use super::DbConnection;
use crate::model::{AuditId, ContestId, UserId};
use diesel::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = audit_log)]
pub struct AuditRow {
    pub id: AuditId,
    pub contest_id: Option<ContestId>,
    pub actor_id: Option<UserId>,
    pub action: String,
    pub target: String,
    pub detail: String,
    #[serde(with = "crate::db::utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: chrono::NaiveDateTime,
}

/// One recorded change. `detail` is JSON (typically `{"old":…,"new":…}`).
pub struct Record<'a> {
    pub contest_id: Option<ContestId>,
    pub actor_id: Option<UserId>,
    pub action: &'a str,
    pub target: &'a str,
    pub detail: serde_json::Value,
}

pub fn record(conn: &mut DbConnection, r: Record) -> QueryResult<()> {
    // v7 ids sort by time, so rows written in the same microsecond keep their order.
    let id = AuditId::new();
    let detail = r.detail.to_string();
    super::native!(conn, |c| diesel::insert_into(audit_log::table)
        .values((
            audit_log::id.eq(&id),
            audit_log::contest_id.eq(r.contest_id),
            audit_log::actor_id.eq(r.actor_id),
            audit_log::action.eq(r.action),
            audit_log::target.eq(r.target),
            audit_log::detail.eq(&detail),
            audit_log::created_at.eq(super::now()),
        ))
        .execute(c))
    .map(|_| ())
}

/// Records many changes with one statement per `entries::BATCH_ROWS`, in order.
pub fn record_many(conn: &mut DbConnection, records: &[Record]) -> QueryResult<()> {
    let now = super::now();
    let rows: Vec<_> = records
        .iter()
        .map(|r| {
            (
                audit_log::id.eq(AuditId::new()),
                audit_log::contest_id.eq(r.contest_id),
                audit_log::actor_id.eq(r.actor_id),
                audit_log::action.eq(r.action),
                audit_log::target.eq(r.target),
                audit_log::detail.eq(r.detail.to_string()),
                audit_log::created_at.eq(now),
            )
        })
        .collect();
    for chunk in rows.chunks(super::entries::BATCH_ROWS) {
        super::native!(conn, |c| diesel::insert_into(audit_log::table)
            .values(chunk)
            .execute(c))?;
    }
    Ok(())
}

pub fn for_contest(
    conn: &mut DbConnection,
    contest_id: ContestId,
    limit: i64,
) -> QueryResult<Vec<AuditRow>> {
    audit_log::table
        .filter(audit_log::contest_id.eq(contest_id))
        .order(audit_log::id.desc())
        .limit(limit)
        .select(AuditRow::as_select())
        .load(conn)
}

pub fn for_target(conn: &mut DbConnection, target: &str) -> QueryResult<Vec<AuditRow>> {
    audit_log::table
        .filter(audit_log::target.eq(target))
        .order(audit_log::id.asc())
        .select(AuditRow::as_select())
        .load(conn)
}

//! The `settings` table: values the server generates once and every instance shares (the token
//! signing secret).

use super::schema::settings;
use super::DbConnection;
use diesel::prelude::*;

pub fn get(conn: &mut DbConnection, key: &str) -> QueryResult<Option<String>> {
    settings::table
        .find(key)
        .select(settings::value)
        .first(conn)
        .optional()
}

/// Stores `value` under `key` unless another instance stored one first; returns the value
/// that won, so instances starting together agree.
pub fn get_or_insert(conn: &mut DbConnection, key: &str, value: &str) -> QueryResult<String> {
    if let Some(existing) = get(conn, key)? {
        return Ok(existing);
    }
    let inserted = diesel::insert_into(settings::table)
        .values((settings::key.eq(key), settings::value.eq(value)))
        .execute(conn);
    match inserted {
        Ok(_) => Ok(value.to_string()),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => get(conn, key)?.ok_or(diesel::result::Error::NotFound),
        Err(e) => Err(e),
    }
}

/// Whether the database can take writes again after a full disk: writes 64 KiB (sixteen
/// pages) and rolls them back, so the answer means room for real work, not for one more byte.
pub fn probe_write(conn: &mut DbConnection) -> QueryResult<()> {
    let room = "x".repeat(64 * 1024);
    let outcome = super::write_tx(conn, |c| {
        diesel::sql_query("INSERT INTO settings (key, value) VALUES ('health_probe', $1)")
            .bind::<diesel::sql_types::Text, _>(&room)
            .execute(c)?;
        Err::<(), _>(diesel::result::Error::RollbackTransaction)
    });
    match outcome {
        Err(diesel::result::Error::RollbackTransaction) | Ok(()) => Ok(()),
        Err(e) => Err(e),
    }
}

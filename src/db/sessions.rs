//! The `sessions` table: one row per issued token. A token is honoured only while its row
//! exists, which is how logout, a password change and deactivation revoke tokens at once.

use super::schema::{sessions, users};
use super::users::UserRow;
use super::DbConnection;
use crate::model::{SessionId, UserId};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// Counts revocations in this process; a memory of verified sessions
/// ([`crate::services::session_cache`]) trusts only what it learned since the last one.
static REVOCATIONS: AtomicU64 = AtomicU64::new(0);
/// When the last revocation was made (before its transaction committed).
static LAST_REVOCATION: Mutex<Option<Instant>> = Mutex::new(None);

/// How many revocations this process has made so far.
pub fn revocation_generation() -> u64 {
    REVOCATIONS.load(Ordering::SeqCst)
}

/// When this process last revoked sessions, if ever.
pub fn last_revocation() -> Option<Instant> {
    *LAST_REVOCATION
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Records a revocation; [`delete_for_user`] calls it for every revocation it makes.
pub(crate) fn note_revocation() {
    *LAST_REVOCATION
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(Instant::now());
    REVOCATIONS.fetch_add(1, Ordering::SeqCst);
}

#[derive(Insertable)]
#[diesel(table_name = sessions)]
pub struct NewSession {
    pub id: SessionId,
    pub user_id: UserId,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, s: &NewSession) -> QueryResult<()> {
    diesel::insert_into(sessions::table)
        .values(s)
        .execute(conn)
        .map(|_| ())
}

/// The active user behind a live session, or `None` when revoked, expired or deactivated.
pub fn live_user(
    conn: &mut DbConnection,
    session_id: SessionId,
    now: NaiveDateTime,
) -> QueryResult<Option<UserRow>> {
    sessions::table
        .inner_join(users::table)
        .filter(sessions::id.eq(session_id))
        .filter(sessions::expires_at.gt(now))
        .filter(users::active.eq(true))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

/// Revokes every token of a user issued so far (and everything this process remembers of
/// verified sessions).
pub fn delete_for_user(conn: &mut DbConnection, user_id: UserId) -> QueryResult<usize> {
    note_revocation();
    diesel::delete(sessions::table.filter(sessions::user_id.eq(user_id))).execute(conn)
}

/// Drops expired rows so the table stays small.
pub fn delete_expired(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::expires_at.le(now))).execute(conn)
}

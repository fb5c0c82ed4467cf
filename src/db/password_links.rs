//! The `password_links` table: one-time links that let an account set its own password.
//! Only the SHA-256 of a link's token is stored.

use super::schema::password_links;
use super::DbConnection;
use crate::model::UserId;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// A link's state.
#[derive(Clone, Debug, Queryable)]
pub struct LinkRow {
    pub user_id: UserId,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

pub fn insert(
    conn: &mut DbConnection,
    token_sha256: &str,
    user: UserId,
    created_by: Option<UserId>,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(password_links::table)
        .values((
            password_links::token_sha256.eq(token_sha256),
            password_links::user_id.eq(user),
            password_links::created_by.eq(created_by),
            password_links::created_at.eq(now),
            password_links::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConnection, token_sha256: &str) -> QueryResult<Option<LinkRow>> {
    password_links::table
        .find(token_sha256)
        .select((
            password_links::user_id,
            password_links::expires_at,
            password_links::used_at,
        ))
        .first(conn)
        .optional()
}

/// Marks the link used if it still is unused and unexpired at `now`; 0 rows otherwise (so two
/// simultaneous uses cannot both succeed).
pub fn use_once(
    conn: &mut DbConnection,
    token_sha256: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        password_links::table
            .find(token_sha256)
            .filter(password_links::used_at.is_null())
            .filter(password_links::expires_at.gt(now)),
    )
    .set(password_links::used_at.eq(Some(now)))
    .execute(conn)
}

/// Ends every unused link of the account (a new link replaces the old ones).
pub fn revoke_unused(
    conn: &mut DbConnection,
    user: UserId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        password_links::table
            .filter(password_links::user_id.eq(user))
            .filter(password_links::used_at.is_null()),
    )
    .set(password_links::expires_at.eq(now))
    .execute(conn)
}

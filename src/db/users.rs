//! The `users` table: accounts of admins, committee members and judges.

use super::schema::users;
use super::DbConnection;
use crate::model::{Role, UserId};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Clone, Debug, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub affiliation: String,
    pub password_hash: String,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub id: UserId,
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub affiliation: &'a str,
    pub password_hash: &'a str,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, user: &NewUser) -> QueryResult<()> {
    diesel::insert_into(users::table)
        .values(user)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConnection, id: UserId) -> QueryResult<UserRow> {
    users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
}

pub fn find_by_email(conn: &mut DbConnection, email: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::email.eq(email))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<UserRow>> {
    users::table
        .order((users::role.asc(), users::name.asc(), users::id.asc()))
        .select(UserRow::as_select())
        .load(conn)
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    users::table.count().get_result(conn)
}

pub fn set_password(
    conn: &mut DbConnection,
    id: UserId,
    hash: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set((users::password_hash.eq(hash), users::updated_at.eq(now)))
        .execute(conn)
}

pub fn set_active(
    conn: &mut DbConnection,
    id: UserId,
    active: bool,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set((users::active.eq(active), users::updated_at.eq(now)))
        .execute(conn)
}

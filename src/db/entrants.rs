//! The `contest_entrants` and `entrant_clusters` tables: which accounts file entries for a
//! contest, under which unit, limited to which clusters (none listed: every cluster).

use super::schema::{contest_entrants, entrant_clusters, users};
use super::DbConnection;
use crate::model::{ClusterId, ContestId, UserId};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// An entrant of a contest with its account's name, e-mail and state.
#[derive(Clone, Debug, Queryable)]
pub struct EntrantRow {
    pub user_id: UserId,
    pub unit: String,
    pub name: String,
    pub email: String,
    pub active: bool,
}

type Columns = (
    contest_entrants::user_id,
    contest_entrants::unit,
    users::name,
    users::email,
    users::active,
);

const COLUMNS: Columns = (
    contest_entrants::user_id,
    contest_entrants::unit,
    users::name,
    users::email,
    users::active,
);

/// The contest's entrants, by unit then name.
pub fn of_contest(conn: &mut DbConnection, contest: ContestId) -> QueryResult<Vec<EntrantRow>> {
    contest_entrants::table
        .inner_join(users::table)
        .filter(contest_entrants::contest_id.eq(contest))
        .order((
            contest_entrants::unit.asc(),
            users::name.asc(),
            users::id.asc(),
        ))
        .select(COLUMNS)
        .load(conn)
}

/// The account's registration in the contest, if it has one.
pub fn find(
    conn: &mut DbConnection,
    contest: ContestId,
    user: UserId,
) -> QueryResult<Option<EntrantRow>> {
    contest_entrants::table
        .inner_join(users::table)
        .filter(contest_entrants::contest_id.eq(contest))
        .filter(contest_entrants::user_id.eq(user))
        .select(COLUMNS)
        .first(conn)
        .optional()
}

/// The contests the account is an entrant of, with its unit in each.
pub fn contests_of(conn: &mut DbConnection, user: UserId) -> QueryResult<Vec<(ContestId, String)>> {
    contest_entrants::table
        .filter(contest_entrants::user_id.eq(user))
        .order(contest_entrants::created_at.desc())
        .select((contest_entrants::contest_id, contest_entrants::unit))
        .load(conn)
}

/// (entrant, cluster) of every cluster limit in the contest.
pub fn limits(
    conn: &mut DbConnection,
    contest: ContestId,
) -> QueryResult<Vec<(UserId, ClusterId)>> {
    entrant_clusters::table
        .filter(entrant_clusters::contest_id.eq(contest))
        .order((
            entrant_clusters::user_id.asc(),
            entrant_clusters::cluster_id.asc(),
        ))
        .select((entrant_clusters::user_id, entrant_clusters::cluster_id))
        .load(conn)
}

/// Registers `user` as an entrant of the contest for `unit`, limited to `clusters` when there
/// are any.
pub fn attach(
    conn: &mut DbConnection,
    contest: ContestId,
    user: UserId,
    unit: &str,
    clusters: &[ClusterId],
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(contest_entrants::table)
        .values((
            contest_entrants::contest_id.eq(contest),
            contest_entrants::user_id.eq(user),
            contest_entrants::unit.eq(unit),
            contest_entrants::created_at.eq(now),
        ))
        .execute(conn)?;
    for cluster in clusters {
        diesel::insert_into(entrant_clusters::table)
            .values((
                entrant_clusters::contest_id.eq(contest),
                entrant_clusters::user_id.eq(user),
                entrant_clusters::cluster_id.eq(cluster),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// How many entrants the contest has.
pub fn count(conn: &mut DbConnection, contest: ContestId) -> QueryResult<i64> {
    contest_entrants::table
        .filter(contest_entrants::contest_id.eq(contest))
        .count()
        .get_result(conn)
}

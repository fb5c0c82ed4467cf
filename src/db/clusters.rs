//! The `clusters` and `prize_tiers` tables: a contest's clusters, each with its prize tiers.

use super::schema::{clusters, prize_tiers};
use super::DbConnection;
use crate::model::{ClusterId, ContestId, PrizeTierId};
use diesel::prelude::*;

/// (id, name, position, winners count) of a cluster.
pub type ClusterFields = (ClusterId, String, i32, i32);

/// (cluster id, rank, title, amount, extra, condition) of a prize tier.
pub type TierFields = (ClusterId, i32, String, i64, Option<String>, Option<String>);

#[derive(Insertable)]
#[diesel(table_name = clusters)]
pub struct NewCluster<'a> {
    pub id: ClusterId,
    pub contest_id: ContestId,
    pub name: &'a str,
    pub position: i32,
    pub winners_count: i32,
}

#[derive(Insertable)]
#[diesel(table_name = prize_tiers)]
pub struct NewTier<'a> {
    pub id: PrizeTierId,
    pub cluster_id: ClusterId,
    pub rank: i32,
    pub title: &'a str,
    pub amount: i64,
    pub extra: Option<&'a str>,
    pub condition_note: Option<&'a str>,
}

/// The contest's clusters in their order.
pub fn of_contest(conn: &mut DbConnection, contest: ContestId) -> QueryResult<Vec<ClusterFields>> {
    clusters::table
        .filter(clusters::contest_id.eq(contest))
        .order((clusters::position.asc(), clusters::name.asc()))
        .select((
            clusters::id,
            clusters::name,
            clusters::position,
            clusters::winners_count,
        ))
        .load(conn)
}

/// (id, name) of the contest's clusters, in their order.
pub fn names(conn: &mut DbConnection, contest: ContestId) -> QueryResult<Vec<(ClusterId, String)>> {
    clusters::table
        .filter(clusters::contest_id.eq(contest))
        .order((clusters::position.asc(), clusters::name.asc()))
        .select((clusters::id, clusters::name))
        .load(conn)
}

/// Whether `cluster` is one of the contest's clusters.
pub fn belongs(
    conn: &mut DbConnection,
    contest: ContestId,
    cluster: ClusterId,
) -> QueryResult<bool> {
    let found: i64 = clusters::table
        .filter(clusters::id.eq(cluster))
        .filter(clusters::contest_id.eq(contest))
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}

pub fn insert(conn: &mut DbConnection, new: &NewCluster) -> QueryResult<()> {
    diesel::insert_into(clusters::table)
        .values(new)
        .execute(conn)
        .map(|_| ())
}

/// Every prize tier of the contest, by rank.
pub fn tiers_of_contest(
    conn: &mut DbConnection,
    contest: ContestId,
) -> QueryResult<Vec<TierFields>> {
    prize_tiers::table
        .inner_join(clusters::table)
        .filter(clusters::contest_id.eq(contest))
        .order(prize_tiers::rank.asc())
        .select((
            prize_tiers::cluster_id,
            prize_tiers::rank,
            prize_tiers::title,
            prize_tiers::amount,
            prize_tiers::extra,
            prize_tiers::condition_note,
        ))
        .load(conn)
}

/// (rank, title, amount) of a cluster's tiers, by rank.
pub fn tiers_of(
    conn: &mut DbConnection,
    cluster: ClusterId,
) -> QueryResult<Vec<(i32, String, i64)>> {
    prize_tiers::table
        .filter(prize_tiers::cluster_id.eq(cluster))
        .order(prize_tiers::rank.asc())
        .select((prize_tiers::rank, prize_tiers::title, prize_tiers::amount))
        .load(conn)
}

/// Replaces a cluster's tiers.
pub fn replace_tiers(
    conn: &mut DbConnection,
    cluster: ClusterId,
    tiers: &[NewTier],
) -> QueryResult<()> {
    diesel::delete(prize_tiers::table.filter(prize_tiers::cluster_id.eq(cluster))).execute(conn)?;
    for tier in tiers {
        diesel::insert_into(prize_tiers::table)
            .values(tier)
            .execute(conn)?;
    }
    Ok(())
}

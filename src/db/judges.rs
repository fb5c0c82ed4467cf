//! The `contest_judges` and `judge_clusters` tables: who judges a contest, and the clusters a
//! judge is limited to (none: every cluster).

use super::schema::{contest_judges, judge_clusters, users};
use super::DbConnection;
use crate::model::{ClusterId, ContestId, JudgeId};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// (id, name, email, affiliation) of the contest's judges, by name.
pub fn of_contest(
    conn: &mut DbConnection,
    contest: ContestId,
) -> QueryResult<Vec<(JudgeId, String, String, String)>> {
    contest_judges::table
        .inner_join(users::table)
        .filter(contest_judges::contest_id.eq(contest))
        .order((users::name.asc(), users::id.asc()))
        .select((users::id, users::name, users::email, users::affiliation))
        .load(conn)
}

/// (judge, cluster) of every cluster limit in the contest.
pub fn limits(
    conn: &mut DbConnection,
    contest: ContestId,
) -> QueryResult<Vec<(JudgeId, ClusterId)>> {
    judge_clusters::table
        .filter(judge_clusters::contest_id.eq(contest))
        .order((
            judge_clusters::user_id.asc(),
            judge_clusters::cluster_id.asc(),
        ))
        .select((judge_clusters::user_id, judge_clusters::cluster_id))
        .load(conn)
}

/// Whether `judge` already judges the contest.
pub fn is_judge(conn: &mut DbConnection, contest: ContestId, judge: JudgeId) -> QueryResult<bool> {
    let found: i64 = contest_judges::table
        .filter(contest_judges::contest_id.eq(contest))
        .filter(contest_judges::user_id.eq(judge))
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}

/// Makes `judge` a judge of the contest, limited to `clusters` when there are any.
pub fn attach(
    conn: &mut DbConnection,
    contest: ContestId,
    judge: JudgeId,
    clusters: &[ClusterId],
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(contest_judges::table)
        .values((
            contest_judges::contest_id.eq(contest),
            contest_judges::user_id.eq(judge),
            contest_judges::created_at.eq(now),
        ))
        .execute(conn)?;
    for cluster in clusters {
        diesel::insert_into(judge_clusters::table)
            .values((
                judge_clusters::contest_id.eq(contest),
                judge_clusters::user_id.eq(judge),
                judge_clusters::cluster_id.eq(cluster),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// How many judges the contest has.
pub fn count(conn: &mut DbConnection, contest: ContestId) -> QueryResult<i64> {
    contest_judges::table
        .filter(contest_judges::contest_id.eq(contest))
        .count()
        .get_result(conn)
}

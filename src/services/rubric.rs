//! Clusters with their prize tiers, and the rubric with its tie-break order.

use super::contests::{detail, Contest, Level};
use super::setup_common::{field_text, in_setup, log};
use super::CurrentUser;
use crate::db::schema::{clusters, criteria, prize_tiers};
use crate::db::{self, DbConnection};
use crate::error::{AppError, AppResult};
use crate::i18n::setup::SetupMsg as M;
use crate::model::{ClusterId, ContestId, CriterionId, PrizeTierId};
use diesel::prelude::*;
use serde::Deserialize;
use serde_json::json;

#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct NewCluster {
    #[serde(default)]
    pub name: String,
    pub winners_count: Option<i64>,
}

/// Adds a cluster; returns the contest with it.
pub fn add_cluster(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    input: NewCluster,
) -> AppResult<(ClusterId, Contest)> {
    let name = field_text(&input.name, "name", true, 200)?;
    let winners = input.winners_count.unwrap_or(5);
    if !(1..=20).contains(&winners) {
        return Err(AppError::invalid("winners_count", M::ErrWinnersCount));
    }
    db::write_tx(conn, |c| {
        in_setup(c, contest_id)?;
        let existing: Vec<(String, i32)> = clusters::table
            .filter(clusters::contest_id.eq(contest_id))
            .select((clusters::name, clusters::position))
            .load(c)?;
        let norm = crate::domain::conflict::normalize_name(&name);
        if existing
            .iter()
            .any(|(n, _)| crate::domain::conflict::normalize_name(n) == norm)
        {
            return Err(AppError::conflict(M::ErrClusterName).with_field("name"));
        }
        let position = existing.iter().map(|(_, p)| p + 1).max().unwrap_or(0);
        let id = ClusterId::new();
        diesel::insert_into(clusters::table)
            .values((
                clusters::id.eq(id),
                clusters::contest_id.eq(contest_id),
                clusters::name.eq(&name),
                clusters::position.eq(position),
                clusters::winners_count.eq(winners as i32),
            ))
            .execute(c)?;
        log(
            c,
            actor,
            contest_id,
            "cluster.created",
            &format!("cluster:{id}"),
            json!({"new": {"name": name, "winners_count": winners}}),
        )?;
        Ok((id, detail(c, contest_id)?))
    })
}

#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct TierInput {
    pub rank: i64,
    #[serde(default)]
    pub title: String,
    pub amount: i64,
    pub extra: Option<String>,
    pub condition: Option<String>,
}

#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct PrizesInput {
    pub tiers: Vec<TierInput>,
}

/// Replaces the cluster's tiers (ranks 1..n without gaps).
pub fn put_prizes(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    cluster_id: ClusterId,
    input: PrizesInput,
) -> AppResult<Contest> {
    let mut tiers = input.tiers;
    tiers.sort_by_key(|t| t.rank);
    for (i, t) in tiers.iter().enumerate() {
        if t.rank != i as i64 + 1 {
            return Err(AppError::invalid(
                format!("tiers[{i}].rank"),
                M::ErrTierRanks,
            ));
        }
        if t.amount < 0 {
            return Err(AppError::invalid(
                format!("tiers[{i}].amount"),
                M::ErrAmount,
            ));
        }
        field_text(&t.title, &format!("tiers[{i}].title"), true, 200)?;
    }
    db::write_tx(conn, |c| {
        in_setup(c, contest_id)?;
        let found: i64 = clusters::table
            .filter(clusters::id.eq(cluster_id))
            .filter(clusters::contest_id.eq(contest_id))
            .count()
            .get_result(c)?;
        if found == 0 {
            return Err(AppError::not_found());
        }
        let old: Vec<(i32, String, i64)> = prize_tiers::table
            .filter(prize_tiers::cluster_id.eq(cluster_id))
            .order(prize_tiers::rank.asc())
            .select((prize_tiers::rank, prize_tiers::title, prize_tiers::amount))
            .load(c)?;
        diesel::delete(prize_tiers::table.filter(prize_tiers::cluster_id.eq(cluster_id)))
            .execute(c)?;
        for t in &tiers {
            let clean = |s: &Option<String>| {
                s.as_ref()
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
            };
            diesel::insert_into(prize_tiers::table)
                .values((
                    prize_tiers::id.eq(PrizeTierId::new()),
                    prize_tiers::cluster_id.eq(cluster_id),
                    prize_tiers::rank.eq(t.rank as i32),
                    prize_tiers::title.eq(t.title.trim()),
                    prize_tiers::amount.eq(t.amount),
                    prize_tiers::extra.eq(clean(&t.extra)),
                    prize_tiers::condition_note.eq(clean(&t.condition)),
                ))
                .execute(c)?;
        }
        let new: Vec<_> = tiers
            .iter()
            .map(|t| json!({"rank": t.rank, "title": t.title, "amount": t.amount}))
            .collect();
        log(
            c,
            actor,
            contest_id,
            "cluster.prizes",
            &format!("cluster:{cluster_id}"),
            json!({"old": old, "new": new}),
        )?;
        detail(c, contest_id)
    })
}

#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct NewCriterion {
    #[serde(default)]
    pub name: String,
    pub weight: i64,
    pub min_score: i64,
    pub max_score: i64,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub levels: Vec<Level>,
}

/// Validates one criterion of the rubric.
pub fn check_criterion(input: &NewCriterion) -> AppResult<(String, String)> {
    let name = field_text(&input.name, "name", true, 200)?;
    let description = field_text(&input.description, "description", false, 2000)?;
    if !(1..=100).contains(&input.weight) {
        return Err(AppError::invalid("weight", M::ErrWeight));
    }
    if input.min_score >= input.max_score
        || input.min_score < -1_000_000
        || input.max_score > 1_000_000
    {
        return Err(AppError::invalid("max_score", M::ErrRange));
    }
    for (i, l) in input.levels.iter().enumerate() {
        if l.label.trim().is_empty()
            || l.min > l.max
            || l.min < input.min_score
            || l.max > input.max_score
        {
            return Err(AppError::invalid(format!("levels[{i}]"), M::ErrLevels));
        }
    }
    Ok((name, description))
}

pub fn add_criterion(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    input: NewCriterion,
) -> AppResult<(CriterionId, Contest)> {
    let (name, description) = check_criterion(&input)?;
    let levels = serde_json::to_string(&input.levels).map_err(AppError::internal)?;
    db::write_tx(conn, |c| {
        in_setup(c, contest_id)?;
        let position: Option<i32> = criteria::table
            .filter(criteria::contest_id.eq(contest_id))
            .select(diesel::dsl::max(criteria::position))
            .first(c)?;
        let id = CriterionId::new();
        diesel::insert_into(criteria::table)
            .values((
                criteria::id.eq(id),
                criteria::contest_id.eq(contest_id),
                criteria::position.eq(position.map_or(0, |p| p + 1)),
                criteria::name.eq(&name),
                criteria::description.eq(&description),
                criteria::weight.eq(input.weight as i32),
                criteria::min_score.eq(input.min_score as i32),
                criteria::max_score.eq(input.max_score as i32),
                criteria::levels.eq(&levels),
            ))
            .execute(c)?;
        log(
            c,
            actor,
            contest_id,
            "criterion.created",
            &format!("criterion:{id}"),
            json!({"new": {"name": name, "weight": input.weight, "min_score": input.min_score, "max_score": input.max_score}}),
        )?;
        Ok((id, detail(c, contest_id)?))
    })
}

/// Removes a criterion during setup.
pub fn delete_criterion(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    criterion_id: CriterionId,
) -> AppResult<Contest> {
    db::write_tx(conn, |c| {
        in_setup(c, contest_id)?;
        let name: String = criteria::table
            .filter(criteria::id.eq(criterion_id))
            .filter(criteria::contest_id.eq(contest_id))
            .select(criteria::name)
            .first(c)?;
        diesel::delete(criteria::table.find(criterion_id)).execute(c)?;
        log(
            c,
            actor,
            contest_id,
            "criterion.deleted",
            &format!("criterion:{criterion_id}"),
            json!({"old": {"name": name}}),
        )?;
        detail(c, contest_id)
    })
}

/// Declares the tie-break order: every listed id must be a criterion of the contest, once.
/// Criteria left out follow, by weight and rubric order.
pub fn put_tie_break(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    order: &[String],
) -> AppResult<Contest> {
    db::write_tx(conn, |c| {
        in_setup(c, contest_id)?;
        let ids: Vec<CriterionId> = criteria::table
            .filter(criteria::contest_id.eq(contest_id))
            .select(criteria::id)
            .load(c)?;
        // The body's ids are text: a malformed one is no criterion of this contest.
        let order: Vec<CriterionId> = order
            .iter()
            .map(|o| o.parse().ok().filter(|id| ids.contains(id)))
            .collect::<Option<_>>()
            .ok_or_else(|| AppError::invalid("criteria", M::ErrTieBreak))?;
        let unique: std::collections::BTreeSet<&CriterionId> = order.iter().collect();
        if unique.len() != order.len() {
            return Err(AppError::invalid("criteria", M::ErrTieBreak));
        }
        diesel::update(criteria::table.filter(criteria::contest_id.eq(contest_id)))
            .set(criteria::tie_break_rank.eq(None::<i32>))
            .execute(c)?;
        for (rank, id) in order.iter().enumerate() {
            diesel::update(criteria::table.find(id))
                .set(criteria::tie_break_rank.eq(Some(rank as i32)))
                .execute(c)?;
        }
        log(
            c,
            actor,
            contest_id,
            "rubric.tie_break",
            &format!("contest:{contest_id}"),
            json!({"new": order}),
        )?;
        detail(c, contest_id)
    })
}

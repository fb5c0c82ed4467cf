//! Clusters with their prize tiers, and the rubric with its tie-break order.

use super::contests::{detail, Contest, Level};
use super::setup_common::{field_name, field_text, in_setup, log, stage_in_setup};
use super::CurrentUser;
use crate::db::{self, DbConnection};
use crate::db::{clusters, criteria};
use crate::error::{AppError, AppResult};
use crate::i18n::setup::SetupMsg as M;
use crate::model::{ClusterId, ContestId, CriterionId, PrizeTierId, StageId};
use serde::Deserialize;
use serde_json::json;

#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct NewCluster {
    #[schema(required = true, min_length = 1, max_length = 200, pattern = r"\S")]
    #[serde(default)]
    pub name: String,
    #[schema(minimum = 1, maximum = 20)]
    pub winners_count: Option<i64>,
}

/// Adds a cluster; returns the contest with it.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, actor = %actor.id))]
pub fn add_cluster(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    input: NewCluster,
) -> AppResult<(ClusterId, Contest)> {
    let name = field_name(&input.name, "name", true, 200)?;
    let winners = input.winners_count.unwrap_or(5);
    if !(1..=20).contains(&winners) {
        return Err(AppError::invalid("winners_count", M::ErrWinnersCount));
    }
    db::write_tx(conn, |c| {
        in_setup(c, contest_id)?;
        let existing = clusters::of_contest(c, contest_id)?;
        let norm = crate::domain::conflict::normalize_name(&name);
        if existing
            .iter()
            .any(|(_, n, _, _)| crate::domain::conflict::normalize_name(n) == norm)
        {
            return Err(AppError::conflict(M::ErrClusterName).with_field("name"));
        }
        let position = existing.iter().map(|(_, _, p, _)| p + 1).max().unwrap_or(0);
        let id = ClusterId::new();
        clusters::insert(
            c,
            &clusters::NewCluster {
                id,
                contest_id,
                name: &name,
                position,
                winners_count: winners as i32,
            },
        )?;
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
    #[schema(required = true, min_length = 1, max_length = 200, pattern = r"\S")]
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
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, cluster_id = %cluster_id, actor = %actor.id))]
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
        if !clusters::belongs(c, contest_id, cluster_id)? {
            return Err(AppError::not_found());
        }
        let old = clusters::tiers_of(c, cluster_id)?;
        let clean = |s: &Option<String>| {
            s.as_ref()
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let texts: Vec<(Option<String>, Option<String>)> = tiers
            .iter()
            .map(|t| (clean(&t.extra), clean(&t.condition)))
            .collect();
        let rows: Vec<clusters::NewTier> = tiers
            .iter()
            .zip(&texts)
            .map(|(t, (extra, condition))| clusters::NewTier {
                id: PrizeTierId::new(),
                cluster_id,
                rank: t.rank as i32,
                title: t.title.trim(),
                amount: t.amount,
                extra: extra.as_deref(),
                condition_note: condition.as_deref(),
            })
            .collect();
        clusters::replace_tiers(c, cluster_id, &rows)?;
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
    #[schema(required = true, min_length = 1, max_length = 200, pattern = r"\S")]
    #[serde(default)]
    pub name: String,
    #[schema(minimum = 1, maximum = 100)]
    pub weight: i64,
    #[schema(minimum = -1_000_000, maximum = 1_000_000)]
    pub min_score: i64,
    #[schema(minimum = -1_000_000, maximum = 1_000_000)]
    pub max_score: i64,
    #[schema(max_length = 2000)]
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

/// A stage's rubric with its tie-break order.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct StageRubric {
    pub stage_id: StageId,
    pub criteria: Vec<super::contests::Criterion>,
    /// Every criterion, in the order that breaks ties.
    pub tie_break: Vec<CriterionId>,
}

/// The rubric of `stage` (`None`: the current stage).
pub fn stage_rubric(
    c: &mut DbConnection,
    contest_id: ContestId,
    stage: Option<StageId>,
) -> AppResult<StageRubric> {
    let stage = super::setup_common::stage_of(c, contest_id, stage)?;
    let (criteria, tie_break) = super::contests::rubric_of(criteria::of_stage(c, stage.id)?);
    Ok(StageRubric {
        stage_id: stage.id,
        criteria,
        tie_break,
    })
}

/// Adds a criterion to the rubric of `stage` (`None`: the current stage) while that stage is in
/// setup.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, actor = %actor.id))]
pub fn add_criterion(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    stage: Option<StageId>,
    input: NewCriterion,
) -> AppResult<(CriterionId, Contest)> {
    let (name, description) = check_criterion(&input)?;
    let levels = serde_json::to_string(&input.levels).map_err(AppError::internal)?;
    db::write_tx(conn, |c| {
        let stage_id = stage_in_setup(c, contest_id, stage)?.id;
        let id = CriterionId::new();
        let position = criteria::next_position(c, stage_id)?;
        criteria::insert(
            c,
            &criteria::NewCriterion {
                id,
                contest_id,
                stage_id,
                position,
                name: &name,
                description: &description,
                weight: input.weight as i32,
                min_score: input.min_score as i32,
                max_score: input.max_score as i32,
                levels: &levels,
            },
        )?;
        log(
            c,
            actor,
            contest_id,
            "criterion.created",
            &format!("criterion:{id}"),
            json!({"stage_id": stage_id, "new": {"name": name, "weight": input.weight, "min_score": input.min_score, "max_score": input.max_score}}),
        )?;
        Ok((id, detail(c, contest_id)?))
    })
}

/// Removes a criterion of `stage` (`None`: the current stage) while that stage is in setup.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, criterion_id = %criterion_id, actor = %actor.id))]
pub fn delete_criterion(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    stage: Option<StageId>,
    criterion_id: CriterionId,
) -> AppResult<Contest> {
    db::write_tx(conn, |c| {
        let stage_id = stage_in_setup(c, contest_id, stage)?.id;
        let name = criteria::name_of(c, stage_id, criterion_id)?;
        criteria::delete(c, criterion_id)?;
        log(
            c,
            actor,
            contest_id,
            "criterion.deleted",
            &format!("criterion:{criterion_id}"),
            json!({"stage_id": stage_id, "old": {"name": name}}),
        )?;
        detail(c, contest_id)
    })
}

/// Declares the tie-break order of `stage` (`None`: the current stage): every listed id must be
/// a criterion of the stage, once. Criteria left out follow, by weight and rubric order.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, actor = %actor.id))]
pub fn put_tie_break(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    stage: Option<StageId>,
    order: &[String],
) -> AppResult<Contest> {
    db::write_tx(conn, |c| {
        let stage_id = stage_in_setup(c, contest_id, stage)?.id;
        let ids: Vec<CriterionId> = criteria::of_stage(c, stage_id)?
            .into_iter()
            .map(|r| r.id)
            .collect();
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
        criteria::set_tie_break(c, stage_id, &order)?;
        log(
            c,
            actor,
            contest_id,
            "rubric.tie_break",
            &format!("contest:{contest_id}"),
            json!({"stage_id": stage_id, "new": order}),
        )?;
        detail(c, contest_id)
    })
}

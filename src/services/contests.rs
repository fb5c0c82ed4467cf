//! Contests and their shape: clusters with prize tiers, the rubric, the tie-break order.

use super::setup_common::{field_text, in_setup, log};
use super::CurrentUser;
use crate::db::schema::{
    assignments, clusters, contest_judges, contests, criteria, entries, prize_tiers,
};
use crate::db::{self, DbConnection};
use crate::domain::decimal::parse_hundredths;
use crate::domain::template;
use crate::error::{AppError, AppResult};
use crate::i18n::setup::SetupMsg as M;
use crate::model::{Aggregation, ClusterId, ContestId, CriterionId, Phase, PrizeTierId};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Tier {
    pub rank: i32,
    pub title: String,
    pub amount: i64,
    pub extra: Option<String>,
    pub condition: Option<String>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Cluster {
    pub id: ClusterId,
    pub name: String,
    pub position: i32,
    pub winners_count: i32,
    pub tiers: Vec<Tier>,
    pub entries: i64,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Level {
    pub min: i64,
    pub max: i64,
    pub label: String,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Criterion {
    pub id: CriterionId,
    pub name: String,
    pub description: String,
    pub weight: i32,
    pub min_score: i32,
    pub max_score: i32,
    pub levels: Vec<Level>,
    pub position: i32,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Contest {
    pub id: ContestId,
    pub name: String,
    pub year: i32,
    pub description: String,
    pub phase: Phase,
    pub aggregation: Aggregation,
    pub min_award_score: Option<f64>,
    pub blind: bool,
    pub clusters: Vec<Cluster>,
    pub criteria: Vec<Criterion>,
    /// Criterion ids in tie-break order.
    pub tie_break: Vec<CriterionId>,
    pub counts: Counts,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Counts {
    pub entries: i64,
    pub judges: i64,
    pub assignments: i64,
}

/// `POST /contests` and the new-contest form.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct NewContest {
    #[serde(default)]
    pub name: String,
    pub year: Option<i64>,
    #[serde(default)]
    pub description: String,
    pub aggregation: Option<String>,
    #[schema(value_type = Option<f64>)]
    pub min_award_score: Option<serde_json::Number>,
    pub blind: Option<bool>,
    pub template: Option<String>,
}

fn check_year(y: Option<i64>) -> AppResult<i32> {
    y.filter(|y| (2000..=2100).contains(y))
        .map(|y| y as i32)
        .ok_or_else(|| AppError::invalid("year", M::ErrYear))
}

fn check_aggregation(a: Option<&str>) -> AppResult<Aggregation> {
    a.map_or(Ok(Aggregation::default()), str::parse)
        .map_err(|_| AppError::invalid("aggregation", M::ErrAggregation))
}

fn check_min_award(n: Option<&serde_json::Number>) -> AppResult<Option<i64>> {
    n.map(|n| {
        parse_hundredths(&n.to_string())
            .filter(|h| (0..=10_000).contains(h))
            .ok_or_else(|| AppError::invalid("min_award_score", M::ErrMinAward))
    })
    .transpose()
}

pub fn create(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    input: NewContest,
) -> AppResult<Contest> {
    let name = field_text(&input.name, "name", true, 200)?;
    let description = field_text(&input.description, "description", false, 5000)?;
    let year = check_year(input.year)?;
    let aggregation = check_aggregation(input.aggregation.as_deref())?;
    let min_award = check_min_award(input.min_award_score.as_ref())?;
    let template = match input.template.as_deref().map(str::trim) {
        None | Some("") | Some("none") => false,
        Some("bailang") => true,
        Some(_) => return Err(AppError::invalid("template", M::ErrTemplate)),
    };
    let id = ContestId::new();
    db::write_tx(conn, |c| {
        let now = db::now();
        diesel::insert_into(contests::table)
            .values((
                contests::id.eq(id),
                contests::name.eq(&name),
                contests::year.eq(year),
                contests::description.eq(&description),
                contests::phase.eq(Phase::Setup),
                contests::aggregation.eq(&aggregation),
                contests::min_award_score.eq(min_award),
                contests::blind.eq(input.blind.unwrap_or(false)),
                contests::created_by.eq(actor.id),
                contests::created_at.eq(now),
                contests::updated_at.eq(now),
            ))
            .execute(c)?;
        if template {
            apply_bailang(c, id)?;
        }
        log(
            c,
            actor,
            id,
            "contest.created",
            &format!("contest:{id}"),
            json!({"new": {"name": name, "year": year, "template": input.template}}),
        )?;
        detail(c, id)
    })
}

/// Inserts the Bailang clusters, tiers and rubric into an empty contest.
pub fn apply_bailang(c: &mut DbConnection, contest_id: ContestId) -> AppResult<()> {
    for (position, name) in template::BAILANG_CLUSTERS.iter().enumerate() {
        let cluster_id = ClusterId::new();
        insert_cluster(c, contest_id, cluster_id, name, position as i32, 5)?;
        for (rank, (title, amount)) in template::BAILANG_TIERS.iter().enumerate() {
            insert_tier(c, cluster_id, rank as i32 + 1, title, *amount, None, None)?;
        }
    }
    for (position, (name, description, weight)) in template::BAILANG_CRITERIA.iter().enumerate() {
        diesel::insert_into(criteria::table)
            .values((
                criteria::id.eq(CriterionId::new()),
                criteria::contest_id.eq(contest_id),
                criteria::position.eq(position as i32),
                criteria::name.eq(*name),
                criteria::description.eq(*description),
                criteria::weight.eq(*weight as i32),
                criteria::min_score.eq(0),
                criteria::max_score.eq(100),
                criteria::levels.eq(template::BAILANG_LEVELS),
            ))
            .execute(c)?;
    }
    Ok(())
}

fn insert_cluster(
    c: &mut DbConnection,
    contest_id: ContestId,
    id: ClusterId,
    name: &str,
    position: i32,
    winners: i32,
) -> AppResult<()> {
    diesel::insert_into(clusters::table)
        .values((
            clusters::id.eq(id),
            clusters::contest_id.eq(contest_id),
            clusters::name.eq(name),
            clusters::position.eq(position),
            clusters::winners_count.eq(winners),
        ))
        .execute(c)?;
    Ok(())
}

fn insert_tier(
    c: &mut DbConnection,
    cluster_id: ClusterId,
    rank: i32,
    title: &str,
    amount: i64,
    extra: Option<&str>,
    condition: Option<&str>,
) -> AppResult<()> {
    diesel::insert_into(prize_tiers::table)
        .values((
            prize_tiers::id.eq(PrizeTierId::new()),
            prize_tiers::cluster_id.eq(cluster_id),
            prize_tiers::rank.eq(rank),
            prize_tiers::title.eq(title),
            prize_tiers::amount.eq(amount),
            prize_tiers::extra.eq(extra),
            prize_tiers::condition_note.eq(condition),
        ))
        .execute(c)?;
    Ok(())
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ContestSummary {
    pub id: ContestId,
    pub name: String,
    pub year: i32,
    pub phase: Phase,
}

pub fn list(conn: &mut DbConnection) -> AppResult<Vec<ContestSummary>> {
    let rows: Vec<(ContestId, String, i32, Phase)> = contests::table
        .order((contests::year.desc(), contests::created_at.desc()))
        .select((
            contests::id,
            contests::name,
            contests::year,
            contests::phase,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, year, phase)| ContestSummary {
            id,
            name,
            year,
            phase,
        })
        .collect())
}

/// (cluster id, rank, title, amount, extra, condition)
type TierRow = (ClusterId, i32, String, i64, Option<String>, Option<String>);
/// (id, name, description, weight, min, max, levels, position, tie-break rank)
type CriterionRow = (
    CriterionId,
    String,
    String,
    i32,
    i32,
    i32,
    String,
    i32,
    Option<i32>,
);

pub fn detail(c: &mut DbConnection, id: ContestId) -> AppResult<Contest> {
    let row = crate::db::results::contest(c, id)?;
    let cluster_rows: Vec<(ClusterId, String, i32, i32)> = clusters::table
        .filter(clusters::contest_id.eq(id))
        .order((clusters::position.asc(), clusters::name.asc()))
        .select((
            clusters::id,
            clusters::name,
            clusters::position,
            clusters::winners_count,
        ))
        .load(c)?;
    let tiers: Vec<TierRow> = prize_tiers::table
        .inner_join(clusters::table)
        .filter(clusters::contest_id.eq(id))
        .order(prize_tiers::rank.asc())
        .select((
            prize_tiers::cluster_id,
            prize_tiers::rank,
            prize_tiers::title,
            prize_tiers::amount,
            prize_tiers::extra,
            prize_tiers::condition_note,
        ))
        .load(c)?;
    let entry_clusters: Vec<ClusterId> = entries::table
        .filter(entries::contest_id.eq(id))
        .select(entries::cluster_id)
        .load(c)?;
    let criteria_rows: Vec<CriterionRow> = criteria::table
        .filter(criteria::contest_id.eq(id))
        .order((criteria::position.asc(), criteria::id.asc()))
        .select((
            criteria::id,
            criteria::name,
            criteria::description,
            criteria::weight,
            criteria::min_score,
            criteria::max_score,
            criteria::levels,
            criteria::position,
            criteria::tie_break_rank,
        ))
        .load(c)?;
    let judges: i64 = contest_judges::table
        .filter(contest_judges::contest_id.eq(id))
        .count()
        .get_result(c)?;
    let assignment_count: i64 = assignments::table
        .filter(assignments::contest_id.eq(id))
        .count()
        .get_result(c)?;
    let mut declared: Vec<(i32, i32, CriterionId)> = criteria_rows
        .iter()
        .filter_map(|r| r.8.map(|t| (t, r.7, r.0)))
        .collect();
    declared.sort();
    let mut tie_break: Vec<CriterionId> = declared.iter().map(|d| d.2).collect();
    let weights: Vec<(uuid::Uuid, i64)> = criteria_rows
        .iter()
        .map(|r| (r.0 .0, i64::from(r.3)))
        .collect();
    for u in crate::domain::ranking::default_tie_break(&weights) {
        let id = CriterionId(u);
        if !tie_break.contains(&id) {
            tie_break.push(id);
        }
    }
    Ok(Contest {
        id: row.id,
        name: row.name,
        year: row.year,
        description: row.description,
        phase: row.phase,
        aggregation: row.aggregation,
        min_award_score: row.min_award_score.map(|h| h as f64 / 100.0),
        blind: row.blind,
        counts: Counts {
            entries: entry_clusters.len() as i64,
            judges,
            assignments: assignment_count,
        },
        clusters: cluster_rows
            .into_iter()
            .map(|(cid, name, position, winners_count)| Cluster {
                tiers: tiers
                    .iter()
                    .filter(|t| t.0 == cid)
                    .map(|t| Tier {
                        rank: t.1,
                        title: t.2.clone(),
                        amount: t.3,
                        extra: t.4.clone(),
                        condition: t.5.clone(),
                    })
                    .collect(),
                entries: entry_clusters.iter().filter(|e| **e == cid).count() as i64,
                id: cid,
                name,
                position,
                winners_count,
            })
            .collect(),
        criteria: criteria_rows
            .into_iter()
            .map(|r| Criterion {
                levels: serde_json::from_str(&r.6).unwrap_or_default(),
                id: r.0,
                name: r.1,
                description: r.2,
                weight: r.3,
                min_score: r.4,
                max_score: r.5,
                position: r.7,
            })
            .collect(),
        tie_break,
    })
}

/// `PATCH /contests/{id}`: only the fields present change.
pub fn patch(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    id: ContestId,
    body: &serde_json::Map<String, Value>,
) -> AppResult<Contest> {
    db::write_tx(conn, |c| {
        let old = in_setup(c, id)?;
        let now = db::now();
        let text = |key: &str| {
            body.get(key).map(|v| {
                v.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| AppError::invalid(key, crate::i18n::Msg::ErrRequired))
            })
        };
        if let Some(name) = text("name").transpose()? {
            let name = field_text(&name, "name", true, 200)?;
            diesel::update(contests::table.find(id))
                .set(contests::name.eq(name))
                .execute(c)?;
        }
        if let Some(d) = text("description").transpose()? {
            let d = field_text(&d, "description", false, 5000)?;
            diesel::update(contests::table.find(id))
                .set(contests::description.eq(d))
                .execute(c)?;
        }
        if let Some(y) = body.get("year") {
            let year = check_year(y.as_i64())?;
            diesel::update(contests::table.find(id))
                .set(contests::year.eq(year))
                .execute(c)?;
        }
        if let Some(a) = body.get("aggregation") {
            let a = check_aggregation(Some(
                a.as_str()
                    .ok_or_else(|| AppError::invalid("aggregation", M::ErrAggregation))?,
            ))?;
            diesel::update(contests::table.find(id))
                .set(contests::aggregation.eq(a))
                .execute(c)?;
        }
        if let Some(m) = body.get("min_award_score") {
            let value = match m {
                Value::Null => None,
                Value::Number(n) => check_min_award(Some(n))?,
                _ => return Err(AppError::invalid("min_award_score", M::ErrMinAward)),
            };
            diesel::update(contests::table.find(id))
                .set(contests::min_award_score.eq(value))
                .execute(c)?;
        }
        if let Some(b) = body.get("blind") {
            let b = b
                .as_bool()
                .ok_or_else(|| AppError::invalid("blind", M::ErrAggregation))?;
            diesel::update(contests::table.find(id))
                .set(contests::blind.eq(b))
                .execute(c)?;
        }
        diesel::update(contests::table.find(id))
            .set(contests::updated_at.eq(now))
            .execute(c)?;
        let old_json = json!({"name": old.name, "year": old.year, "description": old.description, "aggregation": old.aggregation, "min_award_score": old.min_award_score, "blind": old.blind});
        log(
            c,
            actor,
            id,
            "contest.updated",
            &format!("contest:{id}"),
            json!({"old": old_json, "new": body}),
        )?;
        detail(c, id)
    })
}

//! Results of a contest: the ranking of each cluster, its prize tiers and everything needed to
//! explain them, computed by `domain::ranking` from the submitted sheets. Before publication
//! they are computed afresh on every request (provisional); publication freezes a snapshot.

pub mod actions;
pub mod cache;
pub mod recap;
mod sheet_scores;

pub use sheet_scores::SheetScores;

use crate::db::results::{self as rows, ResultsData};
use crate::db::DbConnection;
use crate::domain::decimal::{fixed, to_f64};
use crate::domain::ranking::{
    self, Aggregation, ClusterInput, CriterionRule, EntryInput, Exact, PrizeTierRule, SheetInput,
};
use crate::error::{AppError, AppResult};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use uuid::Uuid;

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ContestResults {
    pub contest_id: String,
    pub phase: String,
    /// SHA-256 of the published recap; null until published.
    pub digest: Option<String>,
    /// True until the results are published: they may still change.
    pub provisional: bool,
    pub contest: ContestInfo,
    pub clusters: Vec<ClusterResults>,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ContestInfo {
    pub name: String,
    pub year: i32,
    pub aggregation: String,
    pub min_award_score: Option<f64>,
    #[serde(with = "crate::db::utc::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub published_at: Option<chrono::NaiveDateTime>,
    pub judges: Vec<JudgeRef>,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ClusterResults {
    pub id: String,
    pub name: String,
    pub winners_count: u32,
    pub ranking: Vec<RankingRow>,
    /// Ids of entries with no submitted sheet (not ranked).
    pub unscored: Vec<String>,
    pub unscored_entries: Vec<EntryRef>,
    /// Groups of entry ids still tied in the prize zone, waiting for the committee's order.
    pub unresolved_ties: Vec<Vec<String>>,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RankingRow {
    pub entry_id: String,
    pub title: String,
    pub innovator: String,
    pub unit: String,
    pub rank: u32,
    /// The score rounded to 4 decimals (for display use `score_display`; exact in `score_exact`).
    pub score: f64,
    pub score_exact: String,
    pub score_display: String,
    pub tie: bool,
    pub resolved_by_committee: bool,
    pub complete: bool,
    pub below_minimum: bool,
    pub prize: Option<Prize>,
    pub sheets: Vec<SheetTotal>,
    pub criteria: Vec<CriterionMean>,
    /// When this entry's score equals the one above it: the tie-break criterion that decided.
    pub separated_by: Option<CriterionRef>,
    /// Assigned judges whose sheet is neither submitted nor waived.
    pub missing_judges: Vec<JudgeRef>,
    pub waived_judges: Vec<JudgeRef>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct Prize {
    pub rank: u32,
    pub title: String,
    pub amount: i64,
    pub extra: Option<String>,
    pub condition: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SheetTotal {
    #[schema(value_type = String)]
    pub judge_id: Arc<str>,
    #[schema(value_type = String)]
    pub judge_name: Arc<str>,
    pub total: f64,
    pub total_display: String,
    /// criterion id → score
    #[schema(value_type = BTreeMap<String, i32>)]
    pub scores: SheetScores,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CriterionMean {
    #[schema(value_type = String)]
    pub criterion_id: Arc<str>,
    #[schema(value_type = String)]
    pub name: Arc<str>,
    pub mean: f64,
    pub mean_display: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CriterionRef {
    #[schema(value_type = String)]
    pub id: Arc<str>,
    #[schema(value_type = String)]
    pub name: Arc<str>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct JudgeRef {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub affiliation: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct EntryRef {
    pub id: String,
    pub title: String,
    /// Assigned judges whose sheet is neither submitted nor waived.
    #[serde(default)]
    pub missing_judges: Vec<JudgeRef>,
}

/// What a snapshot stores: the results and the recap whose digest they carry.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Snapshot {
    pub results: ContestResults,
    pub recap_csv: String,
}

fn uuid(raw: &str) -> AppResult<Uuid> {
    Uuid::parse_str(raw).map_err(|_| AppError::internal(format!("stored id is not a UUID: {raw}")))
}

/// The results as they stand: the published snapshot, or computed from the sheets now.
/// Readers on the hot path go through [`cache::ResultsCache`] instead.
pub fn current_uncached(conn: &mut DbConnection, contest_id: &str) -> AppResult<ContestResults> {
    let contest = rows::contest(conn, contest_id)?;
    if let Some(snapshot) = published_snapshot(&contest)? {
        return Ok(snapshot.results);
    }
    let data = rows::load(conn, contest_id)?;
    compute(&data)
}

pub fn published_snapshot(contest: &rows::ContestRow) -> AppResult<Option<Snapshot>> {
    match (&contest.phase[..], &contest.result_snapshot) {
        ("published", Some(json)) => serde_json::from_str(json)
            .map(Some)
            .map_err(|e| AppError::internal(format!("snapshot unreadable: {e}"))),
        _ => Ok(None),
    }
}

/// The tie-break order: criteria with a declared rank first (by rank), then the rest by weight
/// descending and rubric order.
fn tie_break_order(data: &ResultsData) -> AppResult<Vec<Uuid>> {
    let mut declared: Vec<_> = data
        .criteria
        .iter()
        .filter_map(|c| c.tie_break_rank.map(|r| (r, c.position, &c.id)))
        .collect();
    declared.sort();
    let mut order: Vec<Uuid> = declared
        .iter()
        .map(|(_, _, id)| uuid(id))
        .collect::<AppResult<_>>()?;
    let by_weight: Vec<(Uuid, i64)> = data
        .criteria
        .iter()
        .map(|c| Ok((uuid(&c.id)?, i64::from(c.weight))))
        .collect::<AppResult<_>>()?;
    for id in ranking::default_tie_break(&by_weight) {
        if !order.contains(&id) {
            order.push(id);
        }
    }
    Ok(order)
}

/// Ranks every cluster of the contest.
pub fn compute(data: &ResultsData) -> AppResult<ContestResults> {
    let aggregation: Aggregation = data.contest.aggregation.parse().map_err(|_| {
        AppError::internal(format!("unknown aggregation {}", data.contest.aggregation))
    })?;
    let criteria: Vec<CriterionRule> = data
        .criteria
        .iter()
        .map(|c| {
            Ok(CriterionRule {
                id: uuid(&c.id)?,
                weight: i64::from(c.weight),
                max_score: i64::from(c.max_score),
            })
        })
        .collect::<AppResult<_>>()?;
    // Criteria and judges are named on every row of a national ranking (300,000 criterion
    // means, 150,000 sheet totals): each id and name is one shared string.
    let shared = |id: &str, name: &str| -> (Arc<str>, Arc<str>) { (id.into(), name.into()) };
    let criterion_names: HashMap<Uuid, (Arc<str>, Arc<str>)> = data
        .criteria
        .iter()
        .filter_map(|c| {
            Uuid::parse_str(&c.id)
                .ok()
                .map(|id| (id, shared(&c.id, &c.name)))
        })
        .collect();
    let criterion_of = |id: &Uuid| {
        criterion_names
            .get(id)
            .cloned()
            .unwrap_or_else(|| (id.to_string().into(), "".into()))
    };
    let tie_break = tie_break_order(data)?;
    let criterion_keys: Vec<Arc<str>> =
        data.criteria.iter().map(|c| c.id.as_str().into()).collect();
    let judge_names_shared: HashMap<Uuid, (Arc<str>, Arc<str>)> = data
        .judges
        .iter()
        .filter_map(|(id, name, _)| Uuid::parse_str(id).ok().map(|u| (u, shared(id, name))))
        .collect();
    let min_award = data
        .contest
        .min_award_score
        .map(|h| Exact::new(i128::from(h), 100));
    let judge_names: HashMap<&str, (&str, &str)> = data
        .judges
        .iter()
        .map(|(id, name, aff)| (id.as_str(), (name.as_str(), aff.as_str())))
        .collect();
    let judge_ref = |id: &str| JudgeRef {
        id: id.to_string(),
        name: judge_names.get(id).map(|j| j.0).unwrap_or(id).to_string(),
        affiliation: judge_names.get(id).map(|j| j.1).unwrap_or("").to_string(),
    };

    // Sheets per entry (by judge, scores in rubric order), assignments and waivers per entry.
    let mut sheets: HashMap<&str, BTreeMap<&str, &[Option<i32>]>> = HashMap::new();
    for s in &data.sheets {
        sheets
            .entry(s.entry_id.as_str())
            .or_default()
            .insert(s.judge_id.as_str(), &s.scores);
    }
    let mut assigned: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for (judge, entry) in &data.assignments {
        assigned
            .entry(entry.as_str())
            .or_default()
            .insert(judge.as_str());
    }
    let waived: BTreeSet<(&str, &str)> = data
        .waivers
        .iter()
        .map(|(j, e)| (j.as_str(), e.as_str()))
        .collect();

    let mut clusters = Vec::with_capacity(data.clusters.len());
    for cluster in &data.clusters {
        let tiers: Vec<&rows::TierRow> = data
            .tiers
            .iter()
            .filter(|t| t.cluster_id == cluster.id)
            .collect();
        let entries: Vec<&rows::EntryRow> = data
            .entries
            .iter()
            .filter(|e| e.cluster_id == cluster.id)
            .collect();
        let mut inputs = Vec::with_capacity(entries.len());
        let mut missing: HashMap<Uuid, (Vec<JudgeRef>, Vec<JudgeRef>)> = HashMap::new();
        for e in &entries {
            let id = uuid(&e.id)?;
            let by_judge = sheets.get(e.id.as_str());
            let mut absent = Vec::new();
            let mut excused = Vec::new();
            for judge in assigned.get(e.id.as_str()).into_iter().flatten() {
                if by_judge.is_some_and(|s| s.contains_key(judge)) {
                    continue;
                }
                if waived.contains(&(*judge, e.id.as_str())) {
                    excused.push(judge_ref(judge));
                } else {
                    absent.push(judge_ref(judge));
                }
            }
            let complete = absent.is_empty();
            missing.insert(id, (absent, excused));
            let sheet_inputs = by_judge
                .map(|m| {
                    m.iter()
                        .map(|(judge, scores)| {
                            Ok(SheetInput {
                                judge_id: uuid(judge)?,
                                scores: criteria
                                    .iter()
                                    .zip(scores.iter())
                                    .filter_map(|(c, v)| v.map(|v| (c.id, i64::from(v))))
                                    .collect(),
                            })
                        })
                        .collect::<AppResult<Vec<_>>>()
                })
                .transpose()?
                .unwrap_or_default();
            inputs.push(EntryInput {
                entry_id: id,
                title: e.title.clone(),
                sheets: sheet_inputs,
                complete,
            });
        }
        let resolutions = data
            .resolutions
            .iter()
            .filter(|(c, _)| *c == cluster.id)
            .filter_map(|(_, order)| serde_json::from_str::<Vec<Uuid>>(order).ok())
            .collect();
        let input = ClusterInput {
            criteria: criteria.clone(),
            tie_break: tie_break.clone(),
            aggregation,
            winners_count: cluster.winners_count.max(0) as u32,
            tiers: tiers
                .iter()
                .map(|t| PrizeTierRule {
                    rank: t.rank.max(0) as u32,
                    title: t.title.clone(),
                    amount: t.amount,
                })
                .collect(),
            min_award_score: min_award,
            entries: inputs,
            resolutions,
        };
        let ranked = ranking::rank_cluster(&input);
        let by_id: HashMap<Uuid, &&rows::EntryRow> = entries
            .iter()
            .filter_map(|e| Uuid::parse_str(&e.id).ok().map(|id| (id, e)))
            .collect();
        let mut ranking_rows = Vec::with_capacity(ranked.ranking.len());
        for r in &ranked.ranking {
            let Some(entry) = by_id.get(&r.entry_id) else {
                continue;
            };
            let (absent, excused) = missing.remove(&r.entry_id).unwrap_or_default();
            let tier = r
                .prize
                .as_ref()
                .and_then(|p| tiers.iter().find(|t| t.rank.max(0) as u32 == p.rank));
            ranking_rows.push(RankingRow {
                entry_id: entry.id.clone(),
                title: entry.title.clone(),
                innovator: entry.innovator.clone(),
                unit: entry.unit.clone(),
                rank: r.rank,
                score: to_f64(&r.score, 4),
                score_exact: format!("{}/{}", r.score.numer(), r.score.denom()),
                score_display: fixed(&r.score, 2),
                tie: r.tie,
                resolved_by_committee: r.resolved_by_committee,
                complete: r.complete,
                below_minimum: r.below_minimum,
                prize: r.prize.as_ref().map(|p| Prize {
                    rank: p.rank,
                    title: p.title.clone(),
                    amount: p.amount,
                    extra: tier.and_then(|t| t.extra.clone()),
                    condition: tier.and_then(|t| t.condition_note.clone()),
                }),
                sheets: r
                    .sheet_totals
                    .iter()
                    .map(|(judge, total)| {
                        let (judge_id, judge_name) =
                            judge_names_shared.get(judge).cloned().unwrap_or_else(|| {
                                let id: Arc<str> = judge.to_string().into();
                                (id.clone(), id)
                            });
                        let scores = sheets
                            .get(entry.id.as_str())
                            .and_then(|m| m.get(&*judge_id))
                            .map(|s| {
                                SheetScores::new(
                                    criterion_keys
                                        .iter()
                                        .zip(s.iter())
                                        .filter_map(|(c, v)| v.map(|v| (c.clone(), v)))
                                        .collect(),
                                )
                            })
                            .unwrap_or_default();
                        SheetTotal {
                            judge_name,
                            judge_id,
                            total: to_f64(total, 4),
                            total_display: fixed(total, 2),
                            scores,
                        }
                    })
                    .collect(),
                criteria: r
                    .criterion_means
                    .iter()
                    .map(|(c, mean)| {
                        let (criterion_id, name) = criterion_of(c);
                        CriterionMean {
                            criterion_id,
                            name,
                            mean: to_f64(mean, 4),
                            mean_display: fixed(mean, 2),
                        }
                    })
                    .collect(),
                separated_by: r.separated_from_previous_by.map(|c| {
                    let (id, name) = criterion_of(&c);
                    CriterionRef { id, name }
                }),
                missing_judges: absent,
                waived_judges: excused,
            });
        }
        let unscored_entries: Vec<EntryRef> = ranked
            .unscored
            .iter()
            .filter_map(|id| {
                by_id.get(id).map(|e| EntryRef {
                    id: e.id.clone(),
                    title: e.title.clone(),
                    missing_judges: missing.get(id).map(|m| m.0.clone()).unwrap_or_default(),
                })
            })
            .collect();
        clusters.push(ClusterResults {
            id: cluster.id.clone(),
            name: cluster.name.clone(),
            winners_count: cluster.winners_count.max(0) as u32,
            ranking: ranking_rows,
            unscored: unscored_entries.iter().map(|e| e.id.clone()).collect(),
            unscored_entries,
            unresolved_ties: ranked
                .unresolved_ties
                .iter()
                .map(|g| g.iter().map(Uuid::to_string).collect())
                .collect(),
        });
    }
    Ok(ContestResults {
        contest_id: data.contest.id.clone(),
        phase: data.contest.phase.clone(),
        digest: data.contest.result_digest.clone(),
        provisional: data.contest.phase != "published",
        contest: ContestInfo {
            name: data.contest.name.clone(),
            year: data.contest.year,
            aggregation: data.contest.aggregation.clone(),
            min_award_score: data.contest.min_award_score.map(|h| h as f64 / 100.0),
            published_at: data.contest.published_at,
            judges: data.judges.iter().map(|(id, _, _)| judge_ref(id)).collect(),
        },
        clusters,
    })
}

/// The recap as CSV and the digest it carries (the stored bytes once published).
pub fn export_csv(
    conn: &mut DbConnection,
    contest_id: &str,
) -> AppResult<(String, Option<String>)> {
    let contest = rows::contest(conn, contest_id)?;
    if let Some(snapshot) = published_snapshot(&contest)? {
        return Ok((snapshot.recap_csv, snapshot.results.digest));
    }
    let data = rows::load(conn, contest_id)?;
    let results = compute(&data)?;
    Ok((recap::csv(&results, &data)?, None))
}

/// The recap as XLSX (from the snapshot's results once published).
pub fn export_xlsx(conn: &mut DbConnection, contest_id: &str) -> AppResult<Vec<u8>> {
    let data = rows::load(conn, contest_id)?;
    let results = match published_snapshot(&data.contest)? {
        Some(snapshot) => snapshot.results,
        None => compute(&data)?,
    };
    recap::xlsx(&results, &data)
}

/// What the public may see of a published contest: winners only — never sheets, judges'
/// comments or emails.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct PublicWinners {
    pub contest: String,
    pub year: i32,
    pub digest: String,
    #[serde(with = "crate::db::utc::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub published_at: Option<chrono::NaiveDateTime>,
    pub clusters: Vec<PublicCluster>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct PublicCluster {
    pub name: String,
    pub winners: Vec<PublicWinner>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct PublicWinner {
    pub rank: u32,
    pub title: String,
    pub innovator: String,
    pub unit: String,
    pub prize: PublicPrize,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct PublicPrize {
    pub title: String,
    pub amount: i64,
    pub extra: Option<String>,
    pub condition: Option<String>,
}

/// The winners of a published contest; `NotFound` before publication.
pub fn public_winners(conn: &mut DbConnection, contest_id: &str) -> AppResult<PublicWinners> {
    let contest = rows::contest(conn, contest_id)?;
    let Some(snapshot) = published_snapshot(&contest)? else {
        return Err(
            AppError::not_found().with_message(crate::i18n::results::ResultsMsg::ErrNotPublished)
        );
    };
    let results = snapshot.results;
    Ok(PublicWinners {
        contest: results.contest.name,
        year: results.contest.year,
        digest: results.digest.unwrap_or_default(),
        published_at: results.contest.published_at,
        clusters: results
            .clusters
            .into_iter()
            .map(|c| PublicCluster {
                name: c.name,
                winners: c
                    .ranking
                    .into_iter()
                    .filter_map(|r| {
                        r.prize.map(|p| PublicWinner {
                            rank: r.rank,
                            title: r.title,
                            innovator: r.innovator,
                            unit: r.unit,
                            prize: PublicPrize {
                                title: p.title,
                                amount: p.amount,
                                extra: p.extra,
                                condition: p.condition,
                            },
                        })
                    })
                    .collect(),
            })
            .collect(),
    })
}

//! Results of a contest: the ranking of each cluster, its prize tiers and everything needed to
//! explain them, computed by `domain::ranking` from the submitted sheets. Before publication
//! they are provisional: `cache` keeps them until anything they depend on changes (its
//! fingerprint) and ranks them again then; publication freezes a snapshot, served from then on.

pub mod actions;
pub mod cache;
pub mod computed;
pub mod manifest;
pub mod recap;
mod sheet_scores;

pub use sheet_scores::SheetScores;

use crate::db::results::{self as rows, ResultsData};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::model::{Aggregation, ContestId, Phase};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ContestResults {
    pub contest_id: ContestId,
    pub phase: Phase,
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
    pub aggregation: Aggregation,
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
    /// In a contest of several stages: the cluster's entries that stopped before the last
    /// stage, with the stage and the reason (never ranked among the finalists).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eliminated: Option<Vec<Eliminated>>,
}

/// An entry that stopped before the last stage.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Eliminated {
    pub entry_id: String,
    pub title: String,
    pub stage_id: String,
    pub stage_name: String,
    /// `below_cut`, `not_eligible` (screening) or `not_scored`.
    #[schema(value_type = String)]
    pub reason: crate::domain::stage::StopReason,
    /// Its score in that stage (below the cut), rounded to 4 decimals.
    pub score: Option<f64>,
    pub score_display: Option<String>,
    /// The screening checklist items it failed.
    pub failed: Vec<String>,
    /// The committee's screening note.
    pub note: String,
}

/// A finalist's score in one scored stage.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct StageScoreRow {
    pub stage_id: String,
    pub name: String,
    /// The stage's whole-percent weight in the final score.
    pub weight: u32,
    pub score: Option<f64>,
    pub score_exact: Option<String>,
    pub score_display: Option<String>,
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
    /// When the stage declares `normalisation: "leniency"`: the score from the judges' own
    /// totals, beside `score`, the normalised score that ranks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_score: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_score_exact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_score_display: Option<String>,
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
    /// In a contest of several stages: the entry's score in every scored stage, in order
    /// (the last is this stage's own score); `score` is then the final score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stages: Option<Vec<StageScoreRow>>,
}

impl RankingRow {
    /// The row without its sheets and criterion means (what the documents show), made without
    /// copying them first.
    pub fn summary(&self) -> RankingRow {
        RankingRow {
            entry_id: self.entry_id.clone(),
            title: self.title.clone(),
            innovator: self.innovator.clone(),
            unit: self.unit.clone(),
            rank: self.rank,
            score: self.score,
            score_exact: self.score_exact.clone(),
            score_display: self.score_display.clone(),
            raw_score: self.raw_score,
            raw_score_exact: self.raw_score_exact.clone(),
            raw_score_display: self.raw_score_display.clone(),
            tie: self.tie,
            resolved_by_committee: self.resolved_by_committee,
            complete: self.complete,
            below_minimum: self.below_minimum,
            prize: self.prize.clone(),
            sheets: Vec::new(),
            criteria: Vec::new(),
            separated_by: self.separated_by.clone(),
            missing_judges: self.missing_judges.clone(),
            waived_judges: self.waived_judges.clone(),
            stages: self.stages.clone(),
        }
    }
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
    /// The winners' documents (`manifest::csv`); empty when they had none, and in
    /// publications made before documents existed.
    #[serde(default)]
    pub manifest_csv: String,
}

pub fn published_snapshot(
    contest: &crate::db::contests::ContestRow,
) -> AppResult<Option<Snapshot>> {
    match (contest.phase, &contest.result_snapshot) {
        (Phase::Published, Some(json)) => serde_json::from_str(json)
            .map(Some)
            .map_err(|e| AppError::internal(format!("snapshot unreadable: {e}"))),
        _ => Ok(None),
    }
}

/// Everything `stage`'s results are computed from; for the last stage of a contest of several,
/// with the earlier stages' scores and the entries that stopped (from their snapshots).
pub fn load(
    conn: &mut DbConnection,
    stage: &crate::db::stages::StageRow,
) -> AppResult<ResultsData> {
    let mut data = rows::load(conn, stage)?;
    if data.last_stage && stage.position > 1 {
        (data.earlier, data.stopped) = super::stage_results::earlier_of(conn, stage)?;
    }
    Ok(data)
}

/// Ranks every cluster and returns everything, leaving `data` to the caller (the recap needs
/// it). Readers on the hot path keep the compact [`computed::ComputedResults`] through
/// [`cache::ResultsCache`] instead.
pub fn compute(data: &ResultsData) -> AppResult<ContestResults> {
    Ok(computed::rank(data.clone())?.to_results())
}

/// The recap as CSV and the digest it carries (the stored bytes once published).
/// The manifest of the winners' documents: the published one, or as it would be published now.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id))]
pub fn export_manifest(conn: &mut DbConnection, contest_id: ContestId) -> AppResult<String> {
    let contest = crate::db::contests::find(conn, contest_id)?;
    if let Some(snapshot) = published_snapshot(&contest)? {
        return Ok(snapshot.manifest_csv);
    }
    let stage = crate::db::stages::current(conn, contest_id)?;
    let data = load(conn, &stage)?;
    let results = compute(&data)?;
    manifest::csv(conn, &results)
}

pub fn export_csv(
    conn: &mut DbConnection,
    contest_id: ContestId,
) -> AppResult<(String, Option<String>)> {
    let contest = crate::db::contests::find(conn, contest_id)?;
    if let Some(snapshot) = published_snapshot(&contest)? {
        return Ok((snapshot.recap_csv, snapshot.results.digest));
    }
    let stage = crate::db::stages::current(conn, contest_id)?;
    let data = load(conn, &stage)?;
    let results = compute(&data)?;
    Ok((recap::csv(&results, &data)?, None))
}

/// The recap as XLSX (from the snapshot's results once published).
#[tracing::instrument(skip_all, fields(contest_id = %contest_id))]
pub fn export_xlsx(conn: &mut DbConnection, contest_id: ContestId) -> AppResult<Vec<u8>> {
    let stage = crate::db::stages::current(conn, contest_id)?;
    let data = load(conn, &stage)?;
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
#[tracing::instrument(skip_all, fields(contest_id = %contest_id))]
pub fn public_winners(conn: &mut DbConnection, contest_id: ContestId) -> AppResult<PublicWinners> {
    let contest = crate::db::contests::find(conn, contest_id)?;
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

//! A stage's outcome: its ranking per cluster (or, for screening, its decisions) and who goes
//! on to the next stage. `GET …/stages/{stage_id}/results` answers it; sealing the stage
//! stores it as the stage's snapshot, whose chained digest fixes it ([`super::seal`]).

use super::results::computed;
use crate::db::results::{self as rows, ResultsData};
use crate::db::stages::{self, StageRow};
use crate::db::{clusters, entries, screenings, DbConnection};
use crate::domain::ranking::Exact;
use crate::domain::stage::{
    self as rules, CutProblem, EarlierStage, Standing, StopReason, Stopped,
};
use crate::error::{AppError, AppResult};
use crate::model::{ContestId, StageId, StageKind, StagePhase};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use uuid::Uuid;

/// A stage's outcome, cluster by cluster.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StageResults {
    pub contest_id: ContestId,
    pub stage: StageSummary,
    /// The previous stage's digest, which this stage's digest chains (null for the first).
    pub previous_digest: Option<String>,
    pub clusters: Vec<StageCluster>,
    /// The stage's digest once sealed: SHA-256 over `previous_digest`, a line feed and this
    /// answer's JSON without `digest` and `sealed` (the stored snapshot).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
    /// Whether the stage is sealed (this is its snapshot) or still provisional.
    #[serde(default)]
    pub sealed: bool,
}

/// The stage as it was declared when these results were made.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StageSummary {
    pub id: StageId,
    pub position: u32,
    pub name: String,
    pub kind: StageKind,
    pub weight: u32,
    pub advance: super::stages::Advance,
}

/// One cluster of a stage.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StageCluster {
    pub cluster_id: String,
    pub name: String,
    /// A scored stage's ranking, best first.
    pub standings: Vec<StandingRow>,
    /// Entries of a scored stage without a submitted sheet (never ranked, never advance).
    pub unscored: Vec<StageEntry>,
    /// A screening stage's decisions (every entry of the cluster; `eligible` null when not
    /// decided yet).
    pub screening: Vec<ScreeningRow>,
    /// The entries that go on to the next stage, in ranking order.
    pub shortlist: Vec<String>,
    /// Entries tied exactly across a cut declared `ties: resolve`, waiting for the
    /// committee's order (the shortlist is empty until then).
    pub tie_at_cut: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StandingRow {
    pub entry_id: String,
    pub title: String,
    pub rank: u32,
    pub score: f64,
    pub score_exact: String,
    pub score_display: String,
    /// When the stage declares `normalisation: "leniency"`: the score from the judges' own
    /// totals; `score` is the normalised one, which ranks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_score: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_score_exact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_score_display: Option<String>,
    /// Every assigned judge has submitted (or been waived).
    pub complete: bool,
    /// Titles of the judges whose sheets are still missing.
    pub missing_judges: Vec<String>,
    pub advances: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StageEntry {
    pub entry_id: String,
    pub title: String,
    pub missing_judges: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ScreeningRow {
    pub entry_id: String,
    pub title: String,
    pub eligible: Option<bool>,
    pub failed: Vec<String>,
    pub note: String,
}

impl StageResults {
    /// The shortlist of every cluster: who the next stage takes.
    pub fn shortlisted(&self) -> Vec<crate::model::EntryId> {
        self.clusters
            .iter()
            .flat_map(|c| c.shortlist.iter().filter_map(|id| id.parse().ok()))
            .collect()
    }
}

/// The results of `stage` (`None`: the contest's current stage), from its snapshot once sealed.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id))]
pub fn of_stage(
    conn: &mut DbConnection,
    contest_id: ContestId,
    stage: Option<StageId>,
) -> AppResult<StageResults> {
    let stage = super::setup_common::stage_of(conn, contest_id, stage)?;
    results(conn, &stage)
}

/// `stage`'s results: its snapshot once sealed, computed from its sheets or decisions before.
pub fn results(c: &mut DbConnection, stage: &StageRow) -> AppResult<StageResults> {
    if stage.phase == StagePhase::Sealed {
        return sealed(c, stage);
    }
    compute(c, stage)
}

/// A sealed stage's stored snapshot, with its digest.
fn sealed(c: &mut DbConnection, stage: &StageRow) -> AppResult<StageResults> {
    let json = stages::snapshot(c, stage.id)?
        .ok_or_else(|| AppError::internal("a sealed stage without its snapshot"))?;
    let mut results: StageResults = serde_json::from_str(&json)
        .map_err(|e| AppError::internal(format!("stage snapshot unreadable: {e}")))?;
    results.digest = stage.digest.clone();
    results.sealed = true;
    Ok(results)
}

/// The results as they stand, computed (never from a snapshot).
pub fn compute(c: &mut DbConnection, stage: &StageRow) -> AppResult<StageResults> {
    let previous_digest = stages::previous(c, stage)?.and_then(|p| p.digest);
    let declared = super::stages::Stage::from(stage.clone());
    let summary = StageSummary {
        id: stage.id,
        position: declared.position,
        name: declared.name,
        kind: declared.kind,
        weight: declared.weight,
        advance: declared.advance,
    };
    let clusters = match stage.declaration.kind {
        StageKind::Scored => scored_clusters(c, stage)?,
        StageKind::Screening => screening_clusters(c, stage)?,
    };
    Ok(StageResults {
        contest_id: stage.contest_id,
        stage: summary,
        previous_digest,
        clusters,
        digest: None,
        sealed: false,
    })
}

fn uuid(raw: &str) -> AppResult<Uuid> {
    Uuid::parse_str(raw).map_err(|_| AppError::internal(format!("stored id is not a UUID: {raw}")))
}

fn exact(raw: &str) -> AppResult<Exact> {
    let (n, d) = raw
        .split_once('/')
        .ok_or_else(|| AppError::internal(format!("not an exact score: {raw}")))?;
    let parse = |v: &str| {
        v.parse::<i128>()
            .map_err(|_| AppError::internal(format!("not an exact score: {raw}")))
    };
    Ok(Exact::new(parse(n)?, parse(d)?))
}

fn scored_clusters(c: &mut DbConnection, stage: &StageRow) -> AppResult<Vec<StageCluster>> {
    let data: ResultsData = rows::load(c, stage)?;
    let advance = super::stages::advance_stored(&stage.declaration);
    let resolutions: Vec<(String, Vec<Uuid>)> = data
        .resolutions
        .iter()
        .filter_map(|(cluster, order)| Some((cluster.clone(), serde_json::from_str(order).ok()?)))
        .collect();
    // The rows without their sheets and criterion means: a national stage is 30,000 entries
    // and 150,000 sheets, whose explanations would take ~100 MB for nothing kept here.
    let ranked = computed::rank(data)?.window(0..usize::MAX, false);
    ranked
        .clusters
        .into_iter()
        .map(|cluster| {
            let standings: Vec<Standing> = cluster
                .ranking
                .iter()
                .map(|r| {
                    Ok(Standing {
                        entry_id: uuid(&r.entry_id)?,
                        rank: r.rank,
                        score: exact(&r.score_exact)?,
                    })
                })
                .collect::<AppResult<_>>()?;
            let orders: Vec<Vec<Uuid>> = resolutions
                .iter()
                .filter(|(id, _)| *id == cluster.id)
                .map(|(_, order)| order.clone())
                .collect();
            let (shortlist, tie_at_cut) = match rules::shortlist(&standings, &advance, &orders) {
                Ok(list) => (list, Vec::new()),
                Err(CutProblem::TieAtCut(group)) => (Vec::new(), group),
            };
            let going: BTreeSet<Uuid> = shortlist.iter().copied().collect();
            let names = |judges: &[super::results::JudgeRef]| {
                judges.iter().map(|j| j.name.clone()).collect::<Vec<_>>()
            };
            Ok(StageCluster {
                standings: cluster
                    .ranking
                    .iter()
                    .map(|r| StandingRow {
                        advances: Uuid::parse_str(&r.entry_id).is_ok_and(|id| going.contains(&id)),
                        entry_id: r.entry_id.clone(),
                        title: r.title.clone(),
                        rank: r.rank,
                        score: r.score,
                        score_exact: r.score_exact.clone(),
                        score_display: r.score_display.clone(),
                        raw_score: r.raw_score,
                        raw_score_exact: r.raw_score_exact.clone(),
                        raw_score_display: r.raw_score_display.clone(),
                        complete: r.complete,
                        missing_judges: names(&r.missing_judges),
                    })
                    .collect(),
                unscored: cluster
                    .unscored_entries
                    .iter()
                    .map(|e| StageEntry {
                        entry_id: e.id.clone(),
                        title: e.title.clone(),
                        missing_judges: names(&e.missing_judges),
                    })
                    .collect(),
                screening: Vec::new(),
                shortlist: shortlist.iter().map(Uuid::to_string).collect(),
                tie_at_cut: tie_at_cut.iter().map(Uuid::to_string).collect(),
                cluster_id: cluster.id,
                name: cluster.name,
            })
        })
        .collect()
}

fn screening_clusters(c: &mut DbConnection, stage: &StageRow) -> AppResult<Vec<StageCluster>> {
    let in_stage = stages::later_entries(c, stage)?;
    let decisions: HashMap<_, _> = screenings::of_stage(c, stage.id)?
        .into_iter()
        .map(|d| (d.entry_id, d))
        .collect();
    let entries = entries::titles(c, stage.contest_id)?;
    Ok(clusters::names(c, stage.contest_id)?
        .into_iter()
        .map(|(cluster_id, name)| {
            let screening: Vec<ScreeningRow> = entries
                .iter()
                .filter(|(id, cl, _)| {
                    *cl == cluster_id && in_stage.as_ref().is_none_or(|s| s.contains(id))
                })
                .map(|(id, _, title)| {
                    let decided = decisions.get(id);
                    ScreeningRow {
                        entry_id: id.to_string(),
                        title: title.clone(),
                        eligible: decided.map(|d| d.eligible),
                        failed: decided
                            .map(|d| serde_json::from_str(&d.failed).unwrap_or_default())
                            .unwrap_or_default(),
                        note: decided.map(|d| d.note.clone()).unwrap_or_default(),
                    }
                })
                .collect();
            StageCluster {
                cluster_id: cluster_id.to_string(),
                name,
                standings: Vec::new(),
                unscored: Vec::new(),
                shortlist: screening
                    .iter()
                    .filter(|r| r.eligible == Some(true))
                    .map(|r| r.entry_id.clone())
                    .collect(),
                screening,
                tie_at_cut: Vec::new(),
            }
        })
        .collect())
}

/// What the last stage's ranking takes from the sealed stages before it: each scored stage's
/// scores (combined into the final score) and every entry that stopped, with why.
pub fn earlier_of(
    c: &mut DbConnection,
    last: &StageRow,
) -> AppResult<(Vec<EarlierStage>, Vec<Stopped>)> {
    let mut earlier = Vec::new();
    let mut stopped = Vec::new();
    for stage in stages::list(c, last.contest_id)? {
        if stage.position >= last.position || stage.phase != StagePhase::Sealed {
            continue;
        }
        let results = sealed(c, &stage)?;
        if stage.declaration.kind == StageKind::Scored {
            let mut scores = HashMap::new();
            for cluster in &results.clusters {
                for row in &cluster.standings {
                    scores.insert(uuid(&row.entry_id)?, exact(&row.score_exact)?);
                }
            }
            earlier.push(EarlierStage {
                stage_id: stage.id.0,
                name: stage.declaration.name.clone(),
                weight: stage.declaration.weight.clamp(0, 100) as u32,
                scores,
            });
        }
        for cluster in &results.clusters {
            let cluster_id = uuid(&cluster.cluster_id)?;
            let going: BTreeSet<&str> = cluster.shortlist.iter().map(String::as_str).collect();
            let stop = |entry_id: &str, title: &str, reason, score, failed, note| {
                Ok::<_, AppError>(Stopped {
                    entry_id: uuid(entry_id)?,
                    title: title.to_string(),
                    cluster_id,
                    stage_id: stage.id.0,
                    stage_name: stage.declaration.name.clone(),
                    stage_position: stage.position.max(1) as u32,
                    reason,
                    score,
                    failed,
                    note,
                })
            };
            for row in cluster
                .standings
                .iter()
                .filter(|r| !going.contains(&*r.entry_id))
            {
                let score = Some(exact(&row.score_exact)?);
                stopped.push(stop(
                    &row.entry_id,
                    &row.title,
                    StopReason::BelowCut,
                    score,
                    Vec::new(),
                    String::new(),
                )?);
            }
            for e in &cluster.unscored {
                stopped.push(stop(
                    &e.entry_id,
                    &e.title,
                    StopReason::NotScored,
                    None,
                    Vec::new(),
                    String::new(),
                )?);
            }
            for r in cluster
                .screening
                .iter()
                .filter(|r| !going.contains(&*r.entry_id))
            {
                stopped.push(stop(
                    &r.entry_id,
                    &r.title,
                    StopReason::NotEligible,
                    None,
                    r.failed.clone(),
                    r.note.clone(),
                )?);
            }
        }
    }
    Ok((earlier, stopped))
}

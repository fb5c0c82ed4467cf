//! How far the committee can trust a stage's result, per cluster: how much each prize position
//! depends on one judge, the gaps between places, the panel's agreement, each judge's leniency
//! and the sheets far from the others (`domain::analysis` computes; this reads and words).

use crate::db::DbConnection;
use crate::domain::analysis::{self, NoAgreement};
use crate::domain::decimal::to_f64;
use crate::domain::normalise::{self, Normalisation};
use crate::domain::ranking::{rank_cluster, ClusterInput, Exact};
use crate::error::AppResult;
use crate::model::{ContestId, StageId};
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

/// Numbers as the results API gives them: 4 decimals, with the exact fraction beside.
fn number(x: Exact) -> f64 {
    to_f64(&x, 4)
}

fn exact(x: Exact) -> String {
    format!("{}/{}", x.numer(), x.denom())
}

/// A scenario in which a place changes hands.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Lost {
    /// The judge left out.
    pub judge_id: Uuid,
    pub judge_name: String,
    /// Who holds the place then (`null`: nobody).
    pub entry_id: Option<Uuid>,
    pub title: Option<String>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Position {
    pub rank: u32,
    pub entry_id: Uuid,
    pub title: String,
    /// In how many leave-one-judge-out scenarios the entry keeps this place.
    pub kept: u32,
    /// Its worst rank over the scenarios in which it is still scored.
    pub worst_rank: Option<u32>,
    /// `kept` = `scenarios`.
    pub stable: bool,
    /// The scenarios in which another entry (or nobody) holds the place.
    pub lost: Vec<Lost>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Robustness {
    /// One per judge with a counted sheet in the cluster.
    pub scenarios: u32,
    pub positions: Vec<Position>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Margin {
    pub rank: u32,
    /// Score at this place − score at the next.
    pub gap: f64,
    pub gap_exact: String,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Agreement {
    /// Kendall's W (0: no agreement, 1: every judge ranks alike), on a complete panel.
    pub kendall_w: Option<f64>,
    pub kendall_w_exact: Option<String>,
    /// Why there is none: `too_few` (fewer than two judges or entries), `incomplete_design`
    /// (not every judge scored every entry) or `no_variation` (every total equal).
    pub reason: Option<String>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct JudgeFigures {
    pub judge_id: Uuid,
    pub name: String,
    pub sheets: u32,
    /// How many points above (+) or below (−) the other judges on the same entries, on
    /// average; `null` when the judge shares no entry.
    pub leniency: Option<f64>,
    pub leniency_exact: Option<String>,
    /// Mean absolute deviation of the judge's totals from their own mean.
    pub spread: f64,
    pub spread_exact: String,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Outlier {
    pub entry_id: Uuid,
    pub title: String,
    pub judge_id: Uuid,
    pub judge_name: String,
    pub total: f64,
    pub others_mean: f64,
}

/// A place another entry would hold had the stage declared the other normalisation.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct NormalisationChange {
    pub rank: u32,
    /// Who holds it as declared (`null`: nobody).
    pub declared_entry_id: Option<Uuid>,
    pub declared_title: Option<String>,
    /// Who would hold it under the other choice (`null`: nobody).
    pub other_entry_id: Option<Uuid>,
    pub other_title: Option<String>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct NormalisationFigures {
    /// The stage's declared choice: `none`, or `leniency` (each total less its judge's
    /// leniency, rounded to 4 decimals, before aggregation).
    pub declared: Normalisation,
    /// The choice cannot change the ranking: every judge scored every entry of the cluster
    /// and totals are averaged (each entry then moves by the same amount).
    pub cannot_change_ranking: bool,
    /// The prize (or cut) places another entry would hold under the other choice.
    pub changes: Vec<NormalisationChange>,
}

/// One of the first entries of a cluster's ranking, with every counted sheet total: what the
/// scores chart draws.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Leader {
    pub entry_id: Uuid,
    pub title: String,
    pub rank: u32,
    pub score: f64,
    /// Each counted sheet's total (by judge id), as aggregated; never normalised.
    pub totals: Vec<f64>,
    /// Inside the examined places (a prize, or the cut).
    pub examined: bool,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ClusterAnalysis {
    pub id: String,
    pub name: String,
    pub robustness: Robustness,
    pub margins: Vec<Margin>,
    pub agreement: Agreement,
    pub judges: Vec<JudgeFigures>,
    pub outliers: Vec<Outlier>,
    pub normalisation: NormalisationFigures,
    /// The first entries of the ranking: the examined places and the next few (at least 10).
    pub leaders: Vec<Leader>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Analysis {
    pub stage_id: StageId,
    /// The stage is the contest's current one: the one the gate's acknowledgements and the
    /// analysis settings act on (an earlier, sealed stage's analysis is a record).
    pub current: bool,
    /// Sheets further than this from the others on their entry are outliers.
    pub outlier_points: f64,
    /// Whether sealing or publishing needs an acknowledgement of positions that are not stable.
    pub robustness_gate: bool,
    /// The committee's acknowledgements for this stage, newest first.
    pub acknowledgements: Vec<super::gate::Acknowledgement>,
    pub clusters: Vec<ClusterAnalysis>,
}

/// Judges' names and entries' titles, by id.
struct Names {
    judges: HashMap<Uuid, String>,
    entries: HashMap<Uuid, String>,
}

impl Names {
    fn judge(&self, id: &Uuid) -> String {
        self.judges.get(id).cloned().unwrap_or_default()
    }
    fn entry(&self, id: &Uuid) -> String {
        self.entries.get(id).cloned().unwrap_or_default()
    }
}

fn cluster_analysis(
    (id, name): (String, String),
    input: &ClusterInput,
    positions: u32,
    names: &Names,
    outlier_points: Exact,
) -> ClusterAnalysis {
    // The ranking as declared gives the margins, the leaders and the places to compare under
    // the other normalisation, and is dropped before the robustness scenarios run (a national
    // cluster's ranking explains 7,500 entries).
    let ranked = rank_cluster(input);
    let margins = analysis::margins(&ranked, positions)
        .into_iter()
        .map(|m| Margin {
            rank: m.rank,
            gap: number(m.gap),
            gap_exact: exact(m.gap),
        })
        .collect();
    let leaders = ranked
        .ranking
        .iter()
        .take((positions as usize + 3).max(10))
        .map(|r| Leader {
            entry_id: r.entry_id,
            title: names.entry(&r.entry_id),
            rank: r.rank,
            score: number(r.score),
            totals: r.sheet_totals.iter().map(|(_, t)| number(*t)).collect(),
            examined: r.rank <= positions,
        })
        .collect();
    let changes = normalise::changes(input, &ranked, positions);
    drop(ranked);
    let robust = analysis::robustness(input, positions);
    let scenarios = robust.scenarios;
    let agreement = match analysis::kendall_w(input) {
        Ok(w) => Agreement {
            kendall_w: Some(number(w)),
            kendall_w_exact: Some(exact(w)),
            reason: None,
        },
        Err(why) => Agreement {
            kendall_w: None,
            kendall_w_exact: None,
            reason: Some(
                match why {
                    NoAgreement::TooFew => "too_few",
                    NoAgreement::IncompleteDesign => "incomplete_design",
                    NoAgreement::NoVariation => "no_variation",
                }
                .into(),
            ),
        },
    };
    ClusterAnalysis {
        id,
        name,
        robustness: Robustness {
            scenarios,
            positions: robust
                .positions
                .iter()
                .map(|p| Position {
                    rank: p.rank,
                    entry_id: p.entry_id,
                    title: names.entry(&p.entry_id),
                    kept: p.kept,
                    worst_rank: p.worst_rank,
                    stable: p.stable(scenarios),
                    lost: p
                        .lost
                        .iter()
                        .map(|(judge, holder)| Lost {
                            judge_id: *judge,
                            judge_name: names.judge(judge),
                            entry_id: *holder,
                            title: holder.map(|h| names.entry(&h)),
                        })
                        .collect(),
                })
                .collect(),
        },
        margins,
        agreement,
        judges: analysis::leniency(input)
            .into_iter()
            .map(|j| JudgeFigures {
                judge_id: j.judge_id,
                name: names.judge(&j.judge_id),
                sheets: j.sheets,
                leniency: j.leniency.map(number),
                leniency_exact: j.leniency.map(exact),
                spread: number(j.spread),
                spread_exact: exact(j.spread),
            })
            .collect(),
        outliers: analysis::outliers(input, outlier_points)
            .into_iter()
            .map(|o| Outlier {
                entry_id: o.entry_id,
                title: names.entry(&o.entry_id),
                judge_id: o.judge_id,
                judge_name: names.judge(&o.judge_id),
                total: number(o.total),
                others_mean: number(o.others_mean),
            })
            .collect(),
        normalisation: NormalisationFigures {
            declared: input.normalisation,
            cannot_change_ranking: normalise::cannot_change_ranking(input),
            changes: changes
                .into_iter()
                .map(|c| NormalisationChange {
                    rank: c.rank,
                    declared_entry_id: c.declared,
                    declared_title: c.declared.map(|e| names.entry(&e)),
                    other_entry_id: c.other,
                    other_title: c.other.map(|e| names.entry(&e)),
                })
                .collect(),
        },
        leaders,
    }
}

/// The analysis of `stage` (the contest's current stage when `None`).
#[tracing::instrument(skip_all, fields(contest_id = %contest_id))]
pub fn of_stage(
    conn: &mut DbConnection,
    contest_id: ContestId,
    stage: Option<StageId>,
) -> AppResult<Analysis> {
    let chosen = super::setup_common::stage_of(conn, contest_id, stage)?;
    let data = super::results::load(conn, &chosen)?;
    let names = Names {
        judges: data
            .judges
            .iter()
            .filter_map(|j| Some((j.id.parse().ok()?, j.name.clone())))
            .collect(),
        entries: data
            .entries
            .iter()
            .filter_map(|e| Some((e.id.parse().ok()?, e.title.clone())))
            .collect(),
    };
    let outlier_points = Exact::new(i128::from(data.contest.outlier_points), 100);
    let mut clusters = Vec::with_capacity(data.clusters.len());
    super::results::computed::each_cluster_input(&data, |id, name, input| {
        let positions = positions(&data, &input);
        clusters.push(cluster_analysis(
            (id, name),
            &input,
            positions,
            &names,
            outlier_points,
        ));
        Ok(())
    })?;
    let current = super::setup_common::stage_of(conn, contest_id, None)?.id == chosen.id;
    Ok(Analysis {
        current,
        stage_id: chosen.id,
        outlier_points: number(outlier_points),
        robustness_gate: data.contest.robustness_gate,
        acknowledgements: super::gate::acknowledgements(conn, chosen.id)?,
        clusters,
    })
}

/// The positions whose holders matter in a cluster of the stage: the prize positions in the
/// last stage; inside the cut in an earlier one (the best `count`, or every entry at or above
/// the minimum score; none when everyone goes on).
pub(super) fn positions(data: &crate::db::results::ResultsData, input: &ClusterInput) -> u32 {
    use crate::domain::stage::Advance;
    if data.last_stage {
        return input.winners_count;
    }
    match super::stages::advance_stored(&data.stage.declaration) {
        Advance::All => 0,
        Advance::Top { count, .. } => count,
        Advance::MinScore { min_score } => rank_cluster(input)
            .ranking
            .iter()
            .filter(|r| r.score >= min_score)
            .count() as u32,
    }
}

/// What the print-ready "Laporan analisis penilaian" of a stage shows beside the analysis.
pub struct Report {
    pub contest: String,
    pub year: i32,
    pub stage: String,
    /// The stage's digest once sealed; for the last stage, the publication's once published;
    /// `None` while the result is provisional.
    pub digest: Option<String>,
    /// The judges who sign it.
    pub judges: Vec<String>,
    pub analysis: Analysis,
}

/// The report of `stage`: its analysis, and the digest that makes the printed copy checkable.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id))]
pub fn report(conn: &mut DbConnection, contest_id: ContestId, stage: StageId) -> AppResult<Report> {
    let contest = crate::db::contests::find(conn, contest_id)?;
    let row = super::setup_common::stage_of(conn, contest_id, Some(stage))?;
    let analysis = of_stage(conn, contest_id, Some(stage))?;
    let judges = super::judges::list(conn, contest_id)?
        .into_iter()
        .map(|j| j.name)
        .collect();
    // A sealed stage has its own digest; the last stage is never sealed, its result is the
    // publication's.
    let digest = row.digest.clone().or_else(|| {
        (contest.phase == crate::model::Phase::Published
            && row.phase != crate::model::StagePhase::Sealed)
            .then_some(contest.result_digest)
            .flatten()
    });
    Ok(Report {
        contest: contest.name,
        year: contest.year,
        stage: row.declaration.name,
        digest,
        judges,
        analysis,
    })
}

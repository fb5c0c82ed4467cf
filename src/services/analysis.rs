//! How far the committee can trust a stage's result, per cluster: how much each prize position
//! depends on one judge, the gaps between places, the panel's agreement, each judge's leniency
//! and the sheets far from the others (`domain::analysis` computes; this reads and words).

use crate::db::DbConnection;
use crate::domain::analysis::{self, NoAgreement};
use crate::domain::decimal::to_f64;
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

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ClusterAnalysis {
    pub id: String,
    pub name: String,
    pub robustness: Robustness,
    pub margins: Vec<Margin>,
    pub agreement: Agreement,
    pub judges: Vec<JudgeFigures>,
    pub outliers: Vec<Outlier>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Analysis {
    pub stage_id: StageId,
    /// Sheets further than this from the others on their entry are outliers.
    pub outlier_points: f64,
    /// Whether sealing or publishing needs an acknowledgement of positions that are not stable.
    pub robustness_gate: bool,
    /// The committee's acknowledgements for this stage, newest first.
    pub acknowledgements: Vec<Acknowledgement>,
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
        margins: analysis::margins(&rank_cluster(input), positions)
            .into_iter()
            .map(|m| Margin {
                rank: m.rank,
                gap: number(m.gap),
                gap_exact: exact(m.gap),
            })
            .collect(),
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
    Ok(Analysis {
        stage_id: chosen.id,
        outlier_points: number(outlier_points),
        robustness_gate: data.contest.robustness_gate,
        acknowledgements: acknowledgements(conn, chosen.id)?,
        clusters,
    })
}

/// The positions whose holders matter in a cluster of the stage: the prize positions in the
/// last stage; inside the cut in an earlier one (the best `count`, or every entry at or above
/// the minimum score; none when everyone goes on).
fn positions(data: &crate::db::results::ResultsData, input: &ClusterInput) -> u32 {
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

/// A prize or cut position whose holder loses it when some single judge is left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Unstable {
    pub cluster_id: String,
    pub rank: u32,
    pub entry_id: Uuid,
}

/// Every position of `stage` that is not stable, cluster by cluster (what the robustness gate
/// asks the committee to acknowledge), with the cluster's name and the entry's title.
pub fn unstable_positions(
    conn: &mut DbConnection,
    stage: &crate::db::stages::StageRow,
) -> AppResult<Vec<(Unstable, String, String)>> {
    if stage.declaration.kind == crate::model::StageKind::Screening {
        return Ok(Vec::new());
    }
    let data = super::results::load(conn, stage)?;
    let titles: HashMap<Uuid, &str> = data
        .entries
        .iter()
        .filter_map(|e| Some((e.id.parse().ok()?, e.title.as_str())))
        .collect();
    let mut out = Vec::new();
    super::results::computed::each_cluster_input(&data, |cluster_id, cluster_name, input| {
        let robust = analysis::robustness(&input, positions(&data, &input));
        for p in robust
            .positions
            .iter()
            .filter(|p| !p.stable(robust.scenarios))
        {
            let title = titles
                .get(&p.entry_id)
                .copied()
                .unwrap_or_default()
                .to_string();
            out.push((
                Unstable {
                    cluster_id: cluster_id.clone(),
                    rank: p.rank,
                    entry_id: p.entry_id,
                },
                cluster_name.clone(),
                title,
            ));
        }
        Ok(())
    })?;
    Ok(out)
}

/// A recorded acknowledgement (also the API's answer).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Acknowledgement {
    pub id: String,
    pub stage_id: StageId,
    pub reason: String,
    /// The positions acknowledged: those not stable when it was recorded.
    pub unstable: Vec<Unstable>,
    pub created_by: Option<crate::model::UserId>,
    #[serde(with = "crate::db::utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: chrono::NaiveDateTime,
}

impl Acknowledgement {
    fn from_row(row: crate::db::acknowledgements::AcknowledgementRow) -> Acknowledgement {
        Acknowledgement {
            unstable: serde_json::from_str(&row.unstable).unwrap_or_default(),
            id: row.id,
            stage_id: row.stage_id,
            reason: row.reason,
            created_by: row.created_by,
            created_at: row.created_at,
        }
    }
}

/// The committee acknowledges, with a reason, that the current stage's positions listed as not
/// stable depend on a single judge; audited. The robustness gate then lets the stage be sealed
/// (or the contest published) as long as the same positions are the unstable ones.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, actor = %actor.id))]
pub fn acknowledge(
    conn: &mut DbConnection,
    actor: &super::CurrentUser,
    contest_id: ContestId,
    reason: &str,
) -> AppResult<Acknowledgement> {
    let reason = super::setup_common::field_text(reason, "reason", true, 2000)?;
    crate::db::write_tx(conn, |c| {
        let contest = crate::db::contests::find(c, contest_id)?;
        if contest.phase == crate::model::Phase::Published {
            return Err(crate::error::AppError::conflict(
                crate::i18n::results::ResultsMsg::ErrAlreadyPublished,
            ));
        }
        let stage = crate::db::stages::current(c, contest_id)?;
        let unstable: Vec<Unstable> = unstable_positions(c, &stage)?
            .into_iter()
            .map(|(u, _, _)| u)
            .collect();
        let row = crate::db::acknowledgements::AcknowledgementRow {
            id: crate::db::new_id(),
            contest_id,
            stage_id: stage.id,
            reason,
            unstable: serde_json::to_string(&unstable).map_err(crate::error::AppError::internal)?,
            created_by: Some(actor.id),
            created_at: crate::db::now(),
        };
        crate::db::acknowledgements::insert(c, &row)?;
        let body = Acknowledgement::from_row(row);
        super::setup_common::record(
            c,
            actor,
            contest_id,
            "analysis.acknowledged",
            &format!("stage:{}", stage.id),
            serde_json::json!({"new": body}),
        )?;
        Ok(body)
    })
}

/// The stage's acknowledgements, newest first.
pub fn acknowledgements(
    conn: &mut DbConnection,
    stage: StageId,
) -> AppResult<Vec<Acknowledgement>> {
    Ok(crate::db::acknowledgements::of_stage(conn, stage)?
        .into_iter()
        .map(Acknowledgement::from_row)
        .collect())
}

/// The robustness gate's reasons for the contest's current stage, worked out before the write
/// transaction that seals or publishes: leaving each judge out ranks a cluster once per judge,
/// which must not hold the write lock other contests' judges wait for. Its sheets cannot change
/// meanwhile (the stage is closed).
pub fn gate_before_writing(
    conn: &mut DbConnection,
    contest_id: ContestId,
) -> AppResult<Vec<crate::error::Detail>> {
    let contest = crate::db::contests::find(conn, contest_id)?;
    let stage = crate::db::stages::current(conn, contest_id)?;
    gate_blockers(conn, &contest, &stage)
}

/// With the contest's robustness gate on: every position of `stage` that is not stable and not
/// covered by the latest acknowledgement (which must name exactly the positions unstable now).
pub fn gate_blockers(
    conn: &mut DbConnection,
    contest: &crate::db::contests::ContestRow,
    stage: &crate::db::stages::StageRow,
) -> AppResult<Vec<crate::error::Detail>> {
    if !contest.robustness_gate {
        return Ok(Vec::new());
    }
    let unstable = unstable_positions(conn, stage)?;
    if unstable.is_empty() {
        return Ok(Vec::new());
    }
    let now: Vec<&Unstable> = unstable.iter().map(|(u, _, _)| u).collect();
    let acknowledged = acknowledgements(conn, stage.id)?
        .into_iter()
        .next()
        .is_some_and(|a| a.unstable.iter().collect::<Vec<_>>() == now);
    if acknowledged {
        return Ok(Vec::new());
    }
    Ok(unstable
        .iter()
        .map(|(u, cluster, title)| crate::error::Detail {
            field: Some("analysis".into()),
            message: crate::i18n::Text::with(
                crate::i18n::analysis::AnalysisMsg::BlockUnstable,
                [cluster.clone(), u.rank.to_string(), title.clone()],
            ),
        })
        .collect())
}

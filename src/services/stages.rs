//! A contest's stages (tahap), as the API and the screens show them.

use crate::db::stages::{self, StageRow};
use crate::db::DbConnection;
use crate::domain::decimal;
use crate::error::AppResult;
use crate::model::{Aggregation, ContestId, CutRule, CutTies, StageId, StageKind, StagePhase};
use serde::Serialize;

/// Which entries of each cluster go on to the next stage.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Advance {
    pub rule: CutRule,
    /// With `rule: top`: how many go on per cluster.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// With `rule: min_score`: the lowest score that goes on (0–100, two decimals at most).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_score: Option<f64>,
    /// Entries tied exactly at a `top` cut: `include` them all, or wait for the committee to
    /// `resolve` their order.
    pub ties: CutTies,
}

/// A stage of a contest.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Stage {
    pub id: StageId,
    /// From 1, in the order the stages run.
    pub position: u32,
    pub name: String,
    pub kind: StageKind,
    /// The stage's whole-percent weight in the final score (0: it only filters).
    pub weight: u32,
    pub advance: Advance,
    /// How judges' totals combine in this stage; `null`: the contest's.
    pub aggregation: Option<Aggregation>,
    pub phase: StagePhase,
    /// SHA-256 of the sealed stage, chained to the previous stage's; `null` until sealed.
    pub digest: Option<String>,
    /// A screening stage's checklist.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checklist: Option<Vec<String>>,
}

impl From<StageRow> for Stage {
    fn from(row: StageRow) -> Stage {
        let d = row.declaration;
        let checklist = (d.kind == StageKind::Screening)
            .then(|| serde_json::from_str(&d.checklist).unwrap_or_default());
        Stage {
            id: row.id,
            position: row.position.max(1) as u32,
            name: d.name,
            kind: d.kind,
            weight: d.weight.clamp(0, 100) as u32,
            advance: Advance {
                rule: d.cut_rule,
                count: d.cut_count.map(|n| n.max(0) as u32),
                min_score: d.cut_min_score.map(|h| {
                    decimal::to_f64(&crate::domain::scoring::Exact::new(h.into(), 100), 2)
                }),
                ties: d.cut_ties,
            },
            aggregation: d.aggregation,
            phase: row.phase,
            digest: row.digest,
            checklist,
        }
    }
}

/// The contest's stages, first first (404 when there is no such contest).
#[tracing::instrument(skip_all, fields(contest_id = %contest_id))]
pub fn list(conn: &mut DbConnection, contest_id: ContestId) -> AppResult<Vec<Stage>> {
    crate::db::contests::find(conn, contest_id)?;
    Ok(stages::list(conn, contest_id)?
        .into_iter()
        .map(Stage::from)
        .collect())
}

//! The robustness gate: the prize or cut positions of a stage that depend on a single judge,
//! the committee's acknowledgement of them with a reason, and the refusal to seal or publish
//! without one when the contest turns the gate on.

use super::analysis::positions;
use crate::db::DbConnection;
use crate::domain::analysis;
use crate::error::AppResult;
use crate::model::{ContestId, StageId};
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

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

//! Moving a contest forward: setup → judging (when ready) → closed → published.

use super::setup_common::log;
use super::CurrentUser;
use crate::db::{self, clusters, contests, criteria, entries, DbConnection};
use crate::domain::phase::{missing_for_judging, Missing, Phase, SetupSummary};
use crate::error::{AppError, AppResult, Detail};
use crate::i18n::setup::SetupMsg as M;
use crate::i18n::Text;
use crate::model::ContestId;
use serde_json::json;

/// What opening the contest's current stage depends on.
fn summary(c: &mut DbConnection, contest_id: ContestId) -> AppResult<SetupSummary> {
    let stage = db::stages::current(c, contest_id)?;
    let weights: Vec<i64> = criteria::of_stage(c, stage.id)?
        .iter()
        .map(|r| i64::from(r.weight))
        .collect();
    let cluster_rows = clusters::of_contest(c, contest_id)?;
    let tiers = clusters::tiers_of_contest(c, contest_id)?;
    let entry_count = match db::stages::later_entries(c, &stage)? {
        Some(ids) => ids.len(),
        None => entries::count(c, contest_id)? as usize,
    };
    Ok(SetupSummary {
        criteria_weights: weights,
        clusters: cluster_rows
            .into_iter()
            .map(|(id, name, _, w)| {
                let ranks = tiers
                    .iter()
                    .filter(|t| t.0 == id)
                    .map(|t| t.1.max(0) as u32)
                    .collect();
                (name, w.max(0) as u32, ranks)
            })
            .collect(),
        entries_without_judge: super::judges::entries_without_judge(c, &stage)?,
        entry_count,
        screening: stage.declaration.kind == crate::model::StageKind::Screening,
        last_is_screening: db::stages::list(c, contest_id)?
            .last()
            .is_some_and(|s| s.declaration.kind == crate::model::StageKind::Screening),
        drafts: entries::drafts(c, contest_id)?,
    })
}

fn describe(m: &Missing) -> Detail {
    let (field, message) = match m {
        Missing::NoCriteria => ("criteria", Text::new(M::MissingNoCriteria)),
        Missing::WeightsNot100 { sum } => ("criteria", Text::with(M::MissingWeights, [sum])),
        Missing::NoClusters => ("clusters", Text::new(M::MissingNoClusters)),
        Missing::NoEntries => ("entries", Text::new(M::MissingNoEntries)),
        Missing::TiersMissing { cluster, ranks } => (
            "prizes",
            Text::with(
                M::MissingTiers,
                [
                    cluster.clone(),
                    ranks
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                ],
            ),
        ),
        Missing::EntriesWithoutJudge { count, titles } => (
            "assignments",
            Text::with(M::MissingJudges, [count.to_string(), titles.join("; ")]),
        ),
        Missing::Drafts { count, titles } => (
            "entries",
            Text::with(
                crate::i18n::entrants::EntrantMsg::MissingDrafts,
                [count.to_string(), titles.join("; ")],
            ),
        ),
        Missing::LastStageScreening => (
            "stages",
            Text::new(crate::i18n::stages::StageMsg::MissingLastStageScreening),
        ),
    };
    Detail {
        field: Some(field.into()),
        message,
    }
}

/// Everything that keeps judging from opening, for the overview page.
pub fn readiness(c: &mut DbConnection, contest_id: ContestId) -> AppResult<Vec<Detail>> {
    Ok(missing_for_judging(&summary(c, contest_id)?)
        .iter()
        .map(describe)
        .collect())
}

/// A contest's new phase.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct PhaseChange {
    pub id: ContestId,
    pub phase: Phase,
}

/// What a phase move answers: the new phase, or on publication the published results.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum PhaseOutcome {
    Moved(PhaseChange),
    Published(Box<super::results::ContestResults>),
}

/// Moves the contest to `target`, one step forward at a time.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, actor = %actor.id))]
pub fn transition(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    target: &str,
) -> AppResult<PhaseOutcome> {
    let target: Phase = target
        .parse()
        .map_err(|_| AppError::invalid("phase", M::ErrPhaseUnknown))?;
    if target == Phase::Published {
        let results = super::results::actions::publish(conn, actor, contest_id)?;
        return Ok(PhaseOutcome::Published(Box::new(results)));
    }
    db::write_tx(conn, |c| {
        // Locked before the readiness is read: an entrant's draft filed meanwhile either
        // committed before (and is seen) or waits and then finds judging open.
        contests::lock(c, contest_id)?;
        let contest = contests::find(c, contest_id)?;
        let current = contest.phase;
        if current.next() != Some(target) || target == Phase::Setup {
            return Err(AppError::conflict(Text::with(
                M::ErrPhaseStep,
                [current.as_str(), target.as_str()],
            ))
            .with_field("phase"));
        }
        if target == Phase::Judging {
            let missing = readiness(c, contest_id)?;
            if !missing.is_empty() {
                return Err(AppError::conflict(M::ErrCannotOpen)
                    .with_field("phase")
                    .with_details(missing));
            }
        }
        let updated = contests::move_phase(c, contest_id, current, target, db::now())?;
        if updated != 1 {
            return Err(AppError::conflict(Text::with(
                M::ErrPhaseStep,
                [current.as_str(), target.as_str()],
            )));
        }
        log(
            c,
            actor,
            contest_id,
            "contest.phase",
            &format!("contest:{contest_id}"),
            json!({"old": {"phase": current}, "new": {"phase": target}}),
        )?;
        Ok(PhaseOutcome::Moved(PhaseChange {
            id: contest_id,
            phase: target,
        }))
    })
}

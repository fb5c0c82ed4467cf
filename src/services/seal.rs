//! Finishing a stage: the committee's screening decisions, and sealing — the stage's results
//! become a snapshot with a digest chained to the previous stage's, and its shortlist becomes
//! the next stage's entries.

use super::results::actions::incomplete_detail;
use super::setup_common::log;
use super::stage_results::{self, StageResults};
use super::CurrentUser;
use crate::db::screenings::{self, ScreeningRow};
use crate::db::stages::{self, StageRow};
use crate::db::{self, contests, DbConnection};
use crate::domain::stage::chain_digest;
use crate::error::{AppError, AppResult, Detail};
use crate::i18n::results::ResultsMsg;
use crate::i18n::stages::StageMsg as M;
use crate::i18n::Text;
use crate::model::{ContestId, EntryId, Phase, StageId, StageKind, StagePhase};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// What sealing answers: the digest and who goes on, per cluster.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Sealed {
    pub stage_id: StageId,
    pub digest: String,
    pub shortlist: Vec<ClusterShortlist>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ClusterShortlist {
    pub cluster_id: String,
    pub entry_ids: Vec<String>,
}

/// Every reason the stage cannot be sealed yet; empty when it can.
pub fn seal_blockers(stage: &StageRow, results: &StageResults) -> Vec<Detail> {
    let mut reasons = Vec::new();
    if stage.phase != StagePhase::Closed {
        reasons.push(Detail {
            field: Some("phase".into()),
            message: Text::with(ResultsMsg::BlockNotClosed, [stage.phase]),
        });
    }
    for cluster in &results.clusters {
        let incomplete = cluster
            .standings
            .iter()
            .filter(|r| !r.complete)
            .map(|r| (&r.title, &r.missing_judges))
            .chain(
                cluster
                    .unscored
                    .iter()
                    .filter(|e| !e.missing_judges.is_empty())
                    .map(|e| (&e.title, &e.missing_judges)),
            );
        for (title, judges) in incomplete {
            let names: Vec<&str> = judges.iter().map(String::as_str).collect();
            reasons.push(incomplete_detail(&cluster.name, title, &names));
        }
        if !cluster.tie_at_cut.is_empty() {
            let titles: Vec<&str> = cluster
                .tie_at_cut
                .iter()
                .filter_map(|id| cluster.standings.iter().find(|r| &r.entry_id == id))
                .map(|r| r.title.as_str())
                .collect();
            reasons.push(Detail {
                field: Some("ties".into()),
                message: Text::with(
                    M::BlockTieAtCut,
                    [cluster.name.as_str(), &titles.join("; ")],
                ),
            });
        }
        for r in cluster.screening.iter().filter(|r| r.eligible.is_none()) {
            reasons.push(Detail {
                field: Some("screening".into()),
                message: Text::with(M::BlockNotScreened, [cluster.name.as_str(), &r.title]),
            });
        }
    }
    reasons
}

/// Seals the contest's current stage once it is closed and complete: refuses (409 listing
/// every reason) otherwise. The stage's results are stored as its snapshot with a SHA-256
/// digest over the previous stage's digest and the snapshot; the shortlist becomes the next
/// stage's entries, and the contest returns to setup for that stage.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, stage_id = %stage_id, actor = %actor.id))]
pub fn seal(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    stage_id: StageId,
) -> AppResult<Sealed> {
    let gate = super::gate::gate_before_writing(conn, contest_id)?;
    db::write_tx(conn, |c| {
        contests::find(c, contest_id)?;
        let stage = stages::find(c, contest_id, stage_id)?;
        let current = stages::current(c, contest_id)?;
        if stage.phase == StagePhase::Sealed || current.id != stage.id {
            return Err(AppError::conflict(Text::with(
                M::ErrSealNotCurrent,
                [current.declaration.name],
            ))
            .with_field("stage_id"));
        }
        let next = stages::list(c, contest_id)?
            .into_iter()
            .find(|s| s.position == stage.position + 1)
            .ok_or_else(|| AppError::conflict(M::ErrSealLast).with_field("stage_id"))?;
        let results = stage_results::compute(c, &stage)?;
        let mut reasons = seal_blockers(&stage, &results);
        if reasons.is_empty() {
            reasons = gate;
        }
        if !reasons.is_empty() {
            return Err(AppError::conflict(M::ErrCannotSeal).with_details(reasons));
        }
        let snapshot = serde_json::to_string(&results).map_err(AppError::internal)?;
        let digest = chain_digest(results.previous_digest.as_deref(), snapshot.as_bytes());
        let now = db::now();
        if stages::seal(c, stage.id, &digest, &snapshot, now)? != 1 {
            return Err(AppError::conflict(M::ErrCannotSeal));
        }
        let shortlisted = results.shortlisted();
        stages::set_entries(c, next.id, &shortlisted)?;
        // Assignments made to the next stage before it had entries (say, before a screening
        // was inserted in front of it) keep only the entries that reached it.
        crate::db::assignments::delete_outside(c, next.id, &shortlisted)?;
        // The contest goes back to setup, for the next stage's assignments.
        contests::move_phase(c, contest_id, Phase::Closed, Phase::Setup, now)?;
        let shortlist: Vec<ClusterShortlist> = results
            .clusters
            .iter()
            .map(|cl| ClusterShortlist {
                cluster_id: cl.cluster_id.clone(),
                entry_ids: cl.shortlist.clone(),
            })
            .collect();
        log(
            c,
            actor,
            contest_id,
            "stage.sealed",
            &format!("stage:{}", stage.id),
            json!({"new": {"digest": digest, "previous_digest": results.previous_digest,
                           "shortlist": shortlist.iter().map(|s| json!({"cluster_id": s.cluster_id, "count": s.entry_ids.len()})).collect::<Vec<_>>()}}),
        )?;
        Ok(Sealed {
            stage_id: stage.id,
            digest,
            shortlist,
        })
    })
}

/// A screening decision as sent.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct ScreeningInput {
    #[schema(required = true)]
    pub eligible: Option<bool>,
    /// The checklist items the entry fails (required, or a note, when not eligible).
    #[serde(default)]
    pub failed: Vec<String>,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub note: String,
}

/// A recorded screening decision (also the API's answer).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Screening {
    pub stage_id: StageId,
    pub entry_id: EntryId,
    pub eligible: bool,
    pub failed: Vec<String>,
    pub note: String,
}

/// Records the committee's screening decision on one entry of a screening stage while it is
/// open; a refusal names the failed checklist items or carries a note. Audited, with the
/// decision it replaces.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, stage_id = %stage_id, entry_id = %entry_id, actor = %actor.id))]
pub fn screen(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    stage_id: StageId,
    entry_id: EntryId,
    input: ScreeningInput,
) -> AppResult<Screening> {
    let eligible = input
        .eligible
        .ok_or_else(|| AppError::invalid("eligible", crate::i18n::Msg::ErrRequired))?;
    let note = super::setup_common::field_text(&input.note, "note", false, 2000)?;
    db::write_tx(conn, |c| {
        contests::find(c, contest_id)?;
        let stage = stages::find(c, contest_id, stage_id)?;
        if stage.declaration.kind != StageKind::Screening {
            return Err(AppError::conflict(M::ErrNotScreening).with_field("stage_id"));
        }
        if stage.phase != StagePhase::Judging {
            return Err(
                AppError::conflict(Text::with(M::ErrScreeningPhase, [stage.phase]))
                    .with_field("phase"),
            );
        }
        crate::db::entries::find(c, contest_id, entry_id)?;
        if stages::later_entries(c, &stage)?.is_some_and(|ids| !ids.contains(&entry_id)) {
            return Err(AppError::invalid("entry_id", M::ErrEntryNotInStage));
        }
        let checklist: Vec<String> =
            serde_json::from_str(&stage.declaration.checklist).unwrap_or_default();
        let failed: Vec<String> = if eligible {
            Vec::new()
        } else {
            let mut failed = Vec::new();
            for item in &input.failed {
                let item = item.trim();
                if !checklist.iter().any(|c| c == item) {
                    return Err(AppError::invalid(
                        "failed",
                        Text::with(M::ErrFailedUnknown, [item]),
                    ));
                }
                if !failed.iter().any(|f| f == item) {
                    failed.push(item.to_string());
                }
            }
            if failed.is_empty() && note.is_empty() {
                return Err(AppError::invalid("failed", M::ErrRefusalWithoutReason));
            }
            failed
        };
        let old = screenings::find(c, stage.id, entry_id)?.map(|o| {
            json!({"eligible": o.eligible, "failed": serde_json::from_str::<Vec<String>>(&o.failed).unwrap_or_default(), "note": o.note})
        });
        screenings::put(
            c,
            &ScreeningRow {
                stage_id: stage.id,
                entry_id,
                eligible,
                failed: serde_json::to_string(&failed).map_err(AppError::internal)?,
                note: note.clone(),
                decided_by: Some(actor.id),
                decided_at: db::now(),
            },
        )?;
        let body = Screening {
            stage_id: stage.id,
            entry_id,
            eligible,
            failed,
            note,
        };
        log(
            c,
            actor,
            contest_id,
            "stage.screening",
            &format!("entry:{entry_id}"),
            json!({"old": old, "new": body}),
        )?;
        Ok(body)
    })
}

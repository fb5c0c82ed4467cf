//! What the committee does with results: waive an absent judge's sheet, record the order of a
//! tie in the prize zone, and publish. Each is audited; publishing freezes a snapshot whose
//! digest anyone can recompute from the exported recap.

use super::{compute, recap, Snapshot};
use crate::db::audit;
use crate::db::{self, assignments, contests, decisions, sheets, DbConnection};
use crate::domain::phase::{allows, Action};
use crate::domain::validate;
use crate::error::{AppError, AppResult, Detail};
use crate::i18n::results::ResultsMsg;
use crate::i18n::Text;
use crate::model::{
    ClusterId, ContestId, EntryId, JudgeId, Phase, SheetStatus, TieResolutionId, WaiverId,
};
use crate::services::CurrentUser;

fn check_contest_phase(contest: &crate::db::contests::ContestRow, action: Action) -> AppResult<()> {
    if allows(contest.phase, action) {
        Ok(())
    } else {
        Err(AppError::conflict(Text::with(
            ResultsMsg::ErrWrongPhase,
            [contest.phase],
        )))
    }
}

/// Excuses `judge_id`'s missing sheet for `entry_id`: the entry then counts as complete with the
/// sheets it has. Only for an assigned judge who has not submitted.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, entry_id = %entry_id, judge_id = %judge_id, actor = %actor.id))]
pub fn waive(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    entry_id: EntryId,
    judge_id: JudgeId,
    reason: &str,
) -> AppResult<decisions::Waiver> {
    let reason = validate::text(reason, true, 2000).map_err(|m| AppError::invalid("reason", m))?;
    db::write_tx(conn, |c| {
        let contest = contests::find(c, contest_id)?;
        check_contest_phase(&contest, Action::Waive)?;
        let stage = db::stages::current(c, contest_id)?;
        if !assignments::exists(c, stage.id, judge_id, entry_id)? {
            return Err(AppError::invalid(
                "judge_id",
                ResultsMsg::ErrWaiverNotAssigned,
            ));
        }
        let sheet = sheets::find(c, stage.id, entry_id, judge_id)?;
        if sheet.is_some_and(|s| s.status == SheetStatus::Submitted) {
            return Err(AppError::conflict(ResultsMsg::ErrWaiverSubmitted).with_field("judge_id"));
        }
        if decisions::waived(c, stage.id, entry_id, judge_id)? {
            return Err(AppError::conflict(ResultsMsg::ErrWaiverExists).with_field("judge_id"));
        }
        let id = WaiverId::new();
        let now = db::now();
        decisions::insert_waiver(
            c,
            &decisions::NewWaiver {
                id,
                contest_id,
                stage_id: stage.id,
                entry_id,
                judge_id,
                reason: &reason,
                created_by: Some(actor.id),
                created_at: now,
            },
        )?;
        let body = decisions::Waiver {
            id,
            entry_id,
            judge_id,
            reason,
            created_by: actor.id,
            created_at: now,
        };
        audit::record(
            c,
            audit::Record {
                contest_id: Some(contest_id),
                actor_id: Some(actor.id),
                action: "results.waiver",
                target: &format!("entry:{entry_id}"),
                detail: serde_json::json!({"new": body}),
            },
        )?;
        Ok(body)
    })
}

/// Records the committee's order for entries tied in the prize zone of a cluster. The order
/// must list exactly the entries of one unresolved tie: in the last stage a tie in the prize
/// zone, in an earlier stage a tie at its cut declared `ties: resolve`.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, cluster_id = %cluster_id, actor = %actor.id))]
pub fn resolve_tie(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    cluster_id: ClusterId,
    order: &[EntryId],
    reason: &str,
) -> AppResult<decisions::TieResolution> {
    let reason = validate::text(reason, true, 2000).map_err(|m| AppError::invalid("reason", m))?;
    db::write_tx(conn, |c| {
        let stage = db::stages::current(c, contest_id)?;
        let data = super::load(c, &stage)?;
        check_contest_phase(&data.contest, Action::ResolveTie)?;
        let ties: Vec<Vec<String>> = if data.last_stage {
            compute(&data)?
                .clusters
                .into_iter()
                .find(|cl| cl.id == cluster_id.to_string())
                .ok_or_else(AppError::not_found)?
                .unresolved_ties
        } else {
            let cut = crate::services::stage_results::compute(c, &stage)?
                .clusters
                .into_iter()
                .find(|cl| cl.cluster_id == cluster_id.to_string())
                .ok_or_else(AppError::not_found)?
                .tie_at_cut;
            vec![cut]
        };
        let wanted: std::collections::BTreeSet<String> =
            order.iter().map(EntryId::to_string).collect();
        if wanted.len() != order.len() {
            return Err(AppError::invalid("order", ResultsMsg::ErrOrderDuplicate));
        }
        let matches = ties.iter().any(|group| {
            group
                .iter()
                .cloned()
                .collect::<std::collections::BTreeSet<_>>()
                == wanted
        });
        if !matches {
            return Err(AppError::invalid("order", ResultsMsg::ErrOrderNotATie));
        }
        let id = TieResolutionId::new();
        let now = db::now();
        let order_json = serde_json::to_string(order).map_err(AppError::internal)?;
        decisions::insert_tie_resolution(
            c,
            &decisions::NewTieResolution {
                id,
                contest_id,
                stage_id: stage.id,
                cluster_id,
                entry_order: &order_json,
                reason: &reason,
                created_by: Some(actor.id),
                created_at: now,
            },
        )?;
        let body = decisions::TieResolution {
            id,
            cluster_id,
            order: order.to_vec(),
            reason,
            created_by: actor.id,
            created_at: now,
        };
        audit::record(
            c,
            audit::Record {
                contest_id: Some(contest_id),
                actor_id: Some(actor.id),
                action: "results.tie_resolution",
                target: &format!("cluster:{cluster_id}"),
                detail: serde_json::json!({"new": body}),
            },
        )?;
        Ok(body)
    })
}

/// The reason an entry keeps results from being published or a stage from being sealed: the
/// judges whose sheets are missing.
pub fn incomplete_detail(cluster: &str, title: &str, judges: &[&str]) -> Detail {
    Detail {
        field: Some("entries".into()),
        message: Text::with(
            ResultsMsg::BlockIncomplete,
            [cluster, title, &judges.join(", ")],
        ),
    }
}

/// Every reason the contest cannot be published yet; empty when it can.
pub fn publish_blockers(results: &super::ContestResults) -> Vec<Detail> {
    let mut reasons = Vec::new();
    if results.phase != Phase::Closed {
        reasons.push(Detail {
            field: Some("phase".into()),
            message: Text::with(ResultsMsg::BlockNotClosed, [results.phase]),
        });
    }
    for cluster in &results.clusters {
        let incomplete = cluster
            .ranking
            .iter()
            .filter(|r| !r.complete)
            .map(|r| (&r.title, &r.missing_judges))
            .chain(
                cluster
                    .unscored_entries
                    .iter()
                    .filter(|e| !e.missing_judges.is_empty())
                    .map(|e| (&e.title, &e.missing_judges)),
            );
        for (title, judges) in incomplete {
            let names: Vec<&str> = judges.iter().map(|j| j.name.as_str()).collect();
            reasons.push(incomplete_detail(&cluster.name, title, &names));
        }
        for group in &cluster.unresolved_ties {
            let titles: Vec<&str> = group
                .iter()
                .filter_map(|id| cluster.ranking.iter().find(|r| &r.entry_id == id))
                .map(|r| r.title.as_str())
                .collect();
            reasons.push(Detail {
                field: Some("ties".into()),
                message: Text::with(
                    ResultsMsg::BlockTie,
                    [cluster.name.as_str(), &titles.join("; ")],
                ),
            });
        }
    }
    reasons
}

/// Publishes: refuses (409 listing every reason) while the contest is not closed, an earlier
/// stage is not sealed, an entry is incomplete or a prize-zone tie is unresolved; otherwise
/// stores the snapshot and its digest and moves the contest to `published`, after which
/// nothing about it can change. The digest is the SHA-256 of the recap followed by the
/// manifest of the winners' documents (empty when they have none); after sealed stages,
/// SHA-256 over the last sealed stage's digest, a line feed, the recap and the manifest.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, actor = %actor.id))]
pub fn publish(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
) -> AppResult<super::ContestResults> {
    let gate = crate::services::gate::gate_before_writing(conn, contest_id)?;
    db::write_tx(conn, |c| {
        let stage = db::stages::current(c, contest_id)?;
        let data = super::load(c, &stage)?;
        if data.contest.phase == Phase::Published {
            return Err(AppError::conflict(ResultsMsg::ErrAlreadyPublished));
        }
        let mut results = compute(&data)?;
        let mut reasons = publish_blockers(&results);
        if !data.last_stage {
            reasons.insert(
                0,
                Detail {
                    field: Some("stages".into()),
                    message: Text::with(
                        crate::i18n::stages::StageMsg::BlockStageNotSealed,
                        [stage.declaration.name.as_str()],
                    ),
                },
            );
        }
        if reasons.is_empty() {
            reasons = gate;
        }
        if !reasons.is_empty() {
            return Err(AppError::conflict(ResultsMsg::ErrCannotPublish).with_details(reasons));
        }
        let now = db::now();
        let recap_csv = recap::csv(&results, &data)?;
        let manifest_csv = super::manifest::csv(c, &results)?;
        let published = format!("{recap_csv}{manifest_csv}");
        // In a contest of several stages the publication continues the chain of the sealed
        // stages' digests: no earlier stage can change without the published digest changing.
        let digest = match db::stages::previous(c, &stage)?.and_then(|p| p.digest) {
            Some(previous) => {
                crate::domain::stage::chain_digest(Some(&previous), published.as_bytes())
            }
            None => recap::digest(&published),
        };
        results.phase = Phase::Published;
        results.provisional = false;
        results.digest = Some(digest.clone());
        results.contest.published_at = Some(now);
        let snapshot = Snapshot {
            results: results.clone(),
            recap_csv,
            manifest_csv,
        };
        let snapshot_json = serde_json::to_string(&snapshot).map_err(AppError::internal)?;
        let updated = contests::publish(c, contest_id, now, &digest, &snapshot_json)?;
        if updated != 1 {
            return Err(AppError::conflict(ResultsMsg::ErrAlreadyPublished));
        }
        audit::record(
            c,
            audit::Record {
                contest_id: Some(contest_id),
                actor_id: Some(actor.id),
                action: "contest.published",
                target: &format!("contest:{contest_id}"),
                detail: serde_json::json!({"old": {"phase": Phase::Closed}, "new": {"phase": Phase::Published, "digest": digest}}),
            },
        )?;
        Ok(results)
    })
}

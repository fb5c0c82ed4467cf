//! What the committee does with results: waive an absent judge's sheet, record the order of a
//! tie in the prize zone, and publish. Each is audited; publishing freezes a snapshot whose
//! digest anyone can recompute from the exported recap.

use super::{compute, recap, Snapshot};
use crate::db::audit;
use crate::db::results as rows;
use crate::db::schema::{assignments, contests, sheets, tie_resolutions, waivers};
use crate::db::{self, DbConnection};
use crate::domain::validate;
use crate::error::{AppError, AppResult, Detail};
use crate::i18n::results::ResultsMsg;
use crate::i18n::Text;
use crate::services::CurrentUser;
use diesel::prelude::*;
use uuid::Uuid;

fn check_contest_phase(contest: &rows::ContestRow, allowed: &[&str]) -> AppResult<()> {
    if allowed.contains(&contest.phase.as_str()) {
        Ok(())
    } else {
        Err(AppError::conflict(Text::with(
            ResultsMsg::ErrWrongPhase,
            [&contest.phase],
        )))
    }
}

/// Excuses `judge_id`'s missing sheet for `entry_id`: the entry then counts as complete with the
/// sheets it has. Only for an assigned judge who has not submitted.
pub fn waive(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: &str,
    entry_id: &str,
    judge_id: &str,
    reason: &str,
) -> AppResult<serde_json::Value> {
    let reason = validate::text(reason, true, 2000).map_err(|m| AppError::invalid("reason", m))?;
    db::write_tx(conn, |c| {
        let contest = rows::contest(c, contest_id)?;
        check_contest_phase(&contest, &["judging", "closed"])?;
        let assigned: i64 = assignments::table
            .filter(assignments::contest_id.eq(contest_id))
            .filter(assignments::entry_id.eq(entry_id))
            .filter(assignments::judge_id.eq(judge_id))
            .count()
            .get_result(c)?;
        if assigned == 0 {
            return Err(AppError::invalid(
                "judge_id",
                ResultsMsg::ErrWaiverNotAssigned,
            ));
        }
        let submitted: i64 = sheets::table
            .filter(sheets::entry_id.eq(entry_id))
            .filter(sheets::judge_id.eq(judge_id))
            .filter(sheets::status.eq("submitted"))
            .count()
            .get_result(c)?;
        if submitted > 0 {
            return Err(AppError::conflict(ResultsMsg::ErrWaiverSubmitted).with_field("judge_id"));
        }
        let existing: i64 = waivers::table
            .filter(waivers::entry_id.eq(entry_id))
            .filter(waivers::judge_id.eq(judge_id))
            .count()
            .get_result(c)?;
        if existing > 0 {
            return Err(AppError::conflict(ResultsMsg::ErrWaiverExists).with_field("judge_id"));
        }
        let id = db::new_id();
        let now = db::now();
        diesel::insert_into(waivers::table)
            .values((
                waivers::id.eq(&id),
                waivers::contest_id.eq(contest_id),
                waivers::entry_id.eq(entry_id),
                waivers::judge_id.eq(judge_id),
                waivers::reason.eq(&reason),
                waivers::created_by.eq(actor.id_str()),
                waivers::created_at.eq(now),
            ))
            .execute(c)?;
        let body = serde_json::json!({
            "id": id, "entry_id": entry_id, "judge_id": judge_id, "reason": reason,
            "created_by": actor.id_str(), "created_at": db::iso(now),
        });
        audit::record(
            c,
            audit::Record {
                contest_id: Some(contest_id),
                actor_id: Some(&actor.id_str()),
                action: "results.waiver",
                target: &format!("entry:{entry_id}"),
                detail: serde_json::json!({"new": body}),
            },
        )?;
        Ok(body)
    })
}

/// Records the committee's order for entries tied in the prize zone of a cluster. The order
/// must list exactly the entries of one unresolved tie.
pub fn resolve_tie(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: &str,
    cluster_id: &str,
    order: &[Uuid],
    reason: &str,
) -> AppResult<serde_json::Value> {
    let reason = validate::text(reason, true, 2000).map_err(|m| AppError::invalid("reason", m))?;
    db::write_tx(conn, |c| {
        let data = rows::load(c, contest_id)?;
        check_contest_phase(&data.contest, &["closed"])?;
        let results = compute(&data)?;
        let cluster = results
            .clusters
            .iter()
            .find(|cl| cl.id == cluster_id)
            .ok_or_else(AppError::not_found)?;
        let wanted: std::collections::BTreeSet<String> =
            order.iter().map(Uuid::to_string).collect();
        if wanted.len() != order.len() {
            return Err(AppError::invalid("order", ResultsMsg::ErrOrderDuplicate));
        }
        let matches = cluster.unresolved_ties.iter().any(|group| {
            group
                .iter()
                .cloned()
                .collect::<std::collections::BTreeSet<_>>()
                == wanted
        });
        if !matches {
            return Err(AppError::invalid("order", ResultsMsg::ErrOrderNotATie));
        }
        let id = db::new_id();
        let now = db::now();
        let order_json =
            serde_json::to_string(&wanted_in_order(order)).map_err(AppError::internal)?;
        diesel::insert_into(tie_resolutions::table)
            .values((
                tie_resolutions::id.eq(&id),
                tie_resolutions::contest_id.eq(contest_id),
                tie_resolutions::cluster_id.eq(cluster_id),
                tie_resolutions::entry_order.eq(&order_json),
                tie_resolutions::reason.eq(&reason),
                tie_resolutions::created_by.eq(actor.id_str()),
                tie_resolutions::created_at.eq(now),
            ))
            .execute(c)?;
        let body = serde_json::json!({
            "id": id, "cluster_id": cluster_id, "order": wanted_in_order(order), "reason": reason,
            "created_by": actor.id_str(), "created_at": db::iso(now),
        });
        audit::record(
            c,
            audit::Record {
                contest_id: Some(contest_id),
                actor_id: Some(&actor.id_str()),
                action: "results.tie_resolution",
                target: &format!("cluster:{cluster_id}"),
                detail: serde_json::json!({"new": body}),
            },
        )?;
        Ok(body)
    })
}

fn wanted_in_order(order: &[Uuid]) -> Vec<String> {
    order.iter().map(Uuid::to_string).collect()
}

/// Every reason the contest cannot be published yet; empty when it can.
pub fn publish_blockers(results: &super::ContestResults) -> Vec<Detail> {
    let mut reasons = Vec::new();
    if results.phase != "closed" {
        reasons.push(Detail {
            field: Some("phase".into()),
            message: Text::with(ResultsMsg::BlockNotClosed, [&results.phase]),
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
            reasons.push(Detail {
                field: Some("entries".into()),
                message: Text::with(
                    ResultsMsg::BlockIncomplete,
                    [cluster.name.as_str(), title.as_str(), &names.join(", ")],
                ),
            });
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

/// Publishes: refuses (409 listing every reason) while the contest is not closed, an entry is
/// incomplete or a prize-zone tie is unresolved; otherwise stores the snapshot and its digest
/// and moves the contest to `published`, after which nothing about it can change.
pub fn publish(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: &str,
) -> AppResult<super::ContestResults> {
    db::write_tx(conn, |c| {
        let data = rows::load(c, contest_id)?;
        if data.contest.phase == "published" {
            return Err(AppError::conflict(ResultsMsg::ErrAlreadyPublished));
        }
        let mut results = compute(&data)?;
        let reasons = publish_blockers(&results);
        if !reasons.is_empty() {
            return Err(AppError::conflict(ResultsMsg::ErrCannotPublish).with_details(reasons));
        }
        let now = db::now();
        let recap_csv = recap::csv(&results, &data)?;
        let digest = recap::digest(&recap_csv);
        results.phase = "published".into();
        results.provisional = false;
        results.digest = Some(digest.clone());
        results.contest.published_at = Some(now);
        let snapshot = Snapshot {
            results: results.clone(),
            recap_csv,
        };
        let snapshot_json = serde_json::to_string(&snapshot).map_err(AppError::internal)?;
        let updated = diesel::update(
            contests::table
                .find(contest_id)
                .filter(contests::phase.eq("closed")),
        )
        .set((
            contests::phase.eq("published"),
            contests::published_at.eq(Some(now)),
            contests::result_digest.eq(Some(&digest)),
            contests::result_snapshot.eq(Some(&snapshot_json)),
            contests::updated_at.eq(now),
        ))
        .execute(c)?;
        if updated != 1 {
            return Err(AppError::conflict(ResultsMsg::ErrAlreadyPublished));
        }
        audit::record(
            c,
            audit::Record {
                contest_id: Some(contest_id),
                actor_id: Some(&actor.id_str()),
                action: "contest.published",
                target: &format!("contest:{contest_id}"),
                detail: serde_json::json!({"old": {"phase": "closed"}, "new": {"phase": "published", "digest": digest}}),
            },
        )?;
        Ok(results)
    })
}

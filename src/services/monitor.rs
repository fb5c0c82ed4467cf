//! The committee's view of judging in progress: progress per cluster and judge, what is still
//! missing, recusals, who to remind — and reassigning a recused entry.

use super::CurrentUser;
use crate::db::judging as q;
use crate::db::{
    self, assignments, audit, clusters, conflicts, entries, judges, sheets, DbConnection,
};
use crate::domain::assignment::check_manual;
use crate::domain::phase::{allows, Action};
use crate::error::{AppError, AppResult};
use crate::i18n::judging::JudgingMsg as M;
use crate::i18n::Text;
use crate::model::{ClusterId, ContestId, EntryId, JudgeId, Phase, SheetProgress, SheetStatus};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Debug, Default, Serialize, utoipa::ToSchema)]
pub struct Progress {
    pub assigned: usize,
    pub draft: usize,
    pub submitted: usize,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ClusterProgress {
    pub id: ClusterId,
    pub name: String,
    pub progress: Progress,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct JudgeProgress {
    pub id: JudgeId,
    pub name: String,
    pub email: String,
    pub progress: Progress,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct MissingEntry {
    pub entry_id: EntryId,
    pub title: String,
    pub cluster_name: String,
    /// (judge name, status) of each judge whose sheet is not submitted.
    #[schema(value_type = Vec<Vec<String>>)]
    pub waiting_for: Vec<(String, SheetProgress)>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Recusal {
    pub judge_id: JudgeId,
    pub judge_name: String,
    pub entry_id: EntryId,
    pub entry_title: String,
    pub cluster_id: ClusterId,
    pub reason: String,
    #[serde(with = "crate::db::utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: chrono::NaiveDateTime,
    /// How many judges the entry has now.
    pub judges_now: usize,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Monitor {
    pub contest_id: ContestId,
    pub phase: Phase,
    pub overall: Progress,
    pub clusters: Vec<ClusterProgress>,
    pub judges: Vec<JudgeProgress>,
    pub missing: Vec<MissingEntry>,
    pub recusals: Vec<Recusal>,
    /// "Name <email>" of every judge with sheets still to submit, one per line.
    pub remind: String,
    /// (judge id, name) of the contest's judges, for the reassign form.
    #[schema(value_type = Vec<Vec<String>>)]
    pub judge_choices: Vec<(JudgeId, String)>,
}

/// Judging in progress in the contest's current stage.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id))]
pub fn monitor(conn: &mut DbConnection, contest_id: ContestId) -> AppResult<Monitor> {
    let contest = crate::db::contests::find(conn, contest_id)?;
    let stage = db::stages::current(conn, contest_id)?;
    let cluster_rows = clusters::names(conn, contest_id)?;
    let entry_rows = entries::titles(conn, contest_id)?;
    let judges = judges::of_contest(conn, contest_id)?;
    let pairs = assignments::pairs(conn, stage.id)?;
    let status: HashMap<(JudgeId, EntryId), SheetStatus> =
        sheets::statuses_of_stage(conn, stage.id)?
            .into_iter()
            .map(|(e, j, s)| ((j, e), s))
            .collect();
    let cluster_of: HashMap<EntryId, ClusterId> =
        entry_rows.iter().map(|(e, c, _)| (*e, *c)).collect();
    let judge_name: HashMap<JudgeId, &str> = judges
        .iter()
        .map(|(id, n, _, _)| (*id, n.as_str()))
        .collect();

    let mut overall = Progress::default();
    let mut per_cluster: BTreeMap<Option<ClusterId>, Progress> = BTreeMap::new();
    let mut per_judge: BTreeMap<JudgeId, Progress> = BTreeMap::new();
    let mut waiting: BTreeMap<EntryId, Vec<(String, SheetProgress)>> = BTreeMap::new();
    for (judge, entry) in &pairs {
        let s = status
            .get(&(*judge, *entry))
            .map_or(SheetProgress::Pending, |s| (*s).into());
        for p in [
            &mut overall,
            per_cluster
                .entry(cluster_of.get(entry).copied())
                .or_default(),
            per_judge.entry(*judge).or_default(),
        ] {
            p.assigned += 1;
            match s {
                SheetProgress::Submitted => p.submitted += 1,
                SheetProgress::Draft => p.draft += 1,
                SheetProgress::Pending => {}
            }
        }
        if s != SheetProgress::Submitted {
            let name = judge_name
                .get(judge)
                .map_or_else(|| judge.to_string(), |n| n.to_string());
            waiting.entry(*entry).or_default().push((name, s));
        }
    }
    let cluster_name: HashMap<ClusterId, &str> = cluster_rows
        .iter()
        .map(|(id, n)| (*id, n.as_str()))
        .collect();
    let missing = entry_rows
        .iter()
        .filter_map(|(id, cluster, title)| {
            waiting.get(id).map(|w| MissingEntry {
                entry_id: *id,
                title: title.clone(),
                cluster_name: cluster_name.get(cluster).copied().unwrap_or("").to_string(),
                waiting_for: w.clone(),
            })
        })
        .collect();
    let recusal_rows = conflicts::recusals(conn, contest_id)?;
    let mut judges_per_entry: HashMap<EntryId, usize> = HashMap::new();
    for (_, e) in &pairs {
        *judges_per_entry.entry(*e).or_default() += 1;
    }
    let recusals = recusal_rows
        .into_iter()
        .map(|r| Recusal {
            judges_now: judges_per_entry.get(&r.entry_id).copied().unwrap_or(0),
            judge_id: r.judge_id,
            judge_name: r.judge_name,
            entry_id: r.entry_id,
            entry_title: r.entry_title,
            cluster_id: r.cluster_id,
            reason: r.reason,
            created_at: r.created_at,
        })
        .collect();
    let judge_progress: Vec<JudgeProgress> = judges
        .iter()
        .map(|(id, name, email, _)| JudgeProgress {
            id: *id,
            name: name.clone(),
            email: email.clone(),
            progress: per_judge.get(id).cloned().unwrap_or_default(),
        })
        .collect();
    let remind = judge_progress
        .iter()
        .filter(|j| j.progress.submitted < j.progress.assigned)
        .map(|j| format!("{} <{}>", j.name, j.email))
        .collect::<Vec<_>>()
        .join("\n");
    Ok(Monitor {
        contest_id,
        phase: contest.phase,
        overall,
        clusters: cluster_rows
            .iter()
            .map(|(id, name)| ClusterProgress {
                id: *id,
                name: name.clone(),
                progress: per_cluster.get(&Some(*id)).cloned().unwrap_or_default(),
            })
            .collect(),
        judge_choices: judges
            .iter()
            .map(|(id, n, _, _)| (*id, n.clone()))
            .collect(),
        judges: judge_progress,
        missing,
        recusals,
        remind,
    })
}

/// Assigns `judge_id` to `entry_id` while judging runs — typically a recused entry — with the
/// same rules as any assignment (`domain::assignment::check_manual`): the judge belongs to the
/// contest and may judge the entry's cluster, and has no conflict of interest with it.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, entry_id = %entry_id, judge_id = %judge_id, actor = %actor.id))]
pub fn reassign(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    entry_id: EntryId,
    judge_id: JudgeId,
) -> AppResult<assignments::Assignment> {
    db::write_tx(conn, |c| {
        let entry = q::entry(c, contest_id, entry_id)?.ok_or_else(AppError::not_found)?;
        if !allows(entry.phase, Action::EditSetup) && !allows(entry.phase, Action::Reassign) {
            return Err(AppError::conflict(Text::with(
                M::ErrJudgingClosed,
                [entry.phase],
            )));
        }
        let stage = db::stages::current(c, contest_id)?;
        let pool = super::judges::pool(c, &stage)?;
        check_manual(&pool, judge_id.0, entry_id.0).map_err(super::judges::refusal_error)?;
        let now = db::now();
        let id = assignments::insert(c, stage.key(), judge_id, entry_id, now)?;
        let body = assignments::Assignment {
            id,
            contest_id,
            stage_id: stage.id,
            judge_id,
            entry_id,
            created_at: now,
        };
        audit::record(
            c,
            audit::Record {
                contest_id: Some(contest_id),
                actor_id: Some(actor.id),
                action: "assignment.created",
                target: &format!("entry:{entry_id}"),
                detail: serde_json::json!({"new": body}),
            },
        )?;
        Ok(body)
    })
}

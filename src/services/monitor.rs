//! The committee's view of judging in progress: progress per cluster and judge, what is still
//! missing, recusals, who to remind — and reassigning a recused entry.

use super::CurrentUser;
use crate::db::judging as q;
use crate::db::schema::{assignments, clusters, conflicts, entries, users};
use crate::db::{self, audit, sheets, DbConnection};
use crate::domain::conflict::same_unit;
use crate::error::{AppError, AppResult};
use crate::i18n::judging::JudgingMsg as M;
use crate::i18n::Text;
use diesel::prelude::*;
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
    pub id: String,
    pub name: String,
    pub progress: Progress,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct JudgeProgress {
    pub id: String,
    pub name: String,
    pub email: String,
    pub progress: Progress,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct MissingEntry {
    pub entry_id: String,
    pub title: String,
    pub cluster_name: String,
    /// (judge name, status) of each judge whose sheet is not submitted.
    #[schema(value_type = Vec<Vec<String>>)]
    pub waiting_for: Vec<(String, String)>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Recusal {
    pub judge_id: String,
    pub judge_name: String,
    pub entry_id: String,
    pub entry_title: String,
    pub cluster_id: String,
    pub reason: String,
    #[serde(with = "crate::db::utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: chrono::NaiveDateTime,
    /// How many judges the entry has now.
    pub judges_now: usize,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Monitor {
    pub contest_id: String,
    pub phase: String,
    pub overall: Progress,
    pub clusters: Vec<ClusterProgress>,
    pub judges: Vec<JudgeProgress>,
    pub missing: Vec<MissingEntry>,
    pub recusals: Vec<Recusal>,
    /// "Name <email>" of every judge with sheets still to submit, one per line.
    pub remind: String,
    /// (judge id, name) of the contest's judges, for the reassign form.
    #[schema(value_type = Vec<Vec<String>>)]
    pub judge_choices: Vec<(String, String)>,
}

pub fn monitor(conn: &mut DbConnection, contest_id: &str) -> AppResult<Monitor> {
    let contest = crate::db::results::contest(conn, contest_id)?;
    let cluster_rows: Vec<(String, String)> = clusters::table
        .filter(clusters::contest_id.eq(contest_id))
        .order((clusters::position.asc(), clusters::name.asc()))
        .select((clusters::id, clusters::name))
        .load(conn)?;
    let entry_rows: Vec<(String, String, String)> = entries::table
        .filter(entries::contest_id.eq(contest_id))
        .order((entries::title.asc(), entries::id.asc()))
        .select((entries::id, entries::cluster_id, entries::title))
        .load(conn)?;
    let judges = q::contest_judges(conn, contest_id)?;
    let pairs = q::contest_assignments(conn, contest_id)?;
    let status: HashMap<(String, String), String> = sheets::statuses_of_contest(conn, contest_id)?
        .into_iter()
        .map(|(e, j, s)| ((j, e), s))
        .collect();
    let cluster_of: HashMap<&str, &str> = entry_rows
        .iter()
        .map(|(e, c, _)| (e.as_str(), c.as_str()))
        .collect();
    let judge_name: HashMap<&str, &str> = judges
        .iter()
        .map(|(id, n, _, _)| (id.as_str(), n.as_str()))
        .collect();

    let mut overall = Progress::default();
    let mut per_cluster: BTreeMap<&str, Progress> = BTreeMap::new();
    let mut per_judge: BTreeMap<&str, Progress> = BTreeMap::new();
    let mut waiting: BTreeMap<&str, Vec<(String, String)>> = BTreeMap::new();
    for (judge, entry) in &pairs {
        let s = status
            .get(&(judge.clone(), entry.clone()))
            .map(String::as_str)
            .unwrap_or("pending");
        for p in [
            &mut overall,
            per_cluster
                .entry(cluster_of.get(entry.as_str()).copied().unwrap_or(""))
                .or_default(),
            per_judge.entry(judge.as_str()).or_default(),
        ] {
            p.assigned += 1;
            match s {
                "submitted" => p.submitted += 1,
                "draft" => p.draft += 1,
                _ => {}
            }
        }
        if s != "submitted" {
            let name = judge_name
                .get(judge.as_str())
                .copied()
                .unwrap_or(judge)
                .to_string();
            waiting
                .entry(entry.as_str())
                .or_default()
                .push((name, s.to_string()));
        }
    }
    let cluster_name: HashMap<&str, &str> = cluster_rows
        .iter()
        .map(|(id, n)| (id.as_str(), n.as_str()))
        .collect();
    let missing = entry_rows
        .iter()
        .filter_map(|(id, cluster, title)| {
            waiting.get(id.as_str()).map(|w| MissingEntry {
                entry_id: id.clone(),
                title: title.clone(),
                cluster_name: cluster_name
                    .get(cluster.as_str())
                    .copied()
                    .unwrap_or("")
                    .to_string(),
                waiting_for: w.clone(),
            })
        })
        .collect();
    let recusal_rows: Vec<(
        String,
        String,
        String,
        String,
        chrono::NaiveDateTime,
        String,
        String,
    )> = conflicts::table
        .inner_join(entries::table)
        .inner_join(users::table.on(users::id.eq(conflicts::judge_id)))
        .filter(conflicts::contest_id.eq(contest_id))
        .filter(conflicts::source.eq("recusal"))
        .order(conflicts::created_at.asc())
        .select((
            conflicts::judge_id,
            users::name,
            conflicts::entry_id,
            entries::title,
            conflicts::created_at,
            conflicts::reason,
            entries::cluster_id,
        ))
        .load(conn)?;
    let mut judges_per_entry: HashMap<&str, usize> = HashMap::new();
    for (_, e) in &pairs {
        *judges_per_entry.entry(e.as_str()).or_default() += 1;
    }
    let recusals = recusal_rows
        .into_iter()
        .map(
            |(judge_id, judge_name, entry_id, entry_title, created_at, reason, cluster_id)| {
                Recusal {
                    judges_now: judges_per_entry
                        .get(entry_id.as_str())
                        .copied()
                        .unwrap_or(0),
                    judge_id,
                    judge_name,
                    entry_id,
                    entry_title,
                    cluster_id,
                    reason,
                    created_at,
                }
            },
        )
        .collect();
    let judge_progress: Vec<JudgeProgress> = judges
        .iter()
        .map(|(id, name, email, _)| JudgeProgress {
            id: id.clone(),
            name: name.clone(),
            email: email.clone(),
            progress: per_judge.get(id.as_str()).cloned().unwrap_or_default(),
        })
        .collect();
    let remind = judge_progress
        .iter()
        .filter(|j| j.progress.submitted < j.progress.assigned)
        .map(|j| format!("{} <{}>", j.name, j.email))
        .collect::<Vec<_>>()
        .join("\n");
    Ok(Monitor {
        contest_id: contest_id.to_string(),
        phase: contest.phase,
        overall,
        clusters: cluster_rows
            .iter()
            .map(|(id, name)| ClusterProgress {
                id: id.clone(),
                name: name.clone(),
                progress: per_cluster.get(id.as_str()).cloned().unwrap_or_default(),
            })
            .collect(),
        judge_choices: judges
            .iter()
            .map(|(id, n, _, _)| (id.clone(), n.clone()))
            .collect(),
        judges: judge_progress,
        missing,
        recusals,
        remind,
    })
}

/// Assigns `judge_id` to `entry_id` during setup or judging — typically a recused entry —
/// with the same checks as any assignment: the judge belongs to the contest and its cluster,
/// and has no conflict of interest with the entry.
pub fn reassign(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: &str,
    entry_id: &str,
    judge_id: &str,
) -> AppResult<serde_json::Value> {
    db::write_tx(conn, |c| {
        let entry = q::entry(c, contest_id, entry_id)?.ok_or_else(AppError::not_found)?;
        if entry.phase != "setup" && entry.phase != "judging" {
            return Err(AppError::conflict(Text::with(
                M::ErrJudgingClosed,
                [&entry.phase],
            )));
        }
        let judge = q::contest_judges(c, contest_id)?
            .into_iter()
            .find(|(id, _, _, _)| id == judge_id)
            .ok_or_else(|| AppError::invalid("judge_id", M::ErrJudgeNotInContest))?;
        let limits = q::judge_cluster_limits(c, contest_id, judge_id)?;
        if !limits.is_empty() && !limits.contains(&entry.cluster_id) {
            return Err(AppError::conflict(M::ErrClusterNotAllowed).with_field("judge_id"));
        }
        if same_unit(&judge.3, &entry.unit) {
            return Err(AppError::conflict(M::ErrConflictUnit).with_field("judge_id"));
        }
        let declared: Option<String> = conflicts::table
            .filter(conflicts::judge_id.eq(judge_id))
            .filter(conflicts::entry_id.eq(entry_id))
            .select(conflicts::reason)
            .first(c)
            .optional()?;
        if let Some(reason) = declared {
            return Err(
                AppError::conflict(Text::with(M::ErrConflictDeclared, [reason]))
                    .with_field("judge_id"),
            );
        }
        if q::assignment_id(c, entry_id, judge_id)?.is_some() {
            return Err(AppError::conflict(M::ErrAlreadyAssigned).with_field("judge_id"));
        }
        let id = db::new_id();
        let now = db::now();
        diesel::insert_into(assignments::table)
            .values((
                assignments::id.eq(&id),
                assignments::contest_id.eq(contest_id),
                assignments::judge_id.eq(judge_id),
                assignments::entry_id.eq(entry_id),
                assignments::created_at.eq(now),
            ))
            .execute(c)?;
        let body = serde_json::json!({"id": id, "judge_id": judge_id, "entry_id": entry_id, "contest_id": contest_id, "created_at": db::iso(now)});
        audit::record(
            c,
            audit::Record {
                contest_id: Some(contest_id),
                actor_id: Some(&actor.id_str()),
                action: "assignment.created",
                target: &format!("entry:{entry_id}"),
                detail: serde_json::json!({"new": body}),
            },
        )?;
        Ok(body)
    })
}

//! Judges of a contest, declared conflicts of interest, and assignments (manual, automatic,
//! panel), all checked by `domain::assignment`.

use super::setup_common::{assignable_stage, field_text, log, stage_of};
use super::users::{self, NewAccount};
use super::CurrentUser;
use crate::db::stages::StageRow;
use crate::db::{self, assignments, clusters, conflicts, entries, judges, DbConnection};
use crate::domain::assignment::{self as plan, EntrySpec, JudgeSpec, Pool, Refusal};
use crate::error::{AppError, AppResult};
use crate::i18n::setup::SetupMsg as M;
use crate::model::{
    AssignmentId, ClusterId, ConflictId, ConflictSource, ContestId, EntryId, JudgeId, Role,
    StageId, UserId,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Judge {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub affiliation: String,
    /// `null`: every cluster.
    pub cluster_ids: Option<Vec<ClusterId>>,
}

#[derive(Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct NewJudge {
    #[schema(required = true, min_length = 1, max_length = 200, pattern = r"\S")]
    #[serde(default)]
    pub name: String,
    #[schema(
        required = true,
        min_length = 3,
        max_length = 254,
        pattern = r"^[^@\s]+@([^@\s.][^@\s]*\.[^@\s]*[^@\s.]|localhost)$"
    )]
    #[serde(default)]
    pub email: String,
    #[schema(required = true, min_length = 8, max_length = 256)]
    #[serde(default)]
    pub password: String,
    #[schema(max_length = 300)]
    #[serde(default)]
    pub affiliation: String,
    pub cluster_ids: Option<Vec<String>>,
}

/// Written out so that the password never appears in a debug print.
impl std::fmt::Debug for NewJudge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewJudge")
            .field("name", &self.name)
            .field("email", &self.email)
            .field("affiliation", &self.affiliation)
            .field("cluster_ids", &self.cluster_ids)
            .field("password", &"…")
            .finish()
    }
}

pub fn list(c: &mut DbConnection, contest_id: ContestId) -> AppResult<Vec<Judge>> {
    crate::db::contests::find(c, contest_id)?;
    let rows = judges::of_contest(c, contest_id)?;
    let limits = judges::limits(c, contest_id)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, email, affiliation)| {
            let mine: Vec<ClusterId> = limits
                .iter()
                .filter(|(u, _)| *u == id)
                .map(|(_, cl)| *cl)
                .collect();
            Judge {
                cluster_ids: (!mine.is_empty()).then_some(mine),
                id,
                name,
                email,
                affiliation,
            }
        })
        .collect())
}

/// Creates the judge's account (or attaches an existing judge account) to the contest.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, actor = %actor.id))]
pub fn add(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    input: NewJudge,
) -> AppResult<Judge> {
    let account = users::check_new(&NewAccount {
        email: input.email.clone(),
        name: input.name.clone(),
        role: Role::Judge,
        affiliation: input.affiliation.clone(),
        password: input.password.clone(),
    });
    // An existing judge may be attached without a password; check that case before failing.
    let email =
        crate::domain::validate::email(&input.email).map_err(|m| AppError::invalid("email", m))?;
    let hash = match &account {
        Ok(a) => Some(crate::services::auth::hash_password(&a.password)?),
        Err(_) => None,
    };
    db::write_tx(conn, |c| {
        crate::db::contests::find(c, contest_id)?;
        let contest_clusters: Vec<ClusterId> = clusters::names(c, contest_id)?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        // Ids in the body are text: one that is malformed or not this contest's is unknown.
        let limits: Option<BTreeSet<ClusterId>> = input
            .cluster_ids
            .as_ref()
            .map(|ids| {
                ids.iter()
                    .map(|id| id.parse().ok().filter(|id| contest_clusters.contains(id)))
                    .collect::<Option<_>>()
                    .ok_or_else(|| AppError::invalid("cluster_ids", M::ErrUnknownCluster))
            })
            .transpose()?;
        let user_id = match crate::db::users::find_by_email(c, &email)? {
            Some(existing) if existing.role == Role::Judge => existing.id,
            Some(_) => return Err(AppError::conflict(M::ErrEmailOtherRole).with_field("email")),
            None => {
                let account = account.clone()?;
                let hash = hash
                    .clone()
                    .ok_or_else(|| AppError::internal("hash missing"))?;
                users::create_hashed(c, Some(actor), &account, &hash)?.id
            }
        };
        if judges::is_judge(c, contest_id, user_id)? {
            return Err(AppError::conflict(M::ErrAlreadyJudge).with_field("email"));
        }
        let limited: Vec<ClusterId> = limits.iter().flatten().copied().collect();
        judges::attach(c, contest_id, user_id, &limited, db::now())?;
        log(
            c,
            actor,
            contest_id,
            "judge.added",
            &format!("user:{user_id}"),
            json!({"new": {"email": email, "cluster_ids": input.cluster_ids}}),
        )?;
        list(c, contest_id)?
            .into_iter()
            .find(|j| j.id == user_id)
            .ok_or_else(AppError::not_found)
    })
}

/// Everything the assignment rules need for `stage`, read from the database: the contest's
/// judges, the stage's entries and assignments, the contest's declared conflicts.
pub fn pool(c: &mut DbConnection, stage: &StageRow) -> AppResult<Pool> {
    let contest_id = stage.contest_id;
    let judges = list(c, contest_id)?
        .into_iter()
        .map(|j| JudgeSpec {
            id: j.id.0,
            affiliation: j.affiliation,
            clusters: j.cluster_ids.map(|ids| ids.iter().map(|i| i.0).collect()),
        })
        .collect();
    let in_stage = db::stages::later_entries(c, stage)?;
    let entries = entries::units(c, contest_id)?
        .into_iter()
        .filter(|(id, _, _)| in_stage.as_ref().is_none_or(|s| s.contains(id)))
        .map(|(id, cl, unit)| EntrySpec {
            id: id.0,
            cluster_id: cl.0,
            unit,
        })
        .collect();
    let pairs = |rows: Vec<(JudgeId, EntryId)>| -> BTreeSet<(Uuid, Uuid)> {
        rows.iter().map(|(j, e)| (j.0, e.0)).collect()
    };
    let declared = pairs(conflicts::pairs(c, contest_id)?);
    let existing = pairs(assignments::pairs(c, stage.id)?);
    Ok(Pool {
        judges,
        entries,
        declared_conflicts: declared,
        existing,
    })
}

pub fn refusal_error(r: Refusal) -> AppError {
    match r {
        Refusal::UnknownJudge => AppError::invalid("judge_id", M::ErrUnknownJudge),
        Refusal::UnknownEntry => AppError::invalid("entry_id", M::ErrUnknownEntry),
        Refusal::AffiliationConflict => {
            AppError::conflict(M::ErrAffiliationConflict).with_field("judge_id")
        }
        Refusal::DeclaredConflict => {
            AppError::conflict(M::ErrDeclaredConflict).with_field("judge_id")
        }
        Refusal::ClusterNotAllowed => {
            AppError::conflict(M::ErrClusterNotAllowed).with_field("judge_id")
        }
        Refusal::AlreadyAssigned => {
            AppError::conflict(M::ErrAlreadyAssigned).with_field("judge_id")
        }
    }
}

pub use crate::db::assignments::Assignment;

/// The assignments of `stage` (`None`: the current stage).
pub fn assignments(
    c: &mut DbConnection,
    contest_id: ContestId,
    stage: Option<StageId>,
) -> AppResult<Vec<Assignment>> {
    let stage = stage_of(c, contest_id, stage)?;
    Ok(assignments::of_stage(c, stage.id)?)
}

/// One judge to one entry of `stage` (`None`: the current stage), refused with the reason when
/// the rules forbid it.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, entry_id = %entry_id, judge_id = %judge_id, actor = %actor.id))]
pub fn assign(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    stage: Option<StageId>,
    judge_id: JudgeId,
    entry_id: EntryId,
) -> AppResult<Assignment> {
    db::write_tx(conn, |c| {
        let stage = assignable_stage(c, contest_id, stage)?;
        let pool = pool(c, &stage)?;
        plan::check_manual(&pool, judge_id.0, entry_id.0).map_err(refusal_error)?;
        let id = assignments::insert(c, stage.key(), judge_id, entry_id, db::now())?;
        log(
            c,
            actor,
            contest_id,
            "assignment.created",
            &format!("entry:{entry_id}"),
            json!({"stage_id": stage.id, "new": {"judge_id": judge_id, "entry_id": entry_id}}),
        )?;
        assignments(c, contest_id, Some(stage.id))?
            .into_iter()
            .find(|a| a.id == id)
            .ok_or_else(AppError::not_found)
    })
}

/// One judge to one entry, whatever the contest's phase: in setup an assignment like any other,
/// while judging a reassignment (`monitor::reassign`, typically for a recused entry); refused
/// in the phases that allow neither.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, judge_id = %judge_id, entry_id = %entry_id, actor = %actor.id))]
pub fn assign_in_any_phase(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    judge_id: JudgeId,
    entry_id: EntryId,
) -> AppResult<Assignment> {
    let phase = crate::db::contests::find(conn, contest_id)?.phase;
    if crate::domain::phase::allows(phase, crate::domain::phase::Action::Reassign) {
        super::monitor::reassign(conn, actor, contest_id, entry_id, judge_id)
    } else {
        assign(conn, actor, contest_id, None, judge_id, entry_id)
    }
}

#[tracing::instrument(skip_all, fields(contest_id = %contest_id, assignment_id = %assignment_id, actor = %actor.id))]
pub fn unassign(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    assignment_id: AssignmentId,
) -> AppResult<()> {
    db::write_tx(conn, |c| {
        let stage = assignable_stage(c, contest_id, None)?;
        let a = assignments(c, contest_id, Some(stage.id))?
            .into_iter()
            .find(|a| a.id == assignment_id)
            .ok_or_else(AppError::not_found)?;
        assignments::delete(c, assignment_id)?;
        log(
            c,
            actor,
            contest_id,
            "assignment.deleted",
            &format!("entry:{}", a.entry_id),
            json!({"old": {"judge_id": a.judge_id, "entry_id": a.entry_id}}),
        )?;
        Ok(())
    })
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct AutoResult {
    pub created: usize,
    pub assignments: Vec<Assignment>,
    /// Entries that could not get the wanted number of judges.
    pub short: Vec<ShortEntry>,
    /// judge id → assignments after the plan.
    pub loads: BTreeMap<JudgeId, usize>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ShortEntry {
    pub entry_id: EntryId,
    pub assigned: usize,
    pub wanted: usize,
}

/// The mode of an automatic assignment from what was sent (422 on `judges_per_entry` when it
/// is neither 1 to 20 judges per entry nor the panel).
pub fn auto_mode(judges_per_entry: Option<i64>, panel: bool) -> AppResult<plan::AutoMode> {
    plan::AutoMode::from_request(judges_per_entry, panel)
        .ok_or_else(|| AppError::invalid("judges_per_entry", M::ErrAutoBody))
}

/// Assigns the entries of `stage` (`None`: the current stage) automatically: k judges per
/// entry, balanced, or the full panel.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, actor = %actor.id))]
pub fn auto(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    stage: Option<StageId>,
    mode: plan::AutoMode,
) -> AppResult<AutoResult> {
    db::write_tx(conn, |c| {
        let stage = assignable_stage(c, contest_id, stage)?;
        let pool = pool(c, &stage)?;
        let planned = match mode {
            plan::AutoMode::PerEntry(k) => plan::auto_assign(&pool, k),
            plan::AutoMode::Panel => plan::panel(&pool),
        };
        for (judge, entry) in &planned.new_assignments {
            assignments::insert(c, stage.key(), (*judge).into(), (*entry).into(), db::now())?;
        }
        let loads = plan::loads(&pool, &planned)
            .into_iter()
            .map(|(j, n)| (JudgeId::from(j), n))
            .collect();
        log(
            c,
            actor,
            contest_id,
            "assignment.auto",
            &format!("contest:{contest_id}"),
            json!({"stage_id": stage.id, "new": {"mode": match mode { plan::AutoMode::PerEntry(k) => format!("{k} per entry"), plan::AutoMode::Panel => "panel".to_string() }, "created": planned.new_assignments.len()}}),
        )?;
        Ok(AutoResult {
            created: planned.new_assignments.len(),
            assignments: assignments::of_stage(c, stage.id)?,
            short: planned
                .short
                .iter()
                .map(|s| ShortEntry {
                    entry_id: EntryId::from(s.entry_id),
                    assigned: s.assigned,
                    wanted: s.wanted,
                })
                .collect(),
            loads,
        })
    })
}

pub use crate::db::conflicts::Conflict;

pub fn conflicts(c: &mut DbConnection, contest_id: ContestId) -> AppResult<Vec<Conflict>> {
    crate::db::contests::find(c, contest_id)?;
    Ok(conflicts::of_contest(c, contest_id)?)
}

/// The committee declares a conflict; an existing assignment of the pair is removed.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, entry_id = %entry_id, judge_id = %judge_id, actor = %actor.id))]
pub fn declare_conflict(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    judge_id: JudgeId,
    entry_id: EntryId,
    reason: &str,
) -> AppResult<Conflict> {
    let reason = field_text(reason, "reason", true, 2000)?;
    db::write_tx(conn, |c| {
        // A conflict holds in every stage; it can be declared while the current one is in
        // setup (before a later stage's panel is assigned, say).
        let stage = assignable_stage(c, contest_id, None)?;
        let pool = pool(c, &stage)?;
        match plan::check_manual(&pool, judge_id.0, entry_id.0) {
            Err(r @ (Refusal::UnknownJudge | Refusal::UnknownEntry)) => {
                return Err(refusal_error(r))
            }
            Err(Refusal::DeclaredConflict) => return Err(AppError::conflict(M::ErrConflictExists)),
            _ => {}
        }
        let (j, e) = (judge_id, entry_id);
        assignments::delete_pair(c, stage.id, j, e)?;
        let id = ConflictId::new();
        conflicts::insert(
            c,
            &conflicts::NewConflict {
                id,
                contest_id,
                judge_id: j,
                entry_id: e,
                reason: &reason,
                source: ConflictSource::Committee,
                created_by: Some(actor.id),
                created_at: db::now(),
            },
        )?;
        log(
            c,
            actor,
            contest_id,
            "conflict.declared",
            &format!("entry:{e}"),
            json!({"new": {"judge_id": j, "entry_id": e, "reason": reason}}),
        )?;
        conflicts(c, contest_id)?
            .into_iter()
            .find(|x| x.id == id)
            .ok_or_else(AppError::not_found)
    })
}

/// Used by the phase check: titles of the stage's entries with no judge.
pub fn entries_without_judge(c: &mut DbConnection, stage: &StageRow) -> AppResult<Vec<String>> {
    let assigned: BTreeSet<EntryId> = assignments::pairs(c, stage.id)?
        .into_iter()
        .map(|(_, e)| e)
        .collect();
    let in_stage = db::stages::later_entries(c, stage)?;
    Ok(entries::titles(c, stage.contest_id)?
        .into_iter()
        .filter(|(id, _, _)| in_stage.as_ref().is_none_or(|s| s.contains(id)))
        .filter(|(id, _, _)| !assigned.contains(id))
        .map(|(_, _, t)| t)
        .collect())
}

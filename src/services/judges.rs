//! Judges of a contest, declared conflicts of interest, and assignments (manual, automatic,
//! panel), all checked by `domain::assignment`.

use super::setup_common::{field_text, in_setup, log};
use super::users::{self, NewAccount};
use super::CurrentUser;
use crate::db::schema::{
    assignments, clusters, conflicts, contest_judges, entries, judge_clusters, users as users_t,
};
use crate::db::{self, DbConnection};
use crate::domain::assignment::{self as plan, EntrySpec, JudgeSpec, Pool, Refusal};
use crate::error::{AppError, AppResult};
use crate::i18n::setup::SetupMsg as M;
use crate::model::{
    AssignmentId, ClusterId, ConflictId, ConflictSource, ContestId, EntryId, JudgeId, Role, UserId,
};
use diesel::prelude::*;
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

#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct NewJudge {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub affiliation: String,
    pub cluster_ids: Option<Vec<String>>,
}

pub fn list(c: &mut DbConnection, contest_id: ContestId) -> AppResult<Vec<Judge>> {
    crate::db::results::contest(c, contest_id)?;
    let rows: Vec<(UserId, String, String, String)> = contest_judges::table
        .inner_join(users_t::table)
        .filter(contest_judges::contest_id.eq(contest_id))
        .order((users_t::name.asc(), users_t::id.asc()))
        .select((
            users_t::id,
            users_t::name,
            users_t::email,
            users_t::affiliation,
        ))
        .load(c)?;
    let limits: Vec<(UserId, ClusterId)> = judge_clusters::table
        .filter(judge_clusters::contest_id.eq(contest_id))
        .select((judge_clusters::user_id, judge_clusters::cluster_id))
        .load(c)?;
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
        crate::db::results::contest(c, contest_id)?;
        let contest_clusters: Vec<ClusterId> = clusters::table
            .filter(clusters::contest_id.eq(contest_id))
            .select(clusters::id)
            .load(c)?;
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
        let already: i64 = contest_judges::table
            .filter(contest_judges::contest_id.eq(contest_id))
            .filter(contest_judges::user_id.eq(user_id))
            .count()
            .get_result(c)?;
        if already > 0 {
            return Err(AppError::conflict(M::ErrAlreadyJudge).with_field("email"));
        }
        diesel::insert_into(contest_judges::table)
            .values((
                contest_judges::contest_id.eq(contest_id),
                contest_judges::user_id.eq(user_id),
                contest_judges::created_at.eq(db::now()),
            ))
            .execute(c)?;
        for cl in limits.iter().flatten() {
            diesel::insert_into(judge_clusters::table)
                .values((
                    judge_clusters::contest_id.eq(contest_id),
                    judge_clusters::user_id.eq(user_id),
                    judge_clusters::cluster_id.eq(cl),
                ))
                .execute(c)?;
        }
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

/// Everything the assignment rules need, read from the database.
pub fn pool(c: &mut DbConnection, contest_id: ContestId) -> AppResult<Pool> {
    let judges = list(c, contest_id)?
        .into_iter()
        .map(|j| JudgeSpec {
            id: j.id.0,
            affiliation: j.affiliation,
            clusters: j.cluster_ids.map(|ids| ids.iter().map(|i| i.0).collect()),
        })
        .collect();
    let entry_rows: Vec<(EntryId, ClusterId, String)> = entries::table
        .filter(entries::contest_id.eq(contest_id))
        .select((entries::id, entries::cluster_id, entries::unit))
        .load(c)?;
    let entries = entry_rows
        .into_iter()
        .map(|(id, cl, unit)| EntrySpec {
            id: id.0,
            cluster_id: cl.0,
            unit,
        })
        .collect();
    let pairs = |rows: Vec<(JudgeId, EntryId)>| -> BTreeSet<(Uuid, Uuid)> {
        rows.iter().map(|(j, e)| (j.0, e.0)).collect()
    };
    let declared = pairs(
        conflicts::table
            .filter(conflicts::contest_id.eq(contest_id))
            .select((conflicts::judge_id, conflicts::entry_id))
            .load(c)?,
    );
    let existing = pairs(
        assignments::table
            .filter(assignments::contest_id.eq(contest_id))
            .select((assignments::judge_id, assignments::entry_id))
            .load(c)?,
    );
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

#[derive(Clone, Debug, Serialize, Queryable, utoipa::ToSchema)]
pub struct Assignment {
    pub id: AssignmentId,
    pub contest_id: ContestId,
    pub judge_id: JudgeId,
    pub entry_id: EntryId,
    #[serde(with = "crate::db::utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: chrono::NaiveDateTime,
}

pub fn assignments(c: &mut DbConnection, contest_id: ContestId) -> AppResult<Vec<Assignment>> {
    crate::db::results::contest(c, contest_id)?;
    Ok(assignments::table
        .filter(assignments::contest_id.eq(contest_id))
        .order((assignments::entry_id.asc(), assignments::judge_id.asc()))
        .select((
            assignments::id,
            assignments::contest_id,
            assignments::judge_id,
            assignments::entry_id,
            assignments::created_at,
        ))
        .load(c)?)
}

fn insert_assignment(
    c: &mut DbConnection,
    contest_id: ContestId,
    judge: JudgeId,
    entry: EntryId,
) -> AppResult<AssignmentId> {
    let id = AssignmentId::new();
    diesel::insert_into(assignments::table)
        .values((
            assignments::id.eq(id),
            assignments::contest_id.eq(contest_id),
            assignments::judge_id.eq(judge),
            assignments::entry_id.eq(entry),
            assignments::created_at.eq(db::now()),
        ))
        .execute(c)?;
    Ok(id)
}

/// One judge to one entry, refused with the reason when the rules forbid it.
pub fn assign(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    judge_id: JudgeId,
    entry_id: EntryId,
) -> AppResult<Assignment> {
    db::write_tx(conn, |c| {
        in_setup(c, contest_id)?;
        let pool = pool(c, contest_id)?;
        plan::check_manual(&pool, judge_id.0, entry_id.0).map_err(refusal_error)?;
        let id = insert_assignment(c, contest_id, judge_id, entry_id)?;
        log(
            c,
            actor,
            contest_id,
            "assignment.created",
            &format!("entry:{entry_id}"),
            json!({"new": {"judge_id": judge_id, "entry_id": entry_id}}),
        )?;
        assignments(c, contest_id)?
            .into_iter()
            .find(|a| a.id == id)
            .ok_or_else(AppError::not_found)
    })
}

pub fn unassign(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    assignment_id: AssignmentId,
) -> AppResult<()> {
    db::write_tx(conn, |c| {
        in_setup(c, contest_id)?;
        let a = assignments(c, contest_id)?
            .into_iter()
            .find(|a| a.id == assignment_id)
            .ok_or_else(AppError::not_found)?;
        diesel::delete(assignments::table.find(assignment_id)).execute(c)?;
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

/// `Some(k)`: k judges per entry, balanced; `None`: the full panel.
pub fn auto(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    k: Option<usize>,
) -> AppResult<AutoResult> {
    db::write_tx(conn, |c| {
        in_setup(c, contest_id)?;
        let pool = pool(c, contest_id)?;
        let planned = match k {
            Some(k) => plan::auto_assign(&pool, k),
            None => plan::panel(&pool),
        };
        for (judge, entry) in &planned.new_assignments {
            insert_assignment(c, contest_id, JudgeId::from(*judge), EntryId::from(*entry))?;
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
            json!({"new": {"mode": k.map_or("panel".to_string(), |k| format!("{k} per entry")), "created": planned.new_assignments.len()}}),
        )?;
        Ok(AutoResult {
            created: planned.new_assignments.len(),
            assignments: assignments(c, contest_id)?,
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

#[derive(Clone, Debug, Serialize, Queryable, utoipa::ToSchema)]
pub struct Conflict {
    pub id: ConflictId,
    pub judge_id: JudgeId,
    pub entry_id: EntryId,
    pub reason: String,
    pub source: ConflictSource,
    #[serde(with = "crate::db::utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: chrono::NaiveDateTime,
}

pub fn conflicts(c: &mut DbConnection, contest_id: ContestId) -> AppResult<Vec<Conflict>> {
    crate::db::results::contest(c, contest_id)?;
    Ok(conflicts::table
        .filter(conflicts::contest_id.eq(contest_id))
        .order(conflicts::created_at.asc())
        .select((
            conflicts::id,
            conflicts::judge_id,
            conflicts::entry_id,
            conflicts::reason,
            conflicts::source,
            conflicts::created_at,
        ))
        .load(c)?)
}

/// The committee declares a conflict; an existing assignment of the pair is removed.
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
        in_setup(c, contest_id)?;
        let pool = pool(c, contest_id)?;
        match plan::check_manual(&pool, judge_id.0, entry_id.0) {
            Err(r @ (Refusal::UnknownJudge | Refusal::UnknownEntry)) => {
                return Err(refusal_error(r))
            }
            Err(Refusal::DeclaredConflict) => return Err(AppError::conflict(M::ErrConflictExists)),
            _ => {}
        }
        let (j, e) = (judge_id, entry_id);
        diesel::delete(
            assignments::table
                .filter(assignments::judge_id.eq(j))
                .filter(assignments::entry_id.eq(e)),
        )
        .execute(c)?;
        let id = ConflictId::new();
        diesel::insert_into(conflicts::table)
            .values((
                conflicts::id.eq(id),
                conflicts::contest_id.eq(contest_id),
                conflicts::judge_id.eq(j),
                conflicts::entry_id.eq(e),
                conflicts::reason.eq(&reason),
                conflicts::source.eq(ConflictSource::Committee),
                conflicts::created_by.eq(actor.id),
                conflicts::created_at.eq(db::now()),
            ))
            .execute(c)?;
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

/// Used by the phase check: titles of entries with no judge.
pub fn entries_without_judge(
    c: &mut DbConnection,
    contest_id: ContestId,
) -> AppResult<Vec<String>> {
    let assigned: BTreeSet<EntryId> = assignments::table
        .filter(assignments::contest_id.eq(contest_id))
        .select(assignments::entry_id)
        .load::<EntryId>(c)?
        .into_iter()
        .collect();
    let all: Vec<(EntryId, String)> = entries::table
        .filter(entries::contest_id.eq(contest_id))
        .order(entries::title.asc())
        .select((entries::id, entries::title))
        .load(c)?;
    Ok(all
        .into_iter()
        .filter(|(id, _)| !assigned.contains(id))
        .map(|(_, t)| t)
        .collect())
}

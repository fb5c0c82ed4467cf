//! What a judge does: see their assignments, read and save their score sheet (draft or
//! submitted, with optimistic versioning), and declare a conflict of interest.

use super::CurrentUser;
use crate::db::criteria::CriterionRow;
use crate::db::judging::{self as q, EntryDetail};
use crate::db::{self, assignments, audit, conflicts, sheets, DbConnection};
use crate::domain::decimal::{fixed, to_f64};
use crate::domain::sheet::{self, CriterionSpec, Problem};
use crate::domain::validate;
use crate::error::{AppError, AppResult, Detail, ErrorKind};
use crate::i18n::judging::JudgingMsg as M;
use crate::i18n::Text;
use crate::model::{
    ClusterId, ConflictId, ConflictSource, ContestId, CriterionId, EntryId, Phase, SheetProgress,
    SheetStatus, StageId,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// One line of `GET /api/v1/me/assignments`.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
#[schema(as = JudgeAssignment)]
pub struct Assignment {
    pub contest_id: ContestId,
    pub entry_id: EntryId,
    pub cluster_id: ClusterId,
    pub title: String,
    pub status: SheetProgress,
    pub contest_name: String,
    pub cluster_name: String,
    pub phase: Phase,
    /// The stage the assignment belongs to: the contest's current stage (a judge sees the
    /// assignments of the stage being judged, not of the sealed ones).
    pub stage_id: Option<StageId>,
    pub stage_name: Option<String>,
}

#[tracing::instrument(skip_all, fields(judge = %judge.id))]
pub fn my_assignments(conn: &mut DbConnection, judge: &CurrentUser) -> AppResult<Vec<Assignment>> {
    let statuses: HashMap<(StageId, EntryId), SheetStatus> =
        sheets::statuses_of_judge(conn, judge.id)?
            .into_iter()
            .map(|(stage, entry, status)| ((stage, entry), status))
            .collect();
    let entries = q::assigned_entries(conn, judge.id)?;
    // Only the contests' current stages: a later stage's assignments wait for it to begin.
    let mut current: HashMap<ContestId, Option<StageId>> = HashMap::new();
    for (e, _, _) in &entries {
        if let std::collections::hash_map::Entry::Vacant(slot) = current.entry(e.contest_id) {
            slot.insert(q::current_stage(conn, e.contest_id)?);
        }
    }
    Ok(entries
        .into_iter()
        .filter(|(e, stage_id, _)| current.get(&e.contest_id) == Some(&Some(*stage_id)))
        .map(|(e, stage_id, stage_name)| Assignment {
            stage_id: Some(stage_id),
            stage_name: Some(stage_name),
            status: statuses
                .get(&(stage_id, e.id))
                .map_or(SheetProgress::Pending, |s| (*s).into()),
            contest_id: e.contest_id,
            entry_id: e.id,
            cluster_id: e.cluster_id,
            title: e.title,
            contest_name: e.contest_name,
            cluster_name: e.cluster_name,
            phase: e.phase,
        })
        .collect())
}

mod save;

pub use super::contests::Level;
pub use save::{save_sheet, write_sheet, SheetWrite, SheetWrites};

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct CriterionView {
    pub id: CriterionId,
    pub name: String,
    pub description: String,
    pub weight: i32,
    pub min_score: i32,
    pub max_score: i32,
    pub levels: Vec<Level>,
}

/// The entry as its judge may see it: innovator and unit are absent in a blind contest.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct EntryView {
    pub id: EntryId,
    pub title: String,
    pub description: String,
    pub link: Option<String>,
    pub cluster_name: String,
    pub contest_name: String,
    pub innovator: Option<String>,
    pub unit: Option<String>,
}

/// The judge's own sheet (`GET/PUT …/sheet`).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct SheetView {
    pub scores: BTreeMap<CriterionId, i64>,
    pub comment: String,
    pub status: SheetProgress,
    pub version: i32,
    /// The weighted total of the scores present, rounded to 4 decimals.
    pub total: f64,
    pub total_exact: String,
    pub total_display: String,
    pub phase: Phase,
    pub read_only: bool,
    pub entry: EntryView,
    pub criteria: Vec<CriterionView>,
}

fn specs(rubric: &[CriterionRow]) -> Vec<CriterionSpec> {
    rubric
        .iter()
        .map(|c| CriterionSpec {
            id: c.id.0,
            name: c.name.clone(),
            weight: i64::from(c.weight),
            min_score: i64::from(c.min_score),
            max_score: i64::from(c.max_score),
        })
        .collect()
}

/// An entry as its judge works on it: in the contest's current stage.
#[derive(Clone, Debug)]
struct Assigned {
    entry: EntryDetail,
    stage_id: StageId,
}

/// The entry, provided it is assigned to `judge` in the contest's current stage (403
/// otherwise, 404 for no such entry). A judge of a later stage cannot read an entry that did
/// not reach it, nor one they judged in a sealed stage.
fn assigned_entry(
    c: &mut DbConnection,
    judge: &CurrentUser,
    contest_id: ContestId,
    entry_id: EntryId,
) -> AppResult<Assigned> {
    let stage_id = match q::current_stage(c, contest_id)? {
        Some(id) => id,
        None => crate::db::stages::current(c, contest_id)?.id,
    };
    let (entry, assigned) = q::entry_for_judge(c, (contest_id, stage_id), entry_id, judge.id)?
        .ok_or_else(AppError::not_found)?;
    if !assigned {
        return Err(AppError::forbidden().with_message(M::ErrNotAssigned));
    }
    Ok(Assigned { entry, stage_id })
}

/// What is stored of a sheet: scores, comment, status, version.
type Stored = (BTreeMap<CriterionId, i64>, String, SheetProgress, i32);

fn stored(c: &mut DbConnection, judge: &CurrentUser, at: &Assigned) -> AppResult<Stored> {
    Ok(match sheets::find(c, at.stage_id, at.entry.id, judge.id)? {
        Some(row) => (
            sheets::scores(c, row.id)?,
            row.comment,
            row.status.into(),
            row.version,
        ),
        None => (BTreeMap::new(), String::new(), SheetProgress::Pending, 0),
    })
}

fn view(c: &mut DbConnection, judge: &CurrentUser, at: Assigned) -> AppResult<SheetView> {
    let rubric = q::rubric(c, at.stage_id)?;
    let stored = stored(c, judge, &at)?;
    build_view(at.entry, rubric, stored)
}

/// The sheet as the judge sees it, from what is stored (no query: a save answers with what it
/// just wrote without reading it back inside the write lock).
fn build_view(
    entry: EntryDetail,
    rubric: Vec<CriterionRow>,
    stored: Stored,
) -> AppResult<SheetView> {
    let specs = specs(&rubric);
    let (scores, comment, status, version) = stored;
    let parsed: BTreeMap<uuid::Uuid, i64> = scores.iter().map(|(k, v)| (k.0, *v)).collect();
    let total = sheet::total(&specs, &parsed);
    Ok(SheetView {
        scores,
        comment,
        status,
        version,
        total: to_f64(&total, 4),
        total_exact: format!("{}/{}", total.numer(), total.denom()),
        total_display: fixed(&total, 2),
        read_only: !crate::domain::phase::allows(
            entry.phase,
            crate::domain::phase::Action::SaveSheet,
        ),
        phase: entry.phase,
        criteria: rubric
            .into_iter()
            .map(|r| CriterionView {
                levels: serde_json::from_str(&r.levels).unwrap_or_default(),
                id: r.id,
                name: r.name,
                description: r.description,
                weight: r.weight,
                min_score: r.min_score,
                max_score: r.max_score,
            })
            .collect(),
        entry: EntryView {
            innovator: (!entry.blind).then(|| entry.innovator.clone()),
            unit: (!entry.blind).then(|| entry.unit.clone()),
            id: entry.id,
            title: entry.title,
            description: entry.description,
            link: entry.link,
            cluster_name: entry.cluster_name,
            contest_name: entry.contest_name,
        },
    })
}

#[tracing::instrument(level = "debug", skip_all, fields(contest_id = %contest_id, entry_id = %entry_id, judge = %judge.id))]
pub fn get_sheet(
    conn: &mut DbConnection,
    judge: &CurrentUser,
    contest_id: ContestId,
    entry_id: EntryId,
) -> AppResult<SheetView> {
    let at = assigned_entry(conn, judge, contest_id, entry_id)?;
    view(conn, judge, at)
}

/// What a judge sends.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct SheetInput {
    #[serde(default)]
    pub scores: BTreeMap<String, i64>,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub submit: bool,
    pub version: Option<i32>,
}

/// Turns the domain's problems into one 422 naming the first criterion at fault and listing all.
pub fn problems_error(problems: &[Problem]) -> AppError {
    let details: Vec<Detail> = problems
        .iter()
        .map(|p| match p {
            Problem::UnknownCriterion(key) => Detail {
                field: Some(format!("scores.{key}")),
                message: Text::with(M::ErrUnknownCriterion, [key]),
            },
            Problem::OutOfRange {
                criterion,
                name,
                min,
                max,
            } => Detail {
                field: Some(format!("scores.{criterion}")),
                message: Text::with(
                    M::ErrOutOfRange,
                    [name.clone(), min.to_string(), max.to_string()],
                ),
            },
            Problem::Missing { criterion, name } => Detail {
                field: Some(format!("scores.{criterion}")),
                message: Text::with(M::ErrMissing, [name]),
            },
        })
        .collect();
    let first = details.first().cloned();
    let mut err = AppError::new(
        ErrorKind::Invalid,
        first
            .as_ref()
            .map(|d| d.message.clone())
            .unwrap_or_else(|| M::ErrSheetProblems.into()),
    );
    err.field = first.and_then(|d| d.field);
    err.with_details(details)
}

/// The judge declares a conflict of interest: the assignment and its draft go, the conflict
/// is recorded (so no automatic assignment brings it back) and audited.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, entry_id = %entry_id, judge = %judge.id))]
pub fn recuse(
    conn: &mut DbConnection,
    judge: &CurrentUser,
    contest_id: ContestId,
    entry_id: EntryId,
    reason: &str,
) -> AppResult<conflicts::Conflict> {
    let reason = validate::text(reason, true, 2000).map_err(|m| AppError::invalid("reason", m))?;
    db::write_tx(conn, |c| {
        let Assigned { entry, stage_id } = assigned_entry(c, judge, contest_id, entry_id)?;
        if !crate::domain::phase::allows(entry.phase, crate::domain::phase::Action::Recuse) {
            return Err(AppError::conflict(M::ErrRecusalPhase));
        }
        let judge_id = judge.id;
        if let Some(sheet) = sheets::find(c, stage_id, entry_id, judge_id)? {
            if sheet.status == SheetStatus::Submitted {
                return Err(AppError::conflict(M::ErrAlreadySubmitted));
            }
            sheets::delete(c, sheet.id)?;
        }
        assignments::delete_pair(c, stage_id, judge_id, entry_id)?;
        let id = ConflictId::new();
        let now = db::now();
        if !conflicts::exists(c, judge_id, entry_id)? {
            conflicts::insert(
                c,
                &conflicts::NewConflict {
                    id,
                    contest_id,
                    judge_id,
                    entry_id,
                    reason: &reason,
                    source: ConflictSource::Recusal,
                    created_by: Some(judge_id),
                    created_at: now,
                },
            )?;
        }
        let body = conflicts::Conflict {
            id,
            judge_id,
            entry_id,
            reason,
            source: ConflictSource::Recusal,
            created_at: now,
        };
        audit::record(
            c,
            audit::Record {
                contest_id: Some(contest_id),
                actor_id: Some(judge_id),
                action: "assignment.recused",
                target: &format!("entry:{entry_id}"),
                detail: serde_json::json!({"new": body}),
            },
        )?;
        Ok(body)
    })
}

//! Saving a judge's sheet: the checks on a pooled connection, then the write through the
//! group-commit queue ([`crate::db::group_commit`]).

use super::{
    assigned_entry, build_view, problems_error, specs, view, Assigned, SheetInput, SheetView,
};
use crate::db::criteria::CriterionRow;
use crate::db::judging as q;
use crate::db::{self, audit, sheets, DbConnection};
use crate::domain::sheet;
use crate::domain::validate;
use crate::error::{AppError, AppResult, ErrorKind};
use crate::i18n::judging::JudgingMsg as M;
use crate::i18n::Text;
use crate::model::{
    ContestId, CriterionId, EntryId, JudgeId, Phase, SheetId, SheetStatus, StageId, StagePhase,
};
use crate::services::CurrentUser;
use std::collections::BTreeMap;

/// A sheet save as the write queue takes it: owned, and already checked against the rubric.
pub struct SheetWrite {
    contest_id: ContestId,
    /// The stage the judge is scoring (the contest's current one when the save was checked).
    stage_id: StageId,
    entry_id: EntryId,
    judge_id: JudgeId,
    scores: BTreeMap<CriterionId, i64>,
    comment: String,
    submit: bool,
    version: Option<i32>,
}

impl SheetWrite {
    fn status(&self) -> SheetStatus {
        if self.submit {
            SheetStatus::Submitted
        } else {
            SheetStatus::Draft
        }
    }
}

/// Sheets change only while judging is open.
fn refuse_unless_judging(phase: Phase) -> AppResult<()> {
    if crate::domain::phase::allows(phase, crate::domain::phase::Action::SaveSheet) {
        return Ok(());
    }
    Err(AppError::conflict(Text::with(M::ErrJudgingClosed, [phase])).with_field("phase"))
}

/// The queue through which sheet saves reach the database: on SQLite, saves that arrive
/// together are committed together (see [`db::group_commit`]).
pub type SheetWrites = db::group_commit::GroupCommit<SheetWrite, i32, AppError>;

/// Saves the judge's sheet as a draft or submits it, refusing a stale version, a closed
/// contest or an unassigned entry. One transaction (shared with other judges' saves on
/// SQLite, each in its own savepoint); changes to a submitted sheet are audited with old and
/// new values.
///
/// It takes the pool rather than a connection: the checks use a pooled connection, which is
/// returned before the write is handed to the queue, so waiting for a commit holds none.
#[tracing::instrument(level = "debug", skip_all, fields(contest_id = %contest_id, entry_id = %entry_id, judge = %judge.id))]
pub fn save_sheet(
    pool: &db::Pool,
    writes: &SheetWrites,
    judge: &CurrentUser,
    contest_id: ContestId,
    entry_id: EntryId,
    input: SheetInput,
) -> AppResult<SheetView> {
    let (at, rubric, write) = {
        let mut conn = pool.get()?;
        check_save(&mut conn, judge, contest_id, entry_id, input)?
    };
    // The answer is built from what was written, not read back.
    let written = (
        write.scores.clone(),
        write.comment.clone(),
        write.status().into(),
    );
    match writes.submit(write) {
        Ok(version) => build_view(at.entry, rubric, (written.0, written.1, written.2, version)),
        // A stale save shows the judge the newer sheet.
        Err(err) if err.kind == ErrorKind::Conflict && err.field.as_deref() == Some("version") => {
            let mut err = err;
            let mut conn = pool.get()?;
            if let Ok(current) = view(&mut conn, judge, at) {
                err.message = Text::with(M::ErrStale, [current.version]);
                err.extra = serde_json::to_value(&current)
                    .ok()
                    .map(|v| ("current".to_string(), v));
            }
            Err(err)
        }
        Err(err) => Err(err),
    }
}

/// Everything that can be checked without the write lock, checked first (SQLite has one
/// writer at a time, so the less the transaction does, the more judges it serves per second):
/// the comment, the assignment, the phase and the scores against the rubric.
fn check_save(
    conn: &mut DbConnection,
    judge: &CurrentUser,
    contest_id: ContestId,
    entry_id: EntryId,
    input: SheetInput,
) -> AppResult<(Assigned, Vec<CriterionRow>, SheetWrite)> {
    let comment =
        validate::text(&input.comment, false, 5000).map_err(|m| AppError::invalid("comment", m))?;
    let at = assigned_entry(conn, judge, contest_id, entry_id)?;
    refuse_unless_judging(at.entry.phase)?;
    let rubric = q::rubric(conn, at.stage_id)?;
    let specs = specs(&rubric);
    let scores =
        sheet::check(&specs, &input.scores, input.submit).map_err(|p| problems_error(&p))?;
    let write = SheetWrite {
        contest_id,
        stage_id: at.stage_id,
        entry_id,
        judge_id: judge.id,
        scores: scores
            .into_iter()
            .map(|(k, v)| (CriterionId(k), v))
            .collect(),
        comment,
        submit: input.submit,
        version: input.version,
    };
    Ok((at, rubric, write))
}

/// The save itself, inside its transaction: re-checks what may have changed since the checks
/// (closing freezes sheets; the committee may reassign), then writes the sheet, its scores and,
/// when a submitted sheet is involved, the audit record. Returns the new version.
pub fn write_sheet(c: &mut DbConnection, w: &SheetWrite) -> AppResult<i32> {
    let (contest_phase, stage_phase) = q::phases_for_write(c, w.contest_id, w.stage_id)?;
    refuse_unless_judging(contest_phase)?;
    // The stage checked may have been closed and sealed, and the next one opened, since.
    if stage_phase != StagePhase::Judging {
        refuse_unless_judging(Phase::Closed)?;
    }
    if q::assignment_id(c, w.stage_id, w.entry_id, w.judge_id)?.is_none() {
        return Err(AppError::forbidden().with_message(M::ErrNotAssigned));
    }
    let stale =
        |version: i32| AppError::conflict(Text::with(M::ErrStale, [version])).with_field("version");
    let status = w.status();
    let now = db::now();
    let submitted_at = w.submit.then_some(now);
    let old = sheets::find(c, w.stage_id, w.entry_id, w.judge_id)?;
    let (sheet_id, version) = match &old {
        Some(row) => {
            if w.version != Some(row.version)
                || sheets::update_if_version(
                    c,
                    row.id,
                    row.version,
                    status,
                    &w.comment,
                    submitted_at,
                    now,
                )? == 0
            {
                return Err(stale(row.version));
            }
            (row.id, row.version + 1)
        }
        None => {
            if w.version.is_some_and(|v| v != 0) {
                return Err(stale(0));
            }
            let id = SheetId::new();
            let new = sheets::NewSheet {
                id,
                contest_id: w.contest_id,
                stage_id: w.stage_id,
                entry_id: w.entry_id,
                judge_id: w.judge_id,
                status,
                comment: &w.comment,
                submitted_at,
                now,
            };
            if !sheets::insert(c, &new)? {
                return Err(stale(1));
            }
            (id, 1)
        }
    };
    let touches_submitted = w.submit
        || old
            .as_ref()
            .is_some_and(|o| o.status == SheetStatus::Submitted);
    // The old scores are read only for the audit record, and deleted only if there are any.
    let old_scores = match &old {
        Some(row) if touches_submitted => sheets::scores(c, row.id)?,
        _ => BTreeMap::new(),
    };
    if old.is_some() {
        sheets::delete_scores(c, sheet_id)?;
    }
    sheets::insert_scores(c, sheet_id, &w.scores)?;
    if touches_submitted {
        audit::record(
            c,
            audit::Record {
                contest_id: Some(w.contest_id),
                actor_id: Some(w.judge_id),
                action: if w.submit {
                    "sheet.submitted"
                } else {
                    "sheet.reopened_as_draft"
                },
                target: &format!("sheet:{sheet_id}"),
                detail: serde_json::json!({
                    "entry_id": w.entry_id,
                    "old": old.as_ref().map(|o| serde_json::json!({"status": o.status, "version": o.version, "comment": o.comment, "scores": old_scores})),
                    "new": {"status": status, "version": version, "comment": w.comment, "scores": w.scores},
                }),
            },
        )?;
    }
    Ok(version)
}

//! Shared pieces of the setup services: the setup-phase guard and the audit shortcut.

use super::CurrentUser;
use crate::db::contests::{self, ContestRow};
use crate::db::stages::{self, StageRow};
use crate::db::{audit, DbConnection};
use crate::domain::phase::{allows, Action};
use crate::error::{AppError, AppResult};
use crate::i18n::setup::SetupMsg;
use crate::i18n::stages::StageMsg;
use crate::i18n::Text;
use crate::model::{ContestId, StageId, StagePhase};

/// The contest, provided its setup data (clusters, prizes, entries, settings, the list of
/// stages) may still change: nothing has begun, its first stage is in setup (404 / 409
/// otherwise).
pub fn in_setup(c: &mut DbConnection, contest_id: ContestId) -> AppResult<ContestRow> {
    let contest = crate::db::contests::find(c, contest_id)?;
    if !allows(contest.phase, Action::EditSetup) {
        return Err(
            AppError::conflict(Text::with(SetupMsg::ErrNotInSetup, [contest.phase]))
                .with_field("phase"),
        );
    }
    if stages::current(c, contest_id)?.position > 1 {
        return Err(AppError::conflict(StageMsg::ErrContestStarted).with_field("phase"));
    }
    Ok(contest)
}

/// The stage a request acts on: the one it names (404 when it is not the contest's), or the
/// contest's current stage (the first not sealed), which every route without a stage acts on.
pub fn stage_of(
    c: &mut DbConnection,
    contest_id: ContestId,
    stage: Option<StageId>,
) -> AppResult<StageRow> {
    Ok(match stage {
        Some(id) => {
            crate::db::contests::find(c, contest_id)?;
            stages::find(c, contest_id, id)?
        }
        None => stages::current(c, contest_id)?,
    })
}

/// The stage, provided its rubric and tie-break may still change: it is in setup (a later
/// stage's may be prepared while an earlier one runs).
pub fn stage_in_setup(
    c: &mut DbConnection,
    contest_id: ContestId,
    stage: Option<StageId>,
) -> AppResult<StageRow> {
    let row = stage_of(c, contest_id, stage)?;
    if row.phase != StagePhase::Setup {
        return Err(
            AppError::conflict(Text::with(SetupMsg::ErrNotInSetup, [row.phase]))
                .with_field("phase"),
        );
    }
    Ok(row)
}

/// The stage, provided its assignments may change: it is in setup and its entries are known
/// (it is the first stage, or the one before it is sealed).
pub fn assignable_stage(
    c: &mut DbConnection,
    contest_id: ContestId,
    stage: Option<StageId>,
) -> AppResult<StageRow> {
    let row = stage_in_setup(c, contest_id, stage)?;
    if row.id != stages::current(c, contest_id)?.id {
        return Err(AppError::conflict(Text::with(
            StageMsg::ErrStageNotCurrent,
            [row.declaration.name.clone()],
        ))
        .with_field("stage_id"));
    }
    Ok(row)
}

/// Records a setup change in the contest's audit trail.
pub fn log(
    c: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    action: &str,
    target: &str,
    detail: serde_json::Value,
) -> AppResult<()> {
    touch(c, contest_id)?;
    record(c, actor, contest_id, action, target, detail)
}

/// Marks the contest as changed: every setup change does (the results cache relies on it).
pub fn touch(c: &mut DbConnection, contest_id: ContestId) -> AppResult<()> {
    Ok(contests::touch(c, contest_id, crate::db::now())?)
}

/// Writes an audit record only; for a batch of changes followed by one [`touch`].
pub fn record(
    c: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    action: &str,
    target: &str,
    detail: serde_json::Value,
) -> AppResult<()> {
    audit::record(
        c,
        audit::Record {
            contest_id: Some(contest_id),
            actor_id: Some(actor.id),
            action,
            target,
            detail,
        },
    )?;
    Ok(())
}

/// Trimmed text from a body, with the field named when it is empty or too long.
pub fn field_text(raw: &str, field: &str, required: bool, max: usize) -> AppResult<String> {
    crate::domain::validate::text(raw, required, max).map_err(|m| AppError::invalid(field, m))
}

/// A name from a body (of a unit, an innovator, a cluster): as [`field_text`], and refused
/// when it holds a control or invisible character.
pub fn field_name(raw: &str, field: &str, required: bool, max: usize) -> AppResult<String> {
    crate::domain::validate::name(raw, required, max).map_err(|m| AppError::invalid(field, m))
}

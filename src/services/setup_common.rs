//! Shared pieces of the setup services: the setup-phase guard and the audit shortcut.

use super::CurrentUser;
use crate::db::contests::{self, ContestRow};
use crate::db::{audit, DbConnection};
use crate::domain::phase::{allows, Action};
use crate::error::{AppError, AppResult};
use crate::i18n::setup::SetupMsg;
use crate::i18n::Text;
use crate::model::ContestId;

/// The contest, provided its setup data may still change (404 / 409 otherwise).
pub fn in_setup(c: &mut DbConnection, contest_id: ContestId) -> AppResult<ContestRow> {
    let contest = crate::db::contests::find(c, contest_id)?;
    if !allows(contest.phase, Action::EditSetup) {
        return Err(
            AppError::conflict(Text::with(SetupMsg::ErrNotInSetup, [contest.phase]))
                .with_field("phase"),
        );
    }
    Ok(contest)
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

//! Entries (inovasi): add one, list, remove during setup, and import a whole CSV/XLSX file.

use super::setup_common::{field_name, field_text, in_setup, log, touch};
use super::CurrentUser;
use crate::db::{self, audit, clusters, entries, DbConnection};
use crate::error::{AppError, AppResult, ErrorKind};
use crate::i18n::setup::SetupMsg as M;
use crate::model::{ClusterId, ContestId, EntryId};
use serde::Deserialize;
use serde_json::json;

pub use crate::db::entries::Entry;

#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct NewEntry {
    #[schema(required = true, format = Uuid)]
    #[serde(default)]
    pub cluster_id: String,
    #[schema(required = true, min_length = 1, max_length = 300, pattern = r"\S")]
    #[serde(default)]
    pub title: String,
    #[schema(required = true, min_length = 1, max_length = 300, pattern = r"\S")]
    #[serde(default)]
    pub innovator: String,
    #[schema(required = true, min_length = 1, max_length = 300, pattern = r"\S")]
    #[serde(default)]
    pub unit: String,
    #[schema(max_length = 10000)]
    #[serde(default)]
    pub description: String,
    pub link: Option<String>,
}

/// A checked entry, ready to insert.
#[derive(Clone, Debug)]
pub struct CheckedEntry {
    pub cluster_id: ClusterId,
    pub title: String,
    pub innovator: String,
    pub unit: String,
    pub description: String,
    pub link: Option<String>,
}

/// Checks an entry as sent: its cluster id must be a UUID (400), its fields valid (422).
pub fn check(input: &NewEntry) -> AppResult<CheckedEntry> {
    let cluster_id = input.cluster_id.trim().parse().map_err(|_| {
        AppError::new(ErrorKind::BadRequest, crate::i18n::Msg::ErrBadId).with_field("cluster_id")
    })?;
    check_in(cluster_id, input)
}

/// Checks an entry's fields for a cluster already known (the import names clusters by name).
pub fn check_in(cluster_id: ClusterId, input: &NewEntry) -> AppResult<CheckedEntry> {
    let link = match input.link.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(l) if (l.starts_with("http://") || l.starts_with("https://")) && l.len() <= 1000 => {
            Some(l.to_string())
        }
        Some(_) => return Err(AppError::invalid("link", M::ErrLink)),
    };
    Ok(CheckedEntry {
        cluster_id,
        title: field_name(&input.title, "title", true, 300)?,
        innovator: field_name(&input.innovator, "innovator", true, 300)?,
        unit: field_name(&input.unit, "unit", true, 300)?,
        description: field_text(&input.description, "description", false, 10_000)?,
        link,
    })
}

/// Inserts checked entries (inside the caller's transaction).
pub fn insert_all(
    c: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    list: &[CheckedEntry],
) -> AppResult<Vec<EntryId>> {
    let now = db::now();
    let ids: Vec<EntryId> = list.iter().map(|_| EntryId::new()).collect();
    let rows: Vec<entries::NewEntry> = list
        .iter()
        .zip(&ids)
        .map(|(e, id)| entries::NewEntry {
            id: *id,
            contest_id,
            cluster_id: e.cluster_id,
            title: &e.title,
            innovator: &e.innovator,
            unit: &e.unit,
            description: &e.description,
            link: e.link.as_deref(),
            created_at: now,
        })
        .collect();
    entries::insert_many(c, &rows)?;
    let targets: Vec<String> = ids.iter().map(|id| format!("entry:{id}")).collect();
    let records: Vec<audit::Record> = list
        .iter()
        .zip(&targets)
        .map(|(e, target)| audit::Record {
            contest_id: Some(contest_id),
            actor_id: Some(actor.id),
            action: "entry.created",
            target,
            detail: json!({"new": {"title": e.title, "innovator": e.innovator, "unit": e.unit, "cluster_id": e.cluster_id}}),
        })
        .collect();
    audit::record_many(c, &records)?;
    touch(c, contest_id)?;
    Ok(ids)
}

#[tracing::instrument(skip_all, fields(contest_id = %contest_id, actor = %actor.id))]
pub fn create(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    input: NewEntry,
) -> AppResult<Entry> {
    let checked = check(&input)?;
    db::write_tx(conn, |c| {
        in_setup(c, contest_id)?;
        if !clusters::belongs(c, contest_id, checked.cluster_id)? {
            return Err(AppError::invalid("cluster_id", M::ErrUnknownCluster));
        }
        let ids = insert_all(c, actor, contest_id, std::slice::from_ref(&checked))?;
        find(c, contest_id, ids[0])
    })
}

pub fn find(c: &mut DbConnection, contest_id: ContestId, id: EntryId) -> AppResult<Entry> {
    Ok(entries::find(c, contest_id, id)?)
}

pub fn list(c: &mut DbConnection, contest_id: ContestId) -> AppResult<Vec<Entry>> {
    crate::db::contests::find(c, contest_id)?;
    Ok(entries::of_contest(c, contest_id)?)
}

#[tracing::instrument(skip_all, fields(contest_id = %contest_id, actor = %actor.id))]
pub fn delete(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    id: EntryId,
) -> AppResult<()> {
    db::write_tx(conn, |c| {
        in_setup(c, contest_id)?;
        let old = find(c, contest_id, id)?;
        entries::delete(c, id)?;
        log(
            c,
            actor,
            contest_id,
            "entry.deleted",
            &format!("entry:{id}"),
            json!({"old": {"title": old.title, "unit": old.unit}}),
        )?;
        Ok(())
    })
}

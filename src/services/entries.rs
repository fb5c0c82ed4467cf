//! Entries (inovasi): add one, list, remove during setup, and import a whole CSV/XLSX file.

use super::entrants::{self, EntryScope};
use super::proposal::{self, ProposalInput, Requirements};
use super::setup_common::{field_name, field_text, log, touch};
use super::CurrentUser;
use crate::db::{self, audit, clusters, entries, DbConnection};
use crate::domain::proposal::Proposal;
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
    /// The proposal (the IID form's fields), all optional unless the committee requires them.
    #[serde(flatten)]
    pub proposal: ProposalInput,
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
    pub proposal: Proposal,
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
        proposal: proposal::merge(&Proposal::default(), &input.proposal)?,
    })
}

/// Inserts checked entries (inside the caller's transaction).
/// The committee's entries are submitted as they are inserted; an entrant's are drafts
/// (`submitted: false`) until the entrant submits them.
pub fn insert_all(
    c: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    list: &[CheckedEntry],
    submitted: bool,
) -> AppResult<Vec<EntryId>> {
    let now = db::now();
    let ids: Vec<EntryId> = list.iter().map(|_| EntryId::new()).collect();
    let rows: Vec<entries::NewEntry> = list
        .iter()
        .zip(&ids)
        .map(|(e, id)| {
            entries::NewEntry {
                id: *id,
                contest_id,
                cluster_id: e.cluster_id,
                title: &e.title,
                innovator: &e.innovator,
                unit: &e.unit,
                description: &e.description,
                link: e.link.as_deref(),
                created_at: now,
                submitted_at: submitted.then_some(now),
                ..entries::NewEntry::blank()
            }
            .with_proposal(&e.proposal)
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

/// Files an entry. The committee's goes where it says; an entrant's goes under the entrant's
/// own unit, in a cluster opened to it, as a draft.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, actor = %actor.id))]
pub fn create(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    mut input: NewEntry,
) -> AppResult<Entry> {
    db::write_tx(conn, |c| {
        let scope = entrants::scope(c, actor, contest_id)?;
        if let Some(entrant) = scope.entrant() {
            input.unit = entrant.unit.clone();
        }
        let checked = check(&input)?;
        let contest = entrants::check_write(c, &scope, contest_id)?;
        let submitted = scope.entrant().is_none();
        if submitted {
            // The committee's entry is submitted as it is filed.
            Requirements::of(&contest).check_fields(&checked.proposal)?;
        }
        if !clusters::belongs(c, contest_id, checked.cluster_id)? {
            return Err(AppError::invalid("cluster_id", M::ErrUnknownCluster));
        }
        if !scope.allows_cluster(checked.cluster_id) {
            return Err(AppError::invalid(
                "cluster_id",
                crate::i18n::entrants::EntrantMsg::ErrClusterNotAllowed,
            ));
        }
        let ids = insert_all(
            c,
            actor,
            contest_id,
            std::slice::from_ref(&checked),
            submitted,
        )?;
        find(c, contest_id, ids[0])
    })
}

pub fn find(c: &mut DbConnection, contest_id: ContestId, id: EntryId) -> AppResult<Entry> {
    Ok(entries::find(c, contest_id, id)?)
}

/// One entry that `user` may see (404 for an entry outside an entrant's unit).
pub fn find_for(
    c: &mut DbConnection,
    user: &CurrentUser,
    contest_id: ContestId,
    id: EntryId,
) -> AppResult<(EntryScope, Entry)> {
    let scope = entrants::scope(c, user, contest_id)?;
    let entry = find(c, contest_id, id)?;
    if !scope.covers(&entry) {
        return Err(AppError::not_found());
    }
    Ok((scope, entry))
}

/// Every entry of the contest, for the committee.
pub fn list(c: &mut DbConnection, contest_id: ContestId) -> AppResult<Vec<Entry>> {
    crate::db::contests::find(c, contest_id)?;
    Ok(entries::of_contest(c, contest_id)?)
}

/// The entries `user` may see: all for the committee, its unit's for an entrant.
pub fn list_for(
    c: &mut DbConnection,
    user: &CurrentUser,
    contest_id: ContestId,
) -> AppResult<Vec<Entry>> {
    let scope = entrants::scope(c, user, contest_id)?;
    let mut all = list(c, contest_id)?;
    all.retain(|e| scope.covers(e));
    Ok(all)
}

/// `PATCH /contests/{id}/entries/{entry_id}`: the fields present change. An entrant cannot
/// move its entry to another unit.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct EntryPatch {
    #[schema(format = Uuid)]
    pub cluster_id: Option<String>,
    #[schema(min_length = 1, max_length = 300, pattern = r"\S")]
    pub title: Option<String>,
    #[schema(min_length = 1, max_length = 300, pattern = r"\S")]
    pub innovator: Option<String>,
    #[schema(min_length = 1, max_length = 300, pattern = r"\S")]
    pub unit: Option<String>,
    #[schema(max_length = 10000)]
    #[serde(default, deserialize_with = "proposal::null_as_empty")]
    pub description: Option<String>,
    /// `null` or empty removes the link.
    #[serde(default, deserialize_with = "proposal::null_as_empty")]
    pub link: Option<String>,
    #[serde(flatten)]
    pub proposal: ProposalInput,
}

/// Changes an entry: the committee in setup, an entrant of its unit inside the registration
/// window.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, entry_id = %id, actor = %actor.id))]
pub fn update(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    id: EntryId,
    patch: EntryPatch,
) -> AppResult<Entry> {
    db::write_tx(conn, |c| {
        let (scope, old) = find_for(c, actor, contest_id, id)?;
        let contest = entrants::check_write(c, &scope, contest_id)?;
        let merged = NewEntry {
            cluster_id: patch
                .cluster_id
                .clone()
                .unwrap_or_else(|| old.cluster_id.to_string()),
            title: patch.title.clone().unwrap_or_else(|| old.title.clone()),
            innovator: patch
                .innovator
                .clone()
                .unwrap_or_else(|| old.innovator.clone()),
            unit: match scope.entrant() {
                Some(entrant) => entrant.unit.clone(),
                None => patch.unit.clone().unwrap_or_else(|| old.unit.clone()),
            },
            description: patch
                .description
                .clone()
                .unwrap_or_else(|| old.description.clone()),
            link: match &patch.link {
                Some(l) => Some(l.clone()),
                None => old.link.clone(),
            },
            proposal: ProposalInput::default(),
        };
        let mut checked = check(&merged)?;
        checked.proposal = proposal::merge(&old.proposal(), &patch.proposal)?;
        if !old.is_draft() && scope.entrant().is_some() {
            // An entrant's submitted entry stays complete (the committee, which may add a
            // requirement after entries came in, can still correct one that lacks it).
            Requirements::of(&contest).check_fields(&checked.proposal)?;
        }
        if checked.cluster_id != old.cluster_id {
            if !clusters::belongs(c, contest_id, checked.cluster_id)? {
                return Err(AppError::invalid("cluster_id", M::ErrUnknownCluster));
            }
            if !scope.allows_cluster(checked.cluster_id) {
                return Err(AppError::invalid(
                    "cluster_id",
                    crate::i18n::entrants::EntrantMsg::ErrClusterNotAllowed,
                ));
            }
        }
        let mut changes = entries::EntryChanges {
            cluster_id: Some(checked.cluster_id),
            title: Some(checked.title.clone()),
            innovator: Some(checked.innovator.clone()),
            unit: Some(checked.unit.clone()),
            description: Some(checked.description.clone()),
            link: Some(checked.link.clone()),
            ..Default::default()
        };
        changes.set_proposal(checked.proposal.clone());
        entries::update(c, id, &changes)?;
        log(
            c,
            actor,
            contest_id,
            "entry.updated",
            &format!("entry:{id}"),
            json!({
                "old": {"title": old.title, "innovator": old.innovator, "unit": old.unit, "cluster_id": old.cluster_id, "description": old.description, "link": old.link},
                "new": {"title": checked.title, "innovator": checked.innovator, "unit": checked.unit, "cluster_id": checked.cluster_id, "description": checked.description, "link": checked.link},
            }),
        )?;
        find(c, contest_id, id)
    })
}

/// Submits a draft: from now on it counts as entered (judging cannot open while drafts
/// remain).
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, entry_id = %id, actor = %actor.id))]
pub fn submit(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    id: EntryId,
) -> AppResult<Entry> {
    db::write_tx(conn, |c| {
        let (scope, entry) = find_for(c, actor, contest_id, id)?;
        let contest = entrants::check_write(c, &scope, contest_id)?;
        if !entry.is_draft() {
            return Err(AppError::conflict(
                crate::i18n::entrants::EntrantMsg::ErrAlreadySubmitted,
            ));
        }
        let required = Requirements::of(&contest);
        required.check_fields(&entry.proposal())?;
        let kinds: Vec<crate::model::DocumentKind> = db::documents::of_entry(c, id)?
            .iter()
            .map(|d| d.kind)
            .collect();
        required.check_documents(&kinds)?;
        entries::update(
            c,
            id,
            &entries::EntryChanges {
                submitted_at: Some(Some(db::now())),
                ..Default::default()
            },
        )?;
        log(
            c,
            actor,
            contest_id,
            "entry.submitted",
            &format!("entry:{id}"),
            json!({"old": {"submitted": false}, "new": {"submitted": true}}),
        )?;
        find(c, contest_id, id)
    })
}

/// Deletes an entry: the committee in setup, an entrant of its unit inside the registration
/// window.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, actor = %actor.id))]
pub fn delete(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    id: EntryId,
) -> AppResult<()> {
    db::write_tx(conn, |c| {
        let (scope, old) = find_for(c, actor, contest_id, id)?;
        entrants::check_write(c, &scope, contest_id)?;
        if scope.entrant().is_some() && !old.is_draft() {
            return Err(AppError::conflict(
                crate::i18n::entrants::EntrantMsg::ErrEntrySubmitted,
            ));
        }
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

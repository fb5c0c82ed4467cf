//! Entrants (pengusul) of a contest: the committee registers an agency's account under its
//! unit; the entrant then files and edits that unit's entries while registration is open, and
//! sees nothing of any other unit ([`EntryScope`]).

use super::password_links::{self, Issued};
use super::setup_common::{field_name, log};
use super::users::{self, NewAccount};
use super::CurrentUser;
use crate::db::contests::ContestRow;
use crate::db::entries::Entry;
use crate::db::{self, clusters, entrants, DbConnection};
use crate::domain::conflict::normalize_name;
use crate::domain::registration::{Closed, Registration};
use crate::error::{AppError, AppResult};
use crate::i18n::entrants::EntrantMsg as M;
use crate::i18n::Text;
use crate::model::{ClusterId, ContestId, Role, UserId};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::BTreeSet;

/// An entrant of a contest, as the committee sees it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Entrant {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub unit: String,
    pub active: bool,
    /// `null`: every cluster.
    pub cluster_ids: Option<Vec<ClusterId>>,
}

/// `POST /contests/{id}/entrants`: without a password the answer carries a one-time
/// set-password link for the committee to hand over.
#[derive(Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct NewEntrant {
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
    #[schema(required = true, min_length = 1, max_length = 300, pattern = r"\S")]
    #[serde(default)]
    pub unit: String,
    #[schema(min_length = 8, max_length = 256)]
    pub password: Option<String>,
    /// The clusters the entrant may file in; absent or `null`: every cluster.
    pub cluster_ids: Option<Vec<String>>,
}

/// Written out so that the password never appears in a debug print.
impl std::fmt::Debug for NewEntrant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewEntrant")
            .field("name", &self.name)
            .field("email", &self.email)
            .field("unit", &self.unit)
            .field("cluster_ids", &self.cluster_ids)
            .field("password", &self.password.as_ref().map(|_| "…"))
            .finish()
    }
}

/// What a registration answers: the entrant, and the link when no password was given.
#[derive(Clone, Debug)]
pub struct Added {
    pub entrant: Entrant,
    pub link: Option<Issued>,
}

/// The contest's entrants.
pub fn list(c: &mut DbConnection, contest_id: ContestId) -> AppResult<Vec<Entrant>> {
    db::contests::find(c, contest_id)?;
    let limits = entrants::limits(c, contest_id)?;
    Ok(entrants::of_contest(c, contest_id)?
        .into_iter()
        .map(|row| {
            let mine: Vec<ClusterId> = limits
                .iter()
                .filter(|(u, _)| *u == row.user_id)
                .map(|(_, cl)| *cl)
                .collect();
            Entrant {
                id: row.user_id,
                name: row.name,
                email: row.email,
                unit: row.unit,
                active: row.active,
                cluster_ids: (!mine.is_empty()).then_some(mine),
            }
        })
        .collect())
}

fn find(c: &mut DbConnection, contest_id: ContestId, user: UserId) -> AppResult<Entrant> {
    list(c, contest_id)?
        .into_iter()
        .find(|e| e.id == user)
        .ok_or_else(AppError::not_found)
}

/// Registers an entrant: a new account (with the password given, or a set-password link), or
/// an existing entrant account (of another contest) attached to this one. At any phase: an
/// agency may need its account to read its report after publication.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, actor = %actor.id))]
pub fn add(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    input: NewEntrant,
) -> AppResult<Added> {
    let email =
        crate::domain::validate::email(&input.email).map_err(|m| AppError::invalid("email", m))?;
    let unit = field_name(&input.unit, "unit", true, 300)?;
    let given = input.password.as_deref().filter(|p| !p.is_empty());
    let account = users::check_new(&NewAccount {
        email: email.clone(),
        name: input.name.clone(),
        role: Role::Entrant,
        affiliation: unit.clone(),
        // Checked below when one is given; an account without one cannot sign in until its
        // link is used.
        password: given.unwrap_or("unused-placeholder").to_string(),
    });
    // Hashed before the transaction (argon2 is deliberately slow and SQLite has one writer);
    // without a password, the hash of a random one nobody knows, replaced through the link.
    let hash = match (&account, given) {
        (Ok(a), Some(_)) => Some(super::auth::hash_password(&a.password)?),
        (Ok(_), None) => Some(super::auth::hash_password(&super::auth::random_string(32))?),
        _ => None,
    };
    db::write_tx(conn, |c| {
        db::contests::find(c, contest_id)?;
        let limits = cluster_limits(c, contest_id, input.cluster_ids.as_deref())?;
        let (user_id, link) = match db::users::find_by_email(c, &email)? {
            Some(existing) if existing.role == Role::Entrant => (existing.id, None),
            Some(_) => return Err(AppError::conflict(M::ErrEmailNotEntrant).with_field("email")),
            None => {
                let account = account.clone()?;
                let hash = hash
                    .as_deref()
                    .ok_or_else(|| AppError::internal("hash missing"))?;
                let created = users::create_hashed(c, Some(actor), &account, hash)?;
                let link = match given {
                    Some(_) => None,
                    None => Some(password_links::issue(c, actor, created.id)?),
                };
                (created.id, link)
            }
        };
        if entrants::find(c, contest_id, user_id)?.is_some() {
            return Err(AppError::conflict(M::ErrAlreadyEntrant).with_field("email"));
        }
        entrants::attach(c, contest_id, user_id, &unit, &limits, db::now())?;
        log(
            c,
            actor,
            contest_id,
            "entrant.added",
            &format!("user:{user_id}"),
            json!({"new": {"email": email, "unit": unit, "cluster_ids": limits}}),
        )?;
        Ok(Added {
            entrant: find(c, contest_id, user_id)?,
            link,
        })
    })
}

/// A new one-time link for an entrant of the contest (the old unused ones end).
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, actor = %actor.id))]
pub fn new_link(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    user: UserId,
) -> AppResult<Added> {
    db::write_tx(conn, |c| {
        let entrant = find(c, contest_id, user)?;
        let link = password_links::issue(c, actor, user)?;
        Ok(Added {
            entrant,
            link: Some(link),
        })
    })
}

/// The cluster ids of a body, each one the contest's (text that is malformed or another
/// contest's is unknown).
fn cluster_limits(
    c: &mut DbConnection,
    contest_id: ContestId,
    ids: Option<&[String]>,
) -> AppResult<Vec<ClusterId>> {
    let Some(ids) = ids else {
        return Ok(Vec::new());
    };
    let known: Vec<ClusterId> = clusters::names(c, contest_id)?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let chosen: BTreeSet<ClusterId> = ids
        .iter()
        .map(|id| id.trim().parse().ok().filter(|id| known.contains(id)))
        .collect::<Option<_>>()
        .ok_or_else(|| {
            AppError::invalid(
                "cluster_ids",
                crate::i18n::setup::SetupMsg::ErrUnknownCluster,
            )
        })?;
    Ok(chosen.into_iter().collect())
}

/// Whose entries a user works with in a contest.
#[derive(Clone, Debug)]
pub enum EntryScope {
    /// Admins and the committee: every entry.
    All,
    /// An entrant: its unit's entries, in the clusters the committee opened to it.
    Unit(Entrant),
}

impl EntryScope {
    /// Whether the entry is within the scope: for an entrant, its unit's, in a cluster opened
    /// to it (an entry of its unit elsewhere, say one the committee imported, is not its own).
    pub fn covers(&self, entry: &Entry) -> bool {
        match self {
            EntryScope::All => true,
            EntryScope::Unit(e) => {
                normalize_name(&entry.unit) == normalize_name(&e.unit)
                    && self.allows_cluster(entry.cluster_id)
            }
        }
    }

    /// Whether an entry may be filed in the cluster.
    pub fn allows_cluster(&self, cluster: ClusterId) -> bool {
        match self {
            EntryScope::All => true,
            EntryScope::Unit(e) => e
                .cluster_ids
                .as_ref()
                .is_none_or(|ids| ids.contains(&cluster)),
        }
    }

    /// The entrant, when the scope is one.
    pub fn entrant(&self) -> Option<&Entrant> {
        match self {
            EntryScope::All => None,
            EntryScope::Unit(e) => Some(e),
        }
    }
}

/// The scope of `user` in the contest: everything for staff, its unit for an entrant of the
/// contest (404 for an entrant of other contests, as if this one did not exist; 403 for
/// judges).
pub fn scope(
    c: &mut DbConnection,
    user: &CurrentUser,
    contest_id: ContestId,
) -> AppResult<EntryScope> {
    match user.role {
        Role::Admin | Role::Committee => Ok(EntryScope::All),
        Role::Judge => Err(AppError::forbidden()),
        Role::Entrant => {
            db::contests::find(c, contest_id)?;
            entrants::find(c, contest_id, user.id)?.ok_or_else(AppError::not_found)?;
            Ok(EntryScope::Unit(find(c, contest_id, user.id)?))
        }
    }
}

/// The contest's declared registration window.
pub fn registration(c: &mut DbConnection, contest: &ContestRow) -> AppResult<Registration> {
    let first_stage_setup =
        crate::domain::phase::allows(contest.phase, crate::domain::phase::Action::EditSetup)
            && db::stages::current(c, contest.id)?.position == 1;
    Ok(Registration {
        open: contest.registration_open,
        deadline: contest.registration_deadline,
        setup_open: first_stage_setup,
    })
}

/// Refuses an entrant's write outside the registration window (409 `registration_closed`).
pub fn check_window(c: &mut DbConnection, contest: &ContestRow) -> AppResult<()> {
    registration(c, contest)?
        .check(db::now())
        .map_err(|closed| {
            let text = match closed {
                Closed::NotOpen => Text::new(M::ErrRegistrationNotOpen),
                Closed::DeadlinePassed(at) => Text::with(
                    M::ErrRegistrationDeadline,
                    [at.format("%Y-%m-%d %H:%M").to_string()],
                ),
                Closed::SetupOver => Text::new(M::ErrRegistrationOver),
            };
            AppError::conflict(text).with_field("registration_open")
        })
}

/// A write to the contest's entries by whoever the scope is: the committee in setup, an
/// entrant inside the registration window.
pub fn check_write(
    c: &mut DbConnection,
    scope: &EntryScope,
    contest_id: ContestId,
) -> AppResult<ContestRow> {
    match scope {
        EntryScope::All => super::setup_common::in_setup(c, contest_id),
        EntryScope::Unit(_) => {
            // The contest's row is locked first, as opening judging locks it: on PostgreSQL a
            // draft cannot slip in between the committee's check for drafts and the move.
            db::contests::lock(c, contest_id)?;
            let contest = db::contests::find(c, contest_id)?;
            check_window(c, &contest)?;
            Ok(contest)
        }
    }
}

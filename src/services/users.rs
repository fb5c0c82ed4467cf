//! Account management by admins: create, list, reset a password, deactivate.

use super::CurrentUser;
use crate::db::{self, audit, sessions, users, DbConnection};
use crate::domain::role::Role;
use crate::domain::validate;
use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::model::UserId;
use serde::Serialize;

/// A new account, as typed by an admin (checked by [`create`]).
#[derive(Clone)]
pub struct NewAccount {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub affiliation: String,
    pub password: String,
}

/// Written out so that the password never appears in a debug print.
impl std::fmt::Debug for NewAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewAccount")
            .field("email", &self.email)
            .field("name", &self.name)
            .field("role", &self.role)
            .field("affiliation", &self.affiliation)
            .field("password", &"…")
            .finish()
    }
}

/// An account as the API shows it (never the hash).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Account {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub affiliation: String,
    pub active: bool,
    #[serde(with = "crate::db::utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: chrono::NaiveDateTime,
}

impl From<users::UserRow> for Account {
    fn from(r: users::UserRow) -> Self {
        Account {
            id: r.id,
            name: r.name,
            email: r.email,
            role: r.role,
            affiliation: r.affiliation,
            active: r.active,
            created_at: r.created_at,
        }
    }
}

/// Checked fields of a new account; the first problem names its field.
pub fn check_new(input: &NewAccount) -> AppResult<NewAccount> {
    Ok(NewAccount {
        email: validate::email(&input.email).map_err(|m| AppError::invalid("email", m))?,
        name: validate::name(&input.name, true, 200).map_err(|m| AppError::invalid("name", m))?,
        role: input.role,
        affiliation: validate::name(&input.affiliation, false, 300)
            .map_err(|m| AppError::invalid("affiliation", m))?,
        password: validate::password(&input.password)
            .map_err(|m| AppError::invalid("password", m))?,
    })
}

/// Creates an account (hashing outside the transaction: argon2 is deliberately slow).
#[tracing::instrument(skip_all)]
pub fn create(
    conn: &mut DbConnection,
    actor: Option<&CurrentUser>,
    input: NewAccount,
) -> AppResult<Account> {
    let input = check_new(&input)?;
    let hash = crate::services::auth::hash_password(&input.password)?;
    db::write_tx(conn, |c| create_hashed(c, actor, &input, &hash))
}

/// Inserts an already-checked account inside the caller's transaction.
pub fn create_hashed(
    c: &mut DbConnection,
    actor: Option<&CurrentUser>,
    input: &NewAccount,
    hash: &str,
) -> AppResult<Account> {
    if users::find_by_email(c, &input.email)?.is_some() {
        return Err(AppError::invalid("email", Msg::ErrEmailTaken)
            .with_kind(crate::error::ErrorKind::Conflict));
    }
    let id = UserId::new();
    let now = db::now();
    users::insert(
        c,
        &users::NewUser {
            id,
            email: &input.email,
            name: &input.name,
            role: input.role,
            affiliation: &input.affiliation,
            password_hash: hash,
            active: true,
            created_at: now,
            updated_at: now,
        },
    )?;
    let actor_id = actor.map(|a| a.id);
    audit::record(
        c,
        audit::Record {
            contest_id: None,
            actor_id,
            action: "user.created",
            target: &format!("user:{id}"),
            detail: serde_json::json!({"new": {"email": input.email, "name": input.name, "role": input.role}}),
        },
    )?;
    Ok(users::find(c, id)?.into())
}

pub fn list(conn: &mut DbConnection) -> AppResult<Vec<Account>> {
    Ok(users::list(conn)?.into_iter().map(Account::from).collect())
}

/// Sets a new password for a user and ends their sessions.
#[tracing::instrument(skip_all, fields(user_id = %user_id, actor = %actor.id))]
pub fn reset_password(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    user_id: UserId,
    password: &str,
) -> AppResult<Account> {
    let password = validate::password(password).map_err(|m| AppError::invalid("password", m))?;
    let hash = crate::services::auth::hash_password(&password)?;
    db::write_tx(conn, |c| {
        let row = users::find(c, user_id)?;
        users::set_password(c, row.id, &hash, db::now())?;
        sessions::delete_for_user(c, row.id)?;
        audit::record(
            c,
            audit::Record {
                contest_id: None,
                actor_id: Some(actor.id),
                action: "user.password_reset",
                target: &format!("user:{}", row.id),
                detail: serde_json::json!({}),
            },
        )?;
        Ok(users::find(c, row.id)?.into())
    })
}

/// Deactivates a user: they can no longer sign in and their sessions end. Their past work
/// (sheets, audit records) stays.
#[tracing::instrument(skip_all, fields(user_id = %user_id, actor = %actor.id))]
pub fn deactivate(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    user_id: UserId,
) -> AppResult<Account> {
    if actor.id == user_id {
        return Err(AppError::conflict(Msg::ErrCannotDeactivateSelf));
    }
    db::write_tx(conn, |c| {
        let row = users::find(c, user_id)?;
        users::set_active(c, row.id, false, db::now())?;
        sessions::delete_for_user(c, row.id)?;
        audit::record(
            c,
            audit::Record {
                contest_id: None,
                actor_id: Some(actor.id),
                action: "user.deactivated",
                target: &format!("user:{}", row.id),
                detail: serde_json::json!({"old": {"active": row.active}, "new": {"active": false}}),
            },
        )?;
        Ok(users::find(c, row.id)?.into())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_debug_print_never_shows_the_password() {
        let account = NewAccount {
            email: "juri@example.org".into(),
            name: "Juri".into(),
            role: Role::Judge,
            affiliation: String::new(),
            password: "rahasia-sekali-42".into(),
        };
        let printed = format!("{account:?}");
        assert!(printed.contains("juri@example.org") && !printed.contains("rahasia"));
        let entrant = crate::services::entrants::NewEntrant {
            password: Some("rahasia-sekali-42".into()),
            ..Default::default()
        };
        assert!(!format!("{entrant:?}").contains("rahasia"));
        let judge = crate::services::judges::NewJudge {
            password: "rahasia-sekali-42".into(),
            ..Default::default()
        };
        assert!(!format!("{judge:?}").contains("rahasia"));
    }
}

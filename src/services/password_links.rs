//! One-time set-password links: the committee hands a link to an entrant instead of a
//! password. A link is valid for [`LINK_VALID`], works once, and a new link for the same
//! account ends the unused ones. Only the token's SHA-256 is stored, so the database alone
//! does not let anyone set a password.

use super::CurrentUser;
use crate::db::{self, audit, password_links, sessions, users, DbConnection};
use crate::domain::validate;
use crate::error::{AppError, AppResult};
use crate::i18n::entrants::EntrantMsg as M;
use crate::model::UserId;
use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

/// The page of a link, before its token (the request log leaves the token out).
pub const LINK_PATH: &str = "/set-password/";

/// How long a link stays valid.
pub const LINK_VALID: chrono::Duration = chrono::Duration::days(7);

/// A freshly issued link's token (shown once, never stored) and when it expires.
#[derive(Clone, Debug)]
pub struct Issued {
    pub token: String,
    pub expires_at: NaiveDateTime,
}

impl Issued {
    /// The page that uses the link, relative to the server's address.
    pub fn path(&self) -> String {
        format!("{LINK_PATH}{}", self.token)
    }
}

fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.trim().as_bytes()))
}

/// Issues a link for `user` (inside the caller's transaction), ending its unused links.
pub fn issue(c: &mut DbConnection, actor: &CurrentUser, user: UserId) -> AppResult<Issued> {
    let now = db::now();
    password_links::revoke_unused(c, user, now)?;
    let token = super::auth::random_string(43);
    let expires_at = now + LINK_VALID;
    password_links::insert(c, &digest(&token), user, Some(actor.id), now, expires_at)?;
    audit::record(
        c,
        audit::Record {
            contest_id: None,
            actor_id: Some(actor.id),
            action: "user.password_link",
            target: &format!("user:{user}"),
            detail: serde_json::json!({"new": {"expires_at": db::iso(expires_at)}}),
        },
    )?;
    Ok(Issued { token, expires_at })
}

/// The account a usable link belongs to (404 for an unknown link, 409 for a used or expired
/// one): what the set-password page greets.
pub fn account_of(c: &mut DbConnection, token: &str) -> AppResult<users::UserRow> {
    let link = password_links::find(c, &digest(token))?.ok_or_else(AppError::not_found)?;
    if link.used_at.is_some() {
        return Err(AppError::conflict(M::ErrLinkUsed).with_field("token"));
    }
    if link.expires_at <= db::now() {
        return Err(AppError::conflict(M::ErrLinkExpired).with_field("token"));
    }
    Ok(users::find(c, link.user_id)?)
}

/// Sets the account's password through the link, once; its sessions end (a link is also how
/// a lost password is replaced).
#[tracing::instrument(skip_all)]
pub fn set_password(conn: &mut DbConnection, token: &str, password: &str) -> AppResult<UserId> {
    account_of(conn, token)?;
    let password = validate::password(password).map_err(|m| AppError::invalid("password", m))?;
    // Hashed outside the transaction: argon2 is deliberately slow.
    let hash = super::auth::hash_password(&password)?;
    db::write_tx(conn, |c| {
        let user = account_of(c, token)?;
        // The update only succeeds while the link is unused: two simultaneous uses cannot
        // both set a password.
        if password_links::use_once(c, &digest(token), db::now())? != 1 {
            return Err(AppError::conflict(M::ErrLinkUsed).with_field("token"));
        }
        users::set_password(c, user.id, &hash, db::now())?;
        sessions::delete_for_user(c, user.id)?;
        audit::record(
            c,
            audit::Record {
                contest_id: None,
                actor_id: Some(user.id),
                action: "user.password_set_by_link",
                target: &format!("user:{}", user.id),
                detail: serde_json::json!({}),
            },
        )?;
        Ok(user.id)
    })
}

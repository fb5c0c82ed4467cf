//! Signing in and out, passwords and tokens.
//!
//! Tokens are short-lived HS256 JWTs naming a server-side session row; the row is checked on
//! every request (or remembered for a few seconds, see [`super::session_cache`]), so logout, a
//! password change, a reset or deactivation revoke at once (the way lemmy checks its login
//! tokens).

use super::CurrentUser;
use crate::db::{self, sessions, settings, users, DbConnection};
use crate::domain::role::Role;
use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::model::{SessionId, UserId};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::{distributions::Alphanumeric, Rng};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use std::time::Duration;

/// The token signing keys.
pub struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl Keys {
    pub fn new(secret: &str) -> Keys {
        Keys {
            encoding: EncodingKey::from_secret(secret.as_bytes()),
            decoding: DecodingKey::from_secret(secret.as_bytes()),
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    sid: String,
    role: String,
    iat: i64,
    exp: i64,
}

/// What a successful sign-in returns.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Login {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub user: CurrentUser,
}

pub fn random_string(len: usize) -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}

/// An argon2id hash with the crate's recommended parameters.
pub fn hash_password(password: &str) -> AppResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::internal(format!("argon2: {e}")))
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to verify against when the email is unknown, so a wrong email takes as long as a
/// wrong password and the answer gives nothing away.
fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| hash_password("juri-timing-equaliser").unwrap_or_default())
}

pub fn to_current(row: &users::UserRow) -> AppResult<CurrentUser> {
    Ok(CurrentUser {
        id: row.id,
        name: row.name.clone(),
        email: row.email.clone(),
        role: row.role,
        affiliation: row.affiliation.clone(),
    })
}

fn invalid_credentials() -> AppError {
    AppError::unauthenticated(Msg::ErrInvalidCredentials)
}

/// Checks the password and opens a session. The same answer for an unknown email, a wrong
/// password and a deactivated account.
#[tracing::instrument(skip_all)]
pub fn login(
    conn: &mut DbConnection,
    keys: &Keys,
    email: &str,
    password: &str,
    ttl: Duration,
) -> AppResult<Login> {
    let email = email.trim().to_lowercase();
    let row = users::find_by_email(conn, &email)?;
    let Some(row) = row else {
        verify_password(password, dummy_hash());
        return Err(invalid_credentials());
    };
    if !verify_password(password, &row.password_hash) || !row.active {
        return Err(invalid_credentials());
    }
    issue(conn, keys, &row, ttl)
}

/// Opens a session for `row` and signs its token.
pub fn issue(
    conn: &mut DbConnection,
    keys: &Keys,
    row: &users::UserRow,
    ttl: Duration,
) -> AppResult<Login> {
    let now = db::now();
    let ttl = chrono::Duration::from_std(ttl).unwrap_or(chrono::Duration::hours(8));
    let expires = now + ttl;
    let sid = SessionId::new();
    db::write_tx(conn, |c| {
        sessions::delete_expired(c, now)?;
        sessions::insert(
            c,
            &sessions::NewSession {
                id: sid,
                user_id: row.id,
                created_at: now,
                expires_at: expires,
            },
        )
    })?;
    let claims = Claims {
        sub: row.id.to_string(),
        sid: sid.to_string(),
        role: row.role.to_string(),
        iat: now.and_utc().timestamp(),
        exp: expires.and_utc().timestamp(),
    };
    let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &keys.encoding)
        .map_err(|e| AppError::internal(format!("jwt encode: {e}")))?;
    Ok(Login {
        token,
        expires_at: expires.and_utc(),
        user: to_current(row)?,
    })
}

/// A token whose signature and expiry hold: who it names and which session it belongs to.
#[derive(Clone, Debug)]
pub struct VerifiedToken {
    pub user_id: UserId,
    pub session_id: SessionId,
}

/// Checks a token's signature and expiry (no database): the first half of authentication.
pub fn verify_token(keys: &Keys, token: &str) -> AppResult<VerifiedToken> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.leeway = 0;
    validation.set_required_spec_claims(&["exp", "sub"]);
    let claims = jsonwebtoken::decode::<Claims>(token, &keys.decoding, &validation)
        .map_err(|_| AppError::unauthenticated(Msg::ErrTokenInvalid))?
        .claims;
    let invalid = || AppError::unauthenticated(Msg::ErrTokenInvalid);
    Ok(VerifiedToken {
        user_id: claims.sub.parse().map_err(|_| invalid())?,
        session_id: claims.sid.parse().map_err(|_| invalid())?,
    })
}

/// The second half: the token's session row must still be live and its user active.
pub fn session_user(conn: &mut DbConnection, token: &VerifiedToken) -> AppResult<CurrentUser> {
    let row = sessions::live_user(conn, token.session_id, db::now())?
        .filter(|u| u.id == token.user_id)
        .ok_or_else(|| AppError::unauthenticated(Msg::ErrTokenInvalid))?;
    to_current(&row)
}

/// Ends every session of the user: a sign-out revokes all tokens issued before it.
#[tracing::instrument(skip_all, fields(user = %user.id))]
pub fn logout(conn: &mut DbConnection, user: &CurrentUser) -> AppResult<()> {
    sessions::delete_for_user(conn, user.id)?;
    Ok(())
}

/// Changes the user's own password and revokes every earlier token.
#[tracing::instrument(skip_all, fields(user = %user.id))]
pub fn change_password(
    conn: &mut DbConnection,
    user: &CurrentUser,
    current: &str,
    new: &str,
) -> AppResult<()> {
    let row = users::find(conn, user.id)?;
    if !verify_password(current, &row.password_hash) {
        return Err(AppError::invalid("current_password", Msg::ErrWrongPassword));
    }
    let new =
        crate::domain::validate::password(new).map_err(|m| AppError::invalid("new_password", m))?;
    let hash = hash_password(&new)?;
    db::write_tx(conn, |c| {
        users::set_password(c, row.id, &hash, db::now())?;
        sessions::delete_for_user(c, row.id)?;
        db::audit::record(
            c,
            db::audit::Record {
                contest_id: None,
                actor_id: Some(row.id),
                action: "user.password_changed",
                target: &format!("user:{}", row.id),
                detail: serde_json::json!({}),
            },
        )
    })?;
    Ok(())
}

/// The token signing secret: the configured one, else the one stored in the database, else a
/// new random one stored for every later start and every other instance.
pub fn ensure_secret(conn: &mut DbConnection, configured: Option<&str>) -> AppResult<String> {
    if let Some(secret) = configured {
        return Ok(secret.to_string());
    }
    Ok(settings::get_or_insert(
        conn,
        "jwt_secret",
        &random_string(64),
    )?)
}

/// On a start with no users, creates the first admin. Returns the generated password when none
/// was configured, so the caller can print it once.
pub fn ensure_admin(
    conn: &mut DbConnection,
    email: Option<&str>,
    password: Option<&str>,
) -> AppResult<Option<(String, Option<String>)>> {
    if users::count(conn)? > 0 {
        return Ok(None);
    }
    let email = email.unwrap_or("admin@localhost");
    let (password, generated) = match password {
        Some(p) => (p.to_string(), None),
        None => {
            let p = random_string(16);
            (p.clone(), Some(p))
        }
    };
    super::users::create(
        conn,
        None,
        super::users::NewAccount {
            email: email.to_string(),
            name: "Administrator".into(),
            role: Role::Admin,
            affiliation: String::new(),
            password,
        },
    )?;
    Ok(Some((email.to_string(), generated)))
}

//! Settings from environment variables, each with a documented default
//! (docs/configuration.md). Read once at start-up.

use crate::db::{DatabaseUrl, SqliteOptions, Synchronous};
use secrecy::SecretString;
use std::time::Duration;

const MB: u64 = 1024 * 1024;

#[derive(Clone, Debug)]
pub struct Config {
    /// `JURI_BIND`: address and port to listen on.
    pub bind: String,
    /// `DATABASE_URL`: `sqlite://PATH`, a bare path, or `postgres://…`.
    pub database_url: DatabaseUrl,
    /// `JURI_JWT_SECRET`: signing key for tokens; when unset, generated once and kept in the
    /// database so restarts and several instances share it.
    pub jwt_secret: Option<SecretString>,
    /// `JURI_ADMIN_EMAIL` / `JURI_ADMIN_PASSWORD`: the first admin, created on a start with no
    /// users.
    pub admin_email: Option<String>,
    pub admin_password: Option<SecretString>,
    /// `JURI_TOKEN_TTL_MINUTES`: how long a sign-in lasts (default 480, a working day).
    pub token_ttl: Duration,
    /// `JURI_SECURE_COOKIES`: always mark cookies `Secure` (set to true when every visitor
    /// comes over HTTPS).
    pub secure_cookies: bool,
    /// `JURI_TRUST_FORWARDED_PROTO`: behind a TLS-terminating proxy that sets
    /// `X-Forwarded-Proto`, believe it: a request it marks `https` gets a `Secure` cookie. Off by
    /// default, because anyone can send the header to a juri that no proxy fronts.
    pub trust_forwarded_proto: bool,
    /// `JURI_SQLITE_SYNCHRONOUS`: `full` (default: an acknowledged sheet survives a power cut)
    /// or `normal` (safe against a crash of juri, not of the machine; a little faster).
    pub sqlite_synchronous: Synchronous,
    /// `JURI_SQLITE_MAX_PAGES`: cap the SQLite database at this many 4 KiB pages (unset: no cap).
    /// A write past it is refused as on a full disk (507).
    pub sqlite_max_pages: Option<u64>,
    /// `JURI_DB_POOL_SIZE`: database connections (default 10; SQLite uses at most 8).
    pub pool_size: u32,
    /// `JURI_LOGIN_MAX_FAILURES`: failed sign-ins per account in the throttle window before
    /// further attempts get 429 (default 5; per client address it is four times that).
    pub login_max_failures: usize,
    /// `JURI_LOGIN_WINDOW_SECONDS`: the throttle window (default 900).
    pub login_window: Duration,
    /// `JURI_WORKERS`: HTTP worker threads (default: the number of cores).
    pub workers: Option<usize>,
    /// `JURI_SESSION_CACHE_SECONDS`: how long a verified session is remembered before its row
    /// is read again (default 10; 0 reads it on every request). Revocation is immediate on the
    /// instance that makes it; other instances on a shared PostgreSQL notice within this time.
    pub session_cache: Duration,
    /// `JURI_RESULTS_KEEP_JSON_KB`: results whose JSON is at most this large are kept ready to
    /// send (default 4096; a regency contest's is about 1 MB); larger ones (a national
    /// contest's is 128 MB) are written out per request from their compact form.
    pub results_keep_json: usize,
    /// `JURI_MAX_DOCUMENT_MB`: the largest document a file may be (default 20).
    pub max_document_bytes: u64,
    /// `JURI_MAX_ENTRY_DOCUMENTS_MB`: what one entry's documents may take together (default
    /// 100).
    pub max_entry_documents_bytes: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: "127.0.0.1:8080".into(),
            database_url: DatabaseUrl::Sqlite("juri.db".into()),
            jwt_secret: None,
            admin_email: None,
            admin_password: None,
            token_ttl: Duration::from_secs(480 * 60),
            secure_cookies: false,
            trust_forwarded_proto: false,
            sqlite_synchronous: Synchronous::Full,
            sqlite_max_pages: None,
            pool_size: 10,
            login_max_failures: 5,
            login_window: Duration::from_secs(900),
            workers: None,
            session_cache: Duration::from_secs(10),
            results_keep_json: 4096 * 1024,
            max_document_bytes: 20 * MB,
            max_entry_documents_bytes: 100 * MB,
        }
    }
}

impl Config {
    /// The SQLite connection settings.
    pub fn sqlite(&self) -> SqliteOptions {
        SqliteOptions {
            synchronous: self.sqlite_synchronous,
            max_pages: self.sqlite_max_pages,
        }
    }

    /// Reads the environment; an unreadable value is an error naming the variable.
    pub fn from_env() -> Result<Config, String> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        let d = Config::default();
        let non_empty = |key: &str| get(key).filter(|v| !v.trim().is_empty());
        let number = |key: &str, default: u64| -> Result<u64, String> {
            match non_empty(key) {
                None => Ok(default),
                Some(v) => v
                    .trim()
                    .parse()
                    .map_err(|_| format!("{key} must be a whole number, got {v:?}")),
            }
        };
        let database_url = match non_empty("DATABASE_URL") {
            Some(url) => DatabaseUrl::parse(&url)?,
            None => d.database_url,
        };
        let flag = |key: &str, default: bool| match non_empty(key).as_deref() {
            None => Ok(default),
            Some("1" | "true" | "yes") => Ok(true),
            Some("0" | "false" | "no") => Ok(false),
            Some(other) => Err(format!("{key} must be true or false, got {other:?}")),
        };
        let secure_cookies = flag("JURI_SECURE_COOKIES", d.secure_cookies)?;
        let trust_forwarded_proto = flag("JURI_TRUST_FORWARDED_PROTO", d.trust_forwarded_proto)?;
        let sqlite_synchronous = match non_empty("JURI_SQLITE_SYNCHRONOUS")
            .map(|v| v.trim().to_ascii_lowercase())
            .as_deref()
        {
            None => d.sqlite_synchronous,
            Some("full") => Synchronous::Full,
            Some("normal") => Synchronous::Normal,
            Some(other) => {
                return Err(format!(
                    "JURI_SQLITE_SYNCHRONOUS must be full or normal, got {other:?}"
                ))
            }
        };
        let ttl_minutes = number("JURI_TOKEN_TTL_MINUTES", d.token_ttl.as_secs() / 60)?;
        if ttl_minutes == 0 {
            return Err("JURI_TOKEN_TTL_MINUTES must be at least 1".into());
        }
        let workers = match number("JURI_WORKERS", d.workers.unwrap_or(0) as u64)? {
            0 => None,
            n => Some(n as usize),
        };
        Ok(Config {
            bind: non_empty("JURI_BIND").unwrap_or(d.bind),
            database_url,
            jwt_secret: non_empty("JURI_JWT_SECRET").map(SecretString::from),
            admin_email: non_empty("JURI_ADMIN_EMAIL"),
            admin_password: non_empty("JURI_ADMIN_PASSWORD").map(SecretString::from),
            token_ttl: Duration::from_secs(ttl_minutes * 60),
            secure_cookies,
            trust_forwarded_proto,
            sqlite_synchronous,
            sqlite_max_pages: match number("JURI_SQLITE_MAX_PAGES", 0)? {
                0 => None,
                n => Some(n),
            },
            pool_size: number("JURI_DB_POOL_SIZE", d.pool_size.into())?.clamp(1, 200) as u32,
            login_max_failures: number("JURI_LOGIN_MAX_FAILURES", d.login_max_failures as u64)?
                .max(1) as usize,
            login_window: Duration::from_secs(
                number("JURI_LOGIN_WINDOW_SECONDS", d.login_window.as_secs())?.max(1),
            ),
            workers,
            session_cache: Duration::from_secs(
                number("JURI_SESSION_CACHE_SECONDS", d.session_cache.as_secs())?.min(3600),
            ),
            results_keep_json: number(
                "JURI_RESULTS_KEEP_JSON_KB",
                d.results_keep_json as u64 / 1024,
            )?
            .min(1 << 20) as usize
                * 1024,
            max_document_bytes: number("JURI_MAX_DOCUMENT_MB", d.max_document_bytes / MB)?
                .clamp(1, 4096)
                * MB,
            max_entry_documents_bytes: number(
                "JURI_MAX_ENTRY_DOCUMENTS_MB",
                d.max_entry_documents_bytes / MB,
            )?
            .clamp(1, 1 << 20)
                * MB,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn cfg(vars: &[(&str, &str)]) -> Result<Config, String> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_are_the_documented_ones() {
        let c = cfg(&[]).unwrap();
        assert_eq!(c.bind, "127.0.0.1:8080");
        assert_eq!(c.database_url, DatabaseUrl::Sqlite("juri.db".into()));
        assert_eq!(c.token_ttl, Duration::from_secs(8 * 3600));
        assert!(!c.secure_cookies);
        assert_eq!(c.session_cache, Duration::from_secs(10));
        assert_eq!(
            c.sqlite_synchronous,
            Synchronous::Full,
            "power-cut safe by default"
        );
        let normal = cfg(&[("JURI_SQLITE_SYNCHRONOUS", "normal")]).unwrap();
        assert_eq!(normal.sqlite_synchronous, Synchronous::Normal);
        assert!(cfg(&[("JURI_SQLITE_SYNCHRONOUS", "off")]).is_err());
        let off = cfg(&[("JURI_SESSION_CACHE_SECONDS", "0")]).unwrap();
        assert_eq!(off.session_cache, Duration::ZERO);
    }

    #[test]
    fn secrets_never_print() {
        let c = cfg(&[
            ("JURI_JWT_SECRET", "very-secret-signing-key"),
            ("JURI_ADMIN_PASSWORD", "hunter2-hunter2"),
            ("DATABASE_URL", "postgres://juri:db-password@127.0.0.1/juri"),
        ])
        .unwrap();
        let printed = format!("{c:?}");
        for secret in ["very-secret-signing-key", "hunter2-hunter2", "db-password"] {
            assert!(!printed.contains(secret), "{secret} in {printed}");
        }
        assert!(
            printed.contains("127.0.0.1"),
            "the rest stays readable: {printed}"
        );
    }

    #[test]
    fn bad_values_name_the_variable() {
        let err = cfg(&[("JURI_TOKEN_TTL_MINUTES", "soon")]).unwrap_err();
        assert!(err.contains("JURI_TOKEN_TTL_MINUTES"));
        assert!(cfg(&[("DATABASE_URL", "mysql://x")]).is_err());
        assert!(cfg(&[("JURI_SECURE_COOKIES", "maybe")]).is_err());
    }
}

//! Storage: one connection type over SQLite (the embedded default) or PostgreSQL (for several
//! app instances), a pool, the embedded per-backend migrations, and one module per table.
//!
//! The backend is chosen from the URL scheme by [`DatabaseUrl`] rather than by letting diesel's
//! `MultiConnection` try each backend in turn, because that guessing hides the real connection
//! error (a typo in a PostgreSQL password would surface as "not a SQLite file").

pub mod schema;

pub mod acknowledgements;
pub mod assignments;
pub mod audit;
pub mod blobs;
pub mod clusters;
pub mod conflicts;
pub mod contests;
pub mod criteria;
pub mod decisions;
pub mod documents;
pub mod entrants;
pub mod entries;
pub mod error;
pub mod group_commit;
pub mod ids;
pub mod judges;
pub mod judging;
pub mod password_links;
pub mod results;
pub mod screenings;
pub mod seed;
pub mod sessions;
pub mod settings;
pub mod sheets;
mod sqlite_setup;
pub mod stages;
pub mod storage;
pub mod users;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::time::Duration;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// A connection to whichever backend the deployment uses. Queries written with diesel's DSL
/// run on both; code that must differ per backend matches on the variant.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(diesel::SqliteConnection),
    Postgres(diesel::PgConnection),
}

/// Runs `$body` with `$c` bound to the backend's own connection (`SqliteConnection` or
/// `PgConnection`), for queries written with diesel's DSL on hot paths.
///
/// Why: diesel's `MultiConnection` wraps every query in a type whose `walk_ast` writes the
/// query's whole SQL text out again on each pass over it (the prepared-statement cache check,
/// the bind collection), although the statement is already prepared. A profile of sheet saves
/// under load put that text-building, and the allocator contention it causes, at ~15 % of the
/// server's time. A backend's own connection finds its prepared statement by the query's type
/// and builds no text. The body is the same code for both backends; it is compiled twice.
macro_rules! native {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConnection::Sqlite($c) => $body,
            $crate::db::DbConnection::Postgres($c) => $body,
        }
    };
}
pub(crate) use native;

/// Which backend a `DATABASE_URL` names. Its `Debug` hides a PostgreSQL password.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A file path (relative paths resolve against the working directory).
    Sqlite(String),
    Postgres(String),
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DatabaseUrl::Sqlite(path) => f.debug_tuple("Sqlite").field(path).finish(),
            DatabaseUrl::Postgres(raw) => {
                let shown = match url::Url::parse(raw) {
                    Ok(mut url) if url.password().is_some() => {
                        let _ = url.set_password(Some("[REDACTED]"));
                        url.to_string()
                    }
                    Ok(url) => url.to_string(),
                    Err(_) => "[unreadable URL]".to_string(),
                };
                f.debug_tuple("Postgres").field(&shown).finish()
            }
        }
    }
}

impl DatabaseUrl {
    /// `postgres://…` or `postgresql://…` is PostgreSQL; `sqlite://PATH`, `sqlite:PATH` or a
    /// bare path is SQLite.
    pub fn parse(url: &str) -> Result<Self, String> {
        let url = url.trim();
        if url.is_empty() {
            return Err("DATABASE_URL is empty".into());
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres(url.to_string()));
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        if path.contains("://") {
            return Err(format!(
                "DATABASE_URL scheme not supported: {url} (use sqlite://PATH or postgres://…)"
            ));
        }
        if path.is_empty() {
            return Err("DATABASE_URL names no SQLite file".into());
        }
        Ok(Self::Sqlite(path.to_string()))
    }

    pub fn is_sqlite(&self) -> bool {
        matches!(self, Self::Sqlite(_))
    }
}

/// Opens connections for the pool and prepares each one (SQLite pragmas).
#[derive(Clone, Debug)]
pub struct Manager {
    url: DatabaseUrl,
    sqlite: SqliteOptions,
}

/// What a deployment may set about its SQLite connections.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SqliteOptions {
    /// `JURI_SQLITE_SYNCHRONOUS`.
    pub synchronous: Synchronous,
    /// `JURI_SQLITE_MAX_PAGES`: a cap on the database's size, in 4 KiB pages (none by default).
    /// Past it a write fails as on a full disk.
    pub max_pages: Option<u64>,
}

/// How SQLite waits for the disk at a commit (`PRAGMA synchronous`).
///
/// `Full` (the default) syncs the write-ahead log at every commit: an acknowledged sheet
/// survives a power cut, which in many regencies is a real risk. The group commit writer pays
/// one sync per batch of saves, not per save. `Normal` syncs only at checkpoints: as safe
/// against a crash of juri itself, but the last commits before a power cut can vanish.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Synchronous {
    #[default]
    Full,
    Normal,
}

impl Synchronous {
    fn pragma(self) -> &'static str {
        match self {
            Synchronous::Full => "FULL",
            Synchronous::Normal => "NORMAL",
        }
    }
}

/// The size, in bytes, a SQLite write-ahead log is cut back to whenever it starts over (the
/// checkpointer restarts it near 16 MB, see `group_commit`).
pub const WAL_SIZE_LIMIT: u64 = 16 * 1024 * 1024;

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        match &self.url {
            DatabaseUrl::Sqlite(path) => {
                sqlite_setup::apply_once();
                let mut conn = diesel::SqliteConnection::establish(path)
                    .map_err(r2d2::Error::ConnectionError)?;
                // The busy timeout makes concurrent writers queue instead of failing; foreign
                // keys are off by default. The file is already in WAL mode ([`connect`]). A WAL
                // that grew (a long import, a disk that was full) is cut back to
                // [`WAL_SIZE_LIMIT`] each time it starts over, instead of keeping its largest
                // size on the disk for good.
                conn.batch_execute(&format!(
                    "PRAGMA busy_timeout = 10000; PRAGMA synchronous = {}; \
                     PRAGMA foreign_keys = ON; PRAGMA journal_size_limit = {WAL_SIZE_LIMIT};",
                    self.sqlite.synchronous.pragma()
                ))
                .map_err(r2d2::Error::QueryError)?;
                if let Some(pages) = self.sqlite.max_pages {
                    conn.batch_execute(&format!("PRAGMA max_page_count = {pages};"))
                        .map_err(r2d2::Error::QueryError)?;
                }
                Ok(DbConnection::Sqlite(conn))
            }
            DatabaseUrl::Postgres(url) => diesel::PgConnection::establish(url)
                .map(DbConnection::Postgres)
                .map_err(r2d2::Error::ConnectionError),
        }
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        is_broken(conn)
    }
}

/// Whether diesel gave up on the connection's transactions: after a rollback that failed, for
/// instance when SQLite had already rolled back by itself (it does on a full disk). Such a
/// connection is dropped, not reused.
pub fn is_broken(conn: &mut DbConnection) -> bool {
    use diesel::connection::{
        AnsiTransactionManager, TransactionManager, TransactionManagerStatus,
    };
    let status = match conn {
        DbConnection::Sqlite(c) => {
            <AnsiTransactionManager as TransactionManager<_>>::transaction_manager_status_mut(c)
        }
        DbConnection::Postgres(c) => {
            <AnsiTransactionManager as TransactionManager<_>>::transaction_manager_status_mut(c)
        }
    };
    matches!(status, TransactionManagerStatus::InError)
}

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConn = r2d2::PooledConnection<Manager>;

/// Builds the pool. SQLite gets few connections: it has one writer at a time anyway, and the
/// busy timeout queues the rest.
pub fn connect(url: &DatabaseUrl, max_size: u32) -> Result<Pool, String> {
    connect_with(url, max_size, SqliteOptions::default())
}

/// [`connect`] with the deployment's SQLite settings.
pub fn connect_with(
    url: &DatabaseUrl,
    max_size: u32,
    sqlite: SqliteOptions,
) -> Result<Pool, String> {
    if let DatabaseUrl::Sqlite(path) = url {
        use_wal(path)?;
    }
    let size = if url.is_sqlite() {
        max_size.min(8)
    } else {
        max_size
    };
    r2d2::Pool::builder()
        .max_size(size.max(1))
        // A connection to a local file cannot drop, so checking it with a query on every
        // checkout (r2d2's default) only costs time; a PostgreSQL connection can.
        .test_on_check_out(!url.is_sqlite())
        .connection_timeout(Duration::from_secs(10))
        .build(Manager {
            url: url.clone(),
            sqlite,
        })
        .map_err(|e| format!("cannot open the database: {e}"))
}

/// Puts the SQLite file in WAL mode (readers work while a judge's sheet is written) before the
/// pool opens its connections. The mode is kept in the file, so one connection sets it for all:
/// when every pooled connection switched it as it opened, the first start's connections raced
/// for the lock the switch needs, which SQLite refuses at once rather than waiting, and a
/// newcomer's first log said `ERROR database is locked`.
fn use_wal(path: &str) -> Result<(), String> {
    sqlite_setup::apply_once();
    let mut conn = diesel::SqliteConnection::establish(path)
        .map_err(|e| format!("cannot open the database: {e}"))?;
    conn.batch_execute("PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL;")
        .map_err(|e| format!("cannot switch the database to WAL: {e}"))
}

/// Applies the pending migrations of the connection's backend; returns how many ran.
pub fn migrate(conn: &mut DbConnection) -> Result<usize, String> {
    let result = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
        DbConnection::Postgres(c) => c
            .run_pending_migrations(POSTGRES_MIGRATIONS)
            .map(|v| v.len()),
    };
    result.map_err(|e| format!("migration failed: {e}"))
}

/// Undoes the migrations of the connection's backend from the newest down to `version` (each
/// one's `down.sql`); returns how many. [`migrate`] applies them again. For the tests of a
/// migration's backfill of existing rows.
pub fn revert_through(conn: &mut DbConnection, version: &str) -> Result<usize, String> {
    let mut reverted = 0;
    loop {
        let result = match conn {
            DbConnection::Sqlite(c) => c
                .revert_last_migration(SQLITE_MIGRATIONS)
                .map(|v| v.to_string()),
            DbConnection::Postgres(c) => c
                .revert_last_migration(POSTGRES_MIGRATIONS)
                .map(|v| v.to_string()),
        };
        let undone = result.map_err(|e| format!("reverting a migration failed: {e}"))?;
        reverted += 1;
        // diesel names a migration by its folder's date without the dashes.
        if undone.replace('-', "") <= version.replace('-', "") {
            return Ok(reverted);
        }
    }
}

/// A new UUID as stored in the database: version 7, whose leading bits are the time, so rows
/// created one after another sit next to each other in their primary-key index (a random v4
/// key puts each new sheet, score and audit record on a different page, and SQLite writes
/// every page it touched at commit). The other 74 bits are random: ids stay unguessable.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The current UTC time, truncated to microseconds so both backends store it identically.
pub fn now() -> chrono::NaiveDateTime {
    let now = chrono::Utc::now();
    chrono::DateTime::from_timestamp_micros(now.timestamp_micros())
        .unwrap_or(now)
        .naive_utc()
}

/// The one SQLite writer of this process at a time (see [`write_tx`]).
static SQLITE_WRITER: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Runs `f` in a write transaction. On SQLite it begins with `BEGIN IMMEDIATE`, taking the
/// write lock up front: a deferred transaction that reads first and writes later can fail with
/// `SQLITE_BUSY` under concurrent writers no matter the busy timeout, and a judge's
/// acknowledged sheet must never be lost to that. PostgreSQL uses a normal transaction.
pub fn write_tx<T, E>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    let DbConnection::Sqlite(sqlite) = conn else {
        return conn.transaction(f);
    };
    // SQLite admits one writer; waiting writers would otherwise poll in its busy handler, which
    // sleeps in growing steps (up to 100 ms) and makes the slowest saves very slow. Queueing
    // them on a lock in this process hands the database over as soon as it is free. (Other
    // processes — `juri backup` — are still covered by the busy timeout.)
    let _lane = SQLITE_WRITER
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")?;
    let result = f(conn);
    let DbConnection::Sqlite(sqlite) = conn else {
        return result;
    };
    match result {
        Ok(value) => {
            if let Err(e) = AnsiTransactionManager::commit_transaction(sqlite) {
                let _ = AnsiTransactionManager::rollback_transaction(sqlite);
                return Err(e.into());
            }
            Ok(value)
        }
        Err(e) => {
            // On a full disk SQLite has already rolled back, and this rollback fails: the
            // caller still hears the first error (the pool then drops the connection).
            let _ = AnsiTransactionManager::rollback_transaction(sqlite);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_pick_their_backend() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://juri.db"),
            Ok(DatabaseUrl::Sqlite("juri.db".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("/tmp/x.db"),
            Ok(DatabaseUrl::Sqlite("/tmp/x.db".into()))
        );
        assert!(matches!(
            DatabaseUrl::parse("postgresql://u@h/db"),
            Ok(DatabaseUrl::Postgres(_))
        ));
        assert!(DatabaseUrl::parse("mysql://x").is_err());
        assert!(DatabaseUrl::parse("").is_err());
    }

    #[derive(diesel::QueryableByName)]
    struct Pragma {
        #[diesel(sql_type = diesel::sql_types::Integer)]
        synchronous: i32,
    }

    /// Power-cut safe by default: every pooled SQLite connection commits with `FULL` (2), and
    /// with `NORMAL` (1) only when asked; the file is in WAL mode.
    #[test]
    fn sqlite_commits_survive_a_power_cut_unless_told_otherwise() {
        for (synchronous, expected) in [(Synchronous::default(), 2), (Synchronous::Normal, 1)] {
            let file = std::env::temp_dir().join(format!("juri_sync_{}.db", uuid::Uuid::new_v4()));
            let url = DatabaseUrl::Sqlite(file.display().to_string());
            let options = SqliteOptions {
                synchronous,
                max_pages: None,
            };
            let pool = connect_with(&url, 2, options).unwrap();
            let mut conn = pool.get().unwrap();
            let row: Pragma = diesel::sql_query("PRAGMA synchronous")
                .get_result(&mut *conn)
                .unwrap();
            assert_eq!(row.synchronous, expected, "{synchronous:?}");
            drop(conn);
            drop(pool);
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
        }
    }

    /// A WAL that grew past the limit (here 40 MB written in one transaction, as a disk that
    /// filled up leaves it) shrinks back once it is checkpointed and written again, so the
    /// space freed to recover from a full disk is not eaten again by the log.
    #[test]
    fn a_grown_wal_is_cut_back_after_a_checkpoint() {
        let file = std::env::temp_dir().join(format!("juri_wal_{}.db", uuid::Uuid::new_v4()));
        let url = DatabaseUrl::Sqlite(file.display().to_string());
        let pool = connect_with(&url, 1, SqliteOptions::default()).unwrap();
        let mut conn = pool.get().unwrap();
        let wal = || std::fs::metadata(format!("{}-wal", file.display())).map_or(0, |m| m.len());
        conn.batch_execute(
            "CREATE TABLE filler (b BLOB); BEGIN; \
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40) \
             INSERT INTO filler SELECT randomblob(1000000) FROM n; COMMIT;",
        )
        .unwrap();
        assert!(
            wal() > 2 * WAL_SIZE_LIMIT,
            "the WAL grew to {} bytes",
            wal()
        );
        conn.batch_execute("PRAGMA wal_checkpoint(RESTART); DELETE FROM filler;")
            .unwrap();
        assert!(
            wal() <= WAL_SIZE_LIMIT,
            "the WAL is back to {} bytes",
            wal()
        );
        drop(conn);
        drop(pool);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
        }
    }
}

/// A stored UTC time as RFC 3339 (`2026-11-24T13:51:08.204036Z`).
pub fn iso(t: chrono::NaiveDateTime) -> String {
    t.and_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// Serde for stored UTC times: written as RFC 3339 with `Z` (the database keeps them without
/// a zone); read back from either form. Use with `#[serde(with = "crate::db::utc")]`.
pub mod utc {
    use chrono::NaiveDateTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::iso(*t))
    }

    pub fn parse(raw: &str) -> Option<NaiveDateTime> {
        chrono::DateTime::parse_from_rfc3339(raw)
            .map(|d| d.naive_utc())
            .ok()
            .or_else(|| raw.parse::<NaiveDateTime>().ok())
            // What a browser's `datetime-local` input sends.
            .or_else(|| NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M").ok())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
        let raw = String::deserialize(d)?;
        parse(&raw).ok_or_else(|| serde::de::Error::custom(format!("not a time: {raw}")))
    }

    /// The same for optional times.
    pub mod option {
        use chrono::NaiveDateTime;
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(
            t: &Option<NaiveDateTime>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match t {
                Some(t) => s.serialize_some(&super::super::iso(*t)),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<NaiveDateTime>, D::Error> {
            match Option::<String>::deserialize(d)? {
                None => Ok(None),
                Some(raw) => super::parse(&raw)
                    .map(Some)
                    .ok_or_else(|| serde::de::Error::custom(format!("not a time: {raw}"))),
            }
        }
    }
}

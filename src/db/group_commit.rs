//! Group commit for SQLite's single writer: writes that arrive while another batch is being
//! committed are committed together, in one transaction, each inside its own savepoint.
//!
//! SQLite admits one writer at a time, and a transaction's fixed costs — taking the write
//! lock, appending its pages to the WAL, handing the lock to the next thread — are paid per
//! commit. A judge's sheet touches a dozen b-tree pages (the sheet and its indexes, the scores,
//! the audit record), most of them shared with the sheets saved just before it, so a commit of
//! twenty sheets writes far fewer pages than twenty commits of one.
//!
//! How: one writer thread per database owns its own connection. Callers hand it owned jobs
//! and wait; it takes every job waiting (up to [`MAX_BATCH`]), runs them inside
//! `BEGIN IMMEDIATE … COMMIT`, each in a savepoint so a refused job rolls back alone, and only
//! after the commit hands every caller its outcome. No job is acknowledged before the commit
//! that holds it: if the commit fails, every job of the batch gets the error. Being the only
//! writer, its connection's page cache stays valid from one batch to the next, and callers
//! hold no pooled connection while they wait.
//!
//! A second thread checkpoints the WAL in the background, so the writer never stops for it.
//!
//! On PostgreSQL, which has concurrent writers, each job runs in its own transaction on a
//! pooled connection of the calling thread.

use super::{DatabaseUrl, DbConnection, Manager, Pool, SQLITE_WRITER};
use diesel::connection::SimpleConnection;
use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::r2d2::{ManageConnection, PoolError};
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use diesel::Connection;
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::time::Duration;

/// The most jobs one transaction takes: enough to amortize a commit, few enough that the
/// first of them is not kept waiting long.
pub const MAX_BATCH: usize = 64;

/// What a job does inside its savepoint.
pub type Apply<J, T, E> = fn(&mut DbConnection, &J) -> Result<T, E>;

struct Envelope<J, T, E> {
    job: J,
    reply: SyncSender<Result<T, E>>,
}

/// A queue of writes of one kind (`J`) to one database, with outcomes `Result<T, E>`.
pub struct GroupCommit<J, T, E> {
    pool: Pool,
    apply: Apply<J, T, E>,
    /// The writer thread's inbox (SQLite only).
    writer: Option<Sender<Envelope<J, T, E>>>,
}

impl<J, T, E> GroupCommit<J, T, E>
where
    J: Send + 'static,
    T: Send + 'static,
    E: From<DieselError> + From<PoolError> + Clone + Send + 'static,
{
    /// On SQLite, starts the writer thread with its own connection; it ends when the queue is
    /// dropped.
    pub fn new(
        pool: Pool,
        url: &DatabaseUrl,
        sqlite: super::SqliteOptions,
        apply: Apply<J, T, E>,
    ) -> Result<Self, String> {
        let writer = match url {
            DatabaseUrl::Postgres(_) => None,
            DatabaseUrl::Sqlite(_) => {
                let open = || {
                    Manager {
                        url: url.clone(),
                        sqlite,
                    }
                    .connect()
                    .map_err(|e| format!("cannot open the database for writing: {e}"))
                };
                let reopen_url = url.clone();
                // The writer leaves checkpoints to the checkpointer (see `checkpoint_after`).
                let open_writer = move || -> Result<DbConnection, String> {
                    let mut writer = Manager {
                        url: reopen_url.clone(),
                        sqlite,
                    }
                    .connect()
                    .map_err(|e| format!("cannot open the database for writing: {e}"))?;
                    writer
                        .batch_execute("PRAGMA wal_autocheckpoint = 0")
                        .map_err(|e| e.to_string())?;
                    Ok(writer)
                };
                let (mut writer, mut checkpointer) = (open_writer()?, open()?);
                let (inbox, jobs) = mpsc::channel();
                let (committed, commits) = mpsc::sync_channel(1);
                std::thread::Builder::new()
                    .name("juri-sqlite-writer".into())
                    .spawn(move || {
                        write_batches(&mut writer, &open_writer, &jobs, apply, &committed)
                    })
                    .map_err(|e| format!("cannot start the writer thread: {e}"))?;
                std::thread::Builder::new()
                    .name("juri-sqlite-checkpointer".into())
                    .spawn(move || checkpoint_after(&mut checkpointer, &commits))
                    .map_err(|e| format!("cannot start the checkpointer thread: {e}"))?;
                Some(inbox)
            }
        };
        Ok(GroupCommit {
            pool,
            apply,
            writer,
        })
    }

    /// Runs the job in a committed transaction, possibly together with other callers' jobs;
    /// returns once that transaction has committed (or failed). Blocks: call it from a
    /// blocking thread.
    pub fn submit(&self, job: J) -> Result<T, E> {
        let Some(writer) = &self.writer else {
            let mut conn = self.pool.get()?;
            return conn.transaction(|c| (self.apply)(c, &job));
        };
        let (reply, outcome) = mpsc::sync_channel(1);
        if writer.send(Envelope { job, reply }).is_err() {
            return Err(E::from(batch_error("the writer thread has stopped")));
        }
        outcome
            .recv()
            .unwrap_or_else(|_| Err(E::from(batch_error("the writer thread has stopped"))))
    }
}

/// The writer thread: one batch per turn, until every sender is gone. After each batch it
/// tells the checkpointer (without waiting: one pending word is enough).
fn write_batches<J, T, E: From<DieselError> + Clone>(
    conn: &mut DbConnection,
    reopen: &dyn Fn() -> Result<DbConnection, String>,
    inbox: &Receiver<Envelope<J, T, E>>,
    apply: Apply<J, T, E>,
    committed: &SyncSender<()>,
) {
    while let Ok(first) = inbox.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match inbox.try_recv() {
                Ok(next) => batch.push(next),
                Err(_) => break,
            }
        }
        let (jobs, replies): (Vec<J>, Vec<SyncSender<Result<T, E>>>) =
            batch.into_iter().map(|e| (e.job, e.reply)).unzip();
        for (reply, outcome) in replies.into_iter().zip(run_batch(conn, &jobs, apply)) {
            // A caller that went away no longer needs its answer; its write stands.
            let _ = reply.send(outcome);
        }
        // A batch that failed in a way diesel cannot roll back (a full disk) leaves the
        // connection unusable: open a fresh one, so saves resume once there is room.
        if super::is_broken(conn) {
            match reopen() {
                Ok(fresh) => *conn = fresh,
                Err(e) => tracing::error!(error = %e, "cannot reopen the sheet writer"),
            }
        }
        let _ = committed.try_send(());
    }
}

/// How long the checkpointer lets commits accumulate before copying them into the database.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(200);
/// WAL frames (pages) beyond which the WAL is restarted from its beginning (about 16 MB).
const RESTART_FRAMES: i64 = 4_000;

#[derive(diesel::QueryableByName)]
struct CheckpointResult {
    /// Frames in the WAL.
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    log: i64,
}

/// The checkpointer thread: copies committed pages from the WAL into the database file, in the
/// background. SQLite would otherwise do this inside a commit every 1,000 pages, fsync
/// included, while the single writer — and every judge queued behind it — waits. A passive
/// checkpoint never blocks the writer or readers; but under steady writes it never finds the
/// WAL wholly copied, and only then does SQLite start the WAL over. So once the WAL passes
/// [`RESTART_FRAMES`], the checkpointer takes the writer's lane for a moment and restarts it
/// (little is left to copy by then). Ends with the writer.
fn checkpoint_after(conn: &mut DbConnection, commits: &Receiver<()>) {
    use diesel::RunQueryDsl;
    while commits.recv().is_ok() {
        std::thread::sleep(CHECKPOINT_EVERY);
        while commits.try_recv().is_ok() {}
        let passive = diesel::sql_query("PRAGMA wal_checkpoint(PASSIVE)")
            .get_result::<CheckpointResult>(conn);
        let restart = match passive {
            Ok(result) => result.log > RESTART_FRAMES,
            Err(e) => {
                tracing::warn!(error = %e, "background checkpoint failed; the next one retries");
                false
            }
        };
        if restart {
            let _lane = SQLITE_WRITER
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            if let Err(e) = conn.batch_execute("PRAGMA wal_checkpoint(RESTART)") {
                tracing::warn!(error = %e, "restarting the WAL failed; the next one retries");
            }
        }
    }
}

/// One transaction for the whole batch; a savepoint per job. A panic in a job fails the batch
/// (its transaction is rolled back) rather than leaving the callers waiting forever.
fn run_batch<J, T, E: From<DieselError> + Clone>(
    conn: &mut DbConnection,
    jobs: &[J],
    apply: Apply<J, T, E>,
) -> Vec<Result<T, E>> {
    let failed = |why: &str| -> Vec<Result<T, E>> {
        jobs.iter()
            .map(|_| Err(E::from(batch_error(why))))
            .collect()
    };
    // Other writers of this process (setup, results) take the same lane.
    let _lane = SQLITE_WRITER
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let DbConnection::Sqlite(sqlite) = conn else {
        return failed("group commit needs SQLite");
    };
    if let Err(e) = AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE") {
        return failed(&e.to_string());
    }
    let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut outcomes = Vec::with_capacity(jobs.len());
        for job in jobs {
            match in_savepoint(conn, |c| apply(c, job)) {
                Step::Done(outcome) => outcomes.push(outcome),
                Step::Lost(error) => return Err(error),
            }
        }
        Ok(outcomes)
    }));
    let DbConnection::Sqlite(sqlite) = conn else {
        return failed("group commit needs SQLite");
    };
    let outcomes = match ran {
        Ok(Ok(outcomes)) => outcomes,
        Ok(Err(lost)) => {
            // SQLite rolled the whole batch back (it may, on a full disk or an I/O error):
            // nobody's save is in, and everyone hears why.
            let _ = AnsiTransactionManager::rollback_transaction(sqlite);
            return jobs.iter().map(|_| Err(lost.clone())).collect();
        }
        Err(_) => {
            tracing::error!("a write in a group commit panicked; the batch was rolled back");
            let _ = AnsiTransactionManager::rollback_transaction(sqlite);
            return failed("a write in this batch failed unexpectedly");
        }
    };
    if let Err(e) = AnsiTransactionManager::commit_transaction(sqlite) {
        let _ = AnsiTransactionManager::rollback_transaction(sqlite);
        return failed(&e.to_string());
    }
    outcomes
}

/// What became of one job's savepoint.
enum Step<T, E> {
    /// The job ran; on error its own writes were undone and the batch goes on.
    Done(Result<T, E>),
    /// SQLite rolled back the whole transaction under the job (on `SQLITE_FULL`,
    /// `SQLITE_IOERR`, …, it may): the batch is lost, for this reason.
    Lost(E),
}

/// Runs `f` in a savepoint of the batch's transaction. Written out rather than diesel's nested
/// `transaction`: when SQLite has already rolled the transaction back, diesel's `ROLLBACK TO`
/// fails and its error ("no such savepoint") would replace the one that says why (a full
/// disk, a 507), and the later jobs would run outside any transaction.
fn in_savepoint<T, E: From<DieselError>>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Step<T, E> {
    if let Err(e) = conn.batch_execute("SAVEPOINT juri_job") {
        return Step::Lost(E::from(e));
    }
    match f(conn) {
        Ok(value) => match conn.batch_execute("RELEASE juri_job") {
            Ok(()) => Step::Done(Ok(value)),
            Err(e) => Step::Lost(E::from(e)),
        },
        Err(error) => match conn.batch_execute("ROLLBACK TO juri_job; RELEASE juri_job") {
            Ok(()) => Step::Done(Err(error)),
            Err(_) => Step::Lost(error),
        },
    }
}

fn batch_error(why: &str) -> DieselError {
    DieselError::DatabaseError(DatabaseErrorKind::Unknown, Box::new(why.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::connection::SimpleConnection;
    use diesel::prelude::*;
    use diesel::sql_types::{BigInt, Text};
    use std::sync::Arc;

    /// Errors as a service would have them: from diesel or from the pool.
    #[derive(Clone, Debug)]
    struct Failed;

    impl From<DieselError> for Failed {
        fn from(_: DieselError) -> Self {
            Failed
        }
    }

    impl From<PoolError> for Failed {
        fn from(_: PoolError) -> Self {
            Failed
        }
    }

    fn insert(c: &mut DbConnection, job: &(String, i64)) -> Result<(), Failed> {
        if job.1 < 0 {
            // Writes first, then refuses: the savepoint must undo the write.
            diesel::sql_query("INSERT INTO t (k, v) VALUES ($1, $2)")
                .bind::<Text, _>(format!("{}-partial", job.0))
                .bind::<BigInt, _>(job.1)
                .execute(c)?;
            return Err(Failed);
        }
        diesel::sql_query("INSERT INTO t (k, v) VALUES ($1, $2)")
            .bind::<Text, _>(&job.0)
            .bind::<BigInt, _>(job.1)
            .execute(c)?;
        Ok(())
    }

    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = Text)]
        k: String,
    }

    /// Many threads at once: every acknowledged write is stored exactly once, every refused
    /// one (a duplicate key, or a job that wrote and then refused) left nothing behind.
    #[test]
    fn concurrent_writes_commit_together_and_refusals_roll_back_alone() {
        let path = std::env::temp_dir().join(format!("juri-gc-{}.db", uuid::Uuid::new_v4()));
        let url = DatabaseUrl::Sqlite(path.to_string_lossy().into_owned());
        let pool = crate::db::connect(&url, 8).expect("pool");
        pool.get()
            .unwrap()
            .batch_execute("CREATE TABLE t (k TEXT PRIMARY KEY NOT NULL, v INTEGER NOT NULL)")
            .unwrap();
        let queue: Arc<GroupCommit<(String, i64), (), Failed>> =
            Arc::new(GroupCommit::new(pool.clone(), &url, Default::default(), insert).unwrap());
        let threads: Vec<_> = (0..24)
            .map(|n| {
                let queue = queue.clone();
                std::thread::spawn(move || {
                    (0..20)
                        .map(|i| {
                            // Every fifth job of thread 0 refuses after writing; thread 1
                            // repeats thread 2's keys, so one of each pair hits the key.
                            let job = match n {
                                0 if i % 5 == 0 => (format!("t0-{i}"), -1),
                                1 => (format!("t2-{i}"), 1),
                                _ => (format!("t{n}-{i}"), 1),
                            };
                            let ok = queue.submit(job.clone()).is_ok();
                            (job.0, job.1, ok)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let outcomes: Vec<(String, i64, bool)> = threads
            .into_iter()
            .flat_map(|t| t.join().unwrap())
            .collect();
        let mut stored: Vec<String> = diesel::sql_query("SELECT k FROM t")
            .load::<Row>(&mut pool.get().unwrap())
            .unwrap()
            .into_iter()
            .map(|r| r.k)
            .collect();
        stored.sort();
        let mut acknowledged: Vec<String> = outcomes
            .iter()
            .filter(|(_, _, ok)| *ok)
            .map(|(k, _, _)| k.clone())
            .collect();
        acknowledged.sort();
        assert_eq!(
            stored, acknowledged,
            "stored rows are the acknowledged writes"
        );
        assert!(outcomes
            .iter()
            .filter(|(_, v, _)| *v < 0)
            .all(|(_, _, ok)| !ok));
        assert!(!stored.iter().any(|k| k.ends_with("-partial")));
        // Thread 2's keys, written by threads 1 and 2, are each stored once.
        assert_eq!(stored.iter().filter(|k| k.starts_with("t2-")).count(), 20);
        // Threads 2..=23 with 20 distinct keys each, plus thread 0's 16 plain ones.
        assert_eq!(stored.len(), 22 * 20 + 16);
        drop((queue, pool));
        let _ = std::fs::remove_file(&path);
    }

    /// The writer never checkpoints; the checkpointer must copy its commits into the database
    /// file soon after (else the WAL would only ever grow). 2 MB of rows is far below the
    /// 1,000 pages at which SQLite itself would checkpoint, so only the checkpointer can have
    /// moved them.
    #[test]
    fn the_checkpointer_copies_commits_into_the_database_file() {
        let path = std::env::temp_dir().join(format!("juri-ckpt-{}.db", uuid::Uuid::new_v4()));
        let url = DatabaseUrl::Sqlite(path.to_string_lossy().into_owned());
        let pool = crate::db::connect(&url, 2).expect("pool");
        pool.get()
            .unwrap()
            .batch_execute("CREATE TABLE t (k TEXT PRIMARY KEY NOT NULL, v INTEGER NOT NULL)")
            .unwrap();
        let before = std::fs::metadata(&path).unwrap().len();
        let queue: GroupCommit<(String, i64), (), Failed> =
            GroupCommit::new(pool.clone(), &url, Default::default(), insert).unwrap();
        for i in 0..500 {
            queue
                .submit((format!("{i:04}-{}", "x".repeat(4_000)), 1))
                .unwrap();
        }
        let grown = |at_least: u64| std::fs::metadata(&path).unwrap().len() >= at_least;
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while !grown(before + 1_500_000) && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(
            grown(before + 1_500_000),
            "the database file did not receive the committed pages"
        );
        drop((queue, pool));
        let _ = std::fs::remove_file(&path);
    }
}

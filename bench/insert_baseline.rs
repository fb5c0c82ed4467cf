//! The baseline for submission throughput: the raw rate of single-row insert transactions on
//! the same database, through the same pool and the same settings (SQLite pragmas,
//! `BEGIN IMMEDIATE`) as the server. A sheet submission can only be some fraction of this.
//!
//! `juri-insert-baseline DATABASE_URL CONNECTIONS SECONDS` prints `baseline_tx_per_sec N`.

use diesel::connection::SimpleConnection;
use diesel::RunQueryDsl;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().collect();
    let url = juri::db::DatabaseUrl::parse(
        args.get(1)
            .ok_or("usage: juri-insert-baseline DATABASE_URL CONNECTIONS SECONDS")?,
    )?;
    let connections: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(32);
    let seconds: u64 = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(5);
    // The same commit durability as the server (JURI_SQLITE_SYNCHRONOUS).
    let sqlite = juri::config::Config::from_env()?.sqlite();
    let pool = juri::db::connect_with(&url, connections as u32, sqlite)?;
    pool.get()
        .map_err(|e| e.to_string())?
        .batch_execute("CREATE TABLE IF NOT EXISTS bench_baseline (id TEXT PRIMARY KEY NOT NULL, v INTEGER NOT NULL)")
        .map_err(|e| e.to_string())?;
    let done = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let workers: Vec<_> = (0..connections)
        .map(|_| {
            let (pool, done) = (pool.clone(), done.clone());
            std::thread::spawn(move || {
                while Instant::now() < deadline {
                    let Ok(mut conn) = pool.get() else { continue };
                    let ok = juri::db::write_tx(&mut conn, |c| {
                        diesel::sql_query("INSERT INTO bench_baseline (id, v) VALUES ($1, 1)")
                            .bind::<diesel::sql_types::Text, _>(uuid::Uuid::new_v4().to_string())
                            .execute(c)
                    });
                    if ok.is_ok() {
                        done.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    let rate = done.load(Ordering::Relaxed) as f64 / seconds as f64;
    println!("baseline_tx_per_sec {rate:.0}");
    Ok(())
}

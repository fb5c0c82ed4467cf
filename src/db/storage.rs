//! Knowing that the database's disk is full, and telling everyone: writes answer 507 with
//! reason `storage_full`, and `/healthz` answers 503 until a write succeeds again.

use std::sync::atomic::{AtomicBool, Ordering};

static FULL: AtomicBool = AtomicBool::new(false);

/// Whether a database error says the disk (or SQLite's size cap) is full: SQLite's
/// `SQLITE_FULL`, PostgreSQL's `disk_full` (53100) or a write that found no space.
pub fn is_full(error: &str) -> bool {
    let e = error.to_ascii_lowercase();
    e.contains("database or disk is full")
        || e.contains("no space left on device")
        || e.contains("disk full")
}

/// Whether a database error says the disk itself failed.
pub fn is_io_failure(error: &str) -> bool {
    error.to_ascii_lowercase().contains("disk i/o error")
}

/// Records a full disk, and says in the log what to do.
pub fn note_full(error: &str) {
    if !FULL.swap(true, Ordering::SeqCst) {
        tracing::error!(
            error = %error,
            "the database's disk is full: writes are refused (507) until there is room. Free \
             space on the database's filesystem (SQLite also needs room to copy its write-ahead \
             log into the database: leave at least the size of the -wal file), then writes \
             resume by themselves"
        );
    }
}

/// Whether the last write found the disk full (and no write has succeeded since the check).
pub fn full() -> bool {
    FULL.load(Ordering::SeqCst)
}

/// A write succeeded: there is room again.
pub fn note_room() {
    if FULL.swap(false, Ordering::SeqCst) {
        tracing::warn!("the database's disk has room again: writes resume");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_disks_are_recognised_on_both_backends() {
        assert!(is_full("database or disk is full"));
        assert!(is_full(
            "could not extend file \"base/1/2\": No space left on device"
        ));
        assert!(!is_full("UNIQUE constraint failed"));
        assert!(is_io_failure("disk I/O error"));
    }
}

//! Process-wide SQLite settings that diesel has no knob for, applied once before the first
//! SQLite connection opens (every one is opened by [`super::Manager`]).
//!
//! - **Query planner stability guarantee (QPSG) on every connection.** SQLite (3.53 here)
//!   counts a bound `LIMIT ?` — which diesel's `.first()` emits — among the values a query
//!   plan may depend on. Diesel binds every parameter again on each run, which marks the
//!   cached statement expired, so SQLite compiled it afresh on its next step: a profile of
//!   sheet saves under load showed 16 % of the server's CPU in `sqlite3Reprepare`. With QPSG
//!   a plan never depends on bound values and cached statements stay compiled. Plans chosen
//!   by value only matter with `sqlite_stat4` data, which juri never gathers.
//! - **No memory statistics.** SQLite counts every allocation under one global mutex; the
//!   same profile showed the pool's threads queueing on it.

use libsqlite3_sys as ffi;
use std::os::raw::{c_char, c_int};
use std::sync::Once;

/// Runs inside `sqlite3_open_v2` for every connection of this process.
unsafe extern "C" fn on_open(
    db: *mut ffi::sqlite3,
    _error: *mut *mut c_char,
    _api: *const ffi::sqlite3_api_routines,
) -> c_int {
    // SAFETY: SQLite passes the connection it is opening; the option takes an int and an
    // optional out-pointer for the previous value, which we do not want.
    unsafe {
        ffi::sqlite3_db_config(
            db,
            ffi::SQLITE_DBCONFIG_ENABLE_QPSG,
            1 as c_int,
            std::ptr::null_mut::<c_int>(),
        );
    }
    ffi::SQLITE_OK
}

/// Applies the settings once per process; later calls return at once.
pub fn apply_once() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: `sqlite3_config` must run before SQLite initializes and while no other thread
        // uses SQLite: every SQLite connection of the process is opened after this `Once`
        // (other callers wait on it). If SQLite were initialized already, the call is refused
        // with SQLITE_MISUSE and only the speed-up is lost. `sqlite3_auto_extension`
        // initializes SQLite, so it comes second.
        unsafe {
            ffi::sqlite3_config(ffi::SQLITE_CONFIG_MEMSTATUS, 0 as c_int);
            ffi::sqlite3_auto_extension(Some(on_open));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every connection opened after `apply_once` has QPSG on: read back with a -1 argument.
    #[test]
    fn new_connections_get_the_planner_stability_guarantee() {
        apply_once();
        let mut db: *mut ffi::sqlite3 = std::ptr::null_mut();
        let mut enabled: c_int = -1;
        // SAFETY: an in-memory database opened, queried and closed within this block.
        unsafe {
            let rc = ffi::sqlite3_open_v2(
                c":memory:".as_ptr(),
                &mut db,
                ffi::SQLITE_OPEN_READWRITE | ffi::SQLITE_OPEN_CREATE,
                std::ptr::null(),
            );
            assert_eq!(rc, ffi::SQLITE_OK);
            ffi::sqlite3_db_config(
                db,
                ffi::SQLITE_DBCONFIG_ENABLE_QPSG,
                -1 as c_int,
                &mut enabled,
            );
            ffi::sqlite3_close(db);
        }
        assert_eq!(enabled, 1);
    }
}

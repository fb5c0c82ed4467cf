//! A short memory of verified sessions. Every request's token is still verified (signature
//! and expiry), but the session row behind it is read from the database at most once per
//! `ttl` while nothing is revoked: a judge saving sheet after sheet, or a page and the
//! redirect after its form, then costs no database round trip for authentication. A profile
//! of sheet saves under load showed that round trip (a blocking-pool hop, a pooled connection
//! and a query) at 17 % of the server's time.
//!
//! Revocation stays immediate in this process: every revocation
//! ([`crate::db::sessions::delete_for_user`]) bumps a generation that invalidates all
//! remembered sessions at once, and for [`QUIET`] after one nothing new is remembered, so a
//! lookup that read the row before the revoking transaction committed cannot bring it back.
//! Other instances on a shared PostgreSQL honour a revoked token for at most `ttl`
//! (`JURI_SESSION_CACHE_SECONDS`, default 10; 0 turns the memory off).

use super::CurrentUser;
use crate::db::sessions;
use crate::model::SessionId;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// After a revocation, how long nothing new is remembered.
pub const QUIET: Duration = Duration::from_secs(1);
/// Remembered sessions at most; past that the memory starts afresh.
const CAPACITY: usize = 20_000;

struct Remembered {
    user: CurrentUser,
    checked: Instant,
    generation: u64,
}

pub struct SessionCache {
    ttl: Duration,
    entries: Mutex<HashMap<SessionId, Remembered>>,
}

impl SessionCache {
    pub fn new(ttl: Duration) -> SessionCache {
        SessionCache {
            ttl,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The user of session `sid`, if it was verified within `ttl` and nothing was revoked
    /// since.
    pub fn get(&self, sid: SessionId) -> Option<CurrentUser> {
        if self.ttl.is_zero() {
            return None;
        }
        let generation = sessions::revocation_generation();
        let entries = self.lock();
        let found = entries.get(&sid)?;
        (found.generation == generation && found.checked.elapsed() < self.ttl)
            .then(|| found.user.clone())
    }

    /// Remembers that `sid` belongs to `user`, as read from the database by a lookup that
    /// started at revocation `generation` (see [`sessions::revocation_generation`]).
    pub fn put(&self, sid: SessionId, user: &CurrentUser, generation: u64) {
        if self.ttl.is_zero()
            || sessions::revocation_generation() != generation
            || sessions::last_revocation().is_some_and(|at| at.elapsed() < QUIET)
        {
            return;
        }
        let mut entries = self.lock();
        if entries.len() >= CAPACITY {
            entries.clear();
        }
        entries.insert(
            sid,
            Remembered {
                user: user.clone(),
                checked: Instant::now(),
                generation,
            },
        );
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SessionId, Remembered>> {
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::role::Role;

    fn user() -> CurrentUser {
        CurrentUser {
            id: crate::model::UserId(uuid::Uuid::from_u128(7)),
            name: "Siti".into(),
            email: "siti@juri.example".into(),
            role: Role::Judge,
            affiliation: String::new(),
        }
    }

    /// These are the only unit tests that revoke; they run one at a time, so none sees
    /// another's revocation.
    static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

    fn serial() -> std::sync::MutexGuard<'static, ()> {
        SERIAL
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Waits out the quiet period of an earlier test's revocation.
    fn after_quiet() -> u64 {
        while sessions::last_revocation().is_some_and(|at| at.elapsed() < QUIET) {
            std::thread::sleep(Duration::from_millis(50));
        }
        sessions::revocation_generation()
    }

    fn sid(n: u128) -> SessionId {
        SessionId(uuid::Uuid::from_u128(n))
    }

    #[test]
    fn remembers_a_verified_session_until_its_time_is_up() {
        let _serial = serial();
        let cache = SessionCache::new(Duration::from_millis(300));
        let generation = after_quiet();
        cache.put(sid(1), &user(), generation);
        assert_eq!(cache.get(sid(1)).map(|u| u.id), Some(user().id));
        assert!(cache.get(sid(2)).is_none());
        std::thread::sleep(Duration::from_millis(350));
        assert!(cache.get(sid(1)).is_none());
    }

    #[test]
    fn a_revocation_forgets_everything_and_remembers_nothing_for_a_while() {
        let _serial = serial();
        let cache = SessionCache::new(Duration::from_secs(60));
        let generation = after_quiet();
        cache.put(sid(1), &user(), generation);
        sessions::note_revocation();
        assert!(cache.get(sid(1)).is_none());
        // A lookup that started before the revocation may have read the revoked row.
        cache.put(sid(1), &user(), generation);
        assert!(cache.get(sid(1)).is_none());
        // Even one that started after it, while the revoking transaction may not be committed.
        cache.put(sid(1), &user(), sessions::revocation_generation());
        assert!(cache.get(sid(1)).is_none());
    }

    #[test]
    fn a_zero_ttl_remembers_nothing() {
        let _serial = serial();
        let cache = SessionCache::new(Duration::ZERO);
        cache.put(sid(1), &user(), after_quiet());
        assert!(cache.get(sid(1)).is_none());
    }
}

//! Results are read far more often than they change (the committee's screen, the API, the
//! documents), and computing them means reading every score. Each request first reads a cheap
//! fingerprint of everything the results depend on; only when it changed are they computed
//! again. The fingerprint comes from the database, so several instances on one PostgreSQL
//! never serve each other's stale results.

use super::{current_uncached, ContestResults};
use crate::db::schema::{assignments, contests, entries, sheets, tie_resolutions, waivers};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use diesel::dsl::{count_star, max};
use diesel::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The computed results and their JSON, shared by concurrent readers (a clone of `json` shares
/// the bytes: a national contest's results are 128 MB of JSON, which must not be copied per
/// request).
#[derive(Clone)]
pub struct Cached {
    pub results: Arc<ContestResults>,
    pub json: bytes::Bytes,
}

#[derive(Default)]
pub struct ResultsCache {
    entries: Mutex<HashMap<String, (String, Cached)>>,
}

/// How many contests' results are kept.
const CAPACITY: usize = 16;

/// Changes to anything the results depend on change this text: the contest row (setup
/// changes and phase moves touch `updated_at`), submitted sheets, assignments, entries,
/// waivers and tie orders.
fn fingerprint(c: &mut DbConnection, contest_id: &str) -> AppResult<String> {
    let (phase, updated): (String, chrono::NaiveDateTime) = contests::table
        .find(contest_id)
        .select((contests::phase, contests::updated_at))
        .first(c)?;
    let (sheet_count, last_sheet): (i64, Option<chrono::NaiveDateTime>) = sheets::table
        .filter(sheets::contest_id.eq(contest_id))
        .filter(sheets::status.eq("submitted"))
        .select((count_star(), max(sheets::updated_at)))
        .first(c)?;
    let assigned: i64 = assignments::table
        .filter(assignments::contest_id.eq(contest_id))
        .count()
        .get_result(c)?;
    let entry_count: i64 = entries::table
        .filter(entries::contest_id.eq(contest_id))
        .count()
        .get_result(c)?;
    let waived: i64 = waivers::table
        .filter(waivers::contest_id.eq(contest_id))
        .count()
        .get_result(c)?;
    let orders: i64 = tie_resolutions::table
        .filter(tie_resolutions::contest_id.eq(contest_id))
        .count()
        .get_result(c)?;
    Ok(format!(
        "{phase}|{updated}|{sheet_count}|{last_sheet:?}|{assigned}|{entry_count}|{waived}|{orders}"
    ))
}

impl ResultsCache {
    pub fn get(&self, c: &mut DbConnection, contest_id: &str) -> AppResult<Cached> {
        let print = fingerprint(c, contest_id)?;
        if let Some((seen, cached)) = self.lock()?.get(contest_id) {
            if *seen == print {
                return Ok(cached.clone());
            }
        }
        let results = current_uncached(c, contest_id)?;
        let json = serde_json::to_vec(&results).map_err(AppError::internal)?;
        let cached = Cached {
            results: Arc::new(results),
            json: bytes::Bytes::from(json),
        };
        let mut map = self.lock()?;
        if map.len() >= CAPACITY && !map.contains_key(contest_id) {
            if let Some(evict) = map.keys().next().cloned() {
                map.remove(&evict);
            }
        }
        map.insert(contest_id.to_string(), (print, cached.clone()));
        Ok(cached)
    }

    fn lock(&self) -> AppResult<std::sync::MutexGuard<'_, HashMap<String, (String, Cached)>>> {
        self.entries
            .lock()
            .map_err(|_| AppError::internal("results cache poisoned"))
    }
}

//! Results are read far more often than they change (the committee's screen, the API, the
//! documents), and computing them means reading every score. Each request first reads a cheap
//! fingerprint of everything the results depend on; only when it changed are they computed
//! again. The fingerprint comes from the database, so several instances on one PostgreSQL
//! never serve each other's stale results.

use super::computed::{self, ComputedResults};
use super::{published_snapshot, ClusterResults, ContestResults};
use crate::db::{assignments, contests, decisions, entries, sheets, DbConnection};
use crate::error::{AppError, AppResult};
use crate::model::{ContestId, StageId};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};

/// A contest's results as the cache keeps them, shared by concurrent readers.
#[derive(Clone)]
pub struct Cached {
    source: Source,
    /// The JSON, when it is small enough to keep (a regency contest's is ~1 MB and served on
    /// every refresh of the committee's screen); larger results are written out per request.
    json: Option<bytes::Bytes>,
    /// With kept JSON, the whole results too: small contests' screens then make nothing per
    /// request.
    whole: Option<Arc<ContestResults>>,
}

#[derive(Clone)]
enum Source {
    /// Computed from the sheets (before publication).
    Computed(Arc<ComputedResults>),
    /// The snapshot frozen at publication.
    Published(Arc<ContestResults>),
}

impl Cached {
    /// Keeps the JSON too when it is at most `keep_json` bytes.
    fn new(source: Source, keep_json: usize) -> AppResult<Cached> {
        let mut cached = Cached {
            source,
            json: None,
            whole: None,
        };
        let mut out = LimitedWriter(Vec::new(), keep_json);
        match cached.write_json(&mut out) {
            Ok(()) => {
                cached.json = Some(bytes::Bytes::from(out.0));
                cached.whole = Some(Arc::new(cached.materialize(0..usize::MAX, true)));
            }
            Err(e) if e.is_io() => {} // too large to keep
            Err(e) => return Err(AppError::internal(e)),
        }
        Ok(cached)
    }

    /// The JSON when it is kept; otherwise use [`Self::write_json`].
    pub fn json(&self) -> Option<bytes::Bytes> {
        self.json.clone()
    }

    /// Writes the JSON of the whole results.
    pub fn write_json<W: std::io::Write>(&self, out: W) -> serde_json::Result<()> {
        match &self.source {
            Source::Computed(r) => r.write_json(out),
            Source::Published(r) => serde_json::to_writer(out, &**r),
        }
    }

    /// Each cluster's ranking cut to the rows in `rows`, with each row's sheets and criterion
    /// means only if `detail` (see [`ComputedResults::window`]).
    pub fn window(&self, rows: Range<usize>, detail: bool) -> Arc<ContestResults> {
        match &self.whole {
            Some(whole) if detail && rows.start == 0 && rows.end >= self.largest_cluster() => {
                whole.clone()
            }
            _ => Arc::new(self.materialize(rows, detail)),
        }
    }

    fn materialize(&self, rows: Range<usize>, detail: bool) -> ContestResults {
        match &self.source {
            Source::Computed(r) => r.window(rows, detail),
            Source::Published(r) => ContestResults {
                contest_id: r.contest_id,
                phase: r.phase,
                digest: r.digest.clone(),
                provisional: r.provisional,
                contest: r.contest.clone(),
                clusters: r
                    .clusters
                    .iter()
                    .map(|c| ClusterResults {
                        id: c.id.clone(),
                        name: c.name.clone(),
                        winners_count: c.winners_count,
                        ranking: c.ranking[computed::window_of(&rows, c.ranking.len())]
                            .iter()
                            .map(|row| if detail { row.clone() } else { row.summary() })
                            .collect(),
                        unscored: c.unscored.clone(),
                        unscored_entries: c.unscored_entries.clone(),
                        unresolved_ties: c.unresolved_ties.clone(),
                        eliminated: c.eliminated.clone(),
                    })
                    .collect(),
            },
        }
    }

    /// The number of ranked rows of the largest cluster.
    pub fn largest_cluster(&self) -> usize {
        match &self.source {
            Source::Computed(r) => r.largest_cluster(),
            Source::Published(r) => r
                .clusters
                .iter()
                .map(|c| c.ranking.len())
                .max()
                .unwrap_or(0),
        }
    }
}

/// Ranking a large contest allocates and frees tens of megabytes of small blocks (the loaded
/// rows, one cluster's ranking inputs at a time), which glibc keeps in its heaps: after a
/// national contest, 36 MB of the server's 100 MB resident were such free blocks. Handing them
/// back once the results are made keeps the server at what it holds. Only after large results:
/// trimming walks the heaps, which small contests, recomputed after every saved sheet, should
/// not pay for.
fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory to the system; it is thread-safe.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// A buffer that refuses to grow past a limit.
struct LimitedWriter(Vec<u8>, usize);

impl std::io::Write for LimitedWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + buf.len() > self.1 {
            return Err(std::io::Error::other("larger than the kept JSON"));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub struct ResultsCache {
    entries: Mutex<HashMap<ContestId, (String, Cached)>>,
    /// The largest JSON kept ready to send (`JURI_RESULTS_KEEP_JSON_KB`). Keeping a national
    /// contest's 128 MB would dominate the server's memory; writing it out from the compact
    /// results costs a few hundred milliseconds per request instead.
    keep_json: usize,
}

/// How many contests' results are kept.
const CAPACITY: usize = 16;

/// Changes to anything the results depend on change this text: the contest row (setup
/// changes and phase moves touch `updated_at`), submitted sheets, assignments, entries,
/// waivers and tie orders.
fn fingerprint(c: &mut DbConnection, contest_id: ContestId) -> AppResult<(String, StageId)> {
    let (phase, updated, current) = contests::phase_change_and_stage(c, contest_id)?;
    let stage_id = match current {
        Some(id) => id,
        None => crate::db::stages::current(c, contest_id)?.id,
    };
    let (sheet_count, last_sheet) = sheets::submitted_count_and_last(c, stage_id)?;
    let assigned = assignments::count(c, stage_id)?;
    let entry_count = entries::count(c, contest_id)?;
    let (waived, orders) = decisions::counts(c, stage_id)?;
    let print = format!(
        "{stage_id}|{phase}|{updated}|{sheet_count}|{last_sheet:?}|{assigned}|{entry_count}|{waived}|{orders}"
    );
    Ok((print, stage_id))
}

impl ResultsCache {
    pub fn new(keep_json: usize) -> ResultsCache {
        ResultsCache {
            entries: Mutex::default(),
            keep_json,
        }
    }

    /// The results of the contest's current stage.
    pub fn get(&self, c: &mut DbConnection, contest_id: ContestId) -> AppResult<Cached> {
        let (print, stage_id) = fingerprint(c, contest_id)?;
        if let Some((seen, cached)) = self.lock()?.get(&contest_id) {
            if *seen == print {
                return Ok(cached.clone());
            }
        }
        let stage = crate::db::stages::find(c, contest_id, stage_id)?;
        let started = std::time::Instant::now();
        let contest = crate::db::contests::find(c, contest_id)?;
        let source = match published_snapshot(&contest)? {
            Some(snapshot) => Source::Published(Arc::new(snapshot.results)),
            None => {
                let data = super::load(c, &stage)?;
                let loaded = started.elapsed();
                let ranked = computed::rank(data)?;
                tracing::debug!(%contest_id, ?loaded, ranked = ?started.elapsed() - loaded, "results computed");
                Source::Computed(Arc::new(ranked))
            }
        };
        let cached = Cached::new(source, self.keep_json)?;
        if cached.json.is_none() {
            let trimming = std::time::Instant::now();
            give_back_freed_memory();
            tracing::debug!(%contest_id, trimmed = ?trimming.elapsed(), "freed memory given back");
        }
        let mut map = self.lock()?;
        if map.len() >= CAPACITY && !map.contains_key(&contest_id) {
            if let Some(evict) = map.keys().next().cloned() {
                map.remove(&evict);
            }
        }
        map.insert(contest_id, (print, cached.clone()));
        Ok(cached)
    }

    fn lock(&self) -> AppResult<std::sync::MutexGuard<'_, HashMap<ContestId, (String, Cached)>>> {
        self.entries
            .lock()
            .map_err(|_| AppError::internal("results cache poisoned"))
    }
}

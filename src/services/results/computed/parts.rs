//! Small pieces of the ranking's input building: ids read back as UUIDs, the declared
//! tie-break order, and items grouped by entry.

use crate::db::results::ResultsData;
use crate::domain::ranking;
use crate::error::{AppError, AppResult};
use uuid::Uuid;

pub(super) fn uuid(raw: &str) -> AppResult<Uuid> {
    Uuid::parse_str(raw).map_err(|_| AppError::internal(format!("stored id is not a UUID: {raw}")))
}

/// The tie-break order: criteria with a declared rank first (by rank), then the rest by weight
/// descending and rubric order.
pub(super) fn tie_break_order(data: &ResultsData) -> AppResult<Vec<Uuid>> {
    let mut declared: Vec<_> = data
        .criteria
        .iter()
        .filter_map(|c| c.tie_break_rank.map(|r| (r, c.position, &c.id)))
        .collect();
    declared.sort();
    let mut order: Vec<Uuid> = declared
        .iter()
        .map(|(_, _, id)| uuid(id))
        .collect::<AppResult<_>>()?;
    let by_weight: Vec<(Uuid, i64)> = data
        .criteria
        .iter()
        .map(|c| Ok((uuid(&c.id)?, i64::from(c.weight))))
        .collect::<AppResult<_>>()?;
    for id in ranking::default_tie_break(&by_weight) {
        if !order.contains(&id) {
            order.push(id);
        }
    }
    Ok(order)
}

/// Items grouped by entry: `items[start[e]..start[e + 1]]` belong to entry `e` (a compressed
/// row layout: two flat vectors instead of a vector per entry).
pub(super) struct ByEntry {
    start: Vec<u32>,
    items: Vec<u32>,
}

impl ByEntry {
    /// Groups `(entry, item)` pairs; within an entry, items keep the order of `key`.
    pub(super) fn new<K: Ord>(
        entries: usize,
        pairs: impl Iterator<Item = (u32, u32)>,
        key: impl Fn(u32) -> K,
    ) -> ByEntry {
        let mut pairs: Vec<(u32, u32)> = pairs.collect();
        pairs.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| key(a.1).cmp(&key(b.1))));
        let mut start = vec![0u32; entries + 1];
        for (entry, _) in &pairs {
            start[*entry as usize + 1] += 1;
        }
        for e in 0..entries {
            start[e + 1] += start[e];
        }
        ByEntry {
            start,
            items: pairs.into_iter().map(|(_, item)| item).collect(),
        }
    }

    pub(super) fn of(&self, entry: u32) -> &[u32] {
        let e = entry as usize;
        &self.items[self.start[e] as usize..self.start[e + 1] as usize]
    }
}

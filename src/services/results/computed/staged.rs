//! What the last stage of a contest of several adds to its ranking: each finalist's score in
//! every scored stage, and the entries that stopped earlier.

use super::Eliminated;
use crate::db::results::ResultsData;
use crate::domain::decimal::{fixed, to_f64};
use uuid::Uuid;

/// Whether the results are the last stage's of a contest of several stages: the rows then
/// list every stage's score and the clusters the entries that stopped earlier.
pub(super) fn staged(data: &ResultsData) -> bool {
    data.last_stage && data.stage.position > 1
}

/// The cluster's entries that stopped before the last stage, in stage order, then by title.
pub(super) fn eliminated_of(data: &ResultsData, cluster: Uuid) -> Vec<Eliminated> {
    let mut stopped: Vec<&crate::domain::stage::Stopped> = data
        .stopped
        .iter()
        .filter(|s| s.cluster_id == cluster)
        .collect();
    stopped.sort_by(|a, b| {
        a.stage_position
            .cmp(&b.stage_position)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.entry_id.cmp(&b.entry_id))
    });
    stopped
        .into_iter()
        .map(|s| Eliminated {
            entry_id: s.entry_id.to_string(),
            title: s.title.clone(),
            stage_id: s.stage_id.to_string(),
            stage_name: s.stage_name.clone(),
            reason: s.reason,
            score: s.score.as_ref().map(|v| to_f64(v, 4)),
            score_display: s.score.as_ref().map(|v| fixed(v, 2)),
            failed: s.failed.clone(),
            note: s.note.clone(),
        })
        .collect()
}

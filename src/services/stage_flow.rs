//! The pipeline's flow on the overview: how many entries of each cluster every stage took, and
//! how many of them went on.

use crate::db::stages;
use crate::db::DbConnection;
use crate::error::AppResult;
use crate::model::{ContestId, StageId, StagePhase};
use serde::Serialize;

/// How many entries of each cluster a stage took, and how many of them went on.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct StageFlow {
    pub stage_id: StageId,
    pub clusters: Vec<ClusterFlow>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ClusterFlow {
    pub name: String,
    pub entered: usize,
    /// Once the stage is sealed (and a stage follows it): how many advanced.
    pub advanced: Option<usize>,
}

/// The entries in and out of every stage, per cluster, in stage order (the overview's
/// pipeline).
pub fn flow(conn: &mut DbConnection, contest_id: ContestId) -> AppResult<Vec<StageFlow>> {
    use std::collections::{BTreeSet, HashMap};
    let list = stages::list(conn, contest_id)?;
    let cluster_of: HashMap<crate::model::EntryId, crate::model::ClusterId> =
        crate::db::entries::titles(conn, contest_id)?
            .into_iter()
            .map(|(id, cluster, _)| (id, cluster))
            .collect();
    let clusters = crate::db::clusters::names(conn, contest_id)?;
    let mut sets: Vec<BTreeSet<crate::model::EntryId>> = Vec::with_capacity(list.len());
    for stage in &list {
        sets.push(match stages::later_entries(conn, stage)? {
            Some(ids) => ids,
            None => cluster_of.keys().copied().collect(),
        });
    }
    let count = |set: &BTreeSet<crate::model::EntryId>, cluster| {
        set.iter()
            .filter(|e| cluster_of.get(e) == Some(cluster))
            .count()
    };
    Ok(list
        .iter()
        .enumerate()
        .map(|(i, stage)| StageFlow {
            stage_id: stage.id,
            clusters: clusters
                .iter()
                .map(|(id, name)| ClusterFlow {
                    name: name.clone(),
                    entered: count(&sets[i], id),
                    advanced: (stage.phase == StagePhase::Sealed)
                        .then(|| sets.get(i + 1).map(|next| count(next, id)))
                        .flatten(),
                })
                .collect(),
        })
        .collect())
}

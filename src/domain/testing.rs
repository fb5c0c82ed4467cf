//! Builders the domain's tests share.

use super::normalise::Normalisation;
use super::ranking::{Aggregation, ClusterInput, CriterionRule, EntryInput, SheetInput};
use uuid::Uuid;

pub fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

/// A cluster of complete entries, one stage, three prize places without tiers, averaged and
/// tie-broken by the criteria in rubric order. `entries`: (entry, [(judge, scores in rubric
/// order)]); entry n is titled "Inovasi n".
pub fn cluster<S: AsRef<[i64]>>(
    criteria: Vec<CriterionRule>,
    entries: impl IntoIterator<Item = (u128, Vec<(u128, S)>)>,
) -> ClusterInput {
    ClusterInput {
        tie_break: criteria.iter().map(|c| c.id).collect(),
        criteria,
        aggregation: Aggregation::Mean,
        winners_count: 3,
        tiers: vec![],
        min_award_score: None,
        entries: entries
            .into_iter()
            .map(|(e, sheets)| EntryInput {
                entry_id: id(e),
                title: format!("Inovasi {e}"),
                sheets: sheets
                    .into_iter()
                    .map(|(j, v)| SheetInput {
                        judge_id: id(j),
                        scores: v.as_ref().iter().copied().map(Some).collect(),
                    })
                    .collect(),
                complete: true,
                earlier: Vec::new(),
            })
            .collect(),
        resolutions: vec![],
        stage_weight: 100,
        normalisation: Normalisation::None,
    }
}

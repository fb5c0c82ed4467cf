//! Declared normalisation of judges' totals (docs/scoring.md, "Normalisation").
//!
//! A stage may declare, before its judging opens, that each counted total is replaced by the
//! total less its judge's leniency before the totals are aggregated. A judge's leniency is
//! paired: over the judge's sheets on entries that have another counted sheet, the mean of
//! (the judge's total − the mean of the other totals on that entry), so a judge who drew strong
//! entries is not blamed for them. What is subtracted is that leniency rounded half away from
//! zero to four decimals, the number the committee reads on the analysis screen, which also
//! keeps the denominators of the normalised scores small.
//!
//! With the mean as aggregation and a complete panel (every judge scored every entry) each
//! entry loses the same amount, the mean of the judges' offsets, so the ranking cannot change;
//! normalisation matters when judges saw different entries.

use super::decimal::round_to;
use super::ranking::{rank_cluster_as, Aggregation, ClusterInput, ClusterRanking, Scale};
use super::scoring::{dense_total, Exact};
pub use crate::model::Normalisation;
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// The decimals of the subtracted leniency.
pub const OFFSET_PLACES: u32 = 4;

/// Every counted sheet's total, per entry: (entry, [(judge, total)]).
pub(super) fn totals(c: &ClusterInput) -> Vec<(Uuid, Vec<(Uuid, Exact)>)> {
    let scale = Scale::of(&c.criteria);
    c.entries
        .iter()
        .map(|e| {
            let sheets = e
                .sheets
                .iter()
                .map(|s| {
                    (
                        s.judge_id,
                        dense_total(&c.criteria, scale.as_ref(), &s.scores),
                    )
                })
                .collect();
            (e.entry_id, sheets)
        })
        .collect()
}

pub(super) fn mean(values: &[Exact]) -> Option<Exact> {
    (!values.is_empty()).then(|| {
        values.iter().fold(Exact::from_integer(0), |acc, x| acc + x)
            / Exact::from_integer(values.len() as i128)
    })
}

/// The mean of the other counted totals on the same entry, for each sheet that has others:
/// (judge, total, others' mean).
pub(super) fn others_means(entry: &[(Uuid, Exact)]) -> Vec<(Uuid, Exact, Exact)> {
    entry
        .iter()
        .enumerate()
        .filter_map(|(i, (judge, total))| {
            let others: Vec<Exact> = entry
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != i)
                .map(|(_, (_, t))| *t)
                .collect();
            mean(&others).map(|m| (*judge, *total, m))
        })
        .collect()
}

/// Each judge's paired leniency over `totals`, for the judges who share an entry with another.
pub(super) fn paired_leniency(totals: &[(Uuid, Vec<(Uuid, Exact)>)]) -> BTreeMap<Uuid, Exact> {
    let mut paired: BTreeMap<Uuid, Vec<Exact>> = BTreeMap::new();
    for (_, entry) in totals {
        for (judge, total, others) in others_means(entry) {
            paired.entry(judge).or_default().push(total - others);
        }
    }
    paired
        .into_iter()
        .filter_map(|(judge, d)| mean(&d).map(|m| (judge, m)))
        .collect()
}

/// What leniency normalisation subtracts from each of a judge's totals in the cluster: the
/// judge's leniency rounded to [`OFFSET_PLACES`] decimals. A judge who shares no entry with
/// another judge has no leniency and loses nothing.
pub fn offsets(c: &ClusterInput) -> BTreeMap<Uuid, Exact> {
    paired_leniency(&totals(c))
        .into_iter()
        .map(|(judge, l)| (judge, round_to(&l, OFFSET_PLACES)))
        .collect()
}

/// The cluster's scored entries were each scored once by every judge of the cluster.
pub fn complete_panel(c: &ClusterInput) -> bool {
    let judges: BTreeSet<Uuid> = c
        .entries
        .iter()
        .flat_map(|e| e.sheets.iter().map(|s| s.judge_id))
        .collect();
    c.entries.iter().filter(|e| !e.sheets.is_empty()).all(|e| {
        e.sheets.len() == judges.len()
            && e.sheets.iter().map(|s| s.judge_id).collect::<BTreeSet<_>>() == judges
    })
}

/// Whether the declared choice provably leaves the ranking as the other choice would: the mean
/// of a complete panel's totals moves by the same amount for every entry.
pub fn cannot_change_ranking(c: &ClusterInput) -> bool {
    c.aggregation == Aggregation::Mean && complete_panel(c)
}

/// A place held by another entry under the choice the stage did not declare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub rank: u32,
    /// Who holds the place as declared (`None`: nobody).
    pub declared: Option<Uuid>,
    /// Who would hold it under the other choice (`None`: nobody).
    pub other: Option<Uuid>,
}

/// The choice a stage did not declare.
pub fn other_choice(declared: Normalisation) -> Normalisation {
    match declared {
        Normalisation::None => Normalisation::Leniency,
        Normalisation::Leniency => Normalisation::None,
    }
}

/// The first `positions` places (the prizes, or the places inside a cut) that another entry
/// would hold had the stage declared the other choice, by rank; `declared` is the cluster's
/// ranking as declared. Where the choice provably cannot change the ranking nothing is ranked.
pub fn changes(c: &ClusterInput, declared: &ClusterRanking, positions: u32) -> Vec<Change> {
    if positions == 0 || cannot_change_ranking(c) {
        return Vec::new();
    }
    let other = rank_cluster_as(c, other_choice(c.normalisation));
    let holder = |r: &ClusterRanking, rank: u32| {
        r.ranking
            .iter()
            .find(|row| row.rank == rank)
            .map(|row| row.entry_id)
    };
    (1..=positions)
        .filter_map(|rank| {
            let (d, o) = (holder(declared, rank), holder(&other, rank));
            (d != o).then_some(Change {
                rank,
                declared: d,
                other: o,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ranking::{rank_cluster, CriterionRule};
    use crate::domain::testing::id;
    use proptest::prelude::*;

    fn x(n: i128, d: i128) -> Exact {
        Exact::new(n, d)
    }

    /// An entry and its sheets: (entry, [(judge, scores)]).
    type Scored = (u128, Vec<(u128, [i64; 2])>);

    /// Two criteria (60 and 40, out of 100): a sheet [a, b] totals 0.6·a + 0.4·b.
    fn cluster(entries: &[Scored]) -> ClusterInput {
        let rule = |n: u128, weight: i64| CriterionRule {
            id: id(n),
            weight,
            max_score: 100,
        };
        crate::domain::testing::cluster(vec![rule(1000, 60), rule(1001, 40)], entries.to_vec())
    }

    /// Judges 1 and 2 agree; judge 3 gives 10 points less than whoever shares an entry with
    /// them, and happened to score C and E. Totals (both criteria equal, so total = score):
    /// A 90/90 (1, 2), B 85/85 (1, 2), C 80 (1) / 70 (3), D 77/77 (1, 2), E 60 (2) / 50 (3).
    fn harsh_judge_on_an_incomplete_design() -> ClusterInput {
        let s = |v: i64| [v, v];
        cluster(&[
            (10, vec![(1, s(90)), (2, s(90))]),
            (20, vec![(1, s(85)), (2, s(85))]),
            (30, vec![(1, s(80)), (3, s(70))]),
            (40, vec![(1, s(77)), (2, s(77))]),
            (50, vec![(2, s(60)), (3, s(50))]),
        ])
    }

    #[test]
    fn a_harsh_judge_costs_an_entry_juara_iii_until_leniency_is_subtracted() {
        let raw = harsh_judge_on_an_incomplete_design();
        // Leniency: judge 1 (0 + 0 + 10 + 0) / 4 = 2.5; judge 2 (0 + 0 + 0 + 10) / 4 = 2.5;
        // judge 3 (−10 − 10) / 2 = −10.
        assert_eq!(
            offsets(&raw),
            BTreeMap::from([(id(1), x(5, 2)), (id(2), x(5, 2)), (id(3), x(-10, 1))])
        );
        // Raw means: A 90, B 85, D 77, C 75, E 55: Juara III is D.
        let as_declared = rank_cluster(&raw);
        let order: Vec<Uuid> = as_declared.ranking.iter().map(|r| r.entry_id).collect();
        assert_eq!(order, vec![id(10), id(20), id(40), id(30), id(50)]);
        assert!(as_declared.ranking.iter().all(|r| r.raw_score.is_none()));

        // Normalised: A 87.5, B 82.5, C (77.5 + 80) / 2 = 78.75, D 74.5, E 58.75: C is third.
        let lenient = ClusterInput {
            normalisation: Normalisation::Leniency,
            ..raw.clone()
        };
        let normalised = rank_cluster(&lenient);
        let order: Vec<Uuid> = normalised.ranking.iter().map(|r| r.entry_id).collect();
        assert_eq!(order, vec![id(10), id(20), id(30), id(40), id(50)]);
        let c = &normalised.ranking[2];
        assert_eq!(c.score, x(315, 4));
        assert_eq!(c.raw_score, Some(x(75, 1)));
        // The sheets as the judges gave them: the explanation stays raw.
        assert_eq!(c.sheet_totals, vec![(id(1), x(80, 1)), (id(3), x(70, 1))]);

        let change = |declared: u128, other: u128| Change {
            rank: 3,
            declared: Some(id(declared)),
            other: Some(id(other)),
        };
        assert_eq!(changes(&raw, &as_declared, 3), vec![change(40, 30)]);
        assert_eq!(changes(&lenient, &normalised, 3), vec![change(30, 40)]);
        assert!(!cannot_change_ranking(&raw));
    }

    #[test]
    fn a_judge_who_shares_no_entry_loses_nothing() {
        let c = cluster(&[
            (10, vec![(1, [90, 90]), (2, [80, 80])]),
            (20, vec![(3, [50, 50])]),
        ]);
        let o = offsets(&c);
        assert_eq!(o.get(&id(1)), Some(&x(10, 1)));
        assert_eq!(o.get(&id(2)), Some(&x(-10, 1)));
        assert_eq!(o.get(&id(3)), None);
    }

    #[test]
    fn the_subtracted_leniency_has_four_decimals() {
        // Judge 1: (+10, +0, +0) / 3 = 3.3333…, subtracted as 3.3333.
        let c = cluster(&[
            (10, vec![(1, [90, 90]), (2, [80, 80])]),
            (20, vec![(1, [70, 70]), (2, [70, 70])]),
            (30, vec![(1, [60, 60]), (2, [60, 60])]),
        ]);
        assert_eq!(offsets(&c).get(&id(1)), Some(&x(33_333, 10_000)));
    }

    /// A complete panel: `judges` judges each score every one of the entries.
    fn complete_panel_of(judges: usize, scores: &[Vec<[i64; 2]>]) -> ClusterInput {
        cluster(
            &scores
                .iter()
                .enumerate()
                .map(|(e, sheets)| {
                    (
                        100 + e as u128,
                        sheets
                            .iter()
                            .take(judges)
                            .enumerate()
                            .map(|(j, s)| (j as u128 + 1, *s))
                            .collect(),
                    )
                })
                .collect::<Vec<_>>(),
        )
    }

    proptest! {
        /// Averaged, a complete panel's normalised scores all move by the same amount: the
        /// ranking (order, ranks, ties) cannot change, and the analysis reports no change.
        #[test]
        fn normalisation_never_changes_a_complete_panels_ranking(
            judges in 2usize..5,
            scores in prop::collection::vec(
                prop::collection::vec(prop::array::uniform2(0i64..=100), 4), 2..7),
        ) {
            let raw = complete_panel_of(judges, &scores);
            prop_assert!(cannot_change_ranking(&raw));
            let lenient = ClusterInput { normalisation: Normalisation::Leniency, ..raw.clone() };
            let shape = |r: &super::super::ranking::ClusterRanking| -> Vec<(Uuid, u32, bool)> {
                r.ranking.iter().map(|row| (row.entry_id, row.rank, row.tie)).collect()
            };
            let ranked = rank_cluster(&raw);
            prop_assert_eq!(shape(&ranked), shape(&rank_cluster(&lenient)));
            // `changes` skips ranking here; the assertion above is what allows it.
            prop_assert_eq!(shape(&ranked), shape(&rank_cluster_as(&raw, Normalisation::Leniency)));
        }

        /// Whatever the design, the offsets do not depend on the order of entries or sheets.
        #[test]
        fn offsets_ignore_the_order_of_entries_and_sheets(
            scores in prop::collection::vec(
                prop::collection::vec((1u128..5, prop::array::uniform2(0i64..=100)), 1..4), 2..6),
        ) {
            let entries: Vec<Scored> = scores
                .iter()
                .enumerate()
                .map(|(e, sheets)| {
                    let mut seen = BTreeSet::new();
                    let unique = sheets.iter().filter(|(j, _)| seen.insert(*j)).copied().collect();
                    (100 + e as u128, unique)
                })
                .collect();
            let forward = cluster(&entries);
            let mut reversed_entries = entries.clone();
            reversed_entries.reverse();
            for (_, sheets) in &mut reversed_entries {
                sheets.reverse();
            }
            prop_assert_eq!(offsets(&forward), offsets(&cluster(&reversed_entries)));
        }
    }
}

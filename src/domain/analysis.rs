//! Trust in a cluster's result, exactly: how much each prize position depends on one judge,
//! the gaps between positions, each judge's leniency, the panel's agreement and the sheets far
//! from the others on the same entry (docs/scoring.md, "Analysis").
//!
//! Everything works on the same [`ClusterInput`] the ranking does, over the submitted sheets
//! that count, in exact rationals, and gives the same answer whatever the order of judges,
//! entries or sheets.

use super::normalise::{mean, others_means, paired_leniency, totals, Normalisation};
use super::ranking::{rank_cluster, ClusterInput, ClusterRanking, EntryInput, Merit, MeritRule};
use super::scoring::Exact;
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// A position of the base ranking and how it fares when one judge is left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PositionRobustness {
    pub rank: u32,
    pub entry_id: Uuid,
    /// In how many scenarios the entry still holds `rank`.
    pub kept: u32,
    /// Its worst rank over the scenarios in which it is still scored (`None`: in none).
    pub worst_rank: Option<u32>,
    /// The scenarios in which it loses the place: (the judge left out, the entry that then
    /// holds the place, if any), by judge id.
    pub lost: Vec<(Uuid, Option<Uuid>)>,
}

/// Leave one judge out: one scenario per judge with a counted sheet in the cluster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Robustness {
    pub scenarios: u32,
    pub positions: Vec<PositionRobustness>,
}

impl PositionRobustness {
    /// Stable: the entry holds the position whichever judge is left out.
    pub fn stable(&self, scenarios: u32) -> bool {
        self.kept == scenarios
    }
}

/// The judges with a counted sheet in the cluster, by id.
fn judges_of(c: &ClusterInput) -> BTreeSet<Uuid> {
    c.entries
        .iter()
        .flat_map(|e| e.sheets.iter().map(|s| s.judge_id))
        .collect()
}

/// The cluster without `judge`'s sheets.
fn without(c: &ClusterInput, judge: Uuid) -> ClusterInput {
    ClusterInput {
        entries: c
            .entries
            .iter()
            .map(|e| EntryInput {
                sheets: e
                    .sheets
                    .iter()
                    .filter(|s| s.judge_id != judge)
                    .cloned()
                    .collect(),
                ..e.clone()
            })
            .collect(),
        ..c.clone()
    }
}

/// Each entry's rank in a ranking.
fn ranks(r: &ClusterRanking) -> BTreeMap<Uuid, u32> {
    r.ranking
        .iter()
        .map(|row| (row.entry_id, row.rank))
        .collect()
}

/// The entry holding each of the first `positions` places of `base`: the first row with that
/// rank (tied rows share it).
pub(super) fn holders(base: &ClusterRanking, positions: u32) -> Vec<(u32, Uuid)> {
    (1..=positions)
        .filter_map(|rank| {
            base.ranking
                .iter()
                .find(|row| row.rank == rank)
                .map(|row| (rank, row.entry_id))
        })
        .collect()
}

/// What the scenarios say about each held place: in how many its holder keeps it, its worst
/// rank, and who takes the place when it does not.
pub(super) struct Tally<'h> {
    held: &'h [(u32, Uuid)],
    kept: Vec<u32>,
    worst: Vec<Option<u32>>,
    lost: Vec<Vec<(Uuid, Option<Uuid>)>>,
}

impl<'h> Tally<'h> {
    pub(super) fn new(held: &'h [(u32, Uuid)]) -> Tally<'h> {
        Tally {
            held,
            kept: vec![0; held.len()],
            worst: vec![None; held.len()],
            lost: vec![Vec::new(); held.len()],
        }
    }

    /// Counts the scenario without `judge`, whose ranking is `ranking`.
    pub(super) fn record(&mut self, judge: Uuid, ranking: &ClusterRanking) {
        let scenario = ranks(ranking);
        for (i, (rank, entry)) in self.held.iter().enumerate() {
            let now = scenario.get(entry);
            if now == Some(rank) {
                self.kept[i] += 1;
            } else {
                let holder = ranking
                    .ranking
                    .iter()
                    .find(|r| r.rank == *rank)
                    .map(|r| r.entry_id);
                self.lost[i].push((judge, holder));
            }
            if let Some(now) = now {
                self.worst[i] = Some(self.worst[i].map_or(*now, |w| w.max(*now)));
            }
        }
    }

    pub(super) fn finish(self, scenarios: usize) -> Robustness {
        let Tally {
            held,
            kept,
            worst,
            mut lost,
        } = self;
        Robustness {
            scenarios: scenarios as u32,
            positions: held
                .iter()
                .enumerate()
                .map(|(i, (rank, entry))| PositionRobustness {
                    rank: *rank,
                    entry_id: *entry,
                    kept: kept[i],
                    worst_rank: worst[i],
                    lost: std::mem::take(&mut lost[i]),
                })
                .collect(),
        }
    }
}

/// Ranks the cluster again without each judge in turn, and reports for each of the first
/// `positions` places (the prizes, or the places inside a cut) how often its holder keeps it.
///
/// Leaving a judge out changes only the entries that judge scored; every other entry keeps its
/// merit, so their order among themselves stands. Each scenario therefore ranks only those
/// entries and the unchanged ones that could stand above an entry whose place matters: every
/// unchanged entry whose merit is at least the lowest of (the merit of the `positions`-th best
/// unchanged entry, the merits of the places' holders in the scenario). Any entry so included
/// has every entry above it, and every entry equal to it, included too, so its rank — ties,
/// committee orders and all — is the rank the whole cluster would give it
/// (`robustness_naive`, the property test's oracle). A national cluster of 7,500 entries and a
/// thousand judges ranks a few dozen entries per judge instead of all of them.
///
/// Under leniency normalisation leaving a judge out changes the leniency of every judge who
/// shared an entry with them, and so the scores of entries that judge never saw:
/// [`super::lenient_robustness`] works those scenarios out.
pub fn robustness(c: &ClusterInput, positions: u32) -> Robustness {
    if c.normalisation == Normalisation::Leniency {
        return super::lenient_robustness::robustness(c, positions)
            .unwrap_or_else(|| robustness_naive(c, positions));
    }
    let base = rank_cluster(c);
    let held = holders(&base, positions);
    let rule = MeritRule::new(c);
    let base_merit: Vec<Option<Merit>> = c.entries.iter().map(|e| rule.of(e)).collect();
    // The scored entries, best first.
    let mut order: Vec<usize> = (0..c.entries.len())
        .filter(|i| base_merit[*i].is_some())
        .collect();
    order.sort_by(|a, b| base_merit[*b].cmp(&base_merit[*a]));
    let index: BTreeMap<Uuid, usize> = c
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.entry_id, i))
        .collect();
    let mut scored_by: BTreeMap<Uuid, Vec<usize>> = BTreeMap::new();
    for (i, e) in c.entries.iter().enumerate() {
        for s in &e.sheets {
            scored_by.entry(s.judge_id).or_default().push(i);
        }
    }
    let mut tally = Tally::new(&held);
    for (judge, changed) in &scored_by {
        if held.is_empty() {
            break;
        }
        let changed: BTreeMap<usize, EntryInput> = changed
            .iter()
            .map(|&i| {
                let e = &c.entries[i];
                let sheets = e
                    .sheets
                    .iter()
                    .filter(|s| s.judge_id != *judge)
                    .cloned()
                    .collect();
                (
                    i,
                    EntryInput {
                        sheets,
                        ..e.clone()
                    },
                )
            })
            .collect();
        let merit_now = |i: usize| match changed.get(&i) {
            Some(e) => rule.of(e),
            None => base_merit[i].clone(),
        };
        let unchanged = || order.iter().copied().filter(|i| !changed.contains_key(i));
        // `None`: fewer unchanged entries than places, so every one may matter.
        let mut threshold = unchanged()
            .nth((positions as usize).saturating_sub(1))
            .and_then(|i| base_merit[i].clone())
            .filter(|_| positions > 0);
        if threshold.is_some() {
            for (_, entry) in &held {
                if let Some(m) = index.get(entry).and_then(|i| merit_now(*i)) {
                    threshold = threshold.map(|t| t.min(m));
                }
            }
        }
        let above: Vec<usize> = unchanged()
            .take_while(|i| {
                threshold
                    .as_ref()
                    .is_none_or(|t| base_merit[*i].as_ref() >= Some(t))
            })
            .collect();
        let mut entries: Vec<EntryInput> = changed.into_values().collect();
        entries.extend(above.into_iter().map(|i| c.entries[i].clone()));
        let scenario_input = ClusterInput {
            criteria: c.criteria.clone(),
            tie_break: c.tie_break.clone(),
            aggregation: c.aggregation,
            winners_count: c.winners_count,
            tiers: c.tiers.clone(),
            min_award_score: c.min_award_score,
            entries,
            resolutions: c.resolutions.clone(),
            stage_weight: c.stage_weight,
            normalisation: c.normalisation,
        };
        let ranking = rank_cluster(&scenario_input);
        tally.record(*judge, &ranking);
    }
    tally.finish(scored_by.len())
}

/// [`robustness`] the long way: the whole cluster ranked again without each judge. The test
/// oracle of the fast way, and the way under leniency normalisation.
pub(crate) fn robustness_naive(c: &ClusterInput, positions: u32) -> Robustness {
    let base = rank_cluster(c);
    let held = holders(&base, positions);
    let judges = judges_of(c);
    let mut tally = Tally::new(&held);
    for judge in &judges {
        let ranking = rank_cluster(&without(c, *judge));
        tally.record(*judge, &ranking);
    }
    tally.finish(judges.len())
}

/// The gap between the score at a place and the score at the next one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Margin {
    pub rank: u32,
    pub gap: Exact,
}

/// The gaps between adjacent places, from the first to one past `positions` (the last prize or
/// the cut): place p against place p + 1, in ranking order.
pub fn margins(ranking: &ClusterRanking, positions: u32) -> Vec<Margin> {
    ranking
        .ranking
        .windows(2)
        .take(positions as usize)
        .enumerate()
        .map(|(i, pair)| Margin {
            rank: i as u32 + 1,
            gap: pair[0].score - pair[1].score,
        })
        .collect()
}

/// A judge's sheets, leniency and spread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JudgeLeniency {
    pub judge_id: Uuid,
    /// The judge's counted sheets in the cluster.
    pub sheets: u32,
    /// The mean, over the judge's sheets on entries that have another counted sheet, of the
    /// judge's total minus the mean of the others' totals on that entry. Paired this way it
    /// does not blame a judge who drew strong entries. `None` without such a sheet.
    pub leniency: Option<Exact>,
    /// The mean absolute deviation of the judge's totals from their own mean.
    pub spread: Exact,
}

/// Each judge's leniency and spread, by judge id.
pub fn leniency(c: &ClusterInput) -> Vec<JudgeLeniency> {
    let all = totals(c);
    let mut own: BTreeMap<Uuid, Vec<Exact>> = BTreeMap::new();
    for (_, entry) in &all {
        for (judge, total) in entry {
            own.entry(*judge).or_default().push(*total);
        }
    }
    let paired = paired_leniency(&all);
    own.into_iter()
        .map(|(judge_id, totals)| {
            let centre = mean(&totals).unwrap_or_default();
            let deviations: Vec<Exact> = totals
                .iter()
                .map(|t| if *t >= centre { t - centre } else { centre - t })
                .collect();
            JudgeLeniency {
                judge_id,
                sheets: totals.len() as u32,
                leniency: paired.get(&judge_id).copied(),
                spread: mean(&deviations).unwrap_or_default(),
            }
        })
        .collect()
}

/// Why Kendall's W cannot be computed for a cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoAgreement {
    /// Fewer than two judges or two scored entries.
    TooFew,
    /// Not every judge scored every scored entry (not a panel).
    IncompleteDesign,
    /// Every judge gave every entry the same total: there is no order to agree on.
    NoVariation,
}

/// Average ranks (1 = highest) of `values`, ties sharing the mean of their places; and the
/// tie correction Σ (t³ − t) over the tie groups.
fn average_ranks(values: &[Exact]) -> (Vec<Exact>, i128) {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|a, b| values[*b].cmp(&values[*a]));
    let mut ranks = vec![Exact::from_integer(0); values.len()];
    let mut correction = 0i128;
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Places start+1 ..= end share their mean.
        let shared = Exact::new((start + 1 + end) as i128, 2);
        for &i in &order[start..end] {
            ranks[i] = shared;
        }
        let t = (end - start) as i128;
        correction += t * t * t - t;
        start = end;
    }
    (ranks, correction)
}

/// Kendall's coefficient of concordance with the tie correction,
/// W = 12·S / (m²(n³ − n) − m·ΣT), when m ≥ 2 judges each scored all n ≥ 2 scored entries.
pub fn kendall_w(c: &ClusterInput) -> Result<Exact, NoAgreement> {
    let all: Vec<(Uuid, Vec<(Uuid, Exact)>)> = totals(c)
        .into_iter()
        .filter(|(_, s)| !s.is_empty())
        .collect();
    let judges = judges_of(c);
    let (m, n) = (judges.len() as i128, all.len() as i128);
    if m < 2 || n < 2 {
        return Err(NoAgreement::TooFew);
    }
    // table[j][e]: judge j's total on entry e.
    let mut table: Vec<Vec<Exact>> = Vec::with_capacity(judges.len());
    for judge in &judges {
        let mut row = Vec::with_capacity(all.len());
        for (_, sheets) in &all {
            let mine: Vec<&Exact> = sheets
                .iter()
                .filter(|(j, _)| j == judge)
                .map(|(_, t)| t)
                .collect();
            match mine.as_slice() {
                [one] => row.push(**one),
                _ => return Err(NoAgreement::IncompleteDesign),
            }
        }
        table.push(row);
    }
    let mut sums = vec![Exact::from_integer(0); all.len()];
    let mut ties = 0i128;
    for row in &table {
        let (ranks, correction) = average_ranks(row);
        for (sum, r) in sums.iter_mut().zip(ranks) {
            *sum += r;
        }
        ties += correction;
    }
    let centre = Exact::new(m * (n + 1), 2);
    let s = sums.iter().fold(Exact::from_integer(0), |acc, r| {
        acc + (r - centre) * (r - centre)
    });
    let denominator = m * m * (n * n * n - n) - m * ties;
    if denominator == 0 {
        return Err(NoAgreement::NoVariation);
    }
    Ok(s * Exact::from_integer(12) / Exact::from_integer(denominator))
}

/// A sheet far from the others on the same entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outlier {
    pub entry_id: Uuid,
    pub judge_id: Uuid,
    pub total: Exact,
    pub others_mean: Exact,
}

/// Every counted sheet whose total differs from the mean of the entry's other counted totals
/// by more than `points`; by entry, then judge.
pub fn outliers(c: &ClusterInput, points: Exact) -> Vec<Outlier> {
    let mut found: Vec<Outlier> = totals(c)
        .into_iter()
        .flat_map(|(entry_id, sheets)| {
            others_means(&sheets)
                .into_iter()
                .filter(|(_, total, others)| {
                    let gap = if total >= others {
                        total - others
                    } else {
                        others - total
                    };
                    gap > points
                })
                .map(move |(judge_id, total, others_mean)| Outlier {
                    entry_id,
                    judge_id,
                    total,
                    others_mean,
                })
                .collect::<Vec<_>>()
        })
        .collect();
    found.sort_by(|a, b| {
        a.entry_id
            .cmp(&b.entry_id)
            .then(a.judge_id.cmp(&b.judge_id))
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ranking::{Aggregation, CriterionRule};
    use proptest::prelude::*;

    use crate::domain::testing::id;

    fn x(n: i128) -> Exact {
        Exact::from_integer(n)
    }

    /// One criterion of weight 100 out of 100, so a sheet's total is its one score.
    fn cluster(entries: &[(u128, &[(u128, i64)])]) -> ClusterInput {
        let rubric = vec![CriterionRule {
            id: id(1000),
            weight: 100,
            max_score: 100,
        }];
        crate::domain::testing::cluster(
            rubric,
            entries
                .iter()
                .map(|(e, sheets)| (*e, sheets.iter().map(|(j, v)| (*j, [*v])).collect())),
        )
    }

    /// Three judges (1, 2, 3) on entries A (10), B (20) and C (30): means A 80, B 79⅓, C 60.
    /// Judge 3 is harsh on A and generous to B, and Juara I depends on who is counted.
    fn fragile() -> ClusterInput {
        cluster(&[
            (10, &[(1, 85), (2, 85), (3, 70)]),
            (20, &[(1, 75), (2, 65), (3, 98)]),
            (30, &[(1, 60), (2, 60), (3, 60)]),
        ])
    }

    #[test]
    fn leaving_one_judge_out_can_flip_juara_i() {
        // Base: A 240/3 = 80, B 238/3 = 79.33, C 60.
        // Without 1: A 77.5, B 81.5 → B first. Without 2: A 77.5, B 86.5 → B first.
        // Without 3: A 85, B 70 → A first.
        let r = robustness(&fragile(), 3);
        assert_eq!(r.scenarios, 3);
        assert_eq!(
            r.positions,
            vec![
                PositionRobustness {
                    rank: 1,
                    entry_id: id(10),
                    kept: 1,
                    worst_rank: Some(2),
                    lost: vec![(id(1), Some(id(20))), (id(2), Some(id(20)))],
                },
                PositionRobustness {
                    rank: 2,
                    entry_id: id(20),
                    kept: 1,
                    worst_rank: Some(2),
                    lost: vec![(id(1), Some(id(10))), (id(2), Some(id(10)))],
                },
                PositionRobustness {
                    rank: 3,
                    entry_id: id(30),
                    kept: 3,
                    worst_rank: Some(3),
                    lost: vec![],
                },
            ]
        );
        assert!(!r.positions[0].stable(3));
        assert!(r.positions[2].stable(3));
        let base = rank_cluster(&fragile());
        assert_eq!(
            margins(&base, 3),
            vec![
                Margin {
                    rank: 1,
                    gap: Exact::new(2, 3)
                },
                Margin {
                    rank: 2,
                    gap: Exact::new(58, 3)
                },
            ]
        );
    }

    #[test]
    fn leniency_pairs_each_sheet_with_the_others_on_the_same_entry() {
        let l = leniency(&fragile());
        // Judge 3 on A: 70 − 85 = −15; on B: 98 − 70 = 28; on C: 0 → mean 13/3.
        let three = l.iter().find(|j| j.judge_id == id(3)).unwrap();
        assert_eq!(three.sheets, 3);
        assert_eq!(three.leniency, Some(Exact::new(13, 3)));
        // Judge 3's totals 70, 98, 60: mean 76, deviations 6, 22, 16 → spread 44/3.
        assert_eq!(three.spread, Exact::new(44, 3));
        // Judge 1 on A: 85 − 77.5 = 7.5; on B: 75 − 81.5 = −6.5; on C: 0 → 1/3.
        assert_eq!(l[0].judge_id, id(1));
        assert_eq!(l[0].leniency, Some(Exact::new(1, 3)));
        // A judge alone on an entry has nothing to be compared with.
        let alone = leniency(&cluster(&[(10, &[(1, 50)])]));
        assert_eq!(alone[0].leniency, None);
    }

    #[test]
    fn outliers_are_far_from_the_others_on_the_same_entry() {
        // On B, judge 3's 98 is 28 above the others' 70; judge 2's 65 is 21.5 below 86.5.
        let found = outliers(&fragile(), x(15));
        let pairs: Vec<(Uuid, Uuid)> = found.iter().map(|o| (o.entry_id, o.judge_id)).collect();
        assert_eq!(pairs, vec![(id(20), id(2)), (id(20), id(3))]);
        assert_eq!(found[1].total, x(98));
        assert_eq!(found[1].others_mean, x(70));
        assert!(outliers(&fragile(), x(30)).is_empty());
    }

    /// Kendall's W against a worked example: three judges rank four entries 1-2-3-4, 1-3-2-4 and
    /// 2-1-3-4. Rank sums 4, 6, 8, 12; mean 7.5; S = 12.25 + 2.25 + 0.25 + 20.25 = 35;
    /// W = 12 × 35 / (9 × 60) = 7/9.
    #[test]
    fn kendall_w_without_ties() {
        let c = cluster(&[
            (1, &[(1, 90), (2, 90), (3, 80)]),
            (2, &[(1, 80), (2, 70), (3, 90)]),
            (3, &[(1, 70), (2, 80), (3, 70)]),
            (4, &[(1, 60), (2, 60), (3, 60)]),
        ]);
        assert_eq!(kendall_w(&c), Ok(Exact::new(7, 9)));
    }

    /// With ties: judge 3 gives entries 1 and 2 the same total (ranks 1.5 and 1.5; its tie
    /// correction is 2³ − 2 = 6). Ranks 1-2-3-4, 1-3-2-4 and 1.5-1.5-3-4 sum to 3.5, 6.5, 8
    /// and 12; S = 16 + 1 + 0.25 + 20.25 = 37.5; W = 12 × 37.5 / (9 × 60 − 3 × 6) = 450/522.
    #[test]
    fn kendall_w_with_the_tie_correction() {
        let c = cluster(&[
            (1, &[(1, 90), (2, 90), (3, 85)]),
            (2, &[(1, 80), (2, 70), (3, 85)]),
            (3, &[(1, 70), (2, 80), (3, 70)]),
            (4, &[(1, 60), (2, 60), (3, 60)]),
        ]);
        assert_eq!(kendall_w(&c), Ok(Exact::new(450, 522)));
        let incomplete = cluster(&[(1, &[(1, 90), (2, 80)]), (2, &[(1, 70)])]);
        assert_eq!(kendall_w(&incomplete), Err(NoAgreement::IncompleteDesign));
        assert_eq!(
            kendall_w(&cluster(&[(1, &[(1, 90), (2, 80)])])),
            Err(NoAgreement::TooFew)
        );
        let flat = cluster(&[(1, &[(1, 50), (2, 50)]), (2, &[(1, 50), (2, 50)])]);
        assert_eq!(kendall_w(&flat), Err(NoAgreement::NoVariation));
    }

    /// A complete panel: `judges` judges each score every one of the entries.
    fn panel(scores: &[Vec<i64>]) -> ClusterInput {
        let entries: Vec<(u128, Vec<(u128, i64)>)> = scores
            .iter()
            .enumerate()
            .map(|(e, row)| {
                (
                    e as u128 + 1,
                    row.iter()
                        .enumerate()
                        .map(|(j, v)| (j as u128 + 1, *v))
                        .collect(),
                )
            })
            .collect();
        let borrowed: Vec<(u128, &[(u128, i64)])> =
            entries.iter().map(|(e, s)| (*e, s.as_slice())).collect();
        cluster(&borrowed)
    }

    fn scores(judges: usize) -> impl Strategy<Value = Vec<Vec<i64>>> {
        prop::collection::vec(prop::collection::vec(0i64..=100, judges), 2..7)
    }

    /// A cluster from a table of optional scores (row: an entry, column: a judge), each
    /// score times `step`.
    fn sparse(table: &[Vec<Option<i64>>], step: i64) -> ClusterInput {
        let entries: Vec<(u128, Vec<(u128, i64)>)> = table
            .iter()
            .enumerate()
            .map(|(e, row)| {
                let scored = row
                    .iter()
                    .enumerate()
                    .filter_map(|(j, v)| v.map(|v| (j as u128 + 1, v * step)))
                    .collect();
                (e as u128 + 10, scored)
            })
            .collect();
        let borrowed: Vec<(u128, &[(u128, i64)])> =
            entries.iter().map(|(e, s)| (*e, s.as_slice())).collect();
        cluster(&borrowed)
    }

    proptest! {
        /// W lies in [0, 1] on every complete panel.
        #[test]
        fn w_is_between_zero_and_one(table in (2usize..5).prop_flat_map(scores)) {
            if let Ok(w) = kendall_w(&panel(&table)) {
                prop_assert!(w >= x(0) && w <= x(1), "W = {w}");
            }
        }

        /// On a complete panel of two judges, their leniencies cancel out.
        #[test]
        fn two_judges_leniencies_sum_to_zero(table in scores(2)) {
            let l = leniency(&panel(&table));
            prop_assert_eq!(l.len(), 2);
            prop_assert_eq!(l[0].leniency.unwrap() + l[1].leniency.unwrap(), x(0));
        }

        /// Leaving a judge out by ranking only the entries that can matter gives exactly what
        /// ranking the whole cluster again gives: kept, worst ranks and who takes each place,
        /// with ties (scores in steps of 25), entries some judges did not score, entries left
        /// without a sheet, and a committee's order of a tie in the prize zone.
        #[test]
        fn the_fast_leave_one_out_is_the_whole_re_ranking(
            sheets in prop::collection::vec(prop::collection::vec(prop::option::of(0i64..=4), 1..5), 1..14),
            positions in 0u32..6,
            order_a_tie in any::<bool>(),
        ) {
            let mut c = sparse(&sheets, 25);
            if order_a_tie {
                if let Some(group) = rank_cluster(&c).unresolved_ties.first() {
                    c.resolutions.push(group.iter().rev().copied().collect());
                }
            }
            prop_assert_eq!(robustness(&c, positions), robustness_naive(&c, positions));
        }

        /// Under leniency normalisation too, whatever the aggregation: the scenarios' corrected
        /// leniencies and integer scores give exactly what ranking the whole cluster again
        /// (which works every leniency out afresh) gives.
        #[test]
        fn the_lenient_leave_one_out_is_the_whole_re_ranking(
            sheets in prop::collection::vec(prop::collection::vec(prop::option::of(0i64..=8), 1..6), 1..14),
            positions in 0u32..6,
            aggregation in prop::sample::select(vec![Aggregation::Mean, Aggregation::Median, Aggregation::TrimmedMean]),
            order_a_tie in any::<bool>(),
        ) {
            let mut c = sparse(&sheets, 12);
            c.aggregation = aggregation;
            c.normalisation = Normalisation::Leniency;
            if order_a_tie {
                if let Some(group) = rank_cluster(&c).unresolved_ties.first() {
                    c.resolutions.push(group.iter().rev().copied().collect());
                }
            }
            let fast = super::super::lenient_robustness::robustness(&c, positions);
            prop_assert!(fast.is_some());
            prop_assert_eq!(fast.unwrap(), robustness_naive(&c, positions));
        }

        /// Reversing the order of entries and of each entry's sheets changes nothing.
        #[test]
        fn the_order_of_the_input_does_not_matter(table in (2usize..5).prop_flat_map(scores)) {
            let c = panel(&table);
            let mut reversed = c.clone();
            reversed.entries.reverse();
            for e in &mut reversed.entries {
                e.sheets.reverse();
            }
            prop_assert_eq!(robustness(&c, 3), robustness(&reversed, 3));
            prop_assert_eq!(leniency(&c), leniency(&reversed));
            prop_assert_eq!(kendall_w(&c), kendall_w(&reversed));
            prop_assert_eq!(outliers(&c, x(15)), outliers(&reversed, x(15)));
        }
    }
}

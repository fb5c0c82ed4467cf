//! The ranking of a cluster, its prize tiers and its ties — the rules of docs/scoring.md.
//!
//! 1. Each entry's score aggregates its submitted sheet totals (see [`super::scoring`]).
//! 2. Scores descending; equal scores are ordered by the tie-break criteria in turn, comparing
//!    each criterion's mean of weight × score / max_score over the entry's sheets.
//! 3. Entries still equal share a rank (1, 2, 2, 4) and are marked as a tie; a tie that touches
//!    the prize zone waits for the committee's recorded order, after which the entries take
//!    consecutive ranks in that order.
//! 4. Rank r ≤ winners_count takes tier r unless the score is below the minimum; then the tier
//!    stays empty and nobody moves up.
//! 5. A stage that declares leniency normalisation subtracts each judge's leniency (rounded to
//!    four decimals, [`super::normalise`]) from the judge's totals before aggregating them;
//!    the tie-break means stay as the judges gave them.
//! 6. In a contest of several stages, the last stage ranks by the final score: its own score
//!    combined with the entry's earlier stage scores by the declared weights
//!    ([`super::stage::final_score`]); entries equal on it and on every tie-break mean are
//!    ordered by the earlier stages' scores, the latest stage first.
//!
//! Everything is exact and deterministic: the output does not depend on the order of entries
//! or sheets in the input.

use super::normalise;
pub use super::normalise::Normalisation;
pub use super::scoring::Scale;
pub use super::scoring::{aggregate, dense_total, sheet_total, Aggregation, CriterionRule, Exact};
use super::stage::final_score;
pub use super::stage::StageScore;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetInput {
    pub judge_id: Uuid,
    /// The scores in rubric order (`ClusterInput::criteria`), `None` where the sheet has none.
    /// A vector, not a map by criterion id: a national contest ranks 37,500 sheets per
    /// cluster, and a map per sheet was the largest part of the ranking's memory.
    pub scores: Vec<Option<i64>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryInput {
    pub entry_id: Uuid,
    pub title: String,
    /// Submitted sheets only; drafts never count.
    pub sheets: Vec<SheetInput>,
    /// Every assigned judge has submitted (or been waived).
    pub complete: bool,
    /// The entry's scores in the weighted scored stages before this one, first stage first;
    /// empty in a one-stage contest (and in any stage but the last, which alone combines).
    pub earlier: Vec<StageScore>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrizeTierRule {
    pub rank: u32,
    pub title: String,
    pub amount: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterInput {
    pub criteria: Vec<CriterionRule>,
    pub tie_break: Vec<Uuid>,
    pub aggregation: Aggregation,
    pub winners_count: u32,
    pub tiers: Vec<PrizeTierRule>,
    pub min_award_score: Option<Exact>,
    pub entries: Vec<EntryInput>,
    /// The committee's recorded orders for tied entries, oldest first (a later one wins).
    pub resolutions: Vec<Vec<Uuid>>,
    /// This stage's weight in the final score, combined with each entry's `earlier` scores.
    pub stage_weight: u32,
    /// What the stage does to judges' totals before aggregating them.
    pub normalisation: Normalisation,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RankedEntry {
    pub entry_id: Uuid,
    pub rank: u32,
    /// The score the ranking is by: the final score when there are earlier stages.
    pub score: Exact,
    /// This stage's own score, the aggregate of its sheets (equal to `score` in a one-stage
    /// contest).
    pub stage_score: Exact,
    /// Under leniency normalisation: `score` as it would be from the judges' own totals.
    pub raw_score: Option<Exact>,
    pub tie: bool,
    pub resolved_by_committee: bool,
    pub complete: bool,
    pub below_minimum: bool,
    pub prize: Option<PrizeTierRule>,
    /// (judge, sheet total), by judge id.
    pub sheet_totals: Vec<(Uuid, Exact)>,
    /// (criterion, mean of weight × score / max_score), in rubric order.
    pub criterion_means: Vec<(Uuid, Exact)>,
    /// When the score equals the previous entry's: the tie-break criterion that decided.
    pub separated_from_previous_by: Option<Uuid>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterRanking {
    pub ranking: Vec<RankedEntry>,
    /// Entries without a submitted sheet, by title then id.
    pub unscored: Vec<Uuid>,
    /// Tie groups touching ranks ≤ winners_count with no matching committee order.
    pub unresolved_ties: Vec<Vec<Uuid>>,
    /// Indices of resolutions that match no current tie.
    pub stale_resolutions: Vec<usize>,
}

/// The default tie-break order: weight descending, then rubric order.
pub fn default_tie_break(criteria: &[(Uuid, i64)]) -> Vec<Uuid> {
    let mut order: Vec<(usize, &(Uuid, i64))> = criteria.iter().enumerate().collect();
    order.sort_by(|(ia, a), (ib, b)| b.1.cmp(&a.1).then(ia.cmp(ib)));
    order.into_iter().map(|(_, (id, _))| *id).collect()
}

/// An entry with everything computed once, so sorting never recomputes.
struct Scored<'a> {
    input: &'a EntryInput,
    score: Exact,
    stage_score: Exact,
    raw_score: Option<Exact>,
    totals: Vec<(Uuid, Exact)>,
    means: Vec<(Uuid, Exact)>,
}

impl Scored<'_> {
    /// The means in tie-break order (`tie_index` holds rubric positions).
    fn keys<'s>(&'s self, tie_index: &'s [usize]) -> impl Iterator<Item = Exact> + 's {
        tie_index.iter().map(|i| self.means[*i].1)
    }

    /// The earlier stages' scores, the latest first: the last tie-break.
    fn earlier(&self) -> impl Iterator<Item = Exact> + '_ {
        self.input.earlier.iter().rev().map(|s| s.score)
    }
}

/// The numbers that explain an entry's score: each sheet's total and each criterion's mean.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// (judge, sheet total), by judge id.
    pub totals: Vec<(Uuid, Exact)>,
    /// (criterion, mean of weight × score / max_score over the sheets), in rubric order; a
    /// sheet without a score for the criterion counts as 0.
    pub means: Vec<(Uuid, Exact)>,
}

/// Explains an entry from its submitted sheets. `scale` is `Scale::of(criteria)`, computed
/// once by the caller (integer arithmetic, see [`Scale`]); without one, fractions are added.
pub fn explain(
    criteria: &[CriterionRule],
    scale: Option<&Scale>,
    sheets: &[SheetInput],
) -> Explanation {
    let mut totals: Vec<(Uuid, Exact)> = sheets
        .iter()
        .map(|s| (s.judge_id, dense_total(criteria, scale, &s.scores)))
        .collect();
    totals.sort();
    let n = (sheets.len() as i128).max(1);
    let means = criteria
        .iter()
        .enumerate()
        .map(|(k, rule)| {
            let present = sheets
                .iter()
                .filter_map(|s| s.scores.get(k).copied().flatten());
            let mean = match scale {
                Some(scale) => {
                    let sum: i128 = present.map(|v| scale.factors[k] * i128::from(v)).sum();
                    Exact::new(sum, scale.denominator * n)
                }
                None => {
                    present.fold(Exact::from_integer(0), |acc, v| acc + rule.weighted(v))
                        / Exact::from_integer(n)
                }
            };
            (rule.id, mean)
        })
        .collect();
    Explanation { totals, means }
}

/// The subtracted leniency of each judge, when the cluster declares leniency normalisation.
type Offsets = BTreeMap<Uuid, Exact>;

fn offsets_of(c: &ClusterInput, normalisation: Normalisation) -> Option<Offsets> {
    (normalisation == Normalisation::Leniency).then(|| normalise::offsets(c))
}

/// The entry's score from this stage's score: combined with its earlier stages' scores.
fn combined(input: &EntryInput, c: &ClusterInput, stage_score: Exact) -> Option<Exact> {
    if input.earlier.is_empty() {
        return Some(stage_score);
    }
    let mut stages = input.earlier.clone();
    stages.push(StageScore {
        weight: c.stage_weight,
        score: stage_score,
    });
    final_score(&stages)
}

fn score_entry<'a>(
    input: &'a EntryInput,
    c: &ClusterInput,
    scale: Option<&Scale>,
    offsets: Option<&Offsets>,
) -> Option<Scored<'a>> {
    let Explanation { totals, means } = explain(&c.criteria, scale, &input.sheets);
    let raw: Vec<Exact> = totals.iter().map(|(_, t)| *t).collect();
    let (stage_score, raw_score) = match offsets {
        None => (aggregate(c.aggregation, &raw)?, None),
        Some(offsets) => {
            let normalised: Vec<Exact> = totals
                .iter()
                .map(|(judge, t)| t - offsets.get(judge).copied().unwrap_or_default())
                .collect();
            let raw_stage = aggregate(c.aggregation, &raw)?;
            (
                aggregate(c.aggregation, &normalised)?,
                Some(combined(input, c, raw_stage)?),
            )
        }
    };
    let score = combined(input, c, stage_score)?;
    Some(Scored {
        input,
        score,
        stage_score,
        raw_score,
        totals,
        means,
    })
}

/// Where an entry stands in the ranking's order, compared as the ranking compares: on its
/// score, then each tie-break mean, then the earlier stages' scores (latest first). Greater is
/// better; equal merits share a rank.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Merit {
    score: Exact,
    keys: Vec<Exact>,
    earlier: Vec<Exact>,
}

/// Works out entries' [`Merit`]s under a cluster's rules (its rubric, aggregation, tie-break
/// order and stage weight), computing the rules' constants once.
pub struct MeritRule<'a> {
    cluster: &'a ClusterInput,
    tie_index: Vec<usize>,
    scale: Option<Scale>,
    offsets: Option<Offsets>,
}

impl<'a> MeritRule<'a> {
    pub fn new(cluster: &'a ClusterInput) -> MeritRule<'a> {
        MeritRule {
            tie_index: tie_index(cluster),
            scale: Scale::of(&cluster.criteria),
            offsets: offsets_of(cluster, cluster.normalisation),
            cluster,
        }
    }

    /// `entry`'s tie-break means, in tie-break order (what follows the score in its merit).
    pub fn tie_keys(&self, entry: &EntryInput) -> Vec<Exact> {
        let means = explain(&self.cluster.criteria, self.scale.as_ref(), &entry.sheets).means;
        self.tie_index.iter().map(|i| means[*i].1).collect()
    }

    /// `entry`'s merit, as if it were in the cluster; `None` when it has no sheet.
    pub fn of(&self, entry: &EntryInput) -> Option<Merit> {
        let s = score_entry(
            entry,
            self.cluster,
            self.scale.as_ref(),
            self.offsets.as_ref(),
        )?;
        Some(Merit {
            score: s.score,
            keys: s.keys(&self.tie_index).collect(),
            earlier: s.earlier().collect(),
        })
    }
}

/// The rubric positions of the tie-break criteria, in tie-break order.
fn tie_index(c: &ClusterInput) -> Vec<usize> {
    c.tie_break
        .iter()
        .filter_map(|id| c.criteria.iter().position(|r| r.id == *id))
        .collect()
}

/// Higher first on score, then on each tie-break mean.
fn merit(a: &Scored, b: &Scored, tie_index: &[usize]) -> Ordering {
    b.score
        .cmp(&a.score)
        .then_with(|| b.keys(tie_index).cmp(a.keys(tie_index)))
        .then_with(|| b.earlier().cmp(a.earlier()))
}

pub fn rank_cluster(c: &ClusterInput) -> ClusterRanking {
    rank_cluster_as(c, c.normalisation)
}

/// The cluster ranked as if it declared `normalisation` (the analysis compares both choices
/// without copying the cluster).
pub fn rank_cluster_as(c: &ClusterInput, normalisation: Normalisation) -> ClusterRanking {
    rank_with(c, offsets_of(c, normalisation).as_ref())
}

/// The cluster ranked with each judge's total lessened by the given leniency offsets, worked
/// out elsewhere: the analysis' scenarios work them out for a whole cluster and rank a part
/// of it.
pub fn rank_with_offsets(c: &ClusterInput, offsets: &BTreeMap<Uuid, Exact>) -> ClusterRanking {
    rank_with(c, Some(offsets))
}

fn rank_with(c: &ClusterInput, offsets: Option<&Offsets>) -> ClusterRanking {
    let tie_index = tie_index(c);
    let scale = Scale::of(&c.criteria);
    let mut scored = Vec::with_capacity(c.entries.len());
    let mut unscored = Vec::new();
    for e in &c.entries {
        match score_entry(e, c, scale.as_ref(), offsets) {
            Some(s) => scored.push(s),
            None => unscored.push(e),
        }
    }
    scored.sort_by(|a, b| {
        merit(a, b, &tie_index)
            .then_with(|| a.input.title.cmp(&b.input.title))
            .then_with(|| a.input.entry_id.cmp(&b.input.entry_id))
    });
    unscored.sort_by(|a, b| a.title.cmp(&b.title).then(a.entry_id.cmp(&b.entry_id)));

    // Groups of entries equal on score and every tie-break mean.
    let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    for i in 1..=scored.len() {
        if i == scored.len() || merit(&scored[start], &scored[i], &tie_index) != Ordering::Equal {
            groups.push(start..i);
            start = i;
        }
    }

    let mut used = BTreeSet::new();
    let mut unresolved_ties = Vec::new();
    let mut order: Vec<(usize, u32, bool, bool)> = Vec::with_capacity(scored.len()); // (index, rank, tie, resolved)
    for group in groups {
        let rank = group.start as u32 + 1;
        if group.len() == 1 {
            order.push((group.start, rank, false, false));
            continue;
        }
        let ids: BTreeSet<Uuid> = group.clone().map(|i| scored[i].input.entry_id).collect();
        let in_zone = rank <= c.winners_count;
        let resolution = c.resolutions.iter().enumerate().rev().find(|(_, r)| {
            r.len() == ids.len() && r.iter().copied().collect::<BTreeSet<_>>() == ids
        });
        match resolution {
            Some((index, recorded)) if in_zone => {
                used.insert(index);
                for (offset, id) in recorded.iter().enumerate() {
                    if let Some(i) = group.clone().find(|i| scored[*i].input.entry_id == *id) {
                        order.push((i, rank + offset as u32, false, true));
                    }
                }
            }
            _ => {
                if in_zone {
                    unresolved_ties.push(group.clone().map(|i| scored[i].input.entry_id).collect());
                }
                order.extend(group.map(|i| (i, rank, true, false)));
            }
        }
    }
    // A resolution is stale when neither it nor a later order of the same entries applies: a
    // superseded order of a tie that is still resolved is history, not a problem.
    let stale_resolutions = (0..c.resolutions.len())
        .filter(|i| {
            !used
                .iter()
                .any(|u| same_set(&c.resolutions[*u], &c.resolutions[*i]))
        })
        .collect();

    // Which criterion separated each entry from the one before it, worked out before the
    // entries' numbers move into the ranking.
    let separated: Vec<Option<Uuid>> = order
        .iter()
        .enumerate()
        .map(|(n, (i, ..))| {
            let before = &scored[order[n.checked_sub(1)?].0];
            let s = &scored[*i];
            (before.score == s.score)
                .then(|| {
                    before
                        .keys(&tie_index)
                        .zip(s.keys(&tie_index))
                        .position(|(a, b)| a != b)
                })
                .flatten()
                .map(|k| c.criteria[tie_index[k]].id)
        })
        .collect();
    let mut ranking = Vec::with_capacity(order.len());
    for ((i, rank, tie, resolved), separated) in order.into_iter().zip(separated) {
        let s = &mut scored[i];
        let below_minimum = c.min_award_score.is_some_and(|min| s.score < min);
        let prize = (rank <= c.winners_count && !below_minimum)
            .then(|| c.tiers.iter().find(|t| t.rank == rank).cloned())
            .flatten();
        ranking.push(RankedEntry {
            entry_id: s.input.entry_id,
            rank,
            score: s.score,
            stage_score: s.stage_score,
            raw_score: s.raw_score,
            tie,
            resolved_by_committee: resolved,
            complete: s.input.complete,
            below_minimum,
            prize,
            // Each entry appears once in `order`, so its numbers move instead of being copied.
            sheet_totals: std::mem::take(&mut s.totals),
            criterion_means: std::mem::take(&mut s.means),
            separated_from_previous_by: separated,
        });
    }
    ClusterRanking {
        ranking,
        unscored: unscored.iter().map(|e| e.entry_id).collect(),
        unresolved_ties,
        stale_resolutions,
    }
}

fn same_set(a: &[Uuid], b: &[Uuid]) -> bool {
    a.len() == b.len() && a.iter().collect::<BTreeSet<_>>() == b.iter().collect::<BTreeSet<_>>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    /// The Bailang rubric with criterion ids 1..=5.
    fn criteria() -> Vec<CriterionRule> {
        [30, 25, 20, 15, 10]
            .iter()
            .enumerate()
            .map(|(i, w)| CriterionRule {
                id: id(i as u128 + 1),
                weight: *w,
                max_score: 100,
            })
            .collect()
    }

    fn entry(n: u128, sheets: &[&[i64]]) -> EntryInput {
        EntryInput {
            entry_id: id(1000 + n),
            title: format!("Inovasi {n:03}"),
            sheets: sheets
                .iter()
                .enumerate()
                .map(|(j, scores)| SheetInput {
                    judge_id: id(500 + j as u128),
                    scores: scores.iter().copied().map(Some).collect(),
                })
                .collect(),
            complete: true,
            earlier: Vec::new(),
        }
    }

    fn cluster(entries: Vec<EntryInput>) -> ClusterInput {
        let c = criteria();
        let weights: Vec<(Uuid, i64)> = c.iter().map(|r| (r.id, r.weight)).collect();
        ClusterInput {
            tie_break: default_tie_break(&weights),
            criteria: c,
            aggregation: Aggregation::Mean,
            winners_count: 5,
            tiers: [
                "Juara I",
                "Juara II",
                "Juara III",
                "Harapan I",
                "Harapan II",
            ]
            .iter()
            .enumerate()
            .map(|(i, t)| PrizeTierRule {
                rank: i as u32 + 1,
                title: t.to_string(),
                amount: 1000 * (5 - i as i64),
            })
            .collect(),
            min_award_score: None,
            entries,
            resolutions: Vec::new(),
            stage_weight: 100,
            normalisation: Normalisation::None,
        }
    }

    fn ranks(r: &ClusterRanking) -> Vec<(Uuid, u32)> {
        r.ranking.iter().map(|e| (e.entry_id, e.rank)).collect()
    }

    #[test]
    fn shares_ranks_one_two_two_four() {
        let r = rank_cluster(&cluster(vec![
            entry(1, &[&[90; 5]]),
            entry(2, &[&[80; 5]]),
            entry(3, &[&[80; 5]]),
            entry(4, &[&[70; 5]]),
        ]));
        let got: Vec<u32> = r.ranking.iter().map(|e| e.rank).collect();
        assert_eq!(got, vec![1, 2, 2, 4]);
        assert!(r.ranking[1].tie && r.ranking[2].tie && !r.ranking[0].tie);
        assert_eq!(r.unresolved_ties, vec![vec![id(1002), id(1003)]]);
        // Both tied entries show tier 2 provisionally; rank 3 is nobody's.
        assert_eq!(r.ranking[1].prize.as_ref().unwrap().title, "Juara II");
        assert_eq!(r.ranking[2].prize.as_ref().unwrap().title, "Juara II");
        assert_eq!(r.ranking[3].prize.as_ref().unwrap().title, "Harapan I");
    }

    #[test]
    fn equal_scores_are_separated_by_the_first_tie_break_criterion() {
        // Both total 40: (100,0,50,0,0) = 30+10; (0,100,0,100,0) = 25+15.
        let r = rank_cluster(&cluster(vec![
            entry(1, &[&[0, 100, 0, 100, 0]]),
            entry(2, &[&[100, 0, 50, 0, 0]]),
        ]));
        assert_eq!(ranks(&r), vec![(id(1002), 1), (id(1001), 2)]);
        assert_eq!(
            r.ranking[1].separated_from_previous_by,
            Some(id(1)),
            "Kebaruan decided"
        );
        assert!(!r.ranking[0].tie && !r.ranking[1].tie);
        assert!(r.unresolved_ties.is_empty());
    }

    #[test]
    fn a_tie_outside_the_prize_zone_is_not_listed() {
        let mut c = cluster(vec![
            entry(1, &[&[90; 5]]),
            entry(2, &[&[50; 5]]),
            entry(3, &[&[50; 5]]),
        ]);
        c.winners_count = 1;
        let r = rank_cluster(&c);
        assert!(r.ranking[1].tie && r.ranking[2].tie);
        assert!(r.unresolved_ties.is_empty());
        assert!(r.ranking[1].prize.is_none());
    }

    #[test]
    fn the_committee_order_gives_consecutive_ranks() {
        let mut c = cluster(vec![
            entry(1, &[&[80; 5]]),
            entry(2, &[&[80; 5]]),
            entry(3, &[&[70; 5]]),
        ]);
        c.resolutions = vec![vec![id(1002), id(1001)], vec![id(1003), id(1001)]];
        let r = rank_cluster(&c);
        assert_eq!(ranks(&r), vec![(id(1002), 1), (id(1001), 2), (id(1003), 3)]);
        assert!(r.ranking[0].resolved_by_committee && !r.ranking[0].tie);
        assert_eq!(r.ranking[1].prize.as_ref().unwrap().title, "Juara II");
        assert!(r.unresolved_ties.is_empty());
        assert_eq!(r.stale_resolutions, vec![1]);
    }

    #[test]
    fn below_the_minimum_the_tier_stays_empty_and_nobody_moves_up() {
        let mut c = cluster(vec![
            entry(1, &[&[90; 5]]),
            entry(2, &[&[59; 5]]),
            entry(3, &[&[58; 5]]),
        ]);
        c.min_award_score = Some(Exact::from_integer(60));
        let r = rank_cluster(&c);
        assert_eq!(r.ranking[1].rank, 2);
        assert!(r.ranking[1].below_minimum && r.ranking[1].prize.is_none());
        assert!(r.ranking[2].prize.is_none());
        assert_eq!(r.ranking[0].prize.as_ref().unwrap().rank, 1);
    }

    #[test]
    fn unscored_entries_are_listed_apart() {
        let r = rank_cluster(&cluster(vec![
            entry(2, &[]),
            entry(1, &[&[50; 5]]),
            entry(3, &[]),
        ]));
        assert_eq!(r.ranking.len(), 1);
        assert_eq!(r.unscored, vec![id(1002), id(1003)]);
    }

    #[test]
    fn aggregation_and_breakdown() {
        let mut c = cluster(vec![entry(
            1,
            &[&[80, 90, 70, 60, 100], &[90; 5], &[10; 5]],
        )]);
        c.aggregation = Aggregation::TrimmedMean;
        let r = rank_cluster(&c);
        assert_eq!(
            r.ranking[0].score,
            Exact::new(159, 2),
            "drops 90 and 10, keeps 79.5"
        );
        assert_eq!(r.ranking[0].sheet_totals.len(), 3);
        // Kebaruan mean of weight×score/max: (24 + 27 + 3) / 3 = 18.
        assert_eq!(
            r.ranking[0].criterion_means[0],
            (id(1), Exact::from_integer(18))
        );
    }

    #[test]
    fn a_missing_score_counts_as_zero_in_the_total_and_the_mean() {
        let mut e = entry(1, &[&[80; 5], &[60; 5]]);
        e.sheets[1].scores[0] = None;
        let r = rank_cluster(&cluster(vec![e]));
        let totals: Vec<Exact> = r.ranking[0].sheet_totals.iter().map(|t| t.1).collect();
        // 80 × (30+25+20+15+10)/100 = 80; 60 × (25+20+15+10)/100 = 42.
        assert_eq!(
            totals,
            vec![Exact::from_integer(80), Exact::from_integer(42)]
        );
        assert_eq!(r.ranking[0].score, Exact::from_integer(61));
        // Kebaruan: (30 × 80/100 + 0) / 2 sheets = 12.
        assert_eq!(r.ranking[0].criterion_means[0].1, Exact::from_integer(12));
    }

    #[test]
    fn default_tie_break_is_weight_then_rubric_order() {
        let order = default_tie_break(&[(id(1), 20), (id(2), 30), (id(3), 20)]);
        assert_eq!(order, vec![id(2), id(1), id(3)]);
    }

    fn arb_entries() -> impl Strategy<Value = Vec<Vec<Vec<i64>>>> {
        // entries × sheets × 5 scores, from a small range so ties happen.
        prop::collection::vec(
            prop::collection::vec(prop::collection::vec(0i64..=4, 5), 0..4),
            1..12,
        )
    }

    fn build(entries: &[Vec<Vec<i64>>]) -> ClusterInput {
        let list = entries
            .iter()
            .enumerate()
            .map(|(n, sheets)| {
                let refs: Vec<&[i64]> = sheets.iter().map(|s| s.as_slice()).collect();
                let mut e = entry(n as u128, &refs);
                for s in &mut e.sheets {
                    for v in s.scores.iter_mut().flatten() {
                        *v *= 25;
                    }
                }
                e
            })
            .collect();
        cluster(list)
    }

    fn summary(r: &ClusterRanking) -> BTreeMap<Uuid, (u32, Exact, bool)> {
        r.ranking
            .iter()
            .map(|e| (e.entry_id, (e.rank, e.score, e.tie)))
            .collect()
    }

    proptest! {
        #[test]
        fn reordering_entries_or_sheets_never_changes_the_ranking(entries in arb_entries(), seed in any::<u64>()) {
            let c = build(&entries);
            let mut shuffled = c.clone();
            shuffled.entries.reverse();
            let k = (seed as usize) % shuffled.entries.len().max(1);
            shuffled.entries.rotate_left(k);
            for e in &mut shuffled.entries { e.sheets.reverse(); }
            let a = rank_cluster(&c);
            let b = rank_cluster(&shuffled);
            prop_assert_eq!(summary(&a), summary(&b));
            prop_assert_eq!(&a, &rank_cluster(&c));
            prop_assert_eq!(a.ranking.iter().map(|e| e.entry_id).collect::<Vec<_>>(), b.ranking.iter().map(|e| e.entry_id).collect::<Vec<_>>());
        }

        #[test]
        fn ranks_are_consistent_with_scores(entries in arb_entries()) {
            let r = rank_cluster(&build(&entries));
            for pair in r.ranking.windows(2) {
                prop_assert!(pair[0].score >= pair[1].score);
                prop_assert!(pair[0].rank <= pair[1].rank);
                if pair[0].rank == pair[1].rank {
                    prop_assert_eq!(pair[0].score, pair[1].score);
                    prop_assert!(pair[0].tie && pair[1].tie);
                }
            }
            for (i, e) in r.ranking.iter().enumerate() {
                prop_assert!(e.rank as usize <= i + 1);
            }
        }

        #[test]
        fn raising_a_leaders_criterion_never_lowers_it(entries in arb_entries(), criterion in 0usize..5, target in 0usize..12) {
            let c = build(&entries);
            let before = rank_cluster(&c);
            let Some(ranked) = before.ranking.get(target % before.ranking.len().max(1)) else { return Ok(()); };
            let crit = id(criterion as u128 + 1);
            let mean_of = |r: &RankedEntry| r.criterion_means.iter().find(|(c, _)| *c == crit).map(|(_, m)| *m);
            let leads = before.ranking.iter().all(|o| mean_of(o) <= mean_of(ranked));
            prop_assume!(leads);
            let mut raised = c.clone();
            for e in raised.entries.iter_mut().filter(|e| e.entry_id == ranked.entry_id) {
                for s in &mut e.sheets {
                    let v = s.scores[criterion].get_or_insert(0);
                    *v = (*v + 25).min(100);
                }
            }
            let after = rank_cluster(&raised);
            let rank_of = |r: &ClusterRanking| r.ranking.iter().find(|e| e.entry_id == ranked.entry_id).map(|e| e.rank);
            prop_assert!(rank_of(&after) <= rank_of(&before));
        }

        #[test]
        fn the_last_stage_ranks_by_the_declared_weighted_mean_exactly(
            entries in arb_entries(),
            earlier in prop::collection::vec((0u32..=60, 0i64..=10_000), 0..3),
            stage_weight in 0u32..=60,
        ) {
            let mut c = build(&entries);
            c.stage_weight = stage_weight;
            for (n, e) in c.entries.iter_mut().enumerate() {
                e.earlier = earlier
                    .iter()
                    .map(|(w, h)| StageScore {
                        weight: *w,
                        score: Exact::new(i128::from(*h + n as i64), 100),
                    })
                    .collect();
            }
            let r = rank_cluster(&c);
            for ranked in &r.ranking {
                let e = c.entries.iter().find(|e| e.entry_id == ranked.entry_id).unwrap();
                // Σ weight × score / Σ weight, written out independently of `final_score`.
                let mut stages: Vec<(u32, Exact)> = e.earlier.iter().map(|s| (s.weight, s.score)).collect();
                stages.push((stage_weight, ranked.stage_score));
                let total: u32 = stages.iter().map(|s| s.0).sum();
                let expected = if e.earlier.is_empty() || total == 0 {
                    ranked.stage_score
                } else {
                    let sum = stages.iter().fold(Exact::from_integer(0), |acc, (w, v)| {
                        acc + *v * Exact::from_integer(i128::from(*w))
                    });
                    sum / Exact::from_integer(i128::from(total))
                };
                prop_assert_eq!(ranked.score, expected);
            }
            for pair in r.ranking.windows(2) {
                prop_assert!(pair[0].score >= pair[1].score);
            }
        }
    }

    /// Desk 30 %, presentation 25 %, field 45 %: the field panel's 80 after 70 and 90 gives
    /// (30·70 + 25·90 + 45·80) / 100 = 79.5, exactly.
    #[test]
    fn the_final_score_combines_the_stages_by_their_weights() {
        let mut c = cluster(vec![entry(1, &[&[80, 80, 80, 80, 80]])]);
        c.stage_weight = 45;
        c.entries[0].earlier = vec![
            StageScore {
                weight: 30,
                score: Exact::from_integer(70),
            },
            StageScore {
                weight: 25,
                score: Exact::from_integer(90),
            },
        ];
        let r = rank_cluster(&c);
        assert_eq!(r.ranking[0].stage_score, Exact::from_integer(80));
        assert_eq!(r.ranking[0].score, Exact::new(795, 10));
    }

    /// Equal on the final score and on every tie-break mean, entries are ordered by the
    /// previous stage's score, then the one before.
    #[test]
    fn equal_finalists_are_separated_by_the_latest_earlier_stage() {
        let sheet: &[i64] = &[80, 80, 80, 80, 80];
        let mut c = cluster(vec![
            entry(1, &[sheet]),
            entry(2, &[sheet]),
            entry(3, &[sheet]),
        ]);
        c.stage_weight = 0;
        let stage = |w: u32, v: i128| StageScore {
            weight: w,
            score: Exact::from_integer(v),
        };
        // Every weight but the first stage's is 0, and all three scored 50 there.
        c.entries[0].earlier = vec![stage(100, 50), stage(0, 60)];
        c.entries[1].earlier = vec![stage(100, 50), stage(0, 70)];
        c.entries[2].earlier = vec![stage(100, 50), stage(0, 70)];
        let r = rank_cluster(&c);
        let order: Vec<(Uuid, u32)> = r.ranking.iter().map(|e| (e.entry_id, e.rank)).collect();
        assert!(r.ranking.iter().all(|e| e.score == Exact::from_integer(50)));
        assert_eq!(
            order[2],
            (id(1001), 3),
            "the lower presentation score comes last"
        );
        assert_eq!(order[0].1, 1);
        assert_eq!(order[1].1, 1, "equal on every stage: still a tie");
        assert_eq!(r.unresolved_ties, vec![vec![id(1002), id(1003)]]);
    }
}

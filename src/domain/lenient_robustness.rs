//! Leave one judge out under leniency normalisation, exactly and fast enough for a national
//! contest.
//!
//! Leaving judge J out changes the paired leniency of every judge who shared an entry with J,
//! and so the normalised score of nearly every entry: the re-ranking of only J's entries that
//! serves the undeclared case does not apply. What stays cheap:
//! - each judge's leniency is a sum of paired differences over a count; only the differences
//!   on J's entries change, so the scenario's leniencies are the cluster's, corrected there;
//! - every sheet total and every entry's tie-break means are worked out once; only J's entries
//!   need theirs again;
//! - with the totals as integers over the rubric's common denominator `D` and the subtracted
//!   leniencies in ten-thousandths, every normalised total is an integer over `lcm(D, 10⁴)`,
//!   so each entry's score is a fraction of integers, compared by cross-multiplication.
//!
//! Each scenario then finds the entries that can stand at or above a place that matters (as
//! [`super::analysis::robustness`] does) and ranks just those with the scenario's leniencies
//! ([`rank_with_offsets`]), which gives each the rank the whole cluster would. A property test
//! holds the result equal to ranking the whole cluster again for each judge.

use super::analysis::{holders, Robustness, Tally};
use super::decimal::round_units;
use super::normalise::OFFSET_PLACES;
use super::ranking::{
    rank_cluster, rank_with_offsets, Aggregation, ClusterInput, EntryInput, Exact, MeritRule, Scale,
};
use num_integer::Integer;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// A score as a fraction of integers (denominator > 0).
#[derive(Clone, Copy, Debug)]
struct Fraction(i128, i128);

impl Fraction {
    fn cmp(self, other: Fraction) -> Ordering {
        (self.0 * other.1).cmp(&(other.0 * self.1))
    }
}

/// `values` aggregated as `scoring::aggregate` does, over the common denominator.
fn aggregate(aggregation: Aggregation, values: &mut [i128]) -> Option<Fraction> {
    let n = values.len() as i128;
    if n == 0 {
        return None;
    }
    values.sort_unstable();
    let sum = |v: &[i128]| v.iter().sum::<i128>();
    let len = values.len();
    Some(match aggregation {
        Aggregation::Mean => Fraction(sum(values), n),
        Aggregation::Median if len % 2 == 1 => Fraction(values[len / 2], 1),
        Aggregation::Median => Fraction(values[len / 2 - 1] + values[len / 2], 2),
        Aggregation::TrimmedMean if len >= 3 => Fraction(sum(&values[1..len - 1]), n - 2),
        Aggregation::TrimmedMean => Fraction(sum(values), n),
    })
}

/// Each judge's paired differences (by judge index): their sum, in units of 1/(D·M), and
/// their count.
type Paired = Vec<(i128, u32)>;

/// Adds (`sign` 1) or takes away (-1) the paired differences of one entry's sheets, given as
/// (judge index, total × D): each sheet's total less the mean of the others, times M (which
/// every count of other sheets divides).
fn add_pairs(paired: &mut Paired, sheets: &[(usize, i128)], m: i128, sign: i128) {
    let k = sheets.len() as i128;
    if k < 2 {
        return;
    }
    let all: i128 = sheets.iter().map(|(_, t)| t).sum();
    for &(judge, total) in sheets {
        let others = all - total;
        let diff = ((k - 1) * total - others) * (m / (k - 1));
        let slot = &mut paired[judge];
        slot.0 += sign * diff;
        if sign > 0 {
            slot.1 += 1;
        } else {
            slot.1 -= 1;
        }
    }
}

/// The robustness of the first `positions` places of a cluster that declares leniency
/// normalisation; `None` when its rubric has no common integer scale, its entries carry
/// earlier stages' scores, or its panels are so uneven that the common denominator of the
/// paired means would be too large (the caller then ranks the whole cluster for each judge).
pub(super) fn robustness(c: &ClusterInput, positions: u32) -> Option<Robustness> {
    let scale = Scale::of(&c.criteria)?;
    if c.entries.iter().any(|e| !e.earlier.is_empty()) {
        return None;
    }
    let d = scale.denominator;
    let unit = d.lcm(&10_000);
    let (per_total, per_offset) = (unit / d, unit / 10_000);
    // M: every count of "other sheets" on an entry, with or without one judge, divides it.
    let mut m = 1i128;
    for e in &c.entries {
        for others in [
            e.sheets.len().saturating_sub(1),
            e.sheets.len().saturating_sub(2),
        ] {
            if others > 0 {
                m = m.lcm(&(others as i128));
            }
        }
        if m > 1_000_000_000 {
            return None;
        }
    }

    let base = rank_cluster(c);
    let held = holders(&base, positions);
    let mut tally = Tally::new(&held);
    let rule = MeritRule::new(c);
    let keys: Vec<Vec<Exact>> = c.entries.iter().map(|e| rule.tie_keys(e)).collect();
    // Judges by index; each sheet as (judge index, total × D).
    let judge_ids: Vec<Uuid> = c
        .entries
        .iter()
        .flat_map(|e| e.sheets.iter().map(|s| s.judge_id))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let judge_at: BTreeMap<Uuid, usize> =
        judge_ids.iter().enumerate().map(|(k, j)| (*j, k)).collect();
    let sheets: Vec<Vec<(usize, i128)>> = c
        .entries
        .iter()
        .map(|e| {
            e.sheets
                .iter()
                .map(|s| (judge_at[&s.judge_id], scale.total(&s.scores)))
                .collect()
        })
        .collect();
    let mut paired: Paired = vec![(0, 0); judge_ids.len()];
    let mut scored_by: Vec<Vec<usize>> = vec![Vec::new(); judge_ids.len()];
    for (i, entry) in sheets.iter().enumerate() {
        add_pairs(&mut paired, entry, m, 1);
        for (judge, _) in entry {
            scored_by[*judge].push(i);
        }
    }
    let index: BTreeMap<Uuid, usize> = c
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.entry_id, i))
        .collect();

    let mut units = vec![0i128; judge_ids.len()];
    let mut without: Vec<(usize, i128)> = Vec::new();
    let mut values = Vec::new();
    for (left_out, mine) in scored_by.iter().enumerate() {
        if held.is_empty() {
            break;
        }
        let judge = judge_ids[left_out];
        // The leniencies without the judge: the pairs on the judge's entries, taken again.
        let mut now = paired.clone();
        for &i in mine {
            add_pairs(&mut now, &sheets[i], m, -1);
            without.clear();
            without.extend(sheets[i].iter().filter(|(j, _)| *j != left_out));
            add_pairs(&mut now, &without, m, 1);
        }
        now[left_out] = (0, 0);
        let mut offsets = BTreeMap::new();
        for (j, (sum, n)) in now.iter().enumerate() {
            units[j] = 0;
            if *n > 0 {
                let ten_thousandths = round_units(*sum, i128::from(*n) * d * m, OFFSET_PLACES);
                units[j] = ten_thousandths * per_offset;
                offsets.insert(judge_ids[j], Exact::new(ten_thousandths, 10_000));
            }
        }
        let reduced: BTreeMap<usize, EntryInput> = mine
            .iter()
            .map(|&i| {
                let e = &c.entries[i];
                let kept = e.sheets.iter().filter(|s| s.judge_id != judge).cloned();
                (
                    i,
                    EntryInput {
                        sheets: kept.collect(),
                        ..e.clone()
                    },
                )
            })
            .collect();
        // Every entry's merit in the scenario: (score, tie-break means).
        let fresh_keys: BTreeMap<usize, Vec<Exact>> = reduced
            .iter()
            .map(|(i, e)| (*i, rule.tie_keys(e)))
            .collect();
        let merits: Vec<Option<(Fraction, &[Exact])>> = (0..c.entries.len())
            .map(|i| {
                values.clear();
                values.extend(
                    sheets[i]
                        .iter()
                        .filter(|(j, _)| *j != left_out)
                        .map(|(j, total)| total * per_total - units[*j]),
                );
                let score = aggregate(c.aggregation, &mut values)?;
                let k = fresh_keys.get(&i).unwrap_or(&keys[i]);
                Some((score, k.as_slice()))
            })
            .collect();
        let better = |a: &(Fraction, &[Exact]), b: &(Fraction, &[Exact])| {
            a.0.cmp(b.0).then_with(|| a.1.cmp(b.1))
        };
        // The bar: the `positions`-th best merit, lowered to each place holder's merit now.
        let mut order: Vec<usize> = (0..c.entries.len())
            .filter(|i| merits[*i].is_some())
            .collect();
        let nth = (positions as usize).saturating_sub(1);
        let mut bar = if positions > 0 && nth < order.len() {
            order.select_nth_unstable_by(nth, |a, b| {
                better(&merits[*b].unwrap(), &merits[*a].unwrap())
            });
            merits[order[nth]]
        } else {
            None
        };
        if bar.is_some() {
            for (_, entry) in &held {
                if let Some(m) = index.get(entry).and_then(|i| merits[*i]) {
                    if bar.is_some_and(|b| better(&m, &b) == Ordering::Less) {
                        bar = Some(m);
                    }
                }
            }
        }
        let entries: Vec<EntryInput> = order
            .iter()
            .copied()
            .filter(|i| bar.is_none_or(|b| better(&merits[*i].unwrap(), &b) != Ordering::Less))
            .map(|i| match reduced.get(&i) {
                Some(e) => e.clone(),
                None => c.entries[i].clone(),
            })
            .collect();
        let scenario = ClusterInput {
            entries,
            ..shape_of(c)
        };
        tally.record(judge, &rank_with_offsets(&scenario, &offsets));
    }
    Some(tally.finish(judge_ids.len()))
}

/// The cluster's rules without its entries.
fn shape_of(c: &ClusterInput) -> ClusterInput {
    ClusterInput {
        criteria: c.criteria.clone(),
        tie_break: c.tie_break.clone(),
        aggregation: c.aggregation,
        winners_count: c.winners_count,
        tiers: c.tiers.clone(),
        min_award_score: c.min_award_score,
        entries: Vec::new(),
        resolutions: c.resolutions.clone(),
        stage_weight: c.stage_weight,
        normalisation: c.normalisation,
    }
}

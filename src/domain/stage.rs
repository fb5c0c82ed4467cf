//! The stages of a contest (tahap) — the rules of docs/scoring.md, "Stages".
//!
//! A contest is a pipeline: screening (seleksi administrasi), desk scoring, presentation,
//! field verification. Each stage ranks its entries by its own rubric; sealing it cuts a
//! shortlist per cluster ([`shortlist`]) whose entries are the next stage's, and fixes a digest
//! chained to the previous stage's ([`chain_digest`]), so no earlier stage can be rewritten
//! without every later digest changing. An entry that reached the last stage gets the declared
//! weighted mean of its stage scores ([`final_score`]).
//!
//! Everything is exact (rationals) and deterministic.

use super::scoring::Exact;
pub use crate::model::{CutRule, CutTies, StageKind};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use uuid::Uuid;

/// Which entries of a cluster go on to the next stage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Advance {
    /// Every ranked entry (after screening: every eligible one).
    All,
    /// The best `count`; entries tied exactly at the cut follow `ties`.
    Top { count: u32, ties: CutTies },
    /// Every entry whose score is at least `min_score` (equal scores are never split).
    MinScore { min_score: Exact },
}

impl Advance {
    pub fn rule(&self) -> CutRule {
        match self {
            Advance::All => CutRule::All,
            Advance::Top { .. } => CutRule::Top,
            Advance::MinScore { .. } => CutRule::MinScore,
        }
    }
}

/// An entry's place in its cluster's ranking of a stage: equal `rank`s are tied after every
/// automatic tie-break (as `ranking::rank_cluster` leaves them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Standing {
    pub entry_id: Uuid,
    pub rank: u32,
    pub score: Exact,
}

/// Why a cluster's shortlist cannot be cut yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CutProblem {
    /// These entries tie exactly across a `top` cut declared `ties: resolve`, and the
    /// committee has not recorded their order.
    TieAtCut(Vec<Uuid>),
}

/// The entries of one cluster that go on, in ranking order.
///
/// `standings` is the cluster's ranking (best first; unscored entries are not in it and never
/// advance). `resolutions` are the committee's recorded orders of tied entries, oldest first;
/// the latest one naming exactly the tied group at the cut decides who of them goes on.
pub fn shortlist(
    standings: &[Standing],
    advance: &Advance,
    resolutions: &[Vec<Uuid>],
) -> Result<Vec<Uuid>, CutProblem> {
    let mut ordered: Vec<&Standing> = standings.iter().collect();
    ordered.sort_by(|a, b| a.rank.cmp(&b.rank).then(a.entry_id.cmp(&b.entry_id)));
    match advance {
        Advance::All => Ok(ordered.iter().map(|s| s.entry_id).collect()),
        Advance::MinScore { min_score } => Ok(ordered
            .iter()
            .filter(|s| s.score >= *min_score)
            .map(|s| s.entry_id)
            .collect()),
        Advance::Top { count, ties } => {
            let count = *count as usize;
            if ordered.len() <= count {
                return Ok(ordered.iter().map(|s| s.entry_id).collect());
            }
            // The group tied with the last place inside the cut.
            let edge = ordered[count - 1].rank;
            let group: Vec<Uuid> = ordered
                .iter()
                .filter(|s| s.rank == edge)
                .map(|s| s.entry_id)
                .collect();
            let before: Vec<Uuid> = ordered
                .iter()
                .take_while(|s| s.rank < edge)
                .map(|s| s.entry_id)
                .collect();
            let straddles = before.len() + group.len() > count;
            if !straddles {
                return Ok(ordered[..count].iter().map(|s| s.entry_id).collect());
            }
            match ties {
                CutTies::Include => Ok(before.into_iter().chain(group).collect()),
                CutTies::Resolve => {
                    let wanted: BTreeSet<Uuid> = group.iter().copied().collect();
                    let order = resolutions
                        .iter()
                        .rev()
                        .find(|r| {
                            r.len() == wanted.len()
                                && r.iter().copied().collect::<BTreeSet<_>>() == wanted
                        })
                        .ok_or(CutProblem::TieAtCut(group))?;
                    let places = count - before.len();
                    Ok(before
                        .into_iter()
                        .chain(order.iter().take(places).copied())
                        .collect())
                }
            }
        }
    }
}

/// A scored stage's share in the final score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StageScore {
    /// The stage's whole-percent weight (0 for a stage that only filters).
    pub weight: u32,
    pub score: Exact,
}

/// The final score of an entry that reached the last stage, from its scores in the scored
/// stages, in order: Σ weight × score / Σ weight over the stages with weight > 0; when every
/// weight is 0, the last stage's score. `None` without any stage score.
pub fn final_score(stages: &[StageScore]) -> Option<Exact> {
    let total: u32 = stages.iter().map(|s| s.weight).sum();
    if total == 0 {
        return stages.last().map(|s| s.score);
    }
    let sum = stages
        .iter()
        .filter(|s| s.weight > 0)
        .fold(Exact::from_integer(0), |acc, s| {
            acc + s.score * Exact::from_integer(i128::from(s.weight))
        });
    Some(sum / Exact::from_integer(i128::from(total)))
}

/// The digest of a sealed stage: SHA-256 over the previous stage's digest (hex, or nothing for
/// the first stage), a line feed, and the stage's snapshot. Changing any earlier snapshot
/// changes every later digest.
pub fn chain_digest(previous: Option<&str>, snapshot: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(previous.unwrap_or("").as_bytes());
    hasher.update(b"\n");
    hasher.update(snapshot);
    hex::encode(hasher.finalize())
}

/// A scored stage before the last, with the score it gave each entry it ranked (read from its
/// sealed snapshot): the last stage's ranking combines them into the final score.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EarlierStage {
    pub stage_id: Uuid,
    pub name: String,
    pub weight: u32,
    pub scores: std::collections::HashMap<Uuid, Exact>,
}

/// Why an entry stopped before the last stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StopReason {
    /// Ranked below the stage's cut.
    BelowCut,
    /// Refused at screening (seleksi administrasi).
    NotEligible,
    /// Had no submitted sheet in the stage, so was never ranked.
    NotScored,
}

/// An entry that stopped before the last stage, and why: listed, never ranked among finalists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stopped {
    pub entry_id: Uuid,
    pub title: String,
    pub cluster_id: Uuid,
    pub stage_id: Uuid,
    pub stage_name: String,
    /// The stage's position (from 1): entries are listed by the stage where they stopped.
    pub stage_position: u32,
    pub reason: StopReason,
    /// Its score in that stage (below the cut).
    pub score: Option<Exact>,
    /// The checklist items it failed, and the committee's note (screening).
    pub failed: Vec<String>,
    pub note: String,
}

/// What is wrong with a stage as declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageInvalid {
    /// A weight is a whole percent, 0 to 100.
    WeightOutOfRange,
    /// A screening stage only filters: its weight is 0.
    ScreeningWeighted,
    /// A `top` cut keeps at least one entry.
    CountZero,
    /// A screening stage advances its eligible entries (`all`).
    ScreeningCut,
    /// A screening stage needs at least one checklist item.
    ChecklistEmpty,
    /// A screening stage has no totals to normalise.
    ScreeningNormalised,
}

/// Checks a stage's declaration.
pub fn check(
    kind: StageKind,
    weight: i64,
    advance: &Advance,
    checklist: &[String],
) -> Result<(), StageInvalid> {
    if !(0..=100).contains(&weight) {
        return Err(StageInvalid::WeightOutOfRange);
    }
    if let Advance::Top { count: 0, .. } = advance {
        return Err(StageInvalid::CountZero);
    }
    if kind == StageKind::Screening {
        if weight != 0 {
            return Err(StageInvalid::ScreeningWeighted);
        }
        if *advance != Advance::All {
            return Err(StageInvalid::ScreeningCut);
        }
        if checklist.is_empty() {
            return Err(StageInvalid::ChecklistEmpty);
        }
    }
    Ok(())
}

/// Checks a stage's declared normalisation against its kind.
pub fn check_normalisation(
    kind: StageKind,
    normalisation: crate::model::Normalisation,
) -> Result<(), StageInvalid> {
    if kind == StageKind::Screening && normalisation != crate::model::Normalisation::None {
        return Err(StageInvalid::ScreeningNormalised);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn x(n: i128) -> Exact {
        Exact::from_integer(n)
    }

    /// Entries 1..=n with the given ranks, scores 100 − rank.
    fn standings(ranks: &[u32]) -> Vec<Standing> {
        ranks
            .iter()
            .enumerate()
            .map(|(i, r)| Standing {
                entry_id: id(i as u128 + 1),
                rank: *r,
                score: x(100 - i128::from(*r)),
            })
            .collect()
    }

    fn top(count: u32, ties: CutTies) -> Advance {
        Advance::Top { count, ties }
    }

    #[test]
    fn a_top_cut_without_a_tie_takes_exactly_count() {
        let s = standings(&[1, 2, 3, 4, 5]);
        let got = shortlist(&s, &top(3, CutTies::Resolve), &[]).unwrap();
        assert_eq!(got, vec![id(1), id(2), id(3)]);
    }

    #[test]
    fn a_tie_inside_the_cut_needs_no_order() {
        // 1, 2, 2, 4: entries 2 and 3 tie at rank 2, both inside a top 3.
        let s = standings(&[1, 2, 2, 4]);
        let got = shortlist(&s, &top(3, CutTies::Resolve), &[]).unwrap();
        assert_eq!(got, vec![id(1), id(2), id(3)]);
    }

    #[test]
    fn a_tie_at_the_cut_is_included_or_waits_for_the_committee() {
        // 1, 2, 3, 3, 5 with a top 3: entries 3 and 4 tie across the cut.
        let s = standings(&[1, 2, 3, 3, 5]);
        let all = shortlist(&s, &top(3, CutTies::Include), &[]).unwrap();
        assert_eq!(all, vec![id(1), id(2), id(3), id(4)]);
        assert_eq!(
            shortlist(&s, &top(3, CutTies::Resolve), &[]),
            Err(CutProblem::TieAtCut(vec![id(3), id(4)]))
        );
        // An order of other entries does not count; the latest matching one does.
        let orders = vec![vec![id(3), id(4)], vec![id(1), id(2)], vec![id(4), id(3)]];
        let got = shortlist(&s, &top(3, CutTies::Resolve), &orders).unwrap();
        assert_eq!(got, vec![id(1), id(2), id(4)]);
    }

    #[test]
    fn min_score_and_all_never_split_equal_scores() {
        let s = standings(&[1, 2, 2, 4]);
        let got = shortlist(&s, &Advance::MinScore { min_score: x(98) }, &[]).unwrap();
        assert_eq!(got, vec![id(1), id(2), id(3)]);
        assert_eq!(shortlist(&s, &Advance::All, &[]).unwrap().len(), 4);
        assert_eq!(
            shortlist(&[], &top(3, CutTies::Resolve), &[]).unwrap(),
            Vec::<Uuid>::new()
        );
    }

    /// The Bappenas split (30, 25, 45): 80 × 30 + 70 × 25 + 90 × 45 over 100 = 82.
    #[test]
    fn the_final_score_is_the_declared_weighted_mean() {
        let stages = [
            StageScore {
                weight: 0,
                score: x(55),
            }, // screening-like: filters only
            StageScore {
                weight: 30,
                score: x(80),
            },
            StageScore {
                weight: 25,
                score: x(70),
            },
            StageScore {
                weight: 45,
                score: x(90),
            },
        ];
        assert_eq!(final_score(&stages), Some(x(82)));
        // Weights need not sum to 100: 1 × 80 + 2 × 71 over 3 = 74.
        let uneven = [
            StageScore {
                weight: 1,
                score: x(80),
            },
            StageScore {
                weight: 2,
                score: x(71),
            },
        ];
        assert_eq!(final_score(&uneven), Some(x(74)));
        let unweighted = [
            StageScore {
                weight: 0,
                score: x(10),
            },
            StageScore {
                weight: 0,
                score: Exact::new(301, 4),
            },
        ];
        assert_eq!(final_score(&unweighted), Some(Exact::new(301, 4)));
        assert_eq!(final_score(&[]), None);
    }

    #[test]
    fn the_chain_digest_covers_every_earlier_stage() {
        let first = chain_digest(None, b"stage 1");
        let second = chain_digest(Some(&first), b"stage 2");
        assert_eq!(first.len(), 64);
        let rewritten = chain_digest(None, b"stage 1, rewritten");
        assert_ne!(chain_digest(Some(&rewritten), b"stage 2"), second);
        assert_eq!(
            chain_digest(Some(&first), b"stage 2"),
            second,
            "deterministic"
        );
    }

    #[test]
    fn declarations_are_checked() {
        let none: Vec<String> = vec![];
        let items = vec!["Proposal lengkap".to_string()];
        assert_eq!(
            check(StageKind::Scored, 30, &top(10, CutTies::Include), &none),
            Ok(())
        );
        assert_eq!(
            check(StageKind::Scored, 101, &Advance::All, &none),
            Err(StageInvalid::WeightOutOfRange)
        );
        assert_eq!(
            check(StageKind::Scored, 30, &top(0, CutTies::Include), &none),
            Err(StageInvalid::CountZero)
        );
        assert_eq!(
            check(StageKind::Screening, 0, &Advance::All, &items),
            Ok(())
        );
        assert_eq!(
            check(StageKind::Screening, 10, &Advance::All, &items),
            Err(StageInvalid::ScreeningWeighted)
        );
        assert_eq!(
            check(StageKind::Screening, 0, &top(5, CutTies::Include), &items),
            Err(StageInvalid::ScreeningCut)
        );
        assert_eq!(
            check(StageKind::Screening, 0, &Advance::All, &none),
            Err(StageInvalid::ChecklistEmpty)
        );
    }

    /// Ranks as `rank_cluster` gives them: sorted scores, equal scores share the first rank.
    fn ranked(scores: &[u8]) -> Vec<Standing> {
        let mut sorted: Vec<(u8, usize)> = scores.iter().copied().zip(0..).collect();
        sorted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out: Vec<Standing> = Vec::new();
        for (i, (score, n)) in sorted.iter().enumerate() {
            let rank = match out.last() {
                Some(prev) if prev.score == x(i128::from(*score)) => prev.rank,
                _ => i as u32 + 1,
            };
            out.push(Standing {
                entry_id: id(*n as u128 + 1),
                rank,
                score: x(i128::from(*score)),
            });
        }
        out
    }

    proptest! {
        /// Ties included: exactly the entries whose rank is within the cut — at least `count`
        /// (when there are that many), and nobody ranked after someone left out.
        #[test]
        fn an_inclusive_cut_is_exactly_the_ranks_within_it(
            scores in prop::collection::vec(0u8..8, 0..30),
            count in 1u32..10,
        ) {
            let s = ranked(&scores);
            let got: BTreeSet<Uuid> = shortlist(&s, &top(count, CutTies::Include), &[])
                .unwrap().into_iter().collect();
            let expected: BTreeSet<Uuid> = s.iter().filter(|e| e.rank <= count).map(|e| e.entry_id).collect();
            prop_assert_eq!(&got, &expected);
            prop_assert!(got.len() >= (count as usize).min(s.len()));
        }

        /// Ties resolved: exactly `count` entries (or all when fewer), every one of them at
        /// least as good as every entry left out, and the input order never matters.
        #[test]
        fn a_resolved_cut_takes_exactly_count_in_merit_order(
            scores in prop::collection::vec(0u8..8, 0..30),
            count in 1u32..10,
        ) {
            let s = ranked(&scores);
            // The committee orders every tie group by entry id, descending.
            let mut orders: Vec<Vec<Uuid>> = Vec::new();
            for rank in s.iter().map(|e| e.rank).collect::<BTreeSet<_>>() {
                let mut group: Vec<Uuid> = s.iter().filter(|e| e.rank == rank).map(|e| e.entry_id).collect();
                group.reverse();
                orders.push(group);
            }
            let got = shortlist(&s, &top(count, CutTies::Resolve), &orders).unwrap();
            prop_assert_eq!(got.len(), (count as usize).min(s.len()));
            let kept: BTreeSet<Uuid> = got.iter().copied().collect();
            let worst_kept = s.iter().filter(|e| kept.contains(&e.entry_id)).map(|e| e.score).min();
            let best_left = s.iter().filter(|e| !kept.contains(&e.entry_id)).map(|e| e.score).max();
            if let (Some(w), Some(b)) = (worst_kept, best_left) {
                prop_assert!(w >= b);
            }
            let mut reversed = s.clone();
            reversed.reverse();
            prop_assert_eq!(shortlist(&reversed, &top(count, CutTies::Resolve), &orders).unwrap(), got);
        }

        /// The final score lies between the lowest and highest weighted stage score, and equals
        /// Σ w·s / Σ w computed independently.
        #[test]
        fn the_final_score_is_a_weighted_mean(
            stages in prop::collection::vec((0u32..=100, 0i128..=10_000), 1..6),
        ) {
            let input: Vec<StageScore> = stages
                .iter()
                .map(|(w, s)| StageScore { weight: *w, score: Exact::new(*s, 100) })
                .collect();
            let got = final_score(&input).unwrap();
            let weighted: Vec<&StageScore> = input.iter().filter(|s| s.weight > 0).collect();
            if weighted.is_empty() {
                prop_assert_eq!(got, input.last().unwrap().score);
            } else {
                let num: i128 = stages.iter().map(|(w, s)| i128::from(*w) * s).sum();
                let den: i128 = stages.iter().map(|(w, _)| i128::from(*w)).sum::<i128>() * 100;
                prop_assert_eq!(got, Exact::new(num, den));
                let lo = weighted.iter().map(|s| s.score).min().unwrap();
                let hi = weighted.iter().map(|s| s.score).max().unwrap();
                prop_assert!(lo <= got && got <= hi);
            }
        }
    }
}

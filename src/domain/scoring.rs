//! A score sheet's total and an entry's aggregated score, in exact rationals.
//!
//! total = Σ over criteria of weight × score / max_score, a number from 0 to 100 when the
//! weights sum to 100. Floats would make two equal totals compare unequal (0.1 + 0.2 ≠ 0.3),
//! and ties decide prize money, so every value here is a `Ratio<i128>`.

use num_rational::Ratio;
use std::collections::BTreeMap;
use uuid::Uuid;

pub type Exact = Ratio<i128>;

pub use crate::model::Aggregation;

/// What the arithmetic needs of a criterion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CriterionRule {
    pub id: Uuid,
    pub weight: i64,
    pub max_score: i64,
}

impl CriterionRule {
    /// weight × score / max_score; a criterion without a positive maximum contributes nothing.
    pub fn weighted(&self, score: i64) -> Exact {
        if self.max_score <= 0 {
            return Exact::from_integer(0);
        }
        Exact::new(
            i128::from(self.weight) * i128::from(score),
            i128::from(self.max_score),
        )
    }
}

/// A sheet's total; a missing score counts as 0 (drafts are never passed here).
pub fn sheet_total(criteria: &[CriterionRule], scores: &BTreeMap<Uuid, i64>) -> Exact {
    let dense: Vec<Option<i64>> = criteria
        .iter()
        .map(|c| scores.get(&c.id).copied())
        .collect();
    dense_total(criteria, Scale::of(criteria).as_ref(), &dense)
}

/// A sheet's total from its scores in rubric order (`None` counts as 0). `scale` is
/// `Scale::of(criteria)`, computed once by a caller that totals many sheets; without one,
/// fractions are added.
pub fn dense_total(
    criteria: &[CriterionRule],
    scale: Option<&Scale>,
    scores: &[Option<i64>],
) -> Exact {
    match scale {
        Some(scale) => scale.exact(scale.total(scores)),
        None => criteria
            .iter()
            .zip(scores)
            .filter_map(|(c, s)| s.map(|s| c.weighted(s)))
            .fold(Exact::from_integer(0), |acc, x| acc + x),
    }
}

/// Integer arithmetic for a rubric: with L the least common multiple of the criteria's
/// maxima, `total × L = Σ weight × score × (L / max_score)` is a whole number. Summing
/// integers and reducing once is exact and far cheaper than adding 1.5 million fractions
/// (the national-scale budget depends on it).
#[derive(Clone, Debug)]
pub struct Scale {
    /// L, the common denominator.
    pub denominator: i128,
    /// weight × (L / max_score) per criterion, in rubric order.
    pub factors: Vec<i128>,
}

impl Scale {
    /// `None` when L would be unreasonably large (maxima that are large distinct primes);
    /// callers then fall back to adding fractions.
    pub fn of(criteria: &[CriterionRule]) -> Option<Scale> {
        use num_integer::Integer;
        let mut l: i128 = 1;
        for c in criteria.iter().filter(|c| c.max_score > 0) {
            let m = i128::from(c.max_score);
            l = (l / l.gcd(&m))
                .checked_mul(m)
                .filter(|v| *v <= 1_000_000_000_000)?;
        }
        let factors = criteria
            .iter()
            .map(|c| {
                if c.max_score > 0 {
                    i128::from(c.weight) * (l / i128::from(c.max_score))
                } else {
                    0
                }
            })
            .collect();
        Some(Scale {
            denominator: l,
            factors,
        })
    }

    /// The sheet total × L, from the scores in rubric order (`None` counts as 0).
    pub fn total(&self, scores: &[Option<i64>]) -> i128 {
        self.factors
            .iter()
            .zip(scores)
            .filter_map(|(f, s)| s.map(|s| f * i128::from(s)))
            .sum()
    }

    /// A scaled integer back to an exact value.
    pub fn exact(&self, scaled: i128) -> Exact {
        Exact::new(scaled, self.denominator)
    }
}

fn mean(values: &[Exact]) -> Exact {
    let sum = values.iter().fold(Exact::from_integer(0), |acc, x| acc + x);
    sum / Exact::from_integer(values.len() as i128)
}

/// The entry's score from its sheet totals; `None` when it has none.
pub fn aggregate(aggregation: Aggregation, totals: &[Exact]) -> Option<Exact> {
    if totals.is_empty() {
        return None;
    }
    let mut sorted = totals.to_vec();
    sorted.sort();
    let n = sorted.len();
    Some(match aggregation {
        Aggregation::Mean => mean(&sorted),
        Aggregation::Median if n % 2 == 1 => sorted[n / 2],
        Aggregation::Median => (sorted[n / 2 - 1] + sorted[n / 2]) / Exact::from_integer(2),
        Aggregation::TrimmedMean if n >= 3 => mean(&sorted[1..n - 1]),
        Aggregation::TrimmedMean => mean(&sorted),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bailang() -> Vec<CriterionRule> {
        [30, 25, 20, 15, 10]
            .iter()
            .map(|w| CriterionRule {
                id: Uuid::new_v4(),
                weight: *w,
                max_score: 100,
            })
            .collect()
    }

    fn sheet(criteria: &[CriterionRule], scores: &[i64]) -> BTreeMap<Uuid, i64> {
        criteria
            .iter()
            .map(|c| c.id)
            .zip(scores.iter().copied())
            .collect()
    }

    fn x(n: i128, d: i128) -> Exact {
        Exact::new(n, d)
    }

    #[test]
    fn bailang_sheet_total() {
        let c = bailang();
        // 24 + 22.5 + 14 + 9 + 10
        assert_eq!(
            sheet_total(&c, &sheet(&c, &[80, 90, 70, 60, 100])),
            x(159, 2)
        );
        assert_eq!(sheet_total(&c, &sheet(&c, &[100; 5])), x(100, 1));
        assert_eq!(sheet_total(&c, &BTreeMap::new()), x(0, 1));
    }

    #[test]
    fn totals_equal_as_rationals_though_not_as_floats() {
        // Maxima 3 and 7: 50·1/3 + 50·3/7 = 50·2/3 + 50·… computed two ways.
        let a = CriterionRule {
            id: Uuid::new_v4(),
            weight: 50,
            max_score: 3,
        };
        let b = CriterionRule {
            id: Uuid::new_v4(),
            weight: 50,
            max_score: 7,
        };
        let c = vec![a.clone(), b.clone()];
        let t1 = sheet_total(&c, &[(a.id, 1), (b.id, 7)].into_iter().collect()); // 50/3 + 50
        let t2 = sheet_total(&c, &[(a.id, 3), (b.id, 7)].into_iter().collect()) - x(100, 3); // 100 - 100/3
        assert_eq!(t1, t2);
        let f1 = 50.0 / 3.0 + 50.0;
        let f2 = (50.0 + 50.0) - 100.0 / 3.0;
        assert_ne!(f1, f2, "floats disagree where rationals agree");
    }

    #[test]
    fn aggregations() {
        let t = [x(80, 1), x(90, 1), x(40, 1)];
        assert_eq!(aggregate(Aggregation::Mean, &t), Some(x(70, 1)));
        assert_eq!(aggregate(Aggregation::Median, &t), Some(x(80, 1)));
        assert_eq!(aggregate(Aggregation::TrimmedMean, &t), Some(x(80, 1)));
        let four = [x(80, 1), x(90, 1), x(40, 1), x(71, 1)];
        assert_eq!(aggregate(Aggregation::Median, &four), Some(x(151, 2)));
        assert_eq!(aggregate(Aggregation::TrimmedMean, &four), Some(x(151, 2)));
        assert_eq!(aggregate(Aggregation::TrimmedMean, &t[..2]), Some(x(85, 1)));
        assert_eq!(
            aggregate(Aggregation::Mean, &[x(1, 3), x(1, 3), x(1, 3)]),
            Some(x(1, 3))
        );
        assert_eq!(aggregate(Aggregation::Mean, &[]), None);
        assert_eq!("trimmed_mean".parse(), Ok(Aggregation::TrimmedMean));
        assert!("average".parse::<Aggregation>().is_err());
    }

    #[test]
    fn huge_common_denominators_fall_back_to_fractions() {
        let primes = [999_983, 999_979, 999_961];
        let c: Vec<CriterionRule> = primes
            .iter()
            .map(|p| CriterionRule {
                id: Uuid::new_v4(),
                weight: 33,
                max_score: *p,
            })
            .collect();
        assert!(Scale::of(&c).is_none());
        let scores = sheet(&c, &[1, 2, 3]);
        let expected = x(33, 999_983) + x(66, 999_979) + x(99, 999_961);
        assert_eq!(sheet_total(&c, &scores), expected);
    }

    proptest::proptest! {
        #[test]
        fn integer_scaling_equals_adding_fractions(
            rubric in proptest::collection::vec((1i64..40, 1i64..30), 1..8),
            raw in proptest::collection::vec(0i64..30, 8),
        ) {
            let c: Vec<CriterionRule> = rubric
                .iter()
                .map(|(w, m)| CriterionRule { id: Uuid::new_v4(), weight: *w, max_score: *m })
                .collect();
            let scores: BTreeMap<Uuid, i64> = c.iter().zip(&raw).map(|(c, s)| (c.id, (*s).min(c.max_score))).collect();
            let by_fractions = c
                .iter()
                .map(|r| r.weighted(scores[&r.id]))
                .fold(x(0, 1), |a, b| a + b);
            proptest::prop_assert_eq!(sheet_total(&c, &scores), by_fractions);
        }
    }

    #[test]
    fn no_division_by_zero() {
        let c = CriterionRule {
            id: Uuid::new_v4(),
            weight: 10,
            max_score: 0,
        };
        assert_eq!(c.weighted(5), x(0, 1));
    }
}

//! A judge's score sheet checked against the rubric: which scores are acceptable for a draft,
//! which for a submission, and the weighted total shown while scoring.

use super::scoring::{sheet_total, CriterionRule, Exact};
use std::collections::BTreeMap;
use uuid::Uuid;

/// What a sheet needs to know of a criterion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CriterionSpec {
    pub id: Uuid,
    pub name: String,
    pub weight: i64,
    pub min_score: i64,
    pub max_score: i64,
}

/// Why a score cannot be stored, tied to the criterion at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The sheet names a criterion that is not in the rubric.
    UnknownCriterion(String),
    OutOfRange {
        criterion: Uuid,
        name: String,
        min: i64,
        max: i64,
    },
    /// Submitting needs every criterion.
    Missing { criterion: Uuid, name: String },
}

/// Checks raw scores (criterion id as text → score). A draft may leave criteria empty; a
/// submission may not. Every problem is reported, in rubric order, so the judge sees them all.
pub fn check(
    rubric: &[CriterionSpec],
    raw: &BTreeMap<String, i64>,
    submit: bool,
) -> Result<BTreeMap<Uuid, i64>, Vec<Problem>> {
    let mut problems = Vec::new();
    for key in raw.keys() {
        let known = Uuid::parse_str(key).is_ok_and(|id| rubric.iter().any(|c| c.id == id));
        if !known {
            problems.push(Problem::UnknownCriterion(key.clone()));
        }
    }
    let mut scores = BTreeMap::new();
    for c in rubric {
        match raw.get(&c.id.to_string()) {
            Some(v) if (c.min_score..=c.max_score).contains(v) => {
                scores.insert(c.id, *v);
            }
            Some(_) => problems.push(Problem::OutOfRange {
                criterion: c.id,
                name: c.name.clone(),
                min: c.min_score,
                max: c.max_score,
            }),
            None if submit => problems.push(Problem::Missing {
                criterion: c.id,
                name: c.name.clone(),
            }),
            None => {}
        }
    }
    if problems.is_empty() {
        Ok(scores)
    } else {
        Err(problems)
    }
}

/// The weighted total of the scores present (0–100 for a complete sheet).
pub fn total(rubric: &[CriterionSpec], scores: &BTreeMap<Uuid, i64>) -> Exact {
    let rules: Vec<CriterionRule> = rubric
        .iter()
        .map(|c| CriterionRule {
            id: c.id,
            weight: c.weight,
            max_score: c.max_score,
        })
        .collect();
    sheet_total(&rules, scores)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rubric() -> Vec<CriterionSpec> {
        [
            ("Kebaruan", 30),
            ("Kemanfaatan", 25),
            ("Replikasi", 20),
            ("Kolaborasi", 15),
            ("Penyajian", 10),
        ]
        .iter()
        .enumerate()
        .map(|(i, (n, w))| CriterionSpec {
            id: Uuid::from_u128(i as u128 + 1),
            name: n.to_string(),
            weight: *w,
            min_score: 0,
            max_score: 100,
        })
        .collect()
    }

    fn raw(pairs: &[(u128, i64)]) -> BTreeMap<String, i64> {
        pairs
            .iter()
            .map(|(i, v)| (Uuid::from_u128(*i).to_string(), *v))
            .collect()
    }

    #[test]
    fn a_draft_may_be_partial_a_submission_may_not() {
        let r = rubric();
        let partial = raw(&[(1, 80), (2, 90)]);
        let ok = check(&r, &partial, false).unwrap();
        assert_eq!(ok.len(), 2);
        assert_eq!(total(&r, &ok), Exact::new(93, 2)); // 24 + 22.5
        let err = check(&r, &partial, true).unwrap_err();
        assert_eq!(err.len(), 3);
        assert!(matches!(&err[0], Problem::Missing { name, .. } if name == "Replikasi"));
    }

    #[test]
    fn out_of_range_and_unknown_are_refused() {
        let r = rubric();
        let err = check(&r, &raw(&[(1, 101), (2, -1), (9, 5)]), false).unwrap_err();
        assert_eq!(err.len(), 3);
        assert!(err.contains(&Problem::UnknownCriterion(Uuid::from_u128(9).to_string())));
        assert!(
            matches!(&err[1], Problem::OutOfRange { name, min: 0, max: 100, .. } if name == "Kebaruan")
        );
        let mut bad = BTreeMap::new();
        bad.insert("not-a-uuid".to_string(), 1);
        assert_eq!(
            check(&r, &bad, false).unwrap_err(),
            vec![Problem::UnknownCriterion("not-a-uuid".into())]
        );
    }

    #[test]
    fn a_full_sheet_totals_as_the_rules_say() {
        let r = rubric();
        let s = check(
            &r,
            &raw(&[(1, 80), (2, 90), (3, 70), (4, 60), (5, 100)]),
            true,
        )
        .unwrap();
        assert_eq!(total(&r, &s), Exact::new(159, 2));
    }

    proptest! {
        #[test]
        fn accepted_scores_are_in_range_and_totals_stay_within_0_to_100(values in prop::collection::vec(-10i64..=110, 5)) {
            let r = rubric();
            let input: BTreeMap<String, i64> = r.iter().zip(&values).map(|(c, v)| (c.id.to_string(), *v)).collect();
            match check(&r, &input, true) {
                Ok(scores) => {
                    prop_assert!(values.iter().all(|v| (0..=100).contains(v)));
                    let t = total(&r, &scores);
                    prop_assert!(t >= Exact::from_integer(0) && t <= Exact::from_integer(100));
                }
                Err(problems) => {
                    let bad = values.iter().filter(|v| !(0..=100).contains(*v)).count();
                    prop_assert_eq!(problems.len(), bad);
                }
            }
        }
    }
}

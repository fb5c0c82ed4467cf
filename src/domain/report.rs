//! An entry's report for its entrant: each figure beside its cluster's mean, exactly.
//!
//! A criterion's figure for an entry is the mean of the scores its judges' submitted sheets
//! gave it; the cluster's figure is the mean of those entry means over the cluster's entries
//! that have one (each entry counts once, however many judges it had). Stage scores are set
//! beside the mean of the cluster's stage scores the same way.

use super::scoring::Exact;

/// A figure of the entry and the same figure's mean over its cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Beside {
    pub own: Option<Exact>,
    pub cluster: Option<Exact>,
}

/// The mean of `values`; `None` for none.
pub fn mean(values: &[Exact]) -> Option<Exact> {
    if values.is_empty() {
        return None;
    }
    let sum: Exact = values.iter().sum();
    Some(sum / Exact::from_integer(values.len() as i128))
}

/// Per criterion (`width` of them, in rubric order): the mean score of entry `entry` over its
/// sheets, beside the mean of the per-entry means of the entries in `cluster`. `sheets` gives
/// each submitted sheet's entry and scores (`None` where a sheet has no score for a
/// criterion); `in_cluster` says which entries count for the cluster.
pub fn criterion_means<'a>(
    sheets: impl Iterator<Item = (usize, &'a [Option<i32>])>,
    width: usize,
    entry: usize,
    in_cluster: impl Fn(usize) -> bool,
) -> Vec<Beside> {
    // (sum, count) per (entry, criterion), only for the cluster's entries.
    let mut sums: std::collections::BTreeMap<usize, Vec<(i64, i64)>> = Default::default();
    for (e, scores) in sheets {
        if !in_cluster(e) {
            continue;
        }
        let row = sums.entry(e).or_insert_with(|| vec![(0, 0); width]);
        for (slot, score) in row.iter_mut().zip(scores) {
            if let Some(s) = score {
                slot.0 += i64::from(*s);
                slot.1 += 1;
            }
        }
    }
    let entry_mean = |row: &[(i64, i64)], k: usize| {
        let (sum, count) = row[k];
        (count > 0).then(|| Exact::new(i128::from(sum), i128::from(count)))
    };
    (0..width)
        .map(|k| {
            let means: Vec<Exact> = sums.values().filter_map(|row| entry_mean(row, k)).collect();
            Beside {
                own: sums.get(&entry).and_then(|row| entry_mean(row, k)),
                cluster: mean(&means),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn r(n: i128, d: i128) -> Exact {
        Exact::new(n, d)
    }

    #[test]
    fn each_entry_counts_once_in_its_clusters_mean() {
        // Entry 0: two judges (80, 70) and (90, 60); entry 1: one judge (50, 40); entry 2 is in
        // another cluster.
        let sheets: Vec<(usize, Vec<Option<i32>>)> = vec![
            (0, vec![Some(80), Some(70)]),
            (0, vec![Some(90), Some(60)]),
            (1, vec![Some(50), Some(40)]),
            (2, vec![Some(0), Some(0)]),
        ];
        let got = criterion_means(sheets.iter().map(|(e, s)| (*e, s.as_slice())), 2, 0, |e| {
            e < 2
        });
        // Entry 0's means 85 and 65; the cluster's (85 + 50) / 2 and (65 + 40) / 2.
        assert_eq!(
            got,
            vec![
                Beside {
                    own: Some(r(85, 1)),
                    cluster: Some(r(135, 2))
                },
                Beside {
                    own: Some(r(65, 1)),
                    cluster: Some(r(105, 2))
                },
            ]
        );
    }

    #[test]
    fn a_criterion_without_scores_has_no_figure() {
        let sheets: Vec<(usize, Vec<Option<i32>>)> = vec![(1, vec![Some(50), None])];
        let got = criterion_means(sheets.iter().map(|(e, s)| (*e, s.as_slice())), 2, 0, |_| {
            true
        });
        assert_eq!(
            got[0],
            Beside {
                own: None,
                cluster: Some(r(50, 1))
            }
        );
        assert_eq!(
            got[1],
            Beside {
                own: None,
                cluster: None
            }
        );
        assert_eq!(mean(&[]), None);
    }

    proptest! {
        /// The cluster's mean lies between its entries' lowest and highest means, and a cluster
        /// of one entry has that entry's mean.
        #[test]
        fn the_cluster_mean_lies_among_the_entry_means(
            sheets in prop::collection::vec((0usize..4, 0i32..=100), 1..30)
        ) {
            let rows: Vec<(usize, Vec<Option<i32>>)> =
                sheets.iter().map(|(e, s)| (*e, vec![Some(*s)])).collect();
            let each: Vec<Exact> = (0..4)
                .filter_map(|e| criterion_means(rows.iter().map(|(x, s)| (*x, s.as_slice())), 1, e, |_| true)[0].own)
                .collect();
            let cluster = criterion_means(rows.iter().map(|(x, s)| (*x, s.as_slice())), 1, 0, |_| true)[0].cluster.unwrap();
            prop_assert!(each.iter().min().unwrap() <= &cluster && &cluster <= each.iter().max().unwrap());
            let alone = criterion_means(rows.iter().map(|(x, s)| (*x, s.as_slice())), 1, rows[0].0, |e| e == rows[0].0)[0];
            prop_assert_eq!(alone.own, alone.cluster);
        }
    }
}

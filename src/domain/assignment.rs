//! Which judge scores which entry: eligibility (conflicts of interest, cluster limits) and the
//! automatic plans — k judges per entry with balanced loads, or a full panel per cluster.
//!
//! Deterministic: inputs are sorted by id before planning, so the same contest always gets the
//! same plan, whatever order the database returned rows in.

use super::conflict::same_unit;
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JudgeSpec {
    pub id: Uuid,
    pub affiliation: String,
    /// `None`: every cluster.
    pub clusters: Option<BTreeSet<Uuid>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntrySpec {
    pub id: Uuid,
    pub cluster_id: Uuid,
    pub unit: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pool {
    pub judges: Vec<JudgeSpec>,
    pub entries: Vec<EntrySpec>,
    /// (judge, entry) pairs with a declared conflict (by the committee or a recusal).
    pub declared_conflicts: BTreeSet<(Uuid, Uuid)>,
    /// (judge, entry) pairs already assigned.
    pub existing: BTreeSet<(Uuid, Uuid)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    UnknownJudge,
    UnknownEntry,
    AffiliationConflict,
    DeclaredConflict,
    ClusterNotAllowed,
    AlreadyAssigned,
}

/// Conflicts first (they matter most to explain), then the cluster limit.
pub fn eligibility(
    judge: &JudgeSpec,
    entry: &EntrySpec,
    declared: &BTreeSet<(Uuid, Uuid)>,
) -> Result<(), Refusal> {
    if same_unit(&judge.affiliation, &entry.unit) {
        return Err(Refusal::AffiliationConflict);
    }
    if declared.contains(&(judge.id, entry.id)) {
        return Err(Refusal::DeclaredConflict);
    }
    if judge
        .clusters
        .as_ref()
        .is_some_and(|c| !c.contains(&entry.cluster_id))
    {
        return Err(Refusal::ClusterNotAllowed);
    }
    Ok(())
}

pub fn check_manual(pool: &Pool, judge_id: Uuid, entry_id: Uuid) -> Result<(), Refusal> {
    let judge = pool
        .judges
        .iter()
        .find(|j| j.id == judge_id)
        .ok_or(Refusal::UnknownJudge)?;
    let entry = pool
        .entries
        .iter()
        .find(|e| e.id == entry_id)
        .ok_or(Refusal::UnknownEntry)?;
    eligibility(judge, entry, &pool.declared_conflicts)?;
    if pool.existing.contains(&(judge_id, entry_id)) {
        return Err(Refusal::AlreadyAssigned);
    }
    Ok(())
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shortfall {
    pub entry_id: Uuid,
    pub assigned: usize,
    pub wanted: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// (judge, entry), sorted.
    pub new_assignments: Vec<(Uuid, Uuid)>,
    pub short: Vec<Shortfall>,
}

fn sorted(pool: &Pool) -> (Vec<&JudgeSpec>, Vec<&EntrySpec>) {
    let mut judges: Vec<&JudgeSpec> = pool.judges.iter().collect();
    judges.sort_by_key(|j| j.id);
    judges.dedup_by_key(|j| j.id);
    let mut entries: Vec<&EntrySpec> = pool.entries.iter().collect();
    entries.sort_by_key(|e| e.id);
    entries.dedup_by_key(|e| e.id);
    (judges, entries)
}

/// Every entry gets `k` judges (counting existing assignments) among the eligible ones.
///
/// Entries with the fewest eligible judges are served first (they have the least choice);
/// each takes the eligible judges with the lowest load so far (ties: lower id). With no
/// conflicts or cluster limits this keeps max − min load ≤ 1; with them, it stays balanced
/// among the judges each entry can have. Entries that cannot reach `k` are reported.
/// The most judges one entry may be given automatically.
pub const MAX_JUDGES_PER_ENTRY: usize = 20;

/// How an automatic assignment is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AutoMode {
    /// `k` judges per entry, loads balanced.
    PerEntry(usize),
    /// Every judge scores every entry of their clusters.
    Panel,
}

impl AutoMode {
    /// `judges_per_entry` alone (1 to [`MAX_JUDGES_PER_ENTRY`]) or `panel` alone; anything else
    /// is no mode.
    pub fn from_request(judges_per_entry: Option<i64>, panel: bool) -> Option<AutoMode> {
        match (judges_per_entry, panel) {
            (Some(k), false) if (1..=MAX_JUDGES_PER_ENTRY as i64).contains(&k) => {
                Some(AutoMode::PerEntry(k as usize))
            }
            (None, true) => Some(AutoMode::Panel),
            _ => None,
        }
    }
}

pub fn auto_assign(pool: &Pool, k: usize) -> Plan {
    let (judges, entries) = sorted(pool);
    let mut load: BTreeMap<Uuid, usize> = judges.iter().map(|j| (j.id, 0)).collect();
    for (j, _) in &pool.existing {
        if let Some(l) = load.get_mut(j) {
            *l += 1;
        }
    }
    let eligible: Vec<(&EntrySpec, Vec<&JudgeSpec>)> = entries
        .iter()
        .map(|e| {
            let js = judges
                .iter()
                .filter(|j| eligibility(j, e, &pool.declared_conflicts).is_ok())
                .copied()
                .collect();
            (*e, js)
        })
        .collect();
    let mut order: Vec<usize> = (0..eligible.len()).collect();
    order.sort_by_key(|i| (eligible[*i].1.len(), eligible[*i].0.id));
    let mut plan = Plan::default();
    for i in order {
        let (entry, candidates) = &eligible[i];
        let have: BTreeSet<Uuid> = pool
            .existing
            .iter()
            .filter(|(_, e)| *e == entry.id)
            .map(|(j, _)| *j)
            .collect();
        let mut free: Vec<&&JudgeSpec> = candidates
            .iter()
            .filter(|j| !have.contains(&j.id))
            .collect();
        free.sort_by_key(|j| (load.get(&j.id).copied().unwrap_or(0), j.id));
        let need = k.saturating_sub(have.len());
        for j in free.into_iter().take(need) {
            plan.new_assignments.push((j.id, entry.id));
            *load.entry(j.id).or_default() += 1;
        }
        let got = have.len()
            + plan
                .new_assignments
                .iter()
                .filter(|(_, e)| *e == entry.id)
                .count();
        if got < k {
            plan.short.push(Shortfall {
                entry_id: entry.id,
                assigned: got,
                wanted: k,
            });
        }
    }
    plan.new_assignments.sort();
    plan.short.sort_by_key(|s| s.entry_id);
    plan
}

/// Every eligible judge scores every entry of the clusters they may judge.
pub fn panel(pool: &Pool) -> Plan {
    let (judges, entries) = sorted(pool);
    let mut plan = Plan::default();
    for e in &entries {
        let mut count = 0;
        for j in &judges {
            if eligibility(j, e, &pool.declared_conflicts).is_ok() {
                count += 1;
                if !pool.existing.contains(&(j.id, e.id)) {
                    plan.new_assignments.push((j.id, e.id));
                }
            }
        }
        if count == 0 {
            plan.short.push(Shortfall {
                entry_id: e.id,
                assigned: 0,
                wanted: 1,
            });
        }
    }
    plan.new_assignments.sort();
    plan
}

/// Assignments per judge after the plan.
pub fn loads(pool: &Pool, plan: &Plan) -> BTreeMap<Uuid, usize> {
    let mut load: BTreeMap<Uuid, usize> = pool.judges.iter().map(|j| (j.id, 0)).collect();
    for (j, _) in pool.existing.iter().chain(plan.new_assignments.iter()) {
        *load.entry(*j).or_default() += 1;
    }
    load
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn judge(n: u128, aff: &str, clusters: Option<&[u128]>) -> JudgeSpec {
        JudgeSpec {
            id: id(n),
            affiliation: aff.into(),
            clusters: clusters.map(|c| c.iter().map(|x| id(*x)).collect()),
        }
    }

    fn entry(n: u128, cluster: u128, unit: &str) -> EntrySpec {
        EntrySpec {
            id: id(n),
            cluster_id: id(cluster),
            unit: unit.into(),
        }
    }

    #[test]
    fn refusals_say_why() {
        let mut pool = Pool {
            judges: vec![
                judge(1, "Dinas Kesehatan", None),
                judge(2, "Universitas", Some(&[90])),
            ],
            entries: vec![
                entry(10, 91, " dinas  KESEHATAN"),
                entry(11, 91, "Kecamatan Paringin"),
            ],
            ..Pool::default()
        };
        assert_eq!(
            check_manual(&pool, id(1), id(10)),
            Err(Refusal::AffiliationConflict)
        );
        assert_eq!(
            check_manual(&pool, id(2), id(11)),
            Err(Refusal::ClusterNotAllowed)
        );
        assert_eq!(check_manual(&pool, id(1), id(11)), Ok(()));
        pool.declared_conflicts.insert((id(1), id(11)));
        assert_eq!(
            check_manual(&pool, id(1), id(11)),
            Err(Refusal::DeclaredConflict)
        );
        assert_eq!(
            check_manual(&pool, id(9), id(11)),
            Err(Refusal::UnknownJudge)
        );
        assert_eq!(
            check_manual(&pool, id(1), id(99)),
            Err(Refusal::UnknownEntry)
        );
        pool.declared_conflicts.clear();
        pool.existing.insert((id(1), id(11)));
        assert_eq!(
            check_manual(&pool, id(1), id(11)),
            Err(Refusal::AlreadyAssigned)
        );
    }

    #[test]
    fn auto_gives_k_judges_skipping_conflicts_and_counting_existing() {
        let pool = Pool {
            judges: vec![
                judge(1, "Dinas Kesehatan", None),
                judge(2, "A", None),
                judge(3, "B", None),
            ],
            entries: vec![
                entry(10, 90, "Dinas Kesehatan"),
                entry(11, 90, "X"),
                entry(12, 90, "Y"),
            ],
            existing: [(id(2), id(11))].into_iter().collect(),
            ..Pool::default()
        };
        let plan = auto_assign(&pool, 2);
        assert!(!plan.new_assignments.contains(&(id(1), id(10))));
        assert!(plan.short.is_empty());
        for e in [10, 11, 12] {
            let n = plan
                .new_assignments
                .iter()
                .filter(|(_, x)| *x == id(e))
                .count()
                + usize::from(e == 11);
            assert_eq!(n, 2, "entry {e}");
        }
        let too_many = auto_assign(&pool, 3);
        assert_eq!(
            too_many.short,
            vec![Shortfall {
                entry_id: id(10),
                assigned: 2,
                wanted: 3
            }]
        );
        assert!(auto_assign(&pool, 0).new_assignments.is_empty());
        assert_eq!(
            auto_assign(
                &Pool {
                    judges: vec![],
                    ..pool.clone()
                },
                1
            )
            .short
            .len(),
            2,
            "entry 11 keeps its existing judge"
        );
    }

    #[test]
    fn panel_skips_conflicted_and_not_allowed_judges() {
        let pool = Pool {
            judges: vec![
                judge(1, "Dinas Pendidikan", Some(&[90])),
                judge(2, "U", Some(&[91])),
                judge(3, "V", None),
            ],
            entries: vec![
                entry(10, 90, "Dinas Pendidikan"),
                entry(11, 90, "SMA 1"),
                entry(12, 91, "Kecamatan"),
            ],
            ..Pool::default()
        };
        let plan = panel(&pool);
        assert_eq!(
            plan.new_assignments,
            vec![
                (id(1), id(11)),
                (id(2), id(12)),
                (id(3), id(10)),
                (id(3), id(11)),
                (id(3), id(12))
            ]
        );
    }

    fn arb_pool() -> impl Strategy<Value = Pool> {
        let units = [
            "Dinas Kesehatan",
            "Dinas Pendidikan",
            "Kecamatan Paringin",
            "Universitas",
        ];
        (
            prop::collection::vec(
                (
                    0usize..4,
                    prop::option::of(prop::collection::btree_set(0u128..3, 1..3)),
                ),
                1..8,
            ),
            prop::collection::vec((0u128..3, 0usize..4), 1..30),
            prop::collection::btree_set((0u128..8, 0u128..30), 0..10),
        )
            .prop_map(move |(js, es, declared)| Pool {
                judges: js
                    .iter()
                    .enumerate()
                    .map(|(i, (u, c))| JudgeSpec {
                        id: id(100 + i as u128),
                        affiliation: units[*u].into(),
                        clusters: c.as_ref().map(|c| c.iter().map(|x| id(900 + x)).collect()),
                    })
                    .collect(),
                entries: es
                    .iter()
                    .enumerate()
                    .map(|(i, (c, u))| EntrySpec {
                        id: id(1000 + i as u128),
                        cluster_id: id(900 + c),
                        unit: units[*u].into(),
                    })
                    .collect(),
                declared_conflicts: declared
                    .iter()
                    .map(|(j, e)| (id(100 + j), id(1000 + e)))
                    .collect(),
                existing: BTreeSet::new(),
            })
    }

    proptest! {
        #[test]
        fn never_assigns_an_ineligible_pair_and_serves_every_entry(pool in arb_pool(), k in 0usize..4) {
            for plan in [auto_assign(&pool, k), panel(&pool)] {
                let set: BTreeSet<_> = plan.new_assignments.iter().collect();
                prop_assert_eq!(set.len(), plan.new_assignments.len(), "no duplicates");
                for (j, e) in &plan.new_assignments {
                    prop_assert_eq!(check_manual(&pool, *j, *e), Ok(()));
                }
            }
            let plan = auto_assign(&pool, k);
            for e in &pool.entries {
                let eligible = pool.judges.iter().filter(|j| eligibility(j, e, &pool.declared_conflicts).is_ok()).count();
                let got = plan.new_assignments.iter().filter(|(_, x)| *x == e.id).count();
                prop_assert_eq!(got, k.min(eligible));
            }
        }

        #[test]
        fn loads_are_balanced_without_conflicts(judges in 1usize..8, entries in 1usize..30, k in 1usize..4) {
            let pool = Pool {
                judges: (0..judges).map(|i| JudgeSpec { id: id(i as u128), affiliation: format!("J{i}"), clusters: None }).collect(),
                entries: (0..entries).map(|i| EntrySpec { id: id(1000 + i as u128), cluster_id: id(1), unit: format!("U{i}") }).collect(),
                ..Pool::default()
            };
            let l = loads(&pool, &auto_assign(&pool, k));
            let (min, max) = (l.values().min().copied().unwrap_or(0), l.values().max().copied().unwrap_or(0));
            prop_assert!(max - min <= 1, "{:?}", l);
        }

        #[test]
        fn the_same_input_in_any_order_gives_the_same_plan(pool in arb_pool(), k in 0usize..4) {
            let mut shuffled = pool.clone();
            shuffled.judges.reverse();
            shuffled.entries.reverse();
            prop_assert_eq!(auto_assign(&pool, k), auto_assign(&shuffled, k));
            prop_assert_eq!(panel(&pool), panel(&shuffled));
        }
    }
}

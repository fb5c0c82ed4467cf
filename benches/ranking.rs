//! The pure ranking engine at regency and national scale (run with `cargo bench`).
//!
//! Regency (Bailang): 4 clusters, 200 entries, 5 criteria, 5 sheets per entry.
//! National (Innovative Government Award): 30,000 entries in 4 clusters, 10 criteria,
//! 5 sheets per entry = 1.5 million scores. Budget: < 250 ms for the whole contest.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use juri::domain::ranking::{
    default_tie_break, rank_cluster, Aggregation, ClusterInput, CriterionRule, EntryInput,
    Normalisation, PrizeTierRule, SheetInput,
};
use uuid::Uuid;

/// A deterministic pseudo-random generator (xorshift), so every run ranks the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn contest(entries: usize, criteria: usize, sheets: usize, clusters: usize) -> Vec<ClusterInput> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let weights: Vec<i64> = (0..criteria)
        .map(|i| (100 / criteria as i64) + i64::from(i < 100 % criteria))
        .collect();
    let rules: Vec<CriterionRule> = weights
        .iter()
        .map(|w| CriterionRule {
            id: Uuid::from_u128(u128::from(rng.next())),
            weight: *w,
            max_score: 100,
        })
        .collect();
    let tie_break = default_tie_break(&rules.iter().map(|r| (r.id, r.weight)).collect::<Vec<_>>());
    let judges: Vec<Uuid> = (0..1000).map(Uuid::from_u128).collect();
    (0..clusters)
        .map(|k| ClusterInput {
            criteria: rules.clone(),
            tie_break: tie_break.clone(),
            aggregation: Aggregation::Mean,
            winners_count: 5,
            tiers: (1..=5)
                .map(|r| PrizeTierRule {
                    rank: r,
                    title: format!("Tier {r}"),
                    amount: 1_000_000,
                })
                .collect(),
            min_award_score: None,
            resolutions: Vec::new(),
            stage_weight: 100,
            normalisation: Normalisation::None,
            entries: (0..entries / clusters)
                .map(|e| EntryInput {
                    entry_id: Uuid::from_u128(
                        u128::from(rng.next()) << 64 | (k * entries + e) as u128,
                    ),
                    title: format!("Inovasi {k}-{e}"),
                    complete: true,
                    earlier: Vec::new(),
                    sheets: (0..sheets)
                        .map(|s| SheetInput {
                            judge_id: judges[(e * sheets + s) % judges.len()],
                            scores: rules
                                .iter()
                                .map(|_| Some(40 + (rng.next() % 61) as i64))
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let regency = contest(200, 5, 5, 4);
    c.bench_function("rank regency (200 entries, 5 criteria, 5 sheets)", |b| {
        b.iter(|| {
            regency
                .iter()
                .map(|cl| rank_cluster(black_box(cl)).ranking.len())
                .sum::<usize>()
        })
    });
    let national = contest(30_000, 10, 5, 4);
    let mut group = c.benchmark_group("national");
    group.sample_size(10);
    group.bench_function(
        "rank national (30,000 entries, 10 criteria, 5 sheets)",
        |b| {
            b.iter(|| {
                national
                    .iter()
                    .map(|cl| rank_cluster(black_box(cl)).ranking.len())
                    .sum::<usize>()
            })
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! Fast seeding of large contests for benchmarks and load tests (`juri seed`,
//! `juri demo --scale regency|national`): multi-row inserts in large transactions, one password
//! hash shared by every generated judge (`services::seed` makes it). Not for real contests.

use super::schema::*;
use super::{self as db, DbConnection};
use crate::model::{Aggregation, ContestId, Phase, Role, SheetStatus};
use diesel::prelude::*;

/// Every generated judge's password.
pub const SEED_PASSWORD: &str = "juri-seed-2026";

#[derive(Clone, Debug)]
pub struct SeedSpec {
    pub clusters: usize,
    pub entries: usize,
    pub judges: usize,
    pub judges_per_entry: usize,
    pub criteria: usize,
    /// Write a submitted sheet for every assignment.
    pub submitted: bool,
    pub phase: Phase,
    /// Make the seeded stage the first of two: desk scoring (weight 60, the best 10 of each
    /// cluster go on) before a presentation stage (weight 40, 5 criteria) in setup.
    pub staged: bool,
}

impl SeedSpec {
    /// Bailang-sized: 4 clusters, 200 entries, 15 judges, 5 criteria, 3 judges per entry.
    pub fn regency() -> Self {
        SeedSpec {
            clusters: 4,
            entries: 200,
            judges: 15,
            judges_per_entry: 3,
            criteria: 5,
            submitted: true,
            phase: Phase::Closed,
            staged: false,
        }
    }

    /// Innovative Government Award-sized: 30,000 entries, 1,000 judges, 5 per entry,
    /// 10 criteria = 1.5 million scores.
    pub fn national() -> Self {
        SeedSpec {
            clusters: 4,
            entries: 30_000,
            judges: 1000,
            judges_per_entry: 5,
            criteria: 10,
            submitted: true,
            phase: Phase::Closed,
            staged: false,
        }
    }

    /// The national contest judged in two stages: its desk stage closed with every sheet, the
    /// presentation stage (top 10 of each cluster) waiting for the first to be sealed.
    pub fn national_staged() -> Self {
        SeedSpec {
            staged: true,
            ..SeedSpec::national()
        }
    }
}

/// A deterministic generator, so two seeds of the same size hold the same scores.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Inserts `rows` in chunks with multi-row statements (backend-specific in diesel).
macro_rules! bulk {
    ($conn:expr, $table:expr, $rows:expr) => {{
        for chunk in $rows.chunks(500) {
            match $conn {
                DbConnection::Sqlite(c) => diesel::insert_into($table).values(chunk).execute(c)?,
                DbConnection::Postgres(c) => {
                    diesel::insert_into($table).values(chunk).execute(c)?
                }
            };
        }
    }};
}

/// Declares the seeded stage as the desk stage of two and adds the presentation stage with
/// its rubric.
fn stage_two(
    c: &mut DbConnection,
    contest_id: ContestId,
    desk: crate::model::StageId,
    now: chrono::NaiveDateTime,
) -> QueryResult<()> {
    use crate::db::stages::StageDeclaration;
    use crate::model::CutRule;
    let declared = StageDeclaration {
        name: "Penilaian proposal".into(),
        weight: 60,
        cut_rule: CutRule::Top,
        cut_count: Some(10),
        ..StageDeclaration::default_scored()
    };
    db::stages::declare(c, desk, &declared, now)?;
    let presentation = StageDeclaration {
        name: "Presentasi".into(),
        weight: 40,
        ..StageDeclaration::default_scored()
    };
    let stage = db::stages::insert_at(c, contest_id, 2, &presentation, now)?;
    let rows: Vec<_> = (0..5)
        .map(|i| {
            (
                criteria::id.eq(db::new_id()),
                criteria::contest_id.eq(contest_id),
                criteria::stage_id.eq(stage),
                criteria::position.eq(i),
                criteria::name.eq(format!("Presentasi {}", i + 1)),
                criteria::weight.eq(20),
                criteria::min_score.eq(0),
                criteria::max_score.eq(100),
            )
        })
        .collect();
    bulk!(c, criteria::table, rows);
    Ok(())
}

/// Creates the contest; returns its id and the judges' emails.
pub fn seed(
    conn: &mut DbConnection,
    spec: &SeedSpec,
    hash: &str,
) -> QueryResult<(ContestId, Vec<String>)> {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let now = db::now();
    let contest_id = ContestId::new();
    // The random tail of the id (a v7 id begins with the time, shared by seeds made together).
    let id_text = contest_id.to_string();
    let tag = &id_text[id_text.len() - 12..];
    db::write_tx(conn, |c| -> QueryResult<(ContestId, Vec<String>)> {
        diesel::insert_into(contests::table)
            .values((
                contests::id.eq(contest_id),
                contests::name.eq(format!("Lomba uji beban {} inovasi", spec.entries)),
                contests::year.eq(2026),
                contests::description.eq("Data buatan untuk tolok ukur."),
                contests::phase.eq(spec.phase),
                contests::aggregation.eq(Aggregation::Mean),
                contests::blind.eq(false),
                contests::created_at.eq(now),
                contests::updated_at.eq(now),
            ))
            .execute(c)?;
        let stage_id = db::stages::insert_first(c, contest_id, spec.phase, now)?;
        let criteria_ids: Vec<String> = (0..spec.criteria).map(|_| db::new_id()).collect();
        let base = 100 / spec.criteria.max(1) as i32;
        let rows: Vec<_> = criteria_ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let weight = base + i32::from((i as i32) < 100 - base * spec.criteria as i32);
                (
                    criteria::id.eq(id.clone()),
                    criteria::contest_id.eq(contest_id),
                    criteria::stage_id.eq(stage_id),
                    criteria::position.eq(i as i32),
                    criteria::name.eq(format!("Kriteria {}", i + 1)),
                    criteria::weight.eq(weight),
                    criteria::min_score.eq(0),
                    criteria::max_score.eq(100),
                )
            })
            .collect();
        bulk!(c, criteria::table, rows);
        if spec.staged {
            stage_two(c, contest_id, stage_id, now)?;
        }
        let cluster_ids: Vec<String> = (0..spec.clusters.max(1)).map(|_| db::new_id()).collect();
        for (i, id) in cluster_ids.iter().enumerate() {
            diesel::insert_into(clusters::table)
                .values((
                    clusters::id.eq(id),
                    clusters::contest_id.eq(contest_id),
                    clusters::name.eq(format!("Klaster {}", i + 1)),
                    clusters::position.eq(i as i32),
                    clusters::winners_count.eq(5),
                ))
                .execute(c)?;
            for (r, (title, amount)) in crate::domain::template::BAILANG_TIERS.iter().enumerate() {
                diesel::insert_into(prize_tiers::table)
                    .values((
                        prize_tiers::id.eq(db::new_id()),
                        prize_tiers::cluster_id.eq(id),
                        prize_tiers::rank.eq(r as i32 + 1),
                        prize_tiers::title.eq(*title),
                        prize_tiers::amount.eq(*amount),
                    ))
                    .execute(c)?;
            }
        }
        let judge_ids: Vec<String> = (0..spec.judges).map(|_| db::new_id()).collect();
        let emails: Vec<String> = (0..spec.judges)
            .map(|j| format!("seed-{tag}-j{j}@juri.example"))
            .collect();
        let rows: Vec<_> = judge_ids
            .iter()
            .zip(&emails)
            .enumerate()
            .map(|(j, (id, email))| {
                (
                    users::id.eq(id.clone()),
                    users::email.eq(email.clone()),
                    users::name.eq(format!("Juri Uji {j}")),
                    users::role.eq(Role::Judge),
                    users::affiliation.eq(format!("Lembaga {j}")),
                    users::password_hash.eq(hash),
                    users::active.eq(true),
                    users::created_at.eq(now),
                    users::updated_at.eq(now),
                )
            })
            .collect();
        bulk!(c, users::table, rows);
        let rows: Vec<_> = judge_ids
            .iter()
            .map(|id| {
                (
                    contest_judges::contest_id.eq(contest_id),
                    contest_judges::user_id.eq(id.clone()),
                    contest_judges::created_at.eq(now),
                )
            })
            .collect();
        bulk!(c, contest_judges::table, rows);
        let mut entry_rows = Vec::with_capacity(spec.entries);
        let mut assignment_rows = Vec::new();
        let mut sheet_rows = Vec::new();
        let mut score_rows = Vec::new();
        for e in 0..spec.entries {
            let entry_id = db::new_id();
            entry_rows.push((
                entries::id.eq(entry_id.clone()),
                entries::contest_id.eq(contest_id),
                entries::cluster_id.eq(cluster_ids[e % cluster_ids.len()].clone()),
                entries::title.eq(format!("Inovasi uji {e:05}")),
                entries::innovator.eq(format!("Tim {e}")),
                entries::unit.eq(format!("Unit {}", e % 300)),
                entries::description.eq(""),
                entries::created_at.eq(now),
            ));
            for k in 0..spec.judges_per_entry.min(spec.judges) {
                let judge = &judge_ids[(e * spec.judges_per_entry + k) % spec.judges];
                assignment_rows.push((
                    assignments::id.eq(db::new_id()),
                    assignments::contest_id.eq(contest_id),
                    assignments::stage_id.eq(stage_id),
                    assignments::judge_id.eq(judge.clone()),
                    assignments::entry_id.eq(entry_id.clone()),
                    assignments::created_at.eq(now),
                ));
                if spec.submitted {
                    let sheet_id = db::new_id();
                    sheet_rows.push((
                        sheets::id.eq(sheet_id.clone()),
                        sheets::contest_id.eq(contest_id),
                        sheets::stage_id.eq(stage_id),
                        sheets::entry_id.eq(entry_id.clone()),
                        sheets::judge_id.eq(judge.clone()),
                        sheets::status.eq(SheetStatus::Submitted),
                        sheets::comment.eq(""),
                        sheets::version.eq(1),
                        sheets::submitted_at.eq(Some(now)),
                        sheets::updated_at.eq(now),
                    ));
                    for criterion in &criteria_ids {
                        score_rows.push((
                            sheet_scores::sheet_id.eq(sheet_id.clone()),
                            sheet_scores::criterion_id.eq(criterion.clone()),
                            sheet_scores::score.eq(40 + (rng.next() % 61) as i32),
                        ));
                    }
                }
            }
            // Flush as we go so memory stays flat at national scale.
            if score_rows.len() >= 50_000 || e + 1 == spec.entries {
                bulk!(c, entries::table, entry_rows);
                bulk!(c, assignments::table, assignment_rows);
                bulk!(c, sheets::table, sheet_rows);
                bulk!(c, sheet_scores::table, score_rows);
                entry_rows.clear();
                assignment_rows.clear();
                sheet_rows.clear();
                score_rows.clear();
            }
        }
        Ok((contest_id, emails))
    })
}

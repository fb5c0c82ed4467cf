// Fields are read by the judging and results tests as they are added.
#![allow(dead_code)]

//! Contests written straight into the test's database, for tests of judging and results that
//! should not depend on every setup endpoint. They are written through the store layer
//! (`juri::db::*`), the same functions the setup services call, with the Bailang template of
//! `juri::domain::template`, so a fixture is exactly what the application itself would store.

use crate::helpers::TestApp;
use juri::db::{self, DbConnection};
use juri::domain::template;
use juri::model::*;

pub const JUDGE_PASSWORD: &str = "judge-password-1";

#[derive(Clone, Debug)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    pub weight: i32,
    pub max_score: i32,
}

#[derive(Clone, Debug)]
pub struct Entry {
    pub id: String,
    pub cluster_id: String,
    pub title: String,
    pub unit: String,
}

#[derive(Clone, Debug)]
pub struct Judge {
    pub id: String,
    pub email: String,
}

#[derive(Clone, Debug)]
pub struct Fixture {
    pub contest_id: String,
    pub clusters: Vec<String>,
    pub criteria: Vec<Criterion>,
    pub entries: Vec<Entry>,
    pub judges: Vec<Judge>,
}

/// What to build: `entries_per_cluster` entries in each of `clusters` clusters (the Bailang
/// clusters and prize tiers), the Bailang rubric (30/25/20/15/10, 0–100, with its levels),
/// `judges` judges each assigned to every entry (a panel), in `phase`.
pub struct Spec {
    pub clusters: usize,
    pub entries_per_cluster: usize,
    pub judges: usize,
    pub phase: Phase,
    pub blind: bool,
}

impl Default for Spec {
    fn default() -> Self {
        Spec {
            clusters: 1,
            entries_per_cluster: 3,
            judges: 2,
            phase: Phase::Judging,
            blind: false,
        }
    }
}

pub fn conn(app: &TestApp) -> db::PooledConn {
    conn_to(&app.database_url)
}

pub fn conn_to(url: &juri::db::DatabaseUrl) -> db::PooledConn {
    db::connect(url, 1)
        .expect("pool")
        .get()
        .expect("connection")
}

pub fn build(app: &TestApp, spec: Spec) -> Fixture {
    build_in(&app.database_url, spec)
}

/// The same contest in any database (e.g. one a separately started server uses).
pub fn build_in(url: &juri::db::DatabaseUrl, spec: Spec) -> Fixture {
    let mut pool_conn = conn_to(url);
    let c: &mut DbConnection = &mut pool_conn;
    let now = db::now();
    let contest_id = ContestId::new();
    db::contests::insert(
        c,
        &db::contests::NewContest {
            id: contest_id,
            name: "Lomba Inovasi Balangan (uji)",
            year: 2026,
            description: "",
            phase: spec.phase,
            aggregation: Aggregation::Mean,
            min_award_score: None,
            blind: spec.blind,
            created_by: None,
            created_at: now,
            updated_at: now,
        },
    )
    .unwrap();
    let stage = db::stages::current(c, contest_id).unwrap();
    let mut criteria = Vec::new();
    for (i, (name, description, weight)) in template::BAILANG_CRITERIA.iter().enumerate() {
        let id = CriterionId::new();
        db::criteria::insert(
            c,
            &db::criteria::NewCriterion {
                id,
                contest_id,
                stage_id: stage.id,
                position: i as i32,
                name,
                description,
                weight: *weight as i32,
                min_score: 0,
                max_score: 100,
                levels: template::BAILANG_LEVELS,
            },
        )
        .unwrap();
        criteria.push(Criterion {
            id: id.to_string(),
            name: name.to_string(),
            weight: *weight as i32,
            max_score: 100,
        });
    }
    let mut clusters = Vec::new();
    let mut entries = Vec::new();
    for k in 0..spec.clusters {
        let cluster_id = ClusterId::new();
        let name = template::BAILANG_CLUSTERS
            .get(k)
            .map(|s| s.to_string())
            .unwrap_or(format!("Klaster {k}"));
        db::clusters::insert(
            c,
            &db::clusters::NewCluster {
                id: cluster_id,
                contest_id,
                name: &name,
                position: k as i32,
                winners_count: 5,
            },
        )
        .unwrap();
        let tiers: Vec<db::clusters::NewTier> = template::BAILANG_TIERS
            .iter()
            .enumerate()
            .map(|(r, (title, amount))| db::clusters::NewTier {
                id: PrizeTierId::new(),
                cluster_id,
                rank: r as i32 + 1,
                title,
                amount: *amount,
                extra: None,
                condition_note: None,
            })
            .collect();
        db::clusters::replace_tiers(c, cluster_id, &tiers).unwrap();
        for e in 0..spec.entries_per_cluster {
            let id = EntryId::new();
            let title = format!("Inovasi {name} {e:02}");
            let unit = format!("Unit {k}-{e}");
            db::entries::insert(
                c,
                &db::entries::NewEntry {
                    id,
                    contest_id,
                    cluster_id,
                    title: &title,
                    innovator: &format!("Tim {title}"),
                    unit: &unit,
                    description: "Uraian inovasi.",
                    link: None,
                    created_at: now,
                    submitted_at: Some(now),
                    ..db::entries::NewEntry::blank()
                },
            )
            .unwrap();
            entries.push(Entry {
                id: id.to_string(),
                cluster_id: cluster_id.to_string(),
                title,
                unit,
            });
        }
        clusters.push(cluster_id.to_string());
    }
    let hash = juri::services::auth::hash_password(JUDGE_PASSWORD).unwrap();
    let tag = contest_id.to_string();
    let tag = &tag[tag.len() - 12..];
    let mut judges = Vec::new();
    for j in 0..spec.judges {
        let id = UserId::new();
        let email = format!("juri{j}-{tag}@test.local");
        db::users::insert(
            c,
            &db::users::NewUser {
                id,
                email: &email,
                name: &format!("Juri {j}"),
                role: Role::Judge,
                affiliation: &format!("Universitas {j}"),
                password_hash: &hash,
                active: true,
                created_at: now,
                updated_at: now,
            },
        )
        .unwrap();
        db::judges::attach(c, contest_id, id, &[], now).unwrap();
        for e in &entries {
            db::assignments::insert(c, stage.key(), id, e.id.parse().unwrap(), now).unwrap();
        }
        judges.push(Judge {
            id: id.to_string(),
            email,
        });
    }
    Fixture {
        contest_id: contest_id.to_string(),
        clusters,
        criteria,
        entries,
        judges,
    }
}

/// Writes a submitted sheet directly (for results tests that do not exercise judging).
pub fn submit_sheet(app: &TestApp, f: &Fixture, judge: usize, entry: usize, scores: &[i32]) {
    let mut pool_conn = conn(app);
    let c: &mut DbConnection = &mut pool_conn;
    let now = db::now();
    let sheet_id = SheetId::new();
    let stage = db::stages::current(c, f.contest_id.parse().unwrap()).unwrap();
    let inserted = db::sheets::insert(
        c,
        &db::sheets::NewSheet {
            id: sheet_id,
            contest_id: f.contest_id.parse().unwrap(),
            stage_id: stage.id,
            entry_id: f.entries[entry].id.parse().unwrap(),
            judge_id: f.judges[judge].id.parse().unwrap(),
            status: SheetStatus::Submitted,
            comment: "",
            submitted_at: Some(now),
            now,
        },
    )
    .unwrap();
    assert!(inserted, "one sheet per judge and entry");
    let scores = f
        .criteria
        .iter()
        .zip(scores)
        .map(|(criterion, score)| (criterion.id.parse().unwrap(), i64::from(*score)))
        .collect();
    db::sheets::insert_scores(c, sheet_id, &scores).unwrap();
}

/// The API body that submits `values`, one per criterion in the fixture's order.
pub fn submitted_sheet(f: &Fixture, values: &[i64]) -> serde_json::Value {
    let scores: serde_json::Map<String, serde_json::Value> = f
        .criteria
        .iter()
        .zip(values)
        .map(|(c, v)| (c.id.clone(), serde_json::json!(v)))
        .collect();
    serde_json::json!({"scores": scores, "submit": true})
}

/// Moves the contest to `phase` directly (tests of what each phase allows).
pub fn set_phase(app: &TestApp, f: &Fixture, phase: Phase) {
    let mut conn = conn(app);
    let id: ContestId = f.contest_id.parse().unwrap();
    let current = db::contests::find(&mut conn, id).unwrap().phase;
    db::contests::move_phase(&mut conn, id, current, phase, db::now()).unwrap();
}

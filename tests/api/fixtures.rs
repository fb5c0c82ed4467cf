// Fields are read by the judging and results tests as they are added.
#![allow(dead_code)]

//! Contests written straight into the test's database, for tests of judging and results that
//! should not depend on every setup endpoint. Rows are exactly what the setup services write.

use crate::helpers::TestApp;
use diesel::prelude::*;
use juri::db::schema::*;
use juri::db::{self, DbConnection};

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

/// What to build: `entries_per_cluster` entries in each of `clusters` clusters (5 prize tiers
/// each), the Bailang rubric (30/25/20/15/10, 0–100), `judges` judges each assigned to every
/// entry (a panel), in `phase`.
pub struct Spec {
    pub clusters: usize,
    pub entries_per_cluster: usize,
    pub judges: usize,
    pub phase: &'static str,
    pub blind: bool,
}

impl Default for Spec {
    fn default() -> Self {
        Spec {
            clusters: 1,
            entries_per_cluster: 3,
            judges: 2,
            phase: "judging",
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
    let contest_id = db::new_id();
    diesel::insert_into(contests::table)
        .values((
            contests::id.eq(&contest_id),
            contests::name.eq("Lomba Inovasi Balangan (uji)"),
            contests::year.eq(2026),
            contests::description.eq(""),
            contests::phase.eq(spec.phase),
            contests::aggregation.eq("mean"),
            contests::blind.eq(spec.blind),
            contests::created_at.eq(now),
            contests::updated_at.eq(now),
        ))
        .execute(c)
        .unwrap();
    let rubric = [
        ("Kebaruan", 30),
        ("Kemanfaatan", 25),
        ("Replikasi dan Kemudahan Diterapkan", 20),
        ("Kewenangan Daerah dan Kolaborasi", 15),
        ("Penguasaan Materi dan Kualitas Penyajian", 10),
    ];
    let mut criteria = Vec::new();
    for (i, (name, weight)) in rubric.iter().enumerate() {
        let id = db::new_id();
        diesel::insert_into(criteria::table)
            .values((
                criteria::id.eq(&id),
                criteria::contest_id.eq(&contest_id),
                criteria::position.eq(i as i32),
                criteria::name.eq(*name),
                criteria::description.eq(format!("Deskripsi {name}")),
                criteria::weight.eq(*weight),
                criteria::min_score.eq(0),
                criteria::max_score.eq(100),
                criteria::levels.eq(r#"[{"min":90,"max":100,"label":"Sangat baik"},{"min":0,"max":89,"label":"Cukup"}]"#),
            ))
            .execute(c)
            .unwrap();
        criteria.push(Criterion {
            id,
            name: name.to_string(),
            weight: *weight,
            max_score: 100,
        });
    }
    let tiers = [
        ("Juara I", 15_000_000i64),
        ("Juara II", 10_000_000),
        ("Juara III", 7_500_000),
        ("Harapan I", 5_000_000),
        ("Harapan II", 2_500_000),
    ];
    let names = ["SKPD", "Kecamatan", "UPTD Puskesmas", "Tenaga Pendidik"];
    let mut clusters = Vec::new();
    let mut entries = Vec::new();
    for k in 0..spec.clusters {
        let cluster_id = db::new_id();
        let name = names
            .get(k)
            .map(|s| s.to_string())
            .unwrap_or(format!("Klaster {k}"));
        diesel::insert_into(clusters::table)
            .values((
                clusters::id.eq(&cluster_id),
                clusters::contest_id.eq(&contest_id),
                clusters::name.eq(&name),
                clusters::position.eq(k as i32),
                clusters::winners_count.eq(5),
            ))
            .execute(c)
            .unwrap();
        for (r, (title, amount)) in tiers.iter().enumerate() {
            diesel::insert_into(prize_tiers::table)
                .values((
                    prize_tiers::id.eq(db::new_id()),
                    prize_tiers::cluster_id.eq(&cluster_id),
                    prize_tiers::rank.eq(r as i32 + 1),
                    prize_tiers::title.eq(*title),
                    prize_tiers::amount.eq(*amount),
                ))
                .execute(c)
                .unwrap();
        }
        for e in 0..spec.entries_per_cluster {
            let id = db::new_id();
            let title = format!("Inovasi {name} {e:02}");
            let unit = format!("Unit {k}-{e}");
            diesel::insert_into(entries::table)
                .values((
                    entries::id.eq(&id),
                    entries::contest_id.eq(&contest_id),
                    entries::cluster_id.eq(&cluster_id),
                    entries::title.eq(&title),
                    entries::innovator.eq(format!("Tim {title}")),
                    entries::unit.eq(&unit),
                    entries::description.eq("Uraian inovasi."),
                    entries::created_at.eq(now),
                ))
                .execute(c)
                .unwrap();
            entries.push(Entry {
                id,
                cluster_id: cluster_id.clone(),
                title,
                unit,
            });
        }
        clusters.push(cluster_id);
    }
    let hash = juri::services::auth::hash_password(JUDGE_PASSWORD).unwrap();
    let mut judges = Vec::new();
    for j in 0..spec.judges {
        let id = db::new_id();
        let email = format!(
            "juri{j}-{}@test.local",
            &contest_id[contest_id.len() - 12..]
        );
        diesel::insert_into(users::table)
            .values((
                users::id.eq(&id),
                users::email.eq(&email),
                users::name.eq(format!("Juri {j}")),
                users::role.eq("judge"),
                users::affiliation.eq(format!("Universitas {j}")),
                users::password_hash.eq(&hash),
                users::active.eq(true),
                users::created_at.eq(now),
                users::updated_at.eq(now),
            ))
            .execute(c)
            .unwrap();
        diesel::insert_into(contest_judges::table)
            .values((
                contest_judges::contest_id.eq(&contest_id),
                contest_judges::user_id.eq(&id),
                contest_judges::created_at.eq(now),
            ))
            .execute(c)
            .unwrap();
        for e in &entries {
            diesel::insert_into(assignments::table)
                .values((
                    assignments::id.eq(db::new_id()),
                    assignments::contest_id.eq(&contest_id),
                    assignments::judge_id.eq(&id),
                    assignments::entry_id.eq(&e.id),
                    assignments::created_at.eq(now),
                ))
                .execute(c)
                .unwrap();
        }
        judges.push(Judge { id, email });
    }
    Fixture {
        contest_id,
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
    let sheet_id = db::new_id();
    diesel::insert_into(sheets::table)
        .values((
            sheets::id.eq(&sheet_id),
            sheets::contest_id.eq(&f.contest_id),
            sheets::entry_id.eq(&f.entries[entry].id),
            sheets::judge_id.eq(&f.judges[judge].id),
            sheets::status.eq("submitted"),
            sheets::comment.eq(""),
            sheets::version.eq(1),
            sheets::submitted_at.eq(Some(now)),
            sheets::updated_at.eq(now),
        ))
        .execute(c)
        .unwrap();
    for (criterion, score) in f.criteria.iter().zip(scores) {
        diesel::insert_into(sheet_scores::table)
            .values((
                sheet_scores::sheet_id.eq(&sheet_id),
                sheet_scores::criterion_id.eq(&criterion.id),
                sheet_scores::score.eq(*score),
            ))
            .execute(c)
            .unwrap();
    }
}

/// Moves the contest to `phase` directly (tests of what each phase allows).
pub fn set_phase(app: &TestApp, f: &Fixture, phase: &str) {
    let mut conn = conn(app);
    diesel::update(contests::table.find(&f.contest_id))
        .set(contests::phase.eq(phase))
        .execute(&mut *conn)
        .unwrap();
}

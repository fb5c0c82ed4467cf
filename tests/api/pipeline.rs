//! A contest judged in stages, through the API: administrative screening, desk scoring of the
//! proposals (the best two of each cluster go on, a tie at the cut ordered by the committee),
//! and a presentation panel whose scores combine with the desk's into the final score. Every
//! refusal on the way: assigning a stage before its entries are known, a refusal without a
//! reason, sealing an open or incomplete stage or one with a tie at its cut, a judge reading
//! an entry that did not reach their stage, editing a sealed stage, publishing early.

use crate::client::{urls, Staff};
use crate::fixtures;
use crate::helpers::{error_of, refused, spawn_app};
use crate::stages::stage_names;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn stage_url(id: &str, stage: &str, rest: &str) -> String {
    format!("{}/{rest}", urls::stage(id, stage))
}

/// The reasons of a refusal's details.
fn detail_reasons(body: &Value) -> Vec<String> {
    error_of(body)["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["reason"].as_str().unwrap().to_string())
        .collect()
}

async fn post(staff: &Staff<'_>, url: &str, body: &Value) -> (StatusCode, Value) {
    staff.app.post_json(url, &staff.token, body).await
}

/// `scores` for every criterion of a rubric, all `value`.
fn all(criteria: &[String], value: i64) -> Value {
    Value::Object(criteria.iter().map(|c| (c.clone(), json!(value))).collect())
}

/// The pipeline is declared in setup, the later stage's rubric prepared on its own stage; the
/// desk stage cannot be assigned before screening is sealed; screening refusals need a reason
/// from the checklist; an undecided entry keeps the screening from being sealed, and decisions
/// are recorded only while the stage is open.
#[tokio::test]
async fn screening_comes_first_and_every_refusal_has_a_reason() {
    let app = spawn_app().await;
    let admin = app.as_admin().await;
    let p = Pipeline::declare(&admin).await;
    let id = p.id.as_str();
    let (_, stages) = admin.stages(id).await;
    assert_eq!(
        stage_names(&stages),
        [
            "Seleksi administrasi",
            "Penilaian proposal",
            "Presentasi dan wawancara"
        ]
    );

    let (status, rubric) = admin
        .app
        .put_json(
            &stage_url(id, &p.presentation, "tie-break"),
            &admin.token,
            &json!({"criteria": [p.talk_criteria[1]]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{rubric}");
    assert_eq!(rubric["tie_break"][0], p.talk_criteria[1].as_str());
    let (_, listed) = admin
        .app
        .get_json(&stage_url(id, &p.presentation, "criteria"), &admin.token)
        .await;
    assert_eq!(listed.as_array().unwrap().len(), 2);
    let (_, contest) = admin.contest(id).await;
    assert_eq!(
        contest["criteria"].as_array().unwrap().len(),
        0,
        "the contest shows its current stage's rubric: screening has none"
    );

    let answer = post(
        &admin,
        &stage_url(id, &p.desk, "assignments/auto"),
        &json!({"judges_per_entry": 2}),
    )
    .await;
    refused(
        &answer,
        StatusCode::CONFLICT,
        "stage_id",
        "stage_not_current",
    );

    // Screening opens without a rubric or judges: the committee screens.
    let (status, body) = admin.set_phase(id, "judging").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let screen = |entry: &str| stage_url(id, &p.screening, &format!("screening/{entry}"));
    let answer = admin
        .app
        .put_json(
            &screen(&p.entries[4]),
            &admin.token,
            &json!({"eligible": false}),
        )
        .await;
    refused(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "failed",
        "refusal_without_reason",
    );
    let answer = admin
        .app
        .put_json(
            &screen(&p.entries[4]),
            &admin.token,
            &json!({"eligible": false, "failed": ["Tidak ada"]}),
        )
        .await;
    refused(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "failed",
        "failed_unknown",
    );
    let answer = post(&admin, &stage_url(id, &p.desk, "seal"), &json!({})).await;
    refused(
        &answer,
        StatusCode::CONFLICT,
        "stage_id",
        "seal_not_current",
    );
    for entry in &p.entries[..3] {
        let (status, body) = admin
            .app
            .put_json(&screen(entry), &admin.token, &json!({"eligible": true}))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    admin.set_phase(id, "closed").await;
    let answer = post(&admin, &stage_url(id, &p.screening, "seal"), &json!({})).await;
    assert_eq!(answer.0, StatusCode::CONFLICT, "{}", answer.1);
    assert_eq!(
        detail_reasons(&answer.1),
        ["not_screened", "not_screened"],
        "D and E are undecided"
    );
    let answer = admin
        .app
        .put_json(
            &screen(&p.entries[3]),
            &admin.token,
            &json!({"eligible": true}),
        )
        .await;
    refused(&answer, StatusCode::CONFLICT, "phase", "phase_forbids");
    let (status, body) = admin.publish(id).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(
        detail_reasons(&body).contains(&"stage_not_sealed".to_string()),
        "{body}"
    );
}

/// The stages are sealed one after the other, each digest chained to the one before, and the
/// final ranking combines the desk's and the presentation's scores by their weights.
#[tokio::test]
async fn sealed_stages_chain_their_digests_and_the_final_score_combines_them() {
    let app = spawn_app().await;
    let admin = app.as_admin().await;
    let p = Pipeline::declare(&admin).await;
    let id = p.id.as_str();

    // Screening: A–D eligible, E refused.
    admin.set_phase(id, "judging").await;
    for (n, entry) in p.entries.iter().enumerate() {
        let body = if n == 4 {
            json!({"eligible": false, "failed": ["Ada SK penetapan inovasi"], "note": "SK belum terbit"})
        } else {
            json!({"eligible": true})
        };
        let url = stage_url(id, &p.screening, &format!("screening/{entry}"));
        let (status, b) = admin.app.put_json(&url, &admin.token, &body).await;
        assert_eq!(status, StatusCode::OK, "{b}");
    }
    let answer = post(&admin, &stage_url(id, &p.screening, "seal"), &json!({})).await;
    assert_eq!(answer.0, StatusCode::CONFLICT, "{}", answer.1);
    assert_eq!(detail_reasons(&answer.1), ["not_closed"]);
    admin.set_phase(id, "closed").await;
    let (status, sealed) = post(&admin, &stage_url(id, &p.screening, "seal"), &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{sealed}");
    let first_digest = sealed["digest"].as_str().unwrap().to_string();
    assert_eq!(
        sealed["shortlist"][0]["entry_ids"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    let again = post(&admin, &stage_url(id, &p.screening, "seal"), &json!({})).await;
    refused(&again, StatusCode::CONFLICT, "stage_id", "seal_not_current");
    let (_, contest) = admin.contest(id).await;
    assert_eq!(
        contest["phase"], "setup",
        "back to setup for the desk stage"
    );
    let answer = admin
        .change_stage(id, &p.screening, &json!({"name": "Lain"}))
        .await;
    refused(&answer, StatusCode::CONFLICT, "phase", "stage_not_in_setup");
    let answer = admin.delete_stage(id, &p.desk).await;
    refused(&answer, StatusCode::CONFLICT, "id", "stage_has_entries");

    // Desk: two judges per proposal; E did not reach this stage.
    let answer = admin.assign(id, &p.judges[0].0, &p.entries[4]).await;
    assert_eq!(answer.0, StatusCode::UNPROCESSABLE_ENTITY, "{}", answer.1);
    let (status, plan) = post(
        &admin,
        &stage_url(id, &p.desk, "assignments/auto"),
        &json!({"judges_per_entry": 2}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{plan}");
    assert_eq!(plan["created"], 8);
    let (status, body) = admin.set_phase(id, "judging").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Every judge gives an entry the same scores: A 90, B and C 80 (a tie across the cut of
    // two), D 60.
    let desk_scores = [90, 80, 80, 60];
    // The third judge falls ill and submits nothing.
    let mut absent = Vec::new();
    for (n, (judge_id, email)) in p.judges.iter().enumerate() {
        let judge = app.as_judge(email, "judge-pass-1").await;
        let (_, mine) = judge.my_assignments().await;
        for a in mine.as_array().unwrap() {
            assert_eq!(a["stage_name"], "Penilaian proposal", "{a}");
            let entry = a["entry_id"].as_str().unwrap();
            if n == 2 {
                absent.push(entry.to_string());
                continue;
            }
            let k = p.entries.iter().position(|e| e == entry).unwrap();
            let scores = all(&p.desk_criteria, desk_scores[k]);
            let (status, sheet) = judge.save_sheet(id, entry, &scores, true, None).await;
            assert_eq!(status, StatusCode::OK, "{judge_id}: {sheet}");
        }
        let (status, _) = judge.sheet(id, &p.entries[4]).await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "E did not reach the desk stage"
        );
    }
    admin.set_phase(id, "closed").await;
    let answer = post(&admin, &stage_url(id, &p.desk, "seal"), &json!({})).await;
    assert_eq!(answer.0, StatusCode::CONFLICT, "{}", answer.1);
    let mut expected = vec!["entry_incomplete"; absent.len()];
    expected.push("tie_at_cut");
    assert_eq!(detail_reasons(&answer.1), expected, "{}", answer.1);
    for entry in &absent {
        let (status, body) = admin.waive(id, entry, &p.judges[2].0, "Sakit").await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let answer = post(&admin, &stage_url(id, &p.desk, "seal"), &json!({})).await;
    assert_eq!(detail_reasons(&answer.1), ["tie_at_cut"], "{}", answer.1);
    let (_, results) = admin
        .app
        .get_json(&stage_url(id, &p.desk, "results"), &admin.token)
        .await;
    let cluster = &results["clusters"][0];
    let mut tied: Vec<&str> = cluster["tie_at_cut"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    tied.sort();
    let mut expected = vec![p.entries[1].as_str(), p.entries[2].as_str()];
    expected.sort();
    assert_eq!(tied, expected);
    assert_eq!(results["sealed"], false);
    let (status, order) = post(
        &admin,
        &urls::tie_resolution(id, &p.skpd),
        &json!({"order": [p.entries[2], p.entries[1]], "reason": "C lebih siap direplikasi"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{order}");
    let (status, sealed) = post(&admin, &stage_url(id, &p.desk, "seal"), &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{sealed}");
    let desk_digest = sealed["digest"].as_str().unwrap().to_string();
    assert_eq!(
        sealed["shortlist"][0]["entry_ids"],
        json!([p.entries[0], p.entries[2]])
    );
    // The digest chains the screening's: SHA-256 over its digest, a line feed and the stored
    // snapshot.
    {
        let mut conn = fixtures::conn(&app);
        let stage = juri::db::stages::find(&mut conn, id.parse().unwrap(), p.desk.parse().unwrap())
            .unwrap();
        let snapshot = juri::db::stages::snapshot(&mut conn, stage.id)
            .unwrap()
            .unwrap();
        assert_eq!(
            juri::domain::stage::chain_digest(Some(&first_digest), snapshot.as_bytes()),
            desk_digest
        );
    }
    let (_, results) = admin
        .app
        .get_json(&stage_url(id, &p.desk, "results"), &admin.token)
        .await;
    assert_eq!(results["sealed"], true);
    assert_eq!(results["digest"], desk_digest.as_str());
    // The analysis of a stage with a cut looks at the positions inside it.
    let (_, analysis) = admin
        .app
        .get_json(&stage_url(id, &p.desk, "analysis"), &admin.token)
        .await;
    let positions = analysis["clusters"][0]["robustness"]["positions"]
        .as_array()
        .unwrap();
    assert_eq!(positions.len(), 2, "{analysis}");
    assert_eq!(results["previous_digest"], first_digest.as_str());

    // Each unit's entrant follows its entry: E refused at screening with the failed item, B
    // eligible but stopped at the desk's cut, C taken on to the presentation.
    let mut progress = Vec::new();
    for (k, unit) in [
        (4, "Dinas Pertanian"),
        (1, "Dinas Kesehatan"),
        (2, "Dinas Lingkungan Hidup"),
    ] {
        let email = format!("pengusul{k}@bertahap.example");
        let body =
            json!({"name": unit, "email": email, "unit": unit, "password": "pengusul-pass-1"});
        let (status, added) = post(&admin, &format!("{}/entrants", urls::contest(id)), &body).await;
        assert_eq!(status, StatusCode::CREATED, "{added}");
        let token = app.token(&email, "pengusul-pass-1").await;
        let (_, overview) = app.get_json("/api/v1/entrant/contests", &token).await;
        let entry = &overview[0]["entries"][0];
        assert_eq!(entry["entry"]["id"], p.entries[k].as_str());
        progress.push((entry["status"].clone(), entry["steps"].clone()));
    }
    assert_eq!(progress[0].0, "not_eligible");
    assert_eq!(
        progress[0].1,
        json!([{"step": "screened", "stage": "Seleksi administrasi", "eligible": false, "failed": ["Ada SK penetapan inovasi"]}])
    );
    assert_eq!(progress[1].0, "stopped");
    assert_eq!(progress[1].1[1]["advances"], false);
    assert_eq!(progress[1].1[1]["next_stage"], "Presentasi dan wawancara");
    assert_eq!(progress[2].0, "finalist");
    assert_eq!(progress[2].1[1]["step"], "scored");
    assert_eq!(progress[2].1[1]["advances"], true);
    // Before publication only who goes on is told, not the rank or the score.
    assert_eq!(progress[2].1[1]["rank"], Value::Null);

    // Presentation: the panel sees only A and C.
    let (status, plan) = post(
        &admin,
        &stage_url(id, &p.presentation, "assignments/auto"),
        &json!({"mode": "panel"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{plan}");
    assert_eq!(plan["created"], 6);
    admin.set_phase(id, "judging").await;
    for (_, email) in &p.judges {
        let judge = app.as_judge(email, "judge-pass-1").await;
        let (status, _) = judge.sheet(id, &p.entries[1]).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "B stopped at the desk stage");
        for (entry, score) in [(&p.entries[0], 70), (&p.entries[2], 90)] {
            let (status, sheet) = judge
                .save_sheet(id, entry, &all(&p.talk_criteria, score), true, None)
                .await;
            assert_eq!(status, StatusCode::OK, "{sheet}");
        }
    }
    admin.set_phase(id, "closed").await;
    let answer = post(&admin, &stage_url(id, &p.presentation, "seal"), &json!({})).await;
    refused(&answer, StatusCode::CONFLICT, "stage_id", "seal_last");

    // The final score: 40 % desk + 60 % presentation. C: (40·80 + 60·90) / 100 = 86;
    // A: (40·90 + 60·70) / 100 = 78.
    let (status, results) = admin.results(id).await;
    assert_eq!(status, StatusCode::OK, "{results}");
    let cluster = &results["clusters"][0];
    let ranking = cluster["ranking"].as_array().unwrap();
    assert_eq!(ranking.len(), 2);
    assert_eq!(ranking[0]["entry_id"], p.entries[2].as_str());
    assert_eq!(ranking[0]["score_exact"], "86/1");
    assert_eq!(ranking[0]["prize"]["title"], "Juara I");
    assert_eq!(ranking[1]["score_exact"], "78/1");
    let stages = ranking[0]["stages"].as_array().unwrap();
    assert_eq!(stages.len(), 2);
    assert_eq!(stages[0]["stage_id"], p.desk.as_str());
    assert_eq!(stages[0]["weight"], 40);
    assert_eq!(stages[0]["score_exact"], "80/1");
    assert_eq!(stages[1]["stage_id"], p.presentation.as_str());
    assert_eq!(stages[1]["score_exact"], "90/1");
    let eliminated = cluster["eliminated"].as_array().unwrap();
    let why: Vec<(&str, &str, &str)> = eliminated
        .iter()
        .map(|e| {
            (
                e["entry_id"].as_str().unwrap(),
                e["stage_id"].as_str().unwrap(),
                e["reason"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        why,
        [
            (p.entries[4].as_str(), p.screening.as_str(), "not_eligible"),
            (p.entries[1].as_str(), p.desk.as_str(), "below_cut"),
            (p.entries[3].as_str(), p.desk.as_str(), "below_cut"),
        ]
    );
    assert_eq!(eliminated[0]["failed"], json!(["Ada SK penetapan inovasi"]));
    assert_eq!(eliminated[0]["note"], "SK belum terbit");
    assert_eq!(eliminated[1]["score_display"], "80.00");

    // The committee's results screen and the berita acara show every stage's score under the
    // final one, and the entries that stopped earlier.
    {
        use crate::helpers::{signed_in, Page, ADMIN_EMAIL, ADMIN_PASSWORD};
        let client = signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
        for path in ["results", "berita-acara"] {
            let html = client
                .get(app.url(&format!("/contests/{id}/{path}")))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            let page = Page::parse(&html);
            let scores = page.texts("td.num small.muted");
            assert!(
                scores.contains(&"Penilaian proposal (40%): 80.00".to_string()),
                "{path}: {scores:?}"
            );
            assert!(
                scores.contains(&"Presentasi dan wawancara (60%): 90.00".to_string()),
                "{path}: {scores:?}"
            );
            let stopped = page.texts("h3 + div.table-wrap tbody tr td:first-child");
            assert_eq!(stopped.len(), 3, "{path}: {stopped:?}");
        }
    }
    let (status, published) = admin.publish(id).await;
    assert_eq!(status, StatusCode::OK, "{published}");
    // The publication continues the chain: SHA-256 over the desk stage's digest, a line feed
    // and the published recap.
    let recap = admin
        .app
        .get(&urls::export_csv(id), &admin.token)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        published["digest"].as_str().unwrap(),
        juri::domain::stage::chain_digest(Some(&desk_digest), recap.as_bytes())
    );
    assert_eq!(
        published["clusters"][0]["ranking"][0]["score_exact"],
        "86/1"
    );
    assert!(published["clusters"][0]["eliminated"].is_array());
}

/// A one-stage contest's results carry neither `stages` nor `eliminated`: exactly as before.
#[tokio::test]
async fn a_one_stage_contest_has_no_stage_columns() {
    let app = spawn_app().await;
    let f = fixtures::build(&app, fixtures::Spec::default());
    fixtures::submit_sheet(&app, &f, 0, 0, &[80, 70, 60, 90, 75]);
    let admin = app.as_admin().await;
    let (_, results) = admin.results(&f.contest_id).await;
    let cluster = &results["clusters"][0];
    assert!(cluster.get("eliminated").is_none(), "{cluster}");
    assert!(cluster["ranking"][0].get("stages").is_none());
}

/// A contest declared through the API: screening, desk (40 %, best 2, ties resolved) and a
/// presentation (60 %) with its own rubric; five SKPD proposals and three judges.
struct Pipeline {
    id: String,
    skpd: String,
    screening: String,
    desk: String,
    presentation: String,
    desk_criteria: Vec<String>,
    talk_criteria: Vec<String>,
    entries: Vec<String>,
    judges: Vec<(String, String)>,
}

impl Pipeline {
    async fn declare(admin: &Staff<'_>) -> Pipeline {
        let (_, contest) = admin.bailang("Lomba Inovasi Bertahap").await;
        let id = contest["id"].as_str().unwrap().to_string();
        let skpd = contest["clusters"][0]["id"].as_str().unwrap().to_string();
        let desk_criteria = contest["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect();
        let (_, stages) = admin.stages(&id).await;
        let desk = stages[0]["id"].as_str().unwrap().to_string();
        admin
            .change_stage(
                &id,
                &desk,
                &json!({"name": "Penilaian proposal", "weight": 40,
                        "advance": {"rule": "top", "count": 2, "ties": "resolve"}}),
            )
            .await;
        let (_, screening) = admin
            .add_stage(
                &id,
                &json!({"name": "Seleksi administrasi", "kind": "screening", "weight": 0,
                        "checklist": ["Proposal lengkap", "Ada SK penetapan inovasi"], "position": 1}),
            )
            .await;
        let (_, presentation) = admin
            .add_stage(
                &id,
                &json!({"name": "Presentasi dan wawancara", "kind": "scored", "weight": 60}),
            )
            .await;
        let presentation = presentation["id"].as_str().unwrap().to_string();
        let mut talk_criteria = Vec::new();
        for name in ["Penyajian", "Tanya jawab"] {
            let (status, c) = post(
                admin,
                &stage_url(&id, &presentation, "criteria"),
                &json!({"name": name, "weight": 50, "min_score": 0, "max_score": 100}),
            )
            .await;
            assert_eq!(status, StatusCode::CREATED, "{c}");
            talk_criteria.push(c["id"].as_str().unwrap().to_string());
        }
        let mut entries = Vec::new();
        for (title, unit) in [
            ("A Simandor BMD", "BPKPAD"),
            ("B Posyandu Digital", "Dinas Kesehatan"),
            ("C Bank Sampah", "Dinas Lingkungan Hidup"),
            ("D Perpustakaan Keliling", "Dinas Perpustakaan"),
            ("E Tanpa SK", "Dinas Pertanian"),
        ] {
            let body =
                json!({"cluster_id": skpd, "title": title, "innovator": "Tim", "unit": unit});
            let (status, e) = admin.add_entry(&id, &body).await;
            assert_eq!(status, StatusCode::CREATED, "{e}");
            entries.push(e["id"].as_str().unwrap().to_string());
        }
        let mut judges = Vec::new();
        for n in 0..3 {
            let email = format!("juri{n}@bertahap.example");
            let body = json!({"name": format!("Juri {n}"), "email": email,
                              "password": "judge-pass-1", "affiliation": format!("Universitas {n}")});
            let (status, j) = admin.add_judge(&id, &body).await;
            assert_eq!(status, StatusCode::CREATED, "{j}");
            judges.push((j["id"].as_str().unwrap().to_string(), email));
        }
        Pipeline {
            id,
            skpd,
            screening: screening["id"].as_str().unwrap().to_string(),
            desk,
            presentation,
            desk_criteria,
            talk_criteria,
            entries,
            judges,
        }
    }
}

/// The committee screens and seals on the stage's page, without JavaScript: a refusal without
/// a reason comes back next to its form; the overview then shows how many entries went on,
/// and the stage's berita acara and finalist announcement list who advanced and who did not.
#[tokio::test]
async fn the_committee_screens_and_seals_on_the_stage_page() {
    use crate::helpers::{signed_in, Page, ADMIN_EMAIL, ADMIN_PASSWORD};
    let app = spawn_app().await;
    let admin = app.as_admin().await;
    let p = Pipeline::declare(&admin).await;
    let id = p.id.as_str();
    admin.set_phase(id, "judging").await;
    let client = signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let stage_page = format!("/contests/{id}/stages/{}", p.screening);
    let get = |path: String| {
        let client = client.clone();
        let url = app.url(&path);
        async move {
            let res = client.get(url).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::OK, "{path}");
            Page::parse(&res.text().await.unwrap())
        }
    };
    // A later stage's rubric is prepared on its own page while the screening runs.
    let talk_page = format!("/contests/{id}/stages/{}", p.presentation);
    let add = |weight: &'static str| {
        client
            .post(app.url(&format!("{talk_page}/criteria")))
            .form(&[
                ("name", "Inovasi berkelanjutan"),
                ("description", ""),
                ("weight", weight),
                ("min_score", "0"),
                ("max_score", "100"),
            ])
            .send()
    };
    let res = add("").await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::parse(&res.text().await.unwrap());
    assert_eq!(page.count("span.field-error#weight-error"), 1);
    assert_eq!(add("10").await.unwrap().status(), StatusCode::SEE_OTHER);
    let page = get(talk_page.clone()).await;
    assert_eq!(
        page.count("details.card table tbody tr"),
        3,
        "the stage's rubric"
    );
    let page = get(stage_page.clone()).await;
    let forms = page.attrs("form", "action");
    let screening_forms: Vec<&String> =
        forms.iter().filter(|a| a.contains("/screening/")).collect();
    assert_eq!(screening_forms.len(), 5, "{forms:?}");

    let screen = |entry: &str| app.url(&format!("{stage_page}/screening/{entry}"));
    let res = client
        .post(screen(&p.entries[4]))
        .form(&[("eligible", "false"), ("note", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::parse(&res.text().await.unwrap());
    assert_eq!(
        page.count("div.alert"),
        1,
        "the refusal sits on the entry's form"
    );
    let res = client
        .post(screen(&p.entries[4]))
        .form(&[
            ("eligible", "false"),
            ("failed", "Proposal lengkap"),
            ("failed", "Ada SK penetapan inovasi"),
            ("note", "Berkas tidak lengkap"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    for entry in &p.entries[..4] {
        let res = client
            .post(screen(entry))
            .form(&[("eligible", "true"), ("note", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    admin.set_phase(id, "closed").await;
    let page = get(stage_page.clone()).await;
    assert!(page
        .attrs("form", "action")
        .contains(&format!("{stage_page}/seal")));
    let res = client
        .post(app.url(&format!("{stage_page}/seal")))
        .form(&[("x", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(res.headers()["location"]
        .to_str()
        .unwrap()
        .ends_with("notice=sealed"));

    let page = get(stage_page.clone()).await;
    assert_eq!(page.count("p.notice"), 1, "the digest");
    let overview = get(format!("/contests/{id}")).await;
    let flow = overview.texts("table.pipeline tbody tr:first-child td:nth-child(7)");
    assert_eq!(flow, ["SKPD: 5 → 4"], "{flow:?}");

    let minutes = get(format!("{stage_page}/berita-acara")).await;
    let tables = minutes.texts("article.document table tbody tr td:nth-child(2)");
    assert!(tables.iter().any(|t| t == "A Simandor BMD"), "{tables:?}");
    let stopped = minutes.texts("article.document table tbody tr td:first-child");
    assert!(stopped.iter().any(|t| t == "E Tanpa SK"), "{stopped:?}");
    let nominees = get(format!("{stage_page}/nominasi")).await;
    assert_eq!(nominees.count("article.document ol li"), 4);
}

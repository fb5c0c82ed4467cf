//! Results: exact ranking, prizes, ties, waivers, publication with a digest, public winners,
//! exports, and every refusal to publish.

use crate::client::urls;
use crate::fixtures::{self, set_phase, Fixture, Spec};
use crate::helpers::*;
use diesel::prelude::*;
use juri::db::schema::contests;
use juri::model::Phase;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn set_min_award(app: &TestApp, f: &Fixture, hundredths: i64) {
    let mut conn = fixtures::conn(app);
    diesel::update(contests::table.find(&f.contest_id))
        .set(contests::min_award_score.eq(Some(hundredths)))
        .execute(&mut *conn)
        .unwrap();
}

async fn results(app: &TestApp, token: &str, f: &Fixture) -> Value {
    let (s, body) = app.get_json(&urls::results(&f.contest_id), token).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    body
}

fn ranking(body: &Value) -> &Vec<Value> {
    body["clusters"][0]["ranking"].as_array().unwrap()
}

/// 4 entries, 2 judges; entry 3 gets no sheet at all.
async fn scored_contest() -> (TestApp, Fixture, String) {
    scored_contest_with(spawn_app().await).await
}

async fn scored_contest_with(app: TestApp) -> (TestApp, Fixture, String) {
    let f = fixtures::build(
        &app,
        Spec {
            entries_per_cluster: 4,
            judges: 2,
            ..Spec::default()
        },
    );
    // Entry 0: 80,90,70,60,100 → 79.5 and 90 everywhere → 90: mean 84.75
    fixtures::submit_sheet(&app, &f, 0, 0, &[80, 90, 70, 60, 100]);
    fixtures::submit_sheet(&app, &f, 1, 0, &[90, 90, 90, 90, 90]);
    // Entry 1: 70 everywhere and 71 everywhere → 70.5
    fixtures::submit_sheet(&app, &f, 0, 1, &[70, 70, 70, 70, 70]);
    fixtures::submit_sheet(&app, &f, 1, 1, &[71, 71, 71, 71, 71]);
    // Entry 2: (100,0,50,0,0)=40 and (0,100,0,100,0)=40 → 40
    fixtures::submit_sheet(&app, &f, 0, 2, &[100, 0, 50, 0, 0]);
    fixtures::submit_sheet(&app, &f, 1, 2, &[0, 100, 0, 100, 0]);
    let token = app.admin_token().await;
    (app, f, token)
}

#[tokio::test]
async fn provisional_results_rank_exactly_and_explain_themselves() {
    let (app, f, token) = scored_contest().await;
    let body = results(&app, &token, &f).await;
    assert_eq!(body["contest_id"], f.contest_id.as_str());
    assert_eq!(body["phase"], "judging");
    assert!(body["digest"].is_null());
    assert_eq!(body["provisional"], true);
    let rows = ranking(&body);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["entry_id"], f.entries[0].id.as_str());
    assert_eq!(rows[0]["rank"], 1);
    assert_eq!(rows[0]["score"], 84.75);
    assert_eq!(rows[0]["score_exact"], "339/4");
    assert_eq!(
        rows[0]["prize"],
        json!({"rank": 1, "title": "Juara I", "amount": 15000000, "extra": null, "condition": null})
    );
    assert_eq!(rows[0]["complete"], true);
    assert_eq!(rows[1]["score"], 70.5);
    assert_eq!(rows[2]["score"], 40.0);
    assert_eq!(rows[2]["prize"]["title"], "Juara III");
    assert_eq!(rows[0]["sheets"].as_array().unwrap().len(), 2);
    // Every judge's every score, by criterion id: judge 0 gave entry 0 80, 90, 70, 60, 100.
    let sheet = rows[0]["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["judge_id"] == f.judges[0].id.as_str())
        .expect("judge 0's sheet");
    let expected: serde_json::Map<String, serde_json::Value> = f
        .criteria
        .iter()
        .zip([80, 90, 70, 60, 100])
        .map(|(c, v)| (c.id.clone(), json!(v)))
        .collect();
    assert_eq!(sheet["scores"], serde_json::Value::Object(expected));
    assert_eq!(sheet["total"], 79.5);
    assert_eq!(body["clusters"][0]["unscored"], json!([f.entries[3].id]));
}

/// Results too large to keep as JSON (a national contest's: 128 MB) are written into the
/// response as they are made; what arrives is exactly what the results are.
#[tokio::test]
async fn results_too_large_to_keep_are_streamed_whole_and_exact() {
    let app = spawn_with(|c| c.results_keep_json = 0).await;
    let (app, f, token) = scored_contest_with(app).await;
    for _ in 0..2 {
        let res = app.get(&urls::results(&f.contest_id), &token).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(
            res.headers().get("content-length").is_none(),
            "streamed, not sent from a kept buffer"
        );
        assert_eq!(res.headers()["content-type"], "application/json");
        let body: Value = res.json().await.unwrap();
        let expected = {
            let mut conn = fixtures::conn(&app);
            let stage =
                juri::db::stages::current(&mut conn, f.contest_id.parse().unwrap()).unwrap();
            let data = juri::db::results::load(&mut conn, &stage).unwrap();
            serde_json::to_value(juri::services::results::compute(&data).unwrap()).unwrap()
        };
        assert_eq!(body, expected);
        assert_eq!(ranking(&body)[0]["score_exact"], "339/4");
        assert_eq!(ranking(&body)[0]["sheets"].as_array().unwrap().len(), 2);
    }
}

#[tokio::test]
async fn judges_cannot_see_results_and_the_public_sees_nothing_before_publication() {
    let (app, f, _) = scored_contest().await;
    let judge = app
        .token(&f.judges[0].email, fixtures::JUDGE_PASSWORD)
        .await;
    let (s, _) = app.get_json(&urls::results(&f.contest_id), &judge).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let res = app
        .api
        .get(app.url(&urls::public_winners(&f.contest_id)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = app
        .api
        .get(app.url(&format!("/public/contests/{}", f.contest_id)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = app
        .api
        .get(app.url("/api/v1/public/contests/not-a-uuid/winners"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn publishing_is_refused_with_every_reason() {
    let (app, f, token) = scored_contest().await;
    let publish = urls::publish(&f.contest_id);
    // Still judging, and entry 3 has no sheets.
    let (s, body) = app.post_json(&publish, &token, &json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let details = error_of(&body)["details"].as_array().unwrap().clone();
    assert!(details.iter().any(|d| d["field"] == "phase"), "{body}");
    assert!(
        details.iter().any(|d| d["field"] == "entries"
            && d["message"].as_str().unwrap().contains(&f.entries[3].title)),
        "{body}"
    );

    set_phase(&app, &f, Phase::Closed);
    let (s, body) = app.post_json(&publish, &token, &json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let details = error_of(&body)["details"].as_array().unwrap().clone();
    assert_eq!(details.len(), 1, "one line for entry 3: {body}");
    let line = details[0]["message"].as_str().unwrap();
    assert!(
        line.contains("Juri 0") && line.contains("Juri 1"),
        "names both absent judges: {line}"
    );

    // Waive both judges' sheets of entry 3: it is then complete (and unscored).
    for j in &f.judges {
        let (s, w) = app.post_json(&format!("/api/v1/contests/{}/entries/{}/waivers", f.contest_id, f.entries[3].id),
                &token,
                &json!({"judge_id": j.id, "reason": "Juri berhalangan hadir pada kunjungan lapangan"})).await;
        assert_eq!(s, StatusCode::CREATED, "{w}");
    }
    let (s, body) = app.post_json(&publish, &token, &json!({})).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(body["phase"], "published");
}

#[tokio::test]
async fn waivers_are_checked() {
    let (app, f, token) = scored_contest().await;
    let url = format!(
        "/api/v1/contests/{}/entries/{}/waivers",
        f.contest_id, f.entries[0].id
    );
    // Judge 0 submitted entry 0: nothing to waive.
    let (s, _) = app
        .post_json(
            &url,
            &token,
            &json!({"judge_id": f.judges[0].id, "reason": "x"}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, b) = app
        .post_json(
            &url,
            &token,
            &json!({"judge_id": f.judges[0].id, "reason": "  "}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_of(&b)["field"], "reason");
    let url3 = format!(
        "/api/v1/contests/{}/entries/{}/waivers",
        f.contest_id, f.entries[3].id
    );
    let stranger = uuid::Uuid::new_v4().to_string();
    let (s, b) = app
        .post_json(&url3, &token, &json!({"judge_id": stranger, "reason": "x"}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_of(&b)["field"], "judge_id");
    let (s, _) = app
        .post_json(
            &url3,
            &token,
            &json!({"judge_id": f.judges[1].id, "reason": "sakit"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = app
        .post_json(
            &url3,
            &token,
            &json!({"judge_id": f.judges[1].id, "reason": "sakit"}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let body = results(&app, &token, &f).await;
    let missing = &body["clusters"][0]["unscored_entries"][0]["missing_judges"];
    assert_eq!(missing.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_tie_in_the_prize_zone_must_be_ordered_by_the_committee() {
    let app = spawn_app().await;
    let f = fixtures::build(
        &app,
        Spec {
            entries_per_cluster: 3,
            judges: 1,
            ..Spec::default()
        },
    );
    fixtures::submit_sheet(&app, &f, 0, 0, &[80, 80, 80, 80, 80]);
    fixtures::submit_sheet(&app, &f, 0, 1, &[80, 80, 80, 80, 80]);
    // Same total as the two above (80) but lower on Kebaruan: separated by the tie-break.
    fixtures::submit_sheet(&app, &f, 0, 2, &[60, 100, 80, 80, 90]);
    let token = app.admin_token().await;
    let body = results(&app, &token, &f).await;
    let rows = ranking(&body);
    assert_eq!(rows[0]["rank"], 1);
    assert_eq!(rows[1]["rank"], 1);
    assert_eq!(rows[0]["tie"], true);
    assert_eq!(rows[2]["rank"], 3);
    assert_eq!(rows[2]["entry_id"], f.entries[2].id.as_str());
    assert_eq!(rows[2]["separated_by"]["name"], "Kebaruan");
    assert_eq!(
        body["clusters"][0]["unresolved_ties"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let tie_url = format!(
        "/api/v1/contests/{}/clusters/{}/tie-resolution",
        f.contest_id, f.clusters[0]
    );
    let order = json!([f.entries[1].id, f.entries[0].id]);
    // Not while judging.
    let (s, _) = app
        .post_json(
            &tie_url,
            &token,
            &json!({"order": order, "reason": "Presentasi lebih kuat"}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    set_phase(&app, &f, Phase::Closed);
    let publish = urls::publish(&f.contest_id);
    let (s, body) = app.post_json(&publish, &token, &json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(error_of(&body)["details"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["field"] == "ties"));
    // An order that is not exactly the tied entries is refused.
    let wrong = json!([f.entries[1].id, f.entries[2].id]);
    let (s, b) = app
        .post_json(&tie_url, &token, &json!({"order": wrong, "reason": "x"}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_of(&b)["field"], "order");
    let (s, _) = app
        .post_json(
            &tie_url,
            &token,
            &json!({"order": order, "reason": "Presentasi lebih kuat"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let body = results(&app, &token, &f).await;
    let rows = ranking(&body);
    assert_eq!(rows[0]["entry_id"], f.entries[1].id.as_str());
    assert_eq!(rows[0]["rank"], 1);
    assert_eq!(rows[1]["rank"], 2);
    assert_eq!(rows[1]["prize"]["title"], "Juara II");
    assert_eq!(rows[0]["resolved_by_committee"], true);
    let (s, _) = app.post_json(&publish, &token, &json!({})).await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn below_the_minimum_score_a_tier_stays_empty() {
    let (app, f, token) = scored_contest().await;
    set_min_award(&app, &f, 5000);
    let body = results(&app, &token, &f).await;
    let rows = ranking(&body);
    assert_eq!(rows[2]["below_minimum"], true);
    assert!(rows[2]["prize"].is_null());
    assert_eq!(rows[2]["rank"], 3);
    assert_eq!(rows[1]["prize"]["title"], "Juara II");
}

#[tokio::test]
async fn publication_freezes_a_snapshot_whose_digest_is_the_recap_sha256() {
    let app = spawn_app().await;
    let f = fixtures::build(
        &app,
        Spec {
            entries_per_cluster: 3,
            judges: 2,
            ..Spec::default()
        },
    );
    for j in 0..2 {
        fixtures::submit_sheet(&app, &f, j, 0, &[90, 85, 80, 75, 70]);
        fixtures::submit_sheet(&app, &f, j, 1, &[60, 65, 70, 75, 80]);
        fixtures::submit_sheet(&app, &f, j, 2, &[50, 50, 50, 50, 50]);
    }
    let token = app.admin_token().await;
    set_phase(&app, &f, Phase::Closed);
    let (s, published) = app
        .post_json(&urls::publish(&f.contest_id), &token, &json!({}))
        .await;
    assert_eq!(s, StatusCode::OK);
    let digest = published["digest"].as_str().unwrap().to_string();
    assert_eq!(digest.len(), 64);

    let res = app.get(&urls::export_csv(&f.contest_id), &token).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["x-juri-digest"], digest.as_str());
    let csv = res.bytes().await.unwrap();
    use sha2::Digest;
    assert_eq!(
        hex::encode(sha2::Sha256::digest(&csv)),
        digest,
        "anyone can recompute the digest"
    );
    let text = String::from_utf8(csv.to_vec()).unwrap();
    assert!(text.starts_with(r#""klaster","peringkat","id_inovasi","judul""#));
    assert_eq!(text.lines().count(), 1 + 3 * 2 * 5, "a row per score");

    // Published results come from the snapshot, even if someone edits the database.
    {
        let mut conn = fixtures::conn(&app);
        diesel::update(juri::db::schema::sheet_scores::table)
            .set(juri::db::schema::sheet_scores::score.eq(0))
            .execute(&mut *conn)
            .unwrap();
    }
    let body = results(&app, &token, &f).await;
    assert_eq!(body["digest"], digest.as_str());
    assert_eq!(body["provisional"], false);
    assert_eq!(ranking(&body)[0]["entry_id"], f.entries[0].id.as_str());

    // The public winners.
    let res = app
        .api
        .get(app.url(&urls::public_winners(&f.contest_id)))
        .send()
        .await
        .unwrap();
    let (s, w) = json_of(res).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(w["digest"], digest.as_str());
    assert_eq!(w["year"], 2026);
    let winners = w["clusters"][0]["winners"].as_array().unwrap();
    assert_eq!(winners.len(), 3);
    assert_eq!(winners[0]["prize"]["title"], "Juara I");
    assert_eq!(winners[0]["prize"]["amount"], 15000000);
    assert_eq!(winners[0]["title"], f.entries[0].title.as_str());
    let raw = w.to_string();
    assert!(!raw.contains("@test.local") && !raw.contains("sheets") && !raw.contains("judge"));

    // Nothing can change any more.
    let (s, _) = app
        .post_json(&urls::publish(&f.contest_id), &token, &json!({}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, _) = app
        .post_json(
            &format!(
                "/api/v1/contests/{}/entries/{}/waivers",
                f.contest_id, f.entries[0].id
            ),
            &token,
            &json!({"judge_id": f.judges[0].id, "reason": "x"}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);

    // The XLSX export is a workbook.
    let res = app.get(&urls::export_xlsx(&f.contest_id), &token).await;
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = res.bytes().await.unwrap();
    assert_eq!(&bytes[..2], b"PK");

    // The pages show the digest; the announcement needs no sign-in.
    let page = app
        .api
        .get(app.url(&format!("/public/contests/{}", f.contest_id)))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains(&digest) && html.contains("Juara I") && html.contains(&f.entries[0].title)
    );
    let client = signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    for path in ["results", "berita-acara", "piagam"] {
        let res = client
            .get(app.url(&format!("/contests/{}/{path}", f.contest_id)))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let html = res.text().await.unwrap();
        assert!(html.contains(&digest), "{path} shows the digest");
        // Served from the published snapshot: the winner, their prize and their unit.
        assert!(
            html.contains(&f.entries[0].title)
                && html.contains("Juara I")
                && html.contains(&f.entries[0].unit),
            "{path} names the winner"
        );
    }
}

#[tokio::test]
async fn the_results_page_is_provisional_and_offers_the_committee_actions() {
    let (app, f, _token) = scored_contest().await;
    set_phase(&app, &f, Phase::Closed);
    let client = signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let html = client
        .get(app.url(&format!("/contests/{}/results", f.contest_id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("SEMENTARA"));
    assert!(html.contains("84.75"));
    assert!(html.contains("Rp 15.000.000"));
    // Publishing from the page is refused with the reasons shown.
    let res = client
        .post(app.url(&format!("/contests/{}/publish", f.contest_id)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let html = res.text().await.unwrap();
    assert!(html.contains(&f.entries[3].title) && html.contains("belum lengkap"));
    // Waive through the form, then publish.
    for j in &f.judges {
        let res = client
            .post(app.url(&format!(
                "/contests/{}/entries/{}/waivers",
                f.contest_id, f.entries[3].id
            )))
            .form(&[("judge_id", j.id.as_str()), ("reason", "berhalangan")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    let res = client
        .post(app.url(&format!("/contests/{}/publish", f.contest_id)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let html = client
        .get(app.url(&format!("/public/contests/{}", f.contest_id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(&f.entries[0].title));
}

#[tokio::test]
async fn cached_results_follow_every_change_they_depend_on() {
    let app = spawn_app().await;
    let f = fixtures::build(
        &app,
        Spec {
            phase: Phase::Setup,
            ..Spec::default()
        },
    );
    let token = app.admin_token().await;
    let body = results(&app, &token, &f).await;
    assert_eq!(body["clusters"][0]["unscored"].as_array().unwrap().len(), 3);
    // A prize changed during setup.
    let prizes = format!(
        "/api/v1/contests/{}/clusters/{}/prizes",
        f.contest_id, f.clusters[0]
    );
    let res = app
        .api
        .put(app.url(&prizes))
        .bearer_auth(&token)
        .json(&json!({"tiers": [{"rank": 1, "title": "Juara Utama", "amount": 1}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    set_phase(&app, &f, Phase::Judging);
    fixtures::submit_sheet(&app, &f, 0, 0, &[90, 90, 90, 90, 90]);
    let body = results(&app, &token, &f).await;
    assert_eq!(ranking(&body)[0]["prize"]["title"], "Juara Utama");
    assert_eq!(body["phase"], "judging");
    // A judge's change of a submitted sheet through the API.
    let judge = app
        .token(&f.judges[1].email, fixtures::JUDGE_PASSWORD)
        .await;
    let scores: serde_json::Map<String, Value> = f
        .criteria
        .iter()
        .map(|c| (c.id.clone(), json!(10)))
        .collect();
    let url = format!(
        "/api/v1/contests/{}/entries/{}/sheet",
        f.contest_id, f.entries[0].id
    );
    let res = app
        .api
        .put(app.url(&url))
        .bearer_auth(&judge)
        .json(&json!({"scores": scores, "submit": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body = results(&app, &token, &f).await;
    assert_eq!(ranking(&body)[0]["score"], 50.0);
}

/// A cluster larger than a page (100 rows) is shown a page at a time, with links between.
#[tokio::test]
async fn the_results_page_shows_a_long_ranking_a_page_at_a_time() {
    let app = spawn_app().await;
    let f = fixtures::build(
        &app,
        Spec {
            entries_per_cluster: 105,
            judges: 1,
            ..Spec::default()
        },
    );
    for e in 0..105 {
        let s = (e % 100) as i32;
        fixtures::submit_sheet(&app, &f, 0, e, &[s, s, s, s, s]);
    }
    let client = signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let page = |query: &'static str| {
        let url = app.url(&format!("/contests/{}/results{query}", f.contest_id));
        let client = client.clone();
        async move {
            let res = client.get(url).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::OK);
            res.text().await.unwrap()
        }
    };
    let rows = |html: &str| html.matches("<strong>Inovasi ").count();
    let first = page("").await;
    assert_eq!(rows(&first), 100);
    // The best entry (scores 99) is on the first page, the worst (0, twice) is not.
    assert!(first.contains(&format!("<strong>{}</strong>", f.entries[99].title)));
    assert!(!first.contains(&format!("<strong>{}</strong>", f.entries[0].title)));
    assert!(first.contains("Peringkat 1–100 dari 105"));
    assert!(first.contains("results?page=2"));
    let second = page("?page=2").await;
    assert_eq!(rows(&second), 5);
    assert!(second.contains(&format!("<strong>{}</strong>", f.entries[0].title)));
    assert!(second.contains("results?page=1") && !second.contains("results?page=3"));
    assert_eq!(
        rows(&page("?page=99").await),
        5,
        "past the end is the last page"
    );
    assert_eq!(
        rows(&page("?page=x").await),
        100,
        "nonsense is the first page"
    );
}

#[tokio::test]
async fn the_recap_quotes_every_field_and_old_publications_stay_verifiable() {
    let app = spawn_app().await;
    let f = fixtures::build(&app, Spec::default());
    for j in 0..2 {
        fixtures::submit_sheet(&app, &f, j, 0, &[90, 85, 80, 75, 70]);
        fixtures::submit_sheet(&app, &f, j, 1, &[60, 65, 70, 75, 80]);
        fixtures::submit_sheet(&app, &f, j, 2, &[50, 50, 50, 50, 50]);
    }
    let token = app.admin_token().await;
    // A title that, unquoted, became a formula cell in Excel with `;` as list separator.
    {
        let mut conn = fixtures::conn(&app);
        diesel::update(
            juri::db::schema::entries::table
                .filter(juri::db::schema::entries::id.eq(&f.entries[0].id)),
        )
        .set(juri::db::schema::entries::title.eq("Inovasi Biasa;=cmd|' /C calc'!A0"))
        .execute(&mut *conn)
        .unwrap();
    }
    let res = app.get(&urls::export_csv(&f.contest_id), &token).await;
    let text = res.text().await.unwrap();
    for line in text.lines() {
        // Every field quoted: a line is `"…","…",…` and no cell starts outside quotes.
        assert!(line.starts_with('"') && line.ends_with('"'), "{line}");
        // Split as a semicolon spreadsheet would, outside quotes: no cell is a formula.
        let mut cells = vec![String::new()];
        let mut quoted = false;
        for ch in line.chars() {
            match ch {
                '"' => quoted = !quoted,
                ';' | ',' if !quoted => cells.push(String::new()),
                c => cells.last_mut().unwrap().push(c),
            }
        }
        for cell in cells {
            assert!(!cell.starts_with(['=', '+', '@']), "{cell:?} in {line}");
        }
    }
    assert!(text.contains(r#""Inovasi Biasa;=cmd|' /C calc'!A0""#));

    // A publication made before this form is served exactly as it was published.
    set_phase(&app, &f, Phase::Closed);
    let (s, published) = app
        .post_json(&urls::publish(&f.contest_id), &token, &json!({}))
        .await;
    assert_eq!(s, StatusCode::OK, "{published}");
    let legacy = "klaster,peringkat,id_inovasi,judul\nSKPD,1,x,Simandor BMD\n";
    {
        let mut conn = fixtures::conn(&app);
        let stored: Option<String> = contests::table
            .find(&f.contest_id)
            .select(contests::result_snapshot)
            .first(&mut *conn)
            .unwrap();
        let mut snapshot: Value = serde_json::from_str(&stored.unwrap()).unwrap();
        snapshot["recap_csv"] = json!(legacy);
        diesel::update(contests::table.find(&f.contest_id))
            .set(contests::result_snapshot.eq(snapshot.to_string()))
            .execute(&mut *conn)
            .unwrap();
    }
    let res = app.get(&urls::export_csv(&f.contest_id), &token).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.text().await.unwrap(),
        legacy,
        "byte for byte as published"
    );
}

//! The analysis of a result through the API: the hand-computed "fragile" cluster of
//! `domain::analysis`, where Juara I depends on which judge is counted.

use crate::client::urls;
use crate::fixtures::{self, Spec};
use crate::helpers::spawn_app;
use reqwest::StatusCode;
use serde_json::json;

/// Every criterion scored `v`: the sheet's total is `v` (the weights sum to 100 of 100).
fn flat(v: i32) -> [i32; 5] {
    [v; 5]
}

/// Entries A, B and C; judges 1, 2 and 3 (judge 3 harsh on A, generous to B): A 80, B 79⅓,
/// C 60, and Juara I depends on which judge is counted.
fn fragile(app: &crate::helpers::TestApp) -> fixtures::Fixture {
    let f = fixtures::build(
        app,
        Spec {
            judges: 3,
            ..Spec::default()
        },
    );
    let table = [[85, 85, 70], [75, 65, 98], [60, 60, 60]];
    for (entry, row) in table.iter().enumerate() {
        for (judge, total) in row.iter().enumerate() {
            fixtures::submit_sheet(app, &f, judge, entry, &flat(*total));
        }
    }
    f
}

#[tokio::test]
async fn the_committee_sees_how_much_each_prize_depends_on_one_judge() {
    let app = spawn_app().await;
    let f = fragile(&app);
    let (a, b, c) = (&f.entries[0].id, &f.entries[1].id, &f.entries[2].id);
    let admin = app.as_admin().await;
    let path = format!("{}/analysis", urls::contest(&f.contest_id));
    let (status, body) = app.get_json(&path, &admin.token).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, stages) = admin.stages(&f.contest_id).await;
    assert_eq!(body["stage_id"], stages[0]["id"]);
    assert_eq!(body["current"], true);
    assert_eq!(body["outlier_points"], 15.0);
    let cluster = &body["clusters"][0];
    assert_eq!(cluster["id"], f.clusters[0].as_str());
    let robustness = &cluster["robustness"];
    assert_eq!(robustness["scenarios"], 3);
    let positions = robustness["positions"].as_array().unwrap();
    let summary: Vec<(i64, &str, i64, i64, bool)> = positions
        .iter()
        .map(|p| {
            (
                p["rank"].as_i64().unwrap(),
                p["entry_id"].as_str().unwrap(),
                p["kept"].as_i64().unwrap(),
                p["worst_rank"].as_i64().unwrap(),
                p["stable"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (1, a.as_str(), 1, 2, false),
            (2, b.as_str(), 1, 2, false),
            (3, c.as_str(), 3, 3, true)
        ]
    );
    // Juara I changes hands without judge 1 or judge 2: B takes it.
    let lost: Vec<(&str, &str)> = positions[0]["lost"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["judge_id"].as_str().unwrap(),
                l["entry_id"].as_str().unwrap(),
            )
        })
        .collect();
    let mut expected_lost = vec![
        (f.judges[0].id.as_str(), b.as_str()),
        (f.judges[1].id.as_str(), b.as_str()),
    ];
    expected_lost.sort();
    let mut lost_sorted = lost.clone();
    lost_sorted.sort();
    assert_eq!(lost_sorted, expected_lost);
    assert_eq!(positions[0]["title"], f.entries[0].title.as_str());
    assert_eq!(
        cluster["margins"],
        json!([
            {"rank": 1, "gap": 0.6667, "gap_exact": "2/3"},
            {"rank": 2, "gap": 19.3333, "gap_exact": "58/3"},
        ])
    );
    // Ranks A-B-C, A-B-C, B-A-C: sums 4, 5, 9; S = 14; W = 12 × 14 / (9 × 24) = 7/9.
    assert_eq!(
        cluster["agreement"],
        json!({"kendall_w": 0.7778, "kendall_w_exact": "7/9", "reason": null})
    );
    let harsh = cluster["judges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["judge_id"] == f.judges[2].id.as_str())
        .unwrap();
    assert_eq!(harsh["sheets"], 3);
    assert_eq!(harsh["leniency_exact"], "13/3");
    assert_eq!(harsh["leniency"], 4.3333);
    assert_eq!(harsh["spread_exact"], "44/3");
    assert!(harsh["name"].as_str().is_some_and(|n| !n.is_empty()));
    let outliers: Vec<(&str, &str)> = cluster["outliers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["entry_id"].as_str().unwrap(),
                o["judge_id"].as_str().unwrap(),
            )
        })
        .collect();
    let mut expected = vec![
        (b.as_str(), f.judges[1].id.as_str()),
        (b.as_str(), f.judges[2].id.as_str()),
    ];
    expected.sort();
    let mut got = outliers.clone();
    got.sort();
    assert_eq!(got, expected);

    // The stage's own address gives the same; judges and strangers get nothing.
    let stage = stages[0]["id"].as_str().unwrap();
    let by_stage = format!("{}/stages/{stage}/analysis", urls::contest(&f.contest_id));
    let (status, same) = app.get_json(&by_stage, &admin.token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(same, body);
    let judge = app
        .as_judge(&f.judges[0].email, fixtures::JUDGE_PASSWORD)
        .await;
    let (status, _) = app.get_json(&path, &judge.token).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app.get_json(&path, "").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let other = format!(
        "{}/stages/{}/analysis",
        urls::contest(&f.contest_id),
        uuid::Uuid::new_v4()
    );
    let (status, _) = app.get_json(&other, &admin.token).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// Without a complete panel there is no Kendall's W, and the reason says why.
#[tokio::test]
async fn agreement_needs_a_complete_panel() {
    let app = spawn_app().await;
    let f = fixtures::build(
        &app,
        Spec {
            judges: 2,
            ..Spec::default()
        },
    );
    fixtures::submit_sheet(&app, &f, 0, 0, &flat(80));
    fixtures::submit_sheet(&app, &f, 1, 0, &flat(70));
    fixtures::submit_sheet(&app, &f, 0, 1, &flat(60));
    let admin = app.as_admin().await;
    let path = format!("{}/analysis", urls::contest(&f.contest_id));
    let (_, body) = app.get_json(&path, &admin.token).await;
    let cluster = &body["clusters"][0];
    assert_eq!(
        cluster["agreement"],
        json!({"kendall_w": null, "kendall_w_exact": null, "reason": "incomplete_design"})
    );
    assert_eq!(cluster["robustness"]["scenarios"], 2);
}

/// The committee's screen says it in words: which places hold, and who takes them otherwise.
#[tokio::test]
async fn the_analysis_screen_says_which_places_hold() {
    let app = spawn_app().await;
    let f = fragile(&app);
    let browser = crate::helpers::signed_in(
        &app,
        crate::helpers::ADMIN_EMAIL,
        crate::helpers::ADMIN_PASSWORD,
    )
    .await;
    let res = browser
        .get(app.url(&format!("/contests/{}/analysis", f.contest_id)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let page = crate::helpers::Page::parse(&res.text().await.unwrap());
    let fragile = page.texts("ul.robustness li.fragile strong");
    assert_eq!(fragile.len(), 2, "{fragile:?}");
    assert!(fragile[0].contains("1 dari 3 skenario"), "{fragile:?}");
    assert!(fragile[0].contains(&f.entries[0].title), "{fragile:?}");
    let stable = page.texts("ul.robustness li.stable");
    assert_eq!(stable.len(), 1);
    assert!(stable[0].contains("3 dari 3"), "{stable:?}");
    // Drawn on the server: the scores, how firm each place is, and the judges' leniency.
    let captions = page.texts("figure.chart figcaption");
    assert_eq!(captions.len(), 3, "{captions:?}");
    assert!(captions[1].contains("dari 3 skenario"), "{captions:?}");
    assert_eq!(
        page.texts("figure.chart svg[role=img][aria-label]").len(),
        3
    );
    // Every judge scored every entry, averaged: normalisation could change nothing.
    assert!(page
        .texts("section.cluster p")
        .iter()
        .any(|p| p.contains("tidak dapat mengubah peringkat")));
    // The same analysis on the stage's own screen (the current stage: with its gate).
    let (_, stages) = app.as_admin().await.stages(&f.contest_id).await;
    let stage_screen = format!(
        "/contests/{}/stages/{}/analysis",
        f.contest_id,
        stages[0]["id"].as_str().unwrap()
    );
    let res = browser.get(app.url(&stage_screen)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let stage_page = crate::helpers::Page::parse(&res.text().await.unwrap());
    assert_eq!(stage_page.texts("ul.robustness li.fragile strong"), fragile);
    assert_eq!(
        stage_page.texts("form[action$='/analysis/settings']").len(),
        1
    );
    let judge = crate::helpers::signed_in(&app, &f.judges[0].email, fixtures::JUDGE_PASSWORD).await;
    let res = judge
        .get(app.url(&format!("/contests/{}/analysis", f.contest_id)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

/// The robustness gate: the committee turns it on (and sets the outlier threshold) while the
/// contest runs; publishing is then refused while a prize position depends on one judge and
/// no acknowledgement names exactly those positions; one with a reason lets it through, and the
/// berita acara says so. Judges can do none of it; after publication the settings are fixed.
#[tokio::test]
async fn the_robustness_gate_needs_an_acknowledgement_with_a_reason() {
    let app = spawn_app().await;
    let f = fragile(&app);
    let admin = app.as_admin().await;
    let contest = urls::contest(&f.contest_id);
    let (status, body) = admin
        .change_contest(&f.contest_id, &json!({"robustness_gate": "yes"}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["reason"], "robustness_gate_not_boolean");
    let (status, body) = admin
        .change_contest(&f.contest_id, &json!({"outlier_points": 100.5}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["reason"], "outlier_points_invalid");
    let (status, body) = admin
        .change_contest(&f.contest_id, &json!({"name": "Lain"}))
        .await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "only the analysis' settings change after setup: {body}"
    );
    let (status, changed) = admin
        .change_contest(
            &f.contest_id,
            &json!({"robustness_gate": true, "outlier_points": 12.5}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["robustness_gate"], true);
    assert_eq!(changed["outlier_points"], 12.5);

    admin.set_phase(&f.contest_id, "closed").await;
    let (status, body) = admin.publish(&f.contest_id).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let reasons: Vec<&str> = body["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["reason"].as_str().unwrap())
        .collect();
    assert!(!reasons.is_empty());
    assert!(
        reasons.iter().all(|r| *r == "robustness_unacknowledged"),
        "{body}"
    );

    let ack = format!("{contest}/analysis/acknowledgement");
    let (status, body) = app
        .post_json(&ack, &admin.token, &json!({"reason": " "}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let judge = app
        .as_judge(&f.judges[0].email, fixtures::JUDGE_PASSWORD)
        .await;
    let (status, _) = app
        .post_json(&ack, &judge.token, &json!({"reason": "x"}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, recorded) = app
        .post_json(
            &ack,
            &admin.token,
            &json!({"reason": "Dewan juri sepakat selisihnya wajar; tidak ada juri yang berkonflik"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{recorded}");
    assert_eq!(
        recorded["unstable"].as_array().unwrap().len(),
        reasons.len()
    );
    let (_, analysis) = app
        .get_json(&format!("{contest}/analysis"), &admin.token)
        .await;
    assert_eq!(analysis["robustness_gate"], true);
    assert_eq!(analysis["outlier_points"], 12.5);
    assert_eq!(analysis["acknowledgements"].as_array().unwrap().len(), 1);

    let (status, body) = admin.publish(&f.contest_id).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let client = crate::helpers::signed_in(
        &app,
        crate::helpers::ADMIN_EMAIL,
        crate::helpers::ADMIN_PASSWORD,
    )
    .await;
    let minutes = client
        .get(app.url(&format!("/contests/{}/berita-acara", f.contest_id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        minutes.contains("tidak ada juri yang berkonflik"),
        "the berita acara says so"
    );
    // The print-ready report of the stage carries the publication's digest and the reason.
    let stage = analysis["stage_id"].as_str().unwrap();
    let report = client
        .get(app.url(&format!(
            "/contests/{}/stages/{stage}/laporan-analisis",
            f.contest_id
        )))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(report.contains("Laporan Analisis Penilaian"));
    assert!(
        report.contains(body["digest"].as_str().unwrap()),
        "the digest"
    );
    assert!(report.contains("tidak ada juri yang berkonflik"));
    let (status, body) = admin
        .change_contest(&f.contest_id, &json!({"robustness_gate": false}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["reason"], "already_published");
}

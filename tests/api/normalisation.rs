//! Declared normalisation through the API: the hand-computed harsh judge of
//! `domain::normalise`, whose totals cost an entry Juara III until each judge's leniency is
//! subtracted; declared in setup, locked once judging opens.

use crate::client::urls;
use crate::fixtures::{self, Spec};
use crate::helpers::{refused, spawn_app};
use juri::model::Phase;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// Every criterion scored `v`: the sheet's total is `v` (the weights sum to 100 of 100).
fn flat(v: i32) -> [i32; 5] {
    [v; 5]
}

/// Judges 0 and 1 agree; judge 2 gives 10 less than whoever shares an entry with them, and
/// scored only entries 2 and 4: (judge, entry, total).
const HARSH_JUDGE: [(usize, usize, i32); 10] = [
    (0, 0, 90),
    (1, 0, 90),
    (0, 1, 85),
    (1, 1, 85),
    (0, 2, 80),
    (2, 2, 70),
    (0, 3, 77),
    (1, 3, 77),
    (1, 4, 60),
    (2, 4, 50),
];

fn submit_harsh_judge_sheets(app: &crate::helpers::TestApp, f: &fixtures::Fixture) {
    for (judge, entry, total) in HARSH_JUDGE {
        fixtures::submit_sheet(app, f, judge, entry, &flat(total));
    }
}

/// The cluster's row for `entry`.
fn row<'a>(results: &'a Value, entry: &str) -> &'a Value {
    results["clusters"][0]["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["entry_id"] == entry)
        .unwrap_or_else(|| panic!("no row for {entry} in {results}"))
}

#[tokio::test]
async fn a_declared_leniency_normalisation_ranks_by_normalised_totals_beside_the_raw_ones() {
    let app = spawn_app().await;
    let f = fixtures::build(
        &app,
        Spec {
            judges: 3,
            entries_per_cluster: 5,
            phase: Phase::Setup,
            ..Spec::default()
        },
    );
    let id = f.contest_id.as_str();
    let admin = app.as_admin().await;

    // Declared in setup, through the contest (its current stage) or the stage itself.
    let answer = admin
        .change_contest(id, &json!({"normalisation": "zscore"}))
        .await;
    refused(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "normalisation",
        "normalisation_unknown",
    );
    let (status, contest) = admin
        .change_contest(id, &json!({"normalisation": "leniency"}))
        .await;
    assert_eq!(status, StatusCode::OK, "{contest}");
    assert_eq!(contest["current_stage"]["normalisation"], "leniency");
    let (_, stages) = admin.stages(id).await;
    assert_eq!(stages[0]["normalisation"], "leniency");
    let stage_id = stages[0]["id"].as_str().unwrap().to_string();
    let answer = admin
        .add_stage(
            id,
            &json!({"name": "Seleksi administrasi", "kind": "screening", "weight": 0,
                    "position": 1, "checklist": ["Proposal"], "normalisation": "leniency"}),
        )
        .await;
    refused(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "normalisation",
        "screening_normalised",
    );

    // Locked once judging opens.
    fixtures::set_phase(&app, &f, Phase::Judging);
    let answer = admin
        .change_contest(id, &json!({"normalisation": "none"}))
        .await;
    refused(&answer, StatusCode::CONFLICT, "phase", "stage_not_in_setup");
    let answer = admin
        .change_stage(id, &stage_id, &json!({"normalisation": "none"}))
        .await;
    refused(&answer, StatusCode::CONFLICT, "phase", "stage_not_in_setup");

    submit_harsh_judge_sheets(&app, &f);
    let e = |i: usize| f.entries[i].id.as_str();

    // Normalised: A 87.5, B 82.5, C 78.75, D 74.5, E 58.75 (raw: A 90, B 85, D 77, C 75).
    let (status, results) = admin.results(id).await;
    assert_eq!(status, StatusCode::OK, "{results}");
    let order: Vec<&str> = results["clusters"][0]["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["entry_id"].as_str().unwrap())
        .collect();
    assert_eq!(order, vec![e(0), e(1), e(2), e(3), e(4)]);
    let c = row(&results, e(2));
    assert_eq!(c["rank"], 3);
    assert_eq!(c["score_exact"], "315/4");
    assert_eq!(c["score"], 78.75);
    assert_eq!(c["raw_score"], 75.0);
    assert_eq!(c["raw_score_exact"], "75/1");
    assert_eq!(c["raw_score_display"], "75.00");
    let d = row(&results, e(3));
    assert_eq!(
        (d["score"].clone(), d["raw_score"].clone()),
        (json!(74.5), json!(77.0))
    );

    // The analysis names the place the other choice would give to another entry.
    let (status, analysis) = app
        .get_json(&format!("{}/analysis", urls::contest(id)), &admin.token)
        .await;
    assert_eq!(status, StatusCode::OK, "{analysis}");
    let cluster = &analysis["clusters"][0];
    assert_eq!(cluster["normalisation"]["declared"], "leniency");
    assert_eq!(cluster["normalisation"]["cannot_change_ranking"], false);
    // Five prize places (Juara I–III, Harapan I–II): C and D swap the third and fourth.
    let changes: Vec<(i64, &str, &str)> = cluster["normalisation"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["rank"].as_i64().unwrap(),
                c["declared_entry_id"].as_str().unwrap(),
                c["other_entry_id"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(changes, vec![(3, e(2), e(3)), (4, e(3), e(2))]);
    let leniency: Vec<(String, f64)> = cluster["judges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| {
            (
                j["judge_id"].as_str().unwrap().to_string(),
                j["leniency"].as_f64().unwrap(),
            )
        })
        .collect();
    let of = |judge: usize| {
        leniency
            .iter()
            .find(|(id, _)| *id == f.judges[judge].id)
            .map(|(_, l)| *l)
    };
    assert_eq!((of(0), of(1), of(2)), (Some(2.5), Some(2.5), Some(-10.0)));

    // The screens say it in words, with the raw score beside the one that ranks.
    let browser = crate::helpers::signed_in(
        &app,
        crate::helpers::ADMIN_EMAIL,
        crate::helpers::ADMIN_PASSWORD,
    )
    .await;
    let page = |path: String| {
        let browser = browser.clone();
        let url = app.url(&path);
        async move {
            let res = browser.get(url).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::OK);
            crate::helpers::Page::parse(&res.text().await.unwrap())
        }
    };
    let analysis_page = page(format!("/contests/{id}/analysis")).await;
    let changes = analysis_page.texts("ul.normalisation-changes li");
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert!(
        changes[0].contains("Tanpa normalisasi, peringkat 3 diraih oleh")
            && changes[0].contains(&f.entries[3].title),
        "{changes:?}"
    );
    let said = analysis_page.texts("section.cluster li");
    assert!(
        said.iter()
            .any(|s| s.contains("10.0000 poin lebih rendah daripada juri lain")),
        "{said:?}"
    );
    let results_page = page(format!("/contests/{id}/results")).await;
    assert!(results_page
        .texts("table.results small")
        .iter()
        .any(|s| s == "tanpa normalisasi: 75.00"));
}

/// Without a declaration nothing changes: no `raw_score`, and the analysis lists what
/// leniency would do.
#[tokio::test]
async fn without_a_declaration_the_analysis_says_what_leniency_would_change() {
    let app = spawn_app().await;
    let f = fixtures::build(
        &app,
        Spec {
            judges: 3,
            entries_per_cluster: 5,
            ..Spec::default()
        },
    );
    submit_harsh_judge_sheets(&app, &f);
    let admin = app.as_admin().await;
    let id = f.contest_id.as_str();
    let (_, results) = admin.results(id).await;
    let third = &results["clusters"][0]["ranking"][2];
    assert_eq!(third["entry_id"], f.entries[3].id.as_str());
    assert!(third.get("raw_score").is_none(), "{third}");
    let (_, analysis) = app
        .get_json(&format!("{}/analysis", urls::contest(id)), &admin.token)
        .await;
    let n = &analysis["clusters"][0]["normalisation"];
    assert_eq!(n["declared"], "none");
    assert_eq!(
        n["changes"][0]["declared_entry_id"],
        f.entries[3].id.as_str()
    );
    assert_eq!(n["changes"][0]["other_entry_id"], f.entries[2].id.as_str());
}

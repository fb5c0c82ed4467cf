//! The committee's setup pages, as a browser uses them, and the demo contest.

use crate::client::urls;
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn admin_browser(app: &TestApp) -> reqwest::Client {
    signed_in(app, ADMIN_EMAIL, ADMIN_PASSWORD).await
}

#[tokio::test]
async fn the_demo_button_creates_a_complete_contest_that_respects_conflicts() {
    let app = spawn_app().await;
    let client = admin_browser(&app).await;
    let home = client
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let page = Page::parse(&home);
    assert_eq!(
        page.attrs("form[action='/demo'] input[name='kind']", "value"),
        ["bailang", "bertahap"],
        "the demo buttons: one stage, and in stages"
    );
    let res = client.post(app.url("/demo")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let overview_url = res.headers()["location"].to_str().unwrap().to_string();
    let html = client
        .get(app.url(&overview_url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Lomba Inovasi Balangan"));
    assert!(html.contains("UPTD Puskesmas") && html.contains("Rp 15.000.000"));

    let t = app.admin_token().await;
    let (_, list) = app.get_json("/api/v1/contests", &t).await;
    let id = list[0]["id"].as_str().unwrap().to_string();
    let (_, entries) = app.get_json(&urls::entries(&id), &t).await;
    assert_eq!(entries.as_array().unwrap().len(), 33);
    let (_, judges) = app.get_json(&urls::judges(&id), &t).await;
    assert_eq!(judges.as_array().unwrap().len(), 6);
    let (_, assignments) = app.get_json(&urls::assignments(&id), &t).await;
    let unit_of = |entry: &str| {
        entries
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == entry)
            .unwrap()["unit"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let aff_of = |judge: &str| {
        judges
            .as_array()
            .unwrap()
            .iter()
            .find(|j| j["id"] == judge)
            .unwrap()["affiliation"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let pairs: Vec<&Value> = assignments.as_array().unwrap().iter().collect();
    assert!(!pairs.is_empty());
    for a in &pairs {
        let (unit, aff) = (
            unit_of(a["entry_id"].as_str().unwrap()),
            aff_of(a["judge_id"].as_str().unwrap()),
        );
        assert_ne!(
            unit.to_lowercase(),
            aff.to_lowercase(),
            "a judge from {aff} got an entry of {unit}"
        );
    }
    // Every entry has a judge, so judging can open; a demo judge signs in with the shown password.
    let (s, b) = app
        .post_json(
            &urls::phase(&id),
            &t,
            &serde_json::json!({"phase": "judging"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let judge = app
        .token(
            "siti.rahmawati@juri.example",
            juri::services::demo::DEMO_PASSWORD,
        )
        .await;
    let (_, mine) = app.get_json("/api/v1/me/assignments", &judge).await;
    assert_eq!(
        mine.as_array().unwrap().len(),
        33,
        "Dr. Siti judges every cluster"
    );

    let matrix = client
        .get(app.url(&format!("/contests/{id}/assignments")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        Page::parse(&matrix).count("table.matrix td .badge.bad") > 0,
        "the matrix shows the Dinas Pendidikan conflict"
    );
    let audit = client
        .get(app.url(&format!("/contests/{id}/audit")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(audit.contains("contest.created") && audit.contains("Administrator"));
}

#[tokio::test]
async fn the_committee_sets_up_a_contest_through_the_forms() {
    let app = spawn_app().await;
    let client = admin_browser(&app).await;
    let res = client
        .post(app.url("/contests"))
        .form(&[("name", ""), ("year", "2026"), ("template", "bailang")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("id=\"name-error\""));
    let res = client
        .post(app.url("/contests"))
        .form(&[
            ("name", "Lomba <b>Uji</b>"),
            ("year", "2026"),
            ("template", "bailang"),
            ("aggregation", "median"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let url = res.headers()["location"].to_str().unwrap().to_string();
    let html = client
        .get(app.url(&url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Lomba &lt;b&gt;Uji&lt;/b&gt;"), "escaped");
    assert!(
        Page::parse(&html).count("div.card ul li") > 0,
        "readiness lists what is missing"
    );

    // Import the sample file through the form.
    let bytes = std::fs::read("tests/data/bailang-demo-entries.csv").unwrap();
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name("inovasi.csv"),
    );
    let res = client
        .post(app.url(&format!("{url}/entries/import")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let entries = client
        .get(app.url(&format!("{url}/entries")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(entries.contains("Sanggam Babungas"));

    // A judge, with a refused duplicate shown next to the field.
    let judge = [
        ("name", "Dewi Lestari"),
        ("email", "dewi@juri.example"),
        ("affiliation", "LAN"),
        ("password", "judge-pass-1"),
    ];
    assert_eq!(
        client
            .post(app.url(&format!("{url}/judges")))
            .form(&judge)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::SEE_OTHER
    );
    let res = client
        .post(app.url(&format!("{url}/judges")))
        .form(&judge)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(res.text().await.unwrap().contains("id=\"email-error\""));

    let res = client
        .post(app.url(&format!("{url}/assignments/auto")))
        .form(&[("judges_per_entry", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = client
        .post(app.url(&format!("{url}/phase")))
        .form(&[("phase", "judging")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let html = client
        .get(app.url(&format!("{url}?notice=phase")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        Page::parse(&html).attrs("input[name=phase][type=hidden]", "value"),
        ["closed"],
        "the button that closes judging"
    );
    // Setup forms are refused now.
    let res = client
        .post(app.url(&format!("{url}/clusters")))
        .form(&[("name", "Baru"), ("winners_count", "3")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn judges_cannot_open_setup_pages() {
    let app = spawn_app().await;
    let t = app.admin_token().await;
    app.create_user(&t, "j@test.local", "judge", "judge-pass-1")
        .await;
    let client = signed_in(&app, "j@test.local", "judge-pass-1").await;
    assert_eq!(
        client
            .get(app.url("/contests"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        client.post(app.url("/demo")).send().await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn forms_are_bounded_and_read_checkbox_groups() {
    let app = spawn_app().await;
    let client = admin_browser(&app).await;
    // Over the body limit: 413 in the page's language, nothing created.
    let huge = "x".repeat(300 * 1024);
    let res = client
        .post(app.url("/contests"))
        .form(&[("name", huge.as_str()), ("year", "2026")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // A judge limited to two clusters: the ticked boxes arrive as one list.
    let t = app.admin_token().await;
    let (_, contest) = app
        .post_json(
            "/api/v1/contests",
            &t,
            &serde_json::json!({"name": "Uji", "year": 2026, "template": "bailang"}),
        )
        .await;
    let id = contest["id"].as_str().unwrap();
    let clusters: Vec<&str> = contest["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let res = client
        .post(app.url(&format!("/contests/{id}/judges")))
        .body(format!(
            "name=Siti&email=siti%40juri.example&password=judge-pass-1&affiliation=Unlam&cluster_ids={}&cluster_ids={}",
            clusters[0], clusters[2]
        ))
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, judges) = app.get_json(&urls::judges(id), &t).await;
    let mut limited: Vec<&str> = judges[0]["cluster_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    limited.sort();
    let mut ticked = vec![clusters[0], clusters[2]];
    ticked.sort();
    assert_eq!(limited, ticked);
}

async fn overview_of(app: &TestApp, client: &reqwest::Client, id: &str) -> Page {
    let html = client
        .get(app.url(&format!("/contests/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    Page::parse(&html)
}

/// The demo in stages: the same 33 innovations and 6 judges in the `bertahap` pipeline, whose
/// screening opens at once (the committee screens; nobody is assigned before the proposal
/// stage's entries are known).
#[tokio::test]
async fn the_staged_demo_opens_its_screening() {
    let app = spawn_app().await;
    let client = admin_browser(&app).await;
    let res = client
        .post(app.url("/demo"))
        .form(&[("kind", "bertahap")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let t = app.admin_token().await;
    let (_, list) = app.get_json("/api/v1/contests", &t).await;
    let id = list[0]["id"].as_str().unwrap().to_string();
    let (_, stages) = app.get_json(&urls::stages(&id), &t).await;
    assert_eq!(stages.as_array().unwrap().len(), 4);
    assert_eq!(stages[0]["kind"], "screening");
    let (_, entries) = app.get_json(&urls::entries(&id), &t).await;
    assert_eq!(entries.as_array().unwrap().len(), 33);
    let (_, assignments) = app.get_json(&urls::assignments(&id), &t).await;
    assert_eq!(assignments.as_array().unwrap().len(), 0);
    let (s, b) = app
        .post_json(&urls::phase(&id), &t, &json!({"phase": "judging"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let page = overview_of(&app, &client, &id).await;
    assert_eq!(
        page.texts("table.pipeline tbody tr td:nth-child(2)"),
        [
            "Seleksi administrasi",
            "Penilaian proposal",
            "Presentasi dan wawancara",
            "Verifikasi lapangan"
        ]
    );
}

/// The pipeline on the overview: a stage declared through the form appears in the table, a
/// refused one shows the reason next to its field, a stage can be changed and deleted.
#[tokio::test]
async fn the_committee_declares_stages_on_the_overview() {
    let app = spawn_app().await;
    let client = admin_browser(&app).await;
    let admin = app.as_admin().await;
    let (_, contest) = admin.bailang("Lomba bertahap").await;
    let id = contest["id"].as_str().unwrap();
    let page = overview_of(&app, &client, id).await;
    assert_eq!(
        page.texts("table.pipeline tbody tr td:nth-child(2)"),
        ["Penilaian"]
    );

    let res = client
        .post(app.url(&format!("/contests/{id}/stages")))
        .form(&[
            ("name", "Presentasi dan wawancara"),
            ("kind", "scored"),
            ("weight", "25"),
            ("advance.rule", "top"),
            ("advance.count", ""),
            ("advance.ties", "resolve"),
            ("aggregation", ""),
            ("checklist", ""),
            ("position", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::parse(&res.text().await.unwrap());
    assert_eq!(page.count("span.field-error#advance\\.count-error"), 1);

    let res = client
        .post(app.url(&format!("/contests/{id}/stages")))
        .form(&[
            ("name", "Seleksi administrasi"),
            ("kind", "screening"),
            ("weight", "0"),
            ("advance.rule", "all"),
            ("advance.ties", "include"),
            (
                "checklist",
                "Proposal lengkap\n\nAda SK penetapan inovasi\n",
            ),
            ("position", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = overview_of(&app, &client, id).await;
    assert_eq!(
        page.texts("table.pipeline tbody tr td:nth-child(2)"),
        ["Seleksi administrasi", "Penilaian"]
    );
    let (_, stages) = admin.stages(id).await;
    assert_eq!(
        stages[0]["checklist"],
        json!(["Proposal lengkap", "Ada SK penetapan inovasi"])
    );

    let desk = stages[1]["id"].as_str().unwrap();
    let res = client
        .post(app.url(&format!("/contests/{id}/stages/{desk}")))
        .form(&[
            ("name", "Penilaian proposal"),
            ("weight", "30"),
            ("advance.rule", "min_score"),
            ("advance.min_score", "72,5"),
            ("advance.ties", "include"),
            ("aggregation", "median"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, stages) = admin.stages(id).await;
    assert_eq!(stages[1]["name"], "Penilaian proposal");
    assert_eq!(stages[1]["advance"]["min_score"], 72.5);
    assert_eq!(stages[1]["aggregation"], "median");

    let screening = stages[0]["id"].as_str().unwrap();
    let res = client
        .post(app.url(&format!("/contests/{id}/stages/{screening}/delete")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = overview_of(&app, &client, id).await;
    assert_eq!(
        page.texts("table.pipeline tbody tr td:nth-child(2)"),
        ["Penilaian proposal"]
    );
    assert_eq!(
        page.count("form[action$=\"/delete\"] button.danger"),
        0,
        "the only stage stays"
    );
}

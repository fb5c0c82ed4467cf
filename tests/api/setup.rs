//! Contest setup through the API: every endpoint and every refusal.

use crate::client::urls;
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn bailang(app: &TestApp, token: &str) -> Value {
    let (s, c) = app
        .post_json(
            "/api/v1/contests",
            token,
            &json!({"name": "Lomba Inovasi Balangan", "year": 2026, "template": "bailang"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    c
}

async fn upload(
    app: &TestApp,
    token: &str,
    contest: &str,
    name: &str,
    bytes: Vec<u8>,
) -> (StatusCode, Value) {
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_string());
    let form = reqwest::multipart::Form::new().part("file", part);
    let res = app
        .api
        .post(app.url(&urls::import(contest)))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    json_of(res).await
}

#[tokio::test]
async fn the_bailang_template_creates_the_whole_shape() {
    let app = spawn_app().await;
    let t = app.admin_token().await;
    let c = bailang(&app, &t).await;
    assert!(c["id"].is_string());
    assert_eq!(c["phase"], "setup");
    assert_eq!(c["aggregation"], "mean");
    let names: Vec<&str> = c["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["SKPD", "Kecamatan", "UPTD Puskesmas", "Tenaga Pendidik"]
    );
    assert_eq!(c["clusters"][0]["tiers"].as_array().unwrap().len(), 5);
    assert_eq!(c["clusters"][0]["tiers"][0]["title"], "Juara I");
    let weights: Vec<i64> = c["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["weight"].as_i64().unwrap())
        .collect();
    assert_eq!(weights, [30, 25, 20, 15, 10]);
    assert_eq!(c["criteria"][0]["max_score"], 100);
    assert_eq!(c["tie_break"][0], c["criteria"][0]["id"]);
    let (s, list) = app.get_json("/api/v1/contests", &t).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(list.as_array().unwrap().len(), 1);
    let (s, again) = app
        .get_json(
            &format!("/api/v1/contests/{}", c["id"].as_str().unwrap()),
            &t,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(again["name"], "Lomba Inovasi Balangan");
}

#[tokio::test]
async fn contests_clusters_prizes_and_criteria_are_validated() {
    let app = spawn_app().await;
    let t = app.admin_token().await;
    for (body, field) in [
        (json!({"name": "", "year": 2026}), "name"),
        (json!({"name": "X", "year": 1800}), "year"),
        (
            json!({"name": "X", "year": 2026, "aggregation": "average"}),
            "aggregation",
        ),
        (
            json!({"name": "X", "year": 2026, "min_award_score": 60.123}),
            "min_award_score",
        ),
        (
            json!({"name": "X", "year": 2026, "template": "nope"}),
            "template",
        ),
    ] {
        let (s, b) = app.post_json("/api/v1/contests", &t, &body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(error_of(&b)["field"], field);
    }
    let (s, c) = app.post_json("/api/v1/contests", &t, &json!({"name": "Lomba Kosong", "year": 2026, "aggregation": "median", "min_award_score": 62.5, "blind": true})).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(c["min_award_score"], 62.5);
    assert_eq!(c["blind"], true);
    let id = c["id"].as_str().unwrap();
    let (s, p) = json_of(
        app.api
            .patch(app.url(&urls::contest(id)))
            .bearer_auth(&t)
            .json(&json!({"name": "Lomba Diubah", "min_award_score": null}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(p["name"], "Lomba Diubah");
    assert!(p["min_award_score"].is_null());

    let (s, cl) = app
        .post_json(&urls::clusters(id), &t, &json!({"name": "SKPD"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(cl["winners_count"], 5);
    let cluster = cl["id"].as_str().unwrap();
    let (s, _) = app
        .post_json(&urls::clusters(id), &t, &json!({"name": " skpd "}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, b) = app
        .post_json(
            &urls::clusters(id),
            &t,
            &json!({"name": "X", "winners_count": 0}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_of(&b)["field"], "winners_count");

    let prizes = format!("/api/v1/contests/{id}/clusters/{cluster}/prizes");
    let (s, b) = app.put_json(&prizes, &t, &json!({"tiers": [{"rank": 1, "title": "Juara I", "amount": 10}, {"rank": 3, "title": "Juara III", "amount": 5}]})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_of(&b)["field"].as_str().unwrap().ends_with(".rank"));
    let (s, b) = app
        .put_json(
            &prizes,
            &t,
            &json!({"tiers": [{"rank": 1, "title": "Juara I", "amount": -1}]}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let (s, b) = app.put_json(&prizes, &t, &json!({"tiers": [{"rank": 1, "title": "Juara I", "amount": 25000000, "extra": "Paket umrah", "condition": "jika daerah masuk 10 besar nasional"}]})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(b["clusters"][0]["tiers"][0]["extra"], "Paket umrah");
    assert_eq!(
        b["clusters"][0]["tiers"][0]["condition"],
        "jika daerah masuk 10 besar nasional"
    );

    let crit = urls::criteria(id);
    for (body, field) in [
        (
            json!({"name": "A", "weight": 0, "min_score": 0, "max_score": 10}),
            "weight",
        ),
        (
            json!({"name": "A", "weight": 50, "min_score": 10, "max_score": 10}),
            "max_score",
        ),
        (
            json!({"name": "", "weight": 50, "min_score": 0, "max_score": 10}),
            "name",
        ),
        (
            json!({"name": "A", "weight": 50, "min_score": 0, "max_score": 10, "levels": [{"min": 5, "max": 20, "label": "x"}]}),
            "levels[0]",
        ),
    ] {
        let (s, b) = app.post_json(&crit, &t, &body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(error_of(&b)["field"], field);
    }
    let (s, a) = app.post_json(&crit, &t, &json!({"name": "Kebaruan", "weight": 40, "min_score": 1, "max_score": 5, "description": "Baru", "levels": [{"min": 5, "max": 5, "label": "Sangat baik"}]})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, b) = app
        .post_json(
            &crit,
            &t,
            &json!({"name": "Manfaat", "weight": 60, "min_score": 1, "max_score": 5}),
        )
        .await;
    let (s, tb) = app
        .put_json(&urls::tie_break(id), &t, &json!({"criteria": [a["id"]]}))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        tb["tie_break"],
        json!([a["id"], b["id"]]),
        "declared first, then by weight"
    );
    let (s, e) = app
        .put_json(
            &urls::tie_break(id),
            &t,
            &json!({"criteria": [a["id"], a["id"]]}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    let (s, _) = app
        .put_json(
            &urls::tie_break(id),
            &t,
            &json!({"criteria": [uuid::Uuid::new_v4().to_string()]}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn judges_get_403_on_every_setup_route() {
    let app = spawn_app().await;
    let t = app.admin_token().await;
    let c = bailang(&app, &t).await;
    let id = c["id"].as_str().unwrap();
    app.create_user(&t, "juri@test.local", "judge", "judge-pass-1")
        .await;
    let j = app.token("juri@test.local", "judge-pass-1").await;
    assert_eq!(
        app.get("/api/v1/contests", &j).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.post("/api/v1/contests", &j, &json!({"name": "X", "year": 2026}))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    for path in [
        "clusters",
        "criteria",
        "entries",
        "judges",
        "conflicts",
        "assignments",
        "assignments/auto",
        "phase",
    ] {
        let res = app
            .post(&format!("/api/v1/contests/{id}/{path}"), &j, &json!({}))
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{path}");
    }
    assert_eq!(
        app.get(&urls::audit(id), &j).await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn entries_judges_conflicts_and_assignments_follow_the_rules() {
    let app = spawn_app().await;
    let t = app.admin_token().await;
    let c = bailang(&app, &t).await;
    let id = c["id"].as_str().unwrap();
    let skpd = c["clusters"][0]["id"].as_str().unwrap();
    let puskesmas = c["clusters"][2]["id"].as_str().unwrap();
    let entry = |cluster: &str, title: &str, unit: &str| json!({"cluster_id": cluster, "title": title, "innovator": "Tim", "unit": unit});
    let (s, e1) = app
        .post_json(
            &urls::entries(id),
            &t,
            &entry(skpd, "Simandor BMD", "BPKPAD"),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, e2) = app
        .post_json(
            &urls::entries(id),
            &t,
            &entry(puskesmas, "Posyandu Digital", "Dinas Kesehatan"),
        )
        .await;
    let (s, b) = app.post_json(&urls::entries(id), &t, &json!({"cluster_id": uuid::Uuid::new_v4().to_string(), "title": "X", "innovator": "Y", "unit": "Z"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_of(&b)["field"], "cluster_id");
    let (s, b) = app.post_json(&urls::entries(id), &t, &json!({"cluster_id": skpd, "title": "X", "innovator": "Y", "unit": "Z", "link": "javascript:alert(1)"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_of(&b)["field"], "link");

    let judge = |name: &str, email: &str, aff: &str| json!({"name": name, "email": email, "password": "judge-pass-1", "affiliation": aff});
    let (s, nurul) = app
        .post_json(
            &urls::judges(id),
            &t,
            &judge("Nurul Hidayah", "nurul@juri.example", "  dinas  KESEHATAN"),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{nurul}");
    assert!(nurul["cluster_ids"].is_null());
    let mut limited = judge("Ahmad Fauzi", "ahmad@juri.example", "Dinas Pendidikan");
    limited["cluster_ids"] = json!([skpd]);
    let (_, ahmad) = app.post_json(&urls::judges(id), &t, &limited).await;
    assert_eq!(ahmad["cluster_ids"], json!([skpd]));
    let (s, _) = app
        .post_json(
            &urls::judges(id),
            &t,
            &judge("Lagi", "nurul@juri.example", "X"),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "already a judge of this contest");
    let (s, b) = app
        .post_json(&urls::judges(id), &t, &judge("Admin", ADMIN_EMAIL, "X"))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(error_of(&b)["field"], "email");
    app.token("nurul@juri.example", "judge-pass-1").await;

    let assign = urls::assignments(id);
    let pair = |j: &Value, e: &Value| json!({"judge_id": j["id"], "entry_id": e["id"]});
    // Nurul works at Dinas Kesehatan: never the Posyandu entry.
    let (s, b) = app.post_json(&assign, &t, &pair(&nurul, &e2)).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(error_of(&b)["message"]
        .as_str()
        .unwrap()
        .contains("Konflik kepentingan"));
    assert_eq!(error_of(&b)["reason"], "conflict_of_interest");
    // Ahmad judges SKPD only.
    let (s, _) = app.post_json(&assign, &t, &pair(&ahmad, &e2)).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, a) = app.post_json(&assign, &t, &pair(&nurul, &e1)).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = app.post_json(&assign, &t, &pair(&nurul, &e1)).await;
    assert_eq!(s, StatusCode::CONFLICT);
    // A declared conflict removes the assignment and blocks it from then on.
    let (s, _) = app.post_json(&urls::conflicts(id), &t, &json!({"judge_id": nurul["id"], "entry_id": e1["id"], "reason": "Mantan pegawai BPKPAD"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, list) = app.get_json(&assign, &t).await;
    assert!(list.as_array().unwrap().is_empty());
    assert_eq!(
        app.post(&assign, &t, &pair(&nurul, &e1)).await.status(),
        StatusCode::CONFLICT
    );
    let res = app
        .api
        .delete(app.url(&format!("{assign}/{}", a["id"].as_str().unwrap())))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::NOT_FOUND,
        "already removed by the conflict"
    );

    // Panel: Ahmad gets Simandor; nobody can take Posyandu (Nurul conflicted, Ahmad not allowed).
    let (s, auto) = app
        .post_json(&format!("{assign}/auto"), &t, &json!({"mode": "panel"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{auto}");
    assert_eq!(auto["created"], 1);
    assert_eq!(auto["short"][0]["entry_id"], e2["id"]);
    let (s, _) = app
        .post_json(
            &format!("{assign}/auto"),
            &t,
            &json!({"judges_per_entry": 0}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);

    // Opening judging lists everything missing.
    let phase = urls::phase(id);
    let (s, b) = app
        .post_json(&phase, &t, &json!({"phase": "judging"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let details = error_of(&b)["details"].as_array().unwrap();
    assert!(
        details.iter().any(|d| d["field"] == "assignments"
            && d["message"].as_str().unwrap().contains("Posyandu Digital")),
        "{b}"
    );
    assert_eq!(error_of(&b)["reason"], "cannot_open");
    assert!(
        details
            .iter()
            .any(|d| d["reason"] == "entries_without_judge"),
        "{b}"
    );
    let (s, _) = app.post_json(&phase, &t, &json!({"phase": "closed"})).await;
    assert_eq!(s, StatusCode::CONFLICT, "no skipping");
    let (s, _) = app.post_json(&phase, &t, &json!({"phase": "open"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    // Remove the unjudgeable entry, then judging opens and setup data freezes.
    let res = app
        .api
        .delete(app.url(&format!(
            "/api/v1/contests/{id}/entries/{}",
            e2["id"].as_str().unwrap()
        )))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let (s, b) = app
        .post_json(&phase, &t, &json!({"phase": "judging"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (s, b) = app
        .post_json(&urls::clusters(id), &t, &json!({"name": "Baru"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(error_of(&b)["field"], "phase");
    assert_eq!(error_of(&b)["reason"], "phase_forbids");
    let (s, _) = app.post_json(&phase, &t, &json!({"phase": "closed"})).await;
    assert_eq!(s, StatusCode::OK);

    let (s, audit) = app.get_json(&urls::audit(id), &t).await;
    assert_eq!(s, StatusCode::OK);
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    for expected in [
        "contest.created",
        "entry.created",
        "judge.added",
        "assignment.created",
        "conflict.declared",
        "assignment.auto",
        "entry.deleted",
        "contest.phase",
    ] {
        assert!(actions.contains(&expected), "{expected} in {actions:?}");
    }
}

#[tokio::test]
async fn imports_check_the_whole_file_first() {
    let app = spawn_app().await;
    let t = app.admin_token().await;
    let c = bailang(&app, &t).await;
    let id = c["id"].as_str().unwrap();
    let bad = "klaster,judul,inovator,unit\nSKPD,Baik,Tim,Dinas A\nKlaster Lain,X,Tim,Unit\nSKPD,,Tim,Unit\n";
    let (s, b) = upload(&app, &t, id, "inovasi.csv", bad.as_bytes().to_vec()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let details = error_of(&b)["details"].as_array().unwrap();
    assert_eq!(details.len(), 2);
    assert!(details[0]["message"]
        .as_str()
        .unwrap()
        .starts_with("Baris 3:"));
    assert!(details[1]["message"].as_str().unwrap().contains("judul"));
    let (_, list) = app.get_json(&urls::entries(id), &t).await;
    assert!(list.as_array().unwrap().is_empty(), "nothing imported");

    let sample = std::fs::read("tests/data/bailang-demo-entries.csv").unwrap();
    let (s, b) = upload(&app, &t, id, "bailang.csv", sample).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(b["imported"], 33);
    let (_, list) = app.get_json(&urls::entries(id), &t).await;
    let titles: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    assert!(titles
        .contains(&"Sistem Informasi Pengamanan dan Penomoran Barang Milik Daerah (Simandor BMD)"));
    let unit = list
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            e["title"]
                == "Sistem Informasi Pengamanan dan Penomoran Barang Milik Daerah (Simandor BMD)"
        })
        .unwrap()["unit"]
        .clone();
    assert_eq!(
        unit,
        "Badan Pengelolaan Keuangan, Pendapatan, dan Aset Daerah"
    );

    // English headers, in a workbook.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, h) in ["Cluster", "Title", "Innovator", "Unit", "Description"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *h).unwrap();
    }
    for (col, v) in [
        "Kecamatan",
        "Kampung KB",
        "Camat",
        "Kecamatan Paringin",
        "Keluarga berencana",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(1, col as u16, *v).unwrap();
    }
    let (s, b) = upload(&app, &t, id, "entries.xlsx", book.save_to_buffer().unwrap()).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(b["imported"], 1);
    let (s, b) = upload(&app, &t, id, "x.csv", b"nama,alamat\nA,B\n".to_vec()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_of(&b)["message"]
        .as_str()
        .unwrap()
        .contains("klaster"));
    let res = app.get(&urls::import_template(id), &t).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res
        .text()
        .await
        .unwrap()
        .starts_with("klaster,judul,inovator,unit"));
}

#[tokio::test]
async fn automatic_assignment_balances_loads() {
    let app = spawn_app().await;
    let t = app.admin_token().await;
    let c = bailang(&app, &t).await;
    let id = c["id"].as_str().unwrap();
    let sample = std::fs::read("tests/data/bailang-demo-entries.csv").unwrap();
    upload(&app, &t, id, "bailang.csv", sample).await;
    for i in 0..4 {
        let body = json!({"name": format!("Juri {i}"), "email": format!("j{i}@juri.example"), "password": "judge-pass-1", "affiliation": format!("Universitas {i}")});
        assert_eq!(
            app.post(&urls::judges(id), &t, &body).await.status(),
            StatusCode::CREATED
        );
    }
    let (s, auto) = app
        .post_json(&urls::auto_assign(id), &t, &json!({"judges_per_entry": 3}))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(auto["created"], 99);
    assert!(auto["short"].as_array().unwrap().is_empty());
    let loads: Vec<i64> = auto["loads"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_i64().unwrap())
        .collect();
    assert!(
        loads.iter().max().unwrap() - loads.iter().min().unwrap() <= 1,
        "{loads:?}"
    );
    let (s, b) = app
        .post_json(&urls::phase(id), &t, &json!({"phase": "judging"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
}

#[tokio::test]
async fn hostile_workbooks_are_refused_and_the_server_stays_up() {
    let app = spawn_app().await;
    let t = app.admin_token().await;
    let c = bailang(&app, &t).await;
    let id = c["id"].as_str().unwrap();

    // The 1.4 KB workbook that once aborted the process: a cell at A1 and one at XFD1048576.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "klaster").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let (s, b) = upload(&app, &t, id, "bom.xlsx", book.save_to_buffer().unwrap()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert_eq!(error_of(&b)["field"], "file");
    assert!(error_of(&b)["message"].as_str().unwrap().contains("20000"));
    let res = app.api.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "the server survived");

    // Too many rows in a CSV.
    let mut csv = String::from("klaster,judul,inovator,unit\n");
    for i in 0..20_001 {
        csv.push_str(&format!("SKPD,Inovasi {i},Tim,Dinas {i}\n"));
    }
    let (s, b) = upload(&app, &t, id, "besar.csv", csv.into_bytes()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");

    // 150 bad rows: the answer lists the first 100 and counts all 150.
    let mut csv = String::from("klaster,judul,inovator,unit\n");
    for i in 0..150 {
        csv.push_str(&format!("Tidak Ada,Inovasi {i},Tim,Dinas\n"));
    }
    let (s, b) = upload(&app, &t, id, "salah.csv", csv.into_bytes()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let err = error_of(&b);
    assert_eq!(err["details"].as_array().unwrap().len(), 100);
    assert!(
        err["message"].as_str().unwrap().starts_with("150 "),
        "{err}"
    );
    let (_, list) = app.get_json(&urls::entries(id), &t).await;
    assert!(list.as_array().unwrap().is_empty(), "nothing imported");
}

#[tokio::test]
async fn refusals_carry_a_stable_reason_in_both_languages() {
    let app = spawn_app().await;
    let t = app.admin_token().await;
    let (s, c) = app
        .post_json(
            "/api/v1/contests",
            &t,
            &json!({"name": "Kosong", "year": 2026}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    let id = c["id"].as_str().unwrap();
    let (s, b) = app
        .post_json(
            &urls::criteria(id),
            &t,
            &json!({"name": "Kebaruan", "weight": 60, "min_score": 0, "max_score": 100}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let open = |lang: &'static str| {
        app.api
            .post(app.url(&urls::phase(id)))
            .bearer_auth(&t)
            .header("accept-language", lang)
            .json(&json!({"phase": "judging"}))
            .send()
    };
    let (s, id_body) = json_of(open("id").await.unwrap()).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (_, en_body) = json_of(open("en").await.unwrap()).await;
    let reasons = |b: &Value| -> Vec<String> {
        error_of(b)["details"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["reason"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        reasons(&id_body).contains(&"weights_not_100".to_string()),
        "{id_body}"
    );
    assert!(
        reasons(&id_body).contains(&"no_entries".to_string()),
        "{id_body}"
    );
    assert_eq!(
        reasons(&id_body),
        reasons(&en_body),
        "reasons do not follow the language"
    );
    assert_ne!(error_of(&id_body)["message"], error_of(&en_body)["message"]);
    // A validation error names the field and the rule.
    let (s, b) = app
        .post_json("/api/v1/contests", &t, &json!({"name": "", "year": 2026}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_of(&b)["field"], "name");
    assert_eq!(error_of(&b)["reason"], "required");
}

//! Judging through the API: drafts, submission, ranges, versions, phases, assignment checks,
//! recusal, the monitor, and many judges submitting at once.

use crate::client::urls;
use crate::fixtures::{self, set_phase, Fixture, Spec};
use crate::helpers::*;
use diesel::prelude::*;
use juri::db::schema::{assignments, audit_log, sheet_scores, sheets};
use juri::model::Phase;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn sheet_url(f: &Fixture, entry: usize) -> String {
    urls::sheet(&f.contest_id, &f.entries[entry].id)
}

fn scores(f: &Fixture, values: &[i64]) -> Value {
    let map: serde_json::Map<String, Value> = f
        .criteria
        .iter()
        .zip(values)
        .map(|(c, v)| (c.id.clone(), json!(v)))
        .collect();
    Value::Object(map)
}

async fn judge_token(app: &TestApp, f: &Fixture, j: usize) -> String {
    app.token(&f.judges[j].email, fixtures::JUDGE_PASSWORD)
        .await
}

#[tokio::test]
async fn a_judge_saves_a_partial_draft_then_submits() {
    let app = spawn_app().await;
    let f = fixtures::build(&app, Spec::default());
    let t = judge_token(&app, &f, 0).await;
    let (s, list) = app.get_json("/api/v1/me/assignments", &t).await;
    assert_eq!(s, StatusCode::OK);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert!(list
        .iter()
        .all(|a| a["status"] == "pending" && a["contest_id"] == f.contest_id.as_str()));
    assert!(list
        .iter()
        .all(|a| a["cluster_id"] == f.clusters[0].as_str() && a["title"].is_string()));

    let (s, sheet) = app.get_json(&sheet_url(&f, 0), &t).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(sheet["status"], "pending");
    assert_eq!(sheet["version"], 0);

    let partial = json!({"scores": {f.criteria[0].id.clone(): 80, f.criteria[1].id.clone(): 90}, "comment": "Kunjungan lapangan", "submit": false});
    let (s, sheet) = app.put_json(&sheet_url(&f, 0), &t, &partial).await;
    assert_eq!(s, StatusCode::OK, "{sheet}");
    assert_eq!(sheet["status"], "draft");
    assert_eq!(sheet["version"], 1);
    assert_eq!(sheet["total"], 46.5);
    assert_eq!(sheet["comment"], "Kunjungan lapangan");

    // Submitting the partial sheet names the first missing criterion.
    let submit_partial =
        json!({"scores": partial["scores"], "comment": "", "submit": true, "version": 1});
    let (s, body) = app.put_json(&sheet_url(&f, 0), &t, &submit_partial).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let err = error_of(&body);
    assert_eq!(err["field"], format!("scores.{}", f.criteria[2].id));
    assert!(err["message"].as_str().unwrap().contains("Replikasi"));
    assert_eq!(err["details"].as_array().unwrap().len(), 3);

    let full = json!({"scores": scores(&f, &[80, 90, 70, 60, 100]), "comment": "Baik", "submit": true, "version": 1});
    let (s, sheet) = app.put_json(&sheet_url(&f, 0), &t, &full).await;
    assert_eq!(s, StatusCode::OK, "{sheet}");
    assert_eq!(sheet["status"], "submitted");
    assert_eq!(sheet["version"], 2);
    assert_eq!(sheet["total"], 79.5);
    assert_eq!(sheet["scores"][f.criteria[4].id.as_str()], 100);

    let (_, list) = app.get_json("/api/v1/me/assignments", &t).await;
    let first = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["entry_id"] == f.entries[0].id.as_str())
        .unwrap()
        .clone();
    assert_eq!(first["status"], "submitted");
}

#[tokio::test]
async fn scores_out_of_range_or_unknown_are_refused() {
    let app = spawn_app().await;
    let f = fixtures::build(&app, Spec::default());
    let t = judge_token(&app, &f, 0).await;
    for bad in [101, -1] {
        let body =
            json!({"scores": {f.criteria[1].id.clone(): bad}, "comment": "", "submit": false});
        let (s, b) = app.put_json(&sheet_url(&f, 0), &t, &body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            error_of(&b)["field"],
            format!("scores.{}", f.criteria[1].id)
        );
        assert!(error_of(&b)["message"]
            .as_str()
            .unwrap()
            .contains("Kemanfaatan"));
    }
    let unknown = uuid::Uuid::new_v4().to_string();
    let (s, b) = app
        .put_json(
            &sheet_url(&f, 0),
            &t,
            &json!({"scores": {unknown.clone(): 5}, "submit": false}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_of(&b)["field"], format!("scores.{unknown}"));
    let (s, _) = app
        .put_json(
            &sheet_url(&f, 0),
            &t,
            &json!({"scores": {f.criteria[0].id.clone(): "tinggi"}}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    // Nothing was stored by any refused save.
    let (_, sheet) = app.get_json(&sheet_url(&f, 0), &t).await;
    assert_eq!(sheet["status"], "pending");
}

#[tokio::test]
async fn a_stale_version_is_refused_with_the_newer_sheet() {
    let app = spawn_app().await;
    let f = fixtures::build(&app, Spec::default());
    let t = judge_token(&app, &f, 0).await;
    let draft = |v: Option<i64>, score: i64| json!({"scores": {f.criteria[0].id.clone(): score}, "comment": "", "submit": false, "version": v});
    let (s, _) = app.put_json(&sheet_url(&f, 0), &t, &draft(None, 50)).await;
    assert_eq!(s, StatusCode::OK);
    // Phone saves version 1 → 2.
    let (s, _) = app
        .put_json(&sheet_url(&f, 0), &t, &draft(Some(1), 60))
        .await;
    assert_eq!(s, StatusCode::OK);
    // The laptop still holds version 1.
    let (s, body) = app
        .put_json(&sheet_url(&f, 0), &t, &draft(Some(1), 70))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let err = error_of(&body);
    assert_eq!(err["field"], "version");
    assert_eq!(err["reason"], "stale_version");
    assert_eq!(err["current"]["version"], 2);
    assert_eq!(err["current"]["scores"][f.criteria[0].id.as_str()], 60);
    // Without a version over an existing sheet: also refused, never a silent overwrite.
    let (s, _) = app.put_json(&sheet_url(&f, 0), &t, &draft(None, 70)).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (_, sheet) = app.get_json(&sheet_url(&f, 0), &t).await;
    assert_eq!(sheet["scores"][f.criteria[0].id.as_str()], 60);
}

#[tokio::test]
async fn judges_only_reach_their_own_assigned_sheets() {
    let app = spawn_app().await;
    let f = fixtures::build(&app, Spec::default());
    let a = judge_token(&app, &f, 0).await;
    let b = judge_token(&app, &f, 1).await;
    let full = json!({"scores": scores(&f, &[90; 5]), "comment": "rahasia juri A", "submit": true});
    assert_eq!(
        app.put_json(&sheet_url(&f, 0), &a, &full).await.0,
        StatusCode::OK
    );
    // Judge B sees their own empty sheet, never A's scores or comment.
    let (s, sheet) = app.get_json(&sheet_url(&f, 0), &b).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(sheet["status"], "pending");
    assert!(!sheet.to_string().contains("rahasia"));
    // Unassign B from entry 1: B can neither read nor write it.
    {
        let mut conn = fixtures::conn(&app);
        diesel::delete(
            assignments::table
                .filter(assignments::judge_id.eq(&f.judges[1].id))
                .filter(assignments::entry_id.eq(&f.entries[1].id)),
        )
        .execute(&mut *conn)
        .unwrap();
    }
    assert_eq!(
        app.get(&sheet_url(&f, 1), &b).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.put_json(&sheet_url(&f, 1), &b, &full).await.0,
        StatusCode::FORBIDDEN
    );
    let missing = format!(
        "/api/v1/contests/{}/entries/{}/sheet",
        f.contest_id,
        uuid::Uuid::new_v4()
    );
    assert_eq!(app.get(&missing, &b).await.status(), StatusCode::NOT_FOUND);
    // Another contest's judge cannot reach this one.
    let other = fixtures::build(&app, Spec::default());
    let c = judge_token(&app, &other, 0).await;
    assert_eq!(
        app.get(&sheet_url(&f, 0), &c).await.status(),
        StatusCode::FORBIDDEN
    );
    // Staff do not use judges' sheets.
    let admin = app.admin_token().await;
    assert_eq!(
        app.get(&sheet_url(&f, 0), &admin).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get("/api/v1/me/assignments", &admin).await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn sheets_change_only_while_judging_and_changes_are_audited() {
    let app = spawn_app().await;
    let f = fixtures::build(
        &app,
        Spec {
            phase: Phase::Setup,
            ..Spec::default()
        },
    );
    let t = judge_token(&app, &f, 0).await;
    let first = json!({"scores": scores(&f, &[70; 5]), "comment": "", "submit": true});
    let (s, b) = app.put_json(&sheet_url(&f, 0), &t, &first).await;
    assert_eq!(s, StatusCode::CONFLICT, "not open yet: {b}");
    set_phase(&app, &f, Phase::Judging);
    assert_eq!(
        app.put_json(&sheet_url(&f, 0), &t, &first).await.0,
        StatusCode::OK
    );
    let second =
        json!({"scores": scores(&f, &[75; 5]), "comment": "revisi", "submit": true, "version": 1});
    let (s, sheet) = app.put_json(&sheet_url(&f, 0), &t, &second).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(sheet["total"], 75.0);
    {
        let mut conn = fixtures::conn(&app);
        let details: Vec<String> = audit_log::table
            .filter(audit_log::contest_id.eq(&f.contest_id))
            .filter(audit_log::action.eq("sheet.submitted"))
            .order(audit_log::id.asc())
            .select(audit_log::detail)
            .load(&mut *conn)
            .unwrap();
        assert_eq!(details.len(), 2);
        let change: Value = serde_json::from_str(&details[1]).unwrap();
        assert_eq!(change["old"]["scores"][f.criteria[0].id.as_str()], 70);
        assert_eq!(change["new"]["scores"][f.criteria[0].id.as_str()], 75);
        assert_eq!(change["new"]["comment"], "revisi");
    }
    set_phase(&app, &f, Phase::Closed);
    let third =
        json!({"scores": scores(&f, &[10; 5]), "comment": "", "submit": true, "version": 2});
    let (s, body) = app.put_json(&sheet_url(&f, 0), &t, &third).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(error_of(&body)["field"], "phase");
    let (_, sheet) = app.get_json(&sheet_url(&f, 0), &t).await;
    assert_eq!(sheet["read_only"], true);
    assert_eq!(sheet["total"], 75.0);
}

#[tokio::test]
async fn blind_contests_hide_innovator_and_unit_from_judges() {
    let app = spawn_app().await;
    let f = fixtures::build(
        &app,
        Spec {
            blind: true,
            ..Spec::default()
        },
    );
    let t = judge_token(&app, &f, 0).await;
    let (_, sheet) = app.get_json(&sheet_url(&f, 0), &t).await;
    assert!(sheet["entry"]["innovator"].is_null() && sheet["entry"]["unit"].is_null());
    assert!(!sheet.to_string().contains(&f.entries[0].unit));
    let client = browser(&app);
    client
        .post(app.url("/login"))
        .form(&[
            ("email", f.judges[0].email.as_str()),
            ("password", fixtures::JUDGE_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    let html = client
        .get(app.url(&format!(
            "/contests/{}/entries/{}/sheet",
            f.contest_id, f.entries[0].id
        )))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains(&f.entries[0].unit) && html.contains("Penilaian tertutup"));
}

#[tokio::test]
async fn recusal_removes_the_assignment_and_draft_and_shows_on_the_monitor() {
    let app = spawn_app().await;
    let f = fixtures::build(&app, Spec::default());
    let t = judge_token(&app, &f, 0).await;
    let draft = json!({"scores": {f.criteria[0].id.clone(): 50}, "submit": false});
    assert_eq!(
        app.put_json(&sheet_url(&f, 0), &t, &draft).await.0,
        StatusCode::OK
    );
    let url = format!(
        "/api/v1/contests/{}/entries/{}/recusal",
        f.contest_id, f.entries[0].id
    );
    let (s, b) = app.post_json(&url, &t, &json!({"reason": ""})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_of(&b)["field"], "reason");
    let (s, b) = app
        .post_json(&url, &t, &json!({"reason": "Saya pernah membina tim ini"}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(
        app.get(&sheet_url(&f, 0), &t).await.status(),
        StatusCode::FORBIDDEN
    );
    let (_, list) = app.get_json("/api/v1/me/assignments", &t).await;
    assert_eq!(list.as_array().unwrap().len(), 2);
    {
        let mut conn = fixtures::conn(&app);
        let left: i64 = sheets::table
            .filter(sheets::judge_id.eq(&f.judges[0].id))
            .count()
            .get_result(&mut *conn)
            .unwrap();
        assert_eq!(left, 0, "the draft is discarded");
    }
    // A submitted sheet cannot be recused by the judge.
    let full = json!({"scores": scores(&f, &[80; 5]), "submit": true});
    assert_eq!(
        app.put_json(&sheet_url(&f, 1), &t, &full).await.0,
        StatusCode::OK
    );
    let url1 = format!(
        "/api/v1/contests/{}/entries/{}/recusal",
        f.contest_id, f.entries[1].id
    );
    assert_eq!(
        app.post(&url1, &t, &json!({"reason": "x"})).await.status(),
        StatusCode::CONFLICT
    );

    let admin = app.admin_token().await;
    let (s, m) = app.get_json(&urls::monitor(&f.contest_id), &admin).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(m["recusals"][0]["entry_id"], f.entries[0].id.as_str());
    assert_eq!(m["recusals"][0]["reason"], "Saya pernah membina tim ini");
    assert_eq!(m["overall"]["assigned"], 5);
    assert_eq!(m["overall"]["submitted"], 1);
    assert!(m["remind"].as_str().unwrap().contains(&f.judges[1].email));
    assert_eq!(
        app.get(&urls::monitor(&f.contest_id), &t).await.status(),
        StatusCode::FORBIDDEN
    );

    // The committee reassigns the entry from the monitor page; the recused judge is refused.
    let client = signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let html = client
        .get(app.url(&format!("/contests/{}/monitor", f.contest_id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Saya pernah membina tim ini"));
    let assign = app.url(&format!("/contests/{}/monitor/assign", f.contest_id));
    let res = client
        .post(&assign)
        .form(&[
            ("entry_id", f.entries[0].id.as_str()),
            ("judge_id", f.judges[0].id.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let res = client
        .post(&assign)
        .form(&[
            ("entry_id", f.entries[0].id.as_str()),
            ("judge_id", f.judges[1].id.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT, "judge 1 already has it");
}

#[tokio::test]
async fn many_judges_submitting_at_once_are_each_stored_exactly_once() {
    let app = spawn_app().await;
    let f = fixtures::build(
        &app,
        Spec {
            judges: 20,
            entries_per_cluster: 3,
            ..Spec::default()
        },
    );
    let mut tokens = Vec::new();
    for j in 0..f.judges.len() {
        tokens.push(judge_token(&app, &f, j).await);
    }
    let mut tasks = Vec::new();
    for (j, token) in tokens.iter().enumerate() {
        for e in 0..f.entries.len() {
            let client = app.api.clone();
            let url = app.url(&sheet_url(&f, e));
            let values: Vec<i64> = (0..5).map(|k| ((j * 7 + e * 3 + k) % 101) as i64).collect();
            let body = json!({"scores": scores(&f, &values), "comment": format!("j{j} e{e}"), "submit": true});
            let token = token.clone();
            tasks.push(tokio::spawn(async move {
                let res = client
                    .put(url)
                    .bearer_auth(token)
                    .json(&body)
                    .send()
                    .await
                    .unwrap();
                (j, e, values, res.status())
            }));
        }
    }
    let mut acknowledged = Vec::new();
    for t in tasks {
        let (j, e, values, status) = t.await.unwrap();
        assert!(!status.is_server_error(), "judge {j} entry {e}: {status}");
        if status.is_success() {
            acknowledged.push((j, e, values));
        }
    }
    assert_eq!(
        acknowledged.len(),
        60,
        "every judge's distinct sheet is accepted"
    );
    let mut conn = fixtures::conn(&app);
    for (j, e, values) in acknowledged {
        let rows: Vec<(String, i32)> = sheets::table
            .inner_join(sheet_scores::table)
            .filter(sheets::judge_id.eq(&f.judges[j].id))
            .filter(sheets::entry_id.eq(&f.entries[e].id))
            .select((sheet_scores::criterion_id, sheet_scores::score))
            .load(&mut *conn)
            .unwrap();
        assert_eq!(rows.len(), 5, "one whole sheet for judge {j} entry {e}");
        for (criterion, score) in rows {
            let k = f.criteria.iter().position(|c| c.id == criterion).unwrap();
            assert_eq!(i64::from(score), values[k]);
        }
    }
    let total: i64 = sheets::table
        .filter(sheets::contest_id.eq(&f.contest_id))
        .count()
        .get_result(&mut *conn)
        .unwrap();
    assert_eq!(total, 60);
}

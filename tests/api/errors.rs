//! Bad input always gets a clean 4xx in the documented shape, in the reader's language.

use crate::client::urls;
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn unknown_routes_are_404_json_under_api_and_a_page_elsewhere() {
    let app = spawn_app().await;
    let (status, body) = json_of(
        app.api
            .get(app.url("/api/v1/nothing-here"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error_of(&body)["code"], "not_found");

    let res = app.api.get(app.url("/nothing-here")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = res.text().await.unwrap();
    assert!(html.contains("Halaman atau alamat API ini tidak ada."));
}

#[tokio::test]
async fn malformed_json_wrong_types_and_missing_fields_are_4xx() {
    let app = spawn_app().await;
    let url = app.url("/api/v1/auth/login");
    let send = |body: &'static str, ct: &'static str| {
        app.api
            .post(&url)
            .header("content-type", ct)
            .body(body)
            .send()
    };
    let (s, b) = json_of(send("{not json", "application/json").await.unwrap()).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(error_of(&b)["code"], "bad_request");

    let (s, b) = json_of(
        send(r#"{"email": 5, "password": []}"#, "application/json")
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    error_of(&b);

    let (s, b) = json_of(
        send(r#"{"email": "a@b.c"}"#, "application/json")
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_of(&b)["field"], "password");

    let (s, b) = json_of(send("email=a", "text/plain").await.unwrap()).await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    error_of(&b);
}

#[tokio::test]
async fn oversized_bodies_get_413() {
    let app = spawn_app().await;
    let big = format!(r#"{{"email":"{}","password":"x"}}"#, "a".repeat(400 * 1024));
    let res = app
        .api
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body(big)
        .send()
        .await
        .unwrap();
    let (s, b) = json_of(res).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(error_of(&b)["code"], "payload_too_large");
}

#[tokio::test]
async fn malformed_uuids_in_paths_are_400_not_500() {
    let app = spawn_app().await;
    let token = app.admin_token().await;
    let (s, b) = app
        .post_json("/api/v1/users/not-a-uuid/deactivate", &token, &json!({}))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(error_of(&b)["field"], "id");
    assert_eq!(error_of(&b)["reason"], "bad_id");
    // The second id of a path is named too, whatever the first.
    let second = format!(
        "/api/v1/contests/{}/entries/not-a-uuid",
        uuid::Uuid::new_v4()
    );
    let res = app
        .api
        .delete(app.url(&second))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let (s, b) = json_of(res).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{b}");
    assert_eq!(error_of(&b)["field"], "entry_id");
    // A well-formed id that does not exist is 404.
    let missing = format!("/api/v1/users/{}/deactivate", uuid::Uuid::new_v4());
    let (s, _) = app.post_json(&missing, &token, &json!({})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn messages_follow_accept_language() {
    let app = spawn_app().await;
    let res = app
        .api
        .post(app.url("/api/v1/auth/login"))
        .header("accept-language", "en-US,en;q=0.9")
        .json(&json!({"email": "x@y.z", "password": "nope-nope"}))
        .send()
        .await
        .unwrap();
    let (_, b) = json_of(res).await;
    assert_eq!(error_of(&b)["message"], "Wrong email or password.");
    let (_, b) = json_of(app.login_response("x@y.z", "nope-nope").await).await;
    assert_eq!(error_of(&b)["message"], "Email atau kata sandi salah.");
}

#[tokio::test]
async fn health_checks_the_database() {
    let app = spawn_app().await;
    let (s, b) = json_of(app.api.get(app.url("/healthz")).send().await.unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(b["status"], "ok");
}

#[tokio::test]
async fn a_trailing_or_doubled_slash_reaches_the_same_route() {
    let app = spawn_app().await;
    for path in ["/healthz/", "//healthz", "/healthz//"] {
        let (s, b) = json_of(app.api.get(app.url(path)).send().await.unwrap()).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        assert_eq!(b["status"], "ok", "{path}");
    }
    // The query survives the rewrite: the sign-in form keeps where to go next.
    let page = app
        .api
        .get(app.url("/login/?next=/users"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains(r#"name="next" value="/users""#), "{html}");
}

#[tokio::test]
async fn the_openapi_document_covers_every_api_route() {
    let app = spawn_app().await;
    let (s, doc) = json_of(
        app.api
            .get(app.url("/api/openapi.json"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for (path, method) in [
        ("/api/v1/auth/login", "post"),
        ("/api/v1/contests", "post"),
        ("/api/v1/contests/{id}", "patch"),
        ("/api/v1/contests/{id}/clusters/{cluster_id}/prizes", "put"),
        ("/api/v1/contests/{id}/entries/import", "post"),
        ("/api/v1/contests/{id}/assignments/auto", "post"),
        ("/api/v1/me/assignments", "get"),
        ("/api/v1/contests/{id}/entries/{entry_id}/sheet", "put"),
        ("/api/v1/contests/{id}/results", "get"),
        (
            "/api/v1/contests/{id}/clusters/{cluster_id}/tie-resolution",
            "post",
        ),
        ("/api/v1/public/contests/{id}/winners", "get"),
        ("/api/v1/contests/{id}/export.xlsx", "get"),
    ] {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "{method} {path}"
        );
    }
    let error = &doc["components"]["schemas"]["ErrorDetail"]["properties"];
    assert!(error.get("code").is_some() && error.get("field").is_some());
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

#[derive(diesel::QueryableByName)]
struct PageCount {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    page_count: i64,
}

/// A full disk is the server's problem, said clearly: writes answer 507 with a stable reason
/// in the reader's language, `/healthz` stops saying ok, and both recover once there is room.
/// (SQLite's `max_page_count` stands in for the disk.)
#[tokio::test]
async fn a_full_disk_is_a_507_and_an_unhealthy_server_until_there_is_room() {
    if !matches!(fresh_database().0, juri::db::DatabaseUrl::Sqlite(_)) {
        return;
    }
    let roomy = spawn_app().await;
    let pages = {
        use diesel::RunQueryDsl;
        let mut conn = crate::fixtures::conn(&roomy);
        let row: PageCount = diesel::sql_query("PRAGMA page_count")
            .get_result(&mut *conn)
            .unwrap();
        row.page_count as u64
    };
    let app = spawn_on(roomy.database_url.clone(), |c| {
        c.sqlite_max_pages = Some(pages + 60)
    })
    .await;
    let judging = crate::fixtures::build(
        &app,
        crate::fixtures::Spec {
            judges: 10,
            entries_per_cluster: 10,
            ..crate::fixtures::Spec::default()
        },
    );
    let mut judges = Vec::new();
    for j in &judging.judges {
        judges.push(
            app.as_judge(&j.email, crate::fixtures::JUDGE_PASSWORD)
                .await,
        );
    }
    let staff = app.as_admin().await;
    let (_, contest) = staff.bailang("Uji disk penuh").await;
    let id = contest["id"].as_str().unwrap();
    let sample = std::fs::read("tests/data/bailang-demo-entries.csv").unwrap();
    let mut refused = None;
    for _ in 0..100 {
        let part = reqwest::multipart::Part::bytes(sample.clone()).file_name("inovasi.csv");
        let res = app
            .api
            .post(app.url(&urls::import(id)))
            .bearer_auth(&staff.token)
            .header("accept-language", "en")
            .multipart(reqwest::multipart::Form::new().part("file", part))
            .send()
            .await
            .unwrap();
        if res.status() != StatusCode::CREATED {
            refused = Some(json_of(res).await);
            break;
        }
    }
    let (s, body) = refused.expect("the capped database fills up");
    assert_eq!(s, StatusCode::INSUFFICIENT_STORAGE, "{body}");
    // Fill what is left with single entries, until not even one fits.
    let skpd = contest["clusters"][0]["id"].as_str().unwrap();
    for i in 0..2000 {
        let (s, _b) = staff
            .add_entry(
                id,
                &json!({"cluster_id": skpd, "title": format!("Pengisi {i}"), "innovator": "Tim", "unit": "Unit"}),
            )
            .await;
        if s == StatusCode::INSUFFICIENT_STORAGE {
            break;
        }
        assert_eq!(s, StatusCode::CREATED, "{_b}");
    }
    assert_eq!(error_of(&body)["code"], "insufficient_storage");
    assert_eq!(error_of(&body)["reason"], "storage_full");
    assert!(error_of(&body)["message"]
        .as_str()
        .unwrap()
        .contains("storage is full"));
    // A judge's save (one savepoint per sheet in the group commit) says the same once not
    // even a sheet fits; never a 500.
    let mut saved = None;
    for (judge_no, judge) in judges.iter().enumerate() {
        for (entry_no, entry) in judging.entries.iter().enumerate() {
            let values = [80, 70, 60, 50, (judge_no * 7 + entry_no) as i64 % 100];
            let sheet = crate::fixtures::submitted_sheet(&judging, &values);
            let path = urls::sheet(&judging.contest_id, &entry.id);
            let (s, b) = app.put_json(&path, &judge.token, &sheet).await;
            if s != StatusCode::OK {
                saved = Some((s, b, path, &judge.token, sheet));
                break;
            }
        }
        if saved.is_some() {
            break;
        }
    }
    let (s, b, refused_path, refused_token, refused_sheet) =
        saved.expect("the full disk refuses a save");
    assert_eq!(s, StatusCode::INSUFFICIENT_STORAGE, "{b}");
    assert_eq!(error_of(&b)["reason"], "storage_full");
    let health = app.api.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::SERVICE_UNAVAILABLE);
    let (_, body) = json_of(health).await;
    assert_eq!(error_of(&body)["reason"], "storage_full");

    // Room again (the administrator frees space; here, outside juri, the filler entries go),
    // and health and writes return by themselves, the judges' sheet writer included.
    {
        use diesel::RunQueryDsl;
        let mut conn = crate::fixtures::conn(&app);
        diesel::sql_query(format!("DELETE FROM entries WHERE contest_id = '{id}'"))
            .execute(&mut *conn)
            .unwrap();
    }
    let health = app.api.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    let (s, b) = staff
        .add_entry(
            id,
            &json!({"cluster_id": skpd, "title": "Sesudahnya", "innovator": "Tim", "unit": "Unit"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let (s, b) = app
        .put_json(&refused_path, refused_token, &refused_sheet)
        .await;
    assert_eq!(s, StatusCode::OK, "the refused save goes through now: {b}");
}

#[tokio::test]
async fn methods_served_nowhere_are_405_with_the_allowed_ones() {
    let app = spawn_app().await;
    for method in ["TRACE", "CONNECT"] {
        let res = app
            .api
            .request(
                reqwest::Method::from_bytes(method.as_bytes()).unwrap(),
                app.url("/api/v1/contests"),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED, "{method}");
        assert!(res.headers()["allow"].to_str().unwrap().contains("GET"));
    }
}

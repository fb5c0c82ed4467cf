//! User management by admins, and role checks.

use crate::client::urls;
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn an_admin_creates_lists_resets_and_deactivates_users() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let id = app
        .create_user(&admin, "panitia@test.local", "committee", "panitia-pass")
        .await;
    let (s, list) = app.get_json("/api/v1/users", &admin).await;
    assert_eq!(s, StatusCode::OK);
    let emails: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap())
        .collect();
    assert!(emails.contains(&"panitia@test.local") && emails.contains(&ADMIN_EMAIL));
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u.get("password_hash").is_none()));

    let committee = app.token("panitia@test.local", "panitia-pass").await;
    let res = app
        .post(
            &urls::user_password(&id),
            &admin,
            &json!({"password": "reset-pass-1"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        app.get("/api/v1/me", &committee).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let committee = app.token("panitia@test.local", "reset-pass-1").await;

    let (s, body) = app
        .post_json(&urls::user_deactivate(&id), &admin, &json!({}))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(body["active"], false);
    assert_eq!(
        app.get("/api/v1/me", &committee).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login_response("panitia@test.local", "reset-pass-1")
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn bad_accounts_are_refused_with_the_field() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let cases = [
        (
            json!({"email": "nope", "name": "A", "role": "judge", "password": "long-enough"}),
            "email",
            422,
        ),
        (
            json!({"email": "a@b.co", "name": " ", "role": "judge", "password": "long-enough"}),
            "name",
            422,
        ),
        (
            json!({"email": "a@b.co", "name": "A", "role": "king", "password": "long-enough"}),
            "role",
            422,
        ),
        (
            json!({"email": "a@b.co", "name": "A", "role": "judge", "password": "short"}),
            "password",
            422,
        ),
        (
            json!({"email": ADMIN_EMAIL, "name": "A", "role": "judge", "password": "long-enough"}),
            "email",
            409,
        ),
    ];
    for (body, field, status) in cases {
        let (s, b) = app.post_json("/api/v1/users", &admin, &body).await;
        assert_eq!(s.as_u16(), status, "{body}");
        assert_eq!(error_of(&b)["field"], field, "{body}");
    }
}

#[tokio::test]
async fn committee_and_judges_cannot_manage_users() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    app.create_user(&admin, "c@test.local", "committee", "committee-pass")
        .await;
    app.create_user(&admin, "j@test.local", "judge", "judge-pass-1")
        .await;
    for (email, pw) in [
        ("c@test.local", "committee-pass"),
        ("j@test.local", "judge-pass-1"),
    ] {
        let token = app.token(email, pw).await;
        let (s, b) = app.get_json("/api/v1/users", &token).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        assert_eq!(error_of(&b)["code"], "forbidden");
        let res = app
            .post("/api/v1/users", &token, &json!({"email": "x@y.zz", "name": "X", "role": "admin", "password": "long-enough"}))
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn an_admin_cannot_deactivate_themselves() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let (_, me) = app.get_json("/api/v1/me", &admin).await;
    let id = me["id"].as_str().unwrap();
    let (s, _) = app
        .post_json(&urls::user_deactivate(id), &admin, &json!({}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
}

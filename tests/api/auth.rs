//! Sign-in, tokens and their revocation, throttling.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn first_start_creates_the_configured_admin_and_login_answers_the_contract() {
    let app = spawn_app().await;
    let (status, body) = json_of(app.login_response(ADMIN_EMAIL, ADMIN_PASSWORD).await).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["token"]
        .as_str()
        .is_some_and(|t| t.split('.').count() == 3));
    assert!(body["expires_at"].as_str().is_some());
    assert_eq!(body["user"]["email"], ADMIN_EMAIL);
    assert_eq!(body["user"]["role"], "admin");
    assert_eq!(body["user"]["name"], "Administrator");
    assert!(uuid::Uuid::parse_str(body["user"]["id"].as_str().unwrap()).is_ok());
}

#[tokio::test]
async fn without_configured_admin_a_random_password_admin_is_created_once() {
    let app = spawn_with(|c| {
        c.admin_email = None;
        c.admin_password = None;
    })
    .await;
    // The generated password is only printed; a guess must fail, and the account exists.
    let (status, body) = json_of(app.login_response("admin@localhost", "admin").await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(error_of(&body)["code"], "unauthenticated");
}

#[tokio::test]
async fn wrong_email_and_wrong_password_get_the_same_answer() {
    let app = spawn_app().await;
    let (s1, b1) = json_of(app.login_response(ADMIN_EMAIL, "not-the-password").await).await;
    let (s2, b2) = json_of(
        app.login_response("nobody@test.local", "whatever-it-is")
            .await,
    )
    .await;
    assert_eq!(s1, StatusCode::UNAUTHORIZED);
    assert_eq!(s2, StatusCode::UNAUTHORIZED);
    assert_eq!(b1, b2);
}

#[tokio::test]
async fn routes_need_a_token_and_reject_tampered_or_expired_ones() {
    let app = spawn_app().await;
    let res = app.api.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    let token = app.admin_token().await;
    assert_eq!(app.get("/api/v1/me", &token).await.status(), StatusCode::OK);

    // Flip one character of the signature.
    let mut tampered = token.clone().into_bytes();
    let last = tampered.len() - 2;
    tampered[last] = if tampered[last] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();
    assert_eq!(
        app.get("/api/v1/me", &tampered).await.status(),
        StatusCode::UNAUTHORIZED
    );

    // A token signed with another key, and one already expired.
    use jsonwebtoken::{encode, EncodingKey, Header};
    let now = chrono::Utc::now().timestamp();
    let claims =
        json!({"sub": "x", "sid": "y", "role": "admin", "iat": now - 100, "exp": now - 10});
    let forged = encode(
        &Header::default(),
        &claims,
        &EncodingKey::from_secret(b"other"),
    )
    .unwrap();
    assert_eq!(
        app.get("/api/v1/me", &forged).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get("/api/v1/me", "garbage").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn an_expired_token_of_a_real_session_is_refused() {
    let app = spawn_with(|c| c.token_ttl = std::time::Duration::from_secs(1)).await;
    let token = app.admin_token().await;
    assert_eq!(app.get("/api/v1/me", &token).await.status(), StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let (status, body) = app.get_json("/api/v1/me", &token).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(error_of(&body)["code"], "unauthenticated");
}

#[tokio::test]
async fn logout_revokes_every_token_issued_before_it() {
    let app = spawn_app().await;
    let first = app.admin_token().await;
    let second = app.admin_token().await;
    // A token in use is remembered by the server (the session memory); revocation must still
    // take effect at once.
    assert_eq!(app.get("/api/v1/me", &first).await.status(), StatusCode::OK);
    let res = app.post("/api/v1/auth/logout", &second, &json!({})).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/v1/me", &first).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get("/api/v1/me", &second).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let fresh = app.admin_token().await;
    assert_eq!(app.get("/api/v1/me", &fresh).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_password_change_revokes_old_tokens_and_the_old_password() {
    let app = spawn_app().await;
    let token = app.admin_token().await;
    let (status, body) = app
        .post_json(
            "/api/v1/me/password",
            &token,
            &json!({"current_password": "wrong-one!", "new_password": "brand-new-pass"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_of(&body)["field"], "current_password");

    let res = app
        .post(
            "/api/v1/me/password",
            &token,
            &json!({"current_password": ADMIN_PASSWORD, "new_password": "brand-new-pass"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/v1/me", &token).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login_response(ADMIN_EMAIL, ADMIN_PASSWORD)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    app.token(ADMIN_EMAIL, "brand-new-pass").await;
}

#[tokio::test]
async fn repeated_failures_for_one_account_are_throttled_with_retry_after() {
    let app = spawn_with(|c| c.login_max_failures = 3).await;
    for _ in 0..3 {
        assert_eq!(
            app.login_response(ADMIN_EMAIL, "wrong-password")
                .await
                .status(),
            StatusCode::UNAUTHORIZED
        );
    }
    // Even the right password waits now.
    let res = app.login_response(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 900);
    let (_, body) = json_of(res).await;
    assert_eq!(error_of(&body)["code"], "too_many_requests");
}

#[tokio::test]
async fn repeated_failures_from_one_address_are_throttled_across_accounts() {
    let app = spawn_with(|c| c.login_max_failures = 2).await;
    // The address allowance is four times the account's: 8 failures over different emails.
    for i in 0..8 {
        let res = app
            .login_response(&format!("guess{i}@test.local"), "nope-nope")
            .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let res = app.login_response(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn nobody_can_lock_a_judge_out_from_another_address() {
    let app = spawn_with(|c| c.login_max_failures = 3).await;
    let from = |ip: [u8; 4]| {
        reqwest::Client::builder()
            .local_address(std::net::IpAddr::from(ip))
            .build()
            .unwrap()
    };
    let login = |client: &reqwest::Client, password: &str| {
        client
            .post(app.url("/api/v1/auth/login"))
            .json(&json!({"email": ADMIN_EMAIL, "password": password}))
            .send()
    };
    let attacker = from([127, 0, 0, 2]);
    for _ in 0..3 {
        let res = login(&attacker, "wrong-password").await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    // The attacker's own address is throttled for this account…
    let res = login(&attacker, ADMIN_PASSWORD).await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    // …but the owner, elsewhere, signs in: slowed down, not refused.
    let started = std::time::Instant::now();
    let res = login(&from([127, 0, 0, 3]), ADMIN_PASSWORD).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(900),
        "an account under attack answers slowly"
    );
}

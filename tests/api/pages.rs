//! The HTML pages as a browser uses them: login cookie, language switch, CSRF, user forms.

use crate::helpers::*;
use reqwest::StatusCode;

async fn sign_in(app: &TestApp, client: &reqwest::Client) {
    let res = client
        .post(app.url("/login"))
        .form(&[
            ("email", ADMIN_EMAIL),
            ("password", ADMIN_PASSWORD),
            ("next", "/users"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/users");
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
}

#[tokio::test]
async fn a_visitor_is_sent_to_login_and_the_login_page_speaks_indonesian() {
    let app = spawn_app().await;
    let client = browser(&app);
    let res = client.get(app.url("/users")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/login?next=%2Fusers");
    let html = client
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let page = Page::parse(&html);
    assert_eq!(page.attrs("html", "lang"), ["id"], "Indonesian by default");
    assert_eq!(page.count("form input[name=email]"), 1, "the sign-in form");
    assert_eq!(page.count("form input[name=password][type=password]"), 1);
}

#[tokio::test]
async fn an_admin_signs_in_switches_language_and_creates_a_committee_user() {
    let app = spawn_app().await;
    let client = browser(&app);
    sign_in(&app, &client).await;

    let home = client
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let page = Page::parse(&home);
    assert_eq!(page.attrs("html", "lang"), ["id"]);
    assert!(
        page.texts("h1")[0].contains("Administrator"),
        "welcomed by name"
    );

    let res = client
        .get(app.url("/lang/en?next=%2F"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let home = client
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let page = Page::parse(&home);
    assert_eq!(page.attrs("html", "lang"), ["en"], "switched to English");
    assert!(page.texts("h1")[0].contains("Administrator"), "{home}");

    let res = client
        .post(app.url("/users"))
        .form(&[
            ("name", "Panitia Bailang"),
            ("email", "panitia@bailang.test"),
            ("role", "committee"),
            ("affiliation", "Bapperida"),
            ("password", "panitia-123"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let list = client
        .get(app.url("/users?notice=user_created"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let page = Page::parse(&list);
    assert!(page
        .texts("table td")
        .contains(&"panitia@bailang.test".to_string()));
    assert_eq!(page.count("p.notice[role=status]"), 1, "the created notice");
    app.token("panitia@bailang.test", "panitia-123").await;
}

#[tokio::test]
async fn a_refused_form_shows_the_error_next_to_the_field_and_keeps_the_values() {
    let app = spawn_app().await;
    let client = browser(&app);
    sign_in(&app, &client).await;
    let res = client
        .post(app.url("/users"))
        .form(&[
            ("name", "Juri <script>alert(1)</script>"),
            ("email", "not-an-email"),
            ("role", "judge"),
            ("password", "long-enough"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    let page = Page::parse(&html);
    assert_eq!(page.attrs("input[name=email]", "aria-invalid"), ["true"]);
    assert_eq!(
        page.attrs("input[name=email]", "aria-describedby"),
        ["email-error"]
    );
    assert_eq!(page.count("span.field-error#email-error"), 1);
    assert_eq!(
        page.attrs("input[name=email]", "value"),
        ["not-an-email"],
        "the typed value is kept"
    );
    assert!(html.contains("Juri &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script>alert(1)"));
}

#[tokio::test]
async fn cookie_form_posts_without_same_origin_proof_are_refused() {
    let app = spawn_app().await;
    let client = browser(&app);
    sign_in(&app, &client).await;
    // Same cookies, but the request claims to come from another site.
    let res = client
        .post(app.url("/users"))
        .header("origin", "https://evil.example")
        .form(&[
            ("name", "X"),
            ("email", "x@evil.example"),
            ("role", "admin"),
            ("password", "long-enough"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    // And with neither Origin nor Referer: a client without the default Origin header.
    let bare = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let token_cookie = {
        let res = bare
            .post(app.url("/login"))
            .header("origin", &app.address)
            .form(&[("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD)])
            .send()
            .await
            .unwrap();
        let c = res.headers()["set-cookie"].to_str().unwrap();
        c.split(';').next().unwrap().to_string()
    };
    let res = bare
        .post(app.url("/users"))
        .header("cookie", token_cookie)
        .form(&[
            ("name", "X"),
            ("email", "x@evil.example"),
            ("role", "admin"),
            ("password", "long-enough"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let admin = app.admin_token().await;
    let list = app.get("/api/v1/users", &admin).await.text().await.unwrap();
    assert!(!list.contains("x@evil.example"));
}

#[tokio::test]
async fn login_from_a_foreign_origin_is_refused() {
    let app = spawn_app().await;
    let res = app
        .api
        .post(app.url("/login"))
        .header("origin", "https://evil.example")
        .form(&[("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.headers().get("set-cookie").is_none());
}

#[tokio::test]
async fn logout_from_the_page_ends_the_session() {
    let app = spawn_app().await;
    let client = browser(&app);
    sign_in(&app, &client).await;
    let res = client.post(app.url("/logout")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = client.get(app.url("/")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_stylesheet_is_served_from_the_binary() {
    let app = spawn_app().await;
    let res = app
        .api
        .get(app.url("/static/app.css"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("@media print"));
}

#[tokio::test]
async fn the_fixture_builds_a_contest_whose_judges_can_sign_in() {
    let app = spawn_app().await;
    let f = crate::fixtures::build(&app, crate::fixtures::Spec::default());
    assert_eq!(f.entries.len(), 3);
    assert_eq!(f.criteria.iter().map(|c| c.weight).sum::<i32>(), 100);
    crate::fixtures::submit_sheet(&app, &f, 0, 0, &[80, 90, 70, 60, 100]);
    let token = app
        .token(&f.judges[0].email, crate::fixtures::JUDGE_PASSWORD)
        .await;
    let (_, me) = app.get_json("/api/v1/me", &token).await;
    assert_eq!(me["role"], "judge");
}

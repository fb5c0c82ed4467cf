//! Security as an attacker would try it: hostile text in every free-text field, other judges'
//! and other contests' data, and the public pages before publication.

use crate::client::urls;
use crate::fixtures::{self, Spec};
use crate::helpers::*;
use diesel::prelude::*;
use juri::db::schema::{contests, entries, users};
use reqwest::StatusCode;
use serde_json::json;

const HOSTILE: &str = "<script>alert('x')</script><img src=x onerror=alert(1)>";

#[tokio::test]
async fn hostile_text_is_escaped_on_every_page() {
    let app = spawn_app().await;
    let f = fixtures::build(&app, Spec::default());
    {
        let mut conn = fixtures::conn(&app);
        diesel::update(entries::table.filter(entries::contest_id.eq(&f.contest_id)))
            .set((
                entries::title.eq(HOSTILE),
                entries::innovator.eq(HOSTILE),
                entries::unit.eq(HOSTILE),
                entries::description.eq(HOSTILE),
            ))
            .execute(&mut *conn)
            .unwrap();
        diesel::update(contests::table.find(&f.contest_id))
            .set(contests::name.eq(HOSTILE))
            .execute(&mut *conn)
            .unwrap();
        diesel::update(users::table.filter(users::id.eq(&f.judges[0].id)))
            .set(users::name.eq(HOSTILE))
            .execute(&mut *conn)
            .unwrap();
    }
    for j in 0..2 {
        for e in 0..3 {
            fixtures::submit_sheet(&app, &f, j, e, &[80, 70, 60, 50, 40 + e as i32]);
        }
    }
    let judge = browser(&app);
    judge
        .post(app.url("/login"))
        .form(&[
            ("email", f.judges[0].email.as_str()),
            ("password", fixtures::JUDGE_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    let admin = signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let c = &f.contest_id;
    let mut pages = vec![
        (judge.clone(), "/".to_string()),
        (
            judge.clone(),
            format!("/contests/{c}/entries/{}/sheet", f.entries[0].id),
        ),
    ];
    for path in [
        "",
        "/entries",
        "/judges",
        "/assignments",
        "/monitor",
        "/results",
        "/audit",
        "/berita-acara",
        "/piagam",
    ] {
        pages.push((admin.clone(), format!("/contests/{c}{path}")));
    }
    pages.push((admin.clone(), "/".to_string()));
    pages.push((admin.clone(), "/contests".to_string()));
    for (client, path) in pages {
        let res = client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let html = res.text().await.unwrap();
        assert!(!html.contains("<script>alert"), "raw script on {path}");
        assert!(!html.contains("<img src=x"), "raw img on {path}");
    }
    // Publish, then the public announcement.
    {
        let mut conn = fixtures::conn(&app);
        diesel::update(contests::table.find(c))
            .set(contests::phase.eq("closed"))
            .execute(&mut *conn)
            .unwrap();
    }
    let token = app.admin_token().await;
    assert_eq!(
        app.post(&urls::publish(c), &token, &json!({}))
            .await
            .status(),
        StatusCode::OK
    );
    let html = app
        .api
        .get(app.url(&format!("/public/contests/{c}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("&lt;script&gt;") && !html.contains("<script>alert"));
}

#[tokio::test]
async fn a_judge_cannot_reach_other_contests_or_staff_data() {
    let app = spawn_app().await;
    let f = fixtures::build(&app, Spec::default());
    let other = fixtures::build(&app, Spec::default());
    let t = app
        .token(&f.judges[0].email, fixtures::JUDGE_PASSWORD)
        .await;
    let o = &other.contest_id;
    for path in [
        urls::contest(o),
        urls::results(o),
        urls::monitor(o),
        urls::entries(o),
        urls::export_csv(o),
        urls::audit(o),
        format!(
            "/api/v1/contests/{}/entries/{}/sheet",
            o, other.entries[0].id
        ),
        "/api/v1/users".to_string(),
    ] {
        assert_eq!(
            app.get(&path, &t).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    // A committee user manages contests but not users.
    let admin = app.admin_token().await;
    app.create_user(&admin, "panitia@test.local", "committee", "committee-pass")
        .await;
    let committee = app.token("panitia@test.local", "committee-pass").await;
    assert_eq!(
        app.get("/api/v1/users", &committee).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get(&urls::results(o), &committee).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn redirects_never_leave_the_site() {
    let app = spawn_app().await;
    for next in [
        "/%09/evil.example",
        "//evil.example",
        "/%5Cevil.example",
        "/%0D%0A/x",
        "/a%00b",
    ] {
        let res = app
            .api
            .get(app.url(&format!("/lang/en?next={next}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{next}");
        assert_eq!(res.headers()["location"], "/", "{next}");
    }
    // The same after signing in through the form, and never a 500.
    for next in ["/\t/evil.example", "/\r\n/evil.example", "/a\0b"] {
        let client = browser(&app);
        let res = client
            .post(app.url("/login"))
            .form(&[
                ("email", ADMIN_EMAIL),
                ("password", ADMIN_PASSWORD),
                ("next", next),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{next:?}");
        assert_eq!(res.headers()["location"], "/", "{next:?}");
    }
    // A local path is still followed.
    let res = app
        .api
        .get(app.url("/lang/en?next=/users"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/users");
}

#[tokio::test]
async fn invisible_characters_neither_hide_a_conflict_nor_enter_a_name() {
    let app = spawn_app().await;
    let staff = app.as_admin().await;
    let (_, contest) = staff.bailang("Uji konflik").await;
    let id = contest["id"].as_str().unwrap();
    let skpd = contest["clusters"][0]["id"].as_str().unwrap();
    let (s, entry) = staff
        .add_entry(
            id,
            &json!({"cluster_id": skpd, "title": "Bank Sampah", "innovator": "Tim", "unit": "Dinas Lingkungan Hidup"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{entry}");
    // A zero-width space in an affiliation or a name is refused at the door.
    let (s, b) = staff
        .add_judge(
            id,
            &json!({"name": "Rina", "email": "rina@juri.example", "password": "judge-pass-1", "affiliation": "Dinas \u{200b}Lingkungan Hidup"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert_eq!(error_of(&b)["field"], "affiliation");
    assert_eq!(error_of(&b)["reason"], "hidden_character");
    // So is a look-alike email.
    let (s, b) = app
        .post_json(
            "/api/v1/users",
            &staff.token,
            &json!({"email": "admin@test.local\u{200b}", "name": "Admin", "role": "admin", "password": "long-enough-1"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert_eq!(error_of(&b)["field"], "email");
    // A full-width letter is allowed in a name, and still matches the unit it reads as.
    let (s, judge) = staff
        .add_judge(
            id,
            &json!({"name": "Rina", "email": "rina@juri.example", "password": "judge-pass-1", "affiliation": "\u{ff24}inas Lingkungan Hidup"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{judge}");
    let (s, b) = staff
        .assign(
            id,
            judge["id"].as_str().unwrap(),
            entry["id"].as_str().unwrap(),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{b}");
    assert_eq!(error_of(&b)["reason"], "conflict_of_interest");
}

#[tokio::test]
async fn every_answer_carries_the_security_headers_and_pages_need_no_inline_script() {
    let app = spawn_app().await;
    let f = fixtures::build(&app, Spec::default());
    let judge = signed_in(&app, &f.judges[0].email, fixtures::JUDGE_PASSWORD).await;
    let sheet = judge
        .get(app.url(&format!(
            "/contests/{}/entries/{}/sheet",
            f.contest_id, f.entries[0].id
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(sheet.status(), StatusCode::OK);
    let csp = sheet.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("script-src 'self';"), "{csp}");
    assert!(!csp.contains("script-src 'self' 'unsafe-inline'"), "{csp}");
    assert_eq!(sheet.headers()["x-content-type-options"], "nosniff");
    assert_eq!(sheet.headers()["referrer-policy"], "same-origin");
    assert_eq!(
        sheet.headers()["cache-control"],
        "no-store",
        "a personal page"
    );
    // The page satisfies the policy: every script is a file of this site.
    let page = Page::parse(&sheet.text().await.unwrap());
    assert_eq!(page.count("script"), page.count("script[src^='/static/']"));
    assert!(page.count("script") >= 1, "the live total's script");
    let script = app
        .api
        .get(app.url("/static/sheet.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(script.status(), StatusCode::OK);
    assert!(script.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    // The token's answer is not cached either.
    let res = app.login_response(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert_eq!(res.headers()["cache-control"], "no-store");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn the_session_cookie_is_secure_over_https_behind_a_trusted_proxy_only() {
    let cookie_of =
        |res: &reqwest::Response| res.headers()["set-cookie"].to_str().unwrap().to_string();
    let sign_in = |app: &TestApp, https: bool| {
        let mut req = browser(app)
            .post(app.url("/login"))
            .form(&[("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD)]);
        if https {
            req = req.header("x-forwarded-proto", "https");
        }
        req.send()
    };
    // No proxy configured: the header is anyone's to send and changes nothing.
    let app = spawn_app().await;
    let plain = sign_in(&app, true).await.unwrap();
    assert!(
        !cookie_of(&plain).contains("Secure"),
        "{}",
        cookie_of(&plain)
    );
    // Behind a trusted proxy: Secure exactly when it says https.
    let app = spawn_with(|c| c.trust_forwarded_proto = true).await;
    let https = sign_in(&app, true).await.unwrap();
    assert!(
        cookie_of(&https).contains("Secure"),
        "{}",
        cookie_of(&https)
    );
    let http = sign_in(&app, false).await.unwrap();
    assert!(!cookie_of(&http).contains("Secure"), "{}", cookie_of(&http));
}

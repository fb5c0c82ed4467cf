//! The judge's pages as a phone browser uses them (no JavaScript needed).

use crate::fixtures::{self, Fixture, Spec};
use crate::helpers::*;
use reqwest::StatusCode;

async fn judge_browser(app: &TestApp, f: &Fixture, j: usize) -> reqwest::Client {
    signed_in(app, &f.judges[j].email, fixtures::JUDGE_PASSWORD).await
}

fn form(f: &Fixture, values: &[&str], action: &str, version: &str) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = f
        .criteria
        .iter()
        .zip(values)
        .map(|(c, v)| (format!("score_{}", c.id), v.to_string()))
        .collect();
    fields.push(("comment".into(), "Catatan lapangan".into()));
    fields.push(("version".into(), version.into()));
    fields.push(("action".into(), action.into()));
    fields
}

#[tokio::test]
async fn the_judge_home_lists_assignments_with_status_and_progress() {
    let app = spawn_app().await;
    let f = fixtures::build(&app, Spec::default());
    fixtures::submit_sheet(&app, &f, 0, 0, &[80, 80, 80, 80, 80]);
    let client = judge_browser(&app, &f, 0).await;
    let html = client
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let page = Page::parse(&html);
    assert_eq!(page.count("h2"), 1, "the section of assigned entries");
    // Progress: 1 of 3 submitted, as the bar's values and its label.
    assert_eq!(page.attrs("div.progress", "aria-valuenow"), ["1"]);
    assert_eq!(page.attrs("div.progress", "aria-valuemax"), ["3"]);
    assert!(page.texts("div.progress + small")[0].contains('1'));
    // One submitted badge, two pending ones.
    assert_eq!(page.count("ul.entries li .badge.ok"), 1);
    assert_eq!(page.count("ul.entries li .badge:not(.ok):not(.warn)"), 2);
    let titles = page.texts("ul.entries li a");
    for e in &f.entries {
        assert!(titles.contains(&e.title), "{} in {titles:?}", e.title);
    }
}

#[tokio::test]
async fn a_judge_saves_a_draft_then_submits_through_the_form() {
    let app = spawn_app().await;
    let f = fixtures::build(&app, Spec::default());
    let client = judge_browser(&app, &f, 0).await;
    let url = app.url(&format!(
        "/contests/{}/entries/{}/sheet",
        f.contest_id, f.entries[0].id
    ));
    let html = client.get(&url).send().await.unwrap().text().await.unwrap();
    let page = Page::parse(&html);
    assert_eq!(
        page.attrs("button[name=action]", "value"),
        ["draft", "submit"]
    );
    let legends = page.texts("fieldset.criterion legend");
    assert_eq!(legends.len(), 5, "one field per criterion: {legends:?}");
    assert_eq!(legends[0], f.criteria[0].name);
    assert_eq!(
        page.attrs("input[name^=score_]", "inputmode"),
        ["numeric"; 5],
        "a number pad on phones"
    );
    assert!(
        page.count("fieldset.criterion ul.levels li") >= 5,
        "level descriptors are shown"
    );

    let res = client
        .post(&url)
        .form(&form(&f, &["80", "90", "", "", ""], "draft", "0"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let html = client
        .get(app.url(res.headers()["location"].to_str().unwrap()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let page = Page::parse(&html);
    assert_eq!(page.count("p.notice"), 1, "the saved notice");
    assert_eq!(
        page.texts("#live-total"),
        ["46.50"],
        "the server's weighted total"
    );

    // Submitting with a criterion left empty: 422, the message next to that criterion, values kept.
    let res = client
        .post(&url)
        .form(&form(&f, &["80", "90", "", "60", "100"], "submit", "1"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    let page = Page::parse(&html);
    let missing = format!("input[name=score_{}]", f.criteria[2].id);
    assert_eq!(page.attrs(&missing, "aria-invalid"), ["true"]);
    let errors = page.texts("fieldset.criterion span.field-error");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with(&f.criteria[2].name), "{errors:?}");
    let kept = format!("input[name=score_{}]", f.criteria[3].id);
    assert_eq!(page.attrs(&kept, "value"), ["60"], "typed values kept");

    // Not a number.
    let res = client
        .post(&url)
        .form(&form(
            &f,
            &["delapan", "90", "70", "60", "100"],
            "submit",
            "1",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::parse(&res.text().await.unwrap());
    let wrong = format!("input[name=score_{}]", f.criteria[0].id);
    assert_eq!(page.attrs(&wrong, "aria-invalid"), ["true"]);
    assert_eq!(page.count("fieldset.criterion span.field-error"), 1);

    let res = client
        .post(&url)
        .form(&form(&f, &["80", "90", "70", "60", "100"], "submit", "1"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let html = client
        .get(app.url(res.headers()["location"].to_str().unwrap()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let page = Page::parse(&html);
    assert_eq!(page.count("p.notice"), 1, "the submitted notice");
    assert_eq!(page.texts("#live-total"), ["79.50"]);
    assert_eq!(page.count(".badge.ok"), 1, "the status says submitted");
}

#[tokio::test]
async fn a_stale_form_shows_the_newer_values() {
    let app = spawn_app().await;
    let f = fixtures::build(&app, Spec::default());
    let client = judge_browser(&app, &f, 0).await;
    let url = app.url(&format!(
        "/contests/{}/entries/{}/sheet",
        f.contest_id, f.entries[0].id
    ));
    let res = client
        .post(&url)
        .form(&form(&f, &["81", "", "", "", ""], "draft", "0"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // A second tab still shows version 0.
    let res = client
        .post(&url)
        .form(&form(&f, &["12", "", "", "", ""], "draft", "0"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let html = res.text().await.unwrap();
    assert!(html.contains("Lembar ini telah diubah di perangkat atau tab lain."));
    assert!(html.contains("value=\"81\""), "the newer value is shown");
    assert!(!html.contains("value=\"12\""));
}

#[tokio::test]
async fn a_judge_recuses_from_the_sheet_page() {
    let app = spawn_app().await;
    let f = fixtures::build(&app, Spec::default());
    let client = judge_browser(&app, &f, 0).await;
    let url = app.url(&format!(
        "/contests/{}/entries/{}/recusal",
        f.contest_id, f.entries[2].id
    ));
    let res = client
        .post(&url)
        .form(&[("reason", "Unit ini dipimpin kerabat saya")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let html = client
        .get(app.url("/?notice=recused"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Konflik kepentingan dicatat"));
    assert!(!html.contains(&f.entries[2].title));
}

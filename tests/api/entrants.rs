//! Entrants (pengusul) through the API: registered by the committee with a one-time
//! set-password link, confined to their own unit's entries and documents, writing only while
//! registration is open; their drafts keep judging from opening.

use crate::client::urls;
use crate::fixtures::{self, Spec};
use crate::helpers::{error_of, json_of, refused, spawn_app, TestApp};
use juri::model::Phase;
use reqwest::StatusCode;
use serde_json::{json, Value};

const ENTRANT_PASSWORD: &str = "pengusul-rahasia-1";

fn in_setup(app: &TestApp, clusters: usize) -> fixtures::Fixture {
    fixtures::build(
        app,
        Spec {
            clusters,
            phase: Phase::Setup,
            ..Spec::default()
        },
    )
}

fn entrants_url(f: &fixtures::Fixture) -> String {
    format!("{}/entrants", urls::contest(&f.contest_id))
}

/// The token part of a set-password address.
fn token_of(url: &str) -> String {
    url.rsplit('/').next().unwrap().to_string()
}

/// Registers an entrant of `unit` without a password, sets one through its link, signs in.
async fn entrant(
    app: &TestApp,
    admin: &str,
    f: &fixtures::Fixture,
    (email, unit): (&str, &str),
    clusters: Option<Vec<&str>>,
) -> String {
    let (status, body) = app
        .post_json(
            &entrants_url(f),
            admin,
            &json!({"name": format!("Pengusul {unit}"), "email": email, "unit": unit, "cluster_ids": clusters}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let url = body["set_password_url"].as_str().unwrap();
    let set = json!({"token": token_of(url), "password": ENTRANT_PASSWORD});
    let res = app.post("/api/v1/set-password", "", &set).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    app.token(email, ENTRANT_PASSWORD).await
}

async fn open_registration(app: &TestApp, admin: &str, f: &fixtures::Fixture, deadline: Value) {
    let (status, body) = app
        .patch_json(
            &urls::contest(&f.contest_id),
            admin,
            &json!({"registration_open": true, "registration_deadline": deadline}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["registration_open"], true);
}

/// Files an entry as `token` in cluster `cluster` of the fixture.
async fn file(
    app: &TestApp,
    token: &str,
    f: &fixtures::Fixture,
    cluster: usize,
    title: &str,
) -> (StatusCode, Value) {
    app.post_json(
        &urls::entries(&f.contest_id),
        token,
        &new_entry(f, cluster, title),
    )
    .await
}

fn new_entry(f: &fixtures::Fixture, cluster: usize, title: &str) -> Value {
    json!({"cluster_id": f.clusters[cluster], "title": title, "innovator": "Tim Puskesmas",
           "unit": "Dinas Lain", "description": "Layanan jemput bola."})
}

#[tokio::test]
async fn a_set_password_link_works_once_for_seven_days() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let f = in_setup(&app, 1);
    let (status, body) = app
        .post_json(
            &entrants_url(&f),
            &admin,
            &json!({"name": "Puskesmas Paringin", "email": "pkm@paringin.id", "unit": "Puskesmas Paringin"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["unit"], "Puskesmas Paringin");
    assert_eq!(body["cluster_ids"], Value::Null);
    let url = body["set_password_url"].as_str().unwrap().to_string();
    assert!(
        url.starts_with(&app.address) && url.contains("/set-password/"),
        "{url}"
    );
    let expires =
        chrono::DateTime::parse_from_rfc3339(body["set_password_expires_at"].as_str().unwrap())
            .unwrap();
    let days = (expires.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_hours();
    assert!((167..=168).contains(&days), "{days} hours");
    // Until the link is used, no password signs in.
    let res = app
        .login_response("pkm@paringin.id", "unused-placeholder")
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // The link's page greets the account; the token is not stored in the clear.
    let page = app.api.get(&url).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("pkm@paringin.id"));
    let token = token_of(&url);
    let short = json!({"token": token, "password": "pendek"});
    let answer = json_of(app.post("/api/v1/set-password", "", &short).await).await;
    refused(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "password",
        "password_short",
    );
    let set = json!({"token": token, "password": ENTRANT_PASSWORD});
    assert_eq!(
        app.post("/api/v1/set-password", "", &set).await.status(),
        StatusCode::NO_CONTENT
    );
    app.token("pkm@paringin.id", ENTRANT_PASSWORD).await;
    // Used twice: refused, and the password stays.
    let again = json!({"token": token, "password": "another-password-2"});
    let answer = json_of(app.post("/api/v1/set-password", "", &again).await).await;
    refused(&answer, StatusCode::CONFLICT, "token", "link_used");
    assert_eq!(
        app.api.get(&url).send().await.unwrap().status(),
        StatusCode::CONFLICT
    );
    let unknown = json!({"token": "not-a-token", "password": ENTRANT_PASSWORD});
    let answer = json_of(app.post("/api/v1/set-password", "", &unknown).await).await;
    assert_eq!(answer.0, StatusCode::NOT_FOUND);
    // A new link ends the unused one before it.
    let user_id = body["id"].as_str().unwrap();
    let link_url = format!("{}/{user_id}/link", entrants_url(&f));
    let first = app.post_json(&link_url, &admin, &json!({})).await;
    let second = app.post_json(&link_url, &admin, &json!({})).await;
    assert_eq!(first.0, StatusCode::CREATED);
    let stale = json!({"token": token_of(first.1["set_password_url"].as_str().unwrap()), "password": "another-password-2"});
    let answer = json_of(app.post("/api/v1/set-password", "", &stale).await).await;
    refused(&answer, StatusCode::CONFLICT, "token", "link_expired");
    let fresh = json!({"token": token_of(second.1["set_password_url"].as_str().unwrap()), "password": "another-password-2"});
    assert_eq!(
        app.post("/api/v1/set-password", "", &fresh).await.status(),
        StatusCode::NO_CONTENT
    );
    app.token("pkm@paringin.id", "another-password-2").await;
    // The committee lists its entrants; a judge may not register one.
    let (status, list) = app.get_json(&entrants_url(&f), &admin).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list.as_array().unwrap().len(), 1);
    let judge = app
        .token(&f.judges[0].email, fixtures::JUDGE_PASSWORD)
        .await;
    let answer = app
        .post_json(
            &entrants_url(&f),
            &judge,
            &json!({"name": "X", "email": "x@x.id", "unit": "X"}),
        )
        .await;
    assert_eq!(answer.0, StatusCode::FORBIDDEN);
    // The same address twice in one contest is a conflict; a judge's address is not an entrant's.
    let twice = app
        .post_json(
            &entrants_url(&f),
            &admin,
            &json!({"name": "P", "email": "pkm@paringin.id", "unit": "Puskesmas Paringin"}),
        )
        .await;
    refused(&twice, StatusCode::CONFLICT, "email", "already_entrant");
    let judge_email = app
        .post_json(
            &entrants_url(&f),
            &admin,
            &json!({"name": "P", "email": f.judges[0].email, "unit": "P"}),
        )
        .await;
    refused(
        &judge_email,
        StatusCode::CONFLICT,
        "email",
        "email_not_entrant",
    );
}

#[tokio::test]
async fn an_entrant_sees_and_writes_only_its_own_unit_while_registration_is_open() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let f = in_setup(&app, 2);
    let own = f.entries[0].clone();
    let other = f.entries[1].clone();
    let token = entrant(
        &app,
        &admin,
        &f,
        ("unit@balangan.id", &own.unit),
        Some(vec![&f.clusters[0]]),
    )
    .await;

    // Reading: only its unit's entries, and nothing of other units.
    let (status, list) = app.get_json(&urls::entries(&f.contest_id), &token).await;
    assert_eq!(status, StatusCode::OK);
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [own.id.as_str()]);
    for url in [
        urls::entry(&f.contest_id, &other.id),
        format!("{}/documents", urls::entry(&f.contest_id, &other.id)),
    ] {
        assert_eq!(
            app.get_json(&url, &token).await.0,
            StatusCode::NOT_FOUND,
            "{url}"
        );
    }
    assert_eq!(
        app.get_json(&urls::entry(&f.contest_id, &own.id), &token)
            .await
            .0,
        StatusCode::OK
    );
    // An entry of its unit in a cluster not opened to it is not its own.
    let (status, elsewhere) = app
        .post_json(
            &urls::entries(&f.contest_id),
            &admin,
            &json!({"cluster_id": f.clusters[1], "title": "Di klaster lain", "innovator": "Tim", "unit": own.unit}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{elsewhere}");
    let (_, list) = app.get_json(&urls::entries(&f.contest_id), &token).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    let url = urls::entry(&f.contest_id, elsewhere["id"].as_str().unwrap());
    assert_eq!(app.get_json(&url, &token).await.0, StatusCode::NOT_FOUND);
    // A judge is refused before any body is read.
    let judge = app
        .token(&f.judges[0].email, fixtures::JUDGE_PASSWORD)
        .await;
    let res = app
        .api
        .post(app.url(&urls::entries(&f.contest_id)))
        .bearer_auth(&judge)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // Nothing of the committee's screens.
    for url in [
        format!("{}/judges", urls::contest(&f.contest_id)),
        entrants_url(&f),
    ] {
        assert_eq!(
            app.get_json(&url, &token).await.0,
            StatusCode::FORBIDDEN,
            "{url}"
        );
    }

    // Registration closed: every write is a 409.
    let closed = file(&app, &token, &f, 0, "LAYAN").await;
    refused(
        &closed,
        StatusCode::CONFLICT,
        "registration_open",
        "registration_closed",
    );
    let closed = app
        .patch_json(
            &urls::entry(&f.contest_id, &own.id),
            &token,
            &json!({"title": "Baru"}),
        )
        .await;
    refused(
        &closed,
        StatusCode::CONFLICT,
        "registration_open",
        "registration_closed",
    );

    open_registration(&app, &admin, &f, Value::Null).await;
    // Filed under its own unit whatever the body says, as a draft.
    let (status, created) = file(&app, &token, &f, 0, "LAYAN").await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["unit"], own.unit.as_str());
    assert_eq!(created["submitted_at"], Value::Null);
    let created_id = created["id"].as_str().unwrap().to_string();
    // Only in the clusters opened to it.
    let elsewhere = file(&app, &token, &f, 1, "X").await;
    refused(
        &elsewhere,
        StatusCode::UNPROCESSABLE_ENTITY,
        "cluster_id",
        "cluster_not_allowed",
    );
    // Edits its own, not another unit's; cannot move it to another unit.
    let (status, edited) = app
        .patch_json(
            &urls::entry(&f.contest_id, &created_id),
            &token,
            &json!({"title": "LAYAN PRIMA", "unit": "Dinas Lain"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{edited}");
    assert_eq!(edited["title"], "LAYAN PRIMA");
    assert_eq!(edited["unit"], own.unit.as_str());
    let foreign = app
        .patch_json(
            &urls::entry(&f.contest_id, &other.id),
            &token,
            &json!({"title": "X"}),
        )
        .await;
    assert_eq!(foreign.0, StatusCode::NOT_FOUND);
    assert_eq!(
        app.delete_json(&urls::entry(&f.contest_id, &other.id), &token)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    // Documents: its own entry's, not another unit's.
    let pdf = b"%PDF-1.7\nproposal".to_vec();
    let upload = |entry: String| {
        let form = reqwest::multipart::Form::new()
            .text("kind", "proposal")
            .part(
                "file",
                reqwest::multipart::Part::bytes(pdf.clone()).file_name("proposal.pdf"),
            );
        app.api
            .post(app.url(&format!("{}/documents", urls::entry(&f.contest_id, &entry))))
            .bearer_auth(&token)
            .multipart(form)
            .send()
    };
    let (status, document) = json_of(upload(created_id.clone()).await.unwrap()).await;
    assert_eq!(status, StatusCode::CREATED, "{document}");
    let res = app.get(document["url"].as_str().unwrap(), &token).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.bytes().await.unwrap().as_ref(), pdf.as_slice());
    let (status, _) = json_of(upload(other.id.clone()).await.unwrap()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // What the committee uploaded to its entry stays: only the committee deletes it.
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(b"%PDF-1.7\nSK".to_vec()).file_name("sk.pdf"),
    );
    let own_documents = format!("{}/documents", urls::entry(&f.contest_id, &own.id));
    let res = app
        .api
        .post(app.url(&own_documents))
        .bearer_auth(&admin)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let (status, committee_document) = json_of(res).await;
    assert_eq!(status, StatusCode::CREATED, "{committee_document}");
    let answer = app
        .delete_json(
            &format!(
                "{own_documents}/{}",
                committee_document["id"].as_str().unwrap()
            ),
            &token,
        )
        .await;
    assert_eq!(answer.0, StatusCode::CONFLICT, "{}", answer.1);
    assert_eq!(error_of(&answer.1)["reason"], "committee_document");

    // Submitting: once.
    let submit = format!("{}/submit", urls::entry(&f.contest_id, &created_id));
    let (status, submitted) = app.post_json(&submit, &token, &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{submitted}");
    assert!(submitted["submitted_at"].is_string());
    let twice = app.post_json(&submit, &token, &json!({})).await;
    assert_eq!(twice.0, StatusCode::CONFLICT);
    assert_eq!(error_of(&twice.1)["reason"], "already_submitted");

    // Its overview: the window and each entry's status.
    let (status, overview) = app.get_json("/api/v1/entrant/contests", &token).await;
    assert_eq!(status, StatusCode::OK, "{overview}");
    let contest = &overview[0];
    assert_eq!(contest["registration"]["open"], true);
    assert_eq!(contest["clusters"].as_array().unwrap().len(), 1);
    let statuses: Vec<(&str, &str)> = contest["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["entry"]["title"].as_str().unwrap(),
                e["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        statuses.contains(&("LAYAN PRIMA", "submitted")),
        "{statuses:?}"
    );
    assert_eq!(statuses.len(), 2);

    // Another contest's entrant sees nothing of this one.
    let g = in_setup(&app, 1);
    let stranger = entrant(&app, &admin, &g, ("lain@balangan.id", &own.unit), None).await;
    let (status, _) = app.get_json(&urls::entries(&f.contest_id), &stranger).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // A deadline in the past closes the window again.
    open_registration(&app, &admin, &f, json!("2020-01-01T00:00:00Z")).await;
    let late = file(&app, &token, &f, 0, "TELAT").await;
    refused(
        &late,
        StatusCode::CONFLICT,
        "registration_open",
        "registration_closed",
    );
    let bad = app
        .patch_json(
            &urls::contest(&f.contest_id),
            &admin,
            &json!({"registration_deadline": "besok"}),
        )
        .await;
    refused(
        &bad,
        StatusCode::UNPROCESSABLE_ENTITY,
        "registration_deadline",
        "registration_deadline_invalid",
    );
}

#[tokio::test]
async fn drafts_keep_judging_from_opening_and_judging_closes_registration() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let f = in_setup(&app, 1);
    let token = entrant(
        &app,
        &admin,
        &f,
        ("unit@balangan.id", &f.entries[0].unit),
        None,
    )
    .await;
    open_registration(&app, &admin, &f, Value::Null).await;
    let (status, draft) = file(&app, &token, &f, 0, "DRAF SAJA").await;
    assert_eq!(status, StatusCode::CREATED);
    let draft_id = draft["id"].as_str().unwrap().to_string();
    // The committee assigns it, but it is still a draft: judging does not open.
    let judges: Vec<&str> = f.judges.iter().map(|j| j.id.as_str()).collect();
    let assign = app
        .post_json(
            &format!("{}/assignments", urls::contest(&f.contest_id)),
            &admin,
            &json!({"judge_id": judges[0], "entry_id": draft_id}),
        )
        .await;
    assert_eq!(assign.0, StatusCode::CREATED, "{}", assign.1);
    let open = app
        .post_json(
            &urls::phase(&f.contest_id),
            &admin,
            &json!({"phase": "judging"}),
        )
        .await;
    assert_eq!(open.0, StatusCode::CONFLICT, "{}", open.1);
    let details = error_of(&open.1)["details"].to_string();
    assert!(details.contains("DRAF SAJA"), "{details}");
    // Submitted, it opens; the entrant's entries are then read-only.
    let submit = format!("{}/submit", urls::entry(&f.contest_id, &draft_id));
    assert_eq!(
        app.post_json(&submit, &token, &json!({})).await.0,
        StatusCode::OK
    );
    let open = app
        .post_json(
            &urls::phase(&f.contest_id),
            &admin,
            &json!({"phase": "judging"}),
        )
        .await;
    assert_eq!(open.0, StatusCode::OK, "{}", open.1);
    let late = app
        .patch_json(
            &urls::entry(&f.contest_id, &draft_id),
            &token,
            &json!({"title": "Ubah"}),
        )
        .await;
    refused(
        &late,
        StatusCode::CONFLICT,
        "registration_open",
        "registration_closed",
    );
    let (status, list) = app.get_json(&urls::entries(&f.contest_id), &token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list.as_array().unwrap().len(), 2);
    // Opening registration now is refused: only in the first stage's setup.
    let reopen = app
        .patch_json(
            &urls::contest(&f.contest_id),
            &admin,
            &json!({"registration_open": true}),
        )
        .await;
    assert_eq!(reopen.0, StatusCode::CONFLICT);
}

#[tokio::test]
async fn the_committee_and_the_entrant_do_it_all_on_their_screens() {
    use crate::helpers::{browser, signed_in, Page};
    let app = spawn_app().await;
    let f = in_setup(&app, 1);
    let committee = signed_in(
        &app,
        crate::helpers::ADMIN_EMAIL,
        crate::helpers::ADMIN_PASSWORD,
    )
    .await;
    let screen = app.url(&format!("/contests/{}/entrants", f.contest_id));
    // Registration opened on the entrants' screen.
    let res = committee
        .post(app.url(&format!("/contests/{}/registration", f.contest_id)))
        .form(&[
            ("registration_open", "true"),
            ("registration_deadline", "2099-12-31T23:59"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // Judged blind: the entrant is told to keep names and logos out of its documents.
    let admin = app.admin_token().await;
    let (status, _) = app
        .patch_json(
            &urls::contest(&f.contest_id),
            &admin,
            &json!({"blind": true}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    // An entrant added without a password: the screen shows its link once.
    let unit = f.entries[0].unit.clone();
    let res = committee
        .post(&screen)
        .form(&[
            ("name", "Dinas Kesehatan"),
            ("email", "dinkes@balangan.id"),
            ("unit", unit.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let page = Page::parse(&res.text().await.unwrap());
    let link = page
        .texts("code")
        .into_iter()
        .find(|t| t.contains("/set-password/"))
        .expect("the link");
    assert!(page.texts("td").iter().any(|t| t == &unit));
    // A refused form names its field.
    let res = committee
        .post(&screen)
        .form(&[("name", "X"), ("email", "bukan-email"), ("unit", "X")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        Page::parse(&res.text().await.unwrap()).count("#email-error"),
        1
    );

    // The entrant sets its password on the link's page (twice the same), then signs in.
    let entrant = browser(&app);
    let res = entrant.get(&link).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let differ = entrant
        .post(&link)
        .form(&[("password", ENTRANT_PASSWORD), ("repeat", "lain-lagi-123")])
        .send()
        .await
        .unwrap();
    assert_eq!(differ.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = entrant
        .post(&link)
        .form(&[("password", ENTRANT_PASSWORD), ("repeat", ENTRANT_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        entrant.get(&link).send().await.unwrap().status(),
        StatusCode::CONFLICT
    );
    let entrant = signed_in(&app, "dinkes@balangan.id", ENTRANT_PASSWORD).await;

    // Its home lists the unit's entry, with the window and the way to file another.
    let home = crate::helpers::page_of(&entrant, &app.url("/")).await;
    let links = home.attrs("ul.entrant-entries a", "href");
    assert_eq!(links.len(), 1, "{links:?}");
    let new = format!("/entrant/contests/{}/entries/new", f.contest_id);
    assert!(home.attrs("a.button", "href").contains(&new));
    // Files a new entry through the form: a draft, under its own unit.
    let res = entrant
        .post(app.url(&format!("/entrant/contests/{}/entries", f.contest_id)))
        .form(&[
            ("cluster_id", f.clusters[0].as_str()),
            ("title", "SEHATI"),
            ("innovator", "Tim Dinkes"),
            ("description", "Layanan kesehatan keliling."),
            ("link", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let entry_page = res.headers()["location"]
        .to_str()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_string();
    // Uploads its proposal, then submits.
    let form = reqwest::multipart::Form::new()
        .text("kind", "proposal")
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"%PDF-1.7\nSEHATI".to_vec()).file_name("sehati.pdf"),
        );
    let res = entrant
        .post(app.url(&format!("{entry_page}/documents")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = crate::helpers::page_of(&entrant, &app.url(&entry_page)).await;
    assert_eq!(page.texts("td a"), ["sehati.pdf"]);
    assert_eq!(page.count("div.alert"), 1, "the blind contest's warning");
    let res = entrant
        .post(app.url(&format!("{entry_page}/submit")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = crate::helpers::page_of(&entrant, &app.url(&entry_page)).await;
    assert_eq!(
        page.count(&format!("form[action=\"{entry_page}/submit\"]")),
        0
    );
    // Another unit's entry, and the committee's screens, are not the entrant's.
    let foreign = format!(
        "/entrant/contests/{}/entries/{}",
        f.contest_id, f.entries[1].id
    );
    assert_eq!(
        entrant
            .get(app.url(&foreign))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        entrant.get(&screen).send().await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        entrant
            .get(app.url(&format!("/contests/{}/entries", f.contest_id)))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn once_published_an_entrant_reads_its_entrys_report_beside_the_cluster() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let f = fixtures::build(&app, Spec::default());
    let sheets = [
        (0, 0, 80, "Perlu data pembanding."),
        (1, 0, 60, ""),
        (0, 1, 90, "Sangat baik."),
        (1, 1, 90, ""),
        (0, 2, 40, ""),
        (1, 2, 50, ""),
    ];
    for (judge, entry, score, comment) in sheets {
        let token = app
            .token(&f.judges[judge].email, fixtures::JUDGE_PASSWORD)
            .await;
        let mut body = fixtures::submitted_sheet(&f, &[score; 5]);
        body["comment"] = json!(comment);
        let (status, answer) = app
            .put_json(
                &format!("{}/sheet", urls::entry(&f.contest_id, &f.entries[entry].id)),
                &token,
                &body,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{answer}");
    }
    // Registered after judging began: an agency may need its account only for its report.
    let (status, added) = app
        .post_json(
            &entrants_url(&f),
            &admin,
            &json!({"name": "Dinas", "email": "dinas@balangan.id", "unit": f.entries[0].unit, "password": ENTRANT_PASSWORD}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    assert!(added.get("set_password_url").is_none());
    let token = app.token("dinas@balangan.id", ENTRANT_PASSWORD).await;
    let report_url = format!("{}/report", urls::entry(&f.contest_id, &f.entries[0].id));
    let early = app.get_json(&report_url, &token).await;
    assert_eq!(early.0, StatusCode::CONFLICT);
    assert_eq!(error_of(&early.1)["reason"], "not_published");

    let closed = app
        .post_json(
            &urls::phase(&f.contest_id),
            &admin,
            &json!({"phase": "closed"}),
        )
        .await;
    assert_eq!(closed.0, StatusCode::OK, "{}", closed.1);
    let published = app
        .post_json(
            &urls::phase(&f.contest_id),
            &admin,
            &json!({"phase": "published"}),
        )
        .await;
    assert_eq!(published.0, StatusCode::OK, "{}", published.1);

    let (status, report) = app.get_json(&report_url, &token).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    // Entry 0: 70 from (80 + 60) / 2; the cluster (70 + 90 + 45) / 3 = 68.33.
    assert_eq!(report["rank"], 2);
    assert_eq!(report["prize"], "Juara II");
    let stage = &report["stages"][0];
    assert_eq!(
        stage["score"],
        json!({"own": "70.00", "cluster_mean": "68.33"})
    );
    assert_eq!(stage["criteria"].as_array().unwrap().len(), 5);
    assert_eq!(stage["criteria"][0]["own"], "70.00");
    assert_eq!(stage["criteria"][0]["cluster_mean"], "68.33");
    // The comments only once the committee releases them, and never whose they are.
    assert_eq!(report["comments"], Value::Null);
    let (status, _) = app
        .patch_json(
            &urls::contest(&f.contest_id),
            &admin,
            &json!({"release_comments": true}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, report) = app.get_json(&report_url, &token).await;
    let comments: Vec<&str> = report["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(comments, ["Perlu data pembanding."]);
    let text = report.to_string();
    assert!(
        !text.contains(&f.judges[0].email) && !text.contains(&f.judges[0].id),
        "{text}"
    );
    // Another unit's report is not the entrant's; its status is on its overview.
    let other = format!("{}/report", urls::entry(&f.contest_id, &f.entries[1].id));
    assert_eq!(app.get_json(&other, &token).await.0, StatusCode::NOT_FOUND);
    let (_, overview) = app.get_json("/api/v1/entrant/contests", &token).await;
    assert_eq!(overview[0]["entries"][0]["status"], "winner");
    assert_eq!(overview[0]["entries"][0]["steps"][0]["step"], "ranked");
    // The entry's screen shows the report.
    let browser = crate::helpers::signed_in(&app, "dinas@balangan.id", ENTRANT_PASSWORD).await;
    let page = browser
        .get(app.url(&format!(
            "/entrant/contests/{}/entries/{}",
            f.contest_id, f.entries[0].id
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let page = crate::helpers::Page::parse(&page.text().await.unwrap());
    assert!(page.texts("td.num").contains(&"68.33".to_string()));
    assert!(page
        .texts("li")
        .iter()
        .any(|t| t.contains("Perlu data pembanding.")));
}

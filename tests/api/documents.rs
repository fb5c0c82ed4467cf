//! Entries' documents through the API: stored once, read whole or in ranges, typed by their
//! bytes, bounded, never public; judges read those of the entries they are assigned to.

use crate::client::urls;
use crate::fixtures::{self, Spec, JUDGE_PASSWORD};
use crate::helpers::{error_of, json_of, spawn_app, spawn_with, TestApp};
use diesel::prelude::*;
use juri::db::schema::{blob_parts, blobs};
use juri::model::Phase;
use reqwest::StatusCode;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// A PDF of `len` bytes (its magic, then bytes that are not all alike).
fn pdf(len: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend((0..len - bytes.len()).map(|i| (i * 31 % 251) as u8));
    bytes
}

fn jpeg() -> Vec<u8> {
    let mut bytes = vec![
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0,
    ];
    bytes.resize(4000, 7);
    bytes
}

/// The default fixture (one cluster, three entries, two judges) with its first stage in setup.
fn in_setup(app: &TestApp) -> fixtures::Fixture {
    fixtures::build(
        app,
        Spec {
            phase: Phase::Setup,
            ..Spec::default()
        },
    )
}

fn documents_url(f: &fixtures::Fixture, entry: usize) -> String {
    format!(
        "{}/documents",
        urls::entry(&f.contest_id, &f.entries[entry].id)
    )
}

async fn upload(
    app: &TestApp,
    token: &str,
    url: &str,
    (name, bytes): (&str, Vec<u8>),
    fields: &[(&str, &str)],
) -> (StatusCode, Value) {
    let mut form = reqwest::multipart::Form::new();
    for (key, value) in fields {
        form = form.text(key.to_string(), value.to_string());
    }
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_string());
    let res = app
        .api
        .post(app.url(url))
        .bearer_auth(token)
        .multipart(form.part("file", part))
        .send()
        .await
        .unwrap();
    json_of(res).await
}

async fn fetch(app: &TestApp, token: &str, url: &str, range: Option<&str>) -> reqwest::Response {
    let mut req = app.api.get(app.url(url)).bearer_auth(token);
    if let Some(range) = range {
        req = req.header("Range", range);
    }
    req.send().await.unwrap()
}

/// How many blobs and how many stored parts there are.
fn stored(app: &TestApp) -> (i64, i64) {
    let mut conn = fixtures::conn(app);
    let c: &mut juri::db::DbConnection = &mut conn;
    (
        blobs::table.count().get_result(c).unwrap(),
        blob_parts::table.count().get_result(c).unwrap(),
    )
}

#[tokio::test]
async fn documents_are_stored_once_read_whole_or_in_ranges_and_never_public() {
    let app = spawn_app().await;
    let f = in_setup(&app);
    let admin = app.admin_token().await;
    let file = pdf(1_300_000);
    let sha = hex::encode(Sha256::digest(&file));
    let criterion = f.criteria[0].id.clone();

    let (status, doc) = upload(
        &app,
        &admin,
        &documents_url(&f, 0),
        ("Proposal \"Inovasi\" 2026.pdf", file.clone()),
        &[("kind", "evidence"), ("criterion_id", &criterion)],
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{doc}");
    assert_eq!(doc["size"], 1_300_000);
    assert_eq!(doc["sha256"], sha.as_str());
    assert_eq!(doc["content_type"], "application/pdf");
    assert_eq!(doc["kind"], "evidence");
    assert_eq!(doc["criterion_id"], criterion.as_str());
    assert_eq!(doc["name"], "Proposal Inovasi 2026.pdf");
    let url = doc["url"].as_str().unwrap().to_string();

    // Whole, with its ETag, type and name; then unchanged; then in ranges.
    let res = fetch(&app, &admin, &url, None).await;
    assert_eq!(res.status(), StatusCode::OK);
    let header = |res: &reqwest::Response, name: &str| {
        res.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    assert_eq!(header(&res, "etag"), format!("\"{sha}\""));
    assert_eq!(header(&res, "content-type"), "application/pdf");
    assert_eq!(header(&res, "x-content-type-options"), "nosniff");
    assert_eq!(header(&res, "accept-ranges"), "bytes");
    assert!(header(&res, "content-disposition").starts_with("inline; filename="));
    assert_eq!(res.bytes().await.unwrap().as_ref(), file.as_slice());
    let res = app
        .api
        .get(app.url(&url))
        .bearer_auth(&admin)
        .header("If-None-Match", format!("\"{sha}\""))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
    // Across the boundary of two stored parts (512 KiB each).
    let res = fetch(&app, &admin, &url, Some("bytes=524200-524399")).await;
    assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(header(&res, "content-range"), "bytes 524200-524399/1300000");
    assert_eq!(res.bytes().await.unwrap().as_ref(), &file[524_200..524_400]);
    let res = fetch(&app, &admin, &url, Some("bytes=-10")).await;
    assert_eq!(
        res.bytes().await.unwrap().as_ref(),
        &file[file.len() - 10..]
    );
    let res = fetch(&app, &admin, &url, Some("bytes=2000000-")).await;
    assert_eq!(res.status(), StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(header(&res, "content-range"), "bytes */1300000");
    // A suffix longer than the file is the whole file; a reversed range is ignored.
    let res = fetch(&app, &admin, &url, Some("bytes=-2000000")).await;
    assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(header(&res, "content-range"), "bytes 0-1299999/1300000");
    let res = fetch(&app, &admin, &url, Some("bytes=500-100")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.bytes().await.unwrap().len(), 1_300_000);

    // The same file again is a second document over the one stored blob.
    let (status, again) = upload(
        &app,
        &admin,
        &documents_url(&f, 1),
        ("lagi.pdf", file.clone()),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{again}");
    assert_eq!(again["kind"], "other");
    assert_eq!(stored(&app), (1, 3));
    let (status, photo) = upload(
        &app,
        &admin,
        &documents_url(&f, 0),
        ("logo.jpg", jpeg()),
        &[("kind", "photo"), ("hidden_from_judges", "true")],
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{photo}");
    assert_eq!(photo["content_type"], "image/jpeg");

    // A judge assigned to the entry reads what is not hidden from judges.
    let judge = app.token(&f.judges[0].email, JUDGE_PASSWORD).await;
    let (status, seen) = app.get_json(&documents_url(&f, 0), &judge).await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    assert_eq!(seen.as_array().unwrap().len(), 1, "{seen}");
    assert_eq!(
        fetch(&app, &judge, &url, None).await.status(),
        StatusCode::OK
    );
    let hidden = photo["url"].as_str().unwrap();
    assert_eq!(
        fetch(&app, &judge, hidden, None).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        fetch(&app, &admin, hidden, None).await.status(),
        StatusCode::OK
    );
    // On the score sheet, the evidence sits by its criterion and opens from there (the
    // browser's cookie is enough).
    let browser = crate::helpers::signed_in(&app, &f.judges[0].email, JUDGE_PASSWORD).await;
    let sheet = browser
        .get(app.url(&format!(
            "/contests/{}/entries/{}/sheet",
            f.contest_id, f.entries[0].id
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(sheet.status(), StatusCode::OK);
    let page = crate::helpers::Page::parse(&sheet.text().await.unwrap());
    let evidence = page.texts("fieldset.criterion p.evidence a");
    assert_eq!(evidence, vec!["Proposal Inovasi 2026.pdf".to_string()]);
    assert!(
        page.texts("section.documents a").is_empty(),
        "the hidden photo is not listed"
    );
    let res = browser.get(app.url(&url)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.bytes().await.unwrap().len(), 1_300_000);

    // Hidden later (judging may already run): the judge no longer sees it; shown again.
    let patch = |hidden: bool| {
        let url = format!("{}/{}", documents_url(&f, 0), doc["id"].as_str().unwrap());
        let req = app
            .api
            .patch(app.url(&url))
            .bearer_auth(&admin)
            .json(&serde_json::json!({ "hidden_from_judges": hidden }));
        async move { json_of(req.send().await.unwrap()).await }
    };
    let (status, hidden_now) = patch(true).await;
    assert_eq!(status, StatusCode::OK, "{hidden_now}");
    assert_eq!(hidden_now["hidden_from_judges"], true);
    assert_eq!(
        fetch(&app, &judge, &url, None).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(patch(false).await.0, StatusCode::OK);
    assert_eq!(
        fetch(&app, &judge, &url, None).await.status(),
        StatusCode::OK
    );

    // A judge of another contest, and nobody signed in, find nothing.
    let other = fixtures::build(&app, Spec::default());
    let stranger = app.token(&other.judges[0].email, JUDGE_PASSWORD).await;
    assert_eq!(
        fetch(&app, &stranger, &url, None).await.status(),
        StatusCode::NOT_FOUND
    );
    let (status, _) = app.get_json(&documents_url(&f, 0), &stranger).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let res = app.api.get(app.url(&url)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    // Deleting: the bytes stay while another document needs them, then go.
    let delete = |entry: usize, document: &Value| {
        let url = format!(
            "{}/{}",
            documents_url(&f, entry),
            document["id"].as_str().unwrap()
        );
        let req = app.api.delete(app.url(&url)).bearer_auth(&admin);
        async move { req.send().await.unwrap().status() }
    };
    assert_eq!(delete(0, &doc).await, StatusCode::NO_CONTENT);
    assert_eq!(
        fetch(&app, &admin, &url, None).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(stored(&app).0, 2);
    assert_eq!(delete(1, &again).await, StatusCode::NO_CONTENT);
    assert_eq!(stored(&app), (1, 1), "only the photo's bytes remain");

    // Once judging opens, documents are fixed.
    fixtures::set_phase(&app, &f, Phase::Judging);
    let (status, body) = upload(
        &app,
        &admin,
        &documents_url(&f, 2),
        ("x.pdf", pdf(100)),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
}

#[tokio::test]
async fn uploads_are_typed_by_their_bytes_and_bounded_with_nothing_kept() {
    let app = spawn_with(|c| {
        c.max_document_bytes = 1024 * 1024;
        c.max_entry_documents_bytes = 3 * 1024 * 1024 / 2;
    })
    .await;
    let f = in_setup(&app);
    let admin = app.admin_token().await;
    let url = documents_url(&f, 0);

    // A program renamed to .pdf is refused by what it is.
    let mut elf = b"\x7fELF\x02\x01\x01\0".to_vec();
    elf.resize(20_000, 0);
    let (status, body) = upload(&app, &admin, &url, ("laporan.pdf", elf), &[]).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{body}");
    assert_eq!(error_of(&body)["reason"], "document_type");
    assert!(body.to_string().contains("x-executable"), "{body}");

    // Past the per-file limit (1 MB here): 413, and no part of it stays.
    let (status, body) = upload(&app, &admin, &url, ("besar.pdf", pdf(1_300_000)), &[]).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert_eq!(error_of(&body)["reason"], "document_too_large");
    assert_eq!(stored(&app), (0, 0));

    // The entry's room (1.5 MB here): a second file of 0.9 MB no longer fits.
    let (status, _) = upload(&app, &admin, &url, ("a.pdf", pdf(900_000)), &[]).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, body) = upload(&app, &admin, &url, ("b.pdf", pdf(900_001)), &[]).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert_eq!(error_of(&body)["reason"], "entry_documents_full");
    assert_eq!(stored(&app), (1, 2));

    // A criterion of another contest, an unknown kind, no file at all.
    let other = fixtures::build(&app, Spec::default());
    let (status, body) = upload(
        &app,
        &admin,
        &url,
        ("c.pdf", pdf(1000)),
        &[("criterion_id", &other.criteria[0].id)],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(error_of(&body)["reason"], "document_criterion");
    let (status, body) = upload(
        &app,
        &admin,
        &url,
        ("c.pdf", pdf(1000)),
        &[("kind", "video")],
    )
    .await;
    assert_eq!(
        error_of(&body)["reason"],
        "document_kind",
        "{status} {body}"
    );
    let res = app
        .api
        .post(app.url(&url))
        .bearer_auth(&admin)
        .multipart(reqwest::multipart::Form::new().text("kind", "proposal"))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(res).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(error_of(&body)["reason"], "document_no_file");
    assert_eq!(stored(&app), (1, 2), "refused uploads leave nothing");
    // Judges do not upload.
    let judge = app.token(&f.judges[0].email, JUDGE_PASSWORD).await;
    let (status, _) = upload(&app, &judge, &url, ("d.pdf", pdf(1000)), &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// The committee's screen: the entries list links to each entry's documents; a blind contest
/// warns about names and logos and hides new documents from judges unless told otherwise; an
/// upload and a deletion through the forms.
#[tokio::test]
async fn the_committee_manages_an_entrys_documents_on_its_screen() {
    let app = spawn_app().await;
    let f = fixtures::build(
        &app,
        Spec {
            phase: Phase::Setup,
            blind: true,
            ..Spec::default()
        },
    );
    let browser = crate::helpers::signed_in(
        &app,
        crate::helpers::ADMIN_EMAIL,
        crate::helpers::ADMIN_PASSWORD,
    )
    .await;
    let entries = browser
        .get(app.url(&format!("/contests/{}/entries", f.contest_id)))
        .send()
        .await
        .unwrap();
    let screen = format!(
        "/contests/{}/entries/{}/documents",
        f.contest_id, f.entries[0].id
    );
    assert!(entries
        .text()
        .await
        .unwrap()
        .contains(&format!("href=\"{screen}\"")));

    let page = browser.get(app.url(&screen)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let page = crate::helpers::Page::parse(&page.text().await.unwrap());
    assert_eq!(
        page.texts("div.alert").len(),
        1,
        "the blind contest's warning"
    );
    assert_eq!(
        page.texts("input[name=hidden_from_judges][checked]").len(),
        1
    );

    let form = reqwest::multipart::Form::new()
        .text("kind", "proposal")
        .text("hidden_from_judges", "true")
        .part(
            "file",
            reqwest::multipart::Part::bytes(pdf(5000)).file_name("proposal.pdf"),
        );
    let res = browser
        .post(app.url(&screen))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = browser.get(app.url(&screen)).send().await.unwrap();
    let page = crate::helpers::Page::parse(&page.text().await.unwrap());
    assert_eq!(
        page.texts("table a[target=_blank]"),
        vec!["proposal.pdf".to_string()]
    );
    assert_eq!(
        page.texts("table span.badge").len(),
        1,
        "hidden from judges"
    );

    // A refused file comes back as the screen with the reason.
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(b"<html><script>x</script></html>".to_vec())
            .file_name("a.pdf"),
    );
    let res = browser
        .post(app.url(&screen))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(res.text().await.unwrap().contains("role=\"alert\""));

    let (_, listed) = app
        .get_json(&documents_url(&f, 0), &app.admin_token().await)
        .await;
    let id = listed[0]["id"].as_str().unwrap();
    // Shown to judges after all, from the screen.
    let res = browser
        .post(app.url(&format!("{screen}/{id}/hidden")))
        .form(&[("hidden", "false")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, listed) = app
        .get_json(&documents_url(&f, 0), &app.admin_token().await)
        .await;
    assert_eq!(listed[0]["hidden_from_judges"], false);
    let res = browser
        .post(app.url(&format!("{screen}/{id}/delete")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(stored(&app), (0, 0));
}

/// The winners' documents are published in a manifest covered by the digest: the digest is
/// the SHA-256 of the recap followed by the manifest.
#[tokio::test]
async fn the_publication_carries_a_manifest_of_the_winners_documents() {
    let app = spawn_app().await;
    let f = in_setup(&app);
    let admin = app.as_admin().await;
    let file = pdf(3000);
    let (status, doc) = upload(
        &app,
        &admin.token,
        &documents_url(&f, 0),
        ("proposal.pdf", file.clone()),
        &[("kind", "proposal")],
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{doc}");
    fixtures::set_phase(&app, &f, Phase::Judging);
    for (entry, score) in [(0, 90), (1, 80), (2, 70)] {
        for judge in 0..2 {
            fixtures::submit_sheet(&app, &f, judge, entry, &[score; 5]);
        }
    }
    fixtures::set_phase(&app, &f, Phase::Closed);
    let manifest_url = format!("{}/documents-manifest.csv", urls::contest(&f.contest_id));
    let provisional = app
        .api
        .get(app.url(&manifest_url))
        .bearer_auth(&admin.token)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let (status, published) = admin.publish(&f.contest_id).await;
    assert_eq!(status, StatusCode::OK, "{published}");
    let digest = published["digest"].as_str().unwrap().to_string();

    let get = |url: String| {
        let req = app.api.get(app.url(&url)).bearer_auth(&admin.token);
        async move { req.send().await.unwrap().text().await.unwrap() }
    };
    let manifest = get(manifest_url.clone()).await;
    assert_eq!(manifest, provisional, "as announced before publishing");
    let sha = hex::encode(Sha256::digest(&file));
    assert_eq!(
        manifest,
        format!(
            "\"klaster\",\"peringkat\",\"id_inovasi\",\"hadiah\",\"dokumen\",\"sha256\"\n\"{}\",\"1\",\"{}\",\"Juara I\",\"proposal.pdf\",\"{sha}\"\n",
            published["clusters"][0]["name"].as_str().unwrap(),
            f.entries[0].id
        )
    );
    let recap = get(format!("{}/export.csv", urls::contest(&f.contest_id))).await;
    assert_eq!(
        digest,
        hex::encode(Sha256::digest(format!("{recap}{manifest}").as_bytes())),
        "sha256sum of the recap followed by the manifest"
    );
    assert_ne!(digest, hex::encode(Sha256::digest(recap.as_bytes())));
}

/// A judge who declares a conflict with an entry (a recusal) no longer reads its documents.
#[tokio::test]
async fn a_recused_judge_reads_the_entrys_documents_no_more() {
    let app = spawn_app().await;
    let f = in_setup(&app);
    let admin = app.admin_token().await;
    let (status, doc) = upload(
        &app,
        &admin,
        &documents_url(&f, 0),
        ("p.pdf", pdf(2000)),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{doc}");
    let url = doc["url"].as_str().unwrap().to_string();
    fixtures::set_phase(&app, &f, Phase::Judging);
    let judge = app.token(&f.judges[0].email, JUDGE_PASSWORD).await;
    assert_eq!(
        fetch(&app, &judge, &url, None).await.status(),
        StatusCode::OK
    );
    let (status, body) = app
        .post_json(
            &format!("{}/recusal", urls::entry(&f.contest_id, &f.entries[0].id)),
            &judge,
            &serde_json::json!({"reason": "Saya pembina tim ini"}),
        )
        .await;
    assert!(status.is_success(), "{status} {body}");
    assert_eq!(
        fetch(&app, &judge, &url, None).await.status(),
        StatusCode::NOT_FOUND
    );
}

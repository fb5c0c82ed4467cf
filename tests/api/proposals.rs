//! Proposals (the IID form's fields) through the API and the screens: checked, required before
//! submission as the committee declares, imported from a region's spreadsheet and exported
//! again, shown to judges, and listed on the screening screen when missing.

use crate::client::urls;
use crate::fixtures::{self, Spec};
use crate::helpers::{
    error_of, refused, signed_in, spawn_app, Page, TestApp, ADMIN_EMAIL, ADMIN_PASSWORD,
};
use juri::model::Phase;
use reqwest::StatusCode;
use serde_json::{json, Value};

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

async fn import(
    app: &TestApp,
    token: &str,
    contest: &str,
    name: &str,
    bytes: Vec<u8>,
) -> (StatusCode, Value) {
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
    );
    let res = app
        .api
        .post(app.url(&format!("{}/import", urls::entries(contest))))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    crate::helpers::json_of(res).await
}

#[tokio::test]
async fn proposal_fields_are_checked_and_read_back() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let f = in_setup(&app, 1);
    let body = json!({
        "cluster_id": f.clusters[0], "title": "SIMANDOR", "innovator": "Tim Aset", "unit": "BPKPAD",
        "maturity": "penerapan", "initiator": "perangkat_daerah", "digital": true, "form": "tata_kelola",
        "trial_date": "2024-01-15", "implementation_date": "01/06/2024",
        "design": "Setiap barang diberi nomor register.", "goals": "Tertib aset.",
        "benefits": "Data akurat.", "results": "Semua OPD memakai.", "video_link": "https://youtu.be/x"
    });
    let (status, entry) = app
        .post_json(&urls::entries(&f.contest_id), &admin, &body)
        .await;
    assert_eq!(status, StatusCode::CREATED, "{entry}");
    assert_eq!(entry["maturity"], "penerapan");
    assert_eq!(entry["initiator"], "perangkat_daerah");
    assert_eq!(entry["digital"], true);
    assert_eq!(entry["form"], "tata_kelola");
    assert_eq!(entry["implementation_date"], "2024-06-01");
    assert_eq!(entry["video_link"], "https://youtu.be/x");
    // A PATCH changes what it names, empties what it sends empty, keeps the rest.
    let url = urls::entry(&f.contest_id, entry["id"].as_str().unwrap());
    let (status, changed) = app
        .patch_json(
            &url,
            &admin,
            &json!({"maturity": "uji_coba", "digital": null, "video_link": ""}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["maturity"], "uji_coba");
    assert_eq!(changed["digital"], Value::Null);
    assert_eq!(changed["video_link"], Value::Null);
    assert_eq!(changed["design"], "Setiap barang diberi nomor register.");
    for (field, value, reason) in [
        ("maturity", json!("selesai"), "maturity_unknown"),
        ("initiator", json!("presiden"), "initiator_unknown"),
        ("digital", json!(3), "digital_not_boolean"),
        ("form", json!("apa saja"), "form_unknown"),
        ("trial_date", json!("kemarin"), "date_invalid"),
        ("video_link", json!("ftp://x"), "link_invalid"),
    ] {
        let answer = app.patch_json(&url, &admin, &json!({ field: value })).await;
        refused(&answer, StatusCode::UNPROCESSABLE_ENTITY, field, reason);
    }
}

#[tokio::test]
async fn submission_needs_what_the_committee_requires() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let f = in_setup(&app, 1);
    let contest = urls::contest(&f.contest_id);
    for (body, field, reason) in [
        (
            json!({"required_fields": ["rancangan"]}),
            "required_fields",
            "required_field_unknown",
        ),
        (
            json!({"required_documents": ["video"]}),
            "required_documents",
            "required_document_unknown",
        ),
    ] {
        let answer = app.patch_json(&contest, &admin, &body).await;
        refused(&answer, StatusCode::UNPROCESSABLE_ENTITY, field, reason);
    }
    let (status, detail) = app
        .patch_json(
            &contest,
            &admin,
            &json!({"required_fields": ["design", "maturity", "design"], "required_documents": ["proposal"],
                    "registration_open": true}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(detail["required_fields"], json!(["maturity", "design"]));
    assert_eq!(detail["required_documents"], json!(["proposal"]));
    // The committee's entry is submitted as it is filed: it must be complete.
    let bare = json!({"cluster_id": f.clusters[0], "title": "X", "innovator": "Y", "unit": "Z"});
    let answer = app
        .post_json(&urls::entries(&f.contest_id), &admin, &bare)
        .await;
    refused(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "maturity",
        "required_for_submission",
    );
    let listed: Vec<&str> = error_of(&answer.1)["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["field"].as_str().unwrap())
        .collect();
    assert_eq!(listed, ["maturity", "design"]);

    // An entrant's draft may be incomplete; its submission may not.
    let (status, added) = app
        .post_json(
            &format!("{contest}/entrants"),
            &admin,
            &json!({"name": "Dinas", "email": "dinas@balangan.id", "unit": "Dinas", "password": "pengusul-rahasia-1"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    let token = app.token("dinas@balangan.id", "pengusul-rahasia-1").await;
    let (status, draft) = app
        .post_json(&urls::entries(&f.contest_id), &token, &bare)
        .await;
    assert_eq!(status, StatusCode::CREATED, "{draft}");
    let entry_url = urls::entry(&f.contest_id, draft["id"].as_str().unwrap());
    let submit = format!("{entry_url}/submit");
    let answer = app.post_json(&submit, &token, &json!({})).await;
    refused(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "maturity",
        "required_for_submission",
    );
    let filled = json!({"maturity": "penerapan", "design": "Rancang bangun lengkap."});
    assert_eq!(
        app.patch_json(&entry_url, &token, &filled).await.0,
        StatusCode::OK
    );
    let answer = app.post_json(&submit, &token, &json!({})).await;
    refused(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "documents",
        "document_missing",
    );
    // The overview says what is still missing.
    let (_, overview) = app.get_json("/api/v1/entrant/contests", &token).await;
    assert_eq!(
        overview[0]["entries"][0]["missing"],
        json!({"missing_fields": [], "missing_documents": ["proposal"]})
    );
    let form = reqwest::multipart::Form::new()
        .text("kind", "proposal")
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"%PDF-1.7\nproposal".to_vec())
                .file_name("proposal.pdf"),
        );
    let res = app
        .api
        .post(app.url(&format!("{entry_url}/documents")))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(
        app.post_json(&submit, &token, &json!({})).await.0,
        StatusCode::OK
    );
    // Once submitted, it stays complete.
    let answer = app
        .patch_json(&entry_url, &token, &json!({"design": " "}))
        .await;
    refused(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "design",
        "required_for_submission",
    );
    // Nor can it lose its last proposal document, nor be deleted by its entrant.
    let (_, documents) = app
        .get_json(&format!("{entry_url}/documents"), &token)
        .await;
    let document = documents[0]["id"].as_str().unwrap();
    let answer = app
        .delete_json(&format!("{entry_url}/documents/{document}"), &token)
        .await;
    refused(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "documents",
        "document_missing",
    );
    let answer = app.delete_json(&entry_url, &token).await;
    assert_eq!(answer.0, StatusCode::CONFLICT);
    assert_eq!(error_of(&answer.1)["reason"], "entry_submitted");
    // The committee may still correct it after adding a requirement it lacks.
    let (status, _) = app
        .patch_json(
            &contest,
            &admin,
            &json!({"required_fields": ["maturity", "design", "goals"]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, fixed) = app
        .patch_json(&entry_url, &admin, &json!({"title": "Judul diperbaiki"}))
        .await;
    assert_eq!(status, StatusCode::OK, "{fixed}");
    // A null empties a field; an absent one stays.
    let (status, cleared) = app
        .patch_json(&entry_url, &admin, &json!({"design": null, "link": null}))
        .await;
    assert_eq!(status, StatusCode::OK, "{cleared}");
    assert_eq!(cleared["design"], "");
    assert_eq!(cleared["maturity"], "penerapan");
}

#[tokio::test]
async fn a_regions_iid_spreadsheet_is_imported_and_exported_again() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let f = in_setup(&app, 4);
    // A text a spreadsheet would take for a formula: guarded in the export, itself again on
    // the way back in.
    let formula = json!({"cluster_id": f.clusters[0], "title": "=HYPERLINK(\"x\")", "innovator": "Tim",
                         "unit": "Dinas", "description": "- poin satu\n- poin dua"});
    assert_eq!(
        app.post_json(&urls::entries(&f.contest_id), &admin, &formula)
            .await
            .0,
        StatusCode::CREATED
    );
    let sample = include_bytes!("../data/iid-proposals-sample.csv").to_vec();
    let (status, answer) = import(&app, &admin, &f.contest_id, "iid.csv", sample).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    assert_eq!(answer["imported"], 5);
    let (_, list) = app.get_json(&urls::entries(&f.contest_id), &admin).await;
    let pubertas = list
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            e["title"]
                .as_str()
                .unwrap()
                .starts_with("Puskesmas Berjalan")
        })
        .unwrap();
    assert_eq!(pubertas["maturity"], "penerapan");
    assert_eq!(pubertas["initiator"], "asn");
    assert_eq!(pubertas["digital"], false);
    assert_eq!(pubertas["form"], "pelayanan_publik");
    assert_eq!(pubertas["trial_date"], "2023-03-01");
    assert_eq!(pubertas["implementation_date"], "2023-09-01");
    assert!(pubertas["design"]
        .as_str()
        .unwrap()
        .starts_with("Warga desa di tapal batas"));
    assert!(pubertas["benefits"]
        .as_str()
        .unwrap()
        .contains("lansia terpantau rutin"));

    // The export has the import's columns: imported into another contest, the same proposals.
    let res = app
        .get(
            &format!("{}/export.csv", urls::entries(&f.contest_id)),
            &admin,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let exported = res.bytes().await.unwrap().to_vec();
    let g = fixtures::build(
        &app,
        Spec {
            clusters: 4,
            entries_per_cluster: 0,
            phase: Phase::Setup,
            ..Spec::default()
        },
    );
    let (status, answer) = import(&app, &admin, &g.contest_id, "inovasi.csv", exported).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let (_, again) = app.get_json(&urls::entries(&g.contest_id), &admin).await;
    let strip = |v: &Value| {
        let mut v = v.clone();
        for key in ["id", "contest_id", "cluster_id", "submitted_at"] {
            v.as_object_mut().unwrap().remove(key);
        }
        v
    };
    let before: Vec<Value> = list.as_array().unwrap().iter().map(strip).collect();
    let after: Vec<Value> = again.as_array().unwrap().iter().map(strip).collect();
    assert_eq!(before, after);

    // A bad word in a row names its line; nothing is imported.
    let bad = "klaster;judul;inovator;unit;tahapan\nSKPD;A;B;C;hampir selesai\n"
        .as_bytes()
        .to_vec();
    let (status, answer) = import(&app, &admin, &g.contest_id, "bad.csv", bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert!(error_of(&answer)["details"][0]["message"]
        .as_str()
        .unwrap()
        .contains("2"));
}

#[tokio::test]
async fn judges_read_the_proposal_and_screening_lists_what_is_missing() {
    let app = spawn_app().await;
    let admin_token = app.admin_token().await;
    let f = fixtures::build(&app, Spec::default());
    {
        let mut conn = fixtures::conn(&app);
        use diesel::prelude::*;
        use juri::db::schema::entries;
        let id: juri::model::EntryId = f.entries[0].id.parse().unwrap();
        diesel::update(entries::table.find(id))
            .set((
                entries::design.eq("Layanan keliling terjadwal ke desa tapal batas."),
                entries::maturity.eq(Some("penerapan")),
            ))
            .execute(&mut *conn)
            .unwrap();
    }
    let judge = signed_in(&app, &f.judges[0].email, fixtures::JUDGE_PASSWORD).await;
    let res = judge
        .get(
            app.url(
                &format!("{}/sheet", urls::entry(&f.contest_id, &f.entries[0].id))
                    .replace("/api/v1", ""),
            ),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let page = Page::parse(&res.text().await.unwrap());
    let terms = page.texts(".proposal dd");
    assert!(
        terms.contains(&"Layanan keliling terjadwal ke desa tapal batas.".to_string()),
        "{terms:?}"
    );
    assert!(terms.contains(&"Penerapan".to_string()), "{terms:?}");

    // A contest in stages: the screening screen lists each entry's missing requirements.
    let admin = app.as_admin().await;
    let (_, contest) = admin
        .create_contest(&json!({"name": "Lomba bertahap", "year": 2026, "template": "bertahap"}))
        .await;
    let id = contest["id"].as_str().unwrap();
    let cluster = contest["clusters"][0]["id"].as_str().unwrap();
    let (status, _) = app
        .patch_json(
            &urls::contest(id),
            &admin_token,
            &json!({"required_fields": ["goals"], "required_documents": ["evidence"]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let entry = json!({"cluster_id": cluster, "title": "LAYAN", "innovator": "Tim", "unit": "Dinas", "goals": "Dekat."});
    assert_eq!(
        app.post_json(&urls::entries(id), &admin_token, &entry)
            .await
            .0,
        StatusCode::CREATED
    );
    let opened = app
        .post_json(&urls::phase(id), &admin_token, &json!({"phase": "judging"}))
        .await;
    assert_eq!(opened.0, StatusCode::OK, "{}", opened.1);
    let stage = contest["current_stage"]["id"].as_str().unwrap();
    let committee = signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let res = committee
        .get(app.url(&format!("/contests/{id}/stages/{stage}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let gaps = Page::parse(&res.text().await.unwrap()).texts("ul.gaps li");
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    assert!(gaps[0].contains("bukti dukung"), "{gaps:?}");
}

#[tokio::test]
async fn the_committee_edits_an_entry_and_its_proposal_on_the_entrys_screen() {
    let app = spawn_app().await;
    let f = in_setup(&app, 1);
    let committee = signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let entry = &f.entries[0];
    let screen = app.url(&format!(
        "/contests/{}/entries/{}/documents",
        f.contest_id, entry.id
    ));
    let edit = app.url(&format!(
        "/contests/{}/entries/{}/edit",
        f.contest_id, entry.id
    ));
    let fields = |video: &'static str| {
        vec![
            ("cluster_id", f.clusters[0].clone()),
            ("title", "LAYAN PRIMA".to_string()),
            ("innovator", "Tim Layan".to_string()),
            ("unit", entry.unit.clone()),
            ("description", "Uraian.".to_string()),
            ("link", String::new()),
            ("maturity", "uji_coba".to_string()),
            ("initiator", "masyarakat".to_string()),
            ("digital", "false".to_string()),
            ("form", "pelayanan_publik".to_string()),
            ("trial_date", "2025-02-03".to_string()),
            ("implementation_date", String::new()),
            ("design", "Rancangan dari proposal kertas.".to_string()),
            ("goals", String::new()),
            ("benefits", String::new()),
            ("results", String::new()),
            ("video_link", video.to_string()),
        ]
    };
    // A refusal names its field and keeps what was typed.
    let res = committee
        .post(&edit)
        .form(&fields("bukan-tautan"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::parse(&res.text().await.unwrap());
    assert_eq!(page.count("#video_link-error"), 1);
    assert_eq!(
        page.texts("textarea[name=design]"),
        ["Rancangan dari proposal kertas."]
    );
    let res = committee
        .post(&edit)
        .form(&fields(""))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = crate::helpers::page_of(&committee, &screen).await;
    assert_eq!(
        page.attrs("select[name=maturity] option[selected]", "value"),
        ["uji_coba"]
    );
    assert_eq!(
        page.attrs("input[name=trial_date]", "value"),
        ["2025-02-03"]
    );
    let admin = app.admin_token().await;
    let (_, stored) = app
        .get_json(&urls::entry(&f.contest_id, &entry.id), &admin)
        .await;
    assert_eq!(stored["title"], "LAYAN PRIMA");
    assert_eq!(stored["initiator"], "masyarakat");
    assert_eq!(stored["digital"], false);
}

//! A whole contest through the typed clients of each role: the committee sets it up from the
//! Bailang template, a judge scores, the committee closes, reads the results and publishes.

use crate::client::urls;
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_contest_runs_from_template_to_publication() {
    let app = spawn_app().await;
    let staff = app.as_admin().await;
    let (s, contest) = staff.bailang("Lomba Inovasi Balangan 2026").await;
    assert_eq!(s, StatusCode::CREATED, "{contest}");
    let id = contest["id"].as_str().unwrap();
    let skpd = contest["clusters"][0]["id"].as_str().unwrap();
    for (title, unit) in [
        ("Simandor BMD", "BPKPAD"),
        ("Posyandu Digital", "Dinas Kesehatan"),
    ] {
        let body = json!({"cluster_id": skpd, "title": title, "innovator": "Tim", "unit": unit});
        let (s, e) = staff.add_entry(id, &body).await;
        assert_eq!(s, StatusCode::CREATED, "{e}");
    }
    let body = json!({"name": "Siti", "email": "siti@juri.example", "password": "judge-pass-1", "affiliation": "Universitas Lambung Mangkurat"});
    let (s, judge) = staff.add_judge(id, &body).await;
    assert_eq!(s, StatusCode::CREATED, "{judge}");
    let (_, entries) = staff.entries(id).await;
    let entries = ids(&entries);
    for entry in &entries {
        let (s, a) = staff.assign(id, judge["id"].as_str().unwrap(), entry).await;
        assert_eq!(s, StatusCode::CREATED, "{a}");
    }
    let (s, b) = staff.set_phase(id, "judging").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["phase"], "judging");

    // The judge scores both entries (listed by title): the first, Posyandu Digital, higher.
    let judge = app.as_judge("siti@juri.example", "judge-pass-1").await;
    let (_, mine) = judge.my_assignments().await;
    assert_eq!(mine.as_array().unwrap().len(), 2);
    assert!(mine
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["status"] == "pending"));
    let criteria: Vec<String> = ids(&contest["criteria"]);
    for (entry, score) in entries.iter().zip([90, 70]) {
        let scores: serde_json::Map<String, Value> =
            criteria.iter().map(|c| (c.clone(), json!(score))).collect();
        let (s, sheet) = judge
            .save_sheet(id, entry, &Value::Object(scores), true, None)
            .await;
        assert_eq!(s, StatusCode::OK, "{sheet}");
        assert_eq!(sheet["status"], "submitted");
        assert_eq!(sheet["total_exact"], format!("{score}/1"));
    }
    // A judge cannot read the results, nor publish.
    let (s, _) = app.get_json(&urls::results(id), &judge.token).await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    let (s, _) = staff.set_phase(id, "closed").await;
    assert_eq!(s, StatusCode::OK);
    let (s, results) = staff.results(id).await;
    assert_eq!(s, StatusCode::OK);
    let ranking = &results["clusters"][0]["ranking"];
    assert_eq!(ranking[0]["entry_id"], entries[0].as_str());
    assert_eq!(ranking[0]["rank"], 1);
    assert_eq!(ranking[1]["rank"], 2);
    let (s, published) = staff.publish(id).await;
    assert_eq!(s, StatusCode::OK, "{published}");
    let digest = published["digest"].as_str().unwrap();
    assert_eq!(digest.len(), 64);
    let res = app
        .api
        .get(app.url(&urls::public_winners(id)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let winners: Value = res.json().await.unwrap();
    assert_eq!(winners["digest"], digest);
    assert_eq!(
        winners["clusters"][0]["winners"][0]["title"],
        "Posyandu Digital"
    );
}

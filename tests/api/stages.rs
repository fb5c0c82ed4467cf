//! A contest's stages (tahap). Every contest has at least one: a new contest, and every
//! contest that existed before stages did, is one scored stage that follows the contest's
//! phase, so a one-stage contest behaves exactly as before.

use crate::client::urls;
use crate::fixtures::{self, Spec};
use crate::helpers::{error_of, spawn_app};
use juri::model::Phase;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// The one stage of a contest made before stages existed, or made today.
fn the_single_stage(stages: &Value, phase: &str) {
    let list = stages.as_array().expect("a list of stages");
    assert_eq!(list.len(), 1, "{stages}");
    let stage = &list[0];
    assert_eq!(stage["position"], 1);
    assert_eq!(stage["name"], "Penilaian");
    assert_eq!(stage["kind"], "scored");
    assert_eq!(stage["weight"], 100);
    assert_eq!(stage["advance"], json!({"rule": "all", "ties": "include"}));
    assert_eq!(stage["aggregation"], Value::Null);
    assert_eq!(stage["phase"], phase);
    assert_eq!(stage["digest"], Value::Null);
    assert!(
        stage.get("checklist").is_none(),
        "only screening has a checklist"
    );
    assert!(stage["id"].as_str().unwrap().parse::<uuid::Uuid>().is_ok());
}

#[tokio::test]
async fn a_new_contest_has_one_scored_stage_that_follows_its_phase() {
    let app = spawn_app().await;
    let admin = app.as_admin().await;
    let (status, contest) = admin.bailang("Lomba Inovasi Balangan 2026").await;
    assert_eq!(status, StatusCode::CREATED, "{contest}");
    let id = contest["id"].as_str().unwrap();
    let (status, stages) = admin.stages(id).await;
    assert_eq!(status, StatusCode::OK);
    the_single_stage(&stages, "setup");

    // Judging opens and closes the stage with the contest; publication leaves it closed.
    let f = fixtures::build(&app, Spec::default());
    let (_, stages) = admin.stages(&f.contest_id).await;
    the_single_stage(&stages, "judging");
    let (status, body) = admin.set_phase(&f.contest_id, "closed").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, stages) = admin.stages(&f.contest_id).await;
    the_single_stage(&stages, "closed");
    fixtures::set_phase(&app, &f, Phase::Published);
    let (_, stages) = admin.stages(&f.contest_id).await;
    the_single_stage(&stages, "closed");
}

#[tokio::test]
async fn stages_are_the_staffs_and_name_their_contest() {
    let app = spawn_app().await;
    let f = fixtures::build(&app, Spec::default());
    let (status, body) = app.get_json(&urls::stages(&f.contest_id), "").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let judge = app
        .as_judge(&f.judges[0].email, fixtures::JUDGE_PASSWORD)
        .await;
    let (status, body) = app
        .get_json(&urls::stages(&f.contest_id), &judge.token)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let admin = app.as_admin().await;
    let (status, body) = admin.stages(&uuid::Uuid::new_v4().to_string()).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, body) = admin.stages("not-a-uuid").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(error_of(&body)["field"], "id");
}

/// The migration that introduced stages gives every existing contest its one stage, in the
/// phase the contest is in (a published contest's stage is closed), on both backends.
#[tokio::test]
async fn contests_made_before_stages_get_their_one_stage() {
    let app = spawn_app().await;
    let judging = fixtures::build(&app, Spec::default());
    let published = fixtures::build(&app, Spec::default());
    fixtures::set_phase(&app, &published, Phase::Published);
    let mut conn = fixtures::conn(&app);
    juri::db::revert_last_migration(&mut conn).unwrap();
    assert_eq!(juri::db::migrate(&mut conn).unwrap(), 1);
    drop(conn);
    let admin = app.as_admin().await;
    let (_, stages) = admin.stages(&judging.contest_id).await;
    the_single_stage(&stages, "judging");
    let (_, stages) = admin.stages(&published.contest_id).await;
    the_single_stage(&stages, "closed");
}

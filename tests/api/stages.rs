//! A contest's stages (tahap). Every contest has at least one: a new contest, and every
//! contest that existed before stages did, is one scored stage that follows the contest's
//! phase, so a one-stage contest behaves exactly as before.

use crate::client::urls;
use crate::fixtures::{self, Spec};
use crate::helpers::{error_of, refused, spawn_app};
use juri::model::Phase;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// The names of a list of stages, in order.
pub fn stage_names(stages: &Value) -> Vec<&str> {
    stages
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect()
}

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
    let reverted = juri::db::revert_through(&mut conn, "2026-12-01-000001").unwrap();
    assert!(reverted >= 1);
    assert_eq!(juri::db::migrate(&mut conn).unwrap(), reverted);
    drop(conn);
    let admin = app.as_admin().await;
    let (_, stages) = admin.stages(&judging.contest_id).await;
    the_single_stage(&stages, "judging");
    let (_, stages) = admin.stages(&published.contest_id).await;
    the_single_stage(&stages, "closed");
}

/// The migration that gave each stage its own rubric, assignments, sheets, waivers and tie
/// orders keeps every row of a contest judged before it (SQLite rebuilds those tables, and
/// dropping the old ones cascades into the scores, which it keeps aside): the results,
/// judges' sheets and waivers are exactly as before, on both backends.
#[tokio::test]
async fn a_contest_judged_before_stage_data_keeps_every_score() {
    let app = spawn_app().await;
    let f = fixtures::build(&app, Spec::default());
    fixtures::submit_sheet(&app, &f, 0, 0, &[80, 70, 60, 90, 75]);
    fixtures::submit_sheet(&app, &f, 1, 0, &[85, 75, 65, 95, 70]);
    fixtures::submit_sheet(&app, &f, 0, 1, &[60, 60, 60, 60, 60]);
    let admin = app.as_admin().await;
    let (status, body) = admin
        .waive(
            &f.contest_id,
            &f.entries[1].id,
            &f.judges[1].id,
            "Juri sakit",
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    // Computed from the database each time (the server's cache would answer from memory).
    let computed = || {
        let mut conn = fixtures::conn(&app);
        let stage = juri::db::stages::current(&mut conn, f.contest_id.parse().unwrap()).unwrap();
        let data = juri::db::results::load(&mut conn, &stage).unwrap();
        serde_json::to_value(juri::services::results::compute(&data).unwrap()).unwrap()
    };
    let before = computed();
    assert_eq!(
        before["clusters"][0]["ranking"][0]["sheets"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let judge = app
        .as_judge(&f.judges[0].email, fixtures::JUDGE_PASSWORD)
        .await;
    let (_, sheet_before) = judge.sheet(&f.contest_id, &f.entries[0].id).await;

    let mut conn = fixtures::conn(&app);
    let reverted = juri::db::revert_through(&mut conn, "2026-12-02-000001").unwrap();
    assert!(reverted >= 1);
    assert_eq!(juri::db::migrate(&mut conn).unwrap(), reverted);
    drop(conn);

    assert_eq!(computed(), before);
    let (_, sheet_after) = judge.sheet(&f.contest_id, &f.entries[0].id).await;
    assert_eq!(sheet_after, sheet_before);
    assert_eq!(sheet_after["status"], "submitted");
    assert_eq!(sheet_after["scores"].as_object().unwrap().len(), 5);
}

/// The committee declares a KIPP-like pipeline while the contest is in setup: screening, desk
/// (top 10), presentation (top 5, ties resolved) and field verification, with the Bappenas
/// weights 30/25/45. Inserting at a position moves the later stages down; deleting moves
/// them up; every change is audited.
#[tokio::test]
async fn the_committee_declares_a_pipeline_in_setup() {
    let app = spawn_app().await;
    let admin = app.as_admin().await;
    let (_, contest) = admin.bailang("Lomba bertahap").await;
    let id = contest["id"].as_str().unwrap();
    let (_, stages) = admin.stages(id).await;
    let desk = stages[0]["id"].as_str().unwrap().to_string();

    let (status, body) = admin
        .change_stage(
            id,
            &desk,
            &json!({"name": "Penilaian proposal", "weight": 30,
                    "advance": {"rule": "top", "count": 10}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["advance"],
        json!({"rule": "top", "count": 10, "ties": "include"})
    );
    let (status, field) = admin
        .add_stage(
            id,
            &json!({"name": "Verifikasi lapangan", "kind": "scored", "weight": 45, "aggregation": "median"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{field}");
    assert_eq!(field["position"], 2);
    let (status, presentation) = admin
        .add_stage(
            id,
            &json!({"name": "Presentasi dan wawancara", "kind": "scored", "weight": 25, "position": 2,
                    "advance": {"rule": "top", "count": 5, "ties": "resolve"}}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{presentation}");
    let checklist = [
        "Proposal lengkap",
        "Inovasi telah diterapkan minimal 1 tahun",
        "Ada SK penetapan inovasi",
    ];
    let (status, screening) = admin
        .add_stage(
            id,
            &json!({"name": "Seleksi administrasi", "kind": "screening", "weight": 0, "position": 1,
                    "checklist": checklist}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{screening}");
    assert_eq!(screening["checklist"], json!(checklist));
    assert_eq!(
        screening["advance"],
        json!({"rule": "all", "ties": "include"})
    );

    let (_, stages) = admin.stages(id).await;
    assert_eq!(
        stage_names(&stages),
        [
            "Seleksi administrasi",
            "Penilaian proposal",
            "Presentasi dan wawancara",
            "Verifikasi lapangan"
        ]
    );
    let positions: Vec<i64> = stages
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["position"].as_i64().unwrap())
        .collect();
    assert_eq!(positions, [1, 2, 3, 4]);
    assert_eq!(
        stages[2]["advance"],
        json!({"rule": "top", "count": 5, "ties": "resolve"})
    );
    assert_eq!(stages[3]["aggregation"], "median");

    // A minimum score with two decimals, then the contest's aggregation again.
    let presentation_id = presentation["id"].as_str().unwrap();
    let (status, body) = admin
        .change_stage(
            id,
            presentation_id,
            &json!({"advance": {"rule": "min_score", "min_score": 72.5}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["advance"],
        json!({"rule": "min_score", "min_score": 72.5, "ties": "include"})
    );
    let field_id = field["id"].as_str().unwrap();
    let (_, body) = admin
        .change_stage(id, field_id, &json!({"aggregation": null}))
        .await;
    assert_eq!(body["aggregation"], Value::Null);
    assert_eq!(body["weight"], 45, "fields not sent stay");

    // Deleting moves the later stages up.
    let (status, _) = admin.delete_stage(id, presentation_id).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, stages) = admin.stages(id).await;
    let positions: Vec<(i64, &str)> = stages
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["position"].as_i64().unwrap(), s["name"].as_str().unwrap()))
        .collect();
    assert_eq!(
        positions,
        [
            (1, "Seleksi administrasi"),
            (2, "Penilaian proposal"),
            (3, "Verifikasi lapangan")
        ]
    );

    let (_, audit) = app.get_json(&urls::audit(id), &admin.token).await;
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["action"].as_str())
        .collect();
    for action in ["stage.created", "stage.changed", "stage.deleted"] {
        assert!(actions.contains(&action), "{action} audited: {actions:?}");
    }
}

#[tokio::test]
async fn declarations_are_refused_with_the_field_and_the_reason() {
    let app = spawn_app().await;
    let admin = app.as_admin().await;
    let (_, contest) = admin.bailang("Lomba bertahap").await;
    let id = contest["id"].as_str().unwrap();
    let scored = |extra: Value| {
        let mut body = json!({"name": "Presentasi", "kind": "scored", "weight": 25});
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        body
    };
    let cases = [
        (json!({"name": " "}), "name", "required"),
        (json!({"kind": "interview"}), "kind", "stage_kind"),
        (json!({"weight": 101}), "weight", "stage_weight"),
        (
            json!({"advance": {"rule": "best"}}),
            "advance.rule",
            "advance_rule",
        ),
        (
            json!({"advance": {"rule": "top"}}),
            "advance.count",
            "advance_count",
        ),
        (
            json!({"advance": {"rule": "top", "count": 0}}),
            "advance.count",
            "advance_count",
        ),
        (
            json!({"advance": {"rule": "top", "count": 5, "ties": "coin"}}),
            "advance.ties",
            "advance_ties",
        ),
        (
            json!({"advance": {"rule": "min_score", "min_score": 72.555}}),
            "advance.min_score",
            "advance_min_score",
        ),
        (
            json!({"advance": {"rule": "min_score", "min_score": 101}}),
            "advance.min_score",
            "advance_min_score",
        ),
        (
            json!({"aggregation": "mode"}),
            "aggregation",
            "aggregation_unknown",
        ),
        (json!({"position": 3}), "position", "stage_position"),
        (
            json!({"kind": "screening", "weight": 0}),
            "checklist",
            "checklist_empty",
        ),
        (
            json!({"kind": "screening", "weight": 10, "checklist": ["Proposal lengkap"]}),
            "weight",
            "screening_weighted",
        ),
        (
            json!({"kind": "screening", "weight": 0, "checklist": ["Proposal lengkap"], "advance": {"rule": "top", "count": 3}}),
            "advance.rule",
            "screening_cut",
        ),
        (
            json!({"kind": "screening", "weight": 0, "checklist": ["Proposal lengkap", ""]}),
            "checklist[1]",
            "required",
        ),
    ];
    for (extra, field, reason) in cases {
        let answer = admin.add_stage(id, &scored(extra.clone())).await;
        refused(&answer, StatusCode::UNPROCESSABLE_ENTITY, field, reason);
    }
    let (_, stages) = admin.stages(id).await;
    assert_eq!(
        stages.as_array().unwrap().len(),
        1,
        "nothing refused was written"
    );
    let only = stages[0]["id"].as_str().unwrap();
    let answer = admin.delete_stage(id, only).await;
    refused(&answer, StatusCode::CONFLICT, "id", "only_stage");
    let answer = admin.change_stage(id, only, &json!({"weight": -1})).await;
    refused(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "weight",
        "stage_weight",
    );
    let (status, _) = admin
        .change_stage(id, &uuid::Uuid::new_v4().to_string(), &json!({}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// Judging opens the contest's first stage; once it runs, its declaration is fixed and no
/// stage can be added, while a later stage can still be prepared. A contest whose last stage
/// is a screening stage cannot open (reason `last_stage_screening`): the winners are ranked by
/// a scored stage.
#[tokio::test]
async fn the_first_stage_opens_and_a_running_stage_is_fixed() {
    let app = spawn_app().await;
    let f = fixtures::build(
        &app,
        Spec {
            phase: Phase::Setup,
            ..Spec::default()
        },
    );
    let admin = app.as_admin().await;
    let (status, extra) = admin
        .add_stage(
            &f.contest_id,
            &json!({"name": "Presentasi", "kind": "scored", "weight": 30}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{extra}");
    let (status, screening) = admin
        .add_stage(
            &f.contest_id,
            &json!({"name": "Verifikasi dokumen", "kind": "screening", "weight": 0, "checklist": ["SK"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{screening}");
    let (status, body) = admin.set_phase(&f.contest_id, "judging").await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let details = error_of(&body)["details"].as_array().unwrap().clone();
    assert!(
        details
            .iter()
            .any(|d| d["reason"] == "last_stage_screening" && d["field"] == "stages"),
        "{body}"
    );
    let (status, _) = admin
        .delete_stage(&f.contest_id, screening["id"].as_str().unwrap())
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = admin.set_phase(&f.contest_id, "judging").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, stages) = admin.stages(&f.contest_id).await;
    assert_eq!(stages[0]["phase"], "judging");
    assert_eq!(stages[1]["phase"], "setup");
    let later = extra["id"].as_str().unwrap();
    let (status, body) = admin
        .change_stage(&f.contest_id, later, &json!({"weight": 60}))
        .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "a later stage is prepared while the first runs: {body}"
    );

    let (_, stages) = admin.stages(&f.contest_id).await;
    let running = stages[0]["id"].as_str().unwrap();
    let answer = admin
        .change_stage(&f.contest_id, running, &json!({"name": "Lain"}))
        .await;
    refused(&answer, StatusCode::CONFLICT, "phase", "stage_not_in_setup");
    let answer = admin
        .add_stage(
            &f.contest_id,
            &json!({"name": "Presentasi", "kind": "scored", "weight": 30}),
        )
        .await;
    assert_eq!(answer.0, StatusCode::CONFLICT, "{}", answer.1);

    let judge = app
        .as_judge(&f.judges[0].email, fixtures::JUDGE_PASSWORD)
        .await;
    let (status, _) = app
        .post_json(
            &urls::stages(&f.contest_id),
            &judge.token,
            &json!({"name": "X", "kind": "scored", "weight": 0}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// A judge's assignments say which stage they belong to: today always the contest's first.
#[tokio::test]
async fn a_judges_assignments_name_their_stage() {
    let app = spawn_app().await;
    let f = fixtures::build(&app, Spec::default());
    let admin = app.as_admin().await;
    let (_, stages) = admin.stages(&f.contest_id).await;
    let judge = app
        .as_judge(&f.judges[0].email, fixtures::JUDGE_PASSWORD)
        .await;
    let (status, mine) = judge.my_assignments().await;
    assert_eq!(status, StatusCode::OK, "{mine}");
    let rows = mine.as_array().unwrap();
    assert_eq!(rows.len(), f.entries.len());
    for row in rows {
        assert_eq!(row["stage_id"], stages[0]["id"]);
        assert_eq!(row["stage_name"], "Penilaian");
    }
}

/// The `bertahap` template: screening with its checklist, then proposal (30 %, best 10 per
/// cluster), presentation and interview (25 %, best 5) and field verification (45 %), each
/// scored stage with its own rubric summing to 100, and the Bailang clusters and prizes.
#[tokio::test]
async fn the_bertahap_template_declares_a_kipp_like_pipeline() {
    let app = spawn_app().await;
    let admin = app.as_admin().await;
    let (status, contest) = admin
        .create_contest(&json!({"name": "Lomba bertahap", "year": 2026, "template": "bertahap"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{contest}");
    let id = contest["id"].as_str().unwrap();
    assert_eq!(contest["clusters"].as_array().unwrap().len(), 4);
    let (_, stages) = admin.stages(id).await;
    assert_eq!(
        stage_names(&stages),
        [
            "Seleksi administrasi",
            "Penilaian proposal",
            "Presentasi dan wawancara",
            "Verifikasi lapangan"
        ]
    );
    let weights: Vec<i64> = stages
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["weight"].as_i64().unwrap())
        .collect();
    assert_eq!(weights, [0, 30, 25, 45]);
    assert_eq!(stages[0]["kind"], "screening");
    assert_eq!(stages[0]["checklist"].as_array().unwrap().len(), 3);
    assert_eq!(
        stages[1]["advance"],
        json!({"rule": "top", "count": 10, "ties": "include"})
    );
    assert_eq!(stages[2]["advance"]["count"], 5);
    for stage in &stages.as_array().unwrap()[1..] {
        let (status, rubric) = app
            .get_json(
                &format!(
                    "{}/criteria",
                    urls::stage(id, stage["id"].as_str().unwrap())
                ),
                &admin.token,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{rubric}");
        let total: i64 = rubric
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["weight"].as_i64().unwrap())
            .sum();
        assert_eq!(total, 100, "{}", stage["name"]);
    }
    let (status, body) = admin
        .create_contest(&json!({"name": "X", "year": 2026, "template": "kipp"}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(error_of(&body)["reason"], "template_unknown");
}

/// Assignments made before a screening was put in front of their stage wait for it: judges do
/// not see them while the screening runs, and sealing the screening keeps only the ones of
/// entries that passed.
#[tokio::test]
async fn assignments_made_before_a_screening_wait_for_its_shortlist() {
    let app = spawn_app().await;
    let f = fixtures::build(
        &app,
        Spec {
            phase: Phase::Setup,
            ..Spec::default()
        },
    );
    let id = f.contest_id.as_str();
    let admin = app.as_admin().await;
    let (status, screening) = admin
        .add_stage(
            id,
            &json!({"name": "Seleksi", "kind": "screening", "weight": 0, "checklist": ["SK"], "position": 1}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{screening}");
    let screening = screening["id"].as_str().unwrap();
    let (_, stages) = admin.stages(id).await;
    let desk = stages[1]["id"].as_str().unwrap();
    admin.set_phase(id, "judging").await;
    let judge = app
        .as_judge(&f.judges[0].email, fixtures::JUDGE_PASSWORD)
        .await;
    let (_, mine) = judge.my_assignments().await;
    assert_eq!(mine, json!([]), "the desk stage has not begun");
    for (n, e) in f.entries.iter().enumerate() {
        let body = if n == 0 {
            json!({"eligible": false, "failed": ["SK"]})
        } else {
            json!({"eligible": true})
        };
        let url = format!("{}/screening/{}", urls::stage(id, screening), e.id);
        let (status, b) = app.put_json(&url, &admin.token, &body).await;
        assert_eq!(status, StatusCode::OK, "{b}");
    }
    admin.set_phase(id, "closed").await;
    let url = format!("{}/seal", urls::stage(id, screening));
    let (status, sealed) = app.post_json(&url, &admin.token, &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{sealed}");
    let url = format!("{}/assignments", urls::stage(id, desk));
    let (_, kept) = app.get_json(&url, &admin.token).await;
    let kept = kept.as_array().unwrap();
    assert_eq!(kept.len(), f.judges.len() * (f.entries.len() - 1));
    assert!(kept
        .iter()
        .all(|a| a["entry_id"] != f.entries[0].id.as_str()));
    admin.set_phase(id, "judging").await;
    let (_, mine) = judge.my_assignments().await;
    assert_eq!(mine.as_array().unwrap().len(), f.entries.len() - 1);
    assert_eq!(mine[0]["stage_id"], desk);
}

// Each test uses the operations it needs.
#![allow(dead_code)]

//! A typed client per role: the API's addresses built in one place ([`urls`]) and one named
//! method per operation, so a test reads as what the user does ("the judge saves a draft")
//! instead of a format string and a verb.

use crate::helpers::TestApp;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// Every address of the JSON API.
pub mod urls {
    use std::fmt::Display;

    pub fn contests() -> String {
        "/api/v1/contests".into()
    }
    pub fn contest(id: impl Display) -> String {
        format!("/api/v1/contests/{id}")
    }
    pub fn clusters(id: impl Display) -> String {
        format!("{}/clusters", contest(id))
    }
    pub fn prizes(id: impl Display, cluster: impl Display) -> String {
        format!("{}/clusters/{cluster}/prizes", contest(id))
    }
    pub fn criteria(id: impl Display) -> String {
        format!("{}/criteria", contest(id))
    }
    pub fn criterion(id: impl Display, criterion: impl Display) -> String {
        format!("{}/criteria/{criterion}", contest(id))
    }
    pub fn tie_break(id: impl Display) -> String {
        format!("{}/tie-break", contest(id))
    }
    pub fn stages(id: impl Display) -> String {
        format!("{}/stages", contest(id))
    }
    pub fn stage(id: impl Display, stage: impl Display) -> String {
        format!("{}/stages/{stage}", contest(id))
    }
    pub fn phase(id: impl Display) -> String {
        format!("{}/phase", contest(id))
    }
    pub fn audit(id: impl Display) -> String {
        format!("{}/audit", contest(id))
    }
    pub fn entries(id: impl Display) -> String {
        format!("{}/entries", contest(id))
    }
    pub fn entry(id: impl Display, entry: impl Display) -> String {
        format!("{}/entries/{entry}", contest(id))
    }
    pub fn import(id: impl Display) -> String {
        format!("{}/entries/import", contest(id))
    }
    pub fn judges(id: impl Display) -> String {
        format!("{}/judges", contest(id))
    }
    pub fn conflicts(id: impl Display) -> String {
        format!("{}/conflicts", contest(id))
    }
    pub fn assignments(id: impl Display) -> String {
        format!("{}/assignments", contest(id))
    }
    pub fn assignment(id: impl Display, assignment: impl Display) -> String {
        format!("{}/assignments/{assignment}", contest(id))
    }
    pub fn auto_assign(id: impl Display) -> String {
        format!("{}/assignments/auto", contest(id))
    }
    pub fn sheet(id: impl Display, entry: impl Display) -> String {
        format!("{}/entries/{entry}/sheet", contest(id))
    }
    pub fn recusal(id: impl Display, entry: impl Display) -> String {
        format!("{}/entries/{entry}/recusal", contest(id))
    }
    pub fn monitor(id: impl Display) -> String {
        format!("{}/monitor", contest(id))
    }
    pub fn results(id: impl Display) -> String {
        format!("{}/results", contest(id))
    }
    pub fn tie_resolution(id: impl Display, cluster: impl Display) -> String {
        format!("{}/clusters/{cluster}/tie-resolution", contest(id))
    }
    pub fn waivers(id: impl Display, entry: impl Display) -> String {
        format!("{}/entries/{entry}/waivers", contest(id))
    }
    pub fn publish(id: impl Display) -> String {
        format!("{}/publish", contest(id))
    }
    pub fn export_csv(id: impl Display) -> String {
        format!("{}/export.csv", contest(id))
    }
    pub fn export_xlsx(id: impl Display) -> String {
        format!("{}/export.xlsx", contest(id))
    }
    pub fn import_template(id: impl Display) -> String {
        format!("{}/entries/template.csv", contest(id))
    }
    pub fn users() -> String {
        "/api/v1/users".into()
    }
    pub fn user_password(id: impl Display) -> String {
        format!("/api/v1/users/{id}/password")
    }
    pub fn user_deactivate(id: impl Display) -> String {
        format!("/api/v1/users/{id}/deactivate")
    }
    pub fn my_assignments() -> String {
        "/api/v1/me/assignments".into()
    }
    pub fn public_winners(id: impl Display) -> String {
        format!("/api/v1/public/contests/{id}/winners")
    }
}

/// An answer: its status and JSON body.
pub type Answer = (StatusCode, Value);

/// The committee (or an admin) at work on contests.
pub struct Staff<'a> {
    pub app: &'a TestApp,
    pub token: String,
}

/// A judge at work on their sheets.
pub struct Judge<'a> {
    pub app: &'a TestApp,
    pub token: String,
}

impl TestApp {
    /// Signed in as the first admin.
    pub async fn as_admin(&self) -> Staff<'_> {
        Staff {
            app: self,
            token: self.admin_token().await,
        }
    }

    /// Signed in as a judge.
    pub async fn as_judge(&self, email: &str, password: &str) -> Judge<'_> {
        Judge {
            app: self,
            token: self.token(email, password).await,
        }
    }
}

impl Staff<'_> {
    pub async fn create_contest(&self, body: &Value) -> Answer {
        self.app
            .post_json(&urls::contests(), &self.token, body)
            .await
    }
    /// A new contest from the Bailang template.
    pub async fn bailang(&self, name: &str) -> Answer {
        self.create_contest(&json!({"name": name, "year": 2026, "template": "bailang"}))
            .await
    }
    pub async fn stages(&self, id: &str) -> Answer {
        self.app.get_json(&urls::stages(id), &self.token).await
    }
    pub async fn add_stage(&self, id: &str, body: &Value) -> Answer {
        self.app
            .post_json(&urls::stages(id), &self.token, body)
            .await
    }
    pub async fn change_stage(&self, id: &str, stage: &str, body: &Value) -> Answer {
        self.app
            .patch_json(&urls::stage(id, stage), &self.token, body)
            .await
    }
    pub async fn delete_stage(&self, id: &str, stage: &str) -> Answer {
        self.app
            .delete_json(&urls::stage(id, stage), &self.token)
            .await
    }
    pub async fn contest(&self, id: &str) -> Answer {
        self.app.get_json(&urls::contest(id), &self.token).await
    }
    pub async fn change_contest(&self, id: &str, body: &Value) -> Answer {
        self.app
            .patch_json(&urls::contest(id), &self.token, body)
            .await
    }
    pub async fn add_criterion(&self, id: &str, body: &Value) -> Answer {
        self.app
            .post_json(&urls::criteria(id), &self.token, body)
            .await
    }
    pub async fn add_entry(&self, id: &str, body: &Value) -> Answer {
        self.app
            .post_json(&urls::entries(id), &self.token, body)
            .await
    }
    pub async fn entries(&self, id: &str) -> Answer {
        self.app.get_json(&urls::entries(id), &self.token).await
    }
    pub async fn delete_entry(&self, id: &str, entry: &str) -> Answer {
        self.app
            .delete_json(&urls::entry(id, entry), &self.token)
            .await
    }
    pub async fn add_judge(&self, id: &str, body: &Value) -> Answer {
        self.app
            .post_json(&urls::judges(id), &self.token, body)
            .await
    }
    pub async fn assign(&self, id: &str, judge: &str, entry: &str) -> Answer {
        let body = json!({"judge_id": judge, "entry_id": entry});
        self.app
            .post_json(&urls::assignments(id), &self.token, &body)
            .await
    }
    /// Moves the contest to `phase` (`judging`, `closed`, `published`).
    pub async fn set_phase(&self, id: &str, phase: &str) -> Answer {
        self.app
            .post_json(&urls::phase(id), &self.token, &json!({"phase": phase}))
            .await
    }
    pub async fn results(&self, id: &str) -> Answer {
        self.app.get_json(&urls::results(id), &self.token).await
    }
    pub async fn waive(&self, id: &str, entry: &str, judge: &str, reason: &str) -> Answer {
        let body = json!({"judge_id": judge, "reason": reason});
        self.app
            .post_json(&urls::waivers(id, entry), &self.token, &body)
            .await
    }
    pub async fn publish(&self, id: &str) -> Answer {
        self.app
            .post_json(&urls::publish(id), &self.token, &json!({}))
            .await
    }
}

impl Judge<'_> {
    pub async fn my_assignments(&self) -> Answer {
        self.app
            .get_json(&urls::my_assignments(), &self.token)
            .await
    }
    pub async fn sheet(&self, id: &str, entry: &str) -> Answer {
        self.app
            .get_json(&urls::sheet(id, entry), &self.token)
            .await
    }
    /// Saves the sheet: `scores` by criterion id, a draft unless `submit`, over `version`.
    pub async fn save_sheet(
        &self,
        id: &str,
        entry: &str,
        scores: &Value,
        submit: bool,
        version: Option<i64>,
    ) -> Answer {
        let body = json!({"scores": scores, "comment": "", "submit": submit, "version": version});
        self.app
            .put_json(&urls::sheet(id, entry), &self.token, &body)
            .await
    }
    pub async fn recuse(&self, id: &str, entry: &str, reason: &str) -> Answer {
        self.app
            .post_json(
                &urls::recusal(id, entry),
                &self.token,
                &json!({"reason": reason}),
            )
            .await
    }
}

//! Use cases: one function per thing a user does, each in one transaction. The JSON API and
//! the HTML pages both call these, so a rule is enforced once.

pub mod analysis;
pub mod auth;
pub mod contest_settings;
pub mod contests;
pub mod demo;
pub mod documents;
pub mod entrant_home;
pub mod entrants;
pub mod entries;
pub mod entry_report;
pub mod gate;
pub mod import;
pub mod judges;
pub mod judging;
pub mod monitor;
pub mod password_links;
pub mod phase;
pub mod proposal;
pub mod results;
pub mod rubric;
pub mod seal;
pub mod seed;
pub mod session_cache;
pub mod setup_common;
pub mod stage_flow;
pub mod stage_results;
pub mod stages;
pub mod templates;
pub mod users;

use crate::domain::role::Role;
use serde::Serialize;

/// The signed-in user, as the handlers and services see them.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct CurrentUser {
    pub id: crate::model::UserId,
    pub name: String,
    pub email: String,
    pub role: Role,
    #[serde(skip)]
    pub affiliation: String,
}

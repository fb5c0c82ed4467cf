//! Committee pages for contest setup: the contest list and the screens of one contest
//! (overview, rubric, entries, judges, assignments, audit). Each form posts to its own handler
//! (`forms`), which calls the same service as the JSON API; a refused form re-renders its screen
//! with the message next to the field.

mod forms;
pub(crate) use forms::CriterionForm;
mod stages;

use super::form::HtmlForm;
use super::{ctx, refused, see_other, Notice};
use crate::error::{AppError, AppResult};
use crate::i18n::setup::SetupMsg as M;
use crate::model::*;
use crate::services::{contests, demo, entries, judges, phase, CurrentUser};
use crate::views::setup::{self as view, Problem};
use crate::web::auth::StaffUser;
use crate::web::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use std::collections::HashMap;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/contests", web::get().to(list))
        .route("/contests", web::post().to(create))
        .route("/demo", web::post().to(create_demo))
        .route("/contests/{id}", web::get().to(overview))
        .route("/contests/{id}/phase", web::post().to(set_phase))
        .route("/contests/{id}/{screen}", web::get().to(screen))
        .configure(forms::configure)
        .configure(stages::configure);
}

/// The new-contest form.
#[derive(serde::Deserialize)]
struct ContestForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    aggregation: String,
    #[serde(default)]
    min_award_score: String,
    #[serde(default)]
    blind: String,
    #[serde(default)]
    template: String,
}

/// The phase buttons' form.
#[derive(serde::Deserialize)]
struct PhaseForm {
    #[serde(default)]
    phase: String,
}

async fn list_page(
    state: &AppState,
    req: &HttpRequest,
    user: &CurrentUser,
    problem: Problem,
) -> AppResult<maud::Markup> {
    let list = state.db(contests::list).await?;
    Ok(view::contest_list(
        &ctx(req, Some(user)),
        &list,
        &problem,
        demo::DEMO_PASSWORD,
    ))
}

async fn list(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
) -> AppResult<maud::Markup> {
    list_page(&state, &req, &user, Problem::default()).await
}

async fn create(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    form: HtmlForm<ContestForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let min = form.min_award_score;
    let input = contests::NewContest {
        name: form.name,
        year: form.year.trim().parse().ok(),
        description: form.description,
        aggregation: Some(form.aggregation).filter(|a| !a.is_empty()),
        min_award_score: if min.trim().is_empty() {
            None
        } else {
            Some(
                min.trim()
                    .parse()
                    .map_err(|_| AppError::invalid("min_award_score", M::ErrMinAward))?,
            )
        },
        blind: Some(form.blind == "true"),
        template: Some(form.template),
    };
    let actor = user.clone();
    match state.db(move |c| contests::create(c, &actor, input)).await {
        Ok(contest) => Ok(see_other(&format!("/contests/{}", contest.id))),
        Err(err) if err.kind.is_client_error() => {
            let problem = Problem::new("create", &err, &ctx(&req, Some(&user)));
            Ok(refused(
                &err,
                list_page(&state, &req, &user, problem).await?,
            ))
        }
        Err(err) => Err(err),
    }
}

/// Which demo the button asks for.
#[derive(serde::Deserialize)]
struct DemoForm {
    #[serde(default)]
    kind: String,
}

async fn create_demo(
    state: web::Data<AppState>,
    StaffUser(user): StaffUser,
    form: HtmlForm<DemoForm>,
) -> AppResult<HttpResponse> {
    let kind = demo::DemoKind::from_word(&form.kind);
    let id = state.db(move |c| demo::create(c, &user, kind)).await?;
    Ok(see_other(&Notice::Saved.after(&format!("/contests/{id}"))))
}

/// What a setup screen shows: the contest, and the lists the screen needs (others empty).
#[derive(Default)]
struct ScreenData {
    readiness: Vec<crate::error::Detail>,
    entries: Vec<entries::Entry>,
    judges: Vec<judges::Judge>,
    conflicts: Vec<judges::Conflict>,
    assignments: Vec<judges::Assignment>,
    audit: Vec<crate::db::audit::AuditRow>,
    names: HashMap<UserId, String>,
    stages: Vec<crate::services::stages::Stage>,
    flow: Vec<crate::services::stage_flow::StageFlow>,
}

/// Reads what screen `name` of contest `id` shows.
fn screen_data(
    conn: &mut crate::db::DbConnection,
    id: ContestId,
    name: &str,
) -> AppResult<(contests::Contest, ScreenData)> {
    let contest = contests::detail(conn, id)?;
    let mut data = ScreenData {
        readiness: phase::readiness(conn, id)?,
        ..ScreenData::default()
    };
    if name == "overview" {
        data.stages = crate::services::stages::list(conn, id)?;
        data.flow = crate::services::stage_flow::flow(conn, id)?;
    }
    if matches!(name, "entries" | "judges" | "assignments") {
        data.entries = entries::list(conn, id)?;
        data.judges = judges::list(conn, id)?;
        data.conflicts = judges::conflicts(conn, id)?;
    }
    if name == "assignments" {
        data.assignments = judges::assignments(conn, id, None)?;
    }
    if name == "audit" {
        data.audit = crate::db::audit::for_contest(conn, id, 500)?;
        data.names = crate::db::users::list(conn)?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect();
    }
    Ok((contest, data))
}

/// Renders screen `name` of contest `id`, with a refused form's problem if any.
async fn render(
    state: &AppState,
    req: &HttpRequest,
    user: &CurrentUser,
    id: ContestId,
    name: &str,
    problem: Problem,
) -> AppResult<maud::Markup> {
    let c = ctx(req, Some(user));
    let info = Notice::of(req).map(|n| c.t(n.text()));
    let screen = name.to_string();
    let (contest, d) = state.db(move |conn| screen_data(conn, id, &screen)).await?;
    Ok(match name {
        "rubric" => view::rubric(&c, &contest, &problem),
        "entries" => view::entries(&c, &contest, &d.entries, &problem, info),
        "judges" => view::judges(&c, &contest, &d.judges, &d.entries, &d.conflicts, &problem),
        "assignments" => {
            let data = view::MatrixData {
                judges: &d.judges,
                entries: &d.entries,
                assignments: &d.assignments,
                conflicts: &d.conflicts,
            };
            view::matrix(&c, &contest, &data, &problem, info)
        }
        "audit" => view::audit(&c, &contest, &d.audit, &d.names),
        _ => {
            let readiness: Vec<String> = d.readiness.iter().map(|r| c.text(&r.message)).collect();
            view::overview(&c, &contest, &d.stages, &d.flow, &readiness, &problem, info)
        }
    })
}

async fn overview(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<maud::Markup> {
    let id = path.into_inner();
    render(&state, &req, &user, id, "overview", Problem::default()).await
}

async fn screen(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, String)>,
) -> AppResult<maud::Markup> {
    let (id, name) = path.into_inner();
    if !["rubric", "entries", "judges", "assignments", "audit"].contains(&name.as_str()) {
        return Err(AppError::new(
            crate::error::ErrorKind::NotFound,
            crate::i18n::Msg::ErrRouteNotFound,
        ));
    }
    render(&state, &req, &user, id, &name, Problem::default()).await
}

/// Where screen `screen` of contest `id` lives (the overview is the contest's own address).
fn screen_path(id: ContestId, screen: &str) -> String {
    if screen == "overview" {
        format!("/contests/{id}")
    } else {
        format!("/contests/{id}/{screen}")
    }
}

/// After a form: back to the screen, or the screen again with the problem.
pub(super) async fn finish(
    state: &AppState,
    req: &HttpRequest,
    user: &CurrentUser,
    id: ContestId,
    screen: &str,
    form: &str,
    outcome: AppResult<()>,
) -> AppResult<HttpResponse> {
    match outcome {
        Ok(()) => Ok(see_other(&Notice::Saved.after(&screen_path(id, screen)))),
        Err(err) if err.kind.is_client_error() => {
            let problem = Problem::new(form, &err, &ctx(req, Some(user)));
            Ok(refused(
                &err,
                render(state, req, user, id, screen, problem).await?,
            ))
        }
        Err(err) => Err(err),
    }
}

async fn set_phase(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
    form: HtmlForm<PhaseForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let target = form.into_inner().phase;
    let (actor, cid) = (user.clone(), id);
    let outcome = state
        .db(move |c| phase::transition(c, &actor, cid, &target).map(|_| ()))
        .await;
    match outcome {
        Ok(()) => Ok(see_other(
            &Notice::PhaseChanged.after(&format!("/contests/{id}")),
        )),
        Err(err) => finish(&state, &req, &user, id, "", "phase", Err(err)).await,
    }
}

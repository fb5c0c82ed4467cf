//! Committee pages for contest setup. Each form posts to a route that calls the same service
//! as the JSON API; a refused form re-renders its page with the message next to the field.

use super::{ctx, refused, see_other};
use crate::error::{AppError, AppResult};
use crate::i18n::setup::SetupMsg as M;
use crate::i18n::Text;
use crate::model::*;
use crate::services::{contests, demo, entries, import, judges, phase, rubric, CurrentUser};
use crate::views::setup::{self as view, Problem};
use crate::web::auth::StaffUser;
use crate::web::error::parse_id;
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
        .route("/contests/{id}/{form}", web::post().to(submit))
        .route(
            "/contests/{id}/clusters/{cluster_id}/prizes",
            web::post().to(prizes),
        )
        .route(
            "/contests/{id}/entries/{entry_id}/delete",
            web::post().to(delete_entry),
        );
}

/// Form fields in order, repeated keys kept (checkbox groups).
fn pairs(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn first(p: &[(String, String)], key: &str) -> String {
    p.iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

fn number(p: &[(String, String)], key: &str) -> AppResult<i64> {
    let raw = first(p, key);
    raw.trim()
        .parse()
        .map_err(|_| AppError::invalid(key, crate::i18n::Msg::ErrRequired))
}

fn notice(req: &HttpRequest) -> Option<M> {
    let q = web::Query::<HashMap<String, String>>::from_query(req.query_string()).ok()?;
    match q.get("notice")?.as_str() {
        "saved" => Some(M::Saved),
        "phase" => Some(M::PhaseChanged),
        _ => None,
    }
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
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let p = pairs(&body);
    let min = first(&p, "min_award_score");
    let input = contests::NewContest {
        name: first(&p, "name"),
        year: first(&p, "year").trim().parse().ok(),
        description: first(&p, "description"),
        aggregation: Some(first(&p, "aggregation")).filter(|a| !a.is_empty()),
        min_award_score: if min.trim().is_empty() {
            None
        } else {
            Some(
                min.trim()
                    .parse()
                    .map_err(|_| AppError::invalid("min_award_score", M::ErrMinAward))?,
            )
        },
        blind: Some(first(&p, "blind") == "true"),
        template: Some(first(&p, "template")),
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

async fn create_demo(
    state: web::Data<AppState>,
    StaffUser(user): StaffUser,
) -> AppResult<HttpResponse> {
    let id = state.db(move |c| demo::create(c, &user)).await?;
    Ok(see_other(&format!("/contests/{id}?notice=saved")))
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
    let info = notice(req).map(|m| c.t(m));
    let name = name.to_string();
    let data = state
        .db(move |conn| {
            let contest = contests::detail(conn, id)?;
            let readiness = phase::readiness(conn, id)?;
            let needs_lists = matches!(name.as_str(), "entries" | "judges" | "assignments");
            let entry_list = if needs_lists {
                entries::list(conn, id)?
            } else {
                Vec::new()
            };
            let judge_list = if needs_lists {
                judges::list(conn, id)?
            } else {
                Vec::new()
            };
            let conflict_list = if needs_lists {
                judges::conflicts(conn, id)?
            } else {
                Vec::new()
            };
            let assignment_list = if name == "assignments" {
                judges::assignments(conn, id)?
            } else {
                Vec::new()
            };
            let audit = if name == "audit" {
                crate::db::audit::for_contest(conn, id, 500)?
            } else {
                Vec::new()
            };
            let names: HashMap<UserId, String> = if name == "audit" {
                crate::db::users::list(conn)?
                    .into_iter()
                    .map(|u| (u.id, u.name))
                    .collect()
            } else {
                HashMap::new()
            };
            Ok((
                name,
                contest,
                readiness,
                entry_list,
                judge_list,
                conflict_list,
                assignment_list,
                audit,
                names,
            ))
        })
        .await?;
    let (
        name,
        contest,
        readiness,
        entry_list,
        judge_list,
        conflict_list,
        assignment_list,
        audit,
        names,
    ) = data;
    Ok(match name.as_str() {
        "rubric" => view::rubric(&c, &contest, &problem),
        "entries" => view::entries(&c, &contest, &entry_list, &problem, info),
        "judges" => view::judges(
            &c,
            &contest,
            &judge_list,
            &entry_list,
            &conflict_list,
            &problem,
        ),
        "assignments" => {
            let data = view::MatrixData {
                judges: &judge_list,
                entries: &entry_list,
                assignments: &assignment_list,
                conflicts: &conflict_list,
            };
            view::matrix(&c, &contest, &data, &problem, info)
        }
        "audit" => view::audit(&c, &contest, &audit, &names),
        _ => {
            let readiness: Vec<String> = readiness.iter().map(|d| c.text(&d.message)).collect();
            view::overview(&c, &contest, &readiness, &problem, info)
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

/// After a form: back to the screen, or the screen again with the problem.
async fn finish(
    state: &AppState,
    req: &HttpRequest,
    user: &CurrentUser,
    id: ContestId,
    screen: &str,
    form: &str,
    outcome: AppResult<()>,
) -> AppResult<HttpResponse> {
    match outcome {
        Ok(()) => Ok(see_other(&format!("/contests/{id}/{screen}?notice=saved"))),
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
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let target = first(&pairs(&body), "phase");
    let (actor, cid) = (user.clone(), id);
    let outcome = state
        .db(move |c| phase::transition(c, &actor, cid, &target).map(|_| ()))
        .await;
    match outcome {
        Ok(()) => Ok(see_other(&format!("/contests/{id}?notice=phase"))),
        Err(err) => finish(&state, &req, &user, id, "", "phase", Err(err)).await,
    }
}

async fn submit(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, String)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let (id, form) = path.into_inner();
    let p = pairs(&body);
    let (actor, cid) = (user.clone(), id);
    let (screen, form_id, outcome): (&str, &str, AppResult<()>) = match form.as_str() {
        "criteria" => {
            let input = number(&p, "weight").and_then(|w| {
                Ok(rubric::NewCriterion {
                    name: first(&p, "name"),
                    weight: w,
                    min_score: number(&p, "min_score")?,
                    max_score: number(&p, "max_score")?,
                    description: first(&p, "description"),
                    levels: Vec::new(),
                })
            });
            let r = match input {
                Ok(input) => {
                    state
                        .db(move |c| rubric::add_criterion(c, &actor, cid, input).map(|_| ()))
                        .await
                }
                Err(e) => Err(e),
            };
            ("rubric", "criterion", r)
        }
        "clusters" => {
            let input = rubric::NewCluster {
                name: first(&p, "name"),
                winners_count: first(&p, "winners_count").trim().parse().ok(),
            };
            (
                "rubric",
                "cluster",
                state
                    .db(move |c| rubric::add_cluster(c, &actor, cid, input).map(|_| ()))
                    .await,
            )
        }
        "entries" => {
            let input = entries::NewEntry {
                cluster_id: first(&p, "cluster_id"),
                title: first(&p, "title"),
                innovator: first(&p, "innovator"),
                unit: first(&p, "unit"),
                description: first(&p, "description"),
                link: Some(first(&p, "link")),
            };
            (
                "entries",
                "entry",
                state
                    .db(move |c| entries::create(c, &actor, cid, input).map(|_| ()))
                    .await,
            )
        }
        "judges" => {
            let clusters: Vec<String> = p
                .iter()
                .filter(|(k, _)| k == "cluster_ids")
                .map(|(_, v)| v.clone())
                .collect();
            let input = judges::NewJudge {
                name: first(&p, "name"),
                email: first(&p, "email"),
                password: first(&p, "password"),
                affiliation: first(&p, "affiliation"),
                cluster_ids: (!clusters.is_empty()).then_some(clusters),
            };
            (
                "judges",
                "judge",
                state
                    .db(move |c| judges::add(c, &actor, cid, input).map(|_| ()))
                    .await,
            )
        }
        "conflicts" => {
            let ids = parse_id::<JudgeId>("judge_id", &first(&p, "judge_id"))
                .and_then(|j| Ok((j, parse_id::<EntryId>("entry_id", &first(&p, "entry_id"))?)));
            let reason = first(&p, "reason");
            let r = match ids {
                Ok((j, e)) => {
                    state
                        .db(move |c| {
                            judges::declare_conflict(c, &actor, cid, j, e, &reason).map(|_| ())
                        })
                        .await
                }
                Err(e) => Err(e),
            };
            ("judges", "conflict", r)
        }
        "entries/import" | "import" => return Err(AppError::not_found()),
        _ => {
            return Err(AppError::new(
                crate::error::ErrorKind::NotFound,
                crate::i18n::Msg::ErrRouteNotFound,
            ))
        }
    };
    finish(&state, &req, &user, id, screen, form_id, outcome).await
}

async fn prizes(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, ClusterId)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let (id, cluster) = path.into_inner();
    let p = pairs(&body);
    let mut tiers = Vec::new();
    for rank in 1..=20 {
        let title = first(&p, &format!("title_{rank}"));
        if title.trim().is_empty() {
            continue;
        }
        let amount = first(&p, &format!("amount_{rank}"))
            .trim()
            .parse()
            .unwrap_or(-1);
        tiers.push(rubric::TierInput {
            rank,
            title,
            amount,
            extra: None,
            condition: None,
        });
    }
    let (actor, cid) = (user.clone(), id);
    let outcome = state
        .db(move |c| {
            rubric::put_prizes(c, &actor, cid, cluster, rubric::PrizesInput { tiers }).map(|_| ())
        })
        .await;
    finish(&state, &req, &user, id, "rubric", "prizes", outcome).await
}

async fn delete_entry(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, EntryId)>,
) -> AppResult<HttpResponse> {
    let (id, entry) = path.into_inner();
    let (actor, cid) = (user.clone(), id);
    let outcome = state
        .db(move |c| entries::delete(c, &actor, cid, entry))
        .await;
    finish(&state, &req, &user, id, "entries", "entry", outcome).await
}

/// The import form (multipart) and the automatic assignment form.
pub fn configure_special(cfg: &mut web::ServiceConfig) {
    cfg.route("/contests/{id}/entries/import", web::post().to(import_form))
        .route("/contests/{id}/assignments/auto", web::post().to(auto_form));
}

async fn import_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
    payload: actix_multipart::Multipart,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let outcome = match crate::web::api::entries::read_file_field(payload).await {
        Ok(bytes) => {
            let (actor, cid) = (user.clone(), id);
            state
                .db(move |c| import::import(c, &actor, cid, &bytes).map(|_| ()))
                .await
        }
        Err(e) => Err(e),
    };
    finish(&state, &req, &user, id, "entries", "import", outcome).await
}

async fn auto_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let p = pairs(&body);
    let k = if first(&p, "mode") == "panel" {
        Ok(None)
    } else {
        first(&p, "judges_per_entry")
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|k| (1..=20).contains(k))
            .map(Some)
            .ok_or_else(|| AppError::invalid("judges_per_entry", M::ErrAutoBody))
    };
    let (actor, cid) = (user.clone(), id);
    let outcome = match k {
        Ok(k) => {
            state
                .db(move |c| {
                    let r = judges::auto(c, &actor, cid, k)?;
                    if r.short.is_empty() {
                        Ok(())
                    } else {
                        // Assignments were made; say which entries still lack judges.
                        Err(AppError::conflict(Text::with(
                            M::ShortEntries,
                            [r.short.len()],
                        )))
                    }
                })
                .await
        }
        Err(e) => Err(e),
    };
    finish(&state, &req, &user, id, "assignments", "auto", outcome).await
}

//! The committee's screen of a contest's entrants (add one, issue a new set-password link,
//! open or close registration), and the public page of a set-password link.

use super::form::HtmlForm;
use super::{ctx, refused, see_other, Notice};
use crate::error::{AppError, AppResult};
use crate::model::{ContestId, UserId};
use crate::services::entrants::{self, Added, NewEntrant};
use crate::services::{contests, password_links, CurrentUser};
use crate::views::components::FormErrors;
use crate::views::setup::{IssuedLink, Problem};
use crate::web::auth::{check_same_origin, StaffUser};
use crate::web::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/contests/{id}/entrants", web::get().to(show))
        .route("/contests/{id}/entrants", web::post().to(add))
        .route(
            "/contests/{id}/entrants/{user_id}/link",
            web::post().to(new_link),
        )
        .route("/contests/{id}/registration", web::post().to(registration))
        .route("/contests/{id}/requirements", web::post().to(requirements))
        .route("/set-password/{token}", web::get().to(set_password_form))
        .route("/set-password/{token}", web::post().to(set_password));
}

/// The address of `path` on this server, as the request reached it.
pub fn absolute(req: &HttpRequest, path: &str) -> String {
    let info = req.connection_info();
    format!("{}://{}{path}", info.scheme(), info.host())
}

/// The link of an answer, ready to show.
pub fn issued_link(req: &HttpRequest, added: &Added) -> Option<IssuedLink> {
    added.link.as_ref().map(|l| IssuedLink {
        name: added.entrant.name.clone(),
        url: absolute(req, &l.path()),
        expires: l.expires_at.format("%Y-%m-%d %H:%M").to_string(),
    })
}

async fn render(
    state: &AppState,
    req: &HttpRequest,
    user: &CurrentUser,
    id: ContestId,
    problem: Problem,
    link: Option<IssuedLink>,
) -> AppResult<maud::Markup> {
    let (contest, list) = state
        .db(move |c| Ok((contests::detail(c, id)?, entrants::list(c, id)?)))
        .await?;
    let page_ctx = ctx(req, Some(user));
    let info = Notice::of(req).map(|n| page_ctx.t(n.text()));
    Ok(crate::views::setup::entrants(
        &page_ctx,
        &contest,
        &list,
        &problem,
        info,
        link.as_ref(),
    ))
}

async fn show(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<maud::Markup> {
    render(
        &state,
        &req,
        &user,
        path.into_inner(),
        Problem::default(),
        None,
    )
    .await
}

/// The screen with the link just issued (shown once, so not a redirect), or with the problem.
async fn finish(
    state: &AppState,
    req: &HttpRequest,
    user: &CurrentUser,
    id: ContestId,
    form: &str,
    outcome: AppResult<Option<Added>>,
) -> AppResult<HttpResponse> {
    match outcome {
        Ok(Some(added)) if added.link.is_some() => {
            let link = issued_link(req, &added);
            let markup = render(state, req, user, id, Problem::default(), link).await?;
            Ok(HttpResponse::Ok()
                .content_type("text/html; charset=utf-8")
                .body(markup.into_string()))
        }
        Ok(_) => Ok(see_other(
            &Notice::Saved.after(&format!("/contests/{id}/entrants")),
        )),
        Err(err) if err.kind.is_client_error() => {
            let problem = Problem::new(form, &err, &ctx(req, Some(user)));
            Ok(refused(
                &err,
                render(state, req, user, id, problem, None).await?,
            ))
        }
        Err(err) => Err(err),
    }
}

#[derive(Deserialize)]
struct EntrantForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    cluster_ids: Vec<String>,
}

async fn add(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
    form: HtmlForm<EntrantForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let form = form.into_inner();
    let input = NewEntrant {
        name: form.name,
        email: form.email,
        unit: form.unit,
        password: Some(form.password).filter(|p| !p.is_empty()),
        cluster_ids: (!form.cluster_ids.is_empty()).then_some(form.cluster_ids),
    };
    let actor = user.clone();
    let outcome = state
        .db(move |c| entrants::add(c, &actor, id, input).map(Some))
        .await;
    finish(&state, &req, &user, id, "entrant", outcome).await
}

async fn new_link(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<(ContestId, UserId)>,
) -> AppResult<HttpResponse> {
    let (id, entrant) = path.into_inner();
    let actor = user.clone();
    let outcome = state
        .db(move |c| entrants::new_link(c, &actor, id, entrant).map(Some))
        .await;
    finish(&state, &req, &user, id, "entrant", outcome).await
}

#[derive(Deserialize)]
struct RegistrationForm {
    #[serde(default)]
    registration_open: String,
    registration_deadline: Option<String>,
    #[serde(default)]
    release_comments: String,
}

async fn registration(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
    form: HtmlForm<RegistrationForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let form = form.into_inner();
    let mut body = serde_json::Map::new();
    body.insert(
        "release_comments".into(),
        (form.release_comments == "true").into(),
    );
    // The window's fields are on the form only while it may change.
    if let Some(deadline) = form.registration_deadline {
        body.insert(
            "registration_open".into(),
            (form.registration_open == "true").into(),
        );
        body.insert("registration_deadline".into(), deadline.into());
    }
    let actor = user.clone();
    let outcome = state
        .db(move |c| contests::patch(c, &actor, id, &body).map(|_| None))
        .await;
    finish(&state, &req, &user, id, "registration", outcome).await
}

#[derive(Deserialize)]
struct RequirementsForm {
    #[serde(default)]
    required_fields: Vec<String>,
    #[serde(default)]
    required_documents: Vec<String>,
}

async fn requirements(
    state: web::Data<AppState>,
    req: HttpRequest,
    StaffUser(user): StaffUser,
    path: web::Path<ContestId>,
    form: HtmlForm<RequirementsForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let form = form.into_inner();
    let mut body = serde_json::Map::new();
    body.insert("required_fields".into(), form.required_fields.into());
    body.insert("required_documents".into(), form.required_documents.into());
    let actor = user.clone();
    let outcome = state
        .db(move |c| contests::patch(c, &actor, id, &body).map(|_| None))
        .await;
    finish(&state, &req, &user, id, "requirements", outcome).await
}

fn set_password_page(
    req: &HttpRequest,
    account: Option<(&str, &str)>,
    err: Option<&AppError>,
) -> maud::Markup {
    let page_ctx = ctx(req, None);
    let errors = err
        .map(|e| FormErrors::from_error(e, page_ctx.lang))
        .unwrap_or_default();
    crate::views::login::set_password(&page_ctx, account, &errors)
}

async fn set_password_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    token: web::Path<String>,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    match state
        .db(move |c| password_links::account_of(c, &token))
        .await
    {
        Ok(user) => Ok(HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .body(set_password_page(&req, Some((&user.name, &user.email)), None).into_string())),
        Err(err) if err.kind == crate::error::ErrorKind::Conflict => {
            Ok(refused(&err, set_password_page(&req, None, Some(&err))))
        }
        Err(err) => Err(err),
    }
}

#[derive(Deserialize)]
struct SetPasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    repeat: String,
}

async fn set_password(
    state: web::Data<AppState>,
    req: HttpRequest,
    token: web::Path<String>,
    form: HtmlForm<SetPasswordForm>,
) -> AppResult<HttpResponse> {
    check_same_origin(&req)?;
    let token = token.into_inner();
    let form = form.into_inner();
    let outcome = if form.password != form.repeat {
        Err(AppError::invalid(
            "repeat",
            crate::i18n::entrants::EntrantMsg::ErrPasswordsDiffer,
        ))
    } else {
        let t = token.clone();
        state
            .db(move |c| password_links::set_password(c, &t, &form.password))
            .await
            .map(|_| ())
    };
    match outcome {
        Ok(()) => Ok(see_other(&Notice::PasswordSet.after("/login"))),
        Err(err) if err.kind.is_client_error() && err.kind != crate::error::ErrorKind::NotFound => {
            let account = state
                .db(move |c| password_links::account_of(c, &token))
                .await
                .ok();
            let shown = account
                .as_ref()
                .map(|u| (u.name.as_str(), u.email.as_str()));
            Ok(refused(&err, set_password_page(&req, shown, Some(&err))))
        }
        Err(err) => Err(err),
    }
}

//! Admin pages for accounts: `GET/POST /users`, `POST /users/{id}/password`,
//! `POST /users/{id}/deactivate`.

use super::form::HtmlForm;
use super::{ctx, refused, see_other, Notice};
use crate::domain::role::Role;
use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::model::*;
use crate::services::users::{self, NewAccount};
use crate::views::components::FormErrors;
use crate::views::users::NewUserValues;
use crate::web::auth::AdminUser;
use crate::web::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/users", web::get().to(list))
        .route("/users", web::post().to(create))
        .route("/users/{id}/password", web::post().to(reset_password))
        .route("/users/{id}/deactivate", web::post().to(deactivate));
}

async fn render(
    state: &AppState,
    req: &HttpRequest,
    admin: &crate::services::CurrentUser,
    values: &NewUserValues,
    errors: &FormErrors,
) -> AppResult<maud::Markup> {
    let accounts = state.db(users::list).await?;
    let c = ctx(req, Some(admin));
    let info = Notice::of(req).map(|n| c.t(n.text()));
    Ok(crate::views::users::list(
        &c, &accounts, values, errors, info,
    ))
}

async fn list(
    state: web::Data<AppState>,
    req: HttpRequest,
    AdminUser(admin): AdminUser,
) -> AppResult<maud::Markup> {
    render(
        &state,
        &req,
        &admin,
        &NewUserValues::default(),
        &FormErrors::default(),
    )
    .await
}

#[derive(Deserialize)]
struct CreateForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    affiliation: String,
    #[serde(default)]
    password: String,
}

async fn create(
    state: web::Data<AppState>,
    req: HttpRequest,
    AdminUser(admin): AdminUser,
    form: HtmlForm<CreateForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let values = NewUserValues {
        email: form.email.clone(),
        name: form.name.clone(),
        role: form.role.clone(),
        affiliation: form.affiliation.clone(),
    };
    let result = match form.role.parse::<Role>() {
        Err(()) => Err(AppError::invalid("role", Msg::ErrRoleInvalid)),
        Ok(role) => {
            let input = NewAccount {
                email: form.email,
                name: form.name,
                role,
                affiliation: form.affiliation,
                password: form.password,
            };
            let actor = admin.clone();
            state
                .db(move |c| users::create(c, Some(&actor), input))
                .await
        }
    };
    match result {
        Ok(_) => Ok(see_other(&Notice::UserCreated.after("/users"))),
        Err(err) if err.kind.is_client_error() => {
            let errors = FormErrors::from_error(&err, crate::web::error::request_lang(&req));
            let page = render(&state, &req, &admin, &values, &errors).await?;
            Ok(refused(&err, page))
        }
        Err(err) => Err(err),
    }
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    password: String,
}

async fn reset_password(
    state: web::Data<AppState>,
    req: HttpRequest,
    AdminUser(admin): AdminUser,
    path: web::Path<UserId>,
    form: HtmlForm<PasswordForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let password = form.into_inner().password;
    let actor = admin.clone();
    match state
        .db(move |c| users::reset_password(c, &actor, id, &password))
        .await
    {
        Ok(_) => Ok(see_other(&Notice::PasswordReset.after("/users"))),
        Err(err) if err.kind == crate::error::ErrorKind::Invalid => {
            let errors = FormErrors {
                field: None,
                message: Some(err.message.render(crate::web::error::request_lang(&req))),
            };
            let page = render(&state, &req, &admin, &NewUserValues::default(), &errors).await?;
            Ok(refused(&err, page))
        }
        Err(err) => Err(err),
    }
}

async fn deactivate(
    state: web::Data<AppState>,
    AdminUser(admin): AdminUser,
    path: web::Path<UserId>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    state.db(move |c| users::deactivate(c, &admin, id)).await?;
    Ok(see_other(&Notice::Deactivated.after("/users")))
}

//! `GET /account`, `POST /account/password`: one's own account.

use super::form::HtmlForm;
use super::{ctx, refused, see_other, Notice};
use crate::error::AppResult;
use crate::services::auth;
use crate::views::components::FormErrors;
use crate::web::auth::Auth;
use crate::web::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/account", web::get().to(show))
        .route("/account/password", web::post().to(change_password));
}

async fn show(req: HttpRequest, auth: Auth) -> maud::Markup {
    let c = ctx(&req, Some(&auth.user));
    let info = Notice::of(&req).map(|n| c.t(n.text()));
    crate::views::users::account(&c, &FormErrors::default(), info)
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

/// Changes the password; every earlier session ends, including this one, so the user signs in
/// again with the new password.
async fn change_password(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: Auth,
    form: HtmlForm<PasswordForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let user = auth.user.clone();
    match state
        .db(move |c| auth::change_password(c, &user, &form.current_password, &form.new_password))
        .await
    {
        Ok(()) => Ok(see_other(&Notice::PasswordChanged.after("/login"))),
        Err(err) if err.kind.is_client_error() => {
            let c = ctx(&req, Some(&auth.user));
            let errors = FormErrors::from_error(&err, c.lang);
            Ok(refused(
                &err,
                crate::views::users::account(&c, &errors, None),
            ))
        }
        Err(err) => Err(err),
    }
}

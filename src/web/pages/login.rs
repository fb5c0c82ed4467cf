//! `GET/POST /login`, `POST /logout`.

use super::form::HtmlForm;
use super::{ctx, refused, safe_next, see_other, Notice};
use crate::error::{AppError, AppResult};
use crate::services::auth;
use crate::views::components::FormErrors;
use crate::web::auth::{check_same_origin, sign_in, MaybeAuth};
use crate::web::{AppState, TOKEN_COOKIE};
use actix_web::cookie::{time, Cookie, SameSite};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/login", web::get().to(form))
        .route("/login", web::post().to(submit))
        .route("/logout", web::post().to(logout));
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

async fn form(req: HttpRequest, auth: MaybeAuth, q: web::Query<NextQuery>) -> HttpResponse {
    let next = safe_next(q.next.as_deref());
    if auth.0.is_some() {
        return see_other(&next);
    }
    let c = ctx(&req, None);
    let info = Notice::of(&req).map(|n| c.t(n.text()));
    let page = crate::views::login::login(&c, "", &next, &FormErrors::default(), info);
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(page.into_string())
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

/// Whether the request reached the site over HTTPS: always when configured so, or when a trusted
/// proxy says so in `X-Forwarded-Proto` (docs/configuration.md).
fn over_https(state: &AppState, req: &HttpRequest) -> bool {
    state.config.secure_cookies
        || (state.config.trust_forwarded_proto
            && req
                .headers()
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("https")))
}

fn token_cookie(
    state: &AppState,
    req: &HttpRequest,
    value: String,
    max_age: time::Duration,
) -> Cookie<'static> {
    Cookie::build(TOKEN_COOKIE, value)
        .path("/")
        .http_only(true)
        .secure(over_https(state, req))
        .same_site(SameSite::Strict)
        .max_age(max_age)
        .finish()
}

async fn submit(
    state: web::Data<AppState>,
    req: HttpRequest,
    form: HtmlForm<LoginForm>,
) -> AppResult<HttpResponse> {
    // Login CSRF: a foreign site must not sign a victim into an account of its choosing.
    check_same_origin(&req)?;
    let form = form.into_inner();
    let next = safe_next(form.next.as_deref());
    match sign_in(&state, &req, &form.email, &form.password).await {
        Ok(login) => {
            let ttl = time::Duration::seconds(state.config.token_ttl.as_secs() as i64);
            let mut res = see_other(&next);
            res.add_cookie(&token_cookie(&state, &req, login.token, ttl))
                .map_err(AppError::internal)?;
            Ok(res)
        }
        Err(err) if err.kind.is_client_error() => {
            let c = ctx(&req, None);
            let errors = FormErrors::from_error(&err, c.lang);
            let page = crate::views::login::login(&c, &form.email, &next, &errors, None);
            Ok(refused(&err, page))
        }
        Err(err) => Err(err),
    }
}

/// Signs out (revoking every token issued so far) and clears the cookie.
async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: MaybeAuth,
) -> AppResult<HttpResponse> {
    check_same_origin(&req)?;
    if let Some(auth) = auth.0 {
        state.db(move |c| auth::logout(c, &auth.user)).await?;
    }
    let mut res = see_other(&Notice::LoggedOut.after("/login"));
    res.add_cookie(&token_cookie(
        &state,
        &req,
        String::new(),
        time::Duration::ZERO,
    ))
    .map_err(AppError::internal)?;
    Ok(res)
}

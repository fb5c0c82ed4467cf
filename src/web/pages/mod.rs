//! The HTML pages. Each handler parses the form, authorises, calls a service and renders a
//! view; a refused form is shown again with the message next to the field at fault.

pub mod account;
pub mod entrant;
pub mod entrants;
pub mod entry_documents;
pub mod entry_form;
pub mod form;
pub mod home;
pub mod judging;
pub mod login;
pub mod notice;
pub mod results;
pub mod setup;
pub mod stage;
pub mod users;

use crate::error::AppError;
use crate::services::CurrentUser;
use crate::views::PageCtx;
use crate::web::error::request_lang;
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/static/app.css", web::get().to(stylesheet))
        .route("/static/sheet.js", web::get().to(sheet_script))
        .route("/lang/{code}", web::get().to(switch_language))
        .configure(login::configure)
        .configure(home::configure)
        .configure(users::configure)
        .configure(account::configure)
        .configure(results::configure)
        .configure(judging::configure)
        .configure(entrants::configure)
        .configure(setup::configure)
        .configure(entry_documents::configure)
        .configure(entrant::configure)
        .configure(stage::configure);
}

pub use notice::Notice;

/// The page context of a request.
pub fn ctx(req: &HttpRequest, user: Option<&CurrentUser>) -> PageCtx {
    let path = match req.uri().query() {
        Some(q) => format!("{}?{q}", req.path()),
        None => req.path().to_string(),
    };
    PageCtx {
        lang: request_lang(req),
        user: user.cloned(),
        path,
    }
}

/// A 303 to `location` (after a successful form post: reloading will not post again).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// A page for a refused form: same status as the API would give.
pub fn refused(err: &AppError, markup: maud::Markup) -> HttpResponse {
    let mut res = HttpResponse::build(crate::web::error::status(err.kind));
    if let Some(secs) = err.retry_after {
        res.insert_header((header::RETRY_AFTER, secs.to_string()));
    }
    res.content_type("text/html; charset=utf-8")
        .body(markup.into_string())
}

/// Only paths of this site are followed after sign-in or a language switch (no open
/// redirects): a single leading `/`, then no second `/` or `\\`, and no control character or
/// white space anywhere (browsers drop a tab or line break, so `/\t/evil.example` would become
/// `//evil.example`, another host). Anything else goes home.
pub fn safe_next(next: Option<&str>) -> String {
    let local = |n: &str| {
        let mut chars = n.chars();
        chars.next() == Some('/')
            && !matches!(chars.next(), Some('/' | '\\'))
            && !n
                .chars()
                .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    };
    match next {
        Some(n) if local(n) => n.to_string(),
        _ => "/".to_string(),
    }
}

async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../../static/app.css"))
}

/// The score sheet's live total (a convenience; the page works without it). Served as a file so
/// the Content-Security-Policy needs no inline script.
async fn sheet_script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../../static/sheet.js"))
}

#[derive(serde::Deserialize)]
struct NextQuery {
    next: Option<String>,
}

/// Sets the language cookie and goes back to the page the reader was on.
async fn switch_language(
    req: HttpRequest,
    code: web::Path<String>,
    query: web::Query<NextQuery>,
) -> HttpResponse {
    let lang = crate::i18n::Lang::from_code(&code).unwrap_or_default();
    let cookie = actix_web::cookie::Cookie::build(super::LANG_COOKIE, lang.code())
        .path("/")
        .same_site(actix_web::cookie::SameSite::Lax)
        .max_age(actix_web::cookie::time::Duration::days(365))
        .finish();
    let _ = req;
    let mut res = see_other(&safe_next(query.next.as_deref()));
    let _ = res.add_cookie(&cookie);
    res
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed() {
        for ok in ["/", "/users", "/contests/x?page=2", "/a/b"] {
            assert_eq!(safe_next(Some(ok)), ok);
        }
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/a\u{0}b",
            "https://evil.example",
            "evil.example",
            "/ /evil.example",
            "",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/");
    }
}

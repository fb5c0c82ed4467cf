//! Security headers on every answer.
//!
//! - `Content-Security-Policy`: scripts, styles, images and forms from this site only (the one
//!   script, the score sheet's live total, is served from `/static/sheet.js`, never inline;
//!   inline `style` attributes are allowed for the progress bars' widths), no plugins, no
//!   `<base>`, and no framing by anyone (`frame-ancestors 'none'`, against clickjacking a
//!   judge's submit button).
//! - `X-Content-Type-Options: nosniff`, so nothing is ever read as another type than declared.
//! - `Referrer-Policy: same-origin`: addresses of this site (they hold contest and entry ids)
//!   are not told to other sites, while same-origin requests keep the `Referer` the CSRF check
//!   falls back on.
//! - `Cache-Control: no-store` on everything but `/static/`: personal pages, score sheets and
//!   the token of a sign-in must not stay in a shared or back-button cache.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;

pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// Middleware: refuses the methods juri serves nowhere (`TRACE`, `CONNECT`) with 405 and the
/// methods it does serve, instead of a 404 for every path.
pub async fn known_methods(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<actix_web::body::BoxBody>, actix_web::Error> {
    use actix_web::http::Method;
    if matches!(*req.method(), Method::TRACE | Method::CONNECT) {
        let (req, _) = req.into_parts();
        let res = actix_web::HttpResponse::MethodNotAllowed()
            .insert_header((header::ALLOW, "GET, HEAD, POST, PUT, PATCH, DELETE"))
            .finish();
        return Ok(ServiceResponse::new(req, res));
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

/// Middleware: adds the headers above to every response.
pub async fn secure(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let cacheable = req.path().starts_with("/static/");
    let mut res = next.call(req).await?;
    let headers = res.headers_mut();
    let set = |headers: &mut header::HeaderMap, name, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(
        headers,
        header::CONTENT_SECURITY_POLICY,
        CONTENT_SECURITY_POLICY,
    );
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::REFERRER_POLICY, "same-origin");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    if !cacheable {
        set(headers, header::CACHE_CONTROL, "no-store");
    }
    Ok(res)
}

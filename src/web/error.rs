//! Rendering [`AppError`] for HTTP: its status, the JSON body
//! `{"error":{"code","reason","message","field"?,"details"?}}` and the error page, in the
//! reader's language; and the language negotiation itself.

use crate::error::{AppError, AppResult, ErrorKind};
use crate::i18n::{Lang, Msg};
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError};
use serde_json::json;

/// The HTTP status of an error kind.
pub fn status(kind: ErrorKind) -> StatusCode {
    match kind {
        ErrorKind::BadRequest => StatusCode::BAD_REQUEST,
        ErrorKind::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorKind::Unauthenticated => StatusCode::UNAUTHORIZED,
        ErrorKind::Forbidden => StatusCode::FORBIDDEN,
        ErrorKind::NotFound => StatusCode::NOT_FOUND,
        ErrorKind::Conflict => StatusCode::CONFLICT,
        ErrorKind::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorKind::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorKind::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
        ErrorKind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        ErrorKind::StorageFull => StatusCode::INSUFFICIENT_STORAGE,
        ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The JSON body of an error in `lang`.
pub fn to_json(err: &AppError, lang: Lang) -> serde_json::Value {
    let mut body = json!({
        "code": err.kind.code(),
        "reason": err.reason(),
        "message": err.message.render(lang),
    });
    if let Some(field) = &err.field {
        body["field"] = json!(field);
    }
    if !err.details.is_empty() {
        body["details"] = err
            .details
            .iter()
            .map(|d| {
                json!({
                    "field": d.field,
                    "reason": crate::error::reason_of(d.message.key),
                    "message": d.message.render(lang),
                })
            })
            .collect();
    }
    if let Some((key, value)) = &err.extra {
        body[key] = value.clone();
    }
    json!({ "error": body })
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        status(self.kind)
    }

    /// The default rendering (Indonesian JSON); [`localize`] re-renders it for the reader.
    fn error_response(&self) -> HttpResponse<BoxBody> {
        if let Some(internal) = &self.internal {
            tracing::error!(error = %internal, "request failed");
        }
        build_json(self, Lang::default())
    }
}

fn build_json(err: &AppError, lang: Lang) -> HttpResponse<BoxBody> {
    let mut res = HttpResponse::build(status(err.kind));
    if let Some(secs) = err.retry_after {
        res.insert_header((header::RETRY_AFTER, secs.to_string()));
    }
    res.json(to_json(err, lang))
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::internal(format!("blocking task: {e}"))
    }
}

/// Parses a path or body id; a malformed UUID is the client's mistake (400), never a 500.
pub fn parse_id<T: From<uuid::Uuid>>(field: &str, raw: &str) -> AppResult<T> {
    uuid::Uuid::parse_str(raw.trim())
        .map(T::from)
        .map_err(|_| AppError::new(ErrorKind::BadRequest, Msg::ErrBadId).with_field(field))
}

/// The language of the request: the `lang` cookie (set by the language switch), else — for the
/// API only — `Accept-Language`, else Indonesian. Pages stay Indonesian until the reader asks
/// for English, whatever language their phone's browser happens to be set to.
pub fn request_lang(req: &actix_web::HttpRequest) -> Lang {
    if let Some(lang) = req
        .cookie(crate::web::LANG_COOKIE)
        .and_then(|c| Lang::from_code(c.value()))
    {
        return lang;
    }
    if !req.path().starts_with("/api") {
        return Lang::default();
    }
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default()
}

/// Middleware: renders every [`AppError`] answer in the reader's language, as JSON for `/api`
/// and as a page in the layout for everything else.
pub async fn localize(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let res = next.call(req).await?;
    let Some(err) = res
        .response()
        .error()
        .and_then(|e| e.as_error::<AppError>())
        .cloned()
    else {
        return Ok(res.map_into_boxed_body());
    };
    let (req, _old) = res.into_parts();
    let lang = request_lang(&req);
    let new = if req.path().starts_with("/api") || req.path() == "/healthz" {
        build_json(&err, lang)
    } else if err.kind == ErrorKind::Unauthenticated {
        // A page that needs a signed-in user sends a visitor to the login form and back.
        let back = if req.method() == actix_web::http::Method::GET {
            match req.uri().path_and_query() {
                Some(pq) => pq.as_str().to_string(),
                None => "/".to_string(),
            }
        } else {
            "/".to_string()
        };
        let next: String = url::form_urlencoded::byte_serialize(back.as_bytes()).collect();
        HttpResponse::SeeOther()
            .insert_header((header::LOCATION, format!("/login?next={next}")))
            .finish()
    } else {
        let mut res = HttpResponse::build(status(err.kind));
        if let Some(secs) = err.retry_after {
            res.insert_header((header::RETRY_AFTER, secs.to_string()));
        }
        res.content_type("text/html; charset=utf-8")
            .body(crate::views::error::page(&err, lang).into_string())
    };
    Ok(ServiceResponse::new(req, new))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::reason_of;
    use crate::i18n::{judging::JudgingMsg, results::ResultsMsg, setup::SetupMsg, Text};

    /// Every key an error can carry: `Err…` in every catalog, the setup checks' `Missing…` and
    /// the publication checks' `Block…`.
    fn error_keys() -> Vec<&'static str> {
        let is_error = |k: &&str| k.starts_with("Err") && !k.starts_with("Error");
        let mut keys: Vec<&str> = Msg::ALL.iter().map(|m| m.key()).filter(is_error).collect();
        keys.extend(
            SetupMsg::ALL
                .iter()
                .map(|m| m.key())
                .filter(|k| is_error(k) || k.starts_with("Missing")),
        );
        keys.extend(JudgingMsg::ALL.iter().map(|m| m.key()).filter(is_error));
        keys.extend(
            crate::i18n::proposal::ProposalMsg::ALL
                .iter()
                .map(|m| m.key())
                .filter(is_error),
        );
        keys.extend(
            crate::i18n::entrants::EntrantMsg::ALL
                .iter()
                .map(|m| m.key())
                .filter(|k| is_error(k) || k.starts_with("Missing")),
        );
        keys.extend(
            crate::i18n::documents::DocumentMsg::ALL
                .iter()
                .map(|m| m.key())
                .filter(is_error),
        );
        keys.extend(
            crate::i18n::stages::StageMsg::ALL
                .iter()
                .map(|m| m.key())
                .filter(|k| is_error(k) || k.starts_with("Missing")),
        );
        keys.extend(
            ResultsMsg::ALL
                .iter()
                .map(|m| m.key())
                .filter(|k| is_error(k) || k.starts_with("Block")),
        );
        keys
    }

    #[test]
    fn docs_list_every_reason() {
        let docs = include_str!("../../docs/api.md");
        let reasons = docs.split("### Reasons").nth(1).expect("a Reasons section");
        for key in error_keys() {
            let reason = reason_of(key);
            assert!(
                reasons.contains(&format!("| `{reason}` |")),
                "docs/api.md lists no reason `{reason}` (from {key})"
            );
        }
    }

    #[test]
    fn the_json_carries_code_reason_and_details() {
        let err =
            AppError::conflict(SetupMsg::ErrCannotOpen).with_details(vec![crate::error::Detail {
                field: Some("criteria".into()),
                message: Text::with(SetupMsg::MissingWeights, [90]),
            }]);
        let body = to_json(&err, Lang::En);
        assert_eq!(body["error"]["code"], "conflict");
        assert_eq!(body["error"]["reason"], "cannot_open");
        assert_eq!(body["error"]["details"][0]["reason"], "weights_not_100");
        assert_eq!(status(err.kind), StatusCode::CONFLICT);
    }
}

//! One error type for the whole application, mapped to a clear HTTP answer.
//!
//! Which constructor to use:
//! - [`AppError::invalid`] — one input is wrong (422, names the field);
//! - [`AppError::bad_request`] — the request itself cannot be read (400);
//! - [`AppError::conflict`] — the request is well formed but the contest's state forbids it
//!   (409), with [`AppError::with_details`] to list every reason at once;
//! - [`AppError::not_found`], [`AppError::forbidden`], [`AppError::unauthenticated`];
//! - `?` on a diesel or pool error — `NotFound` becomes 404, everything else is a real fault
//!   (500, logged, never shown in detail).
//!
//! Messages are catalog keys ([`Text`]) so the [`localize`] middleware can render them in the
//! reader's language: JSON under `/api`, an HTML page in the layout everywhere else.

use crate::i18n::{Lang, Msg, Text};
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError};
use serde_json::json;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    BadRequest,
    Invalid,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    PayloadTooLarge,
    UnsupportedMediaType,
    TooManyRequests,
    Unavailable,
    Internal,
}

impl ErrorKind {
    pub fn status(self) -> StatusCode {
        match self {
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
            ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The machine-readable `code` of the JSON error.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::BadRequest => "bad_request",
            ErrorKind::Invalid => "invalid",
            ErrorKind::Unauthenticated => "unauthenticated",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::PayloadTooLarge => "payload_too_large",
            ErrorKind::UnsupportedMediaType => "unsupported_media_type",
            ErrorKind::TooManyRequests => "too_many_requests",
            ErrorKind::Unavailable => "unavailable",
            ErrorKind::Internal => "internal",
        }
    }
}

/// One of several reasons, e.g. each thing missing before judging can open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detail {
    pub field: Option<String>,
    pub message: Text,
}

/// The error of every fallible function in juri. Boxed so `Result`s stay small on the happy
/// path; fields are reached through `Deref`.
#[derive(Clone, Debug)]
pub struct AppError(Box<ErrorData>);

#[derive(Clone, Debug)]
pub struct ErrorData {
    pub kind: ErrorKind,
    pub message: Text,
    pub field: Option<String>,
    pub details: Vec<Detail>,
    pub retry_after: Option<u64>,
    /// Extra data for the client, e.g. the newer sheet a stale save ran into (`key`, value).
    pub extra: Option<(String, serde_json::Value)>,
    /// For real faults only: what went wrong, for the log (never sent to the client).
    pub internal: Option<String>,
}

pub type AppResult<T> = Result<T, AppError>;

impl std::ops::Deref for AppError {
    type Target = ErrorData;
    fn deref(&self) -> &ErrorData {
        &self.0
    }
}

impl std::ops::DerefMut for AppError {
    fn deref_mut(&mut self) -> &mut ErrorData {
        &mut self.0
    }
}

impl AppError {
    pub fn new(kind: ErrorKind, message: impl Into<Text>) -> Self {
        AppError(Box::new(ErrorData {
            kind,
            message: message.into(),
            field: None,
            details: Vec::new(),
            retry_after: None,
            extra: None,
            internal: None,
        }))
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<Text>) -> Self {
        let mut e = Self::new(ErrorKind::Invalid, message);
        e.field = Some(field.into());
        e
    }

    pub fn bad_request(message: impl Into<Text>) -> Self {
        Self::new(ErrorKind::BadRequest, message)
    }

    pub fn conflict(message: impl Into<Text>) -> Self {
        Self::new(ErrorKind::Conflict, message)
    }

    pub fn not_found() -> Self {
        Self::new(ErrorKind::NotFound, Msg::ErrNotFound)
    }

    pub fn forbidden() -> Self {
        Self::new(ErrorKind::Forbidden, Msg::ErrForbidden)
    }

    pub fn unauthenticated(message: impl Into<Text>) -> Self {
        Self::new(ErrorKind::Unauthenticated, message)
    }

    pub fn internal(what: impl fmt::Display) -> Self {
        let mut e = Self::new(ErrorKind::Internal, Msg::ErrInternal);
        e.internal = Some(what.to_string());
        e
    }

    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn with_message(mut self, message: impl Into<Text>) -> Self {
        self.message = message.into();
        self
    }

    pub fn with_kind(mut self, kind: ErrorKind) -> Self {
        self.kind = kind;
        self
    }

    pub fn with_details(mut self, details: Vec<Detail>) -> Self {
        self.details = details;
        self
    }

    /// The JSON body `{"error":{"code","message","field"?,"details"?}}` in `lang`.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        let mut body = json!({
            "code": self.kind.code(),
            "message": self.message.render(lang),
        });
        if let Some(field) = &self.field {
            body["field"] = json!(field);
        }
        if !self.details.is_empty() {
            body["details"] = self
                .details
                .iter()
                .map(|d| json!({"field": d.field, "message": d.message.render(lang)}))
                .collect();
        }
        if let Some((key, value)) = &self.extra {
            body[key] = value.clone();
        }
        json!({ "error": body })
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.code(), self.message.render(Lang::En))?;
        if let Some(internal) = &self.internal {
            write!(f, " ({internal})")?;
        }
        Ok(())
    }
}

impl std::error::Error for AppError {}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        self.kind.status()
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
    let mut res = HttpResponse::build(err.kind.status());
    if let Some(secs) = err.retry_after {
        res.insert_header((header::RETRY_AFTER, secs.to_string()));
    }
    res.json(err.to_json(lang))
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match e {
            Error::NotFound => AppError::not_found(),
            Error::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => {
                let mut err = AppError::new(ErrorKind::Unavailable, Msg::ErrUnavailable);
                err.retry_after = Some(1);
                err
            }
            other => AppError::internal(format!("database: {other}")),
        }
    }
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        let mut err = AppError::new(ErrorKind::Unavailable, Msg::ErrUnavailable);
        err.retry_after = Some(1);
        err.internal = Some(format!("pool: {e}"));
        tracing::warn!(error = %e, "database pool exhausted");
        err
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::internal(format!("blocking task: {e}"))
    }
}

/// Parses a path or body id; a malformed UUID is the client's mistake (400), never a 500.
pub fn parse_id(field: &str, raw: &str) -> AppResult<uuid::Uuid> {
    uuid::Uuid::parse_str(raw.trim())
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
        let mut res = HttpResponse::build(err.kind.status());
        if let Some(secs) = err.retry_after {
            res.insert_header((header::RETRY_AFTER, secs.to_string()));
        }
        res.content_type("text/html; charset=utf-8")
            .body(crate::views::error::page(&err, lang).into_string())
    };
    Ok(ServiceResponse::new(req, new))
}

//! The thin web layer: JSON API handlers and HTML pages, both calling the same services.
//! Here live the shared state, the authentication extractors, CSRF protection and the
//! configuration of actix's own extractors so that every bad input becomes a clean [`AppError`].

pub mod api;
pub mod auth;
pub mod error;
pub mod headers;
pub mod openapi;
pub mod pages;
pub mod panics;
pub mod spans;
pub mod streamed;
pub mod tidy_path;

use crate::config::Config;
use crate::db::{DbConnection, Pool};
use crate::error::{AppError, AppResult, ErrorKind};
use crate::i18n::Msg;
use crate::services::auth::Keys;
use actix_web::{error::JsonPayloadError, web, HttpRequest};
use std::sync::{Arc, Mutex};

pub const TOKEN_COOKIE: &str = "juri_token";
pub const LANG_COOKIE: &str = "juri_lang";
/// Largest JSON or form body accepted; imports have their own, larger limit.
pub const BODY_LIMIT: usize = 256 * 1024;

/// Everything a handler needs, shared across workers.
#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub keys: Arc<Keys>,
    pub config: Arc<Config>,
    pub throttle: Arc<Mutex<auth::LoginThrottle>>,
    pub results: Arc<crate::services::results::cache::ResultsCache>,
    pub sessions: Arc<crate::services::session_cache::SessionCache>,
    /// Sheet saves on their way to the database (committed in groups on SQLite).
    pub sheet_writes: Arc<crate::services::judging::SheetWrites>,
    /// Where documents' bytes live (the database by default).
    pub blobs: Arc<dyn crate::services::documents::BlobStore>,
}

impl AppState {
    /// The results of a contest, from the cache when nothing they depend on changed.
    pub async fn results(
        &self,
        contest_id: crate::model::ContestId,
    ) -> AppResult<crate::services::results::cache::Cached> {
        let cache = self.results.clone();
        self.db(move |c| cache.get(c, contest_id)).await
    }

    /// Runs blocking work that takes and returns pooled connections itself.
    pub async fn with_pool<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&Pool) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || f(&pool)).await?
    }

    /// Runs blocking database work on the thread pool with a pooled connection.
    /// The limits on documents' bytes, from the configuration.
    pub fn document_limits(&self) -> crate::services::documents::Limits {
        crate::services::documents::Limits {
            per_file: self.config.max_document_bytes,
            per_entry: self.config.max_entry_documents_bytes,
        }
    }

    pub async fn db<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut DbConnection) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get()?;
            f(&mut conn)
        })
        .await?
    }
}

/// Turns actix's JSON extractor errors into our error shape (413 for oversized bodies).
pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(BODY_LIMIT)
        .error_handler(|err, _req| {
            let app = match &err {
                JsonPayloadError::Overflow { .. }
                | JsonPayloadError::OverflowKnownLength { .. } => AppError::new(
                    ErrorKind::PayloadTooLarge,
                    crate::i18n::Text::with(Msg::ErrPayloadTooLarge, [BODY_LIMIT / 1024]),
                ),
                JsonPayloadError::ContentType => {
                    AppError::new(ErrorKind::UnsupportedMediaType, Msg::ErrContentType)
                }
                JsonPayloadError::Deserialize(e) => {
                    let mut a = AppError::bad_request(crate::i18n::Text::with(
                        Msg::ErrMalformedJson,
                        [e.to_string()],
                    ));
                    if e.is_data() {
                        a.kind = ErrorKind::Invalid;
                        if let Some(field) = field_of_serde_error(&e.to_string()) {
                            a.field = Some(field);
                        }
                    }
                    a
                }
                other => AppError::bad_request(crate::i18n::Text::with(
                    Msg::ErrMalformedJson,
                    [other.to_string()],
                )),
            };
            app.into()
        })
}

/// Form posts: same limits, errors in our shape.
pub fn form_config() -> web::FormConfig {
    web::FormConfig::default()
        .limit(BODY_LIMIT)
        .error_handler(|err, _req| {
            let app = match &err {
                actix_web::error::UrlencodedError::Overflow { .. } => AppError::new(
                    ErrorKind::PayloadTooLarge,
                    crate::i18n::Text::with(Msg::ErrPayloadTooLarge, [BODY_LIMIT / 1024]),
                ),
                other => AppError::bad_request(crate::i18n::Text::with(
                    Msg::ErrMalformedForm,
                    [other.to_string()],
                )),
            };
            app.into()
        })
}

/// Path segments: a typed id that does not parse is a 400 naming the segment (`id`,
/// `entry_id`, …), so handlers receive `ContestId`s, never strings to check.
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|err, req| {
        let bad_id = req.match_info().iter().find(|(name, value)| {
            (*name == "id" || name.ends_with("_id")) && uuid::Uuid::parse_str(value).is_err()
        });
        match bad_id {
            Some((name, _)) => AppError::new(ErrorKind::BadRequest, Msg::ErrBadId)
                .with_field(name)
                .into(),
            None => {
                AppError::bad_request(crate::i18n::Text::with(Msg::ErrBadPath, [err.to_string()]))
                    .into()
            }
        }
    })
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err, _req| {
        AppError::bad_request(crate::i18n::Text::with(Msg::ErrBadQuery, [err.to_string()])).into()
    })
}

/// serde_json names the field in messages like "missing field `email`" or
/// "unknown variant `x`, expected …"; pull the field out when it is there.
fn field_of_serde_error(message: &str) -> Option<String> {
    let start = message.find("field `")? + "field `".len();
    let rest = &message[start..];
    let end = rest.find('`')?;
    Some(rest[..end].to_string())
}

/// Unknown routes: a clean 404 in our shape.
pub async fn not_found(_req: HttpRequest) -> AppResult<actix_web::HttpResponse> {
    Err(AppError::new(ErrorKind::NotFound, Msg::ErrRouteNotFound))
}

//! What a database failure means to the user: a missing row is 404, a serialization failure
//! (PostgreSQL's concurrent-update refusal) or an exhausted pool is "busy, retry", everything
//! a full disk is 507 (and `/healthz` says so until space returns), a failing disk 503; everything
//! else is a real fault, logged and answered 500 without detail.

use crate::error::{AppError, ErrorKind};
use crate::i18n::Msg;

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
            other => {
                let text = other.to_string();
                if super::storage::is_full(&text) {
                    super::storage::note_full(&text);
                    AppError::new(ErrorKind::StorageFull, Msg::ErrStorageFull)
                } else if super::storage::is_io_failure(&text) {
                    tracing::error!(error = %text, "the database's storage failed");
                    let mut err = AppError::new(ErrorKind::Unavailable, Msg::ErrStorageFailed);
                    err.retry_after = Some(5);
                    err
                } else {
                    AppError::internal(format!("database: {other}"))
                }
            }
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

//! What a database failure means to the user: a missing row is 404, a serialization failure
//! (PostgreSQL's concurrent-update refusal) or an exhausted pool is "busy, retry", everything
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

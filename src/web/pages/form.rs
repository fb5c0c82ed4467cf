//! Reading a posted HTML form into a typed struct: the one way every page reads a form.
//! `serde_html_form` (not actix's `Form`) so that a group of checkboxes, sent as the same key
//! repeated, reads into a `Vec`.

use crate::error::{AppError, ErrorKind};
use crate::i18n::{Msg, Text};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

/// A form body deserialized into `T`; an unreadable one is a 400 in the error shape.
pub struct HtmlForm<T>(pub T);

impl<T> HtmlForm<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for HtmlForm<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for HtmlForm<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = actix_web::web::Bytes::from_request(req, payload);
        Box::pin(async move {
            // The body is read within the payload limit (256 KiB by default, as for JSON).
            let bytes = body.await.map_err(|_| {
                AppError::new(
                    ErrorKind::PayloadTooLarge,
                    Text::with(Msg::ErrPayloadTooLarge, [crate::web::BODY_LIMIT / 1024]),
                )
            })?;
            serde_html_form::from_bytes(&bytes)
                .map(HtmlForm)
                .map_err(|e| {
                    AppError::bad_request(Text::with(Msg::ErrMalformedForm, [e.to_string()])).into()
                })
        })
    }
}

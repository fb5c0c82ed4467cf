//! The span each request is logged under: tracing-actix-web's own, except that the token of a
//! set-password link (the rest of its path) never reaches a log.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::Error;
use tracing::Span;
use tracing_actix_web::{DefaultRootSpanBuilder, RootSpanBuilder};

// Where a one-time link's token sits in the path.
use crate::services::password_links::LINK_PATH as SECRET_PREFIX;

pub struct RequestSpans;

impl RootSpanBuilder for RequestSpans {
    fn on_request_start(request: &ServiceRequest) -> Span {
        if request.path().starts_with(SECRET_PREFIX) {
            return tracing::info_span!(
                "HTTP request",
                http.method = %request.method(),
                http.route = "/set-password/{token}",
                http.target = "/set-password/…",
                http.status_code = tracing::field::Empty,
                otel.status_code = tracing::field::Empty,
                exception.message = tracing::field::Empty,
                exception.details = tracing::field::Empty,
            );
        }
        tracing_actix_web::root_span!(request)
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}

//! A fault in one request's code must cost that request, never the server: a panic while a
//! request is handled (in a handler, an extractor or a page's rendering) becomes a logged 500,
//! and the worker thread that ran it keeps serving. Unwinding is the release profile's default,
//! so this holds in production too.

use crate::error::AppError;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use futures_util::FutureExt;
use std::panic::AssertUnwindSafe;

/// Middleware: answers a request whose handling panicked with 500.
pub async fn contain(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<actix_web::body::BoxBody>, actix_web::Error> {
    let path = req.path().to_string();
    match AssertUnwindSafe(next.call(req)).catch_unwind().await {
        Ok(res) => Ok(res?.map_into_boxed_body()),
        Err(cause) => {
            let why = cause
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| cause.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            tracing::error!(%path, panic = %why, "a request panicked; answered 500");
            // The request is gone with the unwinding, so the error travels up as the service's
            // own, and actix answers it with `AppError`'s response (a 500 without detail).
            Err(AppError::internal(format!("panic: {why}")).into())
        }
    }
}

#[cfg(test)]
mod tests {
    use actix_web::middleware::from_fn;
    use actix_web::{test, web, App, HttpResponse};

    #[actix_web::test]
    async fn a_panicking_handler_costs_its_request_not_the_server() {
        let app = test::init_service(
            App::new()
                .wrap(from_fn(super::contain))
                .route(
                    "/boom",
                    web::get().to(|| async {
                        let faults: Vec<u8> = Vec::new();
                        HttpResponse::Ok().body(faults[faults.len()].to_string())
                    }),
                )
                .route(
                    "/fine",
                    web::get().to(|| async { HttpResponse::Ok().body("ok") }),
                ),
        )
        .await;
        let err = test::try_call_service(&app, test::TestRequest::get().uri("/boom").to_request())
            .await
            .expect_err("answered as an error");
        assert_eq!(err.as_response_error().status_code(), 500);
        let res =
            test::call_service(&app, test::TestRequest::get().uri("/fine").to_request()).await;
        assert_eq!(res.status(), 200);
    }
}

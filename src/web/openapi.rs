//! The OpenAPI 3 document of the JSON API, generated from the handlers' annotations and the
//! types' `ToSchema` derives (never written by hand), served at `GET /api/openapi.json`.

use actix_web::HttpResponse;
use serde::Serialize;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoResponses, Modify, OpenApi, ToSchema};

/// The error shape of every refusal.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// bad_request, invalid, unauthenticated, forbidden, not_found, conflict, payload_too_large,
    /// unsupported_media_type, too_many_requests, unavailable, internal
    pub code: String,
    /// Which rule refused, stable across languages and wordings (docs/api.md lists them):
    /// `phase_forbids`, `stale_version`, `conflict_of_interest`, `weights_not_100`, `required`, …
    pub reason: String,
    /// In the caller's language (Accept-Language: en for English; Indonesian otherwise).
    pub message: String,
    /// The input at fault, when there is one.
    pub field: Option<String>,
    /// Every reason, when there are several.
    pub details: Option<Vec<ErrorItem>>,
    /// A stale sheet save: the newer stored sheet.
    #[schema(value_type = Option<Object>)]
    pub current: Option<serde_json::Value>,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorItem {
    pub field: Option<String>,
    /// This item's rule, as `reason` above.
    pub reason: String,
    pub message: String,
}

/// The refusals any authenticated route may answer.
#[derive(IntoResponses)]
pub enum Refusals {
    #[response(status = 400, description = "Unreadable body or malformed id")]
    BadRequest(#[to_schema] ErrorBody),
    #[response(status = 401, description = "No, invalid, expired or revoked token")]
    Unauthenticated(ErrorBody),
    #[response(status = 403, description = "The role may not do this")]
    Forbidden(ErrorBody),
    #[response(status = 404, description = "No such object")]
    NotFound(ErrorBody),
    #[response(
        status = 409,
        description = "The contest's state forbids it; details list every reason"
    )]
    Conflict(ErrorBody),
    #[response(status = 413, description = "Body too large")]
    TooLarge(ErrorBody),
    #[response(status = 415, description = "Not JSON")]
    UnsupportedMediaType(ErrorBody),
    #[response(
        status = 422,
        description = "A field's value is wrong; `field` names it"
    )]
    Invalid(ErrorBody),
    #[response(status = 503, description = "The database is busy; retry")]
    Unavailable(ErrorBody),
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "juri", description = "Judging of regional innovation contests. Every route except sign-in and the public winners takes `Authorization: Bearer <token>` from `POST /api/v1/auth/login`."),
    paths(
        super::api::auth::login, super::api::auth::logout, super::api::auth::me, super::api::auth::change_password,
        super::api::users::list, super::api::users::create, super::api::users::reset_password, super::api::users::deactivate,
        super::api::contests::list, super::api::contests::create, super::api::contests::get, super::api::contests::patch,
        super::api::contests::add_cluster, super::api::contests::put_prizes, super::api::contests::add_criterion,
        super::api::contests::delete_criterion, super::api::contests::put_tie_break, super::api::contests::set_phase,
        super::api::contests::audit,
        super::api::entries::list, super::api::entries::create, super::api::entries::import_file,
        super::api::entries::template, super::api::entries::delete,
        super::api::judges::list, super::api::judges::add, super::api::judges::conflicts, super::api::judges::declare,
        super::api::judges::assignments, super::api::judges::assign, super::api::judges::auto, super::api::judges::unassign,
        super::api::judging::my_assignments, super::api::judging::get_sheet, super::api::judging::put_sheet,
        super::api::judging::recuse, super::api::judging::get_monitor,
        super::api::results::get_results, super::api::results::resolve_tie, super::api::results::waive,
        super::api::results::publish, super::api::results::export_csv, super::api::results::export_xlsx,
        super::api::results::public_winners,
    ),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
)]
pub struct ApiDoc;

/// `GET /api/openapi.json`
pub async fn document() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}

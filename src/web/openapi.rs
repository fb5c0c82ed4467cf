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
    /// unsupported_media_type, too_many_requests, unavailable, insufficient_storage, internal
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
    #[response(
        status = 507,
        description = "The database's disk is full; nothing was written"
    )]
    StorageFull(ErrorBody),
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

/// The document's frame: title, description and the bearer scheme. The paths come from the
/// routes themselves ([`document`]).
#[derive(OpenApi)]
#[openapi(
    info(
        title = "juri",
        description = "Judging of regional innovation contests. Every route except sign-in and the public winners takes `Authorization: Bearer <token>` from `POST /api/v1/auth/login`."
    ),
    modifiers(&BearerAuth),
    security(("bearer" = []))
)]
pub struct ApiDoc;

/// The OpenAPI document of every route registered by `web::api::scope`.
pub fn build() -> utoipa::openapi::OpenApi {
    use utoipa_actix_web::AppExt;
    let (_, document) = actix_web::App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(super::api::scope())
        .split_for_parts();
    document
}

/// `GET /api/openapi.json`
pub async fn document() -> HttpResponse {
    static DOCUMENT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let json = DOCUMENT.get_or_init(|| build().to_json().unwrap_or_else(|_| "{}".into()));
    HttpResponse::Ok()
        .content_type("application/json")
        .body(json.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The document says the words the server writes and accepts.
    #[test]
    fn state_words_are_the_documented_enums() {
        let doc = serde_json::to_value(build()).unwrap();
        let words = |name: &str| doc["components"]["schemas"][name]["enum"].clone();
        let phases: Vec<&str> = crate::model::Phase::ALL
            .iter()
            .map(|p| p.as_str())
            .collect();
        assert_eq!(words("Phase"), serde_json::json!(phases));
        let roles: Vec<&str> = crate::model::Role::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(words("Role"), serde_json::json!(roles));
    }

    /// The document is built from the routes: every operation is there, and every id in a path
    /// is declared as what the server accepts (a UUID).
    #[test]
    fn every_route_is_documented_with_typed_path_ids() {
        let doc = serde_json::to_value(build()).unwrap();
        let paths = doc["paths"].as_object().unwrap();
        let operations: usize = paths.values().map(|p| p.as_object().unwrap().len()).sum();
        assert_eq!(operations, 76, "{:?}", paths.keys().collect::<Vec<_>>());
        for (path, item) in paths {
            for (method, op) in item.as_object().unwrap() {
                let names: Vec<&str> = path
                    .split('/')
                    .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
                    .collect();
                let params = op["parameters"].as_array().cloned().unwrap_or_default();
                for name in names {
                    let param = params
                        .iter()
                        .find(|p| p["name"] == name && p["in"] == "path")
                        .unwrap_or_else(|| panic!("{method} {path}: no path parameter {name}"));
                    let schema = &param["schema"];
                    let typed = schema["format"] == "uuid" || schema["$ref"].is_string();
                    assert!(
                        typed || path.starts_with("/api/v1/public/"),
                        "{method} {path}: {name} is {schema}"
                    );
                }
            }
        }
    }

    /// Request bodies declare what the server refuses: a required text that is empty or only
    /// spaces is refused (422 `required`), so the document says `minLength` and a non-space
    /// `pattern`; ids in bodies are UUIDs; lengths and passwords carry their bounds. Otherwise
    /// a client (or a fuzzer) sends requests the document calls valid and the server refuses.
    #[test]
    fn request_bodies_are_as_strict_as_the_server() {
        let doc = serde_json::to_value(build()).unwrap();
        let schemas = &doc["components"]["schemas"];
        let required_texts = [
            ("NewContest", "name", 200),
            ("NewCluster", "name", 200),
            ("NewCriterion", "name", 200),
            ("TierInput", "title", 200),
            ("NewEntry", "title", 300),
            ("NewEntry", "innovator", 300),
            ("NewEntry", "unit", 300),
            ("NewJudge", "name", 200),
            ("CreateBody", "name", 200),
            ("RecusalBody", "reason", 2000),
            ("TieBody", "reason", 2000),
            ("WaiverBody", "reason", 2000),
            ("NewStage", "name", 200),
            ("AcknowledgementBody", "reason", 2000),
        ];
        // A body with a flattened part (`NewEntry` and its proposal) is an `allOf`: its own
        // fields are in the inline member.
        let holder = |schema: &str, field: &str| -> serde_json::Value {
            let s = &schemas[schema];
            match s["allOf"].as_array() {
                Some(parts) => parts
                    .iter()
                    .find(|p| p["properties"][field].is_object())
                    .cloned()
                    .unwrap_or_default(),
                None => s.clone(),
            }
        };
        for (schema, field, max) in required_texts {
            let holder = holder(schema, field);
            let property = &holder["properties"][field];
            let required = holder["required"].as_array().cloned().unwrap_or_default();
            assert!(
                required.contains(&field.into()),
                "{schema}.{field} is required"
            );
            assert_eq!(property["minLength"], 1, "{schema}.{field}: {property}");
            assert_eq!(property["maxLength"], max, "{schema}.{field}: {property}");
            assert_eq!(property["pattern"], r"\S", "{schema}.{field}: {property}");
        }
        for (schema, field) in [("NewJudge", "password"), ("CreateBody", "password")] {
            assert_eq!(
                schemas[schema]["properties"][field]["minLength"], 8,
                "{schema}"
            );
        }
        assert_eq!(
            holder("NewEntry", "cluster_id")["properties"]["cluster_id"]["format"],
            "uuid"
        );
        assert_eq!(
            schemas["WaiverBody"]["properties"]["judge_id"]["format"],
            "uuid"
        );
        assert_eq!(
            schemas["TieBody"]["properties"]["order"]["items"]["format"],
            "uuid"
        );
        assert_eq!(
            schemas["AutoBody"]["properties"]["judges_per_entry"]["maximum"],
            20
        );
    }
}

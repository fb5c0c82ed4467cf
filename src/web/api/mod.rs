//! The JSON API under `/api/v1`. One module per resource; every handler parses, authorises
//! and hands over to a service. Each module registers its handlers with `service(...)`, which
//! also collects their OpenAPI operations: the document (`web::openapi`) is built from this same
//! list of routes, so no route can be served undocumented or documented unserved.

pub mod analysis;
pub mod auth;
pub mod contests;
pub mod documents;
pub mod entrants;
pub mod entries;
pub mod judges;
pub mod judging;
pub mod results;
pub mod stage_work;
pub mod stages;
pub mod users;

use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};

/// Every route of the API, under `/api/v1`.
pub fn scope() -> utoipa_actix_web::scope::Scope<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    utoipa_actix_web::scope("/api/v1")
        .configure(auth::configure)
        .configure(users::configure)
        .configure(results::configure)
        .configure(analysis::configure)
        .configure(judging::configure)
        .configure(contests::configure)
        .configure(stages::configure)
        .configure(stage_work::configure)
        .configure(entries::configure)
        .configure(entrants::configure)
        .configure(documents::configure)
        .configure(judges::configure)
}

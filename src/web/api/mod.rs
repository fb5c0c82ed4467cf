//! The JSON API under `/api/v1`. One module per resource; every handler parses, authorises
//! and hands over to a service.

pub mod auth;
pub mod contests;
pub mod entries;
pub mod judges;
pub mod judging;
pub mod results;
pub mod users;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .configure(auth::configure)
            .configure(users::configure)
            .configure(results::configure)
            .configure(judging::configure)
            .configure(contests::configure)
            .configure(entries::configure)
            .configure(judges::configure),
    );
}

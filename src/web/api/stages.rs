//! A contest's stages (tahap): the pipeline of screening, desk scoring, presentation and field
//! verification.

use crate::error::AppResult;
use crate::model::ContestId;
use crate::services::stages;
use crate::web::auth::StaffUser;
use crate::web::openapi::Refusals;
use crate::web::AppState;
use actix_web::{get, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

/// Registers this module's routes (and their OpenAPI operations).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list);
}

#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contest id")),
    tag = "setup",
    responses(
        (status = 200, description = "The contest's stages, in the order they run", body = [crate::services::stages::Stage]),
        Refusals
    )
)]
#[get("/contests/{id}/stages")]
pub(crate) async fn list(
    state: web::Data<AppState>,
    _s: StaffUser,
    path: web::Path<ContestId>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    Ok(HttpResponse::Ok().json(state.db(move |c| stages::list(c, id)).await?))
}

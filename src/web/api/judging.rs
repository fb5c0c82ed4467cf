//! Judging: `GET /me/assignments`, the judge's own sheet (`GET/PUT
//! /contests/{id}/entries/{entry_id}/sheet`), recusal, and the committee's monitor.

use crate::error::{parse_id, AppResult};
use crate::services::judging::{self, SheetInput};
use crate::services::monitor;
use crate::web::auth::{JudgeUser, StaffUser};
use crate::web::AppState;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/me/assignments", web::get().to(my_assignments))
        .route(
            "/contests/{id}/entries/{entry_id}/sheet",
            web::get().to(get_sheet),
        )
        .route(
            "/contests/{id}/entries/{entry_id}/sheet",
            web::put().to(put_sheet),
        )
        .route(
            "/contests/{id}/entries/{entry_id}/recusal",
            web::post().to(recuse),
        )
        .route("/contests/{id}/monitor", web::get().to(get_monitor));
}

fn ids(path: (String, String)) -> AppResult<(String, String)> {
    Ok((
        parse_id("id", &path.0)?.to_string(),
        parse_id("entry_id", &path.1)?.to_string(),
    ))
}

async fn my_assignments(
    state: web::Data<AppState>,
    JudgeUser(judge): JudgeUser,
) -> AppResult<HttpResponse> {
    let list = state
        .db(move |c| judging::my_assignments(c, &judge))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

async fn get_sheet(
    state: web::Data<AppState>,
    JudgeUser(judge): JudgeUser,
    path: web::Path<(String, String)>,
) -> AppResult<HttpResponse> {
    let (id, entry) = ids(path.into_inner())?;
    let sheet = state
        .db(move |c| judging::get_sheet(c, &judge, &id, &entry))
        .await?;
    Ok(HttpResponse::Ok().json(sheet))
}

async fn put_sheet(
    state: web::Data<AppState>,
    JudgeUser(judge): JudgeUser,
    path: web::Path<(String, String)>,
    body: web::Json<SheetInput>,
) -> AppResult<HttpResponse> {
    let (id, entry) = ids(path.into_inner())?;
    let input = body.into_inner();
    let sheet = state
        .db(move |c| judging::save_sheet(c, &judge, &id, &entry, input))
        .await?;
    Ok(HttpResponse::Ok().json(sheet))
}

#[derive(Deserialize)]
pub struct RecusalBody {
    pub reason: String,
}

async fn recuse(
    state: web::Data<AppState>,
    JudgeUser(judge): JudgeUser,
    path: web::Path<(String, String)>,
    body: web::Json<RecusalBody>,
) -> AppResult<HttpResponse> {
    let (id, entry) = ids(path.into_inner())?;
    let reason = body.into_inner().reason;
    let created = state
        .db(move |c| judging::recuse(c, &judge, &id, &entry, &reason))
        .await?;
    Ok(HttpResponse::Created().json(created))
}

async fn get_monitor(
    state: web::Data<AppState>,
    _staff: StaffUser,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_id("id", &path)?.to_string();
    let m = state.db(move |c| monitor::monitor(c, &id)).await?;
    Ok(HttpResponse::Ok().json(m))
}

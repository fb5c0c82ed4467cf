//! `GET /`: the home page of the signed-in user's role.

use super::ctx;
use crate::domain::role::Role;
use crate::error::AppResult;
use crate::services::judging;
use crate::views::components::notice;
use crate::web::auth::Auth;
use crate::web::AppState;
use actix_web::{web, HttpRequest};
use maud::{html, Markup};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home));
}

async fn home(state: web::Data<AppState>, req: HttpRequest, auth: Auth) -> AppResult<Markup> {
    let c = ctx(&req, Some(&auth.user));
    let sections = match auth.user.role {
        Role::Judge => {
            let judge = auth.user.clone();
            let list = state
                .db(move |conn| judging::my_assignments(conn, &judge))
                .await?;
            let info = (super::Notice::of(&req) == Some(super::Notice::Recused))
                .then(|| c.t(super::Notice::Recused.text()));
            html! { (notice(info)) (crate::views::judging::assignments(&c, &list)) }
        }
        Role::Entrant => {
            let entrant = auth.user.clone();
            let list = state
                .db(move |conn| crate::services::entrant_home::overview(conn, &entrant))
                .await?;
            crate::views::entrant::home_section(&c, &list)
        }
        Role::Admin | Role::Committee => {
            let list = state.db(crate::services::contests::list).await?;
            crate::views::home::staff_section(&c, &list, crate::services::demo::DEMO_PASSWORD)
        }
    };
    Ok(crate::views::home::home(&c, sections))
}

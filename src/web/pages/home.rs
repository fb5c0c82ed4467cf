//! `GET /`: the home page of the signed-in user's role.

use super::ctx;
use crate::web::auth::Auth;
use actix_web::{web, HttpRequest};
use maud::{html, Markup};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home));
}

async fn home(req: HttpRequest, auth: Auth) -> Markup {
    let c = ctx(&req, Some(&auth.user));
    crate::views::home::home(&c, html! {})
}

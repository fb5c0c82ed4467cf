//! The page frame: header with navigation by role, language switch, main, footer.

use crate::domain::role::Role;
use crate::i18n::{Lang, Msg, Text};
use crate::services::CurrentUser;
use maud::{html, Markup, DOCTYPE};

/// What every page needs to know about the request.
#[derive(Clone, Debug, Default)]
pub struct PageCtx {
    pub lang: Lang,
    pub user: Option<CurrentUser>,
    /// The path and query of this page, for the language switch to come back to.
    pub path: String,
}

impl PageCtx {
    /// A catalog message (of any catalog) in the page's language.
    pub fn t(&self, msg: impl Into<Text>) -> &'static str {
        msg.into().texts[self.lang as usize]
    }

    pub fn text(&self, text: &Text) -> String {
        text.render(self.lang)
    }
}

pub fn role_label(role: Role) -> Msg {
    match role {
        Role::Admin => Msg::RoleAdmin,
        Role::Committee => Msg::RoleCommittee,
        Role::Judge => Msg::RoleJudge,
        Role::Entrant => Msg::RoleEntrant,
    }
}

/// Percent-encodes a path for use as a query value.
pub fn encode(path: &str) -> String {
    url::form_urlencoded::byte_serialize(path.as_bytes()).collect()
}

fn nav(ctx: &PageCtx) -> Markup {
    html! {
        nav aria-label="menu" {
            @if let Some(user) = &ctx.user {
                a href="/" { (ctx.t(Msg::NavHome)) }
                @if user.role.is_staff() {
                    a href="/contests" { (ctx.t(Msg::NavContests)) }
                }
                @if user.role == Role::Admin {
                    a href="/users" { (ctx.t(Msg::NavUsers)) }
                }
                a href="/account" { (ctx.t(Msg::NavAccount)) " (" (user.name) ")" }
                form method="post" action="/logout" {
                    button type="submit" { (ctx.t(Msg::NavLogout)) }
                }
            } @else {
                a href="/login" { (ctx.t(Msg::NavLogin)) }
            }
            a href={ "/lang/" (ctx.lang.other().code()) "?next=" (encode(&ctx.path)) }
                lang=(ctx.lang.other().code()) { (ctx.t(Msg::SwitchLanguage)) }
        }
    }
}

/// A whole page around `body`.
pub fn page(ctx: &PageCtx, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(ctx.lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · juri" }
                link rel="stylesheet" href="/static/app.css";
            }
            body {
                header.top {
                    div.bar {
                        a.brand href="/" { "juri" }
                        (nav(ctx))
                    }
                }
                main { (body) }
                footer { "juri · " (ctx.t(Msg::AppTagline)) }
            }
        }
    }
}

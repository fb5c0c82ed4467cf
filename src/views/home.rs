//! The home page of each role.

use super::layout::{page, role_label, PageCtx};
use crate::domain::role::Role;
use crate::i18n::{Msg, Text};
use maud::{html, Markup};

/// `sections` are screens other parts of juri add for the role (contests, assignments, …).
pub fn home(ctx: &PageCtx, sections: Markup) -> Markup {
    let Some(user) = &ctx.user else {
        return page(ctx, ctx.t(Msg::NavHome), html! {});
    };
    let intro = match user.role {
        Role::Admin => Msg::HomeAdminIntro,
        Role::Committee => Msg::HomeCommitteeIntro,
        Role::Judge => Msg::HomeJudgeIntro,
    };
    let body = html! {
        h1 { (ctx.text(&Text::with(Msg::HomeWelcome, [&user.name]))) }
        p.muted {
            span.badge { (ctx.t(role_label(user.role))) } " " (ctx.t(intro))
        }
        @if user.role == Role::Admin {
            p { a.button.secondary href="/users" { (ctx.t(Msg::NavUsers)) } }
        }
        (sections)
    };
    page(ctx, ctx.t(Msg::NavHome), body)
}

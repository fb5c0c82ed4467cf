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
        Role::Entrant => Msg::HomeEntrantIntro,
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

/// The committee's start: their contests, or the button that creates the demo contest.
pub fn staff_section(
    ctx: &PageCtx,
    list: &[crate::services::contests::ContestSummary],
    demo_password: &str,
) -> Markup {
    use crate::i18n::setup::SetupMsg as S;
    html! {
        h2 { (ctx.t(S::ContestsTitle)) }
        @if list.is_empty() {
            div.card {
                p { (ctx.t(S::NoContests)) " " (ctx.text(&Text::with(S::DemoHelp, [demo_password]))) }
                (super::setup::demo_buttons(ctx))
            }
        }
        ul.entries {
            @for c in list {
                li { a href={ "/contests/" (c.id) } { (super::documents::name_with_year(&c.name, c.year)) } span.badge { (super::setup::phase_label(ctx, c.phase)) } }
            }
        }
        p { a.button href="/contests" { (ctx.t(S::NewContest)) } }
    }
}

//! The sign-in screen.

use super::components::{alert, field, notice, FormErrors};
use super::layout::{page, PageCtx};
use crate::i18n::Msg;
use maud::html;

pub fn login(
    ctx: &PageCtx,
    email: &str,
    next: &str,
    errors: &FormErrors,
    info: Option<&str>,
) -> maud::Markup {
    let body = html! {
        div.card {
            h1 { (ctx.t(Msg::LoginTitle)) }
            p.muted { (ctx.t(Msg::LoginIntro)) }
            (notice(info))
            (alert(errors.general(&["email", "password"])))
            form.stack method="post" action="/login" {
                input type="hidden" name="next" value=(next);
                (field(ctx.t(Msg::FieldEmail), "email", "email", email, errors,
                    html! {}))
                (field(ctx.t(Msg::FieldPassword), "password", "password", "", errors, html! {}))
                div { button type="submit" { (ctx.t(Msg::ButtonLogin)) } }
            }
        }
    };
    page(ctx, ctx.t(Msg::LoginTitle), body)
}

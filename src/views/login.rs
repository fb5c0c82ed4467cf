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

/// The page of a one-time set-password link: the account it is for and the new password
/// twice (`account` `None`: the link cannot be used, `errors` says why).
pub fn set_password(
    ctx: &PageCtx,
    account: Option<(&str, &str)>,
    errors: &FormErrors,
) -> maud::Markup {
    use crate::i18n::entrants::EntrantMsg as E;
    use crate::i18n::Text;
    let body = html! {
        div.card {
            h1 { (ctx.t(E::SetPasswordTitle)) }
            (alert(errors.general(&["password", "repeat"])))
            @if let Some((name, email)) = account {
                p.muted { (ctx.text(&Text::with(E::SetPasswordIntro, [name, email]))) }
                form.stack method="post" {
                    (field(ctx.t(E::FieldNewPassword), "password", "password", "", errors, html! {}))
                    (field(ctx.t(E::FieldRepeatPassword), "repeat", "password", "", errors, html! {}))
                    div { button type="submit" { (ctx.t(E::ButtonSave)) } }
                }
            }
        }
    };
    page(ctx, ctx.t(E::SetPasswordTitle), body)
}

//! The error page: the message in the reader's language and any listed reasons.

use super::layout::{self, PageCtx};
use crate::error::AppError;
use crate::i18n::{Lang, Msg};
use maud::html;

pub fn page_for(err: &AppError, ctx: &PageCtx) -> maud::Markup {
    let body = html! {
        div.card {
            h1 { (ctx.t(Msg::ErrorTitle)) }
            div.alert role="alert" {
                (ctx.text(&err.message))
                @if !err.details.is_empty() {
                    ul {
                        @for d in &err.details { li { (ctx.text(&d.message)) } }
                    }
                }
            }
            p { a href="/" { (ctx.t(Msg::ErrorBackHome)) } }
        }
    };
    layout::page(ctx, ctx.t(Msg::ErrorTitle), body)
}

/// Used by the error middleware, which knows the language but not the user.
pub fn page(err: &AppError, lang: Lang) -> maud::Markup {
    page_for(
        err,
        &PageCtx {
            lang,
            user: None,
            path: "/".into(),
        },
    )
}

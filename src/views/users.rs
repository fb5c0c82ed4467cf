//! Account screens: the admin's user list with its forms, and one's own account.

use super::components::{alert, field, notice, FormErrors};
use super::layout::{page, role_label, PageCtx};
use crate::domain::role::Role;
use crate::i18n::Msg;
use crate::services::users::Account;
use maud::html;

/// Values typed into the "add a user" form, kept when it is refused.
#[derive(Clone, Debug, Default)]
pub struct NewUserValues {
    pub email: String,
    pub name: String,
    pub role: String,
    pub affiliation: String,
}

pub fn list(
    ctx: &PageCtx,
    accounts: &[Account],
    values: &NewUserValues,
    errors: &FormErrors,
    info: Option<&str>,
) -> maud::Markup {
    let role_error = errors.for_field("role");
    let body = html! {
        h1 { (ctx.t(Msg::UsersTitle)) }
        (notice(info))
        (alert(errors.general(&["email", "name", "role", "affiliation", "password"])))
        div.table-wrap tabindex="0" {
            table {
                thead { tr {
                    th { (ctx.t(Msg::FieldName)) } th { (ctx.t(Msg::FieldEmail)) }
                    th { (ctx.t(Msg::FieldRole)) } th { (ctx.t(Msg::FieldStatus)) } th { span.sr-only { (ctx.t(Msg::ColActions)) } }
                } }
                tbody {
                    @for a in accounts {
                        tr {
                            td { (a.name) @if !a.affiliation.is_empty() { br; span.muted { (a.affiliation) } } }
                            td { (a.email) }
                            td { (ctx.t(role_label(a.role))) }
                            td {
                                @if a.active { span.badge.ok { (ctx.t(Msg::StatusActive)) } }
                                @else { span.badge.bad { (ctx.t(Msg::StatusInactive)) } }
                            }
                            td {
                                @if a.active {
                                    form.inline method="post" action={ "/users/" (a.id) "/password" } {
                                        input type="password" name="password" minlength="8" required
                                            aria-label=(ctx.t(Msg::FieldNewPassword))
                                            placeholder=(ctx.t(Msg::FieldNewPassword));
                                        button.secondary type="submit" { (ctx.t(Msg::ButtonResetPassword)) }
                                    }
                                    @if ctx.user.as_ref().is_some_and(|u| u.id != a.id) {
                                        form.inline method="post" action={ "/users/" (a.id) "/deactivate" } {
                                            button.danger type="submit" { (ctx.t(Msg::ButtonDeactivate)) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { (ctx.t(Msg::UsersCreateTitle)) }
        div.card {
            form.stack method="post" action="/users" {
                (field(ctx.t(Msg::FieldName), "name", "text", &values.name, errors, html! {}))
                (field(ctx.t(Msg::FieldEmail), "email", "email", &values.email, errors, html! {}))
                label {
                    (ctx.t(Msg::FieldRole))
                    select name="role" aria-invalid=[role_error.map(|_| "true")] {
                        @for role in [Role::Committee, Role::Judge, Role::Admin] {
                            option value=(role.as_str()) selected[values.role == role.as_str()] {
                                (ctx.t(role_label(role)))
                            }
                        }
                    }
                    @if let Some(m) = role_error { span.field-error { (m) } }
                }
                (field(ctx.t(Msg::FieldAffiliation), "affiliation", "text", &values.affiliation, errors, html! {}))
                (field(ctx.t(Msg::FieldPassword), "password", "password", "", errors, html! {}))
                div { button type="submit" { (ctx.t(Msg::ButtonCreate)) } }
            }
        }
    };
    page(ctx, ctx.t(Msg::UsersTitle), body)
}

pub fn account(ctx: &PageCtx, errors: &FormErrors, info: Option<&str>) -> maud::Markup {
    let body = html! {
        h1 { (ctx.t(Msg::AccountTitle)) }
        (notice(info))
        (alert(errors.general(&["current_password", "new_password"])))
        @if let Some(user) = &ctx.user {
            div.card {
                p { strong { (user.name) } br; (user.email) br; span.badge { (ctx.t(role_label(user.role))) } }
            }
        }
        div.card {
            form.stack method="post" action="/account/password" {
                (field(ctx.t(Msg::FieldCurrentPassword), "current_password", "password", "", errors, html! {}))
                (field(ctx.t(Msg::FieldNewPassword), "new_password", "password", "", errors, html! {}))
                div { button type="submit" { (ctx.t(Msg::ButtonChangePassword)) } }
            }
        }
    };
    page(ctx, ctx.t(Msg::AccountTitle), body)
}

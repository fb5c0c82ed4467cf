//! Small pieces shared by the screens: form fields with their error, notices.

use crate::error::AppError;
use crate::i18n::Lang;
use maud::{html, Markup};

/// The problem with one field of a submitted form, if any.
#[derive(Clone, Debug, Default)]
pub struct FormErrors {
    pub field: Option<String>,
    pub message: Option<String>,
}

impl FormErrors {
    pub fn from_error(err: &AppError, lang: Lang) -> Self {
        FormErrors {
            field: err.field.clone(),
            message: Some(err.message.render(lang)),
        }
    }

    pub fn for_field(&self, name: &str) -> Option<&str> {
        match &self.field {
            Some(f) if f == name => self.message.as_deref(),
            _ => None,
        }
    }

    /// A message that belongs to no field of the form, shown above it.
    pub fn general(&self, fields: &[&str]) -> Option<&str> {
        match &self.field {
            Some(f) if fields.contains(&f.as_str()) => None,
            _ => self.message.as_deref(),
        }
    }
}

/// A labelled input; the error, when there is one, sits right under it.
pub fn field(
    label: &str,
    name: &str,
    kind: &str,
    value: &str,
    errors: &FormErrors,
    extra: Markup,
) -> Markup {
    let error = errors.for_field(name);
    let error_id = format!("{name}-error");
    html! {
        label {
            (label)
            input type=(kind) name=(name) value=(value)
                aria-invalid=[error.map(|_| "true")]
                aria-describedby=[error.map(|_| error_id.as_str())];
            (extra)
            @if let Some(msg) = error {
                span.field-error id=(error_id) { (msg) }
            }
        }
    }
}

pub fn notice(message: Option<&str>) -> Markup {
    html! {
        @if let Some(m) = message {
            p.notice role="status" { (m) }
        }
    }
}

pub fn alert(message: Option<&str>) -> Markup {
    html! {
        @if let Some(m) = message {
            div.alert role="alert" { (m) }
        }
    }
}

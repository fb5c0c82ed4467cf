//! Checks of free-text input shared by every form and API body. Each returns the catalog key of
//! the problem so the caller can name the field and answer in the user's language.

use crate::i18n::{Msg, Text};

/// Trims `raw`; refuses it when empty (if `required`) or longer than `max` characters.
pub fn text(raw: &str, required: bool, max: usize) -> Result<String, Text> {
    let value = raw.trim();
    if required && value.is_empty() {
        return Err(Msg::ErrRequired.into());
    }
    if value.chars().count() > max {
        return Err(Text::with(Msg::ErrTooLong, [max]));
    }
    Ok(value.to_string())
}

/// A lower-cased email with one `@`, a non-empty local part and a dotted or `localhost` domain.
pub fn email(raw: &str) -> Result<String, Text> {
    let value = text(raw, true, 254)?.to_lowercase();
    let mut parts = value.split('@');
    let (local, domain) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let ok = parts.next().is_none()
        && !local.is_empty()
        && (domain == "localhost"
            || (domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')))
        && !value.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(value)
    } else {
        Err(Msg::ErrEmailInvalid.into())
    }
}

pub const MIN_PASSWORD: usize = 8;

pub fn password(raw: &str) -> Result<String, Text> {
    if raw.chars().count() < MIN_PASSWORD {
        return Err(Text::with(Msg::ErrPasswordShort, [MIN_PASSWORD]));
    }
    if raw.len() > 1024 {
        return Err(Text::with(Msg::ErrTooLong, [1024]));
    }
    Ok(raw.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Text;

    #[test]
    fn emails() {
        assert_eq!(email(" Siti@Juri.Example ").unwrap(), "siti@juri.example");
        assert_eq!(email("admin@localhost").unwrap(), "admin@localhost");
        for bad in ["", "a", "a@", "@b.c", "a@b", "a@@b.c", "a b@c.d", "a@.c"] {
            assert!(email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn texts_and_passwords() {
        assert_eq!(text("  x ", true, 3).unwrap(), "x");
        assert_eq!(
            text("   ", true, 3).unwrap_err(),
            Text::new(Msg::ErrRequired)
        );
        assert_eq!(
            text("abcd", false, 3).unwrap_err().texts,
            Msg::ErrTooLong.both()
        );
        assert!(password("short").is_err());
        assert!(password("long enough").is_ok());
    }
}

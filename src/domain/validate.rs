//! Checks of free-text input shared by every form and API body. Each returns what is wrong as
//! an [`Invalid`]; the caller names the field, and the catalog (`i18n`) words it in the user's
//! language.

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// What is wrong with a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invalid {
    Required,
    TooLong {
        max: usize,
    },
    EmailInvalid,
    PasswordShort {
        min: usize,
    },
    /// A control or invisible (format) character, which no name or email needs and which makes
    /// two names that read the same compare different.
    HiddenCharacter,
}

/// A control character or an invisible one (zero-width space, soft hyphen, direction mark).
fn hidden(c: char) -> bool {
    c.is_control() || c.general_category() == GeneralCategory::Format
}

/// A name (of a person, a unit, a cluster): a [`text`] without hidden characters.
pub fn name(raw: &str, required: bool, max: usize) -> Result<String, Invalid> {
    let value = text(raw, required, max)?;
    if value.chars().any(hidden) {
        return Err(Invalid::HiddenCharacter);
    }
    Ok(value)
}

/// Trims `raw`; refuses it when empty (if `required`) or longer than `max` characters.
pub fn text(raw: &str, required: bool, max: usize) -> Result<String, Invalid> {
    let value = raw.trim();
    if required && value.is_empty() {
        return Err(Invalid::Required);
    }
    if value.chars().count() > max {
        return Err(Invalid::TooLong { max });
    }
    Ok(value.to_string())
}

/// A lower-cased email with one `@`, a non-empty local part and a dotted or `localhost` domain.
pub fn email(raw: &str) -> Result<String, Invalid> {
    let value = text(raw, true, 254)?.to_lowercase();
    if value.chars().any(hidden) {
        return Err(Invalid::HiddenCharacter);
    }
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
        Err(Invalid::EmailInvalid)
    }
}

pub const MIN_PASSWORD: usize = 8;

pub fn password(raw: &str) -> Result<String, Invalid> {
    if raw.chars().count() < MIN_PASSWORD {
        return Err(Invalid::PasswordShort { min: MIN_PASSWORD });
    }
    if raw.len() > 1024 {
        return Err(Invalid::TooLong { max: 1024 });
    }
    Ok(raw.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(text("   ", true, 3).unwrap_err(), Invalid::Required);
        assert_eq!(
            text("abcd", false, 3).unwrap_err(),
            Invalid::TooLong { max: 3 }
        );
        assert!(password("short").is_err());
        assert_eq!(
            name("Dinas \u{200b}PU", true, 50),
            Err(Invalid::HiddenCharacter)
        );
        assert_eq!(name("Dinas\nPU", true, 50), Err(Invalid::HiddenCharacter));
        assert_eq!(name(" Dinas PU ", true, 50).unwrap(), "Dinas PU");
        assert_eq!(email("a@b.test\u{200b}"), Err(Invalid::HiddenCharacter));
        assert_eq!(email("a\u{ad}dmin@b.test"), Err(Invalid::HiddenCharacter));
        assert!(password("long enough").is_ok());
    }
}

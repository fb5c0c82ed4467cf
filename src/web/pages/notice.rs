//! The success notice a page shows after a form's redirect (`?notice=saved`): one type, read
//! from the query once, written into the redirect by the handler that succeeded.

use crate::i18n::{judging::JudgingMsg, results::ResultsMsg, setup::SetupMsg, Msg, Text};
use actix_web::HttpRequest;

/// Every notice a redirect may carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    Saved,
    PhaseChanged,
    SheetSaved,
    SheetSubmitted,
    Recused,
    Reassigned,
    TieResolved,
    Waived,
    Published,
    UserCreated,
    PasswordReset,
    Deactivated,
    PasswordChanged,
    LoggedOut,
    Sealed,
    PasswordSet,
}

const WORDS: &[(Notice, &str)] = &[
    (Notice::Saved, "saved"),
    (Notice::PhaseChanged, "phase"),
    (Notice::SheetSaved, "sheet_saved"),
    (Notice::SheetSubmitted, "submitted"),
    (Notice::Recused, "recused"),
    (Notice::Reassigned, "reassigned"),
    (Notice::TieResolved, "resolved"),
    (Notice::Waived, "waived"),
    (Notice::Published, "published"),
    (Notice::UserCreated, "user_created"),
    (Notice::PasswordReset, "password_reset"),
    (Notice::Deactivated, "deactivated"),
    (Notice::PasswordChanged, "password_changed"),
    (Notice::LoggedOut, "logged_out"),
    (Notice::Sealed, "sealed"),
    (Notice::PasswordSet, "password_set"),
];

impl Notice {
    /// The word in the query string.
    pub fn word(self) -> &'static str {
        WORDS
            .iter()
            .find(|(n, _)| *n == self)
            .map_or("saved", |(_, w)| w)
    }

    /// The notice named in the request's query, if any (an unknown word shows nothing).
    pub fn of(req: &HttpRequest) -> Option<Notice> {
        url::form_urlencoded::parse(req.query_string().as_bytes())
            .find(|(k, _)| k == "notice")
            .and_then(|(_, v)| WORDS.iter().find(|(_, w)| *w == v).map(|(n, _)| *n))
    }

    /// `location` with this notice in its query.
    pub fn after(self, location: &str) -> String {
        let joint = if location.contains('?') { '&' } else { '?' };
        format!("{location}{joint}notice={}", self.word())
    }

    /// What the page says.
    pub fn text(self) -> Text {
        match self {
            Notice::Saved => SetupMsg::Saved.into(),
            Notice::PhaseChanged => SetupMsg::PhaseChanged.into(),
            Notice::SheetSaved => JudgingMsg::Saved.into(),
            Notice::SheetSubmitted => JudgingMsg::Submitted.into(),
            Notice::Recused => JudgingMsg::Recused.into(),
            Notice::Reassigned => JudgingMsg::Reassigned.into(),
            Notice::TieResolved => ResultsMsg::ResolvedNotice.into(),
            Notice::Waived => ResultsMsg::WaivedNotice.into(),
            Notice::Published => ResultsMsg::PublishedNotice.into(),
            Notice::UserCreated => Msg::UsersCreated.into(),
            Notice::PasswordReset => Msg::UsersPasswordReset.into(),
            Notice::Deactivated => Msg::UsersDeactivated.into(),
            Notice::PasswordChanged => Msg::PasswordChanged.into(),
            Notice::LoggedOut => Msg::LoggedOut.into(),
            Notice::Sealed => crate::i18n::stages::StageMsg::SealedNotice.into(),
            Notice::PasswordSet => crate::i18n::entrants::EntrantMsg::PasswordSet.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_notice_round_trips_through_its_word() {
        for (notice, word) in WORDS {
            let req = actix_web::test::TestRequest::default()
                .uri(&notice.after("/x"))
                .to_http_request();
            assert_eq!(Notice::of(&req), Some(*notice), "{word}");
        }
        let req = actix_web::test::TestRequest::default()
            .uri("/x?notice=unknown")
            .to_http_request();
        assert_eq!(Notice::of(&req), None);
        assert_eq!(Notice::Saved.after("/a?page=2"), "/a?page=2&notice=saved");
    }
}

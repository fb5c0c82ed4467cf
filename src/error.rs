//! One error type for the whole application, mapped to a clear HTTP answer.
//!
//! Which constructor to use:
//! - [`AppError::invalid`] — one input is wrong (422, names the field);
//! - [`AppError::bad_request`] — the request itself cannot be read (400);
//! - [`AppError::conflict`] — the request is well formed but the contest's state forbids it
//!   (409), with [`AppError::with_details`] to list every reason at once;
//! - [`AppError::not_found`], [`AppError::forbidden`], [`AppError::unauthenticated`];
//! - `?` on a diesel or pool error — `NotFound` becomes 404, everything else is a real fault
//!   (500, logged, never shown in detail).
//!
//! Messages are catalog keys ([`Text`]) so `web::error` can render them in the reader's
//! language: JSON under `/api`, an HTML page in the layout everywhere else. Each error also has
//! a stable machine-readable [`AppError::reason`] (docs/api.md lists them), so clients act on a
//! refusal without reading the translated message.
//!
//! This module knows no HTTP framework and no database: `web::error` maps kinds to statuses and
//! renders, `db::error` turns diesel's errors into these.

use crate::i18n::{Lang, Msg, Text};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    BadRequest,
    Invalid,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    PayloadTooLarge,
    UnsupportedMediaType,
    TooManyRequests,
    Unavailable,
    /// The database's disk is full: the write was not stored.
    StorageFull,
    Internal,
}

impl ErrorKind {
    /// The machine-readable `code` of the JSON error.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::BadRequest => "bad_request",
            ErrorKind::Invalid => "invalid",
            ErrorKind::Unauthenticated => "unauthenticated",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::PayloadTooLarge => "payload_too_large",
            ErrorKind::UnsupportedMediaType => "unsupported_media_type",
            ErrorKind::TooManyRequests => "too_many_requests",
            ErrorKind::Unavailable => "unavailable",
            ErrorKind::StorageFull => "insufficient_storage",
            ErrorKind::Internal => "internal",
        }
    }

    /// The user's mistake (a 4xx answer), as opposed to the server's fault.
    pub fn is_client_error(self) -> bool {
        !matches!(
            self,
            ErrorKind::Unavailable | ErrorKind::StorageFull | ErrorKind::Internal
        )
    }
}

/// Reasons named for what a client does about them, where the catalog key's own name would be
/// narrower than the rule (several messages say "the phase forbids this"). Every other error's
/// reason is its catalog key in snake case without the `Err` prefix (`ErrEmailTaken` ->
/// `email_taken`). Renaming a key therefore changes a reason: docs/api.md lists them all and a
/// test keeps that list complete.
const NAMED_REASONS: &[(&str, &str)] = &[
    ("ErrWrongPhase", "phase_forbids"),
    ("ErrNotInSetup", "phase_forbids"),
    ("ErrJudgingClosed", "phase_forbids"),
    ("ErrRecusalPhase", "phase_forbids"),
    ("ErrStale", "stale_version"),
    ("ErrConflictUnit", "conflict_of_interest"),
    ("ErrConflictDeclared", "conflict_of_interest"),
    ("ErrAffiliationConflict", "conflict_of_interest"),
    ("ErrDeclaredConflict", "conflict_of_interest"),
    ("MissingWeights", "weights_not_100"),
    ("MissingNoCriteria", "no_criteria"),
    ("MissingNoClusters", "no_clusters"),
    ("MissingNoEntries", "no_entries"),
    ("MissingTiers", "tiers_missing"),
    ("MissingJudges", "entries_without_judge"),
    ("MissingLastStageScreening", "last_stage_screening"),
    ("BlockNotClosed", "not_closed"),
    ("BlockIncomplete", "entry_incomplete"),
    ("BlockTie", "tie_unresolved"),
    ("BlockTieAtCut", "tie_at_cut"),
    ("BlockNotScreened", "not_screened"),
    ("BlockStageNotSealed", "stage_not_sealed"),
    ("BlockUnstable", "robustness_unacknowledged"),
    ("ErrScreeningPhase", "phase_forbids"),
    ("ErrRegistrationNotOpen", "registration_closed"),
    ("ErrRegistrationDeadline", "registration_closed"),
    ("ErrRegistrationOver", "registration_closed"),
    ("MissingDrafts", "entries_in_draft"),
    // Keys named after the field they check say what is wrong with it.
    ("ErrYear", "year_out_of_range"),
    ("ErrAggregation", "aggregation_unknown"),
    ("ErrNormalisation", "normalisation_unknown"),
    ("ErrAmount", "amount_negative"),
    ("ErrWeight", "weight_out_of_range"),
    ("ErrRange", "score_range_invalid"),
    ("ErrLevels", "levels_invalid"),
    ("ErrTemplate", "template_unknown"),
    ("ErrBlind", "blind_not_boolean"),
    ("ErrGate", "robustness_gate_not_boolean"),
    ("ErrMaturity", "maturity_unknown"),
    ("ErrInitiator", "initiator_unknown"),
    ("ErrDigital", "digital_not_boolean"),
    ("ErrForm", "form_unknown"),
    ("ErrDate", "date_invalid"),
    ("ErrRegistrationBoolean", "registration_open_not_boolean"),
    ("ErrDeadline", "registration_deadline_invalid"),
    ("ErrReleaseComments", "release_comments_not_boolean"),
    ("ErrOutlierPoints", "outlier_points_invalid"),
    ("ErrTieBreak", "tie_break_invalid"),
    ("ErrLink", "link_invalid"),
    ("ErrMinAward", "min_award_invalid"),
    ("ErrMissing", "score_missing"),
    ("ErrWinnersCount", "winners_count_out_of_range"),
    ("ErrClusterName", "cluster_name_taken"),
    ("ErrAutoBody", "auto_body_invalid"),
];

/// The stable reason of a message: named above, or derived from the catalog key's name.
pub fn reason_of(key: &str) -> String {
    if let Some((_, reason)) = NAMED_REASONS.iter().find(|(k, _)| *k == key) {
        return (*reason).to_string();
    }
    let name = key.strip_prefix("Err").unwrap_or(key);
    let mut out = String::with_capacity(name.len() + 4);
    for (i, ch) in name.char_indices() {
        if ch.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(ch.to_ascii_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

/// One of several reasons, e.g. each thing missing before judging can open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detail {
    pub field: Option<String>,
    pub message: Text,
}

/// The error of every fallible function in juri. Boxed so `Result`s stay small on the happy
/// path; fields are reached through `Deref`.
#[derive(Clone, Debug)]
pub struct AppError(Box<ErrorData>);

#[derive(Clone, Debug)]
pub struct ErrorData {
    pub kind: ErrorKind,
    pub message: Text,
    pub field: Option<String>,
    pub details: Vec<Detail>,
    pub retry_after: Option<u64>,
    /// Extra data for the client, e.g. the newer sheet a stale save ran into (`key`, value).
    pub extra: Option<(String, serde_json::Value)>,
    /// For real faults only: what went wrong, for the log (never sent to the client).
    pub internal: Option<String>,
    /// A reason other than the message's own (see [`AppError::reason`]).
    pub reason: Option<&'static str>,
}

pub type AppResult<T> = Result<T, AppError>;

impl std::ops::Deref for AppError {
    type Target = ErrorData;
    fn deref(&self) -> &ErrorData {
        &self.0
    }
}

impl std::ops::DerefMut for AppError {
    fn deref_mut(&mut self) -> &mut ErrorData {
        &mut self.0
    }
}

impl AppError {
    pub fn new(kind: ErrorKind, message: impl Into<Text>) -> Self {
        AppError(Box::new(ErrorData {
            kind,
            message: message.into(),
            field: None,
            details: Vec::new(),
            retry_after: None,
            extra: None,
            internal: None,
            reason: None,
        }))
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<Text>) -> Self {
        let mut e = Self::new(ErrorKind::Invalid, message);
        e.field = Some(field.into());
        e
    }

    pub fn bad_request(message: impl Into<Text>) -> Self {
        Self::new(ErrorKind::BadRequest, message)
    }

    pub fn conflict(message: impl Into<Text>) -> Self {
        Self::new(ErrorKind::Conflict, message)
    }

    pub fn not_found() -> Self {
        Self::new(ErrorKind::NotFound, Msg::ErrNotFound)
    }

    pub fn forbidden() -> Self {
        Self::new(ErrorKind::Forbidden, Msg::ErrForbidden)
    }

    pub fn unauthenticated(message: impl Into<Text>) -> Self {
        Self::new(ErrorKind::Unauthenticated, message)
    }

    pub fn internal(what: impl fmt::Display) -> Self {
        let mut e = Self::new(ErrorKind::Internal, Msg::ErrInternal);
        e.internal = Some(what.to_string());
        e
    }

    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn with_message(mut self, message: impl Into<Text>) -> Self {
        self.message = message.into();
        self
    }

    pub fn with_kind(mut self, kind: ErrorKind) -> Self {
        self.kind = kind;
        self
    }

    pub fn with_details(mut self, details: Vec<Detail>) -> Self {
        self.details = details;
        self
    }

    /// Names the reason when the message alone would not (for example, the same message used
    /// for two different refusals).
    pub fn with_reason(mut self, reason: &'static str) -> Self {
        self.reason = Some(reason);
        self
    }

    /// The stable machine-readable reason: `phase_forbids`, `stale_version`,
    /// `conflict_of_interest`, `weights_not_100`, `required`, … (docs/api.md).
    pub fn reason(&self) -> String {
        match self.reason {
            Some(reason) => reason.to_string(),
            None => reason_of(self.message.key),
        }
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.code(), self.message.render(Lang::En))?;
        if let Some(internal) = &self.internal {
            write!(f, " ({internal})")?;
        }
        Ok(())
    }
}

impl std::error::Error for AppError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_snake_case_key_names_unless_named() {
        assert_eq!(reason_of("ErrEmailTaken"), "email_taken");
        assert_eq!(reason_of("ErrNotFound"), "not_found");
        assert_eq!(reason_of("ErrStale"), "stale_version");
        assert_eq!(reason_of("ErrNotInSetup"), "phase_forbids");
        assert_eq!(reason_of("MissingWeights"), "weights_not_100");
        let e = AppError::conflict(crate::i18n::setup::SetupMsg::ErrUnknownCluster);
        assert_eq!(e.reason(), "unknown_cluster");
        assert_eq!(e.with_reason("other").reason(), "other");
    }
}

//! The proposal fields of an entry as a body or a form sends them, checked into a
//! [`Proposal`]; and what an entry lacks for submission (required fields and documents).

use super::setup_common::field_text;
use crate::domain::proposal::{self as rules, Proposal};
use crate::error::{AppError, AppResult, Detail};
use crate::i18n::proposal::ProposalMsg as M;
use crate::i18n::Text;
use crate::model::{DocumentKind, ProposalField};
use serde::Deserialize;

/// The proposal fields of a body: absent leaves a field as it was (empty, for a new entry); an
/// empty text or `null` empties it.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct ProposalInput {
    /// `inisiatif`, `uji_coba` or `penerapan` (the IID form's words are read too).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub maturity: Option<String>,
    /// `kepala_daerah`, `anggota_dprd`, `asn`, `perangkat_daerah` or `masyarakat`.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub initiator: Option<String>,
    /// `true` for a digital innovation, `false` for a non-digital one, `null` to empty.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<bool>)]
    pub digital: Option<serde_json::Value>,
    /// `tata_kelola`, `pelayanan_publik` or `lainnya`.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub form: Option<String>,
    /// `2024-06-01` (or `01/06/2024`).
    #[schema(format = Date)]
    #[serde(default, deserialize_with = "null_as_empty")]
    pub trial_date: Option<String>,
    #[schema(format = Date)]
    #[serde(default, deserialize_with = "null_as_empty")]
    pub implementation_date: Option<String>,
    #[schema(max_length = 20000)]
    #[serde(default, deserialize_with = "null_as_empty")]
    pub design: Option<String>,
    #[schema(max_length = 10000)]
    #[serde(default, deserialize_with = "null_as_empty")]
    pub goals: Option<String>,
    #[schema(max_length = 10000)]
    #[serde(default, deserialize_with = "null_as_empty")]
    pub benefits: Option<String>,
    #[schema(max_length = 10000)]
    #[serde(default, deserialize_with = "null_as_empty")]
    pub results: Option<String>,
    /// An `http(s)://` address.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub video_link: Option<String>,
}

/// Reads an explicit `null` as an empty text (which empties the field), where serde alone
/// would take it for an absent field (which keeps it).
pub fn null_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Some(Option::<String>::deserialize(d)?.unwrap_or_default()))
}

/// Keeps an explicit `null` apart from an absent field (`Some(Null)` against `None`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<serde_json::Value>, D::Error> {
    serde_json::Value::deserialize(d).map(Some)
}

/// `old` with the fields `input` carries, each checked (422 naming the field).
pub fn merge(old: &Proposal, input: &ProposalInput) -> AppResult<Proposal> {
    fn word<T>(
        raw: &Option<String>,
        old: Option<T>,
        field: &str,
        read: fn(&str) -> Option<T>,
        refusal: M,
    ) -> AppResult<Option<T>> {
        match raw.as_deref().map(str::trim) {
            None => Ok(old),
            Some("") => Ok(None),
            Some(w) => read(w)
                .map(Some)
                .ok_or_else(|| AppError::invalid(field, refusal)),
        }
    }
    let text = |raw: &Option<String>, old: &str, field: &str, max: usize| match raw {
        None => Ok(old.to_string()),
        Some(t) => field_text(t, field, false, max),
    };
    let digital = match &input.digital {
        None => old.digital,
        Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::Bool(b)) => Some(*b),
        Some(serde_json::Value::String(s)) if s.trim().is_empty() => None,
        Some(serde_json::Value::String(s)) => Some(
            rules::read_digital(s).ok_or_else(|| AppError::invalid("digital", M::ErrDigital))?,
        ),
        Some(_) => return Err(AppError::invalid("digital", M::ErrDigital)),
    };
    let video_link = match input.video_link.as_deref().map(str::trim) {
        None => old.video_link.clone(),
        Some("") => None,
        Some(l) if (l.starts_with("http://") || l.starts_with("https://")) && l.len() <= 1000 => {
            Some(l.to_string())
        }
        Some(_) => {
            return Err(AppError::invalid(
                "video_link",
                crate::i18n::setup::SetupMsg::ErrLink,
            ))
        }
    };
    Ok(Proposal {
        maturity: word(
            &input.maturity,
            old.maturity,
            "maturity",
            rules::read_maturity,
            M::ErrMaturity,
        )?,
        initiator: word(
            &input.initiator,
            old.initiator,
            "initiator",
            rules::read_initiator,
            M::ErrInitiator,
        )?,
        digital,
        form: word(&input.form, old.form, "form", rules::read_form, M::ErrForm)?,
        trial_date: word(
            &input.trial_date,
            old.trial_date,
            "trial_date",
            rules::read_date,
            M::ErrDate,
        )?,
        implementation_date: word(
            &input.implementation_date,
            old.implementation_date,
            "implementation_date",
            rules::read_date,
            M::ErrDate,
        )?,
        design: text(&input.design, &old.design, "design", 20_000)?,
        goals: text(&input.goals, &old.goals, "goals", 10_000)?,
        benefits: text(&input.benefits, &old.benefits, "benefits", 10_000)?,
        results: text(&input.results, &old.results, "results", 10_000)?,
        video_link,
    })
}

pub use crate::i18n::proposal::field_label as label;

/// What the committee requires before submission.
#[derive(Clone, Debug, Default)]
pub struct Requirements {
    pub fields: Vec<ProposalField>,
    pub documents: Vec<DocumentKind>,
}

impl Requirements {
    /// Read from the contest's stored JSON lists (an unreadable list requires nothing: it was
    /// written by juri and checked on the way in).
    pub fn of(contest: &crate::db::contests::ContestRow) -> Requirements {
        Requirements {
            fields: serde_json::from_str(&contest.required_fields).unwrap_or_default(),
            documents: serde_json::from_str(&contest.required_documents).unwrap_or_default(),
        }
    }

    /// Refuses a proposal without a required field (422 naming the first, every one listed).
    pub fn check_fields(&self, proposal: &Proposal) -> AppResult<()> {
        let missing = proposal.missing(&self.fields);
        let refusal = |f: ProposalField| {
            Text::nest(
                M::ErrRequiredForSubmission,
                vec![Text::new(label(f)).into()],
            )
        };
        match missing.first() {
            None => Ok(()),
            Some(first) => Err(
                AppError::invalid(first.as_str(), refusal(*first)).with_details(
                    missing
                        .iter()
                        .map(|f| Detail {
                            field: Some(f.as_str().into()),
                            message: refusal(*f),
                        })
                        .collect(),
                ),
            ),
        }
    }

    /// Refuses a submission without a required kind of document (422 on `documents`).
    pub fn check_documents(&self, present: &[DocumentKind]) -> AppResult<()> {
        match rules::missing_documents(&self.documents, present).first() {
            None => Ok(()),
            Some(kind) => Err(AppError::invalid(
                "documents",
                Text::nest(
                    M::ErrDocumentMissing,
                    vec![Text::new(crate::i18n::documents::kind_label(*kind)).into()],
                ),
            )),
        }
    }
}

/// What one entry still lacks against the requirements.
#[derive(Clone, Debug, Default, serde::Serialize, utoipa::ToSchema)]
pub struct Gaps {
    pub missing_fields: Vec<ProposalField>,
    pub missing_documents: Vec<DocumentKind>,
}

impl Gaps {
    pub fn is_empty(&self) -> bool {
        self.missing_fields.is_empty() && self.missing_documents.is_empty()
    }
}

/// What each entry of the contest lacks (entries lacking nothing are left out; nothing when
/// the committee requires nothing).
pub fn gaps(
    c: &mut crate::db::DbConnection,
    contest_id: crate::model::ContestId,
) -> AppResult<std::collections::HashMap<crate::model::EntryId, Gaps>> {
    let required = Requirements::of(&crate::db::contests::find(c, contest_id)?);
    let mut out = std::collections::HashMap::new();
    if required.fields.is_empty() && required.documents.is_empty() {
        return Ok(out);
    }
    let mut kinds: std::collections::HashMap<_, Vec<DocumentKind>> = Default::default();
    for (entry, kind) in crate::db::documents::kinds_of_contest(c, contest_id)? {
        kinds.entry(entry).or_default().push(kind);
    }
    for entry in crate::db::entries::of_contest(c, contest_id)? {
        let present = kinds.get(&entry.id).map(Vec::as_slice).unwrap_or_default();
        let gap = Gaps {
            missing_fields: entry.proposal().missing(&required.fields),
            missing_documents: rules::missing_documents(&required.documents, present),
        };
        if !gap.is_empty() {
            out.insert(entry.id, gap);
        }
    }
    Ok(out)
}

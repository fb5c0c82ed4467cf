//! The states and kinds juri stores as words: a contest's phase, an account's role, a sheet's
//! status, where a conflict came from, how judges' totals combine. Each word is written once,
//! here; everything else holds the enum (`db::ids` maps them for diesel, serde and utoipa use
//! the same words).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

macro_rules! text_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $text:literal,)* }) => {
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
            Serialize, Deserialize, utoipa::ToSchema,
            diesel::AsExpression, diesel::FromSqlRow,
        )]
        #[diesel(sql_type = diesel::sql_types::Text)]
        // The words are the variants in snake case (a test checks it): utoipa reads this, where it
        // would not read a rename written per variant inside a macro.
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The stored and serialized word.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = ();
            fn from_str(s: &str) -> Result<Self, ()> {
                match s.trim() {
                    $($text => Ok($name::$variant),)*
                    _ => Err(()),
                }
            }
        }
    };
}

text_enum! {
    /// The life of a contest: setup → judging → closed → published (`domain::phase` says what
    /// each allows and how it moves on).
    Phase {
        Setup => "setup",
        Judging => "judging",
        Closed => "closed",
        Published => "published",
    }
}

text_enum! {
    /// `admin` manages accounts and everything else; `committee` (panitia) runs contests;
    /// `judge` (juri) scores the entries assigned to them; `entrant` (pengusul) files its own
    /// unit's entries while a contest's registration is open.
    Role {
        Admin => "admin",
        Committee => "committee",
        Judge => "judge",
        Entrant => "entrant",
    }
}

text_enum! {
    /// A stored score sheet: a draft the judge may still change, or submitted (final).
    SheetStatus {
        Draft => "draft",
        Submitted => "submitted",
    }
}

text_enum! {
    /// Where a judge's assignment stands: nothing saved yet, a draft, or submitted.
    SheetProgress {
        Pending => "pending",
        Draft => "draft",
        Submitted => "submitted",
    }
}

text_enum! {
    /// Who recorded a conflict of interest: the committee, or the judge recusing themself.
    ConflictSource {
        Committee => "committee",
        Recusal => "recusal",
    }
}

text_enum! {
    /// How an entry's sheet totals become its score.
    Aggregation {
        Mean => "mean",
        Median => "median",
        /// Drops one highest and one lowest total when there are three or more sheets.
        TrimmedMean => "trimmed_mean",
    }
}

text_enum! {
    /// What a document of an entry is: the proposal, evidence for a criterion (bukti dukung),
    /// a photo, or something else.
    DocumentKind {
        Proposal => "proposal",
        Evidence => "evidence",
        Photo => "photo",
        Other => "other",
    }
}

text_enum! {
    /// What a stage does to judges' totals before they are aggregated, declared before its
    /// judging opens: nothing, or subtract each judge's leniency (how many points above the
    /// other judges of the same entries the judge is on average, `domain::normalise`).
    Normalisation {
        None => "none",
        Leniency => "leniency",
    }
}

text_enum! {
    /// What a stage of a contest does: judges score the entries on a rubric, or the committee
    /// screens them against a checklist (seleksi administrasi), with no scores.
    StageKind {
        Scored => "scored",
        Screening => "screening",
    }
}

text_enum! {
    /// The life of a stage: setup → judging → closed → sealed. Sealing fixes its shortlist
    /// and its digest; the next stage's entries are that shortlist.
    StagePhase {
        Setup => "setup",
        Judging => "judging",
        Closed => "closed",
        Sealed => "sealed",
    }
}

text_enum! {
    /// Which entries of a cluster go on to the next stage (`domain::stage::shortlist`).
    CutRule {
        /// Every entry scored (or, after screening, every eligible entry).
        All => "all",
        /// The best `count`.
        Top => "top",
        /// Every entry whose score reaches `min_score`.
        MinScore => "min_score",
    }
}

text_enum! {
    /// Entries tied exactly at a `top` cut: all go on, or the committee orders them (with a
    /// reason, audited) before the stage can be sealed.
    CutTies {
        Include => "include",
        Resolve => "resolve",
    }
}

text_enum! {
    /// How far an innovation has come (tahapan inovasi in the IID form).
    Maturity {
        Inisiatif => "inisiatif",
        UjiCoba => "uji_coba",
        Penerapan => "penerapan",
    }
}

text_enum! {
    /// Who started an innovation (inisiator inovasi daerah in the IID form).
    Initiator {
        KepalaDaerah => "kepala_daerah",
        AnggotaDprd => "anggota_dprd",
        Asn => "asn",
        PerangkatDaerah => "perangkat_daerah",
        Masyarakat => "masyarakat",
    }
}

text_enum! {
    /// What kind of innovation it is (bentuk inovasi daerah in the IID form): of governance,
    /// of public service, or another within the region's powers.
    InnovationForm {
        TataKelola => "tata_kelola",
        PelayananPublik => "pelayanan_publik",
        Lainnya => "lainnya",
    }
}

text_enum! {
    /// The proposal fields of an entry the committee may make required before submission.
    ProposalField {
        Maturity => "maturity",
        Initiator => "initiator",
        Digital => "digital",
        Form => "form",
        TrialDate => "trial_date",
        ImplementationDate => "implementation_date",
        Design => "design",
        Goals => "goals",
        Benefits => "benefits",
        Results => "results",
        VideoLink => "video_link",
    }
}

// Written out: the enums share one macro, which derives no `Default`.
#[allow(clippy::derivable_impls)]
impl Default for Aggregation {
    fn default() -> Self {
        Aggregation::Mean
    }
}

#[allow(clippy::derivable_impls)]
impl Default for Normalisation {
    fn default() -> Self {
        Normalisation::None
    }
}

impl From<SheetStatus> for SheetProgress {
    fn from(status: SheetStatus) -> Self {
        match status {
            SheetStatus::Draft => SheetProgress::Draft,
            SheetStatus::Submitted => SheetProgress::Submitted,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_round_trips_through_text_and_json() {
        fn check<T>(all: &[T])
        where
            T: Copy + fmt::Display + FromStr + PartialEq + fmt::Debug + Serialize,
            for<'de> T: Deserialize<'de>,
        {
            for v in all {
                let word = v.to_string();
                assert_eq!(word.parse::<T>().ok(), Some(*v));
                assert_eq!(serde_json::to_string(v).unwrap(), format!("\"{word}\""));
                assert_eq!(
                    serde_json::from_str::<T>(&format!("\"{word}\"")).unwrap(),
                    *v
                );
            }
        }
        check(Phase::ALL);
        check(Role::ALL);
        check(SheetStatus::ALL);
        check(SheetProgress::ALL);
        check(ConflictSource::ALL);
        check(Aggregation::ALL);
        check(Normalisation::ALL);
        check(DocumentKind::ALL);
        check(StageKind::ALL);
        check(StagePhase::ALL);
        check(CutRule::ALL);
        check(CutTies::ALL);
        check(Maturity::ALL);
        check(Initiator::ALL);
        check(InnovationForm::ALL);
        check(ProposalField::ALL);
        assert!("open".parse::<Phase>().is_err());
    }
}

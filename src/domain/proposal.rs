//! An entry's proposal (the fields of the IID form Indonesian regions use): which of them an
//! entry still lacks against what the committee requires, and how the words a region's
//! spreadsheet uses for them are read.

use crate::model::{DocumentKind, Initiator, InnovationForm, Maturity, ProposalField};
use chrono::NaiveDate;

/// The proposal fields of an entry, as stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Proposal {
    pub maturity: Option<Maturity>,
    pub initiator: Option<Initiator>,
    pub digital: Option<bool>,
    pub form: Option<InnovationForm>,
    pub trial_date: Option<NaiveDate>,
    pub implementation_date: Option<NaiveDate>,
    pub design: String,
    pub goals: String,
    pub benefits: String,
    pub results: String,
    pub video_link: Option<String>,
}

impl Proposal {
    /// Whether `field` holds something (text that is not only white space).
    pub fn has(&self, field: ProposalField) -> bool {
        let text = |t: &str| !t.trim().is_empty();
        match field {
            ProposalField::Maturity => self.maturity.is_some(),
            ProposalField::Initiator => self.initiator.is_some(),
            ProposalField::Digital => self.digital.is_some(),
            ProposalField::Form => self.form.is_some(),
            ProposalField::TrialDate => self.trial_date.is_some(),
            ProposalField::ImplementationDate => self.implementation_date.is_some(),
            ProposalField::Design => text(&self.design),
            ProposalField::Goals => text(&self.goals),
            ProposalField::Benefits => text(&self.benefits),
            ProposalField::Results => text(&self.results),
            ProposalField::VideoLink => self.video_link.as_deref().is_some_and(text),
        }
    }

    /// The required fields it lacks, in the form's order.
    pub fn missing(&self, required: &[ProposalField]) -> Vec<ProposalField> {
        ProposalField::ALL
            .iter()
            .copied()
            .filter(|f| required.contains(f) && !self.has(*f))
            .collect()
    }
}

/// The required kinds of document not among `present`, in the kinds' order.
pub fn missing_documents(required: &[DocumentKind], present: &[DocumentKind]) -> Vec<DocumentKind> {
    DocumentKind::ALL
        .iter()
        .copied()
        .filter(|k| required.contains(k) && !present.contains(k))
        .collect()
}

/// A word as a spreadsheet cell writes it: lower case, `_` and `-` as spaces, spaces folded.
fn words(raw: &str) -> String {
    raw.to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Tahapan: the stored word, the IID form's (`uji coba`), or English.
pub fn read_maturity(raw: &str) -> Option<Maturity> {
    match words(raw).as_str() {
        "inisiatif" | "initiative" => Some(Maturity::Inisiatif),
        "uji coba" | "ujicoba" | "trial" => Some(Maturity::UjiCoba),
        "penerapan" | "implementation" | "implemented" => Some(Maturity::Penerapan),
        _ => None,
    }
}

/// Inisiator: the stored word, the IID form's words (`OPD` for perangkat daerah), or English.
pub fn read_initiator(raw: &str) -> Option<Initiator> {
    match words(raw).as_str() {
        "kepala daerah" | "head of region" => Some(Initiator::KepalaDaerah),
        "anggota dprd" | "dprd" => Some(Initiator::AnggotaDprd),
        "asn" | "civil servant" => Some(Initiator::Asn),
        "perangkat daerah" | "opd" | "agency" => Some(Initiator::PerangkatDaerah),
        "masyarakat" | "public" | "community" => Some(Initiator::Masyarakat),
        _ => None,
    }
}

/// Jenis: digital or not (`digital` / `non digital`, yes / no).
pub fn read_digital(raw: &str) -> Option<bool> {
    match words(raw).as_str() {
        "digital" | "ya" | "yes" | "true" => Some(true),
        "non digital" | "nondigital" | "bukan digital" | "tidak" | "no" | "false" => Some(false),
        _ => None,
    }
}

/// Bentuk: the stored word, or the IID form's long names ("Inovasi tata kelola pemerintahan
/// daerah", "Inovasi pelayanan publik", "Inovasi daerah lainnya sesuai urusan …").
pub fn read_form(raw: &str) -> Option<InnovationForm> {
    let w = words(raw);
    if w.contains("tata kelola") || w == "governance" {
        Some(InnovationForm::TataKelola)
    } else if w.contains("pelayanan publik") || w == "public service" {
        Some(InnovationForm::PelayananPublik)
    } else if w.contains("lainnya") || w == "other" {
        Some(InnovationForm::Lainnya)
    } else {
        None
    }
}

/// A date as ISO (`2024-06-01`), as Indonesian spreadsheets write it (`01/06/2024`,
/// `1-6-2024`), or as an Excel serial day number (`45444`).
pub fn read_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    if let Ok(d) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        return Some(d);
    }
    for format in ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(raw, format) {
            return Some(d);
        }
    }
    // Excel counts days from 1899-12-30 (its 1900 leap-year bug included); whole days of
    // years 1950–2100 only, so that an ordinary number is not taken for a date.
    let serial: i64 = raw.parse().ok()?;
    (18_264..=73_415).contains(&serial).then(|| {
        NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|base| base.checked_add_days(chrono::Days::new(serial as u64)))
    })?
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn only_required_fields_that_are_empty_are_missing() {
        let p = Proposal {
            maturity: Some(Maturity::Penerapan),
            design: "  ".into(),
            goals: "Mendekatkan layanan.".into(),
            ..Proposal::default()
        };
        let required = [
            ProposalField::Goals,
            ProposalField::Design,
            ProposalField::Maturity,
            ProposalField::VideoLink,
        ];
        assert_eq!(
            p.missing(&required),
            [ProposalField::Design, ProposalField::VideoLink]
        );
        assert!(p.missing(&[]).is_empty());
        assert_eq!(
            missing_documents(
                &[DocumentKind::Evidence, DocumentKind::Proposal],
                &[DocumentKind::Photo, DocumentKind::Proposal]
            ),
            [DocumentKind::Evidence]
        );
    }

    #[test]
    fn spreadsheet_words_are_read_as_the_iid_form_writes_them() {
        assert_eq!(read_maturity("Uji Coba"), Some(Maturity::UjiCoba));
        assert_eq!(read_maturity("uji_coba"), Some(Maturity::UjiCoba));
        assert_eq!(read_maturity("PENERAPAN"), Some(Maturity::Penerapan));
        assert_eq!(read_maturity("selesai"), None);
        assert_eq!(read_initiator("OPD"), Some(Initiator::PerangkatDaerah));
        assert_eq!(read_initiator("Anggota DPRD"), Some(Initiator::AnggotaDprd));
        assert_eq!(read_digital("Non-Digital"), Some(false));
        assert_eq!(read_digital("digital"), Some(true));
        assert_eq!(read_digital("mungkin"), None);
        assert_eq!(
            read_form("Inovasi tata kelola pemerintahan daerah"),
            Some(InnovationForm::TataKelola)
        );
        assert_eq!(
            read_form("pelayanan publik"),
            Some(InnovationForm::PelayananPublik)
        );
        assert_eq!(read_form("apa saja"), None);
    }

    #[test]
    fn dates_are_read_in_the_forms_spreadsheets_use() {
        assert_eq!(read_date("2024-06-01"), Some(date(2024, 6, 1)));
        assert_eq!(read_date("01/06/2024"), Some(date(2024, 6, 1)));
        assert_eq!(read_date("1-6-2024"), Some(date(2024, 6, 1)));
        assert_eq!(read_date("45444"), Some(date(2024, 6, 1)));
        assert_eq!(read_date("12"), None);
        assert_eq!(read_date("31/02/2024"), None);
        assert_eq!(read_date("besok"), None);
    }
}

//! The contest's entries with their proposals as CSV, in the import's own columns (the same
//! Indonesian header names as the template), so an export can be edited and imported again.

use super::COLUMNS;
use crate::db::{clusters, entries, DbConnection};
use crate::error::AppResult;
use crate::model::{ContestId, Initiator, InnovationForm, Maturity};

/// The words the IID form uses, which the import reads back.
fn maturity(m: Maturity) -> &'static str {
    match m {
        Maturity::Inisiatif => "inisiatif",
        Maturity::UjiCoba => "uji coba",
        Maturity::Penerapan => "penerapan",
    }
}

fn initiator(i: Initiator) -> &'static str {
    match i {
        Initiator::KepalaDaerah => "kepala daerah",
        Initiator::AnggotaDprd => "anggota DPRD",
        Initiator::Asn => "ASN",
        Initiator::PerangkatDaerah => "perangkat daerah",
        Initiator::Masyarakat => "masyarakat",
    }
}

fn form(f: InnovationForm) -> &'static str {
    match f {
        InnovationForm::TataKelola => "tata kelola",
        InnovationForm::PelayananPublik => "pelayanan publik",
        InnovationForm::Lainnya => "lainnya",
    }
}

/// Every entry of the contest, by cluster then title.
pub fn csv(c: &mut DbConnection, contest_id: ContestId) -> AppResult<String> {
    let names = clusters::names(c, contest_id)?;
    let header: [&str; 17] = COLUMNS.map(|(_, names)| names[0]);
    let rows: Vec<[String; 17]> = entries::of_contest(c, contest_id)?
        .into_iter()
        .map(|e| {
            let p = e.proposal();
            let cluster = names
                .iter()
                .find(|(id, _)| *id == e.cluster_id)
                .map(|(_, n)| n.clone())
                .unwrap_or_default();
            let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            [
                cluster,
                e.title,
                e.innovator,
                e.unit,
                e.description,
                e.link.unwrap_or_default(),
                p.maturity.map(maturity).unwrap_or_default().into(),
                p.initiator.map(initiator).unwrap_or_default().into(),
                match p.digital {
                    Some(true) => "digital".into(),
                    Some(false) => "non-digital".into(),
                    None => String::new(),
                },
                p.form.map(form).unwrap_or_default().into(),
                date(p.trial_date),
                date(p.implementation_date),
                p.design,
                p.goals,
                p.benefits,
                p.results,
                p.video_link.unwrap_or_default(),
            ]
        })
        .collect();
    crate::services::results::recap::canonical_csv(&header, &rows)
}

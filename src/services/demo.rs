//! A complete demo contest — the Bailang template, 33 sample innovations and 6 sample judges
//! (embedded in the binary), with panel assignments — so a newcomer sees a real contest at once;
//! or the same entries and judges in the `bertahap` pipeline, ready to open its screening.

use super::contests::{self, NewContest};
use super::judges::{self, NewJudge};
use super::CurrentUser;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::model::ContestId;

/// The password of every demo judge, shown on the page that creates the demo.
pub const DEMO_PASSWORD: &str = "juri-demo-2026";

const ENTRIES_CSV: &str = include_str!("../demo/bailang-demo-entries.csv");
const JUDGES_CSV: &str = include_str!("../demo/bailang-demo-judges.csv");

/// Which demo to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoKind {
    /// One stage, judges assigned as a panel: judging can open at once.
    Bailang,
    /// Screening, proposal, presentation and field verification: the screening can open at
    /// once (the committee screens); each later stage is assigned once the one before is sealed.
    Bertahap,
}

impl DemoKind {
    /// The kind named by the demo form (`bailang` when absent or unknown).
    pub fn from_word(word: &str) -> DemoKind {
        match word {
            "bertahap" => DemoKind::Bertahap,
            _ => DemoKind::Bailang,
        }
    }
}

/// Creates a demo contest; returns its id.
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub fn create(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    kind: DemoKind,
) -> AppResult<ContestId> {
    let (name, description, template) = match kind {
        DemoKind::Bailang => (
            "Lomba Inovasi Balangan (Bailang) — contoh",
            "Lomba contoh dengan data peragaan: 4 klaster, 33 inovasi, 6 juri.",
            "bailang",
        ),
        DemoKind::Bertahap => (
            "Lomba Inovasi Balangan bertahap — contoh",
            "Lomba contoh bertahap dengan data peragaan: seleksi administrasi, penilaian proposal, presentasi dan wawancara, verifikasi lapangan; 4 klaster, 33 inovasi, 6 juri.",
            "bertahap",
        ),
    };
    let contest = contests::create(
        conn,
        actor,
        NewContest {
            name: name.into(),
            year: Some(2026),
            description: description.into(),
            template: Some(template.into()),
            ..NewContest::default()
        },
    )?;
    super::import::import(conn, actor, contest.id, ENTRIES_CSV.as_bytes())?;
    let mut reader = csv::Reader::from_reader(JUDGES_CSV.as_bytes());
    for row in reader.records() {
        let row = row.map_err(AppError::internal)?;
        let field = |i: usize| row.get(i).unwrap_or("").trim().to_string();
        let cluster_names: Vec<String> = field(3)
            .split(';')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        let cluster_ids = (!cluster_names.is_empty()).then(|| {
            contest
                .clusters
                .iter()
                .filter(|c| {
                    cluster_names
                        .iter()
                        .any(|n| n.eq_ignore_ascii_case(&c.name))
                })
                .map(|c| c.id.to_string())
                .collect()
        });
        let judge = NewJudge {
            name: field(0),
            email: field(1),
            password: DEMO_PASSWORD.into(),
            affiliation: field(2),
            cluster_ids,
        };
        judges::add(conn, actor, contest.id, judge)?;
    }
    if kind == DemoKind::Bailang {
        judges::auto(
            conn,
            actor,
            contest.id,
            None,
            crate::domain::assignment::AutoMode::Panel,
        )?;
    }
    Ok(contest.id)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_embedded_samples_have_their_rows() {
        assert_eq!(super::ENTRIES_CSV.lines().count(), 34);
        assert_eq!(super::JUDGES_CSV.lines().count(), 7);
    }
}

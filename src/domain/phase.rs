//! The life of a contest: setup → judging → closed → published, and what must be true before
//! judging opens. Every missing thing is reported at once, so the committee fixes them in one go.

pub use crate::model::Phase;

impl Phase {
    /// Only forward, one step at a time.
    pub fn next(self) -> Option<Phase> {
        match self {
            Phase::Setup => Some(Phase::Judging),
            Phase::Judging => Some(Phase::Closed),
            Phase::Closed => Some(Phase::Published),
            Phase::Published => None,
        }
    }
}

/// Something a person asks juri to do to a contest, as far as its phase is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Change the contest's shape: clusters, prizes, rubric, entries, judges, conflicts and
    /// assignments made in advance.
    EditSetup,
    /// Give a recused entry another judge while judging runs.
    Reassign,
    /// A judge saves or submits a sheet.
    SaveSheet,
    /// A judge declares a conflict of interest with an assigned entry.
    Recuse,
    /// The committee excuses a missing sheet.
    Waive,
    /// The committee orders a tie in the prize zone.
    ResolveTie,
}

/// Whether `phase` allows `action`: the one place that says so (services refuse, pages offer
/// only what is allowed).
pub fn allows(phase: Phase, action: Action) -> bool {
    use Action::*;
    use Phase::*;
    matches!(
        (phase, action),
        (Setup, EditSetup)
            | (Judging, Reassign)
            | (Judging, SaveSheet)
            | (Setup | Judging, Recuse)
            | (Judging | Closed, Waive)
            | (Closed, ResolveTie)
    )
}

/// What the readiness check needs to know about a contest.
#[derive(Clone, Debug, Default)]
pub struct SetupSummary {
    pub criteria_weights: Vec<i64>,
    /// (cluster name, winners_count, ranks of its tiers)
    pub clusters: Vec<(String, u32, Vec<u32>)>,
    /// Titles of entries without any judge.
    pub entries_without_judge: Vec<String>,
    pub entry_count: usize,
    /// The stage about to open is a screening stage: the committee screens, so it needs no
    /// rubric and no judges.
    pub screening: bool,
    /// The contest's last stage is a screening stage, which cannot rank the winners.
    pub last_is_screening: bool,
    /// Titles of entrants' entries still in draft: not entered until submitted.
    pub drafts: Vec<String>,
}

/// One reason judging cannot open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Missing {
    NoCriteria,
    WeightsNot100 {
        sum: i64,
    },
    NoClusters,
    NoEntries,
    TiersMissing {
        cluster: String,
        ranks: Vec<u32>,
    },
    EntriesWithoutJudge {
        count: usize,
        titles: Vec<String>,
    },
    /// The last stage is a screening stage: the winners are ranked by a scored stage.
    LastStageScreening,
    /// Entrants' drafts remain: the committee submits or deletes them first, so that nothing
    /// half-filed is judged and nothing filed is silently dropped.
    Drafts {
        count: usize,
        titles: Vec<String>,
    },
}

/// Everything missing before judging can open (empty: ready).
pub fn missing_for_judging(s: &SetupSummary) -> Vec<Missing> {
    let mut missing = Vec::new();
    if s.screening {
        // Nothing to score: the committee screens the entries.
    } else if s.criteria_weights.is_empty() {
        missing.push(Missing::NoCriteria);
    } else {
        let sum: i64 = s.criteria_weights.iter().sum();
        if sum != 100 {
            missing.push(Missing::WeightsNot100 { sum });
        }
    }
    if s.clusters.is_empty() {
        missing.push(Missing::NoClusters);
    }
    if s.entry_count == 0 {
        missing.push(Missing::NoEntries);
    }
    for (name, winners, ranks) in &s.clusters {
        let absent: Vec<u32> = (1..=*winners).filter(|r| !ranks.contains(r)).collect();
        if !absent.is_empty() {
            missing.push(Missing::TiersMissing {
                cluster: name.clone(),
                ranks: absent,
            });
        }
    }
    if s.last_is_screening {
        missing.push(Missing::LastStageScreening);
    }
    if !s.drafts.is_empty() {
        missing.push(Missing::Drafts {
            count: s.drafts.len(),
            titles: s.drafts.iter().take(10).cloned().collect(),
        });
    }
    if !s.screening && !s.entries_without_judge.is_empty() {
        missing.push(Missing::EntriesWithoutJudge {
            count: s.entries_without_judge.len(),
            titles: s.entries_without_judge.iter().take(10).cloned().collect(),
        });
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_only_move_forward() {
        assert_eq!(Phase::Setup.next(), Some(Phase::Judging));
        assert_eq!(Phase::Published.next(), None);
        assert_eq!("closed".parse(), Ok(Phase::Closed));
        assert!("open".parse::<Phase>().is_err());
    }

    #[test]
    fn every_missing_thing_is_listed() {
        let s = SetupSummary {
            criteria_weights: vec![30, 25, 20],
            clusters: vec![
                ("SKPD".into(), 5, vec![1, 2, 3]),
                ("Kecamatan".into(), 3, vec![1, 2, 3]),
            ],
            entries_without_judge: vec!["LAKSA".into()],
            entry_count: 4,
            screening: false,
            last_is_screening: true,
            drafts: vec!["Draf".into()],
        };
        assert_eq!(
            missing_for_judging(&s),
            vec![
                Missing::WeightsNot100 { sum: 75 },
                Missing::TiersMissing {
                    cluster: "SKPD".into(),
                    ranks: vec![4, 5]
                },
                Missing::LastStageScreening,
                Missing::Drafts {
                    count: 1,
                    titles: vec!["Draf".into()]
                },
                Missing::EntriesWithoutJudge {
                    count: 1,
                    titles: vec!["LAKSA".into()]
                },
            ]
        );
        assert_eq!(
            missing_for_judging(&SetupSummary::default()),
            vec![Missing::NoCriteria, Missing::NoClusters, Missing::NoEntries]
        );
        let ready = SetupSummary {
            criteria_weights: vec![60, 40],
            clusters: vec![("SKPD".into(), 2, vec![1, 2])],
            entries_without_judge: vec![],
            entry_count: 1,
            screening: false,
            last_is_screening: false,
            drafts: vec![],
        };
        assert!(missing_for_judging(&ready).is_empty());
        // A screening stage opens without a rubric or judges: the committee screens.
        let screening = SetupSummary {
            criteria_weights: vec![],
            entries_without_judge: vec!["LAKSA".into()],
            screening: true,
            ..ready
        };
        assert!(missing_for_judging(&screening).is_empty());
    }

    #[test]
    fn each_action_belongs_to_its_phases() {
        use Action::*;
        let allowed = |a| {
            Phase::ALL
                .iter()
                .copied()
                .filter(|p| allows(*p, a))
                .collect::<Vec<_>>()
        };
        assert_eq!(allowed(EditSetup), [Phase::Setup]);
        assert_eq!(allowed(SaveSheet), [Phase::Judging]);
        assert_eq!(allowed(Reassign), [Phase::Judging]);
        assert_eq!(allowed(Recuse), [Phase::Setup, Phase::Judging]);
        assert_eq!(allowed(Waive), [Phase::Judging, Phase::Closed]);
        assert_eq!(allowed(ResolveTie), [Phase::Closed]);
        assert!(Phase::ALL.iter().all(|p| *p != Phase::Published
            || [EditSetup, Reassign, SaveSheet, Recuse, Waive, ResolveTie]
                .iter()
                .all(|a| !allows(*p, *a))));
    }
}

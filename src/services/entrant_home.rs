//! What an entrant sees of its entries: for every contest it is registered in, the
//! registration window and, per entry of its unit, how far the entry has come (draft,
//! submitted, each sealed stage's decision, the published rank and prize).

use super::entrants::{self, EntryScope};
use super::stage_results::{self, StageResults};
use super::CurrentUser;
use crate::db::{self, contests, DbConnection};
use crate::domain::registration::Closed;
use crate::error::AppResult;
use crate::model::{ClusterId, ContestId, Phase, StageKind, StagePhase};
use serde::Serialize;

/// One contest as its entrant sees it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct EntrantContest {
    pub contest_id: ContestId,
    pub name: String,
    pub year: i32,
    pub phase: Phase,
    pub unit: String,
    /// Judged blind: the entrant's name and logo should not appear in its documents.
    pub blind: bool,
    pub registration: RegistrationState,
    /// The clusters the entrant may file in, by name.
    pub clusters: Vec<ClusterChoice>,
    /// What an entry needs before it is submitted.
    pub required_fields: Vec<crate::model::ProposalField>,
    pub required_documents: Vec<crate::model::DocumentKind>,
    pub entries: Vec<EntryProgress>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ClusterChoice {
    pub id: ClusterId,
    pub name: String,
}

/// Whether the entrant may write now, until when, or why not.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct RegistrationState {
    pub open: bool,
    #[serde(with = "crate::db::utc::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub deadline: Option<chrono::NaiveDateTime>,
    /// Why writes are refused; null when open.
    pub closed: Option<ClosedReason>,
}

/// Why the registration window is closed (`domain::registration::Closed`, without its
/// deadline, which the window carries).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClosedReason {
    NotOpen,
    DeadlinePassed,
    SetupOver,
}

/// Where an entry stands now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntryStatus {
    Draft,
    Submitted,
    Eligible,
    NotEligible,
    /// Taken into a later stage.
    Finalist,
    /// Not taken on by a stage.
    Stopped,
    Ranked,
    Winner,
}

/// An entry and how far it has come.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct EntryProgress {
    pub entry: crate::db::entries::Entry,
    pub cluster: String,
    pub documents: usize,
    pub status: EntryStatus,
    /// What happened to it, oldest first.
    pub steps: Vec<Step>,
    /// What it lacks against the committee's requirements (empty lists: nothing).
    pub missing: super::proposal::Gaps,
}

/// One thing that happened to an entry.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// A sealed screening stage's decision, with the checklist items it failed.
    Screened {
        stage: String,
        eligible: bool,
        failed: Vec<String>,
    },
    /// A sealed scored stage's outcome: whether the next stage takes the entry, and once the
    /// results are published its rank and score there (before, only who goes on is public,
    /// as the stage's announcement of finalists says).
    Scored {
        stage: String,
        rank: Option<u32>,
        score_display: Option<String>,
        advances: bool,
        next_stage: Option<String>,
    },
    /// The published final rank and the prize, if any.
    Ranked {
        rank: u32,
        score_display: String,
        prize: Option<String>,
        amount: Option<i64>,
    },
}

/// Every contest the entrant is registered in, newest registration first.
pub fn overview(c: &mut DbConnection, user: &CurrentUser) -> AppResult<Vec<EntrantContest>> {
    let mut out = Vec::new();
    for (contest_id, _) in db::entrants::contests_of(c, user.id)? {
        out.push(contest(c, user, contest_id)?);
    }
    Ok(out)
}

/// One contest for its entrant (404 for anyone else).
pub fn contest(
    c: &mut DbConnection,
    user: &CurrentUser,
    contest_id: ContestId,
) -> AppResult<EntrantContest> {
    let scope = entrants::scope(c, user, contest_id)?;
    let EntryScope::Unit(entrant) = &scope else {
        return Err(crate::error::AppError::not_found());
    };
    let row = contests::find(c, contest_id)?;
    let window = entrants::registration(c, &row)?;
    let registration = RegistrationState {
        open: window.check(db::now()).is_ok(),
        deadline: row.registration_deadline,
        closed: window.check(db::now()).err().map(|why| match why {
            Closed::NotOpen => ClosedReason::NotOpen,
            Closed::DeadlinePassed(_) => ClosedReason::DeadlinePassed,
            Closed::SetupOver => ClosedReason::SetupOver,
        }),
    };
    let names = db::clusters::names(c, contest_id)?;
    let clusters = names
        .iter()
        .filter(|(id, _)| scope.allows_cluster(*id))
        .map(|(id, name)| ClusterChoice {
            id: *id,
            name: name.clone(),
        })
        .collect();
    let sealed = sealed_stages(c, contest_id)?;
    let published = super::results::published_snapshot(&row)?;
    let mut gaps = super::proposal::gaps(c, contest_id)?;
    let mut entries = Vec::new();
    for entry in super::entries::list_for(c, user, contest_id)? {
        let documents = db::documents::of_entry(c, entry.id)?.len();
        let cluster = names
            .iter()
            .find(|(id, _)| *id == entry.cluster_id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default();
        let (status, steps) = progress(&entry, &sealed, published.as_ref());
        entries.push(EntryProgress {
            missing: gaps.remove(&entry.id).unwrap_or_default(),
            entry,
            cluster,
            documents,
            status,
            steps,
        });
    }
    let required = super::proposal::Requirements::of(&row);
    Ok(EntrantContest {
        required_fields: required.fields,
        required_documents: required.documents,
        contest_id,
        name: row.name,
        year: row.year,
        phase: row.phase,
        unit: entrant.unit.clone(),
        blind: row.blind,
        registration,
        clusters,
        entries,
    })
}

/// The sealed stages' snapshots, in order, each with the next stage's name.
fn sealed_stages(
    c: &mut DbConnection,
    contest_id: ContestId,
) -> AppResult<Vec<(StageResults, Option<String>)>> {
    let stages = db::stages::list(c, contest_id)?;
    let mut out = Vec::new();
    for (i, stage) in stages.iter().enumerate() {
        // The last stage's outcome is the published ranking, not a stage decision.
        if stage.phase != StagePhase::Sealed || i + 1 == stages.len() {
            continue;
        }
        let next = stages.get(i + 1).map(|s| s.declaration.name.clone());
        out.push((stage_results::results(c, stage)?, next));
    }
    Ok(out)
}

/// The entry's status and steps from the sealed stages and the published snapshot.
fn progress(
    entry: &crate::db::entries::Entry,
    sealed: &[(StageResults, Option<String>)],
    published: Option<&super::results::Snapshot>,
) -> (EntryStatus, Vec<Step>) {
    let id = entry.id.to_string();
    let mut status = if entry.is_draft() {
        EntryStatus::Draft
    } else {
        EntryStatus::Submitted
    };
    let mut steps = Vec::new();
    for (stage, next) in sealed {
        let name = stage.stage.name.clone();
        let mut taken = None;
        for cluster in &stage.clusters {
            let advances = cluster.shortlist.contains(&id);
            if stage.stage.kind == StageKind::Screening {
                if let Some(s) = cluster.screening.iter().find(|s| s.entry_id == id) {
                    let eligible = s.eligible == Some(true);
                    steps.push(Step::Screened {
                        stage: name.clone(),
                        eligible,
                        failed: s.failed.clone(),
                    });
                    status = if eligible {
                        EntryStatus::Eligible
                    } else {
                        EntryStatus::NotEligible
                    };
                    taken = Some(advances);
                }
            } else if let Some(r) = cluster.standings.iter().find(|r| r.entry_id == id) {
                steps.push(Step::Scored {
                    stage: name.clone(),
                    rank: published.is_some().then_some(r.rank),
                    score_display: published.is_some().then(|| r.score_display.clone()),
                    advances,
                    next_stage: next.clone(),
                });
                taken = Some(advances);
            }
        }
        match taken {
            Some(true) if stage.stage.kind == StageKind::Scored => status = EntryStatus::Finalist,
            Some(true) => {}
            // An entry that took no part in a sealed stage, or was not taken on, stops there.
            _ => {
                if status != EntryStatus::NotEligible {
                    status = EntryStatus::Stopped;
                }
                return (status, steps);
            }
        }
    }
    if let Some(snapshot) = published {
        let row = snapshot
            .results
            .clusters
            .iter()
            .flat_map(|c| c.ranking.iter())
            .find(|r| r.entry_id == id);
        if let Some(r) = row {
            status = if r.prize.is_some() {
                EntryStatus::Winner
            } else {
                EntryStatus::Ranked
            };
            steps.push(Step::Ranked {
                rank: r.rank,
                score_display: r.score_display.clone(),
                prize: r.prize.as_ref().map(|p| p.title.clone()),
                amount: r.prize.as_ref().map(|p| p.amount),
            });
        } else {
            status = EntryStatus::Stopped;
        }
    }
    (status, steps)
}

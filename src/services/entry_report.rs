//! An entry's own report once the results are published: its score in each scored stage and
//! per criterion beside its cluster's mean, its rank and prize, and the judges' comments when
//! the committee released them (never the judges' names). For the entrant of the entry's unit
//! and the committee.

use super::CurrentUser;
use crate::db::{self, DbConnection};
use crate::domain::decimal::fixed;
use crate::domain::report::{criterion_means, mean, Beside};
use crate::domain::scoring::Exact;
use crate::error::{AppError, AppResult};
use crate::model::{ContestId, EntryId, StageKind, StagePhase};
use serde::Serialize;

/// A figure to 2 decimals (as the score sheet shows points) beside the cluster's.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Figure {
    pub own: Option<String>,
    pub cluster_mean: Option<String>,
}

impl From<Beside> for Figure {
    fn from(b: Beside) -> Self {
        Figure {
            own: b.own.map(|x| fixed(&x, 2)),
            cluster_mean: b.cluster.map(|x| fixed(&x, 2)),
        }
    }
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct CriterionFigure {
    pub name: String,
    pub weight: i32,
    pub max_score: i32,
    #[serde(flatten)]
    pub figure: Figure,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct StageFigure {
    pub name: String,
    /// The stage's weight in the final score, in whole percent.
    pub weight: i32,
    /// The stage's score (0–100) beside the cluster's mean stage score.
    pub score: Figure,
    pub criteria: Vec<CriterionFigure>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct EntryReport {
    pub entry_id: EntryId,
    pub title: String,
    pub cluster: String,
    /// The final rank and score; null when the entry stopped before the last stage.
    pub rank: Option<u32>,
    pub score_display: Option<String>,
    pub prize: Option<String>,
    pub amount: Option<i64>,
    pub stages: Vec<StageFigure>,
    /// The judges' comments by stage, when the committee released them; null otherwise.
    pub comments: Option<Vec<Comment>>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Comment {
    pub stage: String,
    pub text: String,
}

/// The report of an entry `user` may see, once the contest's results are published (409
/// `not_published` before).
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, entry_id = %entry_id))]
pub fn report(
    c: &mut DbConnection,
    user: &CurrentUser,
    contest_id: ContestId,
    entry_id: EntryId,
) -> AppResult<EntryReport> {
    let (_, entry) = super::entries::find_for(c, user, contest_id, entry_id)?;
    let contest = db::contests::find(c, contest_id)?;
    let snapshot = super::results::published_snapshot(&contest)?
        .ok_or_else(|| AppError::conflict(crate::i18n::results::ResultsMsg::ErrNotPublished))?;
    let id = entry_id.to_string();
    let cluster_id = entry.cluster_id.to_string();
    let final_cluster = snapshot
        .results
        .clusters
        .iter()
        .find(|cl| cl.id == cluster_id);
    let final_row = final_cluster.and_then(|cl| cl.ranking.iter().find(|r| r.entry_id == id));
    let stages = db::stages::list(c, contest_id)?;
    let mut figures = Vec::new();
    for (i, stage) in stages.iter().enumerate() {
        if stage.declaration.kind != StageKind::Scored {
            continue;
        }
        // Each ranked entry of the cluster with its score in this stage.
        let scores: Vec<(String, Exact)> = if i + 1 == stages.len() {
            final_cluster
                .map(|cl| {
                    cl.ranking
                        .iter()
                        .filter_map(|r| {
                            let exact = match &r.stages {
                                Some(s) => s.last().and_then(|s| s.score_exact.clone())?,
                                None => r.score_exact.clone(),
                            };
                            Some((r.entry_id.clone(), exact.parse().ok()?))
                        })
                        .collect()
                })
                .unwrap_or_default()
        } else if stage.phase == StagePhase::Sealed {
            super::stage_results::results(c, stage)?
                .clusters
                .into_iter()
                .filter(|cl| cl.cluster_id == cluster_id)
                .flat_map(|cl| cl.standings)
                .filter_map(|r| Some((r.entry_id, r.score_exact.parse().ok()?)))
                .collect()
        } else {
            Vec::new()
        };
        let Some(own) = scores.iter().find(|(e, _)| *e == id).map(|(_, s)| *s) else {
            continue;
        };
        let all: Vec<Exact> = scores.iter().map(|(_, s)| *s).collect();
        let data = db::results::load(c, stage)?;
        let index = data.entries.iter().position(|e| e.id == id);
        let ranked: std::collections::BTreeSet<usize> = data
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| scores.iter().any(|(s, _)| *s == e.id))
            .map(|(k, _)| k)
            .collect();
        let rows: Vec<(usize, Vec<Option<i32>>)> = (0..data.sheets.len())
            .map(|s| {
                (
                    data.sheets.entry(s) as usize,
                    data.sheets.scores(s).collect(),
                )
            })
            .collect();
        let means = match index {
            Some(index) => criterion_means(
                rows.iter().map(|(e, s)| (*e, s.as_slice())),
                data.criteria.len(),
                index,
                |e| ranked.contains(&e),
            ),
            None => Vec::new(),
        };
        figures.push(StageFigure {
            name: stage.declaration.name.clone(),
            weight: stage.declaration.weight,
            score: Beside {
                own: Some(own),
                cluster: mean(&all),
            }
            .into(),
            criteria: data
                .criteria
                .iter()
                .zip(means)
                .map(|(k, m)| CriterionFigure {
                    name: k.name.clone(),
                    weight: k.weight,
                    max_score: k.max_score,
                    figure: m.into(),
                })
                .collect(),
        });
    }
    let comments = if contest.release_comments {
        let names: Vec<(crate::model::StageId, String)> = stages
            .iter()
            .map(|s| (s.id, s.declaration.name.clone()))
            .collect();
        Some(
            db::sheets::comments_of_entry(c, entry_id)?
                .into_iter()
                .map(|(stage, text)| Comment {
                    stage: names
                        .iter()
                        .find(|(id, _)| *id == stage)
                        .map(|(_, n)| n.clone())
                        .unwrap_or_default(),
                    text,
                })
                .collect(),
        )
    } else {
        None
    };
    Ok(EntryReport {
        entry_id,
        title: entry.title,
        cluster: final_cluster.map(|cl| cl.name.clone()).unwrap_or_default(),
        rank: final_row.map(|r| r.rank),
        score_display: final_row.map(|r| r.score_display.clone()),
        prize: final_row.and_then(|r| r.prize.as_ref().map(|p| p.title.clone())),
        amount: final_row.and_then(|r| r.prize.as_ref().map(|p| p.amount)),
        stages: figures,
        comments,
    })
}

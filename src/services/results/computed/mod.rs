//! The results of a contest as computed from its sheets, held compactly: what the cache keeps
//! and every reader is served from.
//!
//! A national contest (30,000 entries, 150,000 sheets, 10 criteria) explains every entry with
//! every judge's total and every criterion's mean. As [`ContestResults`] that is ~100 MB of
//! strings and small vectors, and its JSON another 128 MB. Here it is the entries' texts,
//! indices and packed scores (~17 MB); a [`RankingRow`] is made only when somebody reads it,
//! one at a time for the JSON ([`ComputedResults::write_json`]) or a page's worth for the
//! screens ([`ComputedResults::window`]). Its sheet totals and criterion means are worked out
//! again from the kept scores by the same domain function the ranking used
//! ([`ranking::explain`]), which is cheaper than keeping 450,000 exact fractions.

use super::{
    ClusterResults, ContestInfo, ContestResults, CriterionMean, CriterionRef, Eliminated, EntryRef,
    JudgeRef, Prize, RankingRow, SheetScores, SheetTotal, StageScoreRow,
};
use crate::domain::decimal::{fixed, to_f64};
use crate::domain::ranking::{self, CriterionRule, Exact, Scale, SheetInput};
use crate::model::{ContestId, Phase};
use std::ops::Range;
use std::sync::Arc;
use uuid::Uuid;

mod json;
mod parts;
mod rank;
mod staged;

pub use rank::{each_cluster_input, rank};

/// A contest's computed results. Entries, judges and criteria are held once; rows refer to
/// them by index.
#[derive(Debug)]
pub struct ComputedResults {
    contest_id: ContestId,
    phase: Phase,
    digest: Option<String>,
    contest: ContestInfo,
    /// (id, name) in rubric order.
    criteria: Vec<(Arc<str>, Arc<str>)>,
    /// Indices of `criteria` in id order (the order of a sheet's scores in the JSON).
    criteria_by_id: Vec<usize>,
    /// The arithmetic of the same criteria.
    rules: Vec<CriterionRule>,
    scale: Option<Scale>,
    judges: Vec<Judge>,
    entries: Vec<EntryText>,
    clusters: Vec<Cluster>,
    /// The scored stages whose scores each row lists, the last one's own score last; empty in
    /// a one-stage contest and for any stage but the last.
    stages: Vec<StageColumn>,
}

#[derive(Debug)]
struct StageColumn {
    id: String,
    name: String,
    weight: u32,
}

#[derive(Debug)]
struct Judge {
    uuid: Uuid,
    id: Arc<str>,
    name: Arc<str>,
    affiliation: Box<str>,
}

#[derive(Debug)]
struct EntryText {
    id: Box<str>,
    title: Box<str>,
    innovator: Box<str>,
    unit: Box<str>,
}

#[derive(Debug)]
struct Cluster {
    id: String,
    name: String,
    winners_count: u32,
    rows: Vec<Row>,
    /// The judge of each sheet of the ranked entries, row after row (each row's by judge id).
    sheet_judges: Vec<u32>,
    /// One score per criterion for each of those sheets, in rubric order; [`NO_SCORE`] for none.
    scores: Vec<i32>,
    unscored: Vec<Unscored>,
    unresolved_ties: Vec<Vec<String>>,
    /// `None` in a one-stage contest.
    eliminated: Option<Vec<Eliminated>>,
}

impl Cluster {
    /// Sheet `s`'s scores in rubric order.
    fn scores_of(&self, s: usize) -> &[i32] {
        let width = self.scores.len() / self.sheet_judges.len().max(1);
        &self.scores[s * width..(s + 1) * width]
    }
}

#[derive(Debug)]
struct Row {
    entry: u32,
    rank: u32,
    score: Exact,
    /// Under leniency normalisation, the score from the judges' own totals (boxed: most
    /// stages declare none, and a national contest has 30,000 rows).
    raw_score: Option<Box<Exact>>,
    tie: bool,
    resolved_by_committee: bool,
    complete: bool,
    below_minimum: bool,
    prize: Option<Box<Prize>>,
    sheets: Range<u32>,
    /// A criterion index.
    separated_by: Option<u32>,
    /// Judge indices.
    missing: Box<[u32]>,
    waived: Box<[u32]>,
    /// One score per [`ComputedResults::stages`] (empty when there are none).
    stage_scores: Box<[Option<Exact>]>,
}

#[derive(Debug)]
struct Unscored {
    entry: u32,
    missing: Box<[u32]>,
}

const NO_SCORE: i32 = i32::MIN;

impl ComputedResults {
    /// Everything, as [`ContestResults`] (for a national contest prefer [`Self::write_json`]
    /// or [`Self::window`]).
    pub fn to_results(&self) -> ContestResults {
        self.window(0..usize::MAX, true)
    }

    /// The results with each cluster's ranking cut to the rows in `rows` (a page of the
    /// committee's screen), and without each row's sheets and criterion means unless `detail`.
    pub fn window(&self, rows: Range<usize>, detail: bool) -> ContestResults {
        ContestResults {
            contest_id: self.contest_id,
            phase: self.phase,
            digest: self.digest.clone(),
            provisional: self.provisional(),
            contest: self.contest.clone(),
            clusters: self
                .clusters
                .iter()
                .map(|c| self.cluster(c, window_of(&rows, c.rows.len()), detail))
                .collect(),
        }
    }

    /// The number of ranked rows of the largest cluster (how many pages the screen has).
    pub fn largest_cluster(&self) -> usize {
        self.clusters
            .iter()
            .map(|c| c.rows.len())
            .max()
            .unwrap_or(0)
    }

    /// Writes exactly the JSON of [`Self::to_results`], making one row at a time, so a
    /// national contest's 128 MB of JSON is never held in memory.
    pub fn write_json<W: std::io::Write>(&self, out: W) -> serde_json::Result<()> {
        serde_json::to_writer(out, &json::Json(self))
    }

    fn provisional(&self) -> bool {
        self.phase != Phase::Published
    }

    fn judge_ref(&self, j: u32) -> JudgeRef {
        let j = &self.judges[j as usize];
        JudgeRef {
            id: j.id.to_string(),
            name: j.name.to_string(),
            affiliation: j.affiliation.to_string(),
        }
    }

    fn criterion(&self, k: u32) -> CriterionRef {
        let (id, name) = &self.criteria[k as usize];
        CriterionRef {
            id: id.clone(),
            name: name.clone(),
        }
    }

    fn cluster(&self, c: &Cluster, rows: Range<usize>, detail: bool) -> ClusterResults {
        let (unscored, unscored_entries) = self.unscored(c);
        ClusterResults {
            id: c.id.clone(),
            name: c.name.clone(),
            winners_count: c.winners_count,
            ranking: rows.map(|i| self.row(c, i, detail)).collect(),
            unscored,
            unscored_entries,
            unresolved_ties: c.unresolved_ties.clone(),
            eliminated: c.eliminated.clone(),
        }
    }

    /// A row's score in each stage, when the contest has several.
    fn stage_scores(&self, r: &Row) -> Option<Vec<StageScoreRow>> {
        (!self.stages.is_empty()).then(|| {
            self.stages
                .iter()
                .zip(r.stage_scores.iter())
                .map(|(stage, score)| StageScoreRow {
                    stage_id: stage.id.clone(),
                    name: stage.name.clone(),
                    weight: stage.weight,
                    score: score.as_ref().map(|v| to_f64(v, 4)),
                    score_exact: score
                        .as_ref()
                        .map(|v| format!("{}/{}", v.numer(), v.denom())),
                    score_display: score.as_ref().map(|v| fixed(v, 2)),
                })
                .collect()
        })
    }

    fn unscored(&self, c: &Cluster) -> (Vec<String>, Vec<EntryRef>) {
        let entries: Vec<EntryRef> = c
            .unscored
            .iter()
            .map(|u| {
                let e = &self.entries[u.entry as usize];
                EntryRef {
                    id: e.id.to_string(),
                    title: e.title.to_string(),
                    missing_judges: u.missing.iter().map(|j| self.judge_ref(*j)).collect(),
                }
            })
            .collect();
        (entries.iter().map(|e| e.id.clone()).collect(), entries)
    }

    /// A row's sheet totals (each with the sheet's index in `c`, by judge id as the ranking
    /// orders them) and its criterion means in rubric order, worked out from the kept scores
    /// by the function the ranking itself used.
    fn numbers(&self, c: &Cluster, r: &Row) -> (Vec<(usize, Exact)>, Vec<Exact>) {
        let sheets = r.sheets.start as usize..r.sheets.end as usize;
        let inputs: Vec<SheetInput> = sheets
            .clone()
            .map(|s| SheetInput {
                judge_id: self.judges[c.sheet_judges[s] as usize].uuid,
                scores: c
                    .scores_of(s)
                    .iter()
                    .map(|v| (*v != NO_SCORE).then_some(i64::from(*v)))
                    .collect(),
            })
            .collect();
        let explained = ranking::explain(&self.rules, self.scale.as_ref(), &inputs);
        let totals = explained
            .totals
            .into_iter()
            .filter_map(|(judge_id, total)| {
                let k = inputs.iter().position(|i| i.judge_id == judge_id)?;
                Some((sheets.start + k, total))
            })
            .collect();
        (
            totals,
            explained.means.into_iter().map(|(_, m)| m).collect(),
        )
    }

    /// A sheet's scores as (criterion id, score), in criterion id order as the JSON shows them.
    fn sheet_scores<'a>(
        &'a self,
        c: &'a Cluster,
        s: usize,
    ) -> impl Iterator<Item = (&'a Arc<str>, i32)> + 'a {
        let scores = c.scores_of(s);
        self.criteria_by_id
            .iter()
            .map(move |&k| (&self.criteria[k].0, scores[k]))
            .filter(|(_, v)| *v != NO_SCORE)
    }

    /// A row's sheets with their totals and scores, and its criterion means.
    fn explain(&self, c: &Cluster, r: &Row) -> (Vec<SheetTotal>, Vec<CriterionMean>) {
        let (totals, means) = self.numbers(c, r);
        let totals = totals
            .into_iter()
            .map(|(s, total)| {
                let judge = &self.judges[c.sheet_judges[s] as usize];
                SheetTotal {
                    judge_id: judge.id.clone(),
                    judge_name: judge.name.clone(),
                    total: to_f64(&total, 4),
                    total_display: fixed(&total, 2),
                    scores: SheetScores::new(
                        self.sheet_scores(c, s)
                            .map(|(id, v)| (id.clone(), v))
                            .collect(),
                    ),
                }
            })
            .collect();
        let means = self
            .criteria
            .iter()
            .zip(&means)
            .map(|((id, name), mean)| CriterionMean {
                criterion_id: id.clone(),
                name: name.clone(),
                mean: to_f64(mean, 4),
                mean_display: fixed(mean, 2),
            })
            .collect();
        (totals, means)
    }

    /// Row `position` of cluster `c`, made from its compact form.
    fn row(&self, c: &Cluster, position: usize, detail: bool) -> RankingRow {
        let r = &c.rows[position];
        let entry = &self.entries[r.entry as usize];
        let (sheets, criteria) = if detail {
            self.explain(c, r)
        } else {
            (Vec::new(), Vec::new())
        };
        RankingRow {
            entry_id: entry.id.to_string(),
            title: entry.title.to_string(),
            innovator: entry.innovator.to_string(),
            unit: entry.unit.to_string(),
            rank: r.rank,
            score: to_f64(&r.score, 4),
            score_exact: format!("{}/{}", r.score.numer(), r.score.denom()),
            score_display: fixed(&r.score, 2),
            raw_score: r.raw_score.as_deref().map(|x| to_f64(x, 4)),
            raw_score_exact: r.raw_score.as_deref().map(exact_text),
            raw_score_display: r.raw_score.as_deref().map(|x| fixed(x, 2)),
            tie: r.tie,
            resolved_by_committee: r.resolved_by_committee,
            complete: r.complete,
            below_minimum: r.below_minimum,
            prize: r.prize.as_deref().cloned(),
            sheets,
            criteria,
            separated_by: r.separated_by.map(|k| self.criterion(k)),
            missing_judges: r.missing.iter().map(|j| self.judge_ref(*j)).collect(),
            waived_judges: r.waived.iter().map(|j| self.judge_ref(*j)).collect(),
            stages: self.stage_scores(r),
        }
    }
}

/// A rational as the API writes it exactly: "262/3".
pub(crate) fn exact_text(x: &Exact) -> String {
    format!("{}/{}", x.numer(), x.denom())
}

/// `rows` limited to a cluster of `len` rows.
pub(crate) fn window_of(rows: &Range<usize>, len: usize) -> Range<usize> {
    rows.start.min(len)..rows.end.min(len)
}

#[cfg(test)]
mod tests;

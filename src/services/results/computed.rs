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
    ClusterResults, ContestInfo, ContestResults, CriterionMean, CriterionRef, EntryRef, JudgeRef,
    Prize, RankingRow, SheetScores, SheetTotal,
};
use crate::db::results::{ResultsData, TierRow};
use crate::domain::decimal::{fixed, to_f64};
use crate::domain::ranking::{
    self, Aggregation, ClusterInput, CriterionRule, EntryInput, Exact, PrizeTierRule, Scale,
    SheetInput,
};
use crate::error::{AppError, AppResult};
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;
use uuid::Uuid;

/// A contest's computed results. Entries, judges and criteria are held once; rows refer to
/// them by index.
#[derive(Debug)]
pub struct ComputedResults {
    contest_id: String,
    phase: String,
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
}

#[derive(Debug)]
struct Unscored {
    entry: u32,
    missing: Box<[u32]>,
}

const NO_SCORE: i32 = i32::MIN;

fn uuid(raw: &str) -> AppResult<Uuid> {
    Uuid::parse_str(raw).map_err(|_| AppError::internal(format!("stored id is not a UUID: {raw}")))
}

/// The tie-break order: criteria with a declared rank first (by rank), then the rest by weight
/// descending and rubric order.
fn tie_break_order(data: &ResultsData) -> AppResult<Vec<Uuid>> {
    let mut declared: Vec<_> = data
        .criteria
        .iter()
        .filter_map(|c| c.tie_break_rank.map(|r| (r, c.position, &c.id)))
        .collect();
    declared.sort();
    let mut order: Vec<Uuid> = declared
        .iter()
        .map(|(_, _, id)| uuid(id))
        .collect::<AppResult<_>>()?;
    let by_weight: Vec<(Uuid, i64)> = data
        .criteria
        .iter()
        .map(|c| Ok((uuid(&c.id)?, i64::from(c.weight))))
        .collect::<AppResult<_>>()?;
    for id in ranking::default_tie_break(&by_weight) {
        if !order.contains(&id) {
            order.push(id);
        }
    }
    Ok(order)
}

/// Items grouped by entry: `items[start[e]..start[e + 1]]` belong to entry `e` (a compressed
/// row layout: two flat vectors instead of a vector per entry).
struct ByEntry {
    start: Vec<u32>,
    items: Vec<u32>,
}

impl ByEntry {
    /// Groups `(entry, item)` pairs; within an entry, items keep the order of `key`.
    fn new<K: Ord>(
        entries: usize,
        pairs: impl Iterator<Item = (u32, u32)>,
        key: impl Fn(u32) -> K,
    ) -> ByEntry {
        let mut pairs: Vec<(u32, u32)> = pairs.collect();
        pairs.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| key(a.1).cmp(&key(b.1))));
        let mut start = vec![0u32; entries + 1];
        for (entry, _) in &pairs {
            start[*entry as usize + 1] += 1;
        }
        for e in 0..entries {
            start[e + 1] += start[e];
        }
        ByEntry {
            start,
            items: pairs.into_iter().map(|(_, item)| item).collect(),
        }
    }

    fn of(&self, entry: u32) -> &[u32] {
        let e = entry as usize;
        &self.items[self.start[e] as usize..self.start[e + 1] as usize]
    }
}

/// Ranks every cluster of the contest, one cluster's ranking inputs in memory at a time. It
/// takes the data so the entries' texts move into the results instead of being copied, and
/// the sheets are freed before they do.
pub fn rank(data: ResultsData) -> AppResult<ComputedResults> {
    let clusters = rank_clusters(&data)?;
    let ResultsData {
        contest,
        criteria,
        entries,
        judges,
        listed_judges,
        ..
    } = data;
    let rules = rules_of(&criteria)?;
    let contest_info = ContestInfo {
        name: contest.name,
        year: contest.year,
        aggregation: contest.aggregation,
        min_award_score: contest.min_award_score.map(|h| h as f64 / 100.0),
        published_at: contest.published_at,
        judges: judges[..listed_judges]
            .iter()
            .map(|j| JudgeRef {
                id: j.id.clone(),
                name: j.name.clone(),
                affiliation: j.affiliation.clone(),
            })
            .collect(),
    };
    Ok(ComputedResults {
        contest_id: contest.id,
        phase: contest.phase,
        digest: contest.result_digest,
        contest: contest_info,
        criteria_by_id: {
            let mut order: Vec<usize> = (0..criteria.len()).collect();
            order.sort_by(|a, b| criteria[*a].id.cmp(&criteria[*b].id));
            order
        },
        criteria: criteria
            .iter()
            .map(|c| (c.id.as_str().into(), c.name.as_str().into()))
            .collect(),
        scale: Scale::of(&rules),
        rules,
        judges: judges
            .into_iter()
            .map(|j| {
                Ok(Judge {
                    uuid: uuid(&j.id)?,
                    id: j.id.into(),
                    name: j.name.into(),
                    affiliation: j.affiliation.into(),
                })
            })
            .collect::<AppResult<_>>()?,
        entries: entries
            .into_iter()
            .map(|e| EntryText {
                id: e.id.into(),
                title: e.title.into(),
                innovator: e.innovator.into(),
                unit: e.unit.into(),
            })
            .collect(),
        clusters,
    })
}

fn rules_of(criteria: &[crate::db::results::CriterionRow]) -> AppResult<Vec<CriterionRule>> {
    criteria
        .iter()
        .map(|c| {
            Ok(CriterionRule {
                id: uuid(&c.id)?,
                weight: i64::from(c.weight),
                max_score: i64::from(c.max_score),
            })
        })
        .collect()
}

fn rank_clusters(data: &ResultsData) -> AppResult<Vec<Cluster>> {
    let aggregation: Aggregation = data.contest.aggregation.parse().map_err(|_| {
        AppError::internal(format!("unknown aggregation {}", data.contest.aggregation))
    })?;
    let rules = rules_of(&data.criteria)?;
    let criterion_index: HashMap<Uuid, u32> = rules
        .iter()
        .enumerate()
        .map(|(k, r)| (r.id, k as u32))
        .collect();
    let tie_break = tie_break_order(data)?;
    let judge_uuids: Vec<Uuid> = data
        .judges
        .iter()
        .map(|j| uuid(&j.id))
        .collect::<AppResult<_>>()?;
    let judge_index: HashMap<Uuid, u32> = judge_uuids
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i as u32))
        .collect();
    let judge_key = |j: u32| data.judges[j as usize].id.as_str();
    let sheets_of = ByEntry::new(
        data.entries.len(),
        (0..data.sheets.len()).map(|i| (data.sheets.entry(i), i as u32)),
        |i| judge_key(data.sheets.judge(i as usize)),
    );
    let assigned = ByEntry::new(
        data.entries.len(),
        data.assignments.iter().map(|(j, e)| (*e, *j)),
        judge_key,
    );
    let waived: HashSet<(u32, u32)> = data.waivers.iter().copied().collect();
    let min_award = data
        .contest
        .min_award_score
        .map(|h| Exact::new(i128::from(h), 100));

    let mut clusters = Vec::with_capacity(data.clusters.len());
    for cluster in &data.clusters {
        let tiers: Vec<&TierRow> = data
            .tiers
            .iter()
            .filter(|t| t.cluster_id == cluster.id)
            .collect();
        let members: Vec<u32> = (0..data.entries.len() as u32)
            .filter(|e| data.entries[*e as usize].cluster_id == cluster.id)
            .collect();
        let mut by_uuid: HashMap<Uuid, u32> = HashMap::with_capacity(members.len());
        let mut absent_of: HashMap<u32, (Vec<u32>, Vec<u32>)> = HashMap::new();
        let mut inputs = Vec::with_capacity(members.len());
        for &e in &members {
            let entry = &data.entries[e as usize];
            let id = uuid(&entry.id)?;
            by_uuid.insert(id, e);
            let sheets = sheets_of.of(e);
            let (mut absent, mut excused) = (Vec::new(), Vec::new());
            for &judge in assigned.of(e) {
                if sheets
                    .iter()
                    .any(|&s| data.sheets.judge(s as usize) == judge)
                {
                    continue;
                }
                if waived.contains(&(judge, e)) {
                    excused.push(judge);
                } else {
                    absent.push(judge);
                }
            }
            let complete = absent.is_empty();
            if !absent.is_empty() || !excused.is_empty() {
                absent_of.insert(e, (absent, excused));
            }
            inputs.push(EntryInput {
                entry_id: id,
                title: entry.title.clone(),
                sheets: sheets
                    .iter()
                    .map(|&s| SheetInput {
                        judge_id: judge_uuids[data.sheets.judge(s as usize) as usize],
                        scores: rules
                            .iter()
                            .zip(data.sheets.scores(s as usize))
                            .filter_map(|(c, v)| v.map(|v| (c.id, i64::from(v))))
                            .collect(),
                    })
                    .collect(),
                complete,
            });
        }
        let input = ClusterInput {
            criteria: rules.clone(),
            tie_break: tie_break.clone(),
            aggregation,
            winners_count: cluster.winners_count.max(0) as u32,
            tiers: tiers
                .iter()
                .map(|t| PrizeTierRule {
                    rank: t.rank.max(0) as u32,
                    title: t.title.clone(),
                    amount: t.amount,
                })
                .collect(),
            min_award_score: min_award,
            entries: inputs,
            resolutions: data
                .resolutions
                .iter()
                .filter(|(c, _)| *c == cluster.id)
                .filter_map(|(_, order)| serde_json::from_str::<Vec<Uuid>>(order).ok())
                .collect(),
        };
        let ranked = ranking::rank_cluster(&input);
        drop(input);

        let mut out = Cluster {
            id: cluster.id.clone(),
            name: cluster.name.clone(),
            winners_count: cluster.winners_count.max(0) as u32,
            rows: Vec::with_capacity(ranked.ranking.len()),
            sheet_judges: Vec::new(),
            scores: Vec::new(),
            unscored: Vec::new(),
            unresolved_ties: ranked
                .unresolved_ties
                .iter()
                .map(|g| g.iter().map(Uuid::to_string).collect())
                .collect(),
        };
        for r in ranked.ranking {
            let Some(&e) = by_uuid.get(&r.entry_id) else {
                continue;
            };
            let first_sheet = out.sheet_judges.len() as u32;
            for (judge, _) in &r.sheet_totals {
                let judge = *judge_index.get(judge).ok_or_else(|| {
                    AppError::internal(format!("ranked an unknown judge {judge}"))
                })?;
                let sheet = sheets_of
                    .of(e)
                    .iter()
                    .copied()
                    .find(|&s| data.sheets.judge(s as usize) == judge)
                    .ok_or_else(|| AppError::internal("ranked a sheet that was not loaded"))?;
                out.sheet_judges.push(judge);
                out.scores.extend(
                    data.sheets
                        .scores(sheet as usize)
                        .map(|v| v.unwrap_or(NO_SCORE)),
                );
            }
            let tier = r
                .prize
                .as_ref()
                .and_then(|p| tiers.iter().find(|t| t.rank.max(0) as u32 == p.rank));
            let (absent, excused) = absent_of.remove(&e).unwrap_or_default();
            out.rows.push(Row {
                entry: e,
                rank: r.rank,
                score: r.score,
                tie: r.tie,
                resolved_by_committee: r.resolved_by_committee,
                complete: r.complete,
                below_minimum: r.below_minimum,
                prize: r.prize.map(|p| {
                    Box::new(Prize {
                        rank: p.rank,
                        title: p.title,
                        amount: p.amount,
                        extra: tier.and_then(|t| t.extra.clone()),
                        condition: tier.and_then(|t| t.condition_note.clone()),
                    })
                }),
                sheets: first_sheet..out.sheet_judges.len() as u32,
                separated_by: r
                    .separated_from_previous_by
                    .and_then(|c| criterion_index.get(&c).copied()),
                missing: absent.into(),
                waived: excused.into(),
            });
        }
        for id in &ranked.unscored {
            if let Some(&e) = by_uuid.get(id) {
                let missing = absent_of.remove(&e).map(|m| m.0).unwrap_or_default();
                out.unscored.push(Unscored {
                    entry: e,
                    missing: missing.into(),
                });
            }
        }
        clusters.push(out);
    }
    Ok(clusters)
}

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
            contest_id: self.contest_id.clone(),
            phase: self.phase.clone(),
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
        serde_json::to_writer(out, &Json(self))
    }

    fn provisional(&self) -> bool {
        self.phase != "published"
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
        }
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
                scores: self
                    .rules
                    .iter()
                    .zip(c.scores_of(s))
                    .filter(|(_, v)| **v != NO_SCORE)
                    .map(|(rule, v)| (rule.id, i64::from(*v)))
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
        }
    }
}

/// `rows` limited to a cluster of `len` rows.
fn window_of(rows: &Range<usize>, len: usize) -> Range<usize> {
    rows.start.min(len)..rows.end.min(len)
}

/// The JSON of [`ContestResults`], written from [`ComputedResults`] a row at a time. The
/// fields and their order are those of `ContestResults` and `ClusterResults`; the unit test
/// `json_is_byte_for_byte_that_of_the_results` fails if the two ever differ.
struct Json<'a>(&'a ComputedResults);

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut st = s.serialize_struct("ContestResults", 6)?;
        st.serialize_field("contest_id", &r.contest_id)?;
        st.serialize_field("phase", &r.phase)?;
        st.serialize_field("digest", &r.digest)?;
        st.serialize_field("provisional", &r.provisional())?;
        st.serialize_field("contest", &r.contest)?;
        st.serialize_field("clusters", &JsonClusters(r))?;
        st.end()
    }
}

struct JsonClusters<'a>(&'a ComputedResults);

impl Serialize for JsonClusters<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.clusters.len()))?;
        for c in &self.0.clusters {
            seq.serialize_element(&JsonCluster(self.0, c))?;
        }
        seq.end()
    }
}

struct JsonCluster<'a>(&'a ComputedResults, &'a Cluster);

impl Serialize for JsonCluster<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (r, c) = (self.0, self.1);
        let (unscored, unscored_entries) = r.unscored(c);
        let mut st = s.serialize_struct("ClusterResults", 7)?;
        st.serialize_field("id", &c.id)?;
        st.serialize_field("name", &c.name)?;
        st.serialize_field("winners_count", &c.winners_count)?;
        st.serialize_field("ranking", &JsonRows(r, c))?;
        st.serialize_field("unscored", &unscored)?;
        st.serialize_field("unscored_entries", &unscored_entries)?;
        st.serialize_field("unresolved_ties", &c.unresolved_ties)?;
        st.end()
    }
}

struct JsonRows<'a>(&'a ComputedResults, &'a Cluster);

impl Serialize for JsonRows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.1.rows.len()))?;
        for row in &self.1.rows {
            seq.serialize_element(&JsonRow(self.0, self.1, row))?;
        }
        seq.end()
    }
}

/// A [`RankingRow`] written straight from the compact row: making the row first (ten strings,
/// thirty shared ids and a dozen vectors per entry) was most of the cost of a national JSON.
struct JsonRow<'a>(&'a ComputedResults, &'a Cluster, &'a Row);

impl Serialize for JsonRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (r, c, row) = (self.0, self.1, self.2);
        let entry = &r.entries[row.entry as usize];
        let (totals, means) = r.numbers(c, row);
        let mut st = s.serialize_struct("RankingRow", 19)?;
        st.serialize_field("entry_id", &*entry.id)?;
        st.serialize_field("title", &*entry.title)?;
        st.serialize_field("innovator", &*entry.innovator)?;
        st.serialize_field("unit", &*entry.unit)?;
        st.serialize_field("rank", &row.rank)?;
        st.serialize_field("score", &to_f64(&row.score, 4))?;
        st.serialize_field(
            "score_exact",
            &format_args!("{}/{}", row.score.numer(), row.score.denom()),
        )?;
        st.serialize_field("score_display", &fixed(&row.score, 2))?;
        st.serialize_field("tie", &row.tie)?;
        st.serialize_field("resolved_by_committee", &row.resolved_by_committee)?;
        st.serialize_field("complete", &row.complete)?;
        st.serialize_field("below_minimum", &row.below_minimum)?;
        st.serialize_field("prize", &row.prize)?;
        st.serialize_field("sheets", &JsonSheets(r, c, &totals))?;
        st.serialize_field("criteria", &JsonMeans(r, &means))?;
        st.serialize_field("separated_by", &row.separated_by.map(|k| r.criterion(k)))?;
        st.serialize_field("missing_judges", &JsonJudges(r, &row.missing))?;
        st.serialize_field("waived_judges", &JsonJudges(r, &row.waived))?;
        st.end()
    }
}

struct JsonSheets<'a>(&'a ComputedResults, &'a Cluster, &'a [(usize, Exact)]);

impl Serialize for JsonSheets<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (r, c) = (self.0, self.1);
        let mut seq = s.serialize_seq(Some(self.2.len()))?;
        for (sheet, total) in self.2 {
            seq.serialize_element(&JsonSheet(r, c, *sheet, total))?;
        }
        seq.end()
    }
}

/// A [`SheetTotal`].
struct JsonSheet<'a>(&'a ComputedResults, &'a Cluster, usize, &'a Exact);

impl Serialize for JsonSheet<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (r, c, sheet, total) = (self.0, self.1, self.2, self.3);
        let judge = &r.judges[c.sheet_judges[sheet] as usize];
        let mut st = s.serialize_struct("SheetTotal", 5)?;
        st.serialize_field("judge_id", &*judge.id)?;
        st.serialize_field("judge_name", &*judge.name)?;
        st.serialize_field("total", &to_f64(total, 4))?;
        st.serialize_field("total_display", &fixed(total, 2))?;
        st.serialize_field("scores", &JsonScores(r, c, sheet))?;
        st.end()
    }
}

/// A [`SheetScores`]: `{criterion_id: score}` in id order.
struct JsonScores<'a>(&'a ComputedResults, &'a Cluster, usize);

impl Serialize for JsonScores<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(
            self.0
                .sheet_scores(self.1, self.2)
                .map(|(id, v)| (&**id, v)),
        )
    }
}

/// [`CriterionMean`]s in rubric order.
struct JsonMeans<'a>(&'a ComputedResults, &'a [Exact]);

impl Serialize for JsonMeans<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.1.len()))?;
        for ((id, name), mean) in self.0.criteria.iter().zip(self.1) {
            seq.serialize_element(&JsonMean(id, name, mean))?;
        }
        seq.end()
    }
}

struct JsonMean<'a>(&'a str, &'a str, &'a Exact);

impl Serialize for JsonMean<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("CriterionMean", 4)?;
        st.serialize_field("criterion_id", self.0)?;
        st.serialize_field("name", self.1)?;
        st.serialize_field("mean", &to_f64(self.2, 4))?;
        st.serialize_field("mean_display", &fixed(self.2, 2))?;
        st.end()
    }
}

/// [`JudgeRef`]s.
struct JsonJudges<'a>(&'a ComputedResults, &'a [u32]);

impl Serialize for JsonJudges<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.1.iter().map(|j| self.0.judge_ref(*j)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::results::{
        ClusterRow, ContestRow, CriterionRow, EntryRow, JudgeRow, SheetTable, TierRow,
    };

    fn id(n: u128) -> String {
        Uuid::from_u128(n).to_string()
    }

    /// Two clusters; a missing sheet, a waived one, an unscored entry, a sheet without every
    /// score, and a sheet by somebody no longer listed as a judge (`id(13)`).
    fn data() -> ResultsData {
        let entry = |n: u128, cluster: u128, title: &str| EntryRow {
            id: id(n),
            cluster_id: id(cluster),
            title: title.into(),
            innovator: format!("Inovator {n}"),
            unit: format!("Unit {n}"),
        };
        let judge = |n: u128, name: &str| JudgeRow {
            id: id(n),
            name: name.into(),
            affiliation: "Bappedalitbang".into(),
        };
        let tier = |cluster: u128, rank: i32, title: &str| TierRow {
            cluster_id: id(cluster),
            rank,
            title: title.into(),
            amount: 1_000_000 * i64::from(rank),
            extra: Some("piala".into()),
            condition_note: None,
        };
        let mut sheets = SheetTable::new(2);
        sheets.push(0, 0, &[Some(80), Some(70)]);
        sheets.push(0, 1, &[Some(90), None]);
        sheets.push(1, 0, &[Some(85), Some(75)]);
        sheets.push(3, 0, &[Some(50), Some(50)]);
        sheets.push(3, 2, &[Some(60), Some(40)]);
        // 0.6·35 + 0.4·75 = 51, the same as "Desa Cerdas", which wins on Kebaruan.
        sheets.push(4, 0, &[Some(35), Some(75)]);
        ResultsData {
            contest: ContestRow {
                id: id(1),
                name: "Lomba Inovasi Balangan".into(),
                year: 2026,
                description: String::new(),
                phase: "closed".into(),
                aggregation: "mean".into(),
                min_award_score: Some(5000),
                blind: false,
                published_at: None,
                result_digest: None,
                result_snapshot: None,
            },
            clusters: vec![
                ClusterRow {
                    id: id(2),
                    name: "SKPD".into(),
                    position: 0,
                    winners_count: 2,
                },
                ClusterRow {
                    id: id(3),
                    name: "Kecamatan".into(),
                    position: 1,
                    winners_count: 1,
                },
            ],
            tiers: vec![
                tier(2, 1, "Juara I"),
                tier(2, 2, "Juara II"),
                tier(3, 1, "Juara I"),
            ],
            criteria: vec![
                CriterionRow {
                    id: id(21),
                    position: 0,
                    name: "Kebaruan".into(),
                    weight: 60,
                    max_score: 100,
                    tie_break_rank: None,
                },
                CriterionRow {
                    id: id(22),
                    position: 1,
                    name: "Kemanfaatan".into(),
                    weight: 40,
                    max_score: 100,
                    tie_break_rank: None,
                },
            ],
            entries: vec![
                entry(31, 2, "Aplikasi A"),
                entry(32, 2, "Bank Sampah"),
                entry(33, 2, "Cek Gizi"),
                entry(34, 3, "Desa Cerdas"),
                entry(35, 3, "Embung Desa"),
            ],
            judges: vec![
                judge(11, "Ani"),
                judge(12, "Budi"),
                JudgeRow {
                    id: id(13),
                    name: id(13),
                    affiliation: String::new(),
                },
            ],
            listed_judges: 2,
            assignments: vec![
                (0, 0),
                (1, 0),
                (0, 1),
                (1, 1),
                (0, 2),
                (0, 3),
                (1, 3),
                (0, 4),
            ],
            sheets,
            waivers: vec![(1, 3)],
            resolutions: Vec::new(),
        }
    }

    #[test]
    fn json_is_byte_for_byte_that_of_the_results() {
        let computed = rank(data()).unwrap();
        let mut streamed = Vec::new();
        computed.write_json(&mut streamed).unwrap();
        let whole = serde_json::to_vec(&computed.to_results()).unwrap();
        assert_eq!(
            String::from_utf8(streamed).unwrap(),
            String::from_utf8(whole).unwrap()
        );
    }

    #[test]
    fn rows_explain_sheets_missing_waived_and_unscored_entries() {
        let r = rank(data()).unwrap().to_results();
        assert_eq!(r.contest.judges.len(), 2, "only listed judges sign");
        let skpd = &r.clusters[0];
        let titles: Vec<&str> = skpd.ranking.iter().map(|x| x.title.as_str()).collect();
        // A: (0.6·80 + 0.4·70 + 0.6·90) / 2 = 65; B: 0.6·85 + 0.4·75 = 81.
        assert_eq!(titles, ["Bank Sampah", "Aplikasi A"]);
        assert_eq!(skpd.ranking[0].score_exact, "81/1");
        assert_eq!(skpd.ranking[1].score_exact, "65/1");
        assert_eq!(skpd.ranking[0].missing_judges[0].name, "Budi");
        assert!(!skpd.ranking[0].complete);
        assert_eq!(skpd.ranking[0].prize.as_ref().unwrap().title, "Juara I");
        assert_eq!(
            skpd.ranking[0].prize.as_ref().unwrap().extra.as_deref(),
            Some("piala")
        );
        let budi = &skpd.ranking[1].sheets[1];
        assert_eq!(&*budi.judge_name, "Budi");
        assert_eq!(budi.scores.get(&id(21)), Some(90));
        assert_eq!(budi.scores.get(&id(22)), None);
        assert_eq!(skpd.ranking[1].criteria[0].mean_display, "51.00");
        assert_eq!(skpd.unscored, [id(33)]);
        assert_eq!(skpd.unscored_entries[0].missing_judges[0].name, "Ani");

        let kec = &r.clusters[1];
        assert!(
            kec.ranking[0].complete,
            "the waived sheet does not count as missing"
        );
        assert_eq!(kec.ranking[0].waived_judges[0].name, "Budi");
        let unlisted = &kec.ranking[0].sheets[1];
        assert_eq!(
            &*unlisted.judge_id,
            id(13),
            "a sheet by an unlisted judge still counts"
        );
        // (0.6·50 + 0.4·50 + 0.6·60 + 0.4·40) / 2 = 51.
        assert_eq!(kec.ranking[0].score_exact, "51/1");
        assert_eq!(kec.ranking[1].title, "Embung Desa");
        assert_eq!(kec.ranking[1].rank, 2);
        assert_eq!(
            kec.ranking[1].separated_by.as_ref().map(|c| &*c.name),
            Some("Kebaruan")
        );
    }

    #[test]
    fn a_window_cuts_every_cluster_and_leaves_out_detail() {
        let computed = rank(data()).unwrap();
        assert_eq!(computed.largest_cluster(), 2);
        assert_eq!(computed.window(2..5, true).clusters[1].ranking.len(), 0);
        let w = computed.window(1..5, false);
        assert_eq!(w.clusters[0].ranking.len(), 1);
        assert_eq!(w.clusters[0].ranking[0].title, "Aplikasi A");
        assert_eq!(w.clusters[0].ranking[0].rank, 2);
        assert!(w.clusters[0].ranking[0].sheets.is_empty());
        assert!(w.clusters[0].ranking[0].criteria.is_empty());
        assert_eq!(w.clusters[1].ranking[0].title, "Embung Desa");
        assert_eq!(
            w.clusters[0].unscored,
            [id(33)],
            "unscored entries are on every page"
        );
    }
}

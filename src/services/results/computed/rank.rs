//! Ranking a contest into its compact results: one cluster's ranking inputs alive at a time.

use super::parts::{tie_break_order, uuid, ByEntry};
use super::staged::{eliminated_of, staged};
use super::{Cluster, ComputedResults, EntryText, Judge, Row, StageColumn, Unscored, NO_SCORE};
use crate::db::results::{ResultsData, TierRow};
use crate::domain::ranking::{
    self, ClusterInput, CriterionRule, EntryInput, Exact, PrizeTierRule, Scale, SheetInput,
    StageScore,
};
use crate::error::{AppError, AppResult};
use crate::services::results::{ContestInfo, JudgeRef, Prize};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Ranks every cluster of the contest, one cluster's ranking inputs in memory at a time. It
/// takes the data so the entries' texts move into the results instead of being copied, and
/// the sheets are freed before they do.
pub fn rank(data: ResultsData) -> AppResult<ComputedResults> {
    let rules = rules_of(&data.criteria)?;
    let clusters = rank_clusters(&data, &rules)?;
    let stages = if staged(&data) {
        data.earlier
            .iter()
            .map(|e| StageColumn {
                id: e.stage_id.to_string(),
                name: e.name.clone(),
                weight: e.weight,
            })
            .chain(std::iter::once(StageColumn {
                id: data.stage.id.to_string(),
                name: data.stage.declaration.name.clone(),
                weight: data.stage.declaration.weight.clamp(0, 100) as u32,
            }))
            .collect()
    } else {
        Vec::new()
    };
    let ResultsData {
        contest,
        criteria,
        entries,
        judges,
        listed_judges,
        ..
    } = data;
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
        stages,
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

/// What every cluster's ranking input is built from, worked out once per contest.
struct Prepared<'d> {
    data: &'d ResultsData,
    aggregation: crate::model::Aggregation,
    tie_break: Vec<Uuid>,
    judge_uuids: Vec<Uuid>,
    sheets_of: ByEntry,
    assigned: ByEntry,
    waived: HashSet<(u32, u32)>,
    min_award: Option<Exact>,
}

/// One cluster's ranking input, with what the results need beside it.
struct ClusterBuild {
    input: ClusterInput,
    /// The cluster's entries (indices into `data.entries`).
    members: Vec<u32>,
    by_uuid: HashMap<Uuid, u32>,
    /// Entry → (judges whose sheet is missing, judges whose sheet is waived).
    absent_of: HashMap<u32, (Vec<u32>, Vec<u32>)>,
}

impl<'d> Prepared<'d> {
    fn new(data: &'d ResultsData) -> AppResult<Prepared<'d>> {
        let judge_uuids: Vec<Uuid> = data
            .judges
            .iter()
            .map(|j| uuid(&j.id))
            .collect::<AppResult<_>>()?;
        let judge_key = |j: u32| data.judges[j as usize].id.as_str();
        Ok(Prepared {
            data,
            // A stage may declare its own aggregation (a field panel's median, say).
            aggregation: data
                .stage
                .declaration
                .aggregation
                .unwrap_or(data.contest.aggregation),
            tie_break: tie_break_order(data)?,
            judge_uuids,
            sheets_of: ByEntry::new(
                data.entries.len(),
                (0..data.sheets.len()).map(|i| (data.sheets.entry(i), i as u32)),
                |i| judge_key(data.sheets.judge(i as usize)),
            ),
            assigned: ByEntry::new(
                data.entries.len(),
                data.assignments.iter().map(|(j, e)| (*e, *j)),
                judge_key,
            ),
            waived: data.waivers.iter().copied().collect(),
            min_award: data
                .contest
                .min_award_score
                .map(|h| Exact::new(i128::from(h), 100)),
        })
    }

    /// The ranking input of `cluster`: its entries with their submitted sheets, whether each
    /// is complete, and the contest's rules.
    fn cluster(
        &self,
        cluster: &crate::db::results::ClusterRow,
        rules: &[CriterionRule],
        tiers: &[&TierRow],
    ) -> AppResult<ClusterBuild> {
        let data = self.data;
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
            let sheets = self.sheets_of.of(e);
            let (mut absent, mut excused) = (Vec::new(), Vec::new());
            for &judge in self.assigned.of(e) {
                if sheets
                    .iter()
                    .any(|&s| data.sheets.judge(s as usize) == judge)
                {
                    continue;
                }
                if self.waived.contains(&(judge, e)) {
                    excused.push(judge);
                } else {
                    absent.push(judge);
                }
            }
            let complete = absent.is_empty();
            if !absent.is_empty() || !excused.is_empty() {
                absent_of.insert(e, (absent, excused));
            }
            let earlier = data
                .earlier
                .iter()
                .filter_map(|stage| {
                    Some(StageScore {
                        weight: stage.weight,
                        score: *stage.scores.get(&id)?,
                    })
                })
                .collect();
            inputs.push(EntryInput {
                earlier,
                entry_id: id,
                title: entry.title.clone(),
                sheets: sheets
                    .iter()
                    .map(|&s| SheetInput {
                        judge_id: self.judge_uuids[data.sheets.judge(s as usize) as usize],
                        scores: data
                            .sheets
                            .scores(s as usize)
                            .map(|v| v.map(i64::from))
                            .collect(),
                    })
                    .collect(),
                complete,
            });
        }
        // Only the last stage awards prizes; an earlier one ranks for its cut.
        let (winners_count, tiers) = if data.last_stage {
            (cluster.winners_count.max(0) as u32, tiers)
        } else {
            (0, &[][..])
        };
        let input = ClusterInput {
            stage_weight: data.stage.declaration.weight.clamp(0, 100) as u32,
            normalisation: data.stage.declaration.normalisation,
            criteria: rules.to_vec(),
            tie_break: self.tie_break.clone(),
            aggregation: self.aggregation,
            winners_count,
            tiers: tiers
                .iter()
                .map(|t| PrizeTierRule {
                    rank: t.rank.max(0) as u32,
                    title: t.title.clone(),
                    amount: t.amount,
                })
                .collect(),
            min_award_score: self.min_award,
            entries: inputs,
            resolutions: data
                .resolutions
                .iter()
                .filter(|(c, _)| *c == cluster.id)
                .filter_map(|(_, order)| serde_json::from_str::<Vec<Uuid>>(order).ok())
                .collect(),
        };
        Ok(ClusterBuild {
            input,
            members,
            by_uuid,
            absent_of,
        })
    }
}

/// Every cluster's ranking input, in cluster order, handed to `visit` with the cluster's id and
/// name one at a time (a national cluster's input is ~40,000 sheets; holding all four at once
/// took the analysis past the memory budget). For the analysis, which ranks each cluster again
/// without each judge.
pub fn each_cluster_input(
    data: &ResultsData,
    mut visit: impl FnMut(String, String, ClusterInput) -> AppResult<()>,
) -> AppResult<()> {
    let rules = rules_of(&data.criteria)?;
    let prepared = Prepared::new(data)?;
    for cluster in &data.clusters {
        let tiers: Vec<&TierRow> = data
            .tiers
            .iter()
            .filter(|t| t.cluster_id == cluster.id)
            .collect();
        let build = prepared.cluster(cluster, &rules, &tiers)?;
        visit(cluster.id.clone(), cluster.name.clone(), build.input)?;
    }
    Ok(())
}

fn rank_clusters(data: &ResultsData, rules: &[CriterionRule]) -> AppResult<Vec<Cluster>> {
    let criterion_index: HashMap<Uuid, u32> = rules
        .iter()
        .enumerate()
        .map(|(k, r)| (r.id, k as u32))
        .collect();
    let judge_index: HashMap<Uuid, u32> = data
        .judges
        .iter()
        .enumerate()
        .map(|(i, j)| Ok((uuid(&j.id)?, i as u32)))
        .collect::<AppResult<_>>()?;
    let prepared = Prepared::new(data)?;
    let sheets_of = &prepared.sheets_of;

    let mut clusters = Vec::with_capacity(data.clusters.len());
    for cluster in &data.clusters {
        let tiers: Vec<&TierRow> = data
            .tiers
            .iter()
            .filter(|t| t.cluster_id == cluster.id)
            .collect();
        let ClusterBuild {
            input,
            members,
            by_uuid,
            mut absent_of,
        } = prepared.cluster(cluster, rules, &tiers)?;
        let cluster_sheets: usize = members.iter().map(|e| sheets_of.of(*e).len()).sum();
        let ranked = ranking::rank_cluster(&input);
        drop(input);

        let mut out = Cluster {
            id: cluster.id.clone(),
            name: cluster.name.clone(),
            winners_count: cluster.winners_count.max(0) as u32,
            rows: Vec::with_capacity(ranked.ranking.len()),
            // Exactly the cluster's sheets: the cache keeps these for as long as the results
            // stand, so no spare capacity from growing by doubling.
            sheet_judges: Vec::with_capacity(cluster_sheets),
            scores: Vec::with_capacity(cluster_sheets * rules.len()),
            unscored: Vec::new(),
            eliminated: staged(data)
                .then(|| eliminated_of(data, uuid(&cluster.id).unwrap_or_default())),
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
                raw_score: r.raw_score.map(Box::new),
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
                stage_scores: if staged(data) {
                    data.earlier
                        .iter()
                        .map(|stage| stage.scores.get(&r.entry_id).copied())
                        .chain(std::iter::once(Some(r.stage_score)))
                        .collect()
                } else {
                    Box::default()
                },
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

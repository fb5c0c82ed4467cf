//! Contests and their shape: clusters with prize tiers, the rubric, the tie-break order.

pub use super::contest_settings::patch;
use super::setup_common::{field_text, log};
use super::templates::Template;
use super::CurrentUser;
use crate::db::{self, assignments, clusters, contests, criteria, entries, judges, DbConnection};
use crate::domain::decimal::parse_hundredths;
use crate::error::{AppError, AppResult};
use crate::i18n::setup::SetupMsg as M;
use crate::model::{Aggregation, ClusterId, ContestId, CriterionId, Phase};
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Tier {
    pub rank: i32,
    pub title: String,
    pub amount: i64,
    pub extra: Option<String>,
    pub condition: Option<String>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Cluster {
    pub id: ClusterId,
    pub name: String,
    pub position: i32,
    pub winners_count: i32,
    pub tiers: Vec<Tier>,
    pub entries: i64,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Level {
    pub min: i64,
    pub max: i64,
    pub label: String,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Criterion {
    pub id: CriterionId,
    pub name: String,
    pub description: String,
    pub weight: i32,
    pub min_score: i32,
    pub max_score: i32,
    pub levels: Vec<Level>,
    pub position: i32,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Contest {
    pub id: ContestId,
    pub name: String,
    pub year: i32,
    pub description: String,
    pub phase: Phase,
    pub aggregation: Aggregation,
    pub min_award_score: Option<f64>,
    pub blind: bool,
    /// A sheet further than this (points on the 0–100 total) from the others on its entry is
    /// an outlier in the analysis.
    pub outlier_points: f64,
    /// Sealing a stage or publishing while a prize or cut position depends on a single judge
    /// needs the committee's acknowledgement.
    pub robustness_gate: bool,
    /// Entrants may file and edit their unit's entries (only in the first stage's setup,
    /// until `registration_deadline` when one is set).
    pub registration_open: bool,
    #[serde(with = "crate::db::utc::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub registration_deadline: Option<chrono::NaiveDateTime>,
    /// Entrants read the judges' comments on their entries once results are published
    /// (never the judges' names).
    pub release_comments: bool,
    /// The proposal fields an entry needs before it is submitted.
    pub required_fields: Vec<crate::model::ProposalField>,
    /// The kinds of document an entry needs before it is submitted.
    pub required_documents: Vec<crate::model::DocumentKind>,
    pub clusters: Vec<Cluster>,
    pub criteria: Vec<Criterion>,
    /// Criterion ids in tie-break order.
    pub tie_break: Vec<CriterionId>,
    pub counts: Counts,
    /// The stage every route without a stage acts on (the first not sealed): `criteria`,
    /// `tie_break` and `counts.assignments` are its.
    pub current_stage: CurrentStage,
}

/// The contest's current stage, named.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct CurrentStage {
    pub id: crate::model::StageId,
    /// From 1.
    pub position: u32,
    pub name: String,
    /// Its declared normalisation (`PATCH /contests/{id} {"normalisation"}` sets it while
    /// the stage is in setup).
    pub normalisation: crate::model::Normalisation,
}

impl Contest {
    /// Whether the contest's own setup (clusters, prizes, entries, settings, the list of
    /// stages) may still change: its first stage is in setup.
    pub fn setup_open(&self) -> bool {
        crate::domain::phase::allows(self.phase, crate::domain::phase::Action::EditSetup)
            && self.current_stage.position == 1
    }
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Counts {
    pub entries: i64,
    pub judges: i64,
    pub assignments: i64,
}

/// `POST /contests` and the new-contest form.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct NewContest {
    #[schema(required = true, min_length = 1, max_length = 200, pattern = r"\S")]
    #[serde(default)]
    pub name: String,
    #[schema(minimum = 2000, maximum = 2100)]
    pub year: Option<i64>,
    #[schema(max_length = 5000)]
    #[serde(default)]
    pub description: String,
    pub aggregation: Option<String>,
    #[schema(value_type = Option<f64>)]
    pub min_award_score: Option<serde_json::Number>,
    pub blind: Option<bool>,
    pub template: Option<String>,
}

pub(super) fn check_year(y: Option<i64>) -> AppResult<i32> {
    y.filter(|y| (2000..=2100).contains(y))
        .map(|y| y as i32)
        .ok_or_else(|| AppError::invalid("year", M::ErrYear))
}

pub(super) fn check_aggregation(a: Option<&str>) -> AppResult<Aggregation> {
    a.map_or(Ok(Aggregation::default()), str::parse)
        .map_err(|_| AppError::invalid("aggregation", M::ErrAggregation))
}

pub(super) fn check_min_award(n: Option<&serde_json::Number>) -> AppResult<Option<i64>> {
    n.map(|n| {
        parse_hundredths(&n.to_string())
            .filter(|h| (0..=10_000).contains(h))
            .ok_or_else(|| AppError::invalid("min_award_score", M::ErrMinAward))
    })
    .transpose()
}

#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub fn create(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    input: NewContest,
) -> AppResult<Contest> {
    let name = field_text(&input.name, "name", true, 200)?;
    let description = field_text(&input.description, "description", false, 5000)?;
    let year = check_year(input.year)?;
    let aggregation = check_aggregation(input.aggregation.as_deref())?;
    let min_award = check_min_award(input.min_award_score.as_ref())?;
    let template = match input.template.as_deref().map(str::trim) {
        None | Some("") | Some("none") => None,
        Some("bailang") => Some(Template::Bailang),
        Some("bertahap") => Some(Template::Bertahap),
        Some(_) => return Err(AppError::invalid("template", M::ErrTemplate)),
    };
    let id = ContestId::new();
    db::write_tx(conn, |c| {
        let now = db::now();
        contests::insert(
            c,
            &contests::NewContest {
                id,
                name: &name,
                year,
                description: &description,
                phase: Phase::Setup,
                aggregation,
                min_award_score: min_award,
                blind: input.blind.unwrap_or(false),
                created_by: Some(actor.id),
                created_at: now,
                updated_at: now,
            },
        )?;
        match template {
            Some(Template::Bailang) => super::templates::apply_bailang(c, id)?,
            Some(Template::Bertahap) => super::templates::apply_bertahap(c, id, now)?,
            None => {}
        }
        log(
            c,
            actor,
            id,
            "contest.created",
            &format!("contest:{id}"),
            json!({"new": {"name": name, "year": year, "template": input.template}}),
        )?;
        detail(c, id)
    })
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ContestSummary {
    pub id: ContestId,
    pub name: String,
    pub year: i32,
    pub phase: Phase,
}

pub fn list(conn: &mut DbConnection) -> AppResult<Vec<ContestSummary>> {
    Ok(contests::summaries(conn)?
        .into_iter()
        .map(|(id, name, year, phase)| ContestSummary {
            id,
            name,
            year,
            phase,
        })
        .collect())
}

#[tracing::instrument(skip_all, fields(contest_id = %id))]
pub fn detail(c: &mut DbConnection, id: ContestId) -> AppResult<Contest> {
    let row = contests::find(c, id)?;
    let required = super::proposal::Requirements::of(&row);
    let cluster_rows = clusters::of_contest(c, id)?;
    let tiers = clusters::tiers_of_contest(c, id)?;
    let entry_clusters = entries::clusters_of(c, id)?;
    // The rubric and assignments of the current stage (the one every existing route acts on).
    let stage = crate::db::stages::current(c, id)?;
    let criteria_rows = criteria::of_stage(c, stage.id)?;
    let judges = judges::count(c, id)?;
    let assignment_count = assignments::count(c, stage.id)?;
    let (criteria, tie_break) = rubric_of(criteria_rows);
    Ok(Contest {
        id: row.id,
        name: row.name,
        year: row.year,
        description: row.description,
        phase: row.phase,
        aggregation: row.aggregation,
        min_award_score: row.min_award_score.map(|h| h as f64 / 100.0),
        blind: row.blind,
        outlier_points: row.outlier_points as f64 / 100.0,
        robustness_gate: row.robustness_gate,
        registration_open: row.registration_open,
        registration_deadline: row.registration_deadline,
        release_comments: row.release_comments,
        required_fields: required.fields,
        required_documents: required.documents,
        counts: Counts {
            entries: entry_clusters.len() as i64,
            judges,
            assignments: assignment_count,
        },
        clusters: cluster_rows
            .into_iter()
            .map(|(cid, name, position, winners_count)| Cluster {
                tiers: tiers
                    .iter()
                    .filter(|t| t.0 == cid)
                    .map(|t| Tier {
                        rank: t.1,
                        title: t.2.clone(),
                        amount: t.3,
                        extra: t.4.clone(),
                        condition: t.5.clone(),
                    })
                    .collect(),
                entries: entry_clusters.iter().filter(|e| **e == cid).count() as i64,
                id: cid,
                name,
                position,
                winners_count,
            })
            .collect(),
        criteria,
        tie_break,
        current_stage: CurrentStage {
            id: stage.id,
            position: stage.position.max(1) as u32,
            normalisation: stage.declaration.normalisation,
            name: stage.declaration.name,
        },
    })
}

/// A stage's rubric as the API shows it, with its tie-break order: the declared criteria by
/// rank, then the rest by weight and rubric order.
pub fn rubric_of(rows: Vec<criteria::CriterionRow>) -> (Vec<Criterion>, Vec<CriterionId>) {
    let mut declared: Vec<(i32, i32, CriterionId)> = rows
        .iter()
        .filter_map(|r| r.tie_break_rank.map(|t| (t, r.position, r.id)))
        .collect();
    declared.sort();
    let mut tie_break: Vec<CriterionId> = declared.iter().map(|d| d.2).collect();
    let weights: Vec<(uuid::Uuid, i64)> =
        rows.iter().map(|r| (r.id.0, i64::from(r.weight))).collect();
    for u in crate::domain::ranking::default_tie_break(&weights) {
        let id = CriterionId(u);
        if !tie_break.contains(&id) {
            tie_break.push(id);
        }
    }
    let criteria = rows
        .into_iter()
        .map(|r| Criterion {
            levels: serde_json::from_str(&r.levels).unwrap_or_default(),
            id: r.id,
            name: r.name,
            description: r.description,
            weight: r.weight,
            min_score: r.min_score,
            max_score: r.max_score,
            position: r.position,
        })
        .collect();
    (criteria, tie_break)
}

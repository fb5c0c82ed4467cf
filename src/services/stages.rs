//! A contest's stages (tahap), as the API and the screens show them.

use super::setup_common::{field_name, field_text, in_setup, log};
use super::CurrentUser;
use crate::db::stages::{self, StageDeclaration, StageRow};
use crate::db::{self, DbConnection};
use crate::domain::decimal;
use crate::domain::scoring::Exact;
use crate::domain::stage::{self as rules, StageInvalid};
use crate::error::{AppError, AppResult};
use crate::i18n::stages::StageMsg as M;
use crate::i18n::Text;
use crate::model::{
    Aggregation, ContestId, CutRule, CutTies, Normalisation, StageId, StageKind, StagePhase,
};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::json;

/// Which entries of each cluster go on to the next stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Advance {
    pub rule: CutRule,
    /// With `rule: top`: how many go on per cluster.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// With `rule: min_score`: the lowest score that goes on (0–100, two decimals at most).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_score: Option<f64>,
    /// Entries tied exactly at a `top` cut: `include` them all, or wait for the committee to
    /// `resolve` their order.
    pub ties: CutTies,
}

/// A stage of a contest.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Stage {
    pub id: StageId,
    /// From 1, in the order the stages run.
    pub position: u32,
    pub name: String,
    pub kind: StageKind,
    /// The stage's whole-percent weight in the final score (0: it only filters).
    pub weight: u32,
    pub advance: Advance,
    /// How judges' totals combine in this stage; `null`: the contest's.
    pub aggregation: Option<Aggregation>,
    /// What the stage does to judges' totals before aggregating them: `none`, or `leniency`
    /// (each total less its judge's leniency, rounded to 4 decimals). Locked once the stage's
    /// judging opens.
    pub normalisation: Normalisation,
    pub phase: StagePhase,
    /// SHA-256 of the sealed stage, chained to the previous stage's; `null` until sealed.
    pub digest: Option<String>,
    /// A screening stage's checklist.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checklist: Option<Vec<String>>,
}

impl From<StageRow> for Stage {
    fn from(row: StageRow) -> Stage {
        let d = row.declaration;
        let checklist = (d.kind == StageKind::Screening)
            .then(|| serde_json::from_str(&d.checklist).unwrap_or_default());
        Stage {
            id: row.id,
            position: row.position.max(1) as u32,
            name: d.name,
            kind: d.kind,
            weight: d.weight.clamp(0, 100) as u32,
            advance: Advance {
                rule: d.cut_rule,
                count: d.cut_count.map(|n| n.max(0) as u32),
                min_score: d.cut_min_score.map(|h| {
                    decimal::to_f64(&crate::domain::scoring::Exact::new(h.into(), 100), 2)
                }),
                ties: d.cut_ties,
            },
            aggregation: d.aggregation,
            normalisation: d.normalisation,
            phase: row.phase,
            digest: row.digest,
            checklist,
        }
    }
}

/// The contest's stages, first first (404 when there is no such contest).
#[tracing::instrument(skip_all, fields(contest_id = %contest_id))]
pub fn list(conn: &mut DbConnection, contest_id: ContestId) -> AppResult<Vec<Stage>> {
    crate::db::contests::find(conn, contest_id)?;
    Ok(stages::list(conn, contest_id)?
        .into_iter()
        .map(Stage::from)
        .collect())
}

/// Who advances, as sent.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct AdvanceInput {
    #[schema(value_type = CutRule)]
    #[serde(default)]
    pub rule: String,
    #[schema(minimum = 1, maximum = 10_000)]
    pub count: Option<i64>,
    #[schema(value_type = Option<f64>, minimum = 0, maximum = 100)]
    pub min_score: Option<serde_json::Number>,
    /// `include` (the default) or `resolve`.
    #[schema(value_type = Option<CutTies>)]
    pub ties: Option<String>,
}

/// A new stage.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct NewStage {
    #[schema(required = true, min_length = 1, max_length = 200, pattern = r"\S")]
    #[serde(default)]
    pub name: String,
    #[schema(required = true, value_type = StageKind)]
    #[serde(default)]
    pub kind: String,
    #[schema(minimum = 0, maximum = 100)]
    pub weight: i64,
    /// Default: everyone advances.
    pub advance: Option<AdvanceInput>,
    /// Default: the contest's.
    #[schema(value_type = Option<Aggregation>)]
    pub aggregation: Option<String>,
    /// Default: `none`.
    #[schema(value_type = Option<Normalisation>)]
    pub normalisation: Option<String>,
    /// A screening stage's checklist (required there).
    pub checklist: Option<Vec<String>>,
    /// From 1; the stages from there on move down. Default: after the last.
    #[schema(minimum = 1)]
    pub position: Option<i64>,
}

/// Changes to a stage's declaration; absent fields stay as they are.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct StageChanges {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: Option<String>,
    #[schema(minimum = 0, maximum = 100)]
    pub weight: Option<i64>,
    pub advance: Option<AdvanceInput>,
    /// A word, or `null` for the contest's.
    #[schema(value_type = Option<Aggregation>)]
    #[serde(default, deserialize_with = "present")]
    pub aggregation: Option<Option<String>>,
    #[schema(value_type = Option<Normalisation>)]
    pub normalisation: Option<String>,
    pub checklist: Option<Vec<String>>,
}

/// A field that is present, even as `null` (`Some(None)`), apart from one that is absent.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

fn advance_of(input: Option<&AdvanceInput>) -> AppResult<rules::Advance> {
    let Some(a) = input else {
        return Ok(rules::Advance::All);
    };
    let ties = match a.ties.as_deref() {
        None => CutTies::Include,
        Some(word) => word
            .parse()
            .map_err(|()| AppError::invalid("advance.ties", M::ErrAdvanceTies))?,
    };
    let rule: CutRule = a
        .rule
        .parse()
        .map_err(|()| AppError::invalid("advance.rule", M::ErrAdvanceRule))?;
    Ok(match rule {
        CutRule::All => rules::Advance::All,
        CutRule::Top => {
            let count = a
                .count
                .filter(|n| (1..=10_000).contains(n))
                .ok_or_else(|| AppError::invalid("advance.count", M::ErrAdvanceCount))?;
            rules::Advance::Top {
                count: count as u32,
                ties,
            }
        }
        CutRule::MinScore => {
            let hundredths = a
                .min_score
                .as_ref()
                .and_then(|n| decimal::parse_hundredths(&n.to_string()))
                .filter(|h| (0..=10_000).contains(h))
                .ok_or_else(|| AppError::invalid("advance.min_score", M::ErrAdvanceMinScore))?;
            rules::Advance::MinScore {
                min_score: Exact::new(i128::from(hundredths), 100),
            }
        }
    })
}

fn checklist_of(items: &[String]) -> AppResult<Vec<String>> {
    if items.len() > 50 {
        return Err(AppError::invalid("checklist", M::ErrChecklistLong));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| field_text(item, &format!("checklist[{i}]"), true, 300))
        .collect()
}

/// Checks a whole declaration and gives it the stored form.
fn declaration(
    name: &str,
    kind: StageKind,
    weight: i64,
    advance: &rules::Advance,
    aggregation: Option<Aggregation>,
    normalisation: Normalisation,
    checklist: &[String],
) -> AppResult<StageDeclaration> {
    let name = field_name(name, "name", true, 200)?;
    rules::check(kind, weight, advance, checklist)
        .and_then(|()| rules::check_normalisation(kind, normalisation))
        .map_err(|why| match why {
            StageInvalid::WeightOutOfRange => AppError::invalid("weight", M::ErrStageWeight),
            StageInvalid::ScreeningWeighted => AppError::invalid("weight", M::ErrScreeningWeighted),
            StageInvalid::CountZero => AppError::invalid("advance.count", M::ErrAdvanceCount),
            StageInvalid::ScreeningCut => AppError::invalid("advance.rule", M::ErrScreeningCut),
            StageInvalid::ChecklistEmpty => AppError::invalid("checklist", M::ErrChecklistEmpty),
            StageInvalid::ScreeningNormalised => {
                AppError::invalid("normalisation", M::ErrScreeningNormalised)
            }
        })?;
    let (cut_count, cut_min_score, cut_ties) = match advance {
        rules::Advance::All => (None, None, CutTies::Include),
        rules::Advance::Top { count, ties } => (Some(*count as i32), None, *ties),
        rules::Advance::MinScore { min_score } => (
            None,
            Some((min_score * Exact::from_integer(100)).to_integer() as i64),
            CutTies::Include,
        ),
    };
    Ok(StageDeclaration {
        name,
        kind,
        weight: weight as i32,
        cut_rule: advance.rule(),
        cut_count,
        cut_min_score,
        cut_ties,
        aggregation,
        normalisation,
        checklist: serde_json::to_string(checklist).unwrap_or_else(|_| "[]".into()),
    })
}

/// The declared normalisation, from its word.
pub fn normalisation_of(word: &str) -> AppResult<Normalisation> {
    word.parse()
        .map_err(|()| AppError::invalid("normalisation", M::ErrNormalisation))
}

fn aggregation_of(word: Option<&str>) -> AppResult<Option<Aggregation>> {
    word.map(|w| {
        w.parse().map_err(|()| {
            AppError::invalid("aggregation", crate::i18n::setup::SetupMsg::ErrAggregation)
        })
    })
    .transpose()
}

/// The stored declaration back as the rule the domain reads.
pub fn advance_stored(d: &StageDeclaration) -> rules::Advance {
    match d.cut_rule {
        CutRule::All => rules::Advance::All,
        CutRule::Top => rules::Advance::Top {
            count: d.cut_count.unwrap_or(1).max(1) as u32,
            ties: d.cut_ties,
        },
        CutRule::MinScore => rules::Advance::MinScore {
            min_score: Exact::new(i128::from(d.cut_min_score.unwrap_or(0)), 100),
        },
    }
}

/// Declares a new stage, while the contest is in setup; returns it.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, actor = %actor.id))]
pub fn add(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    input: NewStage,
) -> AppResult<Stage> {
    let kind: StageKind = input
        .kind
        .parse()
        .map_err(|()| AppError::invalid("kind", M::ErrStageKind))?;
    let advance = advance_of(input.advance.as_ref())?;
    let aggregation = aggregation_of(input.aggregation.as_deref())?;
    let normalisation = match input.normalisation.as_deref() {
        Some(word) => normalisation_of(word)?,
        None => Normalisation::None,
    };
    let checklist = checklist_of(input.checklist.as_deref().unwrap_or_default())?;
    let declared = declaration(
        &input.name,
        kind,
        input.weight,
        &advance,
        aggregation,
        normalisation,
        &checklist,
    )?;
    db::write_tx(conn, |c| {
        in_setup(c, contest_id)?;
        let count = stages::list(c, contest_id)?.len() as i64;
        let position = input.position.unwrap_or(count + 1);
        if !(1..=count + 1).contains(&position) {
            return Err(AppError::invalid(
                "position",
                Text::with(M::ErrStagePosition, [count + 1]),
            ));
        }
        let id = stages::insert_at(c, contest_id, position as i32, &declared, db::now())?;
        let stage = Stage::from(stages::find(c, contest_id, id)?);
        log(
            c,
            actor,
            contest_id,
            "stage.created",
            &format!("stage:{id}"),
            json!({"new": stage}),
        )?;
        Ok(stage)
    })
}

/// The stage, provided its declaration may still change (404 / 409 otherwise).
fn in_stage_setup(c: &mut DbConnection, contest_id: ContestId, id: StageId) -> AppResult<StageRow> {
    crate::db::contests::find(c, contest_id)?;
    let row = stages::find(c, contest_id, id)?;
    if row.phase != StagePhase::Setup {
        return Err(
            AppError::conflict(Text::with(M::ErrStageNotInSetup, [row.phase])).with_field("phase"),
        );
    }
    Ok(row)
}

/// Changes a stage's declaration while that stage is in setup; returns it.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, actor = %actor.id))]
pub fn change(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    id: StageId,
    input: StageChanges,
) -> AppResult<Stage> {
    db::write_tx(conn, |c| change_in(c, actor, contest_id, id, &input))
}

/// [`change`] inside the caller's transaction (`PATCH /contests/{id}` declares the current
/// stage's normalisation through it).
pub(super) fn change_in(
    c: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    id: StageId,
    input: &StageChanges,
) -> AppResult<Stage> {
    {
        let row = in_stage_setup(c, contest_id, id)?;
        let old = row.declaration;
        let advance = match &input.advance {
            Some(a) => advance_of(Some(a))?,
            None => advance_stored(&old),
        };
        let aggregation = match &input.aggregation {
            Some(word) => aggregation_of(word.as_deref())?,
            None => old.aggregation,
        };
        let normalisation = match input.normalisation.as_deref() {
            Some(word) => normalisation_of(word)?,
            None => old.normalisation,
        };
        let checklist = match &input.checklist {
            Some(items) => checklist_of(items)?,
            None => serde_json::from_str(&old.checklist).unwrap_or_default(),
        };
        let declared = declaration(
            input.name.as_deref().unwrap_or(&old.name),
            old.kind,
            input.weight.unwrap_or(i64::from(old.weight)),
            &advance,
            aggregation,
            normalisation,
            &checklist,
        )?;
        let before = Stage::from(stages::find(c, contest_id, id)?);
        stages::declare(c, id, &declared, db::now())?;
        let after = Stage::from(stages::find(c, contest_id, id)?);
        log(
            c,
            actor,
            contest_id,
            "stage.changed",
            &format!("stage:{id}"),
            json!({"old": before, "new": after}),
        )?;
        Ok(after)
    }
}

/// Deletes a stage that is in setup and not the contest's only one.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, actor = %actor.id))]
pub fn delete(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    id: StageId,
) -> AppResult<()> {
    db::write_tx(conn, |c| {
        let row = in_stage_setup(c, contest_id, id)?;
        if stages::list(c, contest_id)?.len() <= 1 {
            return Err(AppError::conflict(M::ErrOnlyStage).with_field("id"));
        }
        // The stage after a sealed one holds that stage's shortlist: it is part of the
        // contest's record now.
        if stages::previous(c, &row)?.is_some_and(|p| p.phase == StagePhase::Sealed) {
            return Err(AppError::conflict(M::ErrStageHasEntries).with_field("id"));
        }
        let old = Stage::from(row.clone());
        stages::delete(c, contest_id, &row)?;
        log(
            c,
            actor,
            contest_id,
            "stage.deleted",
            &format!("stage:{id}"),
            json!({"old": old}),
        )
    })
}

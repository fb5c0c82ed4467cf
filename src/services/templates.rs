//! The contests a new contest can start from: Bailang's shape (four clusters, five prize tiers,
//! a five-criterion rubric) in one stage, or `bertahap`, the same clusters and tiers in a
//! KIPP-like pipeline of four stages, each scored stage with its rubric.

use crate::db::{clusters, criteria, DbConnection};
use crate::domain::template;
use crate::error::{AppError, AppResult};
use crate::model::{ClusterId, ContestId, CriterionId, PrizeTierId};

/// The templates a new contest can start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Template {
    /// The Bailang clusters, prize tiers and one-stage rubric.
    Bailang,
    /// The same clusters and tiers in a KIPP-like pipeline of four stages.
    Bertahap,
}

/// Inserts the Bailang clusters, tiers and rubric (of its first stage) into an empty contest.
pub fn apply_bailang(c: &mut DbConnection, contest_id: ContestId) -> AppResult<()> {
    let stage = crate::db::stages::current(c, contest_id)?;
    insert_bailang_clusters(c, contest_id)?;
    insert_rubric(c, stage.key(), &template::BAILANG_CRITERIA)
}

/// Makes an empty contest the `bertahap` pipeline: screening with its checklist, desk scoring
/// of the proposal (best 10 per cluster go on), presentation and interview (best 5), field
/// verification, weighted 30 / 25 / 45, each scored stage with its rubric; the Bailang
/// clusters and prize tiers.
pub fn apply_bertahap(
    c: &mut DbConnection,
    contest_id: ContestId,
    now: chrono::NaiveDateTime,
) -> AppResult<()> {
    use crate::db::stages::{self, StageDeclaration};
    use crate::domain::template::{TemplateCut, BERTAHAP_STAGES, SCREENING_CHECKLIST};
    use crate::model::{CutRule, CutTies, StageKind};
    insert_bailang_clusters(c, contest_id)?;
    let declared = |stage: &template::TemplateStage| {
        let (cut_rule, cut_count) = match stage.cut {
            TemplateCut::All => (CutRule::All, None),
            TemplateCut::Top(n) => (CutRule::Top, Some(n as i32)),
        };
        StageDeclaration {
            name: stage.name.to_string(),
            kind: StageKind::Scored,
            weight: stage.weight as i32,
            cut_rule,
            cut_count,
            cut_min_score: None,
            cut_ties: CutTies::Include,
            aggregation: None,
            normalisation: crate::model::Normalisation::None,
            checklist: "[]".into(),
        }
    };
    // The contest's first stage becomes the desk scoring; the others come after it.
    let first = stages::current(c, contest_id)?;
    let [desk, rest @ ..] = &BERTAHAP_STAGES;
    stages::declare(c, first.id, &declared(desk), now)?;
    insert_rubric(c, first.key(), desk.rubric)?;
    for (i, stage) in rest.iter().enumerate() {
        let id = stages::insert_at(c, contest_id, i as i32 + 2, &declared(stage), now)?;
        let key = stages::StageKey {
            contest: contest_id,
            id,
        };
        insert_rubric(c, key, stage.rubric)?;
    }
    let screening = StageDeclaration {
        name: "Seleksi administrasi".into(),
        kind: StageKind::Screening,
        weight: 0,
        cut_rule: CutRule::All,
        cut_count: None,
        cut_min_score: None,
        cut_ties: CutTies::Include,
        aggregation: None,
        normalisation: crate::model::Normalisation::None,
        checklist: serde_json::to_string(&SCREENING_CHECKLIST).map_err(AppError::internal)?,
    };
    stages::insert_at(c, contest_id, 1, &screening, now)?;
    Ok(())
}

/// The Bailang clusters, five winners each, with their prize tiers.
fn insert_bailang_clusters(c: &mut DbConnection, contest_id: ContestId) -> AppResult<()> {
    for (position, name) in template::BAILANG_CLUSTERS.iter().enumerate() {
        let cluster_id = ClusterId::new();
        clusters::insert(
            c,
            &clusters::NewCluster {
                id: cluster_id,
                contest_id,
                name,
                position: position as i32,
                winners_count: 5,
            },
        )?;
        let tiers: Vec<clusters::NewTier> = template::BAILANG_TIERS
            .iter()
            .enumerate()
            .map(|(rank, (title, amount))| clusters::NewTier {
                id: PrizeTierId::new(),
                cluster_id,
                rank: rank as i32 + 1,
                title,
                amount: *amount,
                extra: None,
                condition_note: None,
            })
            .collect();
        clusters::replace_tiers(c, cluster_id, &tiers)?;
    }
    Ok(())
}

/// A stage's rubric from a template: (name, description, weight), each scored 0–100.
fn insert_rubric(
    c: &mut DbConnection,
    stage: crate::db::stages::StageKey,
    rubric: &[(&str, &str, i64)],
) -> AppResult<()> {
    for (position, (name, description, weight)) in rubric.iter().enumerate() {
        criteria::insert(
            c,
            &criteria::NewCriterion {
                id: CriterionId::new(),
                contest_id: stage.contest,
                stage_id: stage.id,
                position: position as i32,
                name,
                description,
                weight: *weight as i32,
                min_score: 0,
                max_score: 100,
                levels: template::BAILANG_LEVELS,
            },
        )?;
    }
    Ok(())
}

//! The contest's pipeline on its overview: each stage, what it does, its weight, who goes on
//! from it, and where it stands; while the contest is in setup, the forms that declare it.

use super::{FormErrors, Problem};
use crate::i18n::setup::SetupMsg;
use crate::i18n::stages::StageMsg as M;
use crate::i18n::Text;
use crate::model::{
    Aggregation, ContestId, CutRule, CutTies, Normalisation, StageKind, StagePhase,
};
use crate::services::stage_flow::StageFlow;
use crate::services::stages::{Advance, Stage};
use crate::views::components::field;
use crate::views::layout::PageCtx;
use maud::{html, Markup};

/// The pipeline table, each stage linked to its page with the entries it took and passed on
/// per cluster; the edit and delete forms of every stage still in setup; with `addable` (no
/// stage has begun), the form that declares a new one.
pub fn pipeline(
    ctx: &PageCtx,
    contest: ContestId,
    stages: &[Stage],
    flow: &[StageFlow],
    addable: bool,
    problem: &Problem,
) -> Markup {
    html! {
        h2 { (ctx.t(M::PipelineTitle)) }
        p.muted { (ctx.t(M::PipelineHelp)) }
        div.table-wrap tabindex="0" { table.pipeline {
            thead { tr {
                th.num { (ctx.t(M::ColPosition)) } th { (ctx.t(M::ColStage)) } th { (ctx.t(M::ColKind)) }
                th.num { (ctx.t(M::ColWeight)) } th { (ctx.t(M::ColAdvance)) } th { (ctx.t(M::ColPhase)) }
                th { (ctx.t(M::ColFlow)) }
            } }
            tbody { @for s in stages { tr {
                td.num { (s.position) }
                td { a href={ "/contests/" (contest) "/stages/" (s.id) } { (s.name) } }
                td { (ctx.t(kind(s.kind))) }
                td.num { (s.weight) "%" }
                td { (ctx.text(&advance(&s.advance))) }
                td { (ctx.t(phase(s.phase))) }
                td { @if let Some(f) = flow.iter().find(|f| f.stage_id == s.id) {
                    @for cl in f.clusters.iter().filter(|c| c.entered > 0) {
                        small { @match cl.advanced {
                            Some(n) => (ctx.text(&Text::with(M::FlowCell, [cl.name.clone(), cl.entered.to_string(), n.to_string()]))),
                            None => (ctx.text(&Text::with(M::FlowOpen, [cl.name.clone(), cl.entered.to_string()]))),
                        } } br;
                    }
                } }
            } } }
        } }
        {
            @for s in stages.iter().filter(|s| s.phase == StagePhase::Setup) {
                @let form = format!("stage-{}", s.id);
                @let errors = problem.for_form(&form);
                details.card open[errors.message.is_some()] {
                    summary { (ctx.t(M::EditStage)) ": " (s.position) ". " (s.name) }
                    form.stack method="post" action={ "/contests/" (contest) "/stages/" (s.id) } {
                        (declaration_fields(ctx, Some(s), &errors))
                        div { button type="submit" { (ctx.t(M::ButtonSaveStage)) } }
                    }
                    @if stages.len() > 1 && addable {
                        form method="post" action={ "/contests/" (contest) "/stages/" (s.id) "/delete" } {
                            button.danger type="submit" { (ctx.t(M::ButtonDeleteStage)) }
                        }
                    }
                }
            }
            @let errors = problem.for_form("stage");
            @if addable { details.card open[errors.message.is_some()] {
                summary { (ctx.t(M::AddStage)) }
                form.stack method="post" action={ "/contests/" (contest) "/stages" } {
                    (declaration_fields(ctx, None, &errors))
                    (field(ctx.t(M::FieldPosition), "position", "number", "", &errors, html! {}))
                    div { button type="submit" { (ctx.t(M::ButtonAddStage)) } }
                }
            } }
        }
    }
}

/// The fields of a stage's declaration, filled with `stage`'s values (a new stage: empty).
/// Their names are the API's fields, so a refusal's field lands next to its input.
fn declaration_fields(ctx: &PageCtx, stage: Option<&Stage>, errors: &FormErrors) -> Markup {
    let a = stage.map(|s| &s.advance);
    let rule = a.map_or(CutRule::All, |a| a.rule);
    let ties = a.map_or(CutTies::Include, |a| a.ties);
    let count = a
        .and_then(|a| a.count)
        .map(|n| n.to_string())
        .unwrap_or_default();
    let min_score = a
        .and_then(|a| a.min_score)
        .map(|m| m.to_string())
        .unwrap_or_default();
    let weight = stage.map_or(String::new(), |s| s.weight.to_string());
    let aggregation = stage.and_then(|s| s.aggregation);
    let normalisation = stage.map_or(Normalisation::None, |s| s.normalisation);
    let checklist = stage
        .and_then(|s| s.checklist.clone())
        .unwrap_or_default()
        .join("\n");
    let checklist_id = format!(
        "checklist-{}",
        stage.map_or("new".to_string(), |s| s.id.to_string())
    );
    html! {
        (field(ctx.t(M::FieldStageName), "name", "text", stage.map_or("", |s| s.name.as_str()), errors, html! {}))
        @if stage.is_none() {
            label { (ctx.t(M::FieldKind))
                select name="kind" {
                    option value=(StageKind::Scored) { (ctx.t(M::KindScored)) }
                    option value=(StageKind::Screening) { (ctx.t(M::KindScreening)) }
                }
            }
        }
        (field(ctx.t(M::FieldWeight), "weight", "number", &weight, errors, html! {}))
        label { (ctx.t(M::FieldRule))
            select name="advance.rule" {
                @for (value, label) in [(CutRule::All, M::RuleAll), (CutRule::Top, M::RuleTop), (CutRule::MinScore, M::RuleMinScore)] {
                    option value=(value) selected[value == rule] { (ctx.t(label)) }
                }
            }
        }
        (field(ctx.t(M::FieldCount), "advance.count", "number", &count, errors, html! {}))
        (field(ctx.t(M::FieldMinScore), "advance.min_score", "text", &min_score, errors, html! {}))
        label { (ctx.t(M::FieldTies))
            select name="advance.ties" {
                option value=(CutTies::Include) selected[ties == CutTies::Include] { (ctx.t(M::TiesInclude)) }
                option value=(CutTies::Resolve) selected[ties == CutTies::Resolve] { (ctx.t(M::TiesResolve)) }
            }
        }
        label { (ctx.t(M::FieldAggregation))
            select name="aggregation" {
                option value="" selected[aggregation.is_none()] { (ctx.t(M::AggregationContest)) }
                @for (value, label) in [(Aggregation::Mean, SetupMsg::AggMean), (Aggregation::Median, SetupMsg::AggMedian), (Aggregation::TrimmedMean, SetupMsg::AggTrimmed)] {
                    option value=(value) selected[aggregation == Some(value)] { (ctx.t(label)) }
                }
            }
        }
        @if stage.is_none_or(|s| s.kind == StageKind::Scored) {
            label { (ctx.t(M::FieldNormalisation))
                select name="normalisation" {
                    @for (value, label) in [(Normalisation::None, M::NormalisationNone), (Normalisation::Leniency, M::NormalisationLeniency)] {
                        option value=(value) selected[value == normalisation] { (ctx.t(label)) }
                    }
                }
            }
        }
        label for=(checklist_id) { (ctx.t(M::FieldChecklist)) }
        textarea id=(checklist_id) name="checklist" rows="3" { (checklist) }
    }
}

pub fn kind(kind: StageKind) -> M {
    match kind {
        StageKind::Scored => M::KindScored,
        StageKind::Screening => M::KindScreening,
    }
}

pub fn phase(phase: StagePhase) -> M {
    match phase {
        StagePhase::Setup => M::PhaseSetup,
        StagePhase::Judging => M::PhaseJudging,
        StagePhase::Closed => M::PhaseClosed,
        StagePhase::Sealed => M::PhaseSealed,
    }
}

pub fn advance(a: &Advance) -> Text {
    match (a.rule, a.ties) {
        (CutRule::All, _) => M::AdvanceAll.into(),
        (CutRule::Top, CutTies::Include) => Text::with(M::AdvanceTop, [a.count.unwrap_or(0)]),
        (CutRule::Top, CutTies::Resolve) => {
            Text::with(M::AdvanceTopResolve, [a.count.unwrap_or(0)])
        }
        (CutRule::MinScore, _) => Text::with(
            M::AdvanceMinScore,
            [a.min_score.map(|m| format!("{m:.2}")).unwrap_or_default()],
        ),
    }
}

//! The contest's pipeline on its overview: each stage, what it does, its weight, who goes on
//! from it, and where it stands.

use crate::i18n::stages::StageMsg as M;
use crate::i18n::Text;
use crate::model::{CutRule, CutTies, StageKind, StagePhase};
use crate::services::stages::{Advance, Stage};
use crate::views::layout::PageCtx;
use maud::{html, Markup};

pub fn pipeline(ctx: &PageCtx, stages: &[Stage]) -> Markup {
    html! {
        h2 { (ctx.t(M::PipelineTitle)) }
        p.muted { (ctx.t(M::PipelineHelp)) }
        div.table-wrap { table.pipeline {
            thead { tr {
                th.num { (ctx.t(M::ColPosition)) } th { (ctx.t(M::ColStage)) } th { (ctx.t(M::ColKind)) }
                th.num { (ctx.t(M::ColWeight)) } th { (ctx.t(M::ColAdvance)) } th { (ctx.t(M::ColPhase)) }
            } }
            tbody { @for s in stages { tr {
                td.num { (s.position) }
                td { (s.name) }
                td { (ctx.t(kind(s.kind))) }
                td.num { (s.weight) "%" }
                td { (ctx.text(&advance(&s.advance))) }
                td { (ctx.t(phase(s.phase))) }
            } } }
        } }
    }
}

fn kind(kind: StageKind) -> M {
    match kind {
        StageKind::Scored => M::KindScored,
        StageKind::Screening => M::KindScreening,
    }
}

fn phase(phase: StagePhase) -> M {
    match phase {
        StagePhase::Setup => M::PhaseSetup,
        StagePhase::Judging => M::PhaseJudging,
        StagePhase::Closed => M::PhaseClosed,
        StagePhase::Sealed => M::PhaseSealed,
    }
}

fn advance(a: &Advance) -> Text {
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

//! Committee screens for contest setup: the contest list, the overview with its readiness, the
//! rubric and prizes, entries, judges and conflicts, the assignment matrix and the audit trail.

use super::components::{field, FormErrors};
use super::layout::{page, PageCtx};
use crate::db::audit::AuditRow;
use crate::domain::decimal::rupiah;
use crate::domain::phase::{allows, Action};
use crate::error::{AppError, Detail};
use crate::i18n::setup::SetupMsg as M;
use crate::i18n::Text;
use crate::model::{Phase, UserId};
use crate::services::contests::{Contest, ContestSummary};
use maud::{html, Markup};

mod entrants;
mod people;
mod stages;
pub use entrants::{entrants, IssuedLink};
pub use people::{entries, judges, matrix, MatrixData};
pub use stages::{advance as advance_text, kind as kind_label, phase as stage_phase_label};

/// A refused form: which form, and its errors.
#[derive(Default)]
pub struct Problem {
    pub form: String,
    pub errors: FormErrors,
    pub details: Vec<String>,
}

impl Problem {
    pub fn new(form: &str, err: &AppError, ctx: &PageCtx) -> Self {
        Problem {
            form: form.to_string(),
            errors: FormErrors::from_error(err, ctx.lang),
            details: err
                .details
                .iter()
                .map(|d: &Detail| ctx.text(&d.message))
                .collect(),
        }
    }

    pub fn for_form(&self, form: &str) -> FormErrors {
        if self.form == form {
            self.errors.clone()
        } else {
            FormErrors::default()
        }
    }
}

pub(crate) fn problem_box(p: &Problem) -> Markup {
    html! {
        @if let Some(msg) = &p.errors.message {
            div.alert role="alert" { (msg) @if !p.details.is_empty() { ul { @for d in &p.details { li { (d) } } } } }
        }
    }
}

pub fn phase_label(ctx: &PageCtx, phase: Phase) -> &'static str {
    ctx.t(match phase {
        Phase::Setup => M::PhaseSetup,
        Phase::Judging => M::PhaseJudging,
        Phase::Closed => M::PhaseClosed,
        Phase::Published => M::PhasePublished,
    })
}

/// Links between the screens of one contest.
pub fn contest_nav(ctx: &PageCtx, c: &Contest) -> Markup {
    let id = &c.id;
    html! {
        p.muted { a href={ "/contests/" (id) } { (super::documents::name_with_year(&c.name, c.year)) } " · " span.badge { (phase_label(ctx, c.phase)) } }
        nav.actions.no-print aria-label="contest" {
            a.button.secondary href={ "/contests/" (id) "/rubric" } { (ctx.t(M::Criteria)) }
            a.button.secondary href={ "/contests/" (id) "/entries" } { (ctx.t(M::Entries)) }
            a.button.secondary href={ "/contests/" (id) "/entrants" } { (ctx.t(crate::i18n::entrants::EntrantMsg::Entrants)) }
            a.button.secondary href={ "/contests/" (id) "/judges" } { (ctx.t(M::Judges)) }
            a.button.secondary href={ "/contests/" (id) "/assignments" } { (ctx.t(M::Assignments)) }
            a.button.secondary href={ "/contests/" (id) "/monitor" } { (ctx.t(M::Monitor)) }
            a.button.secondary href={ "/contests/" (id) "/results" } { (ctx.t(M::Results)) }
            a.button.secondary href={ "/contests/" (id) "/audit" } { (ctx.t(M::Audit)) }
        }
    }
}

/// The buttons that make a demo contest: one stage (Bailang), or in stages (bertahap).
pub fn demo_buttons(ctx: &PageCtx) -> Markup {
    html! {
        div.actions {
            form method="post" action="/demo" { input type="hidden" name="kind" value="bailang"; button type="submit" { (ctx.t(M::ButtonDemo)) } }
            form method="post" action="/demo" { input type="hidden" name="kind" value="bertahap"; button.secondary type="submit" { (ctx.t(M::ButtonDemoStaged)) } }
        }
    }
}

pub fn contest_list(
    ctx: &PageCtx,
    list: &[ContestSummary],
    problem: &Problem,
    demo_password: &str,
) -> Markup {
    let errors = problem.for_form("create");
    let body = html! {
        h1 { (ctx.t(M::ContestsTitle)) }
        @if list.is_empty() {
            p.muted { (ctx.t(M::NoContests)) }
            div.card {
                p { (ctx.text(&Text::with(M::DemoHelp, [demo_password]))) }
                (demo_buttons(ctx))
            }
        }
        ul.entries {
            @for c in list {
                li { a href={ "/contests/" (c.id) } { (super::documents::name_with_year(&c.name, c.year)) } span.badge { (phase_label(ctx, c.phase)) } }
            }
        }
        h2 { (ctx.t(M::NewContest)) }
        div.card {
            form.stack method="post" action="/contests" {
                (field(ctx.t(M::FieldName), "name", "text", "", &errors, html! {}))
                (field(ctx.t(M::FieldYear), "year", "number", "2026", &errors, html! {}))
                label { (ctx.t(M::FieldTemplate))
                    select name="template" {
                        option value="bailang" selected { (ctx.t(M::TemplateBailang)) }
                        option value="bertahap" { (ctx.t(M::TemplateBertahap)) }
                        option value="none" { (ctx.t(M::TemplateNone)) }
                    }
                }
                label { (ctx.t(M::FieldAggregation))
                    select name="aggregation" {
                        option value="mean" { (ctx.t(M::AggMean)) }
                        option value="median" { (ctx.t(M::AggMedian)) }
                        option value="trimmed_mean" { (ctx.t(M::AggTrimmed)) }
                    }
                }
                (field(ctx.t(M::FieldMinAward), "min_award_score", "text", "", &errors, html! {}))
                label.inline { input type="checkbox" name="blind" value="true" style="width:auto"; (ctx.t(M::FieldBlind)) }
                div { button type="submit" { (ctx.t(M::ButtonCreate)) } }
            }
        }
    };
    page(ctx, ctx.t(M::ContestsTitle), body)
}

pub fn overview(
    ctx: &PageCtx,
    c: &Contest,
    pipeline: &[crate::services::stages::Stage],
    flow: &[crate::services::stage_flow::StageFlow],
    readiness: &[String],
    problem: &Problem,
    info: Option<&str>,
) -> Markup {
    let body = html! {
        h1 { (super::documents::name_with_year(&c.name, c.year)) }
        (contest_nav(ctx, c))
        (super::components::notice(info))
        (problem_box(problem))
        @if !c.description.is_empty() { p { (c.description) } }
        div.grid {
            div.card { strong { (ctx.t(M::Entries)) } p.total { (c.counts.entries) } }
            div.card { strong { (ctx.t(M::Judges)) } p.total { (c.counts.judges) } }
            div.card { strong { (ctx.t(M::Assignments)) } p.total { (c.counts.assignments) } }
        }
        h2 { (ctx.t(M::Clusters)) }
        div.table-wrap tabindex="0" { table {
            thead { tr { th { (ctx.t(M::FieldCluster)) } th.num { (ctx.t(M::Entries)) } th.num { (ctx.t(M::WinnersCount)) } th { (ctx.t(M::Prizes)) } } }
            tbody { @for cl in &c.clusters { tr {
                td { (cl.name) } td.num { (cl.entries) } td.num { (cl.winners_count) }
                td { @for t in &cl.tiers { small { (t.title) ": " (rupiah(t.amount)) } br; } }
            } } }
        } }
        (stages::pipeline(ctx, c.id, pipeline, flow, c.setup_open(), problem))
        @if c.phase == Phase::Setup {
            div.card {
                @if !readiness.is_empty() { ul { @for r in readiness { li { (r) } } } }
                form method="post" action={ "/contests/" (c.id) "/phase" } {
                    input type="hidden" name="phase" value=(Phase::Judging);
                    button type="submit" { (ctx.t(M::ButtonOpenJudging)) }
                }
            }
        }
        @if c.phase == Phase::Judging {
            form.card method="post" action={ "/contests/" (c.id) "/phase" } {
                input type="hidden" name="phase" value=(Phase::Closed);
                button type="submit" { (ctx.t(M::ButtonCloseJudging)) }
            }
        }
    };
    page(ctx, &c.name, body)
}

/// A rubric's criteria, with the weights' sum.
pub fn criteria_table(ctx: &PageCtx, criteria: &[crate::services::contests::Criterion]) -> Markup {
    let sum: i32 = criteria.iter().map(|x| x.weight).sum();
    html! {
        div.table-wrap tabindex="0" { table {
            thead { tr { th { (ctx.t(M::FieldName)) } th.num { (ctx.t(M::Weight)) } th.num { (ctx.t(M::MinScore)) } th.num { (ctx.t(M::MaxScore)) } } }
            tbody { @for x in criteria { tr {
                td { strong { (x.name) } br; small.muted { (x.description) } }
                td.num { (x.weight) } td.num { (x.min_score) } td.num { (x.max_score) }
            } } }
        } }
        p { strong { (ctx.text(&Text::with(M::WeightSum, [sum]))) } }
    }
}

/// The form that adds a criterion to a rubric, posted to `action`.
pub fn criterion_form(ctx: &PageCtx, action: &str, crit: &FormErrors) -> Markup {
    html! {
        details.card open[crit.message.is_some()] { summary { (ctx.t(M::ButtonAdd)) }
            form.stack method="post" action=(action) {
                (field(ctx.t(M::FieldName), "name", "text", "", crit, html! {}))
                (field(ctx.t(M::FieldDescription), "description", "text", "", crit, html! {}))
                (field(ctx.t(M::Weight), "weight", "number", "", crit, html! {}))
                (field(ctx.t(M::MinScore), "min_score", "number", "0", crit, html! {}))
                (field(ctx.t(M::MaxScore), "max_score", "number", "100", crit, html! {}))
                div { button type="submit" { (ctx.t(M::ButtonAdd)) } }
            }
        }
    }
}

pub fn rubric(ctx: &PageCtx, c: &Contest, problem: &Problem) -> Markup {
    let crit = problem.for_form("criterion");
    let cluster = problem.for_form("cluster");
    // The current stage's rubric may change while that stage is in setup; the clusters and
    // prizes only before the contest's first stage begins.
    let rubric_open = allows(c.phase, Action::EditSetup);
    let setup = c.setup_open();
    let body = html! {
        h1 { (ctx.t(M::Criteria)) @if c.current_stage.position > 1 { ": " (c.current_stage.name) } }
        (contest_nav(ctx, c))
        (problem_box(problem))
        (criteria_table(ctx, &c.criteria))
        @if rubric_open {
            (criterion_form(ctx, &format!("/contests/{}/criteria", c.id), &crit))
        }
        h2 { (ctx.t(M::Prizes)) }
        @for cl in &c.clusters {
            div.card {
                h3 { (cl.name) }
                form.stack method="post" action={ "/contests/" (c.id) "/clusters/" (cl.id) "/prizes" } {
                    @for rank in 1..=(cl.winners_count.max(cl.tiers.len() as i32)) {
                        @let tier = cl.tiers.iter().find(|t| t.rank == rank);
                        fieldset.criterion {
                            legend { "#" (rank) }
                            input type="text" name={ "title_" (rank) } aria-label=(ctx.t(M::FieldName)) value=(tier.map(|t| t.title.as_str()).unwrap_or("")) disabled[!setup];
                            input type="number" name={ "amount_" (rank) } min="0" aria-label=(ctx.t(M::Prizes)) value=(tier.map(|t| t.amount).unwrap_or(0)) disabled[!setup];
                        }
                    }
                    @if setup { div { button.secondary type="submit" { (ctx.t(M::ButtonSave)) } } }
                }
            }
        }
        @if setup {
            details.card { summary { (ctx.t(M::Clusters)) ": " (ctx.t(M::ButtonAdd)) }
                form.stack method="post" action={ "/contests/" (c.id) "/clusters" } {
                    (field(ctx.t(M::FieldName), "name", "text", "", &cluster, html! {}))
                    (field(ctx.t(M::WinnersCount), "winners_count", "number", "5", &cluster, html! {}))
                    div { button type="submit" { (ctx.t(M::ButtonAdd)) } }
                }
            }
        }
    };
    page(ctx, ctx.t(M::Criteria), body)
}

pub fn audit(
    ctx: &PageCtx,
    c: &Contest,
    rows: &[AuditRow],
    names: &std::collections::HashMap<UserId, String>,
) -> Markup {
    let body = html! {
        h1 { (ctx.t(M::Audit)) }
        (contest_nav(ctx, c))
        div.table-wrap tabindex="0" { table {
            thead { tr { th { (ctx.t(M::When)) } th { (ctx.t(M::Who)) } th { (ctx.t(M::What)) } } }
            tbody { @for r in rows { tr {
                td { small { (r.created_at.format("%Y-%m-%d %H:%M:%S")) } }
                td { (r.actor_id.as_ref().and_then(|a| names.get(a)).map(String::as_str).unwrap_or("—")) }
                td { code { (r.action) } " " small.muted { (r.target) } br; small { code { (r.detail) } } }
            } } }
        } }
    };
    page(ctx, ctx.t(M::Audit), body)
}

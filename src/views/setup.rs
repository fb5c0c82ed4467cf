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
use crate::model::{ClusterId, EntryId, Phase, UserId};
use crate::services::contests::{Contest, ContestSummary};
use crate::services::entries::Entry;
use crate::services::judges::{Assignment, Conflict, Judge};
use maud::{html, Markup};

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

    fn for_form(&self, form: &str) -> FormErrors {
        if self.form == form {
            self.errors.clone()
        } else {
            FormErrors::default()
        }
    }
}

fn problem_box(p: &Problem) -> Markup {
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
        p.muted { a href={ "/contests/" (id) } { (c.name) " " (c.year) } " · " span.badge { (phase_label(ctx, c.phase)) } }
        nav.actions.no-print aria-label="contest" {
            a.button.secondary href={ "/contests/" (id) "/rubric" } { (ctx.t(M::Criteria)) }
            a.button.secondary href={ "/contests/" (id) "/entries" } { (ctx.t(M::Entries)) }
            a.button.secondary href={ "/contests/" (id) "/judges" } { (ctx.t(M::Judges)) }
            a.button.secondary href={ "/contests/" (id) "/assignments" } { (ctx.t(M::Assignments)) }
            a.button.secondary href={ "/contests/" (id) "/monitor" } { (ctx.t(M::Monitor)) }
            a.button.secondary href={ "/contests/" (id) "/results" } { (ctx.t(M::Results)) }
            a.button.secondary href={ "/contests/" (id) "/audit" } { (ctx.t(M::Audit)) }
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
                form method="post" action="/demo" { button type="submit" { (ctx.t(M::ButtonDemo)) } }
            }
        }
        ul.entries {
            @for c in list {
                li { a href={ "/contests/" (c.id) } { (c.name) " " (c.year) } span.badge { (phase_label(ctx, c.phase)) } }
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
    readiness: &[String],
    problem: &Problem,
    info: Option<&str>,
) -> Markup {
    let body = html! {
        h1 { (c.name) " " (c.year) }
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
        div.table-wrap { table {
            thead { tr { th { (ctx.t(M::FieldCluster)) } th.num { (ctx.t(M::Entries)) } th.num { (ctx.t(M::WinnersCount)) } th { (ctx.t(M::Prizes)) } } }
            tbody { @for cl in &c.clusters { tr {
                td { (cl.name) } td.num { (cl.entries) } td.num { (cl.winners_count) }
                td { @for t in &cl.tiers { small { (t.title) ": " (rupiah(t.amount)) } br; } }
            } } }
        } }
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

pub fn rubric(ctx: &PageCtx, c: &Contest, problem: &Problem) -> Markup {
    let crit = problem.for_form("criterion");
    let cluster = problem.for_form("cluster");
    let sum: i32 = c.criteria.iter().map(|x| x.weight).sum();
    let setup = allows(c.phase, Action::EditSetup);
    let body = html! {
        h1 { (ctx.t(M::Criteria)) }
        (contest_nav(ctx, c))
        (problem_box(problem))
        div.table-wrap { table {
            thead { tr { th { (ctx.t(M::FieldName)) } th.num { (ctx.t(M::Weight)) } th.num { (ctx.t(M::MinScore)) } th.num { (ctx.t(M::MaxScore)) } } }
            tbody { @for x in &c.criteria { tr {
                td { strong { (x.name) } br; small.muted { (x.description) } }
                td.num { (x.weight) } td.num { (x.min_score) } td.num { (x.max_score) }
            } } }
        } }
        p { strong { (ctx.text(&Text::with(M::WeightSum, [sum]))) } }
        @if setup {
            details.card { summary { (ctx.t(M::ButtonAdd)) }
                form.stack method="post" action={ "/contests/" (c.id) "/criteria" } {
                    (field(ctx.t(M::FieldName), "name", "text", "", &crit, html! {}))
                    (field(ctx.t(M::FieldDescription), "description", "text", "", &crit, html! {}))
                    (field(ctx.t(M::Weight), "weight", "number", "", &crit, html! {}))
                    (field(ctx.t(M::MinScore), "min_score", "number", "0", &crit, html! {}))
                    (field(ctx.t(M::MaxScore), "max_score", "number", "100", &crit, html! {}))
                    div { button type="submit" { (ctx.t(M::ButtonAdd)) } }
                }
            }
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

pub fn entries(
    ctx: &PageCtx,
    c: &Contest,
    list: &[Entry],
    problem: &Problem,
    info: Option<&str>,
) -> Markup {
    let errors = problem.for_form("entry");
    let setup = allows(c.phase, Action::EditSetup);
    let cluster_name = |id: &ClusterId| {
        c.clusters
            .iter()
            .find(|x| x.id == *id)
            .map(|x| x.name.as_str())
            .unwrap_or("")
    };
    let body = html! {
        h1 { (ctx.t(M::Entries)) }
        (contest_nav(ctx, c))
        (super::components::notice(info))
        (problem_box(problem))
        div.table-wrap { table {
            thead { tr { th { (ctx.t(M::FieldCluster)) } th { (ctx.t(M::FieldTitle)) } th { (ctx.t(M::FieldInnovator)) } th { (ctx.t(M::FieldUnit)) } th {} } }
            tbody { @for e in list { tr {
                td { (cluster_name(&e.cluster_id)) } td { (e.title) } td { (e.innovator) } td { (e.unit) }
                td { @if setup { form method="post" action={ "/contests/" (c.id) "/entries/" (e.id) "/delete" } { button.danger type="submit" { "×" } } } }
            } } }
        } }
        @if setup {
            h2 { (ctx.t(M::ButtonImport)) }
            div.card {
                p.muted { (ctx.t(M::ImportHelp)) }
                p { a href={ "/api/v1/contests/" (c.id) "/entries/template.csv" } { (ctx.t(M::ImportTemplate)) } }
                form.stack method="post" action={ "/contests/" (c.id) "/entries/import" } enctype="multipart/form-data" {
                    label { (ctx.t(M::FieldFile)) input type="file" name="file" accept=".csv,.xlsx" required; }
                    div { button type="submit" { (ctx.t(M::ButtonImport)) } }
                }
            }
            h2 { (ctx.t(M::ButtonAdd)) }
            div.card {
                form.stack method="post" action={ "/contests/" (c.id) "/entries" } {
                    label { (ctx.t(M::FieldCluster))
                        select name="cluster_id" { @for cl in &c.clusters { option value=(cl.id) { (cl.name) } } }
                    }
                    (field(ctx.t(M::FieldTitle), "title", "text", "", &errors, html! {}))
                    (field(ctx.t(M::FieldInnovator), "innovator", "text", "", &errors, html! {}))
                    (field(ctx.t(M::FieldUnit), "unit", "text", "", &errors, html! {}))
                    (field(ctx.t(M::FieldDescription), "description", "text", "", &errors, html! {}))
                    (field(ctx.t(M::FieldLink), "link", "url", "", &errors, html! {}))
                    div { button type="submit" { (ctx.t(M::ButtonAdd)) } }
                }
            }
        }
    };
    page(ctx, ctx.t(M::Entries), body)
}

pub fn judges(
    ctx: &PageCtx,
    c: &Contest,
    judges: &[Judge],
    entries: &[Entry],
    conflicts: &[Conflict],
    problem: &Problem,
) -> Markup {
    let errors = problem.for_form("judge");
    let setup = allows(c.phase, Action::EditSetup);
    let entry_title = |id: &EntryId| {
        entries
            .iter()
            .find(|e| e.id == *id)
            .map(|e| e.title.as_str())
            .unwrap_or("")
    };
    let judge_name = |id: &UserId| {
        judges
            .iter()
            .find(|j| j.id == *id)
            .map(|j| j.name.as_str())
            .unwrap_or("")
    };
    let body = html! {
        h1 { (ctx.t(M::Judges)) }
        (contest_nav(ctx, c))
        (problem_box(problem))
        div.table-wrap { table {
            thead { tr { th { (ctx.t(M::FieldName)) } th { (ctx.t(M::FieldAffiliation)) } th { (ctx.t(M::Clusters)) } } }
            tbody { @for j in judges { tr {
                td { (j.name) br; small.muted { (j.email) } } td { (j.affiliation) }
                td { @match &j.cluster_ids {
                    None => { "—" }
                    Some(ids) => { @for id in ids { (c.clusters.iter().find(|x| &x.id == id).map(|x| x.name.as_str()).unwrap_or("")) br; } }
                } }
            } } }
        } }
        @if setup {
            h2 { (ctx.t(M::ButtonAdd)) }
            div.card { form.stack method="post" action={ "/contests/" (c.id) "/judges" } {
                (field(ctx.t(M::FieldName), "name", "text", "", &errors, html! {}))
                (field(ctx.t(M::FieldEmail), "email", "email", "", &errors, html! {}))
                (field(ctx.t(M::FieldAffiliation), "affiliation", "text", "", &errors, html! {}))
                (field(ctx.t(M::FieldPassword), "password", "text", "", &errors, html! {}))
                fieldset.criterion { legend { (ctx.t(M::FieldJudgeClusters)) }
                    @for cl in &c.clusters { label.inline { input type="checkbox" name="cluster_ids" value=(cl.id) style="width:auto"; (cl.name) } }
                }
                div { button type="submit" { (ctx.t(M::ButtonAdd)) } }
            } }
        }
        h2 { (ctx.t(M::Conflicts)) }
        ul { @for x in conflicts { li { (judge_name(&x.judge_id)) " — " (entry_title(&x.entry_id)) ": " (x.reason) " (" (x.source) ")" } } }
        @if setup && !judges.is_empty() && !entries.is_empty() {
            div.card { form.stack method="post" action={ "/contests/" (c.id) "/conflicts" } {
                label { (ctx.t(M::FieldJudge)) select name="judge_id" { @for j in judges { option value=(j.id) { (j.name) } } } }
                label { (ctx.t(M::FieldEntry)) select name="entry_id" { @for e in entries { option value=(e.id) { (e.title) } } } }
                label { (ctx.t(M::FieldReason)) input type="text" name="reason" required; }
                div { button.secondary type="submit" { (ctx.t(M::ButtonAdd)) } }
            } }
        }
    };
    page(ctx, ctx.t(M::Judges), body)
}

/// Judges × entries per cluster: ✓ assigned, ✗ conflict (affiliation or declared), with loads.
/// What the assignment matrix shows.
#[derive(Clone, Copy)]
pub struct MatrixData<'a> {
    pub judges: &'a [Judge],
    pub entries: &'a [Entry],
    pub assignments: &'a [Assignment],
    pub conflicts: &'a [Conflict],
}

pub fn matrix(
    ctx: &PageCtx,
    c: &Contest,
    data: &MatrixData,
    problem: &Problem,
    info: Option<&str>,
) -> Markup {
    use crate::domain::conflict::same_unit;
    let MatrixData {
        judges,
        entries,
        assignments,
        conflicts,
    } = *data;
    let assigned = |j: &UserId, e: &EntryId| {
        assignments
            .iter()
            .any(|a| a.judge_id == *j && a.entry_id == *e)
    };
    let conflicted = |j: &Judge, e: &Entry| {
        same_unit(&j.affiliation, &e.unit)
            || conflicts
                .iter()
                .any(|x| x.judge_id == j.id && x.entry_id == e.id)
    };
    let load = |j: &UserId| assignments.iter().filter(|a| a.judge_id == *j).count();
    let body = html! {
        h1 { (ctx.t(M::Assignments)) }
        (contest_nav(ctx, c))
        (super::components::notice(info))
        (problem_box(problem))
        @if allows(c.phase, Action::EditSetup) {
            div.card.actions {
                form.inline method="post" action={ "/contests/" (c.id) "/assignments/auto" } {
                    label { (ctx.t(M::FieldJudgesPerEntry)) input type="number" name="judges_per_entry" min="1" max="20" value="3"; }
                    button type="submit" { (ctx.t(M::ButtonAuto)) }
                }
                form.inline method="post" action={ "/contests/" (c.id) "/assignments/auto" } {
                    input type="hidden" name="mode" value="panel";
                    button.secondary type="submit" { (ctx.t(M::ButtonPanel)) }
                }
            }
        }
        @for cl in &c.clusters {
            @let cluster_entries: Vec<&Entry> = entries.iter().filter(|e| e.cluster_id == cl.id).collect();
            @if !cluster_entries.is_empty() {
                h2 { (cl.name) }
                div.table-wrap { table.matrix {
                    thead { tr { th { (ctx.t(M::FieldEntry)) } @for j in judges { th.num { (j.name) br; small { (ctx.t(M::Load)) " " (load(&j.id)) } } } } }
                    tbody { @for e in &cluster_entries { tr {
                        td { (e.title) br; small.muted { (e.unit) } }
                        @for j in judges {
                            td.num {
                                @if assigned(&j.id, &e.id) { span.badge.ok title="assigned" { "✓" } }
                                @else if conflicted(j, e) { span.badge.bad title=(ctx.t(M::Conflict)) { "✗ " (ctx.t(M::Conflict)) } }
                            }
                        }
                    } } }
                } }
            }
        }
    };
    page(ctx, ctx.t(M::Assignments), body)
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
        div.table-wrap { table {
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

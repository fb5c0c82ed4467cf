//! Committee screens for the people and entries of a contest: the entries, the judges with
//! their declared conflicts, and the assignment matrix.

use super::{contest_nav, problem_box, Problem};
use crate::domain::phase::{allows, Action};
use crate::i18n::setup::SetupMsg as M;
use crate::model::{ClusterId, EntryId, UserId};
use crate::services::contests::Contest;
use crate::services::entries::Entry;
use crate::services::judges::{Assignment, Conflict, Judge};
use crate::views::components::field;
use crate::views::layout::{page, PageCtx};
use maud::{html, Markup};

pub fn entries(
    ctx: &PageCtx,
    c: &Contest,
    list: &[Entry],
    problem: &Problem,
    info: Option<&str>,
) -> Markup {
    let errors = problem.for_form("entry");
    let setup = c.setup_open();
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
        (crate::views::components::notice(info))
        (problem_box(problem))
        p.no-print { a href={ "/api/v1/contests/" (c.id) "/entries/export.csv" } { (ctx.t(crate::i18n::proposal::ProposalMsg::Export)) } }
        div.table-wrap tabindex="0" { table {
            thead { tr { th { (ctx.t(M::FieldCluster)) } th { (ctx.t(M::FieldTitle)) } th { (ctx.t(M::FieldInnovator)) } th { (ctx.t(M::FieldUnit)) } th { span.sr-only { (ctx.t(crate::i18n::Msg::ColActions)) } } } }
            tbody { @for e in list { tr {
                td { (cluster_name(&e.cluster_id)) }
                td {
                    (e.title)
                    @if e.is_draft() { " " span.badge.warn { (ctx.t(crate::i18n::entrants::EntrantMsg::StatusDraft)) } }
                    br; small { a href={ "/contests/" (c.id) "/entries/" (e.id) "/documents" } { (ctx.t(crate::i18n::documents::DocumentMsg::Link)) } }
                }
                td { (e.innovator) } td { (e.unit) }
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
        div.table-wrap tabindex="0" { table {
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
        (crate::views::components::notice(info))
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
                div.table-wrap tabindex="0" { table.matrix {
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

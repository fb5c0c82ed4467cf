//! The committee's judging monitor.

use super::judging::progress_bar;
use super::layout::{page, PageCtx};
use crate::domain::phase::{allows, Action};
use crate::i18n::judging::JudgingMsg as M;
use crate::services::monitor::Monitor;
use maud::{html, Markup};

pub fn monitor_page(
    ctx: &PageCtx,
    m: &Monitor,
    alert: Option<&str>,
    notice: Option<&str>,
) -> Markup {
    let body = html! {
        h1 { (ctx.t(M::MonitorTitle)) }
        (super::components::notice(notice))
        (super::components::alert(alert))
        div.card { (progress_bar(ctx, m.overall.submitted, m.overall.assigned)) }
        h2 { (ctx.t(M::MonitorByCluster)) }
        div.table-wrap tabindex="0" { table {
            thead { tr { th { (ctx.t(M::FieldCluster)) } th.num { (ctx.t(M::ColAssigned)) } th.num { (ctx.t(M::ColDraft)) } th.num { (ctx.t(M::ColSubmitted)) } } }
            tbody { @for c in &m.clusters { tr {
                td { (c.name) } td.num { (c.progress.assigned) } td.num { (c.progress.draft) } td.num { (c.progress.submitted) }
            } } }
        } }
        h2 { (ctx.t(M::MonitorByJudge)) }
        div.table-wrap tabindex="0" { table {
            thead { tr { th { (ctx.t(M::ColJudge)) } th.num { (ctx.t(M::ColAssigned)) } th.num { (ctx.t(M::ColDraft)) } th.num { (ctx.t(M::ColSubmitted)) } } }
            tbody { @for j in &m.judges { tr {
                td { (j.name) br; small.muted { (j.email) } }
                td.num { (j.progress.assigned) } td.num { (j.progress.draft) } td.num { (j.progress.submitted) }
            } } }
        } }
        h2 { (ctx.t(M::MonitorRemind)) }
        @if m.remind.is_empty() { p.muted { (ctx.t(M::MonitorNoneMissing)) } }
        @else {
            label.muted for="remind" { (ctx.t(M::MonitorRemindHelp)) }
            textarea.copy #remind readonly rows="4" { (m.remind) }
        }
        h2 { (ctx.t(M::MonitorMissing)) }
        @if m.missing.is_empty() { p.muted { (ctx.t(M::MonitorNoneMissing)) } }
        @else {
            div.table-wrap tabindex="0" { table {
                thead { tr { th { (ctx.t(M::FieldCluster)) } th { (ctx.t(M::ColInnovation)) } th { (ctx.t(M::ColWaiting)) } } }
                tbody { @for e in &m.missing { tr {
                    td { (e.cluster_name) } td { (e.title) }
                    td { @for (name, status) in &e.waiting_for { (name) " (" (super::judging::status_badge(ctx, *status)) ")" br; } }
                } } }
            } }
        }
        h2 { (ctx.t(M::MonitorRecusals)) }
        @if m.recusals.is_empty() { p.muted { (ctx.t(M::MonitorNoRecusals)) } }
        @for r in &m.recusals {
            div.card {
                p { strong { (r.entry_title) } " — " (r.judge_name) br; span.muted { (r.reason) } }
                @if allows(m.phase, Action::EditSetup) || allows(m.phase, Action::Reassign) {
                    form.inline method="post" action={ "/contests/" (m.contest_id) "/monitor/assign" } {
                        input type="hidden" name="entry_id" value=(r.entry_id);
                        label { (ctx.t(M::ReassignTo))
                            select name="judge_id" {
                                @for (id, name) in m.judge_choices.iter().filter(|(id, _)| *id != r.judge_id) {
                                    option value=(id) { (name) }
                                }
                            }
                        }
                        button type="submit" { (ctx.t(M::ButtonReassign)) }
                    }
                }
            }
        }
    };
    page(ctx, ctx.t(M::MonitorTitle), body)
}

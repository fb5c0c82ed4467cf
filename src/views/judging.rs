//! Judging screens: the judge's list of assigned entries and the score sheet.

use super::layout::{page, PageCtx};
use crate::i18n::judging::JudgingMsg as M;
use crate::i18n::Text;
use crate::model::{ContestId, CriterionId, Phase, SheetProgress};
use crate::services::documents::Document;
use crate::services::judging::{Assignment, SheetView};
use maud::{html, Markup};
use std::collections::BTreeMap;

pub fn status_badge(ctx: &PageCtx, status: SheetProgress) -> Markup {
    let (class, msg) = match status {
        SheetProgress::Submitted => ("badge ok", M::StatusSubmitted),
        SheetProgress::Draft => ("badge warn", M::StatusDraft),
        SheetProgress::Pending => ("badge", M::StatusPending),
    };
    html! { span class=(class) { (ctx.t(msg)) } }
}

pub fn progress_bar(ctx: &PageCtx, done: usize, of: usize) -> Markup {
    let percent = (done * 100).checked_div(of).unwrap_or(0);
    html! {
        div.progress role="progressbar" aria-label=(ctx.t(M::ProgressName)) aria-valuemin="0" aria-valuemax=(of) aria-valuenow=(done) {
            span style={ "width:" (percent) "%" } {}
        }
        small { (ctx.text(&Text::with(M::Progress, [done, of]))) }
    }
}

/// The clusters of a contest's assignments, in order, each once.
fn cluster_names<'a>(items: &[&'a Assignment]) -> Vec<&'a str> {
    let mut names: Vec<&str> = items.iter().map(|a| a.cluster_name.as_str()).collect();
    names.dedup();
    names
}

/// The judge's section of the home page: per contest and cluster, the assigned entries.
pub fn assignments(ctx: &PageCtx, list: &[Assignment]) -> Markup {
    let mut by_contest: Vec<(ContestId, &str, Vec<&Assignment>)> = Vec::new();
    for a in list {
        match by_contest.iter_mut().find(|(id, _, _)| *id == a.contest_id) {
            Some((_, _, v)) => v.push(a),
            None => by_contest.push((a.contest_id, &a.contest_name, vec![a])),
        }
    }
    html! {
        h2 { (ctx.t(M::MyAssignments)) }
        @if list.is_empty() { p.muted { (ctx.t(M::NoAssignments)) } }
        @for (_, name, items) in &by_contest {
            section.card {
                h3 { (name) }
                // The stage being judged.
                @if let Some(stage) = items.first().and_then(|a| a.stage_name.as_deref()) {
                    p.muted { (stage) }
                }
                (progress_bar(ctx, items.iter().filter(|a| a.status == SheetProgress::Submitted).count(), items.len()))
                @let clusters = cluster_names(items);
                @for cluster in &clusters {
                    h4 { (cluster) }
                    ul.entries {
                        @for a in items.iter().filter(|a| a.cluster_name == *cluster) {
                            li {
                                a href={ "/contests/" (a.contest_id) "/entries/" (a.entry_id) "/sheet" } { (a.title) }
                                (status_badge(ctx, a.status))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// What the sheet page shows besides the stored sheet.
#[derive(Default)]
pub struct SheetState<'a> {
    /// Values as typed (after a refused save), criterion id → text.
    pub typed: Option<&'a BTreeMap<CriterionId, String>>,
    pub typed_comment: Option<&'a str>,
    /// criterion id → message.
    pub errors: BTreeMap<CriterionId, String>,
    pub alert: Option<String>,
    pub notice: Option<&'a str>,
    pub stale: bool,
    /// The entry's documents the judge may read.
    pub documents: &'a [Document],
    /// The entry's proposal (the IID form's fields).
    pub proposal: Option<&'a crate::domain::proposal::Proposal>,
}

/// "1.2 MB", "340 KB": a document's size as a phone user weighs a download.
pub fn size_text(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// A link that opens the document in the browser's own viewer (a new tab on a phone).
fn document_link(ctx: &PageCtx, d: &Document) -> Markup {
    html! {
        a href=(d.url) target="_blank" rel="noopener" { (d.name) }
        " " small.muted { "(" (ctx.t(super::entry_documents::kind_label(d.kind))) ", " (size_text(d.size)) ")" }
    }
}

pub fn sheet_page(
    ctx: &PageCtx,
    contest_id: ContestId,
    s: &SheetView,
    state: &SheetState,
) -> Markup {
    let action = format!("/contests/{contest_id}/entries/{}/sheet", s.entry.id);
    let value_of = |id: &CriterionId| -> String {
        match state.typed {
            Some(typed) => typed.get(id).cloned().unwrap_or_default(),
            None => s.scores.get(id).map(|v| v.to_string()).unwrap_or_default(),
        }
    };
    let body = html! {
        p.no-print { a href="/" { "← " (ctx.t(M::BackToList)) } }
        h1 { (s.entry.title) }
        p.muted { (s.entry.contest_name) " · " (ctx.t(M::FieldCluster)) " " (s.entry.cluster_name) " · " (status_badge(ctx, s.status)) }
        (super::components::notice(state.notice))
        @if state.stale {
            div.alert role="alert" { strong { (ctx.t(M::StaleTitle)) } br; (ctx.t(M::StaleHelp)) }
        }
        @if let Some(msg) = &state.alert { div.alert role="alert" { (msg) } }
        div.card {
            @match (&s.entry.innovator, &s.entry.unit) {
                (Some(innovator), Some(unit)) => {
                    p { strong { (ctx.t(M::FieldInnovator)) ": " } (innovator) br; strong { (ctx.t(M::FieldUnit)) ": " } (unit) }
                }
                _ => { p.muted { (ctx.t(M::HiddenBlind)) } }
            }
            @if !s.entry.description.is_empty() { p { (s.entry.description) } }
            @if let Some(link) = &s.entry.link { p { a href=(link) rel="noopener noreferrer" target="_blank" { (link) } } }
        }
        @if let Some(p) = state.proposal { (super::proposal::view(ctx, p)) }
        @let pinned = |id: &CriterionId| s.criteria.iter().any(|c| c.id == *id);
        @let general: Vec<&Document> = state.documents.iter().filter(|d| !d.criterion_id.as_ref().is_some_and(pinned)).collect();
        @if !general.is_empty() {
            section.card.documents {
                h2 { (ctx.t(M::Documents)) }
                ul { @for d in &general { li { (document_link(ctx, d)) } } }
            }
        }
        @if s.read_only {
            p.alert { (ctx.t(if s.phase == Phase::Setup { M::NotOpen } else { M::ReadOnly })) }
        }
        form.stack #sheet-form method="post" action=(action) {
            input type="hidden" name="version" value=(s.version);
            @for c in &s.criteria {
                @let error = state.errors.get(&c.id);
                fieldset.criterion {
                    legend { (c.name) }
                    @if !c.description.is_empty() { p.muted { (c.description) } }
                    @let evidence: Vec<&Document> = state.documents.iter().filter(|d| d.criterion_id == Some(c.id)).collect();
                    @if !evidence.is_empty() {
                        p.evidence { strong { (ctx.t(M::Evidence)) ": " }
                            @for (i, d) in evidence.iter().enumerate() { @if i > 0 { "; " } (document_link(ctx, d)) }
                        }
                    }
                    @if !c.levels.is_empty() {
                        ul.levels { @for l in &c.levels { li { (l.min) "–" (l.max) ": " (l.label) } } }
                    }
                    label {
                        span.hint { (ctx.text(&Text::with(M::Range, [c.min_score, c.max_score, c.weight]))) }
                        input type="number" inputmode="numeric" step="1" name={ "score_" (c.id) }
                            min=(c.min_score) max=(c.max_score) data-weight=(c.weight) data-max=(c.max_score)
                            value=(value_of(&c.id)) disabled[s.read_only]
                            aria-invalid=[error.map(|_| "true")];
                        @if let Some(msg) = error { span.field-error { (msg) } }
                    }
                }
            }
            label {
                (ctx.t(M::FieldComment))
                textarea name="comment" rows="3" disabled[s.read_only] { (state.typed_comment.unwrap_or(&s.comment)) }
            }
            p { (ctx.t(M::Total)) ": " span.total #live-total { (s.total_display) } }
            @if !s.read_only {
                div.sticky-actions {
                    button.secondary type="submit" name="action" value="draft" { (ctx.t(M::ButtonDraft)) }
                    button type="submit" name="action" value="submit" { (ctx.t(M::ButtonSubmit)) }
                }
            }
        }
        @if !s.read_only && s.status != SheetProgress::Submitted {
            details.card {
                summary { (ctx.t(M::RecuseTitle)) }
                p.muted { (ctx.t(M::RecuseHelp)) }
                form.stack method="post" action={ "/contests/" (contest_id) "/entries/" (s.entry.id) "/recusal" } {
                    label { (ctx.t(M::FieldReason)) textarea name="reason" required rows="2" {} }
                    div { button.danger type="submit" { (ctx.t(M::ButtonRecuse)) } }
                }
            }
        }
        script src="/static/sheet.js" defer {}
    };
    page(ctx, ctx.t(M::SheetTitle), body)
}

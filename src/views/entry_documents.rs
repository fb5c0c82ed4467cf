//! The committee's screen of one entry's documents: what is stored, what judges see, and the
//! upload form while the entry may change.

use super::layout::{page, PageCtx};
use super::setup::{contest_nav, Problem};
use crate::i18n::documents::DocumentMsg as M;
use crate::i18n::Text;
use crate::model::{DocumentKind, Phase};
use crate::services::contests::{Contest, Criterion};
use crate::services::documents::{Document, Limits};
use crate::services::entries::Entry;
use maud::{html, Markup};

pub use crate::i18n::documents::kind_label;

/// What the screen shows.
pub struct EntryDocuments<'a> {
    pub contest: &'a Contest,
    pub entry: &'a Entry,
    pub documents: &'a [Document],
    pub limits: Limits,
    pub problem: Option<&'a Problem>,
    pub notice: Option<&'a str>,
    /// What a refused edit sent, shown again instead of the stored values.
    pub posted: Option<&'a super::entrant::EntryValues>,
}

pub fn entry_documents_page(ctx: &PageCtx, s: &EntryDocuments) -> Markup {
    let c = s.contest;
    let base = format!("/contests/{}/entries/{}/documents", c.id, s.entry.id);
    let body = html! {
        h1 { (ctx.text(&Text::with(M::Title, [s.entry.title.clone()]))) }
        (contest_nav(ctx, c))
        p.no-print { a href={ "/contests/" (c.id) "/entries" } { "← " (ctx.t(M::Back)) } }
        (super::components::notice(s.notice))
        @if let Some(p) = s.problem { (super::setup::problem_box(p)) }
        @if c.blind { div.alert { (ctx.t(M::BlindWarning)) } }
        @if c.setup_open() {
            @let stored = super::entrant::EntryValues::of(s.entry);
            @let errors = s.problem.map(|p| p.for_form("entry")).unwrap_or_default();
            details.card open[s.posted.is_some()] {
                summary { (ctx.t(crate::i18n::proposal::ProposalMsg::EditTitle)) }
                form.stack method="post" action={ "/contests/" (c.id) "/entries/" (s.entry.id) "/edit" } {
                    (super::entrant::entry_fields(ctx, &super::entrant::EntryFields {
                        clusters: &c.clusters.iter().map(|cl| (cl.id, cl.name.clone())).collect::<Vec<_>>(),
                        values: Some(s.posted.unwrap_or(&stored)),
                        errors: &errors,
                        required: &c.required_fields,
                        with_unit: true,
                    }))
                    div { button type="submit" { (ctx.t(crate::i18n::proposal::ProposalMsg::ButtonSave)) } }
                }
            }
        } @else {
            (super::proposal::view(ctx, &s.entry.proposal()))
        }
        (documents_table(ctx, &DocumentsTable {
            documents: s.documents,
            criteria: &c.criteria,
            base: &base,
            can_hide: c.phase != Phase::Published,
            can_delete: c.setup_open(),
        }))
        @if c.setup_open() {
            (upload_form(ctx, &base, &c.criteria, s.limits, Some(c.blind)))
        }
    };
    page(
        ctx,
        &ctx.text(&Text::with(M::Title, [s.entry.title.clone()])),
        body,
    )
}

/// A list of documents and what the reader may do with each.
pub struct DocumentsTable<'a> {
    pub documents: &'a [Document],
    pub criteria: &'a [Criterion],
    /// The path the per-document forms post under (`{base}/{id}/delete`, `…/hidden`).
    pub base: &'a str,
    pub can_hide: bool,
    pub can_delete: bool,
}

/// The documents, each with its kind, the criterion it supports and its size.
pub fn documents_table(ctx: &PageCtx, t: &DocumentsTable) -> Markup {
    let criterion = |d: &Document| {
        d.criterion_id
            .and_then(|id| t.criteria.iter().find(|x| x.id == id))
            .map(|x| x.name.clone())
            .unwrap_or_default()
    };
    let base = t.base;
    html! {
        @if t.documents.is_empty() { p.muted { (ctx.t(M::NoDocuments)) } }
        @else {
            div.table-wrap tabindex="0" { table {
                thead { tr {
                    th { (ctx.t(M::ColName)) } th { (ctx.t(M::ColKind)) } th { (ctx.t(M::ColCriterion)) } th.num { (ctx.t(M::ColSize)) }
                    th { span.sr-only { (ctx.t(crate::i18n::Msg::ColActions)) } }
                } }
                tbody { @for d in t.documents { tr {
                    td {
                        a href=(d.url) target="_blank" rel="noopener" { (d.name) }
                        @if d.hidden_from_judges { " " span.badge { (ctx.t(M::HiddenBadge)) } }
                    }
                    td { (ctx.t(kind_label(d.kind))) }
                    td { (criterion(d)) }
                    td.num { (super::judging::size_text(d.size)) }
                    td {
                        @if t.can_hide {
                            form method="post" action={ (base) "/" (d.id) "/hidden" } {
                                input type="hidden" name="hidden" value=(!d.hidden_from_judges);
                                button.secondary type="submit" { (ctx.t(if d.hidden_from_judges { M::ButtonShow } else { M::ButtonHide })) }
                            }
                        }
                        @if t.can_delete {
                            form method="post" action={ (base) "/" (d.id) "/delete" } {
                                button.danger type="submit" aria-label={ "× " (d.name) } { "×" }
                            }
                        }
                    }
                } } }
            } }
        }
    }
}

/// The upload form posting to `action`; `hide` offers the hide-from-judges box (ticked when
/// `Some(true)`), for the committee only.
pub fn upload_form(
    ctx: &PageCtx,
    action: &str,
    criteria: &[Criterion],
    limits: Limits,
    hide: Option<bool>,
) -> Markup {
    let mb = |n: u64| n / (1024 * 1024);
    html! {
        h2 { (ctx.t(M::ButtonUpload)) }
        div.card {
            p.muted { (ctx.text(&Text::with(M::Help, [mb(limits.per_file), mb(limits.per_entry)]))) }
            form.stack method="post" action=(action) enctype="multipart/form-data" {
                label { (ctx.t(M::FieldFile)) input type="file" name="file" accept=".pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/jpeg,image/png,image/webp" required; }
                label { (ctx.t(M::FieldKind))
                    select name="kind" { @for kind in DocumentKind::ALL { option value=(kind) { (ctx.t(kind_label(*kind))) } } }
                }
                label { (ctx.t(M::FieldCriterion))
                    select name="criterion_id" {
                        option value="" { (ctx.t(M::NoCriterion)) }
                        @for x in criteria { option value=(x.id) { (x.name) } }
                    }
                }
                @if let Some(ticked) = hide {
                    label { input type="checkbox" name="hidden_from_judges" value="true" checked[ticked]; " " (ctx.t(M::FieldHidden)) }
                }
                div { button type="submit" { (ctx.t(M::ButtonUpload)) } }
            }
        }
    }
}

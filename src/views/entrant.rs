//! The entrant's screens: its home (each contest's registration and its unit's entries with
//! their progress) and one entry (its data, documents, submission).

use super::components::{field, FormErrors};
use super::entry_documents::{documents_table, upload_form, DocumentsTable};
use super::layout::{page, PageCtx};
use crate::i18n::entrants::EntrantMsg as E;
use crate::i18n::setup::SetupMsg as S;
use crate::i18n::Text;
use crate::services::contests::Criterion;
use crate::services::documents::{Document, Limits};
use crate::services::entrant_home::{EntrantContest, EntryProgress, EntryStatus, Step};
use maud::{html, Markup};

fn status_label(status: EntryStatus) -> E {
    match status {
        EntryStatus::Draft => E::StatusDraft,
        EntryStatus::Submitted => E::StatusSubmitted,
        EntryStatus::Eligible => E::StatusEligible,
        EntryStatus::NotEligible => E::StatusNotEligible,
        EntryStatus::Finalist => E::StatusFinalist,
        EntryStatus::Stopped => E::StatusStopped,
        EntryStatus::Ranked => E::StatusRanked,
        EntryStatus::Winner => E::StatusWinner,
    }
}

fn registration_line(ctx: &PageCtx, c: &EntrantContest) -> String {
    match (c.registration.open, c.registration.deadline) {
        (true, Some(at)) => ctx.text(&Text::with(
            E::RegistrationOpenUntil,
            [at.format("%Y-%m-%d %H:%M").to_string()],
        )),
        (true, None) => ctx.t(E::RegistrationOpen).to_string(),
        (false, _) => ctx.t(E::RegistrationClosed).to_string(),
    }
}

fn entry_path(c: &EntrantContest, e: &EntryProgress) -> String {
    format!("/entrant/contests/{}/entries/{}", c.contest_id, e.entry.id)
}

/// The entrant's section of the home page.
pub fn home_section(ctx: &PageCtx, contests: &[EntrantContest]) -> Markup {
    html! {
        @if contests.is_empty() { p.muted { (ctx.t(E::NoContests)) } }
        @for c in contests {
            section.card {
                h2 { (super::documents::name_with_year(&c.name, c.year)) }
                p.muted { (ctx.text(&Text::with(E::UnitLabel, [c.unit.clone()]))) " · " (registration_line(ctx, c)) }
                @if c.entries.is_empty() { p.muted { (ctx.t(E::NoEntries)) } }
                ul.entrant-entries {
                    @for e in &c.entries {
                        li {
                            a href=(entry_path(c, e)) { (e.entry.title) }
                            " " span.badge { (ctx.t(status_label(e.status))) }
                            br; small.muted { (e.cluster) " · " (ctx.text(&Text::with(E::Documents, [e.documents]))) }
                            @if e.entry.is_draft() && !e.missing.is_empty() { (super::proposal::gaps(ctx, &e.missing)) }
                            (steps(ctx, &e.steps))
                        }
                    }
                }
                @if c.registration.open {
                    p { a.button href={ "/entrant/contests/" (c.contest_id) "/entries/new" } { (ctx.t(E::NewEntry)) } }
                }
            }
        }
    }
}

/// What happened to an entry, in words.
pub fn steps(ctx: &PageCtx, steps: &[Step]) -> Markup {
    html! {
        @if !steps.is_empty() {
            ol.steps {
                @for s in steps { li { (step_text(ctx, s)) } }
            }
        }
    }
}

fn step_text(ctx: &PageCtx, step: &Step) -> String {
    match step {
        Step::Screened {
            stage,
            eligible: true,
            ..
        } => ctx.text(&Text::with(E::StepScreened, [stage.clone()])),
        Step::Screened { stage, failed, .. } => ctx.text(&Text::with(
            E::StepNotEligible,
            [stage.clone(), failed.join("; ")],
        )),
        Step::Scored {
            stage,
            rank,
            score_display,
            advances,
            next_stage,
        } => {
            let mut line = match (rank, score_display) {
                (Some(rank), Some(score)) => ctx.text(&Text::with(
                    E::StepScored,
                    [stage.clone(), rank.to_string(), score.clone()],
                )),
                _ => ctx.text(&Text::with(E::StepStageDone, [stage.clone()])),
            };
            if let Some(next) = next_stage {
                let key = if *advances {
                    E::StepAdvanced
                } else {
                    E::StepStopped
                };
                line.push(' ');
                line.push_str(&ctx.text(&Text::with(key, [next.clone()])));
            }
            line
        }
        Step::Ranked {
            rank,
            score_display,
            prize,
            ..
        } => {
            let mut line = ctx.text(&Text::with(
                E::StepRanked,
                [rank.to_string(), score_display.clone()],
            ));
            if let Some(p) = prize {
                line.push(' ');
                line.push_str(&ctx.text(&Text::with(E::StepPrize, [p.clone()])));
            }
            line
        }
    }
}

/// The values of the entry form.
#[derive(Clone, Debug, Default)]
pub struct EntryValues {
    pub cluster_id: Option<crate::model::ClusterId>,
    pub title: String,
    pub innovator: String,
    pub description: String,
    pub link: String,
    pub unit: String,
    pub proposal: crate::domain::proposal::Proposal,
}

impl EntryValues {
    pub fn of(e: &crate::db::entries::Entry) -> EntryValues {
        EntryValues {
            cluster_id: Some(e.cluster_id),
            title: e.title.clone(),
            innovator: e.innovator.clone(),
            description: e.description.clone(),
            link: e.link.clone().unwrap_or_default(),
            unit: e.unit.clone(),
            proposal: e.proposal(),
        }
    }
}

/// What the fields of an entry's form show.
pub struct EntryFields<'a> {
    /// The clusters it may be filed in: (id, name).
    pub clusters: &'a [(crate::model::ClusterId, String)],
    pub values: Option<&'a EntryValues>,
    pub errors: &'a FormErrors,
    pub required: &'a [crate::model::ProposalField],
    /// The committee's form names the unit; an entrant's entries are its own unit's.
    pub with_unit: bool,
}

/// The fields of an entry with its proposal (the entrant's form and the committee's).
pub fn entry_fields(ctx: &PageCtx, f: &EntryFields) -> Markup {
    let value = |get: fn(&EntryValues) -> String| f.values.map(get).unwrap_or_default();
    html! {
        label { (ctx.t(S::FieldCluster))
            select name="cluster_id" {
                @for (id, name) in f.clusters {
                    option value=(id) selected[f.values.is_some_and(|v| v.cluster_id == Some(*id))] { (name) }
                }
            }
        }
        (field(ctx.t(S::FieldTitle), "title", "text", &value(|e| e.title.clone()), f.errors, html! {}))
        (field(ctx.t(S::FieldInnovator), "innovator", "text", &value(|e| e.innovator.clone()), f.errors, html! {}))
        @if f.with_unit {
            (field(ctx.t(S::FieldUnit), "unit", "text", &value(|e| e.unit.clone()), f.errors, html! {}))
        }
        label { (ctx.t(S::FieldDescription))
            textarea name="description" rows="6" { (value(|e| e.description.clone())) }
            @if let Some(m) = f.errors.for_field("description") { span.field-error { (m) } }
        }
        (field(ctx.t(S::FieldLink), "link", "url", &value(|e| e.link.clone()), f.errors, html! {}))
        (super::proposal::inputs(ctx, &f.values.map(|v| v.proposal.clone()).unwrap_or_default(), f.errors, f.required))
    }
}

/// One entry's screen for its entrant (`entry` `None`: the form of a new one).
pub struct EntryScreen<'a> {
    pub contest: &'a EntrantContest,
    pub entry: Option<&'a EntryProgress>,
    pub documents: &'a [Document],
    pub criteria: &'a [Criterion],
    pub limits: Limits,
    pub errors: FormErrors,
    /// A refusal that belongs to no field (shown above everything).
    pub alert: Option<String>,
    pub notice: Option<&'a str>,
    /// What a refused form sent, shown again instead of the stored values.
    pub posted: Option<&'a EntryValues>,
    /// Once published, the entry's report.
    pub report: Option<&'a crate::services::entry_report::EntryReport>,
}

pub fn entry_page(ctx: &PageCtx, s: &EntryScreen) -> Markup {
    let c = s.contest;
    let writable = c.registration.open;
    let title = s
        .entry
        .map(|e| e.entry.title.clone())
        .unwrap_or_else(|| ctx.t(E::NewEntryTitle).to_string());
    let action = match s.entry {
        Some(e) => entry_path(c, e),
        None => format!("/entrant/contests/{}/entries", c.contest_id),
    };
    let stored = s.entry.map(|e| EntryValues::of(&e.entry));
    let v = s.posted.or(stored.as_ref());
    let body = html! {
        h1 { (title) }
        p.no-print { a href="/" { "← " (ctx.t(E::Back)) } }
        p.muted { (super::documents::name_with_year(&c.name, c.year)) " · " (ctx.text(&Text::with(E::UnitLabel, [c.unit.clone()]))) " · " (registration_line(ctx, c)) }
        (super::components::notice(s.notice))
        (super::components::alert(s.alert.as_deref()))
        @if let Some(e) = s.entry {
            p { span.badge { (ctx.t(status_label(e.status))) } }
            @if !e.missing.is_empty() { (super::proposal::gaps(ctx, &e.missing)) }
            @if !e.steps.is_empty() { h2 { (ctx.t(E::Progress)) } (steps(ctx, &e.steps)) }
        }
        @if let Some(r) = s.report { (report(ctx, r)) }
        @if writable {
            div.card {
                form.stack method="post" action=(action) {
                    (entry_fields(ctx, &EntryFields {
                        clusters: &c.clusters.iter().map(|cl| (cl.id, cl.name.clone())).collect::<Vec<_>>(),
                        values: v,
                        errors: &s.errors,
                        required: &c.required_fields,
                        with_unit: false,
                    }))
                    div { button type="submit" { (ctx.t(E::ButtonSave)) } }
                }
            }
        } @else if let Some(e) = s.entry {
            section.card.proposal { dl {
                dt { (ctx.t(S::FieldCluster)) } dd { (e.cluster) }
                dt { (ctx.t(S::FieldInnovator)) } dd { (e.entry.innovator) }
                dt { (ctx.t(S::FieldDescription)) } dd.prose { (e.entry.description) }
            } }
            (super::proposal::view(ctx, &e.entry.proposal()))
        }
        @if let Some(e) = s.entry {
            h2 { (ctx.text(&Text::with(E::Documents, [s.documents.len()]))) }
            (documents_table(ctx, &DocumentsTable {
                documents: s.documents,
                criteria: s.criteria,
                base: &format!("{action}/documents"),
                can_hide: false,
                can_delete: writable,
            }))
            @if !c.required_documents.is_empty() {
                p.muted { (ctx.t(crate::i18n::proposal::ProposalMsg::RequiredTitle)) ": "
                    @for (i, k) in c.required_documents.iter().enumerate() {
                        @if i > 0 { ", " } (ctx.t(crate::i18n::documents::kind_label(*k)))
                    }
                }
            }
            @if writable {
                @if c.blind { div.alert { (ctx.t(E::BlindWarning)) } }
                (upload_form(ctx, &format!("{action}/documents"), s.criteria, s.limits, None))
                @if e.entry.is_draft() {
                    div.card {
                        p { (ctx.t(E::SubmitHelp)) }
                        form method="post" action={ (action) "/submit" } {
                            button type="submit" { (ctx.t(E::ButtonSubmit)) }
                        }
                    }
                }
                form method="post" action={ (action) "/delete" } {
                    button.danger type="submit" { (ctx.t(E::ButtonDelete)) }
                }
            }
        }
    };
    page(ctx, &title, body)
}

/// An entry's report: its final rank, then per scored stage its score and each criterion
/// beside the cluster's mean, then the released comments.
pub fn report(ctx: &PageCtx, r: &crate::services::entry_report::EntryReport) -> Markup {
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    html! {
        h2 { (ctx.t(E::ReportTitle)) }
        @if let (Some(rank), Some(score)) = (r.rank, &r.score_display) {
            p { strong { (ctx.text(&Text::with(E::ReportFinal, [rank.to_string(), score.clone()]))) }
                @if let Some(p) = &r.prize { " " (ctx.text(&Text::with(E::StepPrize, [p.clone()]))) } }
        }
        p.muted { (ctx.t(E::ReportIntro)) }
        @for s in &r.stages {
            h3 { (s.name) " (" (s.weight) "%)" }
            div.table-wrap tabindex="0" { table {
                thead { tr { th { (ctx.t(E::ColCriterion)) } th.num { (ctx.t(E::ColOwn)) } th.num { (ctx.t(E::ColClusterMean)) } } }
                tbody {
                    @for k in &s.criteria { tr {
                        td { (k.name) " (" (k.weight) "%, 0–" (k.max_score) ")" }
                        td.num { (dash(&k.figure.own)) } td.num { (dash(&k.figure.cluster_mean)) }
                    } }
                    tr { th { (ctx.t(E::ColStageScore)) } th.num { (dash(&s.score.own)) } th.num { (dash(&s.score.cluster_mean)) } }
                }
            } }
        }
        @if let Some(comments) = &r.comments {
            h3 { (ctx.t(E::Comments)) }
            @if comments.is_empty() { p.muted { (ctx.t(E::NoComments)) } }
            ul { @for c in comments { li { small.muted { (c.stage) } br; (c.text) } } }
        }
    }
}

//! A stage's own page: its ranking (or its screening, decided here entry by entry), who goes
//! on, the order of a tie at its cut, sealing it; and its documents — the berita acara of the
//! stage and the announcement of who goes on (pengumuman nominasi).

use super::layout::{page, PageCtx};
use super::setup::{
    advance_text, contest_nav, kind_label, problem_box, stage_phase_label, Problem,
};
use crate::i18n::stages::StageMsg as M;
use crate::i18n::Text;
use crate::model::{StageKind, StagePhase};
use crate::services::contests::Contest;
use crate::services::stage_results::{StageCluster, StageResults};
use crate::services::stages::Stage;
use maud::{html, Markup};

/// Everything the stage page shows.
pub struct StagePage<'a> {
    pub contest: &'a Contest,
    pub stage: &'a Stage,
    pub stages: usize,
    pub results: &'a StageResults,
    /// The stage is the contest's current one (the first not sealed).
    pub current: bool,
    /// The stage after this one, if any.
    pub next: Option<&'a Stage>,
    /// A scored stage's rubric.
    pub rubric: &'a [crate::services::contests::Criterion],
    /// What each entry lacks against the committee's requirements (screening stages).
    pub gaps: &'a std::collections::HashMap<crate::model::EntryId, crate::services::proposal::Gaps>,
}

pub fn stage_page(ctx: &PageCtx, p: &StagePage, problem: &Problem, info: Option<&str>) -> Markup {
    let s = p.stage;
    let base = format!("/contests/{}/stages/{}", p.contest.id, s.id);
    let screening_open =
        s.kind == StageKind::Screening && s.phase == StagePhase::Judging && p.current;
    let can_resolve = s.phase == StagePhase::Closed && p.current && p.next.is_some();
    let body = html! {
        h1 { (s.name) }
        (contest_nav(ctx, p.contest))
        (super::components::notice(info))
        // A screening refusal shows on its entry's form; any other above everything.
        @if !problem.form.starts_with("screening-") { (problem_box(problem)) }
        p {
            (ctx.text(&Text::with(M::StageOf, [s.position.to_string(), p.stages.to_string()]))) " · "
            (ctx.t(kind_label(s.kind))) " · " (s.weight) "% · "
            (ctx.text(&advance_text(&s.advance))) " · "
            span.badge { (ctx.t(stage_phase_label(s.phase))) }
        }
        (digests(ctx, p.results))
        @if s.kind == StageKind::Scored {
            details.card open[s.phase == StagePhase::Setup] {
                summary { (ctx.t(M::StageRubric)) }
                (super::setup::criteria_table(ctx, p.rubric))
                @if s.phase == StagePhase::Setup {
                    (super::setup::criterion_form(ctx, &format!("{base}/criteria"), &problem.for_form("criterion")))
                }
            }
        }
        @if s.kind == StageKind::Scored && s.phase != StagePhase::Setup {
            p.no-print { a href={ (base) "/analysis" } { (ctx.t(crate::i18n::analysis::AnalysisMsg::Link)) } }
        }
        @if p.results.sealed {
            nav.actions.no-print {
                a.button.secondary href={ (base) "/berita-acara" } { (ctx.t(M::LinkStageMinutes)) }
                @if p.next.is_some() { a.button.secondary href={ (base) "/nominasi" } { (ctx.t(M::LinkNominees)) } }
            }
        }
        @for cluster in &p.results.clusters {
            section.card {
                h2 { (cluster.name) }
                @if cluster.standings.is_empty() && cluster.unscored.is_empty() && cluster.screening.is_empty() {
                    p.muted { (ctx.t(M::NoEntriesInStage)) }
                } @else if s.kind == StageKind::Screening {
                    (screening_table(ctx, &base, cluster, s.checklist.as_deref().unwrap_or_default(), screening_open, problem, p.gaps))
                } @else {
                    (standings(ctx, cluster))
                    @if can_resolve && !cluster.tie_at_cut.is_empty() { (tie_form(ctx, p, cluster)) }
                }
            }
        }
        @if p.current && p.next.is_some() && s.phase == StagePhase::Closed {
            form.card.stack method="post" action={ (base) "/seal" } {
                h2 { (ctx.t(M::SealTitle)) }
                p.muted { (ctx.t(M::SealHelp)) }
                div { button type="submit" { (ctx.t(M::ButtonSeal)) } }
            }
        }
    };
    page(ctx, &s.name, body)
}

fn digests(ctx: &PageCtx, r: &StageResults) -> Markup {
    html! {
        @match &r.digest {
            Some(d) => { p.notice { (ctx.text(&Text::with(M::SealedLabel, [d.clone()]))) } }
            None => { p.alert.provisional { strong { (ctx.t(M::ProvisionalStage)) } } }
        }
        @if let Some(previous) = &r.previous_digest {
            p.digest { small { (ctx.text(&Text::with(M::PreviousDigest, [previous.clone()]))) } }
        }
    }
}

/// A scored stage's ranking with who advances.
fn standings(ctx: &PageCtx, cluster: &StageCluster) -> Markup {
    html! {
        div.table-wrap tabindex="0" { table {
            thead { tr {
                th.num { (ctx.t(M::ColRank)) } th { (ctx.t(M::ColEntry)) } th.num { (ctx.t(M::ColScore)) }
                th { (ctx.t(M::ColComplete)) } th { (ctx.t(M::ColAdvances)) }
            } }
            tbody {
                @for r in &cluster.standings { tr {
                    td.num { (r.rank) }
                    td { (r.title) }
                    td.num { (r.score_display) }
                    td { @if r.complete { (ctx.t(M::Yes)) } @else { span.badge.warn { (ctx.t(M::No)) } " " small { (r.missing_judges.join(", ")) } } }
                    td { @if r.advances { strong { (ctx.t(M::Yes)) } } @else { (ctx.t(M::No)) } }
                } }
                @for e in &cluster.unscored { tr {
                    td.num { "–" }
                    td { (e.title) }
                    td.num { "–" }
                    td { span.badge.warn { (ctx.t(M::Unscored)) } " " small { (e.missing_judges.join(", ")) } }
                    td { (ctx.t(M::No)) }
                } }
            }
        } }
    }
}

/// The committee orders the entries tied at the cut (the same decision, audited, as a tie in
/// the prize zone).
fn tie_form(ctx: &PageCtx, p: &StagePage, cluster: &StageCluster) -> Markup {
    let action = format!(
        "/contests/{}/stages/{}/tie-resolution/{}",
        p.contest.id, p.stage.id, cluster.cluster_id
    );
    let group: Vec<(String, String)> = cluster
        .tie_at_cut
        .iter()
        .map(|id| {
            let title = cluster
                .standings
                .iter()
                .find(|r| &r.entry_id == id)
                .map(|r| r.title.clone())
                .unwrap_or_default();
            (id.clone(), title)
        })
        .collect();
    html! {
        div.card.no-print {
            h3 { (ctx.t(M::TieAtCutTitle)) }
            p.muted { (ctx.t(M::TieAtCutHelp)) }
            (super::results::tie_order_form(ctx, &action, &group))
        }
    }
}

/// Every entry of a screening cluster with its decision; while the stage is open, a form per
/// entry (eligible or not, the failed checklist items, a note).
fn screening_table(
    ctx: &PageCtx,
    base: &str,
    cluster: &StageCluster,
    checklist: &[String],
    open: bool,
    problem: &Problem,
    gaps: &std::collections::HashMap<crate::model::EntryId, crate::services::proposal::Gaps>,
) -> Markup {
    html! {
        @if open { p.muted { (ctx.t(M::ScreeningHelp)) } }
        @for r in &cluster.screening {
            @let form = format!("screening-{}", r.entry_id);
            @let errors = problem.for_form(&form);
            div.card {
                h3 { (r.title) }
                @if let Some(gap) = r.entry_id.parse().ok().and_then(|id| gaps.get(&id)) {
                    (super::proposal::gaps(ctx, gap))
                }
                p {
                    @match r.eligible {
                        Some(true) => { strong { (ctx.t(M::EligibleYes)) } }
                        Some(false) => { span.badge.warn { (ctx.t(M::EligibleNo)) } }
                        None => { span.muted { (ctx.t(M::Undecided)) } }
                    }
                    @if !r.failed.is_empty() { " · " (r.failed.join("; ")) }
                    @if !r.note.is_empty() { " · " em { (r.note) } }
                }
                @if open {
                    form.stack method="post" action={ (base) "/screening/" (r.entry_id) } {
                        @if let Some(msg) = &errors.message { div.alert role="alert" { (msg) } }
                        fieldset {
                            legend { (ctx.t(M::FieldEligible)) }
                            label { input type="radio" name="eligible" value="true" checked[r.eligible != Some(false)]; " " (ctx.t(M::EligibleYes)) }
                            label { input type="radio" name="eligible" value="false" checked[r.eligible == Some(false)]; " " (ctx.t(M::EligibleNo)) }
                        }
                        fieldset {
                            legend { (ctx.t(M::FieldFailed)) }
                            @for item in checklist {
                                label { input type="checkbox" name="failed" value=(item) checked[r.failed.contains(item)]; " " (item) }
                            }
                        }
                        label { (ctx.t(M::FieldNote)) textarea name="note" rows="2" { (r.note) } }
                        div { button type="submit" { (ctx.t(M::ButtonScreen)) } }
                    }
                }
            }
        }
    }
}

/// The berita acara of a sealed stage: who advanced and who did not, with why, and its digest.
pub fn stage_minutes(
    ctx: &PageCtx,
    contest: &Contest,
    r: &StageResults,
    date: chrono::NaiveDate,
) -> Markup {
    let body = html! {
        article.document {
            p.no-print.muted { (ctx.t(crate::i18n::results::ResultsMsg::PrintHint)) }
            @if !r.sealed { p.alert { strong { (ctx.t(M::ProvisionalStage)) } } }
            h1.center { (ctx.text(&Text::with(M::StageMinutesTitle, [r.stage.name.clone()]))) br; (super::documents::name_with_year(&contest.name, contest.year)) }
            p { (ctx.text(&Text::with(M::StageMinutesIntro, [super::documents::long_date(ctx.lang, date), super::documents::name_with_year(&contest.name, contest.year), r.stage.name.clone()]))) }
            @for cluster in &r.clusters {
                h2 { (cluster.name) }
                h3 { (ctx.t(M::MinutesAdvanced)) }
                table {
                    thead { tr { th.num { "#" } th { (ctx.t(M::ColEntry)) } th.num { (ctx.t(M::ColScore)) } } }
                    tbody { @for (i, id) in cluster.shortlist.iter().enumerate() { tr {
                        td.num { (i + 1) }
                        td { (title_of(cluster, id)) }
                        td.num { (score_of(cluster, id)) }
                    } } }
                }
                h3 { (ctx.t(M::MinutesStopped)) }
                table {
                    thead { tr { th { (ctx.t(M::ColEntry)) } th.num { (ctx.t(M::ColScore)) } th { (ctx.t(M::ColReason)) } } }
                    tbody {
                        @for row in cluster.standings.iter().filter(|row| !cluster.shortlist.contains(&row.entry_id)) { tr {
                            td { (row.title) } td.num { (row.score_display) } td { (ctx.t(M::ReasonBelowCut)) }
                        } }
                        @for e in &cluster.unscored { tr {
                            td { (e.title) } td.num { "–" } td { (ctx.t(M::ReasonNotScored)) }
                        } }
                        @for row in cluster.screening.iter().filter(|row| row.eligible != Some(true)) { tr {
                            td { (row.title) } td.num { "–" }
                            td { (ctx.t(M::ReasonNotEligible)) @if !row.failed.is_empty() { ": " (row.failed.join("; ")) } @if !row.note.is_empty() { " — " (row.note) } }
                        } }
                    }
                }
            }
            div.signatures {
                div.signature {
                    p { (ctx.t(crate::i18n::results::ResultsMsg::MinutesCommittee)) }
                    p.sign-line { "(............................................)" }
                }
            }
            (digests(ctx, r))
        }
    };
    page(ctx, ctx.t(M::LinkStageMinutes), body)
}

/// The announcement of who goes on to the next stage, per cluster.
pub fn nominees(ctx: &PageCtx, contest: &Contest, r: &StageResults, next: &str) -> Markup {
    let body = html! {
        article.document {
            p.no-print.muted { (ctx.t(crate::i18n::results::ResultsMsg::PrintHint)) }
            h1.center { (ctx.text(&Text::with(M::NomineesTitle, [super::documents::name_with_year(&contest.name, contest.year)]))) }
            p { (ctx.text(&Text::with(M::NomineesIntro, [r.stage.name.clone(), next.to_string()]))) }
            @for cluster in r.clusters.iter().filter(|c| !c.shortlist.is_empty()) {
                h2 { (cluster.name) }
                ol { @for id in &cluster.shortlist { li { (title_of(cluster, id)) } } }
            }
            (digests(ctx, r))
        }
    };
    page(ctx, ctx.t(M::LinkNominees), body)
}

fn title_of<'a>(cluster: &'a StageCluster, id: &str) -> &'a str {
    cluster
        .standings
        .iter()
        .find(|r| r.entry_id == id)
        .map(|r| r.title.as_str())
        .or_else(|| {
            cluster
                .screening
                .iter()
                .find(|r| r.entry_id == id)
                .map(|r| r.title.as_str())
        })
        .unwrap_or("")
}

fn score_of<'a>(cluster: &'a StageCluster, id: &str) -> &'a str {
    cluster
        .standings
        .iter()
        .find(|r| r.entry_id == id)
        .map_or("–", |r| r.score_display.as_str())
}

/// A finalist's score in each stage, with the stage's weight, under its final score.
pub fn stage_scores(row: &crate::services::results::RankingRow) -> Markup {
    html! {
        @if let Some(stages) = &row.stages {
            @for st in stages {
                br; small.muted { (st.name) " (" (st.weight) "%): " (st.score_display.as_deref().unwrap_or("–")) }
            }
        }
    }
}

/// The entries of a cluster that stopped before the last stage, with the stage and why.
pub fn eliminated(ctx: &PageCtx, cluster: &crate::services::results::ClusterResults) -> Markup {
    use crate::domain::stage::StopReason;
    html! {
        @if let Some(list) = cluster.eliminated.as_ref().filter(|l| !l.is_empty()) {
            h3 { (ctx.t(M::EliminatedTitle)) }
            div.table-wrap tabindex="0" { table {
                thead { tr { th { (ctx.t(M::ColEntry)) } th { (ctx.t(crate::i18n::stages::StageMsg::ColStage)) } th.num { (ctx.t(M::ColScore)) } th { (ctx.t(M::ColReason)) } } }
                tbody { @for e in list { tr {
                    td { (e.title) }
                    td { (e.stage_name) }
                    td.num { (e.score_display.as_deref().unwrap_or("–")) }
                    td {
                        (ctx.t(match e.reason {
                            StopReason::BelowCut => M::ReasonBelowCut,
                            StopReason::NotEligible => M::ReasonNotEligible,
                            StopReason::NotScored => M::ReasonNotScored,
                        }))
                        @if !e.failed.is_empty() { ": " (e.failed.join("; ")) }
                        @if !e.note.is_empty() { " — " (e.note) }
                    }
                } } }
            } }
        }
    }
}

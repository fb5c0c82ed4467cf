//! The committee's results screen: per cluster the ranking with every number that explains it,
//! and the committee's actions (waive a missing sheet, order a tie, publish).

use super::layout::{page, PageCtx};
use crate::domain::decimal::rupiah;
use crate::domain::phase::{allows, Action};
use crate::error::AppError;
use crate::i18n::results::ResultsMsg as M;
use crate::i18n::Text;
use crate::model::{ContestId, Phase};
use crate::services::results::{ClusterResults, ContestResults, RankingRow};
use maud::{html, Markup};

/// The banner that says whether these results are final.
pub fn status_banner(ctx: &PageCtx, results: &ContestResults) -> Markup {
    html! {
        @match (&results.digest, results.provisional) {
            (Some(digest), false) => {
                p.notice {
                    (ctx.text(&Text::with(M::PublishedLabel, [
                        results.contest.published_at.map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string()).unwrap_or_default(),
                        digest.clone(),
                    ])))
                }
            }
            _ => { p.alert.provisional { strong { (ctx.t(M::ProvisionalLabel)) } } }
        }
    }
}

fn flags(ctx: &PageCtx, r: &RankingRow) -> Markup {
    html! {
        @if r.tie { span.badge.warn { (ctx.t(M::FlagTie)) } " " }
        @if r.resolved_by_committee { span.badge { (ctx.t(M::FlagResolved)) } " " }
        @if !r.complete { span.badge.bad { (ctx.t(M::FlagIncomplete)) } " " }
        @if r.below_minimum { span.badge.warn { (ctx.t(M::FlagBelowMinimum)) } " " }
    }
}

/// The leading entries' sheet totals around their scores (views/charts.rs), above the table.
/// In the last stage of several, the mark is the stage's own score (the one its sheets make)
/// and there is no prize line: prizes go by the final score.
fn scores_chart(ctx: &PageCtx, cluster: &ClusterResults) -> Markup {
    use crate::i18n::analysis::AnalysisMsg as A;
    let shown = (cluster.winners_count as usize + 3).max(10);
    let rows: Vec<super::charts::EntryDots> = cluster
        .ranking
        .iter()
        .take(shown)
        .map(|r| super::charts::EntryDots {
            label: ctx.text(&Text::with(
                A::PlaceOf,
                [r.rank.to_string(), r.title.clone()],
            )),
            totals: r.sheets.iter().map(|s| s.total).collect(),
            score: match &r.stages {
                Some(stages) => stages.last().and_then(|s| s.score).unwrap_or(r.score),
                None => r.score,
            },
            prize: r.prize.is_some(),
        })
        .collect();
    let staged = cluster.ranking.iter().any(|r| r.stages.is_some());
    let cut = (!staged)
        .then(|| {
            cluster
                .ranking
                .iter()
                .filter(|r| r.prize.is_some())
                .map(|r| r.score)
                .next_back()
        })
        .flatten();
    super::charts::score_dots(
        &rows,
        cut,
        &ctx.text(&Text::with(A::ChartScoresAlt, [cluster.name.clone()])),
        ctx.t(A::ChartScores),
    )
}

fn ranking_table(ctx: &PageCtx, cluster: &ClusterResults) -> Markup {
    html! {
        div.table-wrap tabindex="0" {
            table.results {
                thead { tr {
                    th.num { (ctx.t(M::ColRank)) } th { (ctx.t(M::ColEntry)) } th.num { (ctx.t(M::ColScore)) }
                    th { (ctx.t(M::ColJudges)) } th { (ctx.t(M::ColCriteria)) } th { (ctx.t(M::ColPrize)) }
                    th { (ctx.t(M::ColFlags)) }
                } }
                tbody {
                    @for r in &cluster.ranking {
                        tr {
                            td.num { (r.rank) }
                            td {
                                strong { (r.title) } br;
                                span.muted { (r.innovator) " · " (r.unit) }
                                @if let Some(c) = &r.separated_by {
                                    br; small.muted { (ctx.text(&Text::with(M::SeparatedBy, [&c.name]))) }
                                }
                            }
                            td.num {
                                strong { (r.score_display) }
                                @if let Some(raw) = &r.raw_score_display {
                                    br; small.muted { (ctx.text(&Text::with(M::RawScore, [raw]))) }
                                }
                                (super::stage::stage_scores(r))
                            }
                            td { @for s in &r.sheets { (s.judge_name) ": " (s.total_display) br; } }
                            td { @for c in &r.criteria { small { (c.name) ": " (c.mean_display) } br; } }
                            td {
                                @if let Some(p) = &r.prize {
                                    strong { (p.title) } br; (rupiah(p.amount))
                                    @if let Some(x) = &p.extra { br; small { (x) } }
                                }
                            }
                            td {
                                (flags(ctx, r))
                                @if !r.missing_judges.is_empty() {
                                    br; small { (ctx.text(&Text::with(M::MissingJudges, [r.missing_judges.iter().map(|j| j.name.as_str()).collect::<Vec<_>>().join(", ")]))) }
                                }
                                @if !r.waived_judges.is_empty() {
                                    br; small.muted { (ctx.text(&Text::with(M::WaivedJudges, [r.waived_judges.iter().map(|j| j.name.as_str()).collect::<Vec<_>>().join(", ")]))) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn tie_forms(ctx: &PageCtx, results: &ContestResults, cluster: &ClusterResults) -> Markup {
    let action = format!(
        "/contests/{}/clusters/{}/tie-resolution",
        results.contest_id, cluster.id
    );
    html! {
        @for group in &cluster.unresolved_ties {
            @let group: Vec<(String, String)> = group.iter().map(|id| {
                let title = cluster.ranking.iter().find(|r| &r.entry_id == id).map(|r| r.title.clone()).unwrap_or_default();
                (id.clone(), title)
            }).collect();
            div.card.no-print {
                h3 { (ctx.t(M::TieTitle)) }
                p.muted { (ctx.t(M::TieHelp)) }
                (tie_order_form(ctx, &action, &group))
            }
        }
    }
}

/// The form that orders tied entries (`group`: id and title, in their current order): a
/// position for each and the reason, posted to `action`.
pub fn tie_order_form(ctx: &PageCtx, action: &str, group: &[(String, String)]) -> Markup {
    html! {
        form.stack method="post" action=(action) {
            @for (i, (id, title)) in group.iter().enumerate() {
                label {
                    (title)
                    span.hint { (ctx.t(M::FieldPosition)) }
                    input type="number" name={ "pos_" (id) } min="1" max=(group.len()) value=(i + 1) required;
                }
            }
            label { (ctx.t(M::FieldReason)) textarea name="reason" required rows="2" {} }
            div { button type="submit" { (ctx.t(M::ButtonResolve)) } }
        }
    }
}

fn waiver_forms(ctx: &PageCtx, results: &ContestResults, cluster: &ClusterResults) -> Markup {
    let missing = cluster
        .ranking
        .iter()
        .map(|r| (&r.entry_id, &r.title, &r.missing_judges))
        .chain(
            cluster
                .unscored_entries
                .iter()
                .map(|e| (&e.id, &e.title, &e.missing_judges)),
        )
        .filter(|(_, _, judges)| !judges.is_empty());
    html! {
        @for (entry_id, title, judges) in missing {
            details.card.no-print {
                summary { (ctx.t(M::WaiverTitle)) ": " (title) }
                p.muted { (ctx.t(M::WaiverHelp)) }
                form.stack method="post" action={ "/contests/" (results.contest_id) "/entries/" (entry_id) "/waivers" } {
                    label { (ctx.t(M::FieldJudge))
                        select name="judge_id" { @for j in judges { option value=(j.id) { (j.name) } } }
                    }
                    label { (ctx.t(M::FieldReason)) textarea name="reason" required rows="2" {} }
                    div { button.secondary type="submit" { (ctx.t(M::ButtonWaive)) } }
                }
            }
        }
    }
}

/// Which rows of each cluster's ranking the screen shows: a national contest ranks 7,500
/// entries per cluster, more than a page (let alone a phone) should carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pager {
    /// From 1.
    pub page: usize,
    /// Rows of the largest cluster.
    pub largest: usize,
}

impl Pager {
    /// Rows per cluster on a page.
    pub const ROWS: usize = 100;

    /// Page `requested` (from 1; out of range is the nearest page) of clusters whose largest
    /// has `largest` ranked rows.
    pub fn new(requested: usize, largest: usize) -> Pager {
        let pager = Pager { page: 1, largest };
        Pager {
            page: requested.clamp(1, pager.pages()),
            largest,
        }
    }

    pub fn pages(&self) -> usize {
        self.largest.div_ceil(Pager::ROWS).max(1)
    }

    /// The rows of each cluster on this page.
    pub fn range(&self) -> std::ops::Range<usize> {
        (self.page - 1) * Pager::ROWS..self.page * Pager::ROWS
    }
}

fn pager_nav(ctx: &PageCtx, id: &ContestId, pager: &Pager) -> Markup {
    let range = pager.range();
    html! {
        @if pager.pages() > 1 {
            nav.pager.no-print {
                @if pager.page > 1 { a.button.secondary href={ "/contests/" (id) "/results?page=" (pager.page - 1) } { (ctx.t(M::PagePrevious)) } " " }
                span.muted { (ctx.text(&Text::with(M::PageOf, [
                    (range.start + 1).to_string(),
                    range.end.min(pager.largest).to_string(),
                    pager.largest.to_string(),
                    pager.page.to_string(),
                    pager.pages().to_string(),
                ]))) }
                @if pager.page < pager.pages() { " " a.button.secondary href={ "/contests/" (id) "/results?page=" (pager.page + 1) } { (ctx.t(M::PageNext)) } }
            }
        }
    }
}

/// The whole screen, one page of each cluster's ranking. `problem` is a refused action to
/// show above everything.
pub fn results_page(
    ctx: &PageCtx,
    results: &ContestResults,
    pager: &Pager,
    problem: Option<&AppError>,
    info: Option<&str>,
) -> Markup {
    let id = &results.contest_id;
    let body = html! {
        h1 { (ctx.t(M::ResultsTitle)) ": " (super::documents::name_with_year(&results.contest.name, results.contest.year)) }
        (status_banner(ctx, results))
        (super::components::notice(info))
        @if let Some(err) = problem {
            div.alert role="alert" {
                (ctx.text(&err.message))
                @if !err.details.is_empty() { ul { @for d in &err.details { li { (ctx.text(&d.message)) } } } }
            }
        }
        p.no-print.actions {
            a.button.secondary href={ "/api/v1/contests/" (id) "/export.csv" } { (ctx.t(M::ExportCsv)) } " "
            a.button.secondary href={ "/api/v1/contests/" (id) "/export.xlsx" } { (ctx.t(M::ExportXlsx)) } " "
            a.button.secondary href={ "/contests/" (id) "/analysis" } { (ctx.t(crate::i18n::analysis::AnalysisMsg::Link)) } " "
            a.button.secondary href={ "/contests/" (id) "/berita-acara" } { (ctx.t(M::MinutesLink)) } " "
            a.button.secondary href={ "/contests/" (id) "/piagam" } { (ctx.t(M::CertificatesLink)) } " "
            @if !results.provisional { a.button.secondary href={ "/public/contests/" (id) } { (ctx.t(M::AnnouncementLink)) } }
        }
        (pager_nav(ctx, id, pager))
        @for cluster in &results.clusters {
            section.cluster {
                h2 { (cluster.name) }
                @if cluster.ranking.is_empty() { p.muted { (ctx.t(M::NoEntries)) } }
                @else {
                    @if pager.page == 1 { (scores_chart(ctx, cluster)) }
                    (ranking_table(ctx, cluster))
                }
                @if !cluster.unscored_entries.is_empty() {
                    p.muted { (ctx.t(M::Unscored)) ": "
                        (cluster.unscored_entries.iter().map(|e| e.title.as_str()).collect::<Vec<_>>().join("; ")) }
                }
                (super::stage::eliminated(ctx, cluster))
                // Ties wait only in the prize zone, which the first page shows.
                @if allows(results.phase, Action::ResolveTie) && pager.page == 1 { (tie_forms(ctx, results, cluster)) }
                @if allows(results.phase, Action::Waive) { (waiver_forms(ctx, results, cluster)) }
            }
        }
        (pager_nav(ctx, id, pager))
        @if results.phase == Phase::Closed {
            div.card.no-print {
                h2 { (ctx.t(M::PublishTitle)) }
                p.muted { (ctx.t(M::PublishHelp)) }
                form method="post" action={ "/contests/" (id) "/publish" } {
                    button type="submit" { (ctx.t(M::ButtonPublish)) }
                }
            }
        }
    };
    page(ctx, ctx.t(M::ResultsTitle), body)
}

//! Documents of a decision: the public announcement, the berita acara (minutes) and the piagam
//! (certificates), built as pages for printing on A4 (the browser saves them as PDF).

use super::layout::{page, PageCtx};
use crate::domain::decimal::rupiah;
use crate::i18n::results::ResultsMsg as M;
use crate::i18n::{Lang, Text};
use crate::services::results::{ContestResults, PublicWinners};
use maud::{html, Markup};

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "24 November 2026" in the page's language.
pub fn long_date(lang: Lang, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let months = if lang == Lang::En {
        MONTHS_EN
    } else {
        MONTHS_ID
    };
    format!(
        "{} {} {}",
        date.day(),
        months[date.month0() as usize],
        date.year()
    )
}

/// "Lomba X 2026", without doubling a year the name already carries.
pub fn name_with_year(name: &str, year: i32) -> String {
    if name.contains(&year.to_string()) {
        name.to_string()
    } else {
        format!("{name} {year}")
    }
}

fn digest_line(ctx: &PageCtx, digest: Option<&str>) -> Markup {
    html! {
        @if let Some(d) = digest {
            p.digest { small { (ctx.t(M::DigestLabel)) ": " code { (d) } } }
        }
    }
}

/// The public announcement: winners per cluster, nothing about sheets or judges.
pub fn announcement(ctx: &PageCtx, w: &PublicWinners) -> Markup {
    let body = html! {
        h1 { (ctx.text(&Text::with(M::AnnouncementTitle, [name_with_year(&w.contest, w.year)]))) }
        p { (ctx.t(M::AnnouncementIntro)) }
        @for cluster in &w.clusters {
            section.card {
                h2 { (cluster.name) }
                @if cluster.winners.is_empty() { p.muted { (ctx.t(M::NoWinners)) } }
                @else {
                    // Innovator and unit sit under the title, so that the whole row fits a
                    // 390 px phone instead of scrolling the innovator out of sight.
                    table.announcement {
                        thead { tr { th { (ctx.t(M::ColPrize)) } th { (ctx.t(M::ColEntry)) } th.num { (ctx.t(M::ColAmount)) } } }
                        tbody { @for winner in &cluster.winners { tr {
                            td { strong { (winner.prize.title) } }
                            td {
                                (winner.title) br;
                                small.muted { (ctx.t(M::ColInnovator)) ": " (winner.innovator) br; (ctx.t(M::ColUnit)) ": " (winner.unit) }
                            }
                            td.num { (rupiah(winner.prize.amount)) @if let Some(x) = &winner.prize.extra { br; small { (x) } } }
                        } } }
                    }
                }
            }
        }
        (digest_line(ctx, Some(&w.digest)))
    };
    page(ctx, ctx.t(M::AnnouncementLink), body)
}

/// Berita acara penetapan pemenang: the ranking of every cluster and signature lines.
pub fn minutes(
    ctx: &PageCtx,
    r: &ContestResults,
    acknowledged: Option<&crate::services::gate::Acknowledgement>,
    today: chrono::NaiveDate,
) -> Markup {
    let date = r.contest.published_at.map(|t| t.date()).unwrap_or(today);
    let body = html! {
        article.document {
            p.no-print.muted { (ctx.t(M::PrintHint)) }
            @if r.provisional { p.alert { strong { (ctx.t(M::ProvisionalLabel)) } } }
            h1.center { (ctx.t(M::MinutesTitle)) br; (name_with_year(&r.contest.name, r.contest.year)) }
            p { (ctx.text(&Text::with(M::MinutesIntro, [long_date(ctx.lang, date), r.contest.name.clone(), r.contest.year.to_string()]))) }
            @for cluster in &r.clusters {
                h2 { (cluster.name) }
                table {
                    thead { tr { th.num { (ctx.t(M::ColRank)) } th { (ctx.t(M::ColEntry)) } th { (ctx.t(M::ColUnit)) } th.num { (ctx.t(M::ColScore)) } th { (ctx.t(M::ColPrize)) } } }
                    tbody { @for row in &cluster.ranking { tr {
                        td.num { (row.rank) }
                        td { (row.title) }
                        td { (row.unit) }
                        td.num { (row.score_display) (super::stage::stage_scores(row)) }
                        td { @if let Some(p) = &row.prize { (p.title) " (" (rupiah(p.amount)) ")" } }
                    } } }
                }
                @if cluster.ranking.iter().any(|row| row.stages.is_some()) {
                    p { small { (ctx.t(crate::i18n::stages::StageMsg::FinalScoreHelp)) } }
                }
                (super::stage::eliminated(ctx, cluster))
            }
            (acknowledgement(ctx, r, acknowledged))
            h2 { (ctx.t(M::MinutesJudges)) }
            p { (ctx.t(M::MinutesSignatures)) }
            div.signatures {
                @for (i, j) in r.contest.judges.iter().enumerate() {
                    div.signature {
                        p { (i + 1) ". " (j.name) @if !j.affiliation.is_empty() { br; small { (j.affiliation) } } }
                        p.sign-line { "(............................................)" }
                    }
                }
                div.signature {
                    p { (ctx.t(M::MinutesCommittee)) }
                    p.sign-line { "(............................................)" }
                }
            }
            (digest_line(ctx, r.digest.as_deref()))
        }
    };
    page(ctx, ctx.t(M::MinutesTitle), body)
}

/// The committee's latest acknowledgement that positions depend on a single judge, when it
/// recorded one: the positions by cluster, place and title, and its reason.
pub fn acknowledgement(
    ctx: &PageCtx,
    r: &ContestResults,
    acknowledged: Option<&crate::services::gate::Acknowledgement>,
) -> Markup {
    use crate::i18n::analysis::AnalysisMsg as A;
    let Some(a) = acknowledged.filter(|a| !a.unstable.is_empty()) else {
        return html! {};
    };
    let positions: Vec<String> = a
        .unstable
        .iter()
        .map(|u| {
            let cluster = r.clusters.iter().find(|c| c.id == u.cluster_id);
            let title = cluster
                .and_then(|c| {
                    c.ranking
                        .iter()
                        .find(|row| row.entry_id == u.entry_id.to_string())
                })
                .map(|row| row.title.as_str())
                .unwrap_or("");
            format!(
                "{} #{} \u{201c}{}\u{201d}",
                cluster.map(|c| c.name.as_str()).unwrap_or(""),
                u.rank,
                title
            )
        })
        .collect();
    html! {
        h2 { (ctx.t(A::AcknowledgedTitle)) }
        p { (ctx.text(&Text::with(A::AcknowledgedText, [positions.join("; "), a.reason.clone()]))) }
    }
}

/// One piagam per winner, each on its own A4 page.
pub fn certificates(ctx: &PageCtx, r: &ContestResults) -> Markup {
    let body = html! {
        p.no-print.muted { (ctx.t(M::PrintHint)) }
        @if r.provisional { p.alert.no-print { strong { (ctx.t(M::ProvisionalLabel)) } } }
        @for cluster in &r.clusters {
            @for row in cluster.ranking.iter().filter(|row| row.prize.is_some()) {
                @let prize = row.prize.as_ref().map(|p| p.title.as_str()).unwrap_or("");
                article.certificate {
                    h1 { (ctx.t(M::CertificateTitle)) }
                    p { (ctx.t(M::CertificateGiven)) }
                    p.recipient { (row.innovator) }
                    p { (row.unit) }
                    p { (ctx.t(M::CertificateFor)) }
                    p.work { "\u{201c}" (row.title) "\u{201d}" }
                    p { (ctx.t(M::CertificateAs)) }
                    p.award { (prize) }
                    p { (ctx.text(&Text::with(M::CertificateIn, [cluster.name.clone(), r.contest.name.clone(), r.contest.year.to_string()]))) }
                    (digest_line(ctx, r.digest.as_deref()))
                }
            }
        }
    };
    page(ctx, ctx.t(M::CertificatesLink), body)
}

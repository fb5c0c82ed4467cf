//! The committee's analysis screen: in plain words first (which places hold when one judge is
//! left out, and who takes them otherwise), then the numbers.

use super::charts::{self, Bar, EntryDots};
use super::layout::{page, PageCtx};
use crate::domain::normalise::Normalisation;
use crate::i18n::analysis::AnalysisMsg as M;
use crate::i18n::Text;
use crate::model::ContestId;
use crate::services::analysis::{Analysis, ClusterAnalysis};
use maud::{html, Markup};

fn points(x: f64) -> String {
    format!("{x:.2}")
}

/// The analysis of a stage; for the contest's current stage the screen also offers the gate
/// and the settings (an earlier, sealed stage's analysis is a record).
pub fn analysis_page(ctx: &PageCtx, contest: ContestId, a: &Analysis) -> Markup {
    let back = if a.current {
        format!("/contests/{contest}/results")
    } else {
        format!("/contests/{contest}/stages/{}", a.stage_id)
    };
    let body = html! {
        h1 { (ctx.t(M::Title)) }
        p.muted { (ctx.t(M::Intro)) }
        p.no-print.actions {
            a.button.secondary href=(back) { "←" } " "
            a.button.secondary href={ "/contests/" (contest) "/stages/" (a.stage_id) "/laporan-analisis" } { (ctx.t(M::ReportLink)) }
        }
        @for cluster in &a.clusters {
            (cluster_section(ctx, cluster, a.outlier_points))
        }
        @if a.current { (acknowledgement_section(ctx, contest, a)) }
    };
    page(ctx, ctx.t(M::Title), body)
}

/// What the print-ready report names besides the analysis.
pub struct ReportHead<'a> {
    pub contest: &'a str,
    pub year: i32,
    pub stage: &'a str,
    /// The stage's digest once sealed (the final stage's: the publication's).
    pub digest: Option<&'a str>,
    pub date: chrono::NaiveDate,
    /// The judges who sign it.
    pub judges: &'a [String],
}

/// The "Laporan analisis penilaian" of a stage, for the plenary meeting of the judges (rapat
/// pleno dewan juri): the same words and numbers as the screen, on A4, with the stage's digest
/// and the signatures.
pub fn analysis_report(ctx: &PageCtx, head: &ReportHead, a: &Analysis) -> Markup {
    let body = html! {
        article.document {
            p.no-print.muted { (ctx.t(crate::i18n::results::ResultsMsg::PrintHint)) }
            h1.center { (ctx.t(M::ReportTitle)) br; (super::documents::name_with_year(head.contest, head.year)) br; small { (head.stage) } }
            p { (ctx.text(&Text::with(M::ReportIntro, [super::documents::long_date(ctx.lang, head.date), head.stage.to_string()]))) }
            p.muted { (ctx.t(M::Intro)) }
            @for cluster in &a.clusters {
                (cluster_section(ctx, cluster, a.outlier_points))
            }
            @for ack in a.acknowledgements.iter().take(1) {
                h2 { (ctx.t(M::AcknowledgedTitle)) }
                p { (ack.reason) }
            }
            h2 { (ctx.t(crate::i18n::results::ResultsMsg::MinutesJudges)) }
            div.signatures {
                @for (i, name) in head.judges.iter().enumerate() {
                    div.signature {
                        p { (i + 1) ". " (name) }
                        p.sign-line { "(............................................)" }
                    }
                }
            }
            @match head.digest {
                Some(d) => { p.digest { small { (ctx.t(crate::i18n::results::ResultsMsg::DigestLabel)) ": " code { (d) } } } }
                None => { p.alert { strong { (ctx.t(crate::i18n::stages::StageMsg::ProvisionalStage)) } } }
            }
        }
    };
    page(ctx, ctx.t(M::ReportTitle), body)
}

/// The robustness gate: whether it is on, the acknowledgements recorded, and the form that
/// records one (the positions not stable now, with a reason).
fn acknowledgement_section(ctx: &PageCtx, contest: ContestId, a: &Analysis) -> Markup {
    let unstable = a
        .clusters
        .iter()
        .flat_map(|c| c.robustness.positions.iter())
        .filter(|p| !p.stable)
        .count();
    html! {
        section.card {
            h2 { (ctx.t(M::AcknowledgedTitle)) }
            p { (ctx.t(if a.robustness_gate { M::GateOn } else { M::GateOff })) }
            form.stack.no-print method="post" action={ "/contests/" (contest) "/analysis/settings" } {
                label { (ctx.t(M::FieldOutlierPoints)) input type="text" inputmode="decimal" name="outlier_points" value=(points(a.outlier_points)); }
                label { input type="checkbox" name="robustness_gate" value="true" checked[a.robustness_gate]; " " (ctx.t(M::FieldGate)) }
                div { button.secondary type="submit" { (ctx.t(M::ButtonSettings)) } }
            }
            @for ack in &a.acknowledgements {
                p { small.muted { (ack.created_at.format("%Y-%m-%d %H:%M UTC")) } br; (ack.reason) }
            }
            @if unstable > 0 {
                form.stack.no-print method="post" action={ "/contests/" (contest) "/analysis/acknowledgement" } {
                    label { (ctx.text(&Text::with(M::FieldAcknowledge, [unstable]))) textarea name="reason" required rows="2" {} }
                    div { button type="submit" { (ctx.t(M::ButtonAcknowledge)) } }
                }
            }
        }
    }
}

/// Leniency shown as the normalisation subtracts it: four decimals where it is subtracted.
fn leniency_text(l: f64, declared: Normalisation) -> String {
    match declared {
        Normalisation::Leniency => format!("{:.4}", l.abs()),
        Normalisation::None => points(l.abs()),
    }
}

/// The judges whose leniency is large enough to mark on the chart.
const MARKED_LENIENCY: f64 = 5.0;

fn scores_chart(ctx: &PageCtx, c: &ClusterAnalysis) -> Markup {
    let rows: Vec<EntryDots> = c
        .leaders
        .iter()
        .map(|l| EntryDots {
            label: ctx.text(&Text::with(
                M::PlaceOf,
                [l.rank.to_string(), l.title.clone()],
            )),
            totals: l.totals.clone(),
            score: l.score,
            prize: l.examined,
        })
        .collect();
    let cut = c
        .leaders
        .iter()
        .filter(|l| l.examined)
        .map(|l| l.score)
        .next_back();
    charts::score_dots(
        &rows,
        cut,
        &ctx.text(&Text::with(M::ChartScoresAlt, [c.name.clone()])),
        ctx.t(M::ChartScores),
    )
}

fn leniency_chart(ctx: &PageCtx, c: &ClusterAnalysis) -> Markup {
    let rows: Vec<Bar> = c
        .judges
        .iter()
        .filter_map(|j| {
            Some(Bar {
                label: ctx.text(&Text::with(
                    M::JudgeSheets,
                    [j.name.clone(), j.sheets.to_string()],
                )),
                value: j.leniency?,
                flagged: j.leniency?.abs() > MARKED_LENIENCY,
            })
        })
        .collect();
    charts::bars(
        &rows,
        MARKED_LENIENCY,
        &ctx.text(&Text::with(M::ChartLeniencyAlt, [c.name.clone()])),
        ctx.t(M::ChartLeniency),
    )
}

fn robustness_chart(ctx: &PageCtx, c: &ClusterAnalysis) -> Markup {
    let r = &c.robustness;
    let rows: Vec<Bar> = r
        .positions
        .iter()
        .map(|p| Bar {
            label: ctx.text(&Text::with(
                M::PlaceOf,
                [p.rank.to_string(), p.title.clone()],
            )),
            value: f64::from(p.kept),
            flagged: !p.stable,
        })
        .collect();
    charts::kept_bars(
        &rows,
        r.scenarios,
        &ctx.text(&Text::with(M::ChartRobustnessAlt, [c.name.clone()])),
        &ctx.text(&Text::with(M::ChartRobustness, [r.scenarios])),
    )
}

/// The declared normalisation in words: what it does, what each judge's leniency means, and
/// which places the other choice would give to another entry.
fn normalisation_section(ctx: &PageCtx, c: &ClusterAnalysis) -> Markup {
    let n = &c.normalisation;
    let nobody = || ctx.t(M::Nobody).to_string();
    let (change, unchanged) = match n.declared {
        Normalisation::None => (M::ChangeWithLeniency, M::NoChangeWithLeniency),
        Normalisation::Leniency => (M::ChangeWithout, M::NoChangeWithout),
    };
    html! {
        h3 { (ctx.t(M::Normalisation)) }
        p { (ctx.t(match n.declared {
            Normalisation::None => M::NormalisationNone,
            Normalisation::Leniency => M::NormalisationLeniency,
        })) }
        @if n.declared == Normalisation::Leniency {
            ul { @for j in &c.judges { @if let Some(l) = j.leniency { @if l != 0.0 {
                li { (ctx.text(&Text::with(if l > 0.0 { M::JudgeAbove } else { M::JudgeBelow }, [j.name.clone(), leniency_text(l, n.declared)]))) }
            } } } }
        }
        @if n.cannot_change_ranking {
            p { (ctx.t(M::CannotChange)) }
        } @else if n.changes.is_empty() {
            p { (ctx.t(unchanged)) }
        } @else {
            ul.normalisation-changes { @for ch in &n.changes {
                li { strong { (ctx.text(&Text::with(change, [
                    ch.rank.to_string(),
                    ch.other_title.clone().unwrap_or_else(nobody),
                    ch.declared_title.clone().unwrap_or_else(nobody),
                ]))) } }
            } }
        }
    }
}

fn cluster_section(ctx: &PageCtx, c: &ClusterAnalysis, outlier_points: f64) -> Markup {
    let r = &c.robustness;
    html! {
        section.cluster.card {
            h2 { (c.name) }
            (scores_chart(ctx, c))
            h3 { (ctx.t(M::Robustness)) }
            @if r.scenarios == 0 { p.muted { (ctx.t(M::NoScenarios)) } }
            ul.robustness {
                @for p in &r.positions {
                    @if p.stable {
                        li.stable { (ctx.text(&Text::with(M::Stable, [p.rank.to_string(), p.title.clone(), p.kept.to_string(), r.scenarios.to_string()]))) }
                    } @else {
                        li.fragile {
                            strong { (ctx.text(&Text::with(M::Fragile, [p.rank.to_string(), p.title.clone(), p.kept.to_string(), r.scenarios.to_string()]))) }
                            ul { @for l in &p.lost { li { @match &l.title {
                                Some(t) => (ctx.text(&Text::with(M::LostTo, [l.judge_name.clone(), t.clone()]))),
                                None => (ctx.text(&Text::with(M::LostEmpty, [l.judge_name.clone()]))),
                            } } } }
                        }
                    }
                }
            }
            (robustness_chart(ctx, c))
            @if !c.margins.is_empty() {
                h3 { (ctx.t(M::Margins)) }
                div.table-wrap tabindex="0" { table {
                    thead { tr { th.num { (ctx.t(M::ColRank)) } th.num { (ctx.t(M::ColGap)) } } }
                    tbody { @for m in &c.margins { tr { td.num { (m.rank) } td.num { (points(m.gap)) } } } }
                } }
            }
            h3 { (ctx.t(M::Agreement)) }
            p { @match (c.agreement.kendall_w, c.agreement.reason.as_deref()) {
                (Some(w), _) => (ctx.text(&Text::with(M::KendallW, [format!("{w:.2}")]))),
                (None, Some("incomplete_design")) => (ctx.t(M::NoWIncomplete)),
                (None, Some("no_variation")) => (ctx.t(M::NoWFlat)),
                _ => (ctx.t(M::NoWTooFew)),
            } }
            @if !c.judges.is_empty() {
                h3 { (ctx.t(M::Judges)) }
                (leniency_chart(ctx, c))
                div.table-wrap tabindex="0" { table {
                    thead { tr { th { (ctx.t(M::ColJudge)) } th.num { (ctx.t(M::ColSheets)) } th.num { (ctx.t(M::ColLeniency)) } th.num { (ctx.t(M::ColSpread)) } } }
                    tbody { @for j in &c.judges { tr {
                        td { (j.name) } td.num { (j.sheets) }
                        td.num { @if let Some(l) = j.leniency { @if l > 0.0 { "+" } @else if l < 0.0 { "−" } (leniency_text(l, c.normalisation.declared)) } @else { "—" } }
                        td.num { (points(j.spread)) }
                    } } }
                } }
            }
            (normalisation_section(ctx, c))
            h3 { (ctx.text(&Text::with(M::Outliers, [points(outlier_points)]))) }
            @if c.outliers.is_empty() { p.muted { (ctx.t(M::NoOutliers)) } }
            ul { @for o in &c.outliers {
                li { (ctx.text(&Text::with(M::Outlier, [o.judge_name.clone(), o.title.clone(), points(o.total), points(o.others_mean)]))) }
            } }
        }
    }
}

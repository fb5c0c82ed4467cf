//! The committee's analysis screen: in plain words first (which places hold when one judge is
//! left out, and who takes them otherwise), then the numbers.

use super::layout::{page, PageCtx};
use crate::i18n::analysis::AnalysisMsg as M;
use crate::i18n::Text;
use crate::model::ContestId;
use crate::services::analysis::{Analysis, ClusterAnalysis};
use maud::{html, Markup};

fn points(x: f64) -> String {
    format!("{x:.2}")
}

pub fn analysis_page(ctx: &PageCtx, contest: ContestId, a: &Analysis) -> Markup {
    let body = html! {
        h1 { (ctx.t(M::Title)) }
        p.muted { (ctx.t(M::Intro)) }
        p.no-print.actions {
            a.button.secondary href={ "/contests/" (contest) "/results" } { "←" } " "
            a.button.secondary href={ "/contests/" (contest) "/stages/" (a.stage_id) "/laporan-analisis" } { (ctx.t(M::ReportLink)) }
        }
        @for cluster in &a.clusters {
            (cluster_section(ctx, cluster, a.outlier_points))
        }
        (acknowledgement_section(ctx, contest, a))
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

fn cluster_section(ctx: &PageCtx, c: &ClusterAnalysis, outlier_points: f64) -> Markup {
    let r = &c.robustness;
    html! {
        section.cluster.card {
            h2 { (c.name) }
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
            @if !c.margins.is_empty() {
                h3 { (ctx.t(M::Margins)) }
                div.table-wrap { table {
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
                div.table-wrap { table {
                    thead { tr { th { (ctx.t(M::ColJudge)) } th.num { (ctx.t(M::ColSheets)) } th.num { (ctx.t(M::ColLeniency)) } th.num { (ctx.t(M::ColSpread)) } } }
                    tbody { @for j in &c.judges { tr {
                        td { (j.name) } td.num { (j.sheets) }
                        td.num { @if let Some(l) = j.leniency { @if l > 0.0 { "+" } (points(l)) } @else { "—" } }
                        td.num { (points(j.spread)) }
                    } } }
                } }
            }
            h3 { (ctx.text(&Text::with(M::Outliers, [points(outlier_points)]))) }
            @if c.outliers.is_empty() { p.muted { (ctx.t(M::NoOutliers)) } }
            ul { @for o in &c.outliers {
                li { (ctx.text(&Text::with(M::Outlier, [o.judge_name.clone(), o.title.clone(), points(o.total), points(o.others_mean)]))) }
            } }
        }
    }
}

//! Charts drawn on the server as SVG with `plotters`: no JavaScript, sharp on paper, and scaled
//! to the screen's width by the style sheet (`figure.chart svg`). Each is a `figure` whose
//! caption says how to read it, and whose SVG carries a text alternative.
//!
//! The numbers come already computed (exactly) by the services; a chart only places them, so
//! floating point here decides nothing.

use maud::{html, Markup, PreEscaped};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const WIDTH: u32 = 440;
/// Height of one row (an entry, a judge, a place).
const ROW: u32 = 26;
/// Room for the axis and the margins.
const FRAME: u32 = 52;
/// Room for the row labels.
const LABELS: u32 = 165;

const INK: RGBColor = RGBColor(0x1f, 0x29, 0x37);
const SHEET: RGBColor = RGBColor(0x25, 0x63, 0xeb);
const PRIZE: RGBColor = RGBColor(0xb4, 0x53, 0x09);
const STABLE: RGBColor = RGBColor(0x15, 0x80, 0x3d);
const FRAGILE: RGBColor = RGBColor(0xb9, 0x1c, 0x1c);
const TRACK: RGBColor = RGBColor(0xe5, 0xe7, 0xeb);

/// One entry of a scores chart.
pub struct EntryDots {
    pub label: String,
    /// Its counted sheet totals, 0–100.
    pub totals: Vec<f64>,
    /// Its score.
    pub score: f64,
    pub prize: bool,
}

/// One bar of a bar chart.
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// Drawn in the "attention" colour.
    pub flagged: bool,
}

/// A row label cut to what fits beside the plot.
fn short(label: &str) -> String {
    const MAX: usize = 22;
    if label.chars().count() <= MAX {
        return label.to_string();
    }
    let cut: String = label.chars().take(MAX - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The figure around a drawn SVG, with its text alternative; nothing when drawing failed (the
/// numbers stay in the tables beside it). Drawing runs under `catch_unwind`: a fault in the
/// charting library costs the chart, never the page.
fn figure(
    draw: impl FnOnce(&mut String) -> Result<(), String>,
    alt: &str,
    caption: &str,
) -> Markup {
    let mut svg = String::new();
    let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| draw(&mut svg)))
        .unwrap_or_else(|_| Err("the charting library panicked".into()));
    if let Err(why) = drawn {
        tracing::warn!(%why, "a chart could not be drawn");
        return html! {};
    }
    let alt = html! { (alt) }.into_string();
    let svg = svg.replacen(
        "<svg ",
        &format!(r#"<svg class="chart" role="img" aria-label="{alt}" "#),
        1,
    );
    html! {
        figure.chart {
            (PreEscaped(svg))
            figcaption.muted { (caption) }
        }
    }
}

fn height(rows: usize) -> u32 {
    FRAME + ROW * rows.max(1) as u32
}

fn fault(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// A chart of `labels.len()` rows over `x`, the first row at the top: row k spans
/// y ∈ [n − 1 − k, n − k]. The row labels are drawn here, at the left, rather than by the
/// library's axis (whose integer key points overflow on some row counts).
fn rows_chart<'a, 'b: 'a>(
    root: &'a DrawingArea<SVGBackend<'b>, plotters::coord::Shift>,
    labels: &[String],
    x: std::ops::Range<f64>,
    x_labels: usize,
) -> Result<ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>, String> {
    root.fill(&WHITE).map_err(fault)?;
    let n = labels.len() as f64;
    let mut chart = ChartBuilder::on(root)
        .margin(10)
        .margin_right(20)
        .x_label_area_size(24)
        .y_label_area_size(LABELS)
        .build_cartesian_2d(x, 0f64..n)
        .map_err(fault)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .max_light_lines(0)
        .x_labels(x_labels)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_labels(0)
        .label_style(("sans-serif", 17).into_font().color(&INK))
        .draw()
        .map_err(fault)?;
    let style = ("sans-serif", 17)
        .into_font()
        .color(&INK)
        .pos(Pos::new(HPos::Right, VPos::Center));
    let left = chart.plotting_area().get_pixel_range().0.start - 6;
    for (k, label) in labels.iter().enumerate() {
        let (_, y) = chart.backend_coord(&(0.0, n - k as f64 - 0.5));
        root.draw(&Text::new(short(label), (left, y), style.clone()))
            .map_err(fault)?;
    }
    Ok(chart)
}

/// Each entry's sheet totals as dots on a 0–100 line, its score as an upright mark across them
/// (in the prize colour for a prize or a place inside the cut) and, at `cut`, a dashed line:
/// the lowest score still inside.
pub fn score_dots(rows: &[EntryDots], cut: Option<f64>, alt: &str, caption: &str) -> Markup {
    if rows.is_empty() {
        return html! {};
    }
    figure(|svg| draw_score_dots(svg, rows, cut), alt, caption)
}

fn draw_score_dots(svg: &mut String, rows: &[EntryDots], cut: Option<f64>) -> Result<(), String> {
    let root = SVGBackend::with_string(svg, (WIDTH, height(rows.len()))).into_drawing_area();
    let labels: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
    let mut chart = rows_chart(&root, &labels, zoom(rows), 11)?;
    let n = rows.len() as f64;
    if let Some(cut) = cut {
        chart
            .draw_series(DashedLineSeries::new(
                [(cut, 0.0), (cut, n)],
                6,
                4,
                PRIZE.stroke_width(2),
            ))
            .map_err(fault)?;
    }
    for (k, row) in rows.iter().enumerate() {
        let centre = n - k as f64 - 0.5;
        chart
            .draw_series(
                row.totals
                    .iter()
                    .map(|t| Circle::new((*t, centre), 4, SHEET.mix(0.7).filled())),
            )
            .map_err(fault)?;
        let colour = if row.prize { PRIZE } else { INK };
        chart
            .draw_series(LineSeries::new(
                [(row.score, centre - 0.35), (row.score, centre + 0.35)],
                colour.stroke_width(3),
            ))
            .map_err(fault)?;
    }
    root.present().map_err(fault)
}

/// The part of 0–100 the scores chart shows: every total and score with some room, in whole
/// tens, so that close scores do not crowd together.
fn zoom(rows: &[EntryDots]) -> std::ops::Range<f64> {
    let values = rows
        .iter()
        .flat_map(|r| r.totals.iter().copied().chain(std::iter::once(r.score)));
    let (low, high) = values.fold((100.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let low = ((low - 5.0) / 10.0).floor() * 10.0;
    let high = ((high + 5.0) / 10.0).ceil() * 10.0;
    let (low, high) = (low.clamp(0.0, 90.0), high.clamp(10.0, 100.0));
    if low < high {
        low..high
    } else {
        0.0..100.0
    }
}

/// Horizontal bars from zero: negative to the left, positive to the right, on an axis wide
/// enough for the largest and at least ±`least`.
pub fn bars(rows: &[Bar], least: f64, alt: &str, caption: &str) -> Markup {
    if rows.is_empty() {
        return html! {};
    }
    let reach = rows
        .iter()
        .map(|r| r.value.abs())
        .fold(least, f64::max)
        .ceil();
    figure(
        |svg| draw_horizontal(svg, rows, -reach..reach, None, SHEET),
        alt,
        caption,
    )
}

/// Bars of how often each place is kept, out of `scenarios`.
pub fn kept_bars(rows: &[Bar], scenarios: u32, alt: &str, caption: &str) -> Markup {
    if rows.is_empty() || scenarios == 0 {
        return html! {};
    }
    let whole = f64::from(scenarios);
    figure(
        |svg| draw_horizontal(svg, rows, 0.0..whole, Some(whole), STABLE),
        alt,
        caption,
    )
}

/// Horizontal bars on `range`, each from 0 to its value; with `track`, a pale bar to that
/// value behind each (the whole a bar could reach); unflagged bars in `calm`.
fn draw_horizontal(
    svg: &mut String,
    rows: &[Bar],
    range: std::ops::Range<f64>,
    track: Option<f64>,
    calm: RGBColor,
) -> Result<(), String> {
    let root = SVGBackend::with_string(svg, (WIDTH, height(rows.len()))).into_drawing_area();
    let labels: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
    let ticks = if track.is_some() {
        (range.end as usize + 1).min(11)
    } else {
        9
    };
    let mut chart = rows_chart(&root, &labels, range, ticks)?;
    let n = rows.len() as f64;
    for (k, row) in rows.iter().enumerate() {
        let (low, high) = (n - k as f64 - 0.8, n - k as f64 - 0.2);
        if let Some(whole) = track {
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(0.0, low), (whole, high)],
                    TRACK.filled(),
                )))
                .map_err(fault)?;
        }
        let colour = if row.flagged { FRAGILE } else { calm };
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(0.0, low), (row.value, high)],
                colour.filled(),
            )))
            .map_err(fault)?;
    }
    root.present().map_err(fault)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every chart is one well-formed SVG element with its text alternative, and what users
    /// typed is escaped inside it.
    #[test]
    fn charts_are_svg_with_their_labels_escaped() {
        let dots = score_dots(
            &[
                EntryDots {
                    label: "<script>alert(1)</script> & Co".into(),
                    totals: vec![80.0, 90.0],
                    score: 85.0,
                    prize: true,
                },
                EntryDots {
                    label: "Inovasi yang namanya sangat panjang sekali melebihi batas".into(),
                    totals: vec![70.0],
                    score: 70.0,
                    prize: false,
                },
            ],
            Some(85.0),
            "Nilai \"juri\"",
            "caption",
        )
        .into_string();
        assert_eq!(dots.matches("<svg ").count(), 1, "{dots}");
        assert!(dots.contains(r#"role="img" aria-label="Nilai &quot;juri&quot;""#));
        assert!(!dots.contains("<script>"), "{dots}");
        assert!(dots.contains("&lt;script&gt;"));
        assert!(dots.contains("<circle"), "{dots}");
        assert!(dots.contains("…"));
        let bars = bars(
            &[Bar {
                label: "Juri A (12)".into(),
                value: -6.25,
                flagged: true,
            }],
            5.0,
            "alt",
            "caption",
        )
        .into_string();
        assert!(bars.contains("<rect"), "{bars}");
        assert!(kept_bars(&[], 3, "alt", "caption").into_string().is_empty());
        if let Ok(dir) = std::env::var("JURI_CHART_SAMPLES") {
            std::fs::write(format!("{dir}/dots.html"), &dots).unwrap();
            std::fs::write(format!("{dir}/bars.html"), &bars).unwrap();
        }
    }
}

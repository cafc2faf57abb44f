//! Server-side SVG charts, inline in report pages, no JavaScript.
//!
//! Each chart has `role="img"`, a `<title>` and a `<desc>` that says in
//! words what it shows; the figures also stay in the table beside it.
//! Every text that comes from a report is escaped here.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::content::Indicator;
use crate::indicators::{
    baseline, baseline_shown, result, result_shown, run_chart, status, target, target_shown,
};
use crate::text::{capitalise, escape_html, PartialDate};

/// A "nice" upper bound for an axis: the smallest 1, 2, 2.5 or 5 × 10^k
/// that is at least `max`.
fn nice_max(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let mag = 10f64.powf(max.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        // A little tolerance: 10 must stay 10, not become 20 through
        // floating-point noise in `mag`.
        if m * mag >= max * (1.0 - 1e-9) {
            return m * mag;
        }
    }
    10.0 * mag
}

/// The axis range: from 0 to a nice bound just above the largest figure
/// (values, reference and target alike), so the axis ends near the data.
fn axis_max(values: &[f64]) -> f64 {
    nice_max(values.iter().copied().fold(0.0, f64::max))
}

/// Text in a chart, in CSS pixels: the SVGs have no `viewBox`, so one
/// user unit is one CSS pixel at every width and the text never scales
/// with the page (only the horizontal positions, given in percent, do).
const FONT: &str = "14";

/// A horizontal position as a percentage of the chart's width.
fn pct(frac: f64) -> String {
    format!("{:.2}%", frac.clamp(0.0, 1.0) * 100.0)
}

/// Baseline, target and result on one horizontal axis. `None` when fewer
/// than two of them are numbers.
///
/// The SVG is as wide as its box (CSS keeps margins for the end labels)
/// and 96 px high; positions along the axis are percentages, everything
/// else (text, markers, heights) is in pixels.
pub fn goal_chart(ind: &Indicator, id: &str) -> Option<String> {
    let (b, t, r) = (baseline(ind), target(ind), result(ind));
    let known: Vec<f64> = [b, t, r].into_iter().flatten().collect();
    if known.len() < 2 || t.is_none() && r.is_none() {
        return None;
    }
    let max = axis_max(&known);
    let frac = |v: f64| v.max(0.0) / max;
    let s = status(ind);
    let mut words = Vec::new();
    if let Some(b) = b {
        words.push(format!(
            "utgångsläge {}",
            baseline_shown(ind).unwrap_or_else(|| ind.unit.show(b))
        ));
    }
    if let Some(t) = t {
        words.push(format!(
            "mål {}",
            target_shown(ind).unwrap_or_else(|| ind.unit.show(t))
        ));
    }
    if let Some(r) = r {
        words.push(format!(
            "resultat {}",
            result_shown(ind).unwrap_or_else(|| ind.unit.show(r))
        ));
    }
    let desc = format!(
        "{}. Skala 0–{}. Status: {}.",
        capitalise(&words.join(", ")),
        ind.unit.show(max),
        s.label()
    );
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart goal-chart" role="img" aria-labelledby="{id}-t {id}-d" width="100%" height="96" overflow="visible" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        escape_html(&format!("Utgångsläge, mål och resultat: {}", ind.name)),
        escape_html(&desc)
    );
    // Axis with 0 and max.
    let _ = write!(
        svg,
        r##"<line x1="0%" y1="56" x2="100%" y2="56" stroke="#5b6670" stroke-width="1"/><text x="0%" y="90" font-size="{FONT}" fill="#3d454d">0</text><text x="100%" y="90" font-size="{FONT}" fill="#3d454d" text-anchor="end">{}</text>"##,
        escape_html(&ind.unit.show(max))
    );
    // Movement from baseline to result.
    if let (Some(b), Some(r)) = (b, r) {
        let _ = write!(
            svg,
            r##"<line x1="{}" y1="56" x2="{}" y2="56" stroke="#1f4e79" stroke-width="4"/>"##,
            pct(frac(b)),
            pct(frac(r))
        );
    }
    if let Some(t) = t {
        let tx = pct(frac(t));
        let _ = write!(
            svg,
            r##"<line x1="{tx}" y1="30" x2="{tx}" y2="70" stroke="#8a3b00" stroke-width="2" stroke-dasharray="4 3"/><text x="{tx}" y="24" font-size="{FONT}" fill="#8a3b00" text-anchor="{}">mål {}</text>"##,
            anchor(frac(t)),
            escape_html(&target_shown(ind).unwrap_or_else(|| ind.unit.show(t)))
        );
    }
    if let Some(b) = b {
        let bx = pct(frac(b));
        let _ = write!(
            svg,
            r##"<circle cx="{bx}" cy="56" r="6" fill="#ffffff" stroke="#3d454d" stroke-width="2"/><text x="{bx}" y="82" font-size="{FONT}" fill="#3d454d" text-anchor="{}">start {}</text>"##,
            anchor(frac(b)),
            escape_html(&baseline_shown(ind).unwrap_or_else(|| ind.unit.show(b)))
        );
    }
    if let Some(r) = r {
        let rx = pct(frac(r));
        let _ = write!(
            svg,
            r##"{}<text x="{rx}" y="44" font-size="{FONT}" font-weight="700" fill="#1f4e79" text-anchor="{}">resultat {}</text>"##,
            square(&rx, 56.0, 12.0, "#1f4e79"),
            anchor(frac(r)),
            escape_html(&result_shown(ind).unwrap_or_else(|| ind.unit.show(r)))
        );
    }
    svg.push_str("</svg>");
    Some(svg)
}

/// A square of `size` px centred on (`x`, `y`), `x` a percentage: a
/// nested SVG placed at the percentage, the square drawn around its origin.
fn square(x: &str, y: f64, size: f64, fill: &str) -> String {
    format!(
        r#"<svg x="{x}" y="{y:.1}" width="1" height="1" overflow="visible"><rect x="{}" y="{}" width="{size}" height="{size}" fill="{fill}"/></svg>"#,
        -size / 2.0,
        -size / 2.0
    )
}

/// Where a label's text hangs from its point: labels near an end of the
/// axis grow inwards.
fn anchor(frac: f64) -> &'static str {
    if frac < 0.25 {
        "start"
    } else if frac > 0.75 {
        "end"
    } else {
        "middle"
    }
}

fn short_date(d: NaiveDate) -> String {
    PartialDate::Day(d).swedish()
}

/// A point's name on the chart: its label, else its date.
fn shown(p: &crate::content::Point) -> String {
    p.label
        .clone()
        .unwrap_or_else(|| p.date.map(short_date).unwrap_or_default())
}

/// A line chart over time for an indicator with `series`: the clinic's
/// values, `reference` as a second, dashed series, the target as a dashed
/// horizontal line and, where the series is long enough for a run-chart
/// analysis, the median as a solid labelled one. `None` with fewer than
/// two points.
///
/// Like the goal chart it has no `viewBox`: it is 220 px high, times run
/// along the width in percent, and CSS keeps a left margin where the
/// y-axis labels are drawn (at negative x, `overflow="visible"`).
pub fn series_chart(ind: &Indicator, id: &str) -> Option<String> {
    let pts = &ind.series;
    if pts.len() < 2 {
        return None;
    }
    let t = target(ind);
    let median = run_chart(ind).map(|rc| rc.median);
    let mut values: Vec<f64> = pts.iter().map(|p| p.value).collect();
    values.extend(pts.iter().filter_map(|p| p.reference));
    values.extend(t);
    let max = axis_max(&values);
    let h = 220.0;
    let (top, bottom) = (16.0, 24.0);
    // Dated points stand at their dates; labelled ones evenly, in order.
    let dates: Option<Vec<NaiveDate>> = pts.iter().map(|p| p.date).collect();
    let n = pts.len();
    let x = |i: usize| match &dates {
        Some(d) => {
            let span = (d[n - 1] - d[0]).num_days().max(1) as f64;
            pct((d[i] - d[0]).num_days() as f64 / span)
        }
        None => pct(i as f64 / (n - 1).max(1) as f64),
    };
    let y = |v: f64| top + (1.0 - v.max(0.0) / max) * (h - top - bottom);
    let ref_label = ind
        .reference_label
        .clone()
        .unwrap_or_else(|| "Jämförelse".into());
    let has_ref = pts.iter().any(|p| p.reference.is_some());

    let mut desc = format!(
        "{} mätningar från {} till {}. Mottagningen: {}.",
        pts.len(),
        shown(&pts[0]),
        shown(&pts[pts.len() - 1]),
        pts.iter()
            .map(|p| format!("{} {}", shown(p), ind.unit.show(p.value)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if has_ref {
        let _ = write!(
            desc,
            " {ref_label}: {}.",
            pts.iter()
                .filter_map(|p| p
                    .reference
                    .map(|r| format!("{} {}", shown(p), ind.unit.show(r))))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if let Some(t) = t {
        let _ = write!(
            desc,
            " Mål: {}.",
            target_shown(ind).unwrap_or_else(|| ind.unit.show(t))
        );
    }
    if let Some(m) = median {
        let _ = write!(desc, " Median: {}.", ind.unit.show(m));
    }

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart series-chart" role="img" aria-labelledby="{id}-t {id}-d" width="100%" height="{h}" overflow="visible" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        escape_html(&format!("Mätvärden över tid: {}", ind.name)),
        escape_html(&desc)
    );
    // Grid and y axis labels (left of the plot, in the CSS margin).
    for i in 0..=4 {
        let v = max * i as f64 / 4.0;
        let yy = y(v);
        let _ = write!(
            svg,
            r##"<line x1="0%" y1="{yy:.1}" x2="100%" y2="{yy:.1}" stroke="#d5dbe1" stroke-width="1"/><text x="-6" y="{:.1}" font-size="{FONT}" fill="#3d454d" text-anchor="end">{}</text>"##,
            yy + 5.0,
            escape_html(&ind.unit.show(v))
        );
    }
    // x axis: first and last date.
    let _ = write!(
        svg,
        r##"<text x="0%" y="{}" font-size="{FONT}" fill="#3d454d">{}</text><text x="100%" y="{}" font-size="{FONT}" fill="#3d454d" text-anchor="end">{}</text>"##,
        h - bottom + 19.0,
        escape_html(&shown(&pts[0])),
        h - bottom + 19.0,
        escape_html(&shown(&pts[pts.len() - 1]))
    );
    if let Some(t) = t {
        let ty = y(t);
        let _ = write!(
            svg,
            r##"<line x1="0%" y1="{ty:.1}" x2="100%" y2="{ty:.1}" stroke="#8a3b00" stroke-width="2" stroke-dasharray="6 4"/><text x="100%" y="{:.1}" font-size="{FONT}" fill="#8a3b00" text-anchor="end">mål {}</text>"##,
            ty - 5.0,
            escape_html(&target_shown(ind).unwrap_or_else(|| ind.unit.show(t)))
        );
    }
    if let Some(m) = median {
        let my = y(m);
        let _ = write!(
            svg,
            r##"<line class="median" x1="0%" y1="{my:.1}" x2="100%" y2="{my:.1}" stroke="#5a3d7a" stroke-width="1.5"/>"##
        );
    }
    // A series as line segments (a polyline cannot take percentages).
    let segments = |svg: &mut String, pts: &[(String, f64)], attrs: &str| {
        for w in pts.windows(2) {
            let _ = write!(
                svg,
                r#"<line x1="{}" y1="{:.1}" x2="{}" y2="{:.1}" {attrs}/>"#,
                w[0].0, w[0].1, w[1].0, w[1].1
            );
        }
    };
    if has_ref {
        let line: Vec<(String, f64)> = pts
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.reference.map(|r| (x(i), y(r))))
            .collect();
        svg.push_str(r#"<g class="reference">"#);
        segments(
            &mut svg,
            &line,
            r##"stroke="#5b6670" stroke-width="2" stroke-dasharray="3 3""##,
        );
        for (px, py) in &line {
            svg.push_str(&square(px, *py, 7.0, "#5b6670"));
        }
        svg.push_str("</g>");
    }
    let line: Vec<(String, f64)> = pts
        .iter()
        .enumerate()
        .map(|(i, p)| (x(i), y(p.value)))
        .collect();
    svg.push_str(r#"<g class="values">"#);
    segments(
        &mut svg,
        &line,
        r##"stroke="#1f4e79" stroke-width="3" stroke-linecap="round""##,
    );
    for (px, py) in &line {
        let _ = write!(
            svg,
            r##"<circle cx="{px}" cy="{py:.1}" r="4.5" fill="#1f4e79"/>"##
        );
    }
    svg.push_str("</g>");
    // The median's label last, with a white halo, so no line covers it.
    if let Some(m) = median {
        let _ = write!(
            svg,
            r##"<text x="4" y="{:.1}" font-size="{FONT}" fill="#5a3d7a" stroke="#ffffff" stroke-width="3" paint-order="stroke">median {}</text>"##,
            y(m) - 5.0,
            escape_html(&ind.unit.show(m))
        );
    }
    svg.push_str("</svg>");
    // Legend: words and line styles, not colour alone; in HTML under the
    // chart, so that a long reference label wraps on a narrow screen.
    let _ = write!(
        svg,
        r##"<p class="chart-legend"><span class="legend-item"><svg width="24" height="10" aria-hidden="true"><line x1="0" y1="5" x2="24" y2="5" stroke="#1f4e79" stroke-width="3"/><circle cx="12" cy="5" r="4.5" fill="#1f4e79"/></svg> Mottagningen</span>"##
    );
    if has_ref {
        let _ = write!(
            svg,
            r##" <span class="legend-item"><svg width="24" height="10" aria-hidden="true"><line x1="0" y1="5" x2="24" y2="5" stroke="#5b6670" stroke-width="2" stroke-dasharray="3 3"/><rect x="8.5" y="1.5" width="7" height="7" fill="#5b6670"/></svg> {}</span>"##,
            escape_html(&ref_label)
        );
    }
    svg.push_str("</p>");
    Some(svg)
}

#[cfg(test)]
#[path = "chart_tests.rs"]
mod tests;

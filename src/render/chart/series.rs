//! An indicator's series over time, with its reference, target and median.

use std::fmt::Write;

use chrono::NaiveDate;

use super::{axis_max, pct, short_date, square, FONT};
use crate::content::Indicator;
use crate::indicators::{run_chart, target, target_shown};
use crate::text::escape_html;
use crate::text::words::chart as say;

/// Height, and the plot's margins, in CSS pixels: the plot runs from
/// `TOP` to `HEIGHT - BOTTOM`, the dates sit below it in a row of their
/// own, clear of a median label put under its line.
const HEIGHT: f64 = 232.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;

/// A point's name in the description: its label, else its date.
fn shown(p: &crate::content::Point) -> String {
    p.label
        .clone()
        .unwrap_or_else(|| p.date.map(short_date).unwrap_or_default())
}

/// A point's name under the axis: its label, else its date, short ("3 jan
/// 2024"), so that the first and the last fit side by side on a phone (the
/// description says them in full).
fn axis_label(p: &crate::content::Point) -> String {
    p.label.clone().unwrap_or_else(|| {
        p.date
            .map(|d| crate::text::short_swedish(&crate::text::PartialDate::Day(d)))
            .unwrap_or_default()
    })
}

/// Where the median's label goes: above its line, unless the target line
/// runs through that place; then below it (a line cannot cross both).
fn median_label_y(my: f64, target_y: Option<f64>) -> f64 {
    // The label's box above the line, with room to spare: its text from
    // about 11 px above its baseline (5 px above the line) to 4 px below.
    let above = (my - 18.0, my + 1.0);
    let crosses = |(top, bottom): (f64, f64)| {
        target_y.is_some_and(|ty| ty + 1.0 >= top && ty - 1.0 <= bottom)
    };
    if crosses(above) {
        my + 15.0
    } else {
        my - 5.0
    }
}

/// A line chart over time for an indicator with `series`: the clinic's
/// values, `reference` as a second, dashed series, the target as a dashed
/// horizontal line and, where the series is long enough for a run-chart
/// analysis, the median as a solid labelled one. `None` with fewer than
/// two points.
///
/// Like the goal chart it has no `viewBox`: it is [`HEIGHT`] px high, times run
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
    let (h, top, bottom) = (HEIGHT, TOP, BOTTOM);
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
        .unwrap_or_else(|| say::REFERENCE.into());
    let has_ref = pts.iter().any(|p| p.reference.is_some());

    let mut desc = say::series_desc(
        pts.len(),
        &shown(&pts[0]),
        &shown(&pts[pts.len() - 1]),
        &pts.iter()
            .map(|p| format!("{} {}", shown(p), ind.unit.show(p.value)))
            .collect::<Vec<_>>()
            .join(", "),
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
        desc.push_str(&say::series_target(
            &target_shown(ind).unwrap_or_else(|| ind.unit.show(t)),
        ));
    }
    if let Some(m) = median {
        desc.push_str(&say::series_median(&ind.unit.show(m)));
    }

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart series-chart" role="img" aria-labelledby="{id}-t {id}-d" width="100%" height="{h}" overflow="visible" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        escape_html(&say::series_title(&ind.name)),
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
        h - 6.0,
        escape_html(&axis_label(&pts[0])),
        h - 6.0,
        escape_html(&axis_label(&pts[pts.len() - 1]))
    );
    if let Some(t) = t {
        let ty = y(t);
        let _ = write!(
            svg,
            r##"<line class="target" x1="0%" y1="{ty:.1}" x2="100%" y2="{ty:.1}" stroke="#8a3b00" stroke-width="2" stroke-dasharray="6 4"/><text x="100%" y="{:.1}" font-size="{FONT}" fill="#8a3b00" text-anchor="end">{}</text>"##,
            ty - 5.0,
            escape_html(&say::target(
                &target_shown(ind).unwrap_or_else(|| ind.unit.show(t))
            ))
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
            r##"<text x="4" y="{:.1}" font-size="{FONT}" fill="#5a3d7a" stroke="#ffffff" stroke-width="3" paint-order="stroke">{}</text>"##,
            median_label_y(y(m), t.map(y)),
            escape_html(&say::median(&ind.unit.show(m)))
        );
    }
    svg.push_str("</svg>");
    // Legend: words and line styles, not colour alone; in HTML under the
    // chart, so that a long reference label wraps on a narrow screen.
    let _ = write!(
        svg,
        r##"<p class="chart-legend"><span class="legend-item"><svg width="24" height="10" aria-hidden="true"><line x1="0" y1="5" x2="24" y2="5" stroke="#1f4e79" stroke-width="3"/><circle cx="12" cy="5" r="4.5" fill="#1f4e79"/></svg> {}</span>"##,
        say::CLINIC
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

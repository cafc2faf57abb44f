//! An indicator's baseline, target and result on one horizontal axis.

use std::fmt::Write;

use super::{anchor, axis_max, pct, square, FONT};
use crate::content::Indicator;
use crate::indicators::{baseline, baseline_shown, result, result_shown, target, target_shown};
use crate::text::words::chart as say;
use crate::text::{capitalise, escape_html};

/// The rows of the goal chart, top to bottom (text baselines and the
/// axis): each label has a row of its own, and the dashed target line
/// stays between the result's row and the baseline's, so no label can
/// touch it or another label at any width.
const TARGET_ROW: f64 = 15.0;
const RESULT_ROW: f64 = 35.0;
const AXIS: f64 = 58.0;
const LINE_TOP: f64 = 45.0;
const LINE_BOTTOM: f64 = 71.0;
const BASELINE_ROW: f64 = 88.0;
const SCALE_ROW: f64 = 108.0;
/// The chart's height in CSS pixels.
pub const HEIGHT: f64 = 114.0;

/// Baseline, target and result on one horizontal axis. `None` when fewer
/// than two of them are numbers, or for a plan (`status` is `None`: its
/// goal is not judged, so the chart says no status).
///
/// The SVG is as wide as its box (CSS keeps margins for the end labels)
/// and [`HEIGHT`] px high; positions along the axis are percentages,
/// everything else (text, markers, heights) is in pixels.
pub fn goal_chart(ind: &Indicator, status: Option<&str>, id: &str) -> Option<String> {
    let (b, t, r) = (baseline(ind), target(ind), result(ind));
    let known: Vec<f64> = [b, t, r].into_iter().flatten().collect();
    if known.len() < 2 || t.is_none() && r.is_none() {
        return None;
    }
    let max = axis_max(&known);
    let frac = |v: f64| v.max(0.0) / max;
    let shown = |s: Option<String>, v: f64| s.unwrap_or_else(|| ind.unit.show(v));
    let mut words = Vec::new();
    if let Some(b) = b {
        words.push(say::baseline(&shown(baseline_shown(ind), b)));
    }
    if let Some(t) = t {
        words.push(say::target(&shown(target_shown(ind), t)));
    }
    if let Some(r) = r {
        words.push(say::result(&shown(result_shown(ind), r)));
    }
    let mut desc = format!(
        "{}. {}",
        capitalise(&words.join(", ")),
        say::scale(&ind.unit.show(max))
    );
    if let Some(s) = status {
        desc.push_str(&say::goal_status(s));
    }
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart goal-chart" role="img" aria-labelledby="{id}-t {id}-d" width="100%" height="{HEIGHT}" overflow="visible" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        escape_html(&say::goal_title(&ind.name)),
        escape_html(&desc)
    );
    // Axis with 0 and max, in a row of their own under everything.
    let _ = write!(
        svg,
        r##"<line x1="0%" y1="{AXIS}" x2="100%" y2="{AXIS}" stroke="#5b6670" stroke-width="1"/><text x="0%" y="{SCALE_ROW}" font-size="{FONT}" fill="#3d454d">0</text><text x="100%" y="{SCALE_ROW}" font-size="{FONT}" fill="#3d454d" text-anchor="end">{}</text>"##,
        escape_html(&ind.unit.show(max))
    );
    // Movement from baseline to result.
    if let (Some(b), Some(r)) = (b, r) {
        let _ = write!(
            svg,
            r##"<line x1="{}" y1="{AXIS}" x2="{}" y2="{AXIS}" stroke="#1f4e79" stroke-width="4"/>"##,
            pct(frac(b)),
            pct(frac(r))
        );
    }
    if let Some(t) = t {
        let tx = pct(frac(t));
        let _ = write!(
            svg,
            r##"<line class="target" x1="{tx}" y1="{LINE_TOP}" x2="{tx}" y2="{LINE_BOTTOM}" stroke="#8a3b00" stroke-width="2" stroke-dasharray="4 3"/><text x="{tx}" y="{TARGET_ROW}" font-size="{FONT}" fill="#8a3b00" text-anchor="{}">{}</text>"##,
            anchor(frac(t)),
            escape_html(&say::target(&shown(target_shown(ind), t)))
        );
    }
    if let Some(b) = b {
        let bx = pct(frac(b));
        let _ = write!(
            svg,
            r##"<circle cx="{bx}" cy="{AXIS}" r="6" fill="#ffffff" stroke="#3d454d" stroke-width="2"/><text x="{bx}" y="{BASELINE_ROW}" font-size="{FONT}" fill="#3d454d" text-anchor="{}">{}</text>"##,
            anchor(frac(b)),
            escape_html(&say::baseline(&shown(baseline_shown(ind), b)))
        );
    }
    if let Some(r) = r {
        let rx = pct(frac(r));
        let _ = write!(
            svg,
            r##"{}<text x="{rx}" y="{RESULT_ROW}" font-size="{FONT}" font-weight="700" fill="#1f4e79" text-anchor="{}">{}</text>"##,
            square(&rx, AXIS, 12.0, "#1f4e79"),
            anchor(frac(r)),
            escape_html(&say::result(&shown(result_shown(ind), r)))
        );
    }
    svg.push_str("</svg>");
    Some(svg)
}

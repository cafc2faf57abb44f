//! A family of indicators across reports: one row per report, its
//! baseline (a ring) and an arrow to its result, against its target (a
//! dashed tick), on one shared axis.

use std::fmt::Write;

use super::{axis_max, pct, FONT};
use crate::content::Unit;
use crate::text::escape_html;
use crate::text::words::chart as say;

/// One report's indicator in the chart.
pub struct CompareRow {
    /// Who and when ("Kry Vårdcentral Vallentuna, 2023"): cut to fit.
    pub label: String,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub result: Option<f64>,
    /// The status's symbol ("✓"), shown after the label (the table beside
    /// says it in words).
    pub status: &'static str,
}

/// Each row's height; its label sits in the row's top part, the dashed
/// target tick in its bottom part, so they never meet.
const ROW: f64 = 44.0;
const LABEL: f64 = 15.0;
const MARK: f64 = 32.0;
const TICK: (f64, f64) = (23.0, 41.0);
/// Longest label, in characters (the table beside has the whole name).
const LABEL_CHARS: usize = 30;

fn cut(s: &str) -> String {
    if s.chars().count() <= LABEL_CHARS {
        s.to_string()
    } else {
        let head: String = s.chars().take(LABEL_CHARS - 1).collect();
        format!("{}…", head.trim_end())
    }
}

/// The chart of `rows` (newest first); `None` when no row has two numbers
/// to draw.
pub fn compare_chart(rows: &[CompareRow], unit: Unit, title: &str, id: &str) -> Option<String> {
    let drawable = |r: &CompareRow| {
        [r.baseline, r.target, r.result]
            .iter()
            .filter(|v| v.is_some())
            .count()
            >= 2
    };
    if !rows.iter().any(drawable) {
        return None;
    }
    let values: Vec<f64> = rows
        .iter()
        .flat_map(|r| [r.baseline, r.target, r.result])
        .flatten()
        .collect();
    let max = axis_max(&values);
    let frac = |v: f64| pct(v.max(0.0) / max);
    let height = ROW * rows.len() as f64 + 24.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart compare-chart" role="img" aria-labelledby="{id}-t {id}-d" width="100%" height="{height}" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        escape_html(title),
        escape_html(&say::compare_desc(&unit.show(max)))
    );
    for (k, r) in rows.iter().enumerate() {
        let y0 = ROW * k as f64;
        let _ = write!(
            svg,
            r##"<text x="0" y="{:.1}" font-size="{FONT}" fill="#1c2329">{} {}</text><line x1="0%" y1="{:.1}" x2="100%" y2="{:.1}" stroke="#d5dbe1" stroke-width="1"/>"##,
            y0 + LABEL,
            escape_html(&cut(&r.label)),
            escape_html(r.status),
            y0 + MARK,
            y0 + MARK
        );
        if let Some(t) = r.target {
            let _ = write!(
                svg,
                r##"<line class="target" x1="{x}" y1="{:.1}" x2="{x}" y2="{:.1}" stroke="#8a3b00" stroke-width="2" stroke-dasharray="3 2"/>"##,
                y0 + TICK.0,
                y0 + TICK.1,
                x = frac(t)
            );
        }
        if let (Some(b), Some(res)) = (r.baseline, r.result) {
            let _ = write!(
                svg,
                r##"<line x1="{}" y1="{y:.1}" x2="{}" y2="{y:.1}" stroke="#1f4e79" stroke-width="3"/>"##,
                frac(b),
                frac(res),
                y = y0 + MARK
            );
        }
        if let Some(res) = r.result {
            // The arrow's head points the way the figure moved.
            let left = r.baseline.is_some_and(|b| res < b);
            let head = if left {
                "6,-6 6,6 -4,0"
            } else {
                "-6,-6 -6,6 4,0"
            };
            let _ = write!(
                svg,
                r##"<svg x="{}" y="{:.1}" width="1" height="1" overflow="visible"><polygon points="{head}" fill="#1f4e79"/></svg>"##,
                frac(res),
                y0 + MARK
            );
        }
        if let Some(b) = r.baseline {
            let _ = write!(
                svg,
                r##"<circle cx="{}" cy="{:.1}" r="5" fill="#ffffff" stroke="#3d454d" stroke-width="2"/>"##,
                frac(b),
                y0 + MARK
            );
        }
    }
    let _ = write!(
        svg,
        r##"<text x="0%" y="{y:.1}" font-size="{FONT}" fill="#3d454d">0</text><text x="100%" y="{y:.1}" font-size="{FONT}" fill="#3d454d" text-anchor="end">{}</text></svg>"##,
        escape_html(&unit.show(max)),
        y = height - 6.0
    );
    Some(svg)
}

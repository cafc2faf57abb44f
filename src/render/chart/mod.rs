//! Server-side SVG charts, inline in pages, no JavaScript: an indicator's
//! baseline, target and result (`goal`), its series over time (`series`),
//! the goal statuses of a change idea (`tally`) and a family of indicators
//! across reports (`compare`).
//!
//! Each chart has `role="img"`, a `<title>` and a `<desc>` that says in
//! words what it shows; the figures also stay in a table or text beside
//! it. Every text that comes from a report is escaped here. Labels are
//! laid out so that they never cross a target line or each other at any
//! width: each in a row of its own, or moved off the target line
//! (`tests/suite/chart_geometry.rs` measures every chart built).

mod compare;
mod goal;
mod series;
pub mod tally;

pub use compare::{compare_chart, CompareRow};
pub use goal::goal_chart;
pub use series::series_chart;

use chrono::NaiveDate;

use crate::text::PartialDate;

/// A "nice" upper bound for an axis: the smallest 1, 2, 2.5 or 5 × 10^k
/// that is at least `max`.
pub(super) fn nice_max(max: f64) -> f64 {
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
pub(super) fn axis_max(values: &[f64]) -> f64 {
    nice_max(values.iter().copied().fold(0.0, f64::max))
}

/// Text in a chart, in CSS pixels: the SVGs have no `viewBox`, so one
/// user unit is one CSS pixel at every width and the text never scales
/// with the page (only the horizontal positions, given in percent, do).
pub(super) const FONT: &str = "14";

/// A horizontal position as a percentage of the chart's width.
pub(super) fn pct(frac: f64) -> String {
    format!("{:.2}%", frac.clamp(0.0, 1.0) * 100.0)
}

/// A square of `size` px centred on (`x`, `y`), `x` a percentage: a
/// nested SVG placed at the percentage, the square drawn around its origin.
pub(super) fn square(x: &str, y: f64, size: f64, fill: &str) -> String {
    format!(
        r#"<svg x="{x}" y="{y:.1}" width="1" height="1" overflow="visible"><rect x="{}" y="{}" width="{size}" height="{size}" fill="{fill}"/></svg>"#,
        -size / 2.0,
        -size / 2.0
    )
}

/// Where a label's text hangs from its point: labels near an end of the
/// axis grow inwards.
pub(super) fn anchor(frac: f64) -> &'static str {
    if frac < 0.25 {
        "start"
    } else if frac > 0.75 {
        "end"
    } else {
        "middle"
    }
}

pub(crate) fn short_date(d: NaiveDate) -> String {
    PartialDate::Day(d).swedish()
}

#[cfg(test)]
mod tests;

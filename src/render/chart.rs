//! Server-side SVG charts, inline in report pages, no JavaScript.
//!
//! Each chart has `role="img"`, a `<title>` and a `<desc>` that says in
//! words what it shows; the figures also stay in the table beside it.
//! Every text that comes from a report is escaped here.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::content::{Indicator, Unit};
use crate::indicators::{baseline, result, run_chart, status, target};
use crate::text::{capitalise, escape_html, PartialDate};

/// A "nice" upper bound for an axis: 1, 2, 2.5 or 5 × 10^n above `max`.
fn nice_max(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let mag = 10f64.powf(max.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * mag >= max {
            return m * mag;
        }
    }
    10.0 * mag
}

/// The axis range: percentages run 0–100 unless the data goes beyond;
/// counts run from 0 to a nice bound above the largest figure.
fn axis_max(values: &[f64], unit: Unit) -> f64 {
    let max = values.iter().copied().fold(0.0, f64::max);
    match unit {
        Unit::Percent if max <= 100.0 => 100.0,
        _ => nice_max(max * 1.1),
    }
}

/// Baseline, target and result on one horizontal axis. `None` when fewer
/// than two of them are numbers.
pub fn goal_chart(ind: &Indicator, id: &str) -> Option<String> {
    let (b, t, r) = (baseline(ind), target(ind), result(ind));
    let known: Vec<f64> = [b, t, r].into_iter().flatten().collect();
    if known.len() < 2 || t.is_none() && r.is_none() {
        return None;
    }
    let max = axis_max(&known, ind.unit);
    let (w, left, right) = (400.0, 16.0, 16.0);
    let x = |v: f64| left + (v.max(0.0) / max) * (w - left - right);
    let s = status(ind);
    let mut words = Vec::new();
    if let Some(b) = b {
        words.push(format!("utgångsläge {}", ind.unit.show(b)));
    }
    if let Some(t) = t {
        words.push(format!("mål {}", ind.unit.show(t)));
    }
    if let Some(r) = r {
        words.push(format!("resultat {}", ind.unit.show(r)));
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
        r#"<svg class="chart goal-chart" role="img" aria-labelledby="{id}-t {id}-d" viewBox="0 0 {w} 96" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        escape_html(&format!("Utgångsläge, mål och resultat: {}", ind.name)),
        escape_html(&desc)
    );
    // Axis with 0 and max.
    let _ = write!(
        svg,
        r##"<line x1="{left}" y1="56" x2="{}" y2="56" stroke="#5b6670" stroke-width="1"/><text x="{left}" y="90" font-size="13" fill="#3d454d">0</text><text x="{}" y="90" font-size="13" fill="#3d454d" text-anchor="end">{}</text>"##,
        w - right,
        w - right,
        escape_html(&ind.unit.show(max))
    );
    // Movement from baseline to result.
    if let (Some(b), Some(r)) = (b, r) {
        let _ = write!(
            svg,
            r##"<line x1="{:.1}" y1="56" x2="{:.1}" y2="56" stroke="#1f4e79" stroke-width="4"/>"##,
            x(b),
            x(r)
        );
    }
    if let Some(t) = t {
        let tx = x(t);
        let _ = write!(
            svg,
            r##"<line x1="{tx:.1}" y1="30" x2="{tx:.1}" y2="70" stroke="#8a3b00" stroke-width="2" stroke-dasharray="4 3"/><text x="{tx:.1}" y="24" font-size="13" fill="#8a3b00" text-anchor="{}">mål {}</text>"##,
            anchor(tx, w),
            escape_html(&ind.unit.show(t))
        );
    }
    if let Some(b) = b {
        let bx = x(b);
        let _ = write!(
            svg,
            r##"<circle cx="{bx:.1}" cy="56" r="6" fill="#ffffff" stroke="#3d454d" stroke-width="2"/><text x="{bx:.1}" y="82" font-size="13" fill="#3d454d" text-anchor="{}">start {}</text>"##,
            anchor(bx, w),
            escape_html(&ind.unit.show(b))
        );
    }
    if let Some(r) = r {
        let rx = x(r);
        let _ = write!(
            svg,
            r##"<rect x="{:.1}" y="50" width="12" height="12" fill="#1f4e79"/><text x="{rx:.1}" y="44" font-size="13" font-weight="700" fill="#1f4e79" text-anchor="{}">resultat {}</text>"##,
            rx - 6.0,
            anchor(rx, w),
            escape_html(&ind.unit.show(r))
        );
    }
    svg.push_str("</svg>");
    Some(svg)
}

fn anchor(x: f64, w: f64) -> &'static str {
    if x < 70.0 {
        "start"
    } else if x > w - 70.0 {
        "end"
    } else {
        "middle"
    }
}

fn short_date(d: NaiveDate) -> String {
    PartialDate::Day(d).swedish()
}

/// A line chart over time for an indicator with `series`: the clinic's
/// values, `reference` as a second, dashed series, the target as a dashed
/// horizontal line and, where the series is long enough for a run-chart
/// analysis, the median as a solid labelled one. `None` with fewer than
/// two points.
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
    let max = axis_max(&values, ind.unit);
    let (w, h) = (560.0, 240.0);
    let (left, right, top, bottom) = (52.0, 16.0, 16.0, 44.0);
    let first = pts[0].date;
    let span = (pts[pts.len() - 1].date - first).num_days().max(1) as f64;
    let x = |d: NaiveDate| left + ((d - first).num_days() as f64 / span) * (w - left - right);
    let y = |v: f64| top + (1.0 - v.max(0.0) / max) * (h - top - bottom);
    let ref_label = ind
        .reference_label
        .clone()
        .unwrap_or_else(|| "Jämförelse".into());
    let has_ref = pts.iter().any(|p| p.reference.is_some());

    let mut desc = format!(
        "{} mätningar från {} till {}. Mottagningen: {}.",
        pts.len(),
        short_date(first),
        short_date(pts[pts.len() - 1].date),
        pts.iter()
            .map(|p| format!("{} {}", short_date(p.date), ind.unit.show(p.value)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if has_ref {
        let _ = write!(
            desc,
            " {ref_label}: {}.",
            pts.iter()
                .filter_map(|p| p.reference.map(|r| format!(
                    "{} {}",
                    short_date(p.date),
                    ind.unit.show(r)
                )))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if let Some(t) = t {
        let _ = write!(desc, " Mål: {}.", ind.unit.show(t));
    }
    if let Some(m) = median {
        let _ = write!(desc, " Median: {}.", ind.unit.show(m));
    }

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart series-chart" role="img" aria-labelledby="{id}-t {id}-d" viewBox="0 0 {w} {h}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        escape_html(&format!("Mätvärden över tid: {}", ind.name)),
        escape_html(&desc)
    );
    // Grid and y axis labels.
    for i in 0..=4 {
        let v = max * i as f64 / 4.0;
        let yy = y(v);
        let _ = write!(
            svg,
            r##"<line x1="{left}" y1="{yy:.1}" x2="{}" y2="{yy:.1}" stroke="#d5dbe1" stroke-width="1"/><text x="{}" y="{:.1}" font-size="13" fill="#3d454d" text-anchor="end">{}</text>"##,
            w - right,
            left - 6.0,
            yy + 4.0,
            escape_html(&ind.unit.show(v))
        );
    }
    // x axis: first and last date.
    let _ = write!(
        svg,
        r##"<text x="{left}" y="{}" font-size="13" fill="#3d454d">{}</text><text x="{}" y="{}" font-size="13" fill="#3d454d" text-anchor="end">{}</text>"##,
        h - bottom + 18.0,
        escape_html(&short_date(first)),
        w - right,
        h - bottom + 18.0,
        escape_html(&short_date(pts[pts.len() - 1].date))
    );
    if let Some(t) = t {
        let ty = y(t);
        let _ = write!(
            svg,
            r##"<line x1="{left}" y1="{ty:.1}" x2="{}" y2="{ty:.1}" stroke="#8a3b00" stroke-width="2" stroke-dasharray="6 4"/><text x="{}" y="{:.1}" font-size="13" fill="#8a3b00" text-anchor="end">mål {}</text>"##,
            w - right,
            w - right,
            ty - 5.0,
            escape_html(&ind.unit.show(t))
        );
    }
    if let Some(m) = median {
        let my = y(m);
        let _ = write!(
            svg,
            r##"<line class="median" x1="{left}" y1="{my:.1}" x2="{}" y2="{my:.1}" stroke="#5a3d7a" stroke-width="1.5"/>"##,
            w - right
        );
    }
    if has_ref {
        let line: Vec<String> = pts
            .iter()
            .filter_map(|p| p.reference.map(|r| format!("{:.1},{:.1}", x(p.date), y(r))))
            .collect();
        let _ = write!(
            svg,
            r##"<polyline points="{}" fill="none" stroke="#5b6670" stroke-width="2" stroke-dasharray="3 3"/>"##,
            line.join(" ")
        );
        for p in pts {
            if let Some(r) = p.reference {
                let _ = write!(
                    svg,
                    r##"<rect x="{:.1}" y="{:.1}" width="7" height="7" fill="#5b6670"/>"##,
                    x(p.date) - 3.5,
                    y(r) - 3.5
                );
            }
        }
    }
    let line: Vec<String> = pts
        .iter()
        .map(|p| format!("{:.1},{:.1}", x(p.date), y(p.value)))
        .collect();
    let _ = write!(
        svg,
        r##"<polyline points="{}" fill="none" stroke="#1f4e79" stroke-width="3"/>"##,
        line.join(" ")
    );
    for p in pts {
        let _ = write!(
            svg,
            r##"<circle cx="{:.1}" cy="{:.1}" r="4.5" fill="#1f4e79"/>"##,
            x(p.date),
            y(p.value)
        );
    }
    // The median's label last, with a white halo, so no line covers it.
    if let Some(m) = median {
        let _ = write!(
            svg,
            r##"<text x="{}" y="{:.1}" font-size="13" fill="#5a3d7a" stroke="#ffffff" stroke-width="3" paint-order="stroke">median {}</text>"##,
            left + 4.0,
            y(m) - 5.0,
            escape_html(&ind.unit.show(m))
        );
    }
    // Legend: words and line styles, not colour alone.
    let ly = h - 8.0;
    let _ = write!(
        svg,
        r##"<line x1="{left}" y1="{:.1}" x2="{}" y2="{:.1}" stroke="#1f4e79" stroke-width="3"/><circle cx="{}" cy="{:.1}" r="4.5" fill="#1f4e79"/><text x="{}" y="{ly}" font-size="13" fill="#1b1b1b">Mottagningen</text>"##,
        ly - 4.0,
        left + 24.0,
        ly - 4.0,
        left + 12.0,
        ly - 4.0,
        left + 30.0
    );
    if has_ref {
        let lx = left + 150.0;
        let _ = write!(
            svg,
            r##"<line x1="{lx}" y1="{:.1}" x2="{}" y2="{:.1}" stroke="#5b6670" stroke-width="2" stroke-dasharray="3 3"/><text x="{}" y="{ly}" font-size="13" fill="#1b1b1b">{}</text>"##,
            ly - 4.0,
            lx + 24.0,
            ly - 4.0,
            lx + 30.0,
            escape_html(&ref_label)
        );
    }
    svg.push_str("</svg>");
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Figure, Measure, Point, Target};

    fn prea60() -> Indicator {
        let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
        Indicator {
            name: "Andel <med> SIP".into(),
            unit: Unit::Percent,
            direction: None,
            baseline: Some(Measure {
                value: Figure::Number(58.3),
                period: None,
                note: None,
            }),
            target: Some(Target {
                value: Some(Figure::Number(75.0)),
                change_percent: None,
                by: None,
                better_than: None,
                text: None,
            }),
            result: Some(Measure {
                value: Figure::Number(90.0),
                period: None,
                note: None,
            }),
            source: None,
            note: None,
            series: vec![
                Point {
                    date: d(1, 3),
                    value: 58.3,
                    reference: Some(63.1),
                },
                Point {
                    date: d(11, 13),
                    value: 90.0,
                    reference: Some(79.6),
                },
            ],
            reference_label: Some("Regionssnitt".into()),
            assessment: None,
        }
    }

    #[test]
    fn goal_chart_says_it_in_words() {
        let svg = goal_chart(&prea60(), "c1").unwrap();
        assert!(svg.contains(r#"role="img""#));
        assert!(
            svg.contains(
                "<title id=\"c1-t\">Utgångsläge, mål och resultat: Andel &lt;med&gt; SIP</title>"
            ),
            "{svg}"
        );
        assert!(svg.contains("<desc id=\"c1-d\">Utgångsläge 58,3\u{a0}%, mål 75\u{a0}%, resultat 90\u{a0}%. Skala 0–100\u{a0}%. Status: uppnått.</desc>"), "{svg}");
    }

    #[test]
    fn series_chart_has_reference_and_target() {
        let svg = series_chart(&prea60(), "c2").unwrap();
        assert!(
            svg.contains("Regionssnitt: 3 januari 2024 63,1\u{a0}%, 13 november 2024 79,6\u{a0}%."),
            "{svg}"
        );
        assert!(svg.contains("mål 75\u{a0}%"));
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert!(!svg.contains("median"), "two points: no run-chart analysis");
    }

    #[test]
    fn series_chart_draws_the_median_from_eight_points() {
        let mut ind = prea60();
        let d0 = ind.series[0].date;
        ind.series = [40.0, 42.0, 41.0, 43.0, 60.0, 62.0, 61.0, 63.0]
            .iter()
            .zip(0..)
            .map(|(v, i)| Point {
                date: d0 + chrono::Days::new(7 * i),
                value: *v,
                reference: None,
            })
            .collect();
        let svg = series_chart(&ind, "c3").unwrap();
        assert!(svg.contains(" Mål: 75\u{a0}%. Median: 51,5\u{a0}%.</desc>"));
        // 51,5 % on a 0–100 axis from y 16 to 196: 16 + 0,485 × 180.
        assert!(svg.contains(r#"<line class="median" x1="52" y1="103.3" x2="544" y2="103.3""#));
        assert!(svg.contains(">median 51,5\u{a0}%</text>"));
        ind.series.pop();
        assert!(!series_chart(&ind, "c3").unwrap().contains("median"));
    }

    #[test]
    fn axis_bounds() {
        assert_eq!(axis_max(&[58.3, 90.0], Unit::Percent), 100.0);
        assert_eq!(axis_max(&[120.0], Unit::Percent), 200.0);
        assert_eq!(axis_max(&[258.0, 274.0], Unit::Count), 500.0);
        assert_eq!(axis_max(&[3.0, 10.0], Unit::Count), 20.0);
    }
}

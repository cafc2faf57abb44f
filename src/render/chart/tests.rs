//! The charts' words, bounds and text sizes.

use super::*;
use crate::content::{Figure, Indicator, Measure, Num, Point, Target, Unit};
use chrono::NaiveDate;

fn prea60() -> Indicator {
    let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
    Indicator {
        name: "Andel <med> SIP".into(),
        unit: Unit::Percent,
        direction: None,
        baseline: Some(Measure {
            value: Figure::Number(Num::parse("58.3").unwrap()),
            period: None,
            note: None,
        }),
        target: Some(Target {
            value: Some(Figure::Number(75.0.into())),
            change_percent: None,
            by: None,
            better_than: None,
            text: None,
        }),
        result: Some(Measure {
            value: Figure::Number(Num::parse("90.0").unwrap()),
            period: None,
            note: None,
        }),
        source: None,
        note: None,
        series: vec![
            Point {
                date: Some(d(1, 3)),
                label: None,
                value: 58.3,
                reference: Some(63.1),

                decimals: (1, 1),
            },
            Point {
                date: Some(d(11, 13)),
                label: None,
                value: 90.0,
                reference: Some(79.6),

                decimals: (1, 1),
            },
        ],
        reference_label: Some("Regionssnitt".into()),
        assessment: None,
        main: false,
        name_at: (0, 0),
    }
}

#[test]
fn goal_chart_says_it_in_words() {
    let svg = goal_chart(&prea60(), Some("uppnått"), "c1").unwrap();
    assert!(svg.contains(r#"role="img""#));
    assert!(
        svg.contains(
            "<title id=\"c1-t\">Utgångsläge, mål och resultat: Andel &lt;med&gt; SIP</title>"
        ),
        "{svg}"
    );
    assert!(svg.contains("<desc id=\"c1-d\">Utgångsläge 58,3\u{a0}%, mål 75\u{a0}%, resultat 90,0\u{a0}%. Skala 0–100\u{a0}%. Måluppfyllelse: uppnått.</desc>"), "{svg}");
}

#[test]
fn series_chart_has_reference_and_target() {
    let svg = series_chart(&prea60(), "c2").unwrap();
    assert!(
        svg.contains("Regionssnitt: 3 januari 2024 63,1\u{a0}%, 13 november 2024 79,6\u{a0}%."),
        "{svg}"
    );
    assert!(svg.contains("mål 75\u{a0}%"));
    assert!(svg.contains(r#"<g class="reference"><line x1="0.00%" y1="#));
    assert!(svg.contains(r#"<g class="values"><line x1="0.00%" y1="#));
    assert!(svg.contains(r#"<circle cx="100.00%" cy=""#));
    // The legend is HTML under the chart: it wraps on a phone.
    assert!(svg.contains("</svg><p class=\"chart-legend\">"), "{svg}");
    assert!(svg.ends_with("</svg> Regionssnitt</span></p>"), "{svg}");
    assert!(!svg.contains("median"), "two points: no run-chart analysis");
}

#[test]
fn series_chart_draws_the_median_from_eight_points() {
    let mut ind = prea60();
    let d0 = ind.series[0].date.unwrap();
    ind.series = [40.0, 42.0, 41.0, 43.0, 60.0, 62.0, 61.0, 63.0]
        .iter()
        .zip(0..)
        .map(|(v, i)| Point {
            date: Some(d0 + chrono::Days::new(7 * i)),
            label: None,
            value: *v,
            reference: None,

            decimals: (1, 1),
        })
        .collect();
    let svg = series_chart(&ind, "c3").unwrap();
    assert!(svg.contains(" Mål: 75\u{a0}%. Median: 51,5\u{a0}%.</desc>"));
    // 51,5 % on a 0–100 axis from y 16 to 196: 16 + 0,485 × 180.
    assert!(svg.contains(r#"<line class="median" x1="0%" y1="103.3" x2="100%" y2="103.3""#));
    assert!(svg.contains(">median 51,5\u{a0}%</text>"));
    ind.series.pop();
    assert!(!series_chart(&ind, "c3").unwrap().contains("median"));
}

#[test]
fn axis_bounds_end_near_the_largest_value() {
    // Kry: baseline 3, target 10, result 1 → an axis to 10, not 20.
    assert_eq!(axis_max(&[3.0, 10.0, 1.0]), 10.0);
    assert_eq!(axis_max(&[3.0, 11.0]), 20.0);
    assert_eq!(axis_max(&[58.3, 75.0, 90.0]), 100.0);
    assert_eq!(axis_max(&[12.0, 18.0]), 20.0);
    assert_eq!(axis_max(&[21.0]), 25.0);
    assert_eq!(axis_max(&[26.0]), 50.0);
    assert_eq!(axis_max(&[0.7]), 1.0);
    assert_eq!(axis_max(&[0.3]), 0.5);
    assert_eq!(axis_max(&[120.0]), 200.0);
    assert_eq!(axis_max(&[258.0, 274.0]), 500.0);
    assert_eq!(axis_max(&[0.0]), 1.0);
    assert_eq!(axis_max(&[]), 1.0);
    for v in [0.01, 0.3, 1.0, 7.0, 10.0, 33.0, 99.9, 1234.0] {
        let m = axis_max(&[v]);
        assert!(m >= v && m <= 2.5 * v, "{v} → {m}");
    }
}

#[test]
fn chart_text_has_a_fixed_size_in_css_pixels() {
    // No viewBox: one user unit is one CSS pixel at every width, so
    // the 14 px text never scales with the page.
    for svg in [
        goal_chart(&prea60(), Some("uppnått"), "c1").unwrap(),
        series_chart(&prea60(), "c2").unwrap(),
    ] {
        assert!(!svg.contains("viewBox"), "{svg}");
        assert!(!svg.contains("preserveAspectRatio"), "{svg}");
        assert!(svg.matches("<text ").count() > 3);
        assert_eq!(
            svg.matches("<text ").count(),
            svg.matches(r#"font-size="14""#).count(),
            "{svg}"
        );
    }
}

#[test]
fn goal_chart_labels_keep_the_reports_decimals() {
    let svg = goal_chart(&prea60(), Some("uppnått"), "c1").unwrap();
    // The result was written 90.0: "90,0 %", in words and on the chart.
    assert!(svg.contains(">resultat 90,0\u{a0}%</text>"), "{svg}");
    assert!(svg.contains(">mål 75\u{a0}%</text>"), "{svg}");
    assert!(svg.contains("resultat 90,0\u{a0}%. Skala 0–100\u{a0}%."));
}

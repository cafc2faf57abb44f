//! Run-chart rules against the published limits and worked examples, and
//! the edge cases: points on the median, ties, all values equal, the
//! fewest points analysed, and the words pages show.

use super::runchart::*;
use crate::content::{Direction, Indicator, Point, Unit};

/// Limits (useful points, longest run max, crossings min) of the Anhøj
/// rules as tabulated for n = 10–100 (Anhøj & Olesen 2014, Table 1;
/// qicharts2's Appendix 2). The longest-run column is the published table
/// of `round(log2(n) + 3)`; the crossings column was computed again with
/// exact integer sums, and n = 24 is the qicharts2 vignette's worked
/// example ("more than 8", "fewer than 8"), n = 13 the crossrun authors'
/// Science Trends example ("less than three crossings").
#[test]
fn limits_match_the_published_table() {
    let table = [
        (10, 6, 2),
        (11, 6, 2),
        (12, 7, 3),
        (13, 7, 3),
        (14, 7, 4),
        (16, 7, 4),
        (20, 7, 6),
        (23, 8, 7),
        (24, 8, 8),
        (30, 8, 10),
        (40, 8, 14),
        (50, 9, 19),
        (60, 9, 23),
        (91, 10, 37),
        (100, 10, 41),
    ];
    for (n, run, cross) in table {
        assert_eq!(
            (longest_run_max(n), crossings_min(n)),
            (run, cross),
            "n = {n}"
        );
    }
}

/// The exact 5 % quantile of Bin(m, ½) by integer arithmetic (m ≤ 127).
fn exact_quantile(m: u32) -> usize {
    let total = 1u128 << m;
    let (mut c, mut sum) = (1u128, 0u128);
    for k in 0..=m {
        sum += c;
        if sum * 20 >= total {
            return k as usize;
        }
        c = c * u128::from(m - k) / u128::from(k + 1);
    }
    m as usize
}

#[test]
fn crossings_limit_is_exact_and_stable_for_long_series() {
    for n in 1..=128u32 {
        assert_eq!(crossings_min(n as usize), exact_quantile(n - 1), "n = {n}");
    }
    // Exact values from big-integer sums; 2 250 is the n ≤ 3 000 where the
    // 5 % point lies closest to a step of the distribution.
    for (n, want) in [(1000, 474), (2250, 1086), (3000, 1454), (10_000, 4917)] {
        assert_eq!(crossings_min(n), want, "n = {n}");
    }
    assert_eq!(longest_run_max(10_000), 16);
}

/// Values for sides read as `a` (above) and `b` (below) the centre 0.
fn around_zero(sides: &str) -> Vec<f64> {
    sides
        .chars()
        .map(|c| if c == 'a' { 1.0 } else { -1.0 })
        .collect()
}

#[test]
fn worked_example_of_the_crossrun_article_has_no_signal() {
    // 13 points crossing the midline from 3 to 4, 6 to 7, 7 to 8, 9 to 10
    // and 10 to 11: five crossings, longest run three; "relax".
    let values = around_zero("aaabbbabbabbb");
    let rc = analyse_around(&values, 0.0, None);
    assert_eq!((rc.useful, rc.crossings, rc.longest_run), (13, 5, 3));
    assert_eq!((rc.longest_run_max, rc.crossings_min), (Some(7), Some(3)));
    assert!(!rc.shift && !rc.few_crossings && !rc.signal);
}

#[test]
fn vignette_shift_fires_both_rules() {
    // 24 points, a persistent shift at the end: longest run 13 (limit 8),
    // 4 crossings (at least 8 expected).
    let values = around_zero("bbbaaabbbaabbbbbbbbbbbbb");
    let rc = analyse_around(&values, 0.0, Some(Direction::Decrease));
    assert_eq!((rc.longest_run, rc.crossings), (13, 4));
    assert_eq!((rc.longest_run_max, rc.crossings_min), (Some(8), Some(8)));
    assert!(rc.shift && rc.few_crossings && rc.signal);
    assert_eq!(rc.last_side, Some(Side::Below));
    assert_eq!(rc.direction, Some(SignalDirection::TowardGoal));
}

#[test]
fn points_on_the_median_neither_break_nor_count() {
    // Median 5; the 5 inside the low run neither ends it nor adds to it.
    let rc = analyse(&[1.0, 2.0, 3.0, 5.0, 4.0, 6.0, 7.0, 8.0, 9.0], None).unwrap();
    assert_eq!(rc.median, 5.0);
    assert_eq!((rc.points, rc.useful), (9, 8));
    assert_eq!((rc.longest_run, rc.crossings), (4, 1));
    assert_eq!(
        rc.longest_side,
        Some(Side::Above),
        "the later of two runs of four"
    );
    // Ties on the median of an even count: the mean of 5 and 5 is 5.
    let rc = analyse(&[1.0, 5.0, 2.0, 5.0, 5.0, 8.0, 5.0, 9.0], None).unwrap();
    assert_eq!((rc.median, rc.useful), (5.0, 4));
    assert_eq!((rc.longest_run, rc.crossings), (2, 1));
    assert_eq!((rc.longest_run_max, rc.crossings_min), (Some(5), Some(0)));
}

#[test]
fn ties_off_the_median_are_ordinary_points() {
    let rc = analyse(&[3.0, 3.0, 3.0, 3.0, 7.0, 7.0, 7.0, 7.0], None).unwrap();
    assert_eq!((rc.median, rc.useful, rc.longest_run), (5.0, 8, 4));
    assert_eq!((rc.crossings, rc.crossings_min), (1, Some(1)));
    assert!(!rc.signal);
    assert_eq!(rc.longest_side, Some(Side::Above));
}

#[test]
fn all_values_equal_cannot_be_judged() {
    let rc = analyse(&[4.0; 8], Some(Direction::Increase)).unwrap();
    assert_eq!((rc.points, rc.useful, rc.median), (8, 0, 4.0));
    assert_eq!((rc.longest_run, rc.crossings), (0, 0));
    assert_eq!((rc.longest_run_max, rc.crossings_min), (None, None));
    assert!(!rc.signal && rc.direction.is_none());
    assert_eq!(
        rc.words(Unit::Count, Some(Direction::Increase)),
        "Alla 8 mätpunkter har samma värde (4), så det går inte att bedöma om det finns en signal om icke-slumpmässig variation."
    );
}

#[test]
fn exactly_eight_points_are_analysed_seven_are_not() {
    let eight = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0];
    assert!(analyse(&eight[..7], None).is_none());
    let rc = analyse(&eight, None).unwrap();
    assert_eq!(rc.median, 4.5);
    assert_eq!((rc.useful, rc.longest_run, rc.crossings), (8, 4, 1));
    assert_eq!((rc.longest_run_max, rc.crossings_min), (Some(6), Some(1)));
    assert!(!rc.signal);
}

#[test]
fn direction_follows_the_last_run() {
    // 16 points, eight low then eight high: both rules fire.
    let mut values: Vec<f64> = (0..8).map(|i| 40.0 + f64::from(i % 3)).collect();
    values.extend((0..8).map(|i| 60.0 + f64::from(i % 4)));
    let dir = |v: &[f64], goal| analyse(v, goal).unwrap().direction;
    let (up, down) = (Some(Direction::Increase), Some(Direction::Decrease));
    assert_eq!(dir(&values, up), Some(SignalDirection::TowardGoal));
    assert_eq!(dir(&values, down), Some(SignalDirection::AwayFromGoal));
    assert_eq!(dir(&values, None), None);
    values.reverse();
    assert_eq!(dir(&values, down), Some(SignalDirection::TowardGoal));
    // No signal, no direction.
    let random = [52.0, 47.0, 55.0, 49.0, 51.0, 58.0, 46.0, 53.0, 50.0, 57.0];
    assert_eq!(
        analyse(&random, Some(Direction::Increase))
            .unwrap()
            .direction,
        None
    );
}

#[test]
fn only_the_shift_rule_can_fire() {
    // 20 useful points about 0, a run of 9 and 7 crossings (at least 6).
    let values = around_zero("abababbaaaaaaaaabbbb");
    let rc = analyse_around(&values, 0.0, Some(Direction::Increase));
    assert_eq!((rc.longest_run, rc.crossings), (9, 7));
    assert!(rc.shift && !rc.few_crossings && rc.signal);
    assert_eq!(rc.direction, Some(SignalDirection::AwayFromGoal));
}

fn indicator(values: &[f64], unit: Unit, direction: Option<Direction>) -> Indicator {
    let start = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    Indicator {
        name: "Andel".into(),
        unit,
        direction,
        baseline: None,
        target: None,
        result: None,
        source: None,
        note: None,
        series: values
            .iter()
            .enumerate()
            .map(|(i, v)| Point {
                date: Some(start + chrono::Days::new(30 * i as u64)),
                label: None,
                value: *v,
                reference: None,

                decimals: (1, 1),
            })
            .collect(),
        reference_label: None,
        assessment: None,
        main: false,
        name_at: (0, 0),
    }
}

#[test]
fn words_say_which_rule_fired_and_which_way() {
    let shift = [
        41.0, 38.0, 44.0, 40.0, 43.0, 39.0, 42.0, 45.0, 62.0, 66.0, 64.0, 70.0, 65.0, 68.0, 63.0,
        67.0,
    ];
    let ind = indicator(&shift, Unit::Percent, Some(Direction::Increase));
    assert_eq!(
        words(&ind).unwrap(),
        "Medianen för de 16 mätpunkterna är 53,5\u{a0}%. Serien visar en signal om icke-slumpmässig variation: 8 punkter i rad ligger över medianen (gränsen är 7), och serien korsar medianen bara 1 gång (minst 4 väntas). Signalen pekar åt målets håll: serien slutar över medianen och indikatorn ska öka."
    );
    let ind = indicator(&shift, Unit::Percent, None);
    assert!(words(&ind).unwrap().ends_with(
        "Indikatorn har ingen riktning (att öka eller minska), så det går inte att säga om signalen pekar åt målets håll."
    ));
    // A point on the median, few crossings only, away from the goal.
    let wait = [
        12.0, 14.0, 11.0, 13.0, 12.0, 15.0, 13.0, 21.0, 23.0, 22.0, 24.0, 22.0, 25.0,
    ];
    let ind = indicator(&wait, Unit::Count, Some(Direction::Decrease));
    assert_eq!(
        words(&ind).unwrap(),
        "Medianen för de 13 mätpunkterna är 15. 1 punkt ligger på medianen och räknas inte. Serien visar en signal om icke-slumpmässig variation: serien korsar medianen bara 1 gång (minst 3 väntas). Signalen pekar bort från målet: serien slutar över medianen men indikatorn ska minska."
    );
}

#[test]
fn words_for_no_signal_and_too_few_points() {
    let random = [
        52.0, 47.0, 55.0, 49.0, 51.0, 58.0, 46.0, 53.0, 50.0, 57.0, 48.0, 54.0,
    ];
    let ind = indicator(&random, Unit::Percent, Some(Direction::Increase));
    assert_eq!(
        words(&ind).unwrap(),
        "Medianen för de 12 mätpunkterna är 51,5\u{a0}%. Ingen signal om icke-slumpmässig variation: som mest 2 punkter i rad ligger på samma sida om medianen (gränsen är 7), och serien korsar medianen 10 gånger (minst 3 väntas)."
    );
    let ind = indicator(&random[..5], Unit::Percent, None);
    assert!(run_chart(&ind).is_none());
    assert_eq!(
        words(&ind).unwrap(),
        "För få mätpunkter för att bedöma om förändringen är mer än slump: serien har 5 mätpunkter, och minst 8 behövs."
    );
    let ind = indicator(&random[..1], Unit::Percent, None);
    assert!(words(&ind).unwrap().contains("serien har 1 mätpunkt, och"));
    assert_eq!(words(&indicator(&[], Unit::Percent, None)), None);
    // Few useful points: no crossings limit to quote.
    let rc = analyse(&[1.0, 5.0, 2.0, 5.0, 5.0, 8.0, 5.0, 9.0], None).unwrap();
    assert!(rc.words(Unit::Count, None).ends_with(
        "som mest 2 punkter i rad ligger på samma sida om medianen (gränsen är 5), och serien korsar medianen 1 gång."
    ));
}

#[test]
fn open_data_fields() {
    let values = [3.0, 3.0, 3.0, 3.0, 7.0, 7.0, 7.0, 7.1];
    let rc = analyse(&values, Some(Direction::Increase)).unwrap();
    let json = serde_json::to_value(&rc).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "points": 8, "median": 5.0, "useful": 8, "longest_run": 4,
            "longest_run_max": 6, "crossings": 1, "crossings_min": 1,
            "shift": false, "few_crossings": false, "signal": false, "direction": null
        })
    );
    let odd = analyse(&[0.1, 0.2, 0.1, 0.2, 0.1, 0.2, 0.1, 0.2], None).unwrap();
    assert_eq!(serde_json::to_value(&odd).unwrap()["median"], 0.15);
}

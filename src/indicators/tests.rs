//! Goal status for a table of cases: every numeric indicator of the five
//! real reports (figures written here from the seed texts) and edge cases.

use super::*;
use crate::content::{Measure, Target, Unit};

fn ind(
    b: Option<f64>,
    t: Option<f64>,
    change: Option<f64>,
    r: Option<f64>,
    dir: Option<Direction>,
) -> Indicator {
    Indicator {
        name: "Antal x".into(),
        unit: Unit::Count,
        direction: dir,
        baseline: b.map(|v| Measure {
            value: Figure::Number(v.into()),
            period: None,
            note: None,
        }),
        target: (t.is_some() || change.is_some()).then(|| Target {
            value: t.map(|v| Figure::Number(v.into())),
            change_percent: change,
            by: None,
            better_than: None,
            text: None,
        }),
        result: r.map(|v| Measure {
            value: Figure::Number(v.into()),
            period: None,
            note: None,
        }),
        source: None,
        note: None,
        series: Vec::new(),
        reference_label: None,
        assessment: None,
        main: false,
        name_at: (0, 0),
    }
}

use Direction::{Decrease as D, Increase as I};
use GoalStatus::*;

#[allow(clippy::type_complexity)]
const CASES: &[(
    &str,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<Direction>,
    GoalStatus,
)] = &[
    // 2022 Kvartersakuten (Rehabstöd 211231 → mål 221231 → 221231)
    (
        "sjukskrivna > 181 dagar, psykisk ohälsa: 31 → 25 → 31",
        Some(31.0),
        Some(25.0),
        None,
        Some(31.0),
        Some(D),
        NotAchieved,
    ),
    (
        "andel heltidssjukskrivna (psykisk ohälsa): 66 % → 50 % → 46 %",
        Some(66.0),
        Some(50.0),
        None,
        Some(46.0),
        Some(D),
        Achieved,
    ),
    (
        "totalt antal sjukskrivna: 258 → 232 → 274",
        Some(258.0),
        Some(232.0),
        None,
        Some(274.0),
        Some(D),
        NotAchieved,
    ),
    (
        "andel heltidssjukskrivna: 76 % → 68 % → 74 %",
        Some(76.0),
        Some(68.0),
        None,
        Some(74.0),
        Some(D),
        Partly,
    ),
    // 2023 Kry Vallentuna
    (
        "Antal SIP: 3 → 10 → 1",
        Some(3.0),
        Some(10.0),
        None,
        Some(1.0),
        Some(I),
        NotAchieved,
    ),
    // 2024 Nyhälsan
    (
        "Processmål framdrift: mål 70 % → 76 %",
        None,
        Some(70.0),
        None,
        Some(76.0),
        Some(I),
        Achieved,
    ),
    (
        "bensodiazepiner vid ångest: 30 → 10 → 26",
        Some(30.0),
        Some(10.0),
        None,
        Some(26.0),
        Some(D),
        Partly,
    ),
    (
        "Ån09 psykologisk behandling: mål 20 % → 22,6 %",
        None,
        Some(20.0),
        None,
        Some(22.6),
        Some(I),
        Achieved,
    ),
    // 2025 Brommaplans VC (Rehabstöd/Medrave, mål 31 dec 2025)
    (
        "antal sjukskrivna stress/smärta: 99, minska 10 % → 70",
        Some(99.0),
        None,
        Some(-10.0),
        Some(70.0),
        Some(D),
        Achieved,
    ),
    (
        "andel deltidssjukskrivningar: 62 %, öka 10 % → 48 %",
        Some(62.0),
        None,
        Some(10.0),
        Some(48.0),
        Some(I),
        NotAchieved,
    ),
    (
        "andel fler olika ss%: 22 %, öka 5 % → 28 %",
        Some(22.0),
        None,
        Some(5.0),
        Some(28.0),
        Some(I),
        Achieved,
    ),
    (
        "kontinuitet a) minst 2 besök: 54 %, öka 5 % → 56 %",
        Some(54.0),
        None,
        Some(5.0),
        Some(56.0),
        Some(I),
        Partly,
    ),
    (
        "kontinuitet b) minst 3 besök: 46 %, öka 5 % → 48 %",
        Some(46.0),
        None,
        Some(5.0),
        Some(48.0),
        Some(I),
        Partly,
    ),
    (
        "rehabkoordinator a) innan dag 90: 27 % → 45 % → 18 %",
        Some(27.0),
        Some(45.0),
        None,
        Some(18.0),
        Some(I),
        NotAchieved,
    ),
    (
        "rehabkoordinator b) aldrig: 55 % → 35 % → 61 %",
        Some(55.0),
        Some(35.0),
        None,
        Some(61.0),
        Some(D),
        NotAchieved,
    ),
    // Edge cases
    (
        "direction inferred from baseline → target",
        Some(10.0),
        Some(5.0),
        None,
        Some(5.0),
        None,
        Achieved,
    ),
    (
        "direction inferred from change_percent",
        None,
        None,
        Some(-10.0),
        Some(1.0),
        None,
        NotAssessable,
    ),
    (
        "exactly on a relative target (62 × 1,1)",
        Some(62.0),
        None,
        Some(10.0),
        Some(68.2),
        None,
        Achieved,
    ),
    (
        "no result",
        Some(3.0),
        Some(10.0),
        None,
        None,
        Some(I),
        NotAssessable,
    ),
    (
        "no target",
        Some(3.0),
        None,
        None,
        Some(5.0),
        Some(I),
        NotAssessable,
    ),
    (
        "no direction at all",
        None,
        Some(10.0),
        None,
        Some(12.0),
        None,
        NotAssessable,
    ),
    (
        "not reached, no baseline",
        None,
        Some(10.0),
        None,
        Some(8.0),
        Some(I),
        NotAchieved,
    ),
    (
        "unchanged is not movement",
        Some(8.0),
        Some(10.0),
        None,
        Some(8.0),
        None,
        NotAchieved,
    ),
];

#[test]
fn status_table() {
    for (name, b, t, c, r, d, want) in CASES {
        let got = status(&ind(*b, *t, *c, *r, *d));
        assert_eq!(got, *want, "{name}");
    }
}

#[test]
fn text_figures_are_not_assessable() {
    let mut i = ind(Some(3.0), Some(10.0), None, Some(1.0), Some(I));
    i.result = Some(Measure {
        value: Figure::Text("Ej mätbart".into()),
        period: None,
        note: None,
    });
    assert_eq!(status(&i), NotAssessable);
    let mut i = ind(Some(3.0), None, None, Some(1.0), Some(I));
    i.target = Some(Target {
        value: Some(Figure::Text("4 möten per år".into())),
        change_percent: None,
        by: None,
        better_than: None,
        text: None,
    });
    assert_eq!(status(&i), NotAssessable);
}

#[test]
fn relative_targets_resolve_against_the_baseline() {
    let i = ind(Some(99.0), None, Some(-10.0), None, None);
    assert!((target(&i).unwrap() - 89.1).abs() < 1e-9);
    assert_eq!(direction(&i), Some(D));
}

#[test]
fn tallies_and_words() {
    let t: crate::outcome::Tally = [Achieved, Achieved, Partly, NotAssessable]
        .into_iter()
        .collect();
    assert_eq!(
        (t.total, t.achieved, t.partly, t.not_assessable),
        (4, 2, 1, 1)
    );
    for s in [Achieved, Partly, NotAchieved, NotAssessable] {
        assert!(!s.symbol().is_empty() && !s.label().is_empty());
    }
}

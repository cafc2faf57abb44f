//! `assess` and the report's outcome for every kind of target and every form of the
//! report's own verdict.

use chrono::NaiveDate;

use super::*;
use crate::content::{BetterThan, Measure, Point, Report, Status, Target, Unit, Verdict};
use GoalStatus::*;

fn measure(v: f64) -> Measure {
    Measure {
        value: Figure::Number(v.into()),
        period: None,
        note: None,
    }
}

fn target(value: Option<f64>, better_than: Option<BetterThan>) -> Target {
    Target {
        value: value.map(|v| Figure::Number(v.into())),
        change_percent: None,
        better_than,
        by: None,
        text: Some("i rapportens ord".into()),
    }
}

fn ind(unit: Unit, dir: Option<Direction>, b: Option<f64>, t: Target, r: Option<f64>) -> Indicator {
    Indicator {
        name: "Andel x".into(),
        unit,
        direction: dir,
        baseline: b.map(measure),
        target: Some(t),
        result: r.map(measure),
        source: None,
        note: None,
        series: Vec::new(),
        reference_label: None,
        assessment: None,
        main: false,
        name_at: (0, 0),
    }
}

fn verdict(status: GoalStatus, text: &str) -> Option<Verdict> {
    Some(Verdict {
        status,
        text: text.into(),
        at: (1, 1),
    })
}

/// Bra Liv Oxnehaga prea60: 58,3 % in January, 90 % in November, against a
/// regional average of 63,1 % and 79,6 %.
fn prea60(t: Target) -> Indicator {
    let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
    let mut i = ind(
        Unit::Percent,
        Some(Direction::Increase),
        Some(58.3),
        t,
        Some(90.0),
    );
    i.series = vec![
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
        Point {
            date: Some(d(12, 1)),
            label: None,
            value: 91.0,
            reference: None,

            decimals: (1, 1),
        },
    ];
    i.reference_label = Some("Regionssnitt".into());
    i
}

#[test]
fn a_count_target_is_computed() {
    // Kry Vallentuna: "minst 4 möten per år", held quarterly (4).
    let i = ind(
        Unit::Count,
        None,
        Some(0.0),
        target(Some(4.0), None),
        Some(4.0),
    );
    let a = assess(&i);
    assert_eq!((a.status, a.basis), (Achieved, Basis::Computed));
    assert_eq!(a.words, None);
    assert!(!a.disagrees);
}

#[test]
fn better_than_baseline() {
    let i = prea60(target(None, Some(BetterThan::Baseline)));
    let a = assess(&i);
    assert_eq!((a.status, a.basis), (Achieved, Basis::Computed));
    assert_eq!(
        a.words.as_deref(),
        Some("90\u{a0}% mot utgångsläget 58,3\u{a0}%")
    );
    let mut worse = i.clone();
    worse.direction = Some(Direction::Decrease);
    assert_eq!(assess(&worse).status, NotAchieved);
    let mut same = i.clone();
    same.result = Some(measure(58.3));
    assert_eq!(
        assess(&same).status,
        NotAchieved,
        "no change is no improvement"
    );
    let mut no_dir = i;
    no_dir.direction = None;
    assert_eq!(assess(&no_dir).basis, Basis::None);
}

#[test]
fn better_than_reference_uses_the_last_point_with_a_reference() {
    let i = prea60(target(None, Some(BetterThan::Reference)));
    let a = assess(&i);
    assert_eq!((a.status, a.basis), (Achieved, Basis::Computed));
    assert_eq!(
        a.words.as_deref(),
        // The series was written 90.0 (decimals 1): shown as written.
        Some("90,0\u{a0}% mot 79,6\u{a0}% (regionssnitt)")
    );
    let mut below = i.clone();
    below.series[1].value = 70.0;
    assert_eq!(assess(&below).status, NotAchieved);
    let mut unlabelled = i.clone();
    unlabelled.reference_label = None;
    assert_eq!(
        assess(&unlabelled).words.as_deref(),
        Some("90,0\u{a0}% mot referensvärdet 79,6\u{a0}%")
    );
    let mut acronym = i.clone();
    acronym.reference_label = Some("SKR-snitt".into());
    assert!(assess(&acronym).words.unwrap().ends_with("(SKR-snitt)"));
    let mut none = i;
    none.series.iter_mut().for_each(|p| p.reference = None);
    assert_eq!(assess(&none).status, NotAssessable);
}

#[test]
fn the_report_decides_where_the_figures_cannot() {
    let mut i = ind(Unit::Count, None, None, target(None, None), None);
    i.target.as_mut().unwrap().value = Some(Figure::Text("fler SIP".into()));
    assert_eq!(assess(&i).basis, Basis::None);
    i.assessment = verdict(Partly, "Målet har delvis uppnåtts");
    let a = assess(&i);
    assert_eq!((a.status, a.basis), (Partly, Basis::Report));
    assert_eq!(
        a.verdict,
        Some((Partly, "Målet har delvis uppnåtts".into()))
    );
    assert!(!a.disagrees);
}

#[test]
fn figures_count_and_a_differing_verdict_is_kept_beside_them() {
    let mut i = prea60(target(None, Some(BetterThan::Reference)));
    i.assessment = verdict(Achieved, "Delmål 1 och 2 har uppnåtts");
    let a = assess(&i);
    assert_eq!(
        (a.status, a.basis, a.disagrees),
        (Achieved, Basis::Computed, false)
    );
    assert!(a.verdict.is_some());
    i.assessment = verdict(Partly, "delvis");
    let a = assess(&i);
    assert_eq!(
        (a.status, a.basis, a.disagrees),
        (Achieved, Basis::Computed, true)
    );
    assert_eq!(a.verdict.unwrap().0, Partly);
}

#[test]
fn verdict_words() {
    for (w, s) in [
        ("uppnått", Achieved),
        (" Uppnådd ", Achieved),
        ("UPPNATT", Achieved),
        ("delvis", Partly),
        ("Delvis  uppnått", Partly),
        ("ej uppnått", NotAchieved),
        ("inte uppnått", NotAchieved),
        ("ej_uppnatt", NotAchieved),
        ("ej bedömbart", NotAssessable),
        ("Kan inte bedömas", NotAssessable),
        ("ej_bedombart", NotAssessable),
    ] {
        assert_eq!(GoalStatus::parse(w), Some(s), "{w}");
    }
    assert_eq!(GoalStatus::parse("klart"), None);
    assert_eq!(GoalStatus::parse(""), None);
}

fn report(status: Status, indicators: Vec<Indicator>, assessment: Option<Verdict>) -> Report {
    Report {
        file: "content/2024/x.md".into(),
        dir: "content/2024".into(),
        stem: "x".into(),
        year: 2024,
        title: "X".into(),
        clinic: "K".into(),
        region: None,
        topics: vec![0],
        status,
        date: None,
        draft: false,
        summary: String::new(),
        team: Vec::new(),
        indicators,
        attachments: Vec::new(),
        pictures: Vec::new(),
        aliases: Vec::new(),
        body_html: Default::default(),
        body_text: String::new(),
        assessment,
        changes: Vec::new(),
        headings: Vec::new(),
        todos: Vec::new(),
    }
}

#[test]
fn outcome_is_the_reports_verdict_else_the_main_goal_else_derived() {
    use crate::outcome::{of, OutcomeBasis, ReportOutcome};
    let met = ind(
        Unit::Count,
        None,
        Some(0.0),
        target(Some(4.0), None),
        Some(4.0),
    );
    let missed = ind(
        Unit::Count,
        None,
        Some(0.0),
        target(Some(4.0), None),
        Some(0.0),
    );
    let partly = ind(
        Unit::Count,
        None,
        Some(0.0),
        target(Some(4.0), None),
        Some(2.0),
    );
    let open = ind(Unit::Count, None, None, target(None, None), None);
    let derived = |inds: Vec<Indicator>| of(&report(Status::Final, inds, None));
    let all = derived(vec![met.clone(), met.clone(), open.clone()]);
    assert_eq!(
        (all.status, all.basis),
        (ReportOutcome::Achieved, Some(OutcomeBasis::Computed))
    );
    assert_eq!(
        derived(vec![met.clone(), missed.clone()]).status,
        ReportOutcome::Partly
    );
    assert_eq!(
        derived(vec![partly, missed.clone()]).status,
        ReportOutcome::Partly
    );
    assert_eq!(
        derived(vec![missed.clone()]).status,
        ReportOutcome::NotAchieved
    );
    assert_eq!(
        derived(vec![open.clone()]).status,
        ReportOutcome::NotAssessable
    );
    assert_eq!(derived(Vec::new()).status, ReportOutcome::NotAssessable);

    // Kry: the main goal missed, another met: the main goal decides.
    let mut main = missed.clone();
    main.main = true;
    let kry = derived(vec![main.clone(), open.clone(), met.clone()]);
    assert_eq!(
        (kry.status, kry.basis),
        (ReportOutcome::NotAchieved, Some(OutcomeBasis::Main))
    );

    let quote = "Huvudmålsättningen har delvis uppnåtts.";
    let own = of(&report(
        Status::Final,
        vec![met.clone(), main],
        verdict(Partly, quote),
    ));
    assert_eq!(
        (own.status, own.basis),
        (ReportOutcome::Partly, Some(OutcomeBasis::Report))
    );
    // A plan: no outcome but "plan", and no goal has a status.
    let plan = report(Status::Plan, vec![met], verdict(Partly, quote));
    assert_eq!(
        (of(&plan).status, of(&plan).basis),
        (ReportOutcome::Plan, None)
    );
    assert!(goal_statuses(&plan).is_none() && goals(&plan).is_none());
}

//! The one definition of a report's outcome, case by case.

use super::*;

/// A report as [`of`] sees it.
#[derive(Default)]
struct Seen {
    plan: bool,
    own: Option<GoalStatus>,
    main: Vec<GoalStatus>,
    goals: Vec<GoalStatus>,
}

impl Evidence for Seen {
    fn is_plan(&self) -> bool {
        self.plan
    }
    fn own_verdict(&self) -> Option<GoalStatus> {
        self.own
    }
    fn main_goals(&self) -> Option<Tally> {
        (!self.main.is_empty()).then(|| self.main.iter().copied().collect())
    }
    fn goals(&self) -> Tally {
        self.goals.iter().copied().collect()
    }
}

use GoalStatus::*;

fn outcome(seen: Seen) -> (&'static str, Option<&'static str>) {
    let o = of(&seen);
    (o.status.slug(), o.basis.map(OutcomeBasis::slug))
}

#[test]
fn a_plan_has_no_outcome_but_plan() {
    let seen = Seen {
        plan: true,
        own: Some(Achieved),
        goals: vec![Achieved],
        ..Seen::default()
    };
    assert_eq!(outcome(seen), ("plan", None));
}

#[test]
fn the_reports_own_verdict_comes_first() {
    let seen = Seen {
        own: Some(Partly),
        main: vec![NotAchieved],
        goals: vec![Achieved, Achieved],
        ..Seen::default()
    };
    assert_eq!(outcome(seen), ("delvis", Some("report")));
}

#[test]
fn then_the_main_goal_then_all_goals() {
    // Kry 2023: the main goal (more SIPs) failed; a meetings goal was met.
    let kry = Seen {
        main: vec![NotAchieved],
        goals: vec![NotAchieved, NotAssessable, Achieved],
        ..Seen::default()
    };
    assert_eq!(outcome(kry), ("ej-uppnatt", Some("main_goal")));
    let two_mains = Seen {
        main: vec![Achieved, NotAchieved],
        goals: vec![Achieved, NotAchieved],
        ..Seen::default()
    };
    assert_eq!(outcome(two_mains), ("delvis", Some("main_goal")));
    let computed = |goals: Vec<GoalStatus>| {
        outcome(Seen {
            goals,
            ..Seen::default()
        })
    };
    assert_eq!(
        computed(vec![Achieved, NotAssessable]),
        ("uppnatt", Some("computed"))
    );
    assert_eq!(
        computed(vec![Achieved, NotAchieved]),
        ("delvis", Some("computed"))
    );
    assert_eq!(
        computed(vec![Partly, NotAchieved]),
        ("delvis", Some("computed"))
    );
    assert_eq!(
        computed(vec![NotAchieved, NotAssessable]),
        ("ej-uppnatt", Some("computed"))
    );
    assert_eq!(
        computed(vec![NotAssessable]),
        ("ej-bedombart", Some("computed"))
    );
    assert_eq!(computed(vec![]), ("ej-bedombart", Some("computed")));
}

#[test]
fn words_slugs_and_labels_belong_to_their_enums() {
    assert_eq!(GoalStatus::Partly.label(), "delvis uppnått");
    assert_eq!(GoalStatus::NotAssessable.label(), "ej bedömbart");
    assert_eq!(ReportOutcome::Plan.label(), "plan");
    assert_eq!(ReportOutcome::NotAchieved.label(), "ej uppnått");
    assert_eq!(OutcomeBasis::Main.label(), "huvudmålet");
    assert_eq!(
        ReportOutcome::ALL.map(ReportOutcome::slug),
        ["uppnatt", "delvis", "ej-uppnatt", "ej-bedombart", "plan"]
    );
    assert_eq!(GoalStatus::parse(" Delvis   uppnått "), Some(Partly));
    assert_eq!(
        ChangeStatus::parse("Ej genomförd"),
        Some(ChangeStatus::NotDone)
    );
    assert_eq!(ChangeStatus::parse("införd"), Some(ChangeStatus::Adopted));
    assert_eq!(ChangeStatus::parse("gjord"), None);
    // `prövad` is written; `testad`, the first spelling, is still read.
    assert_eq!(ChangeStatus::parse("Prövad"), Some(ChangeStatus::Tested));
    assert_eq!(ChangeStatus::parse("testad"), Some(ChangeStatus::Tested));
    assert_eq!(ChangeStatus::Tested.written(), "prövad");
    assert_eq!(ChangeStatus::Tested.label(), "prövad");
    assert!(ChangeStatus::Adopted.tried() && !ChangeStatus::Planned.tried());
    for (w, s) in ChangeStatus::WORDS {
        assert_eq!(ChangeStatus::parse(w), Some(*s));
    }
}

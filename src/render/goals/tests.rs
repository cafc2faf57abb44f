//! The wording of goal headlines, outcomes and bases.

use super::*;

fn tally(achieved: usize, partly: usize, not_achieved: usize, none: usize) -> Tally {
    Tally {
        total: achieved + partly + not_achieved + none,
        achieved,
        partly,
        not_achieved,
        not_assessable: none,
    }
}

#[test]
fn headlines_leave_out_zero_parts_but_the_first() {
    assert_eq!(headline(&tally(3, 0, 0, 0)), "3 av 3 mål uppnådda");
    assert_eq!(headline(&tally(1, 0, 0, 0)), "1 av 1 mål uppnått");
    assert_eq!(
        headline(&tally(0, 0, 0, 1)),
        "0 av 1 mål uppnått · 1 kunde inte bedömas"
    );
    assert_eq!(
        headline(&tally(1, 1, 2, 0)),
        "1 av 4 mål uppnådda · 1 delvis · 2 ej uppnådda"
    );
    assert_eq!(
        headline(&tally(2, 1, 1, 3)),
        "2 av 7 mål uppnådda · 1 delvis · 1 ej uppnått · 3 kunde inte bedömas"
    );
    assert_eq!(
        headline(&tally(0, 0, 0, 4)),
        "0 av 4 mål uppnådda · 4 kunde inte bedömas"
    );
    assert_eq!(headline(&Tally::default()), "");
    assert_eq!(plan_headline(3), "3 mål i planen");
    assert_eq!(plan_headline(0), "");
}

#[test]
fn aggregate_headlines_count_goals_and_reports() {
    assert_eq!(
        aggregate_headline(&tally(3, 1, 0, 3), 4),
        "7 mål i 4 rapporter: 3 uppnådda · 1 delvis · 3 kunde inte bedömas"
    );
    assert_eq!(
        aggregate_headline(&tally(1, 0, 0, 0), 1),
        "1 mål i 1 rapport: 1 uppnått"
    );
    assert_eq!(
        aggregate_headline(&tally(0, 0, 2, 0), 2),
        "2 mål i 2 rapporter: 0 uppnådda · 2 ej uppnådda"
    );
    assert_eq!(aggregate_headline(&Tally::default(), 2), "");
}

#[test]
fn an_indicator_says_its_basis_and_the_reports_verdict() {
    let quote = "Delmål 1 och 2 har uppnåtts".to_string();
    let computed = Assessed {
        status: GoalStatus::Achieved,
        basis: Basis::Computed,
        words: Some("90 % mot regionssnittets 79,6 %".into()),
        verdict: Some((GoalStatus::Partly, quote.clone())),
        disagrees: true,
    };
    let v = assessed_view(&computed);
    assert_eq!(
        v.basis_text,
        "beräknat från siffrorna: 90 % mot regionssnittets 79,6 %"
    );
    assert_eq!(
        v.verdict.as_ref().map(|v| v.line.as_str()),
        Some("Enligt rapporten: delvis – ”Delmål 1 och 2 har uppnåtts”")
    );
    assert!(v.disagrees);
    let report = Assessed {
        status: GoalStatus::Achieved,
        basis: Basis::Report,
        words: None,
        verdict: Some((GoalStatus::Achieved, quote)),
        disagrees: false,
    };
    let v = assessed_view(&report);
    assert_eq!(v.status_basis, "report");
    assert_eq!(
        v.basis_text,
        "enligt rapporten: ”Delmål 1 och 2 har uppnåtts”"
    );
    assert!(v.verdict.is_none(), "quoted once, as the basis");
    let none = Assessed {
        status: GoalStatus::NotAssessable,
        basis: Basis::None,
        words: None,
        verdict: None,
        disagrees: false,
    };
    assert_eq!(assessed_view(&none).basis_text, "kunde inte bedömas");
}

#[test]
fn outcomes_say_their_basis() {
    let report = Outcome {
        status: GoalStatus::Partly,
        basis: Basis::Report,
        text: Some("Huvudmålet har delvis uppnåtts.".into()),
    };
    assert_eq!(
        outcome_line(&report),
        "Bedömning: delvis uppnått – enligt rapporten: ”Huvudmålet har delvis uppnåtts.”"
    );
    let computed = Outcome {
        status: GoalStatus::Achieved,
        basis: Basis::Computed,
        text: None,
    };
    assert_eq!(
        outcome_line(&computed),
        "Bedömning: uppnått (utifrån indikatorerna)"
    );
    let none = Outcome {
        status: GoalStatus::NotAssessable,
        basis: Basis::None,
        text: None,
    };
    assert_eq!(outcome_line(&none), "Bedömning: kunde inte bedömas");
    assert_eq!(
        outcomes_line(&[
            computed.clone(),
            computed.clone(),
            report.clone(),
            none.clone()
        ]),
        "Rapporternas bedömning: 2 uppnått · 1 delvis · 1 ej bedömbart"
    );
    assert_eq!(
        outcomes_line(std::slice::from_ref(&report)),
        "Rapportens bedömning: delvis uppnått"
    );
    assert_eq!(outcomes_line(&[]), "");
}

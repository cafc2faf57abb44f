//! What an indicator's status rests on, in words.

use super::*;

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
        Some("Enligt rapporten: delvis uppnått – ”Delmål 1 och 2 har uppnåtts”")
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
    let v = assessed_view(&none);
    assert_eq!(v.basis_text, "kan inte räknas fram ur siffrorna");
    assert_eq!(v.status_label, "ej bedömbart");
    let plan = planned_view();
    assert!(plan.planned && plan.status_label.is_empty());
    assert_eq!(plan.basis_text, "planerat, inte utvärderat än");
}

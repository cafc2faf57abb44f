//! Goal status through the library: one indicator per kind of target and
//! per form of the report's own verdict (`tests/fixtures/goals`), and the
//! warning where the figures and the report disagree.

use arkiv::indicators::{assess, Basis};
use arkiv::outcome::{of as outcome, GoalStatus, OutcomeBasis, ReportOutcome};
use arkiv::site::{Related, Site, Sources, Timer};

use crate::common::*;

use Basis::{Computed, None as Unjudged, Report};
use GoalStatus::*;

#[test]
fn each_target_kind_and_verdict_form_has_its_status_and_basis() {
    let site = TestSite::new("goals");
    let mut t = Timer::new(false);
    let s = Sources::load(&site.root, &mut t);
    let (built, _) = Site::assemble(&s, Related::Compute, false, &mut t);
    let built = built.expect("the goals fixture builds");
    let reports = &built.model.reports;
    let of = |stem: &str| {
        reports
            .iter()
            .find(|r| r.stem == stem)
            .unwrap_or_else(|| panic!("no report {stem}"))
    };
    let cases: &[(&str, &[(GoalStatus, Basis)])] = &[
        // a count target with the count read from a frequency; change_percent
        ("kry-moten", &[(Achieved, Computed), (Partly, Computed)]),
        // better than the baseline, better than the reference, words only
        (
            "prea60",
            &[
                (Achieved, Computed),
                (Achieved, Computed),
                (NotAssessable, Report),
            ],
        ),
        // the verdict words and slugs in any case; no verdict; a disagreement
        (
            "verdicts",
            &[
                (Achieved, Report),
                (NotAchieved, Report),
                (NotAchieved, Report),
                (NotAssessable, Unjudged),
                (Partly, Computed),
            ],
        ),
    ];
    for (stem, want) in cases {
        let r = of(stem);
        let got: Vec<(GoalStatus, Basis)> = r
            .indicators
            .iter()
            .map(|i| {
                let a = assess(i);
                (a.status, a.basis)
            })
            .collect();
        assert_eq!(&got, want, "{stem}");
    }

    let prea60 = of("prea60");
    let words: Vec<Option<String>> = prea60.indicators.iter().map(|i| assess(i).words).collect();
    assert_eq!(
        words,
        [
            Some("90\u{a0}% mot utgångsläget 58,3\u{a0}%".to_string()),
            Some("90\u{a0}% mot 79,6\u{a0}% (regionssnitt)".to_string()),
            None
        ]
    );
    let first = &prea60.indicators[0];
    assert_eq!(
        first.target.as_ref().unwrap().text.as_deref(),
        Some("ökat jämfört med januari")
    );
    let kry = of("kry-moten");
    assert_eq!(
        kry.indicators[0].result.as_ref().unwrap().note.as_deref(),
        Some("har genomförts kvartalsvis")
    );

    let own = outcome(&**prea60);
    assert_eq!(
        (own.status, own.basis),
        (ReportOutcome::Partly, Some(OutcomeBasis::Report))
    );
    assert_eq!(
        prea60.assessment.as_ref().map(|v| v.text.as_str()),
        Some("Huvudmålsättningen har delvis uppnåtts.")
    );
    let derived = outcome(&**kry);
    assert_eq!(
        (derived.status, derived.basis),
        (ReportOutcome::Partly, Some(OutcomeBasis::Computed))
    );
    let plan = outcome(&**of("plan"));
    assert_eq!(
        (plan.status, plan.basis),
        (ReportOutcome::Plan, None),
        "plans are not judged"
    );
}

#[test]
fn a_verdict_that_differs_from_the_figures_is_a_warning_at_its_status() {
    let site = TestSite::new("goals");
    let root = site.root.to_str().unwrap();
    let run = crate::common::run(&["check", "--all-warnings", "--root", root]);
    run.assert_ok();
    assert_eq!(
        run.stderr.lines().collect::<Vec<_>>(),
        [
            "content/2024/verdicts.md:23:27: warning: the report says \"ej uppnått\" but its figures say \"delvis uppnått\"; the figures count, and the report's verdict is shown beside them [W008]",
            "0 errors, 1 warning",
        ]
    );
}

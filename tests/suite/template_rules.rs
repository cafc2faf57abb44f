//! The APC template's own rules are warnings from `check`, errors with
//! `--strict`; link-only entries and plans without results are exempt.

use crate::common::*;

#[test]
fn a_report_that_follows_every_rule_is_silent() {
    let site = TestSite::new("rules-follow");
    let run = site.check();
    run.assert_ok();
    assert_eq!(run.stderr, "", "no warnings expected");
    let strict = crate::common::run(&["check", "--strict", "--root", site.root.to_str().unwrap()]);
    strict.assert_ok();
}

#[test]
fn each_rule_fires_at_its_line() {
    let site = TestSite::new("rules-break");
    let root = site.root.to_str().unwrap();
    let run = crate::common::run(&["check", "--all-warnings", "--root", root]);
    run.assert_ok();
    let want = [
        "content/2024/en-indikator.md:7:3: warning: the template asks for at least 2 indicators; this report has 1 [W003]",
        "content/2024/fel-namn.md:8:11: warning: the template asks for indicator names that start with \"Antal\" or \"Andel\" [W004]",
        "content/2024/fel-namn.md:12:11: warning: indicator has no baseline (utgångsläge) [W005]",
        "content/2024/fel-namn.md:15:11: warning: indicator has no target (mål) [W006]",
        "content/2024/fel-namn.md:18:11: warning: final report: indicator has no result (resultat) [W007]",
        "0 errors, 5 warnings",
    ];
    assert_eq!(run.stderr.lines().collect::<Vec<_>>(), want);
    // By default one line per report, with the count and the kinds.
    let grouped = site.check();
    assert_eq!(
        grouped.stderr.lines().collect::<Vec<_>>(),
        [
            want[0],
            "content/2024/fel-namn.md: warning: 4 warnings: indicator name [W004], no baseline [W005], no target [W006], no result [W007] (--all-warnings lists each)",
            want[5],
        ]
    );
    let strict = crate::common::run(&["check", "--strict", "--root", root]);
    assert_eq!(strict.code, 1);
    assert!(strict.stderr.ends_with("5 errors, 0 warnings\n"));
}

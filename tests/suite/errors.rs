//! Error paths: every `tests/fixtures/invalid-*` fixture fails `check` and
//! `build` with exactly the diagnostics in its `expected.stderr`, exit code
//! 1 and nothing written; plus the year range, annotations, `--strict` and
//! usage errors.

use crate::common::*;

/// The one diagnostic that moves with the calendar: the last accepted year
/// (next year) is written `{next_year}` in expected files.
fn normalise(stderr: &str) -> String {
    let next_year = chrono::Local::now()
        .format("%Y")
        .to_string()
        .parse::<i32>()
        .unwrap()
        + 1;
    stderr.replace(&format!("–{next_year}"), "–{next_year}")
}

/// Each invalid fixture prints its `expected.stderr`. With `ARKIV_BLESS=1`
/// the `check` run rewrites the file, and `build` must then print the same.
#[test]
fn each_error_path_has_its_diagnostic() {
    let names = fixtures_named("invalid-");
    assert!(names.len() > 10, "invalid fixtures: {names:?}");
    let mut failures = Vec::new();
    for name in &names {
        let expected = fixture(name).join(EXPECTED_STDERR);
        for cmd in ["check", "build"] {
            let site = TestSite::new(name);
            let run = site.run(cmd);
            assert_eq!(run.code, 1, "{name} ({cmd}) should fail:\n{}", run.stderr);
            let bless = blessing() && cmd == "check";
            if let Err(diff) = compare_expected(&expected, &normalise(&run.stderr), bless) {
                failures.push(format!("{name} ({cmd}):\n{diff}"));
            }
            assert!(
                !site.public().exists(),
                "{name} ({cmd}) must not write output"
            );
            let leftovers: Vec<_> = std::fs::read_dir(&site.root)
                .unwrap()
                .filter_map(|e| e.ok())
                .filter(|e| e.file_name().to_string_lossy().contains("arkiv-staging"))
                .collect();
            assert!(leftovers.is_empty(), "{name}: staging folder left behind");
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(if the new output is right: ARKIV_BLESS=1 cargo test --test suite errors::)",
        failures.join("\n")
    );
}

#[test]
fn year_range_is_checked() {
    let site = TestSite::new("minimal");
    let next = chrono::Local::now()
        .format("%Y")
        .to_string()
        .parse::<i32>()
        .unwrap()
        + 2;
    site.write(
        "content/2023/kry.md",
        &format!("---\ntitle: T\nclinic: K\nyear: {next}\ntopics: [sip]\n---\n"),
    );
    let run = site.check();
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr.lines().next().unwrap(),
        format!(
            "content/2023/kry.md:4:7: year {next} is outside 1990–{} [E011]",
            next - 1
        )
    );
    site.write(
        "content/2023/kry.md",
        "---\ntitle: T\nclinic: K\nyear: 1989\ntopics: [sip]\n---\n",
    );
    assert!(site
        .check()
        .stderr
        .contains("content/2023/kry.md:4:7: year 1989 is outside 1990–"));
}

#[test]
fn github_annotations() {
    let site = TestSite::new("invalid-unknown-topic");
    let run = run_in(
        &["check", "--root", site.root.to_str().unwrap()],
        &repo(),
        &[("GITHUB_ACTIONS", "true")],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("::error file=content/2023/kry.md,line=5,col=15::unknown topic \"sjukskrivnig\" (did you mean \"sjukskrivning\"?)"),
        "{}",
        run.stderr
    );
}

#[test]
fn strict_turns_warnings_into_errors() {
    let site = TestSite::new("valid");
    site.check().assert_ok();
    let run = run(&["check", "--strict", "--root", site.root.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("brommaplan-sip.md:32:43: e-mail address found"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with("5 errors, 0 warnings\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn wrong_usage_exits_2() {
    assert_eq!(run(&["build", "--no-such-flag"]).code, 2);
    assert_eq!(run(&["frobnicate"]).code, 2);
    assert_eq!(run(&[]).code, 2);
}

//! One invalid fixture per error path, each asserting the exact
//! diagnostic, exit code 1, and that nothing was written.

use crate::common::*;

/// (fixture, the exact diagnostic lines on stderr)
const CASES: &[(&str, &[&str])] = &[
    ("invalid-yaml-syntax", &["content/2023/kry.md:3:12: mapping values are not allowed in this context"]),
    (
        "invalid-wrong-type",
        &["content/2023/kry.md:4:7: year: invalid type: string \"tjugotjugotre\", expected a whole number"],
    ),
    ("invalid-missing-key", &["content/2023/kry.md:1:1: missing required key `clinic`"]),
    (
        "invalid-unknown-key",
        &["content/2023/kry.md:6:1: unknown key `author`; expected one of `title`, `clinic`, `year`, `topics`, `region`, `status`, `date`, `draft`, `summary`, `team`, `indicators`, `attachments`, `aliases`"],
    ),
    (
        "invalid-unknown-topic",
        &["content/2023/kry.md:5:15: unknown topic \"sjukskrivnig\" (did you mean \"sjukskrivning\"?)"],
    ),
    ("invalid-bad-date", &["content/2023/kry.md:6:7: \"2024-02-30\" is not a valid date (use YYYY-MM-DD, YYYY-MM or YYYY)"]),
    (
        "invalid-stem-not-slug",
        &["content/2023/Kry Vallentuna.md: the file name \"Kry Vallentuna.md\" is not a slug (a-z, 0-9, -): rename it to \"kry-vallentuna.md\""],
    ),
    (
        "invalid-duplicate-url",
        &[
            "content/2024/kry.md:1:1: two reports have the URL /2023/kry/: content/2023/kry.md and this file",
            "content/2024/kry.md:4:7: warning: the file is in folder 2024 but its year is 2023",
        ],
    ),
    (
        "invalid-attachment-missing",
        &["content/2023/kry.md:7:13: attachment file \"rutin.pdf\" does not exist next to the report"],
    ),
    (
        "invalid-invalid-utf8",
        &["content/2023/kry.md:2:8: the file is not valid UTF-8 (byte 0xD6); it looks like Windows-1252 (ANSI/Latin-1): save it as UTF-8"],
    ),
    (
        "invalid-unclosed-front-matter",
        &["content/2023/kry.md:1:1: the front matter is not closed: add a line with --- after it"],
    ),
    ("invalid-template-error", &["templates/report.html:5:23: template error: Unknown filter `nosuchfilter`"]),
    (
        "invalid-config-unknown-key",
        &["site.toml:4:1: unknown field `colour`, expected one of `title`, `base_url`, `language`, `theme`, `description`, `topics`, `clinics`, `privacy`, `data_license`, `accessibility`, `redirects`"],
    ),
    (
        "invalid-many-errors",
        &[
            "content/2023/a.md:5:15: unknown topic \"sjukskrivnig\" (did you mean \"sjukskrivning\"?)",
            "content/2023/b.md:6:7: \"2024-02-30\" is not a valid date (use YYYY-MM-DD, YYYY-MM or YYYY)",
            "content/2023/c.md:2:14: warning: e-mail address found; it will not be published (remove it from the report)",
            "content/2023/c.md:4:7: warning: the file is in folder 2023 but its year is 2022",
        ],
    ),
];

fn summary(lines: &[&str]) -> String {
    let warnings = lines.iter().filter(|l| l.contains(": warning: ")).count();
    let errors = lines.len() - warnings;
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

#[test]
fn each_error_path_has_its_diagnostic() {
    for (name, expected) in CASES {
        for cmd in ["check", "build"] {
            let site = TestSite::new(name);
            let run = run(&[cmd, "--root", site.root.to_str().unwrap()]);
            assert_eq!(run.code, 1, "{name} ({cmd}) should fail:\n{}", run.stderr);
            let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
            want.push(summary(expected));
            let got: Vec<&str> = run.stderr.lines().collect();
            assert_eq!(got, want, "{name} ({cmd})");
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
}

#[test]
fn year_range_is_checked() {
    let site = TestSite::new("invalid-unknown-key");
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
            "content/2023/kry.md:4:7: year {next} is outside 1990–{}",
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
        run.stderr.ends_with("4 errors, 0 warnings\n"),
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

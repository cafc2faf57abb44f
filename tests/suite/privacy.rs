//! The privacy guard: a possible personnummer or samordningsnummer in a
//! report or a text attachment stops `check` and `build` with an error at
//! its position, shows only a masked form, and writes nothing; numbers in
//! `[privacy] allow`, dates, phone numbers and figures pass.

use crate::common::*;

const HINT: &str =
    "remove it, or list it in site.toml [privacy] allow if it is not a real person's number";

/// (fixture, the masked number, the digits that must never be printed);
/// each fixture's exact error line, with its location, is in its
/// `expected.stderr` (checked by `errors::each_error_path_has_its_diagnostic`).
const CASES: &[(&str, &str, &str)] = &[
    (
        "invalid-personnummer-frontmatter",
        "19121212-****",
        "1212-1212",
    ),
    ("invalid-personnummer-note", "701063-****", "701063-2391"),
    ("invalid-personnummer-body", "121212-****", "121212-1212"),
    ("invalid-personnummer-txt", "121212+****", "121212+1212"),
    ("invalid-personnummer-docx", "20121212-****", "1212-1212"),
];

/// The error lines of a run and its summary line, checked exactly; any
/// warnings (from other checks) are counted into the expected summary.
fn assert_errors(run: &Run, want_errors: &[String], what: &str) {
    let lines: Vec<&str> = run.stderr.lines().collect();
    let (summary, diags) = lines.split_last().expect("a summary line");
    let errors: Vec<&str> = diags
        .iter()
        .copied()
        .filter(|l| !l.contains(": warning: "))
        .collect();
    assert_eq!(errors, want_errors, "{what}:\n{}", run.stderr);
    let warnings = diags.len() - errors.len();
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    assert_eq!(
        *summary,
        format!(
            "{}, {}",
            plural(errors.len(), "error"),
            plural(warnings, "warning")
        ),
        "{what}"
    );
}

#[test]
fn each_location_is_scanned() {
    for (name, masked, digits) in CASES {
        for cmd in ["check", "build"] {
            let site = TestSite::new(name);
            let run = site.run(cmd);
            let what = format!("{name} ({cmd})");
            assert_eq!(run.code, 1, "{what} should fail:\n{}", run.stderr);
            assert!(
                run.stderr.contains(&format!(
                    ": possible personnummer {masked}: {HINT} [E017]\n"
                )),
                "{what}:\n{}",
                run.stderr
            );
            assert!(
                !run.stdout.contains(digits) && !run.stderr.contains(digits),
                "{what} printed the number"
            );
            assert!(!site.public().exists(), "{what} must not write output");
        }
    }
}

#[test]
fn github_annotation_is_masked_too() {
    let site = TestSite::new("invalid-personnummer-body");
    let run = run_in(
        &["check", "--root", site.root.to_str().unwrap()],
        &repo(),
        &[("GITHUB_ACTIONS", "true")],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "::error file=content/2023/kry.md,line=19,col=38::possible personnummer 121212-****: "
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("121212-1212"), "{}", run.stderr);
}

#[test]
fn allowed_numbers_dates_phones_and_figures_pass() {
    let site = TestSite::new("valid-personnummer-allowed");
    let run = site.build();
    run.assert_ok();
    assert!(!run.stderr.contains("personnummer"), "{}", run.stderr);
    // The allowed example number is published as written.
    let page = site.read_out("2023/kry/index.html");
    assert!(page.contains("121212-1212"));
    assert!(site.public().join("2023/kry/bilaga-kontakt.txt").is_file());
    site.check().assert_ok();
}

#[test]
fn without_the_allow_list_the_same_numbers_fail() {
    let site = TestSite::new("valid-personnummer-allowed");
    let config = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
    let without = &config[..config.find("[privacy]").unwrap()];
    site.write("site.toml", without);
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let err =
        |at: &str, masked: &str| format!("{at}: possible personnummer {masked}: {HINT} [E017]");
    assert_errors(
        &run,
        &[
            err("content/2023/bilaga-kontakt.txt:5:10", "19121212+****"),
            err("content/2023/kry.md:27:38", "121212-****"),
            err("content/2023/kry.md:27:56", "121212****"),
        ],
        "no allow list",
    );
    assert!(!run.stderr.contains("1212-1212") && !run.stderr.contains("1212121212"));
}

#[test]
fn other_messages_never_quote_the_number() {
    let site = TestSite::new("minimal");
    site.write(
        "content/2023/kry.md",
        "---\ntitle: T\nclinic: K\nyear: 2023\ntopics: [\"121212-1212\"]\n---\n",
    );
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "content/2023/kry.md:5:11: possible personnummer 121212-****: {HINT}"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("unknown topic \"121212-****\""),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("121212-1212"), "{}", run.stderr);
}

#[test]
fn unreadable_word_attachment_is_an_error() {
    let site = TestSite::new("invalid-personnummer-docx");
    site.write("content/2023/bilaga-rutin.docx", "inte en zip-fil");
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/2023/kry.md:17:13: attachment \"bilaga-rutin.docx\" cannot be published: it is not a Word file as its name says; open it and save it again, or attach a PDF of it [E035]"
        ),
        "{}",
        run.stderr
    );
}

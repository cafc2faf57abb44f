//! `arkiv new`: a template report that passes `check`, never an overwrite.

use chrono::Datelike;

use crate::common::*;

#[test]
fn new_writes_a_draft_from_the_template_that_passes_check() {
    let site = TestSite::new("valid");
    let root = site.root.to_str().unwrap();
    let args = [
        "new",
        "--root",
        root,
        "--clinic",
        "Boo vårdcentral",
        "--year",
        "2024",
        "--topic",
        "samordnad individuell plan",
        "--region",
        "Region Stockholm",
    ];
    let run = run(&args);
    run.assert_ok();
    assert!(
        run.stdout
            .contains("wrote content/2024/boo-vardcentral-sip.md"),
        "{}",
        run.stdout
    );
    let text =
        std::fs::read_to_string(site.root.join("content/2024/boo-vardcentral-sip.md")).unwrap();
    assert!(text.starts_with("---\ntitle: \"Förbättringsarbete 2024: SIP – samordnad individuell plan\"\nclinic: \"Boo vårdcentral\"\nyear: 2024\ntopics: [sip]\nregion: \"Region Stockholm\"\n"), "{text}");
    for heading in [
        "## Kartläggning",
        "## Mål",
        "## Orsaker",
        "## Idéer till lösningar",
        "## Mått och mätetal",
        "## Action",
        "## Resultat",
        "## Slutreflektion",
    ] {
        assert!(
            text.contains(&format!("{heading}\n\n<!-- ")),
            "{heading} with a hint"
        );
    }
    let check = site.check();
    check.assert_ok();
    assert!(!check.stderr.contains("boo-vardcentral-sip.md") || !check.stderr.contains(": error"));
    // A draft until the editor says otherwise: not published.
    site.build().assert_ok();
    assert!(!site.public().join("2024/boo-vardcentral-sip").exists());
    // Published as `new` wrote it: the form's name, role and every section
    // with only its hint are errors (E048), each at its line.
    let path = site.root.join("content/2024/boo-vardcentral-sip.md");
    let published = text.replace("draft: true", "draft: false");
    std::fs::write(&path, &published).unwrap();
    let unfilled = site.build();
    assert_eq!(unfilled.code, 1, "{}", unfilled.stderr);
    assert_eq!(
        unfilled.stderr.matches("[E048]").count(),
        2 + 8,
        "{}",
        unfilled.stderr
    );
    assert!(unfilled.stderr.contains(": \"Förnamn Efternamn\" is the name `arkiv new` writes: replace it, or mark the report `draft: true` until it is filled in [E048]"), "{}", unfilled.stderr);
    assert!(
        unfilled
            .stderr
            .contains(": the section \"Kartläggning\" is still empty as `arkiv new` wrote it"),
        "{}",
        unfilled.stderr
    );
    // Filled in (a name, a role, text under one section, the empty ones
    // removed): hints are comments, nothing of them is published.
    let mut filled = published
        .replace("Förnamn Efternamn", "Eva Ek")
        .replace("role: \"Roll\"", "role: \"sjuksköterska\"");
    filled = filled.replacen(
        "<!-- Vad visade nulägesanalysen?",
        "Få patienter hade en SIP.\n\n<!-- Vad visade nulägesanalysen?",
        1,
    );
    let cut = filled.find("\n## Mål").unwrap();
    filled.truncate(cut);
    std::fs::write(&path, filled).unwrap();
    site.build().assert_ok();
    let page = site.read_out("2024/boo-vardcentral-sip/index.html");
    assert!(page.contains("Kartläggning") && !page.contains("nulägesanalysen"));

    // Never an overwrite.
    let again = crate::common::run(&args);
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(
        again
            .stderr
            .contains("content/2024/boo-vardcentral-sip.md: the report already exists"),
        "{}",
        again.stderr
    );
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("draft: false"),
        "file untouched"
    );
}

/// `arkiv new --root <site> --clinic Boo --year 2024 --topic sip`, with
/// one argument replaced.
fn new_with(site: &TestSite, arg: &str, value: &str) -> Run {
    let mut args = vec![
        "new",
        "--root",
        site.root.to_str().unwrap(),
        "--clinic",
        "Boo",
        "--year",
        "2024",
        "--topic",
        "sip",
    ];
    let at = args.iter().position(|a| *a == arg).unwrap() + 1;
    args[at] = value;
    run(&args)
}

/// A mistake on the command line is a usage error (exit 2), printed the
/// way clap prints a value it refuses, naming the argument: the first line
/// starts `error: {expected}`. Nothing is written.
fn assert_usage_error(run: &Run, expected: &str) {
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(&format!("error: {expected}")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("For more information, try '--help'."),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("site.toml:"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

#[test]
fn new_refuses_an_unknown_topic_as_a_usage_error_with_a_suggestion() {
    let site = TestSite::new("valid");
    let run = new_with(&site, "--topic", "psykisk-ohälsa");
    assert_usage_error(
        &run,
        "invalid value 'psykisk-ohälsa' for '--topic <SLUG>': unknown topic (did you mean \"psykisk-ohalsa\"?)\n\n",
    );
    assert!(!site
        .root
        .join("content/2024/boo-psykisk-ohalsa.md")
        .exists());
    // Nothing close: the topics there are.
    let run = new_with(&site, "--topic", "xyzzy");
    assert_usage_error(
        &run,
        "invalid value 'xyzzy' for '--topic <SLUG>': unknown topic; the topics in site.toml are: ",
    );
}

#[test]
fn new_refuses_a_year_out_of_range_and_an_empty_clinic_as_usage_errors() {
    let site = TestSite::new("valid");
    let next = chrono::Local::now().year() + 1;
    let too_late = (next + 1).to_string();
    assert_usage_error(
        &new_with(&site, "--year", &too_late),
        &format!("invalid value '{too_late}' for '--year <N>': the year must lie in 1990–{next}"),
    );
    assert_usage_error(
        &new_with(&site, "--year", "tjugo"),
        "invalid value 'tjugo' for '--year <N>': not a year (write it with digits: 2025)",
    );
    assert_usage_error(
        &new_with(&site, "--clinic", "  "),
        "invalid value '  ' for '--clinic <NAME>': the clinic's name needs letters or digits",
    );
    assert_usage_error(
        &new_with(&site, "--clinic", "–"),
        "invalid value '–' for '--clinic <NAME>': the clinic's name needs letters or digits",
    );
    assert!(!site.root.join("content/2024/boo-sip.md").exists());
    // The same arguments, all good, write the report.
    new_with(&site, "--topic", "sip").assert_ok();
    assert!(site.root.join("content/2024/boo-sip.md").is_file());
}

#[test]
fn new_offers_the_change_ideas_as_a_comment() {
    let site = TestSite::new("changes");
    let root = site.root.to_str().unwrap();
    let args = [
        "new", "--root", root, "--clinic", "Testa VC", "--year", "2025", "--topic", "sip",
    ];
    run(&args).assert_ok();
    let text = std::fs::read_to_string(site.root.join("content/2025/testa-vc-sip.md")).unwrap();
    assert!(
        text.contains(
            "changes: []\n# Vad ni ändrade, med rapportens egna ord och rubriken där det beskrivs:\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("#   sms-paminnelse: SMS-påminnelser\n#   ny-rutin: Ny eller ändrad rutin\n#   checklista: Checklista\n---\n"),
        "{text}"
    );
    site.check().assert_ok();
    // A site without change ideas gets no such comment.
    let plain = TestSite::new("minimal");
    let root = plain.root.to_str().unwrap();
    let args = [
        "new", "--root", root, "--clinic", "Testa VC", "--year", "2025", "--topic", "sip",
    ];
    run(&args).assert_ok();
    let text = std::fs::read_to_string(plain.root.join("content/2025/testa-vc-sip.md")).unwrap();
    assert!(!text.contains("changes"), "{text}");
}

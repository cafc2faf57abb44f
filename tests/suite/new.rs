//! `arkiv new`: a template report that passes `check`, never an overwrite.

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
    // Hints are comments: nothing of them is published once it is.
    let path = site.root.join("content/2024/boo-vardcentral-sip.md");
    let published = text.replace("draft: true", "draft: false");
    std::fs::write(&path, published).unwrap();
    site.build().assert_ok();
    let page = site.read_out("2024/boo-vardcentral-sip/index.html");
    assert!(page.contains("Kartläggning") && !page.contains("nulägesanalysen"));

    // Never an overwrite.
    let again = crate::common::run(&args);
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(
        again
            .stderr
            .contains("content/2024/boo-vardcentral-sip.md:1:1: the report already exists"),
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

#[test]
fn new_refuses_an_unknown_topic_with_a_suggestion() {
    let site = TestSite::new("valid");
    let run = run(&[
        "new",
        "--root",
        site.root.to_str().unwrap(),
        "--clinic",
        "Boo",
        "--year",
        "2024",
        "--topic",
        "psykisk-ohälsa",
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "site.toml:1:1: unknown topic \"psykisk-ohälsa\" (did you mean \"psykisk-ohalsa\"?)"
        ),
        "{}",
        run.stderr
    );
    assert!(!site
        .root
        .join("content/2024/boo-psykisk-ohalsa.md")
        .exists());
}

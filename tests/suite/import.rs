//! `arkiv import`: Word files of both template generations, made with
//! python-docx (`tests/fixtures/make_import_docx.py`), become drafts with
//! every field read; damaged files are errors that leave nothing behind.

use std::path::{Path, PathBuf};

use crate::common::*;

/// A site with the real archive's topics and no reports.
fn empty_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::copy(repo().join("site.toml"), root.join("site.toml")).unwrap();
    (tmp, root)
}

fn docx(name: &str) -> String {
    fixture("import").join(name).to_str().unwrap().to_string()
}

fn import(root: &Path, files: &[&str]) -> Run {
    let mut args = vec!["import".to_string()];
    args.extend(files.iter().map(|f| docx(f)));
    args.extend(["--root".to_string(), root.to_str().unwrap().to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&args)
}

fn expected(name: &str) -> String {
    std::fs::read_to_string(fixture("import").join(name)).unwrap()
}

/// Lets the originals' contact addresses through, so that the drafts are
/// ready and the originals listed (the rule itself: `import_gen.rs`).
fn allow_fixture_addresses(root: &Path) {
    let config = root.join("site.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("\n[privacy]\nallow_emails = [\"niklas.heijne@example.se\", \"benjamin.enell@example.se\"]\n");
    std::fs::write(&config, text).unwrap();
}

#[test]
fn both_template_generations_import_with_every_field() {
    let (_tmp, root) = empty_site();
    allow_fixture_addresses(&root);
    crate::import_gen::without_changes(&root);
    let out = import(&root, &["kvartersakuten-2022.docx", "brommaplan-2025.docx"]);
    out.assert_ok();
    assert!(
        out.stdout
            .contains("ny content/2022/kvartersakuten-psykisk-ohalsa.md från ")
            && out
                .stdout
                .contains("kvartersakuten-2022.docx (klar att publicera)\n"),
        "{}",
        out.stdout
    );

    // 2022: title over three paragraphs and split runs; clinic from
    // "samtliga husläkare på Kvartersakuten"; the contact's e-mail dropped;
    // del 1 and del 2 tables merged by "Indikator N" (results from del 2,
    // "Minska 10%" as change_percent, "232 st" as a number, text kept as
    // text); grey boxes and "Spara detta dokument…" gone; the content
    // control's text, the hyperlink and the "Punktlista" items kept.
    let md22 = std::fs::read_to_string(root.join("content/2022/kvartersakuten-psykisk-ohalsa.md"))
        .unwrap();
    assert_eq!(md22, expected("expected-kvartersakuten-2022.md"));
    for field in [
        "title: \"Psykisk Ohälsa och sjukskrivning\"\nclinic: \"Kvartersakuten\"\nyear: 2022\ntopics: [psykisk-ohalsa, sjukskrivning]\nstatus: final\n",
        "  - { name: \"Niklas Heijne\", role: \"Husläkare\", contact: true }\n",
        "  - { name: \"Simon Forsberg\", role: \"Rehabiliteringskoordinator\" }\n",
        "    baseline: { value: 66, period: \"211231\", note: \"är sjukskrivna 100%\" }\n",
        "    target: { change_percent: -10, by: \"2022-12-31\" }\n    result: { value: 74, period: \"221231\" }\n",
        "- Remisser för dessa patienter till KBT ska fokusera på arbetsåtergång.\n",
        "[tidigare rapporter](http://www.gups.sll.se/",
        "### B. Resultat",
    ] {
        assert!(md22.contains(field), "missing {field:?}");
    }
    for gone in [
        "@",
        "Instruktioner",
        "Spara detta dokument",
        "Döp denna fil",
        "Inom vilket område",
    ] {
        assert!(!md22.contains(gone), "{gone:?} should be gone");
    }
    assert!(
        root.join("content/2022/kvartersakuten-psykisk-ohalsa.docx")
            .is_file(),
        "original kept"
    );

    // 2025: the form table (clinic, contact), the team lines with roles,
    // a) / b) parts split with their values, "31 dec 2025" as a date, the
    // "T.ex." placeholders empty, a merged cell, the image saved beside.
    let md25 = std::fs::read_to_string(root.join("content/2025/brommaplans-vardcentral-smarta.md"))
        .unwrap();
    assert_eq!(md25, expected("expected-brommaplan-2025.md"));
    for field in [
        "title: \"Utveckling av vårdprocess för patienter med stress- och smärtrelaterad ohälsa\"\nclinic: \"Brommaplans vårdcentral\"\nyear: 2025\ntopics: [smarta]\nstatus: final\n",
        "  - { name: \"Benjamin Enell\", role: \"Sjukgymnast\", contact: true }\n",
        "  - name: \"% kontinuitet samtliga besök på VC, samtliga läkare a) minst 2 besök\"\n    unit: percent\n    baseline: { value: 54,",
        "samtliga läkare b) minst 3 besök\"\n    unit: percent\n    baseline: { value: 46,",
        "    target: { change_percent: -10, by: \"2025-12-31\" }\n",
        "  - name: \"Andel deltidssjukskrivningar\"\n    unit: percent\n    baseline: { value: 62, period: \"18/2 2025\" }\n    source: \"Medrave\"\n",
        "## Slutreflektion\n\nKontinuiteten blev bättre.",
        "![Diagram 1: Andel deltidssjukskrivningar per månad](brommaplans-vardcentral-smarta-bild-1.png)",
    ] {
        assert!(md25.contains(field), "missing {field:?}");
    }
    assert!(!md25.contains("benjamin.enell@"));
    let png =
        std::fs::read(root.join("content/2025/brommaplans-vardcentral-smarta-bild-1.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"));

    // Both are ready to publish: they pass `check` and build.
    let site = root.to_str().unwrap();
    run(&["check", "--root", site]).assert_ok();
    run(&["build", "--no-search", "--root", site]).assert_ok();
    assert!(root
        .join(
            "public/2025/brommaplans-vardcentral-smarta/brommaplans-vardcentral-smarta-bild-1.png"
        )
        .is_file());

    // The same original again: nothing new, nothing written.
    let again = import(&root, &["kvartersakuten-2022.docx"]);
    again.assert_ok();
    assert!(
        again
            .stdout
            .starts_with("oförändrad content/2022/kvartersakuten-psykisk-ohalsa.md från "),
        "{}",
        again.stdout
    );
    assert_eq!(md22, expected("expected-kvartersakuten-2022.md"));
}

#[test]
fn damaged_files_are_errors_and_leave_nothing() {
    let (_tmp, root) = empty_site();
    let out = import(&root, &["not-a-zip.docx", "no-document.docx"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.contains(
            "not-a-zip.docx: inte en Word-fil (en .docx är ett zip-arkiv, och det är inte den här)"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("no-document.docx: inte en Word-fil: word/document.xml saknas"),
        "{}",
        out.stdout
    );
    assert!(
        files_below(&root.join("content")).is_empty(),
        "no partial draft"
    );
}

#[test]
fn what_cannot_be_read_becomes_a_todo_and_a_draft() {
    let (_tmp, root) = empty_site();
    // A site whose topics do not include the 2025 report's theme.
    let config = root.join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace(
            "aliases = [\"stress- och smärtrelaterad ohälsa\", \"smärta\"]",
            "aliases = []",
        ),
    )
    .unwrap();
    let out = import(&root, &["brommaplan-2025.docx"]);
    out.assert_ok();
    assert!(
        out.stdout.contains("(utkast: 3 saker att göra)"),
        "{}",
        out.stdout
    );
    let md = std::fs::read_to_string(root.join("content/2025/brommaplan-2025.md")).unwrap();
    assert!(md.starts_with("---\n# TODO: temat \"Utveckling av vårdprocess för patienter med…\" finns inte i site.toml: skriv ett av\n#   dessa under topics: sip, sjukskrivning,"), "{md}");
    assert!(md.contains("\ndraft: true\n"));
    run(&["check", "--root", root.to_str().unwrap()]).assert_ok();
}

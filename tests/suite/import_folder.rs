//! `arkiv import DIR`: every Word and PDF file under a folder, one line a
//! file and a summary, the editor's list (`--report`, JSON and CSV as
//! `indikatorer-excel.csv`), a re-run that finds nothing new, the link-only
//! entry updated in place (against an empty base); and the original's own
//! privacy check, at import and at build.

use std::path::Path;

use crate::common::*;
use crate::import_gen::{empty_site, gen, import, without_changes};

fn allow(root: &Path, addresses: &[&str]) {
    let config = root.join("site.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    let list: Vec<String> = addresses.iter().map(|a| format!("\"{a}\"")).collect();
    text.push_str(&format!(
        "\n[privacy]\nallow_emails = [{}]\n",
        list.join(", ")
    ));
    std::fs::write(&config, text).unwrap();
}

#[test]
fn a_folder_imports_with_a_summary_a_report_and_nothing_new_on_rerun() {
    let (tmp, root) = empty_site();
    let dir = tmp.path().join("inkommet");
    std::fs::create_dir_all(dir.join("2023")).unwrap();
    for f in ["tegner-2022.docx", "kry-vallentuna-2023.pdf"] {
        std::fs::copy(gen(f), dir.join("2023").join(f)).unwrap();
    }
    std::fs::copy(
        fixture("import").join("brommaplan-2025.docx"),
        dir.join("brommaplan-2025.docx"),
    )
    .unwrap();
    std::fs::write(dir.join("trasig.docx"), "ingen zip").unwrap();
    std::fs::write(dir.join("~$lås.docx"), "Word's lock file").unwrap();
    std::fs::write(dir.join("anteckning.txt"), "ignored").unwrap();
    allow(&root, &["benjamin.enell@example.se"]);
    without_changes(&root);
    let report = tmp.path().join("lista.json");
    let site = root.display().to_string();
    let d = dir.display().to_string();
    let out = run(&[
        "import",
        &d,
        "--root",
        &site,
        "--report",
        report.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 1, "a file failed: {}", out.stdout);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{}", out.stdout);
    assert!(
        lines[0].starts_with("misslyckades ")
            && lines[0].ends_with("trasig.docx: inte en Word-fil (en .docx är ett zip-arkiv, och det är inte den här)"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("ny content/2023/kry-vardcentral-vallentuna-sip.md från ")
            && lines[1].ends_with("kry-vallentuna-2023.pdf (utkast: 2 saker att göra)"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("ny content/2022/") && lines[2].contains("tegner-2022.docx (utkast: ")
    );
    assert!(
        lines[3].starts_with("ny content/2025/brommaplans-vardcentral-smarta.md från ")
            && lines[3].ends_with("(klar att publicera)"),
        "{}",
        lines[3]
    );
    assert_eq!(lines[4], "3 nya, 1 misslyckades");

    let rows: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    let ready = &rows[3];
    assert_eq!(ready["status"], "new");
    assert_eq!(ready["clinic"], "Brommaplans vårdcentral");
    assert_eq!(ready["year"], "2025");
    assert_eq!(ready["theme"], "smarta");
    assert_eq!(ready["todos"], 0);
    assert_eq!(
        ready["entry"],
        "content/2025/brommaplans-vardcentral-smarta.md"
    );
    assert_eq!(rows[1]["status"], "new");
    assert_eq!(rows[1]["year"], "2023");
    assert_eq!(rows[1]["todos"], 2);
    assert_eq!(rows[0]["status"], "failed");
    assert!(rows[0]["message"]
        .as_str()
        .unwrap()
        .contains("inte en Word-fil"));

    // Again, as CSV: nothing new, the broken file still fails.
    let csv_path = tmp.path().join("lista.csv");
    let again = run(&[
        "import",
        &d,
        "--root",
        &site,
        "--report",
        csv_path.to_str().unwrap(),
    ]);
    assert_eq!(again.code, 1);
    assert!(
        again.stdout.ends_with("\n3 oförändrade, 1 misslyckades\n"),
        "{}",
        again.stdout
    );
    // As indikatorer-excel.csv: BOM, `;`, CRLF, Swedish columns and words.
    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let csv = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = csv.split("\r\n");
    assert_eq!(
        lines.next(),
        Some("Fil;Resultat;Rapport;Mottagning;År;Tema;Att göra;Meddelande")
    );
    assert_eq!(csv.matches(";oförändrad;content/").count(), 3, "{csv}");
    assert_eq!(csv.matches(";misslyckades;").count(), 1, "{csv}");

    // Without the broken file the run succeeds.
    std::fs::remove_file(dir.join("trasig.docx")).unwrap();
    run(&["import", &d, "--root", &site]).assert_ok();
}

/// A link-only entry as `import-links` writes them, for Brommaplan 2025.
const LINK_ONLY: &str = "---\ntitle: \"Brommaplans VC smärta\"\nclinic: \"Brommaplans VC\"\nyear: 2025\ntopics: [smarta]\nstatus: final\nattachments:\n  - { url: \"https://www.example.se/2025/Brommaplans%20VC%20sm%C3%A4rta.pdf\", title: \"Originalrapport (PDF)\" }\naliases: [\"/2025/brommaplan.html\"]\n---\n";

#[test]
fn a_link_only_entry_is_updated_in_place_against_an_empty_base() {
    let (_tmp, root) = empty_site();
    allow(&root, &["benjamin.enell@example.se"]);
    without_changes(&root);
    let entry = root.join("content/2025/brommaplans-vc-smarta.md");
    std::fs::create_dir_all(entry.parent().unwrap()).unwrap();
    std::fs::write(&entry, LINK_ONLY).unwrap();
    let docx = fixture("import")
        .join("brommaplan-2025.docx")
        .display()
        .to_string();
    let out = import(&root, std::slice::from_ref(&docx));
    out.assert_ok();
    assert!(
        out.stdout
            .starts_with("uppdaterad content/2025/brommaplans-vc-smarta.md från "),
        "{}",
        out.stdout
    );
    // The same file (so the same URL), now the whole report, with the
    // entry's aliases and address kept.
    let md = std::fs::read_to_string(&entry).unwrap();
    assert!(md.contains("clinic: \"Brommaplans vårdcentral\"\n"), "{md}");
    assert!(
        md.contains("aliases: [\"/2025/brommaplan.html\"]\n"),
        "{md}"
    );
    assert!(md.contains("  - { url: \"https://www.example.se/2025/Brommaplans%20VC%20sm%C3%A4rta.pdf\", title: \"Originalrapport (PDF)\" }\n"));
    assert!(md.contains(
        "  - { file: \"brommaplans-vc-smarta.docx\", title: \"Originalrapport (Word)\" }\n"
    ));
    assert!(md.contains("## Slutreflektion\n\nKontinuiteten blev bättre."));
    assert!(root
        .join("content/2025/brommaplans-vc-smarta.docx")
        .is_file());
    assert!(!root
        .join("content/2025/brommaplans-vardcentral-smarta.md")
        .exists());
    // Its import is recorded: the base of the next update.
    assert!(root
        .join(".arkiv/imports/2025/brommaplans-vc-smarta.md")
        .is_file());
    let site = root.to_str().unwrap();
    run(&["check", "--root", site]).assert_ok();
    run(&["build", "--no-search", "--root", site]).assert_ok();
    assert!(root
        .join("public/2025/brommaplans-vc-smarta/index.html")
        .is_file());
    // Again: the same original brings nothing new.
    let again = import(&root, &[docx]);
    again.assert_ok();
    assert!(again.stdout.starts_with("oförändrad "), "{}", again.stdout);
}

#[test]
fn an_update_of_a_link_only_entry_with_todos_waits_and_leaves_it_as_it_is() {
    let (_tmp, root) = empty_site();
    let entry = root.join("content/2025/brommaplan-lankad.md");
    std::fs::create_dir_all(entry.parent().unwrap()).unwrap();
    std::fs::write(&entry, LINK_ONLY).unwrap();
    // The contact's address in the original: a TODO, so not ready.
    let out = import(
        &root,
        &[fixture("import")
            .join("brommaplan-2025.docx")
            .display()
            .to_string()],
    );
    out.assert_ok();
    assert!(
        out.stdout.starts_with("väntar på granskning content/2025/brommaplan-lankad.md från ")
            && out.stdout.contains("(i .arkiv/pending/2025/brommaplan-lankad.md; sedan arkiv accept content/2025/brommaplan-lankad.md)"),
        "{}",
        out.stdout
    );
    assert_eq!(
        std::fs::read_to_string(&entry).unwrap(),
        LINK_ONLY,
        "the entry is untouched"
    );
    assert!(root
        .join(".arkiv/pending/2025/brommaplan-lankad.md")
        .is_file());
    assert_eq!(
        files_below(&root.join("content")),
        ["2025/brommaplan-lankad.md"]
    );
    run(&["check", "--root", root.to_str().unwrap()]).assert_ok();
}

#[test]
fn the_original_is_listed_only_when_the_privacy_guard_finds_nothing() {
    let (_tmp, root) = empty_site();
    import(&root, &[gen("kry-vallentuna-2023.docx")]).assert_ok();
    let draft = root.join("content/2023/kry-vardcentral-vallentuna-sip.md");
    let md = unwrapped(&std::fs::read_to_string(&draft).unwrap());
    // Where the addresses stood, and that an unpublished original is fine.
    assert!(md.contains("# TODO: originalet har 3 e-postadresser (1 i kontaktrutorna och 2 i mallens instruktioner) och publiceras därför inte, vilket går bra. Vill du publicera det, bifoga en kopia utan adresserna under attachments\n"), "{md}");
    assert!(!md.contains("Originalrapport"), "not listed");
    assert!(
        root.join("content/2023/kry-vardcentral-vallentuna-sip.docx")
            .is_file(),
        "kept beside"
    );

    // The APC's mailbox allowed, the people's addresses not: still named.
    let (_tmp2, root2) = empty_site();
    allow(&root2, &["forbattringsarbeten.apc.slso@regionstockholm.se"]);
    import(&root2, &[gen("kry-vallentuna-2023.docx")]).assert_ok();
    let md = std::fs::read_to_string(root2.join("content/2023/kry-vardcentral-vallentuna-sip.md"))
        .unwrap();
    assert!(
        unwrapped(&md).contains(
            "originalet har 2 e-postadresser (1 i kontaktrutorna och 1 i mallens instruktioner)"
        ),
        "{md}"
    );

    // All allowed: listed as the published original.
    let (_tmp3, root3) = empty_site();
    allow(
        &root3,
        &[
            "forbattringsarbeten.apc.slso@regionstockholm.se",
            "jenny.lundqvist@kry.example",
            "rita.fernholm@regionstockholm.se",
        ],
    );
    import(&root3, &[gen("kry-vallentuna-2023.pdf")]).assert_ok();
    let md = std::fs::read_to_string(root3.join("content/2023/kry-vardcentral-vallentuna-sip.md"))
        .unwrap();
    assert!(md.contains("  - { file: \"kry-vardcentral-vallentuna-sip.pdf\", title: \"Originalrapport (PDF)\" }\n"), "{md}");
    assert!(!md.contains("originalet har"));
}

#[test]
fn the_build_scans_pdf_attachments_for_addresses_and_personnummer() {
    let site = TestSite::new("minimal");
    let report = "---\ntitle: \"SIP\"\nclinic: \"Kry\"\nyear: 2023\ntopics: [sip]\nstatus: plan\nattachments:\n  - { file: \"original.pdf\", title: \"Original\" }\n---\nText.\n";
    site.write("content/2023/kry-sip.md", report);
    std::fs::copy(
        gen("kry-vallentuna-2023.pdf"),
        site.root.join("content/2023/original.pdf"),
    )
    .unwrap();
    let out = site.check();
    assert_eq!(out.code, 1);
    let text = format!("{}{}", out.stdout, out.stderr);
    assert!(text.contains("content/2023/original.pdf:"), "{text}");
    assert!(text.contains("e-mail address j…(at)k… in an attachment: attach a copy without it, or list the address in site.toml [privacy] allow_emails if it is a role mailbox [E030]"), "{text}");
    assert!(
        !text.contains("jenny.lundqvist"),
        "never the address itself"
    );
    // Role mailbox and the two people allowed: clean.
    let config = site.root.join("site.toml");
    let mut toml = std::fs::read_to_string(&config).unwrap();
    toml.push_str("\n[privacy]\nallow_emails = [\"forbattringsarbeten.apc.slso@regionstockholm.se\", \"jenny.lundqvist@kry.example\", \"rita.fernholm@regionstockholm.se\"]\n");
    std::fs::write(&config, toml).unwrap();
    site.check().assert_ok();
    // A personnummer in a PDF is found too, masked, at its text line.
    std::fs::write(
        site.root.join("content/2023/original.pdf"),
        crate::import_gen::text_pdf("Patient 121212-1212 ringde."),
    )
    .unwrap();
    let out = site.check();
    assert_eq!(out.code, 1);
    let text = format!("{}{}", out.stdout, out.stderr);
    assert!(
        text.contains("content/2023/original.pdf:1:9: possible personnummer 121212-****"),
        "{text}"
    );
}

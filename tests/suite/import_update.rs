//! The editor's year with `arkiv import`, on the Word files of one report
//! as a clinic sends them (`tests/fixtures/make_import_cycle.py`): the plan
//! (del 1) becomes an entry, the editor edits it, the final report (del 1
//! och 2) updates the same entry by a three-way merge, held as a pending
//! update until `arkiv accept`, and a reviewed copy updates it in place.
//! Conflicts in front matter and body, `--dry-run`, and one entry from a
//! folder with the Word file, its PDF and a reviewed copy.

use std::path::{Path, PathBuf};

use crate::common::*;
use crate::import_gen::{empty_site, import, without_changes};

const ENTRY: &str = "content/2025/boo-vardcentral-sip.md";
const PENDING: &str = ".arkiv/pending/2025/boo-vardcentral-sip.md";

pub fn cycle(name: &str) -> String {
    fixture("import-cycle")
        .join(format!("Boo vårdcentral SIP 2025 {name}"))
        .display()
        .to_string()
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// A site with the plan imported and edited as an editor would: the
/// summary written, a team member added, an indicator renamed, a comment,
/// an old address.
pub fn plan_edited() -> (tempfile::TempDir, PathBuf) {
    let (tmp, root) = empty_site();
    without_changes(&root);
    let out = import(&root, &[cycle("del 1.docx")]);
    out.assert_ok();
    assert!(
        out.stdout.starts_with(&format!("ny {ENTRY} från "))
            && out.stdout.contains("del 1.docx (klar att publicera)"),
        "{}",
        out.stdout
    );
    let plan = read(&root, ENTRY);
    assert!(
        plan.contains("\nstatus: plan\n") && !plan.contains("result:"),
        "{plan}"
    );
    let edited = plan
        .replace("year: 2025\n", "year: 2025   # planen kom in 20 februari\n")
        .replace(
            "status: plan\n",
            "status: plan\nsummary: \"Fler äldre med många vårdkontakter ska få en SIP.\"\n",
        )
        .replace(
            "  - { name: \"Cecilia Ek\", role: \"Kurator\" }\n",
            "  - { name: \"Cecilia Ek\", role: \"Kurator\" }\n  - { name: \"Eva Lund\", role: \"Undersköterska\" }\n",
        )
        .replace(
            "  - name: \"Antal SIP-möten med kommunen\"",
            "  - name: \"Antal SIP-möten tillsammans med kommunen\"",
        )
        .replace("---\n\n## DEL 1", "aliases: [\"/2025/boo-sip.html\"]\n---\n\n## DEL 1");
    assert_ne!(edited, plan);
    std::fs::write(root.join(ENTRY), &edited).unwrap();
    run(&["check", "--root", root.to_str().unwrap()]).assert_ok();
    (tmp, root)
}

#[test]
fn the_final_report_updates_the_plan_in_one_entry_after_accept() {
    let (_tmp, root) = plan_edited();
    let site = root.to_str().unwrap();
    let before = read(&root, ENTRY);

    // The final report: new TODOs (a proposed verdict), so it waits.
    let out = import(&root, &[cycle("del 1 och 2.docx")]);
    out.assert_ok();
    assert!(
        out.stdout
            .starts_with(&format!("väntar på granskning {ENTRY} från "))
            && out.stdout.contains(&format!(
                "del 1 och 2.docx: 1 ny sak att göra (i {PENDING}; sedan arkiv accept {ENTRY})"
            )),
        "{}",
        out.stdout
    );
    assert_eq!(read(&root, ENTRY), before, "the live entry is untouched");
    run(&["check", "--root", site]).assert_ok();
    // Not yet: the TODO is left.
    let refused = run(&["accept", ENTRY, "--root", site]);
    assert_eq!(refused.code, 1);
    assert!(
        refused.stdout.contains(&format!("{PENDING}:2: kontrollera rapportens bedömning \"uppnått\" ur meningen \"Delmålet har uppnåtts.\"")),
        "{}",
        refused.stdout
    );
    assert_eq!(read(&root, ENTRY), before);

    // The editor checks the verdict and removes the TODO.
    let pending = read(&root, PENDING);
    let done: String = pending
        .lines()
        .filter(|l| !l.starts_with("# TODO") && !l.starts_with("#   "))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(root.join(PENDING), done).unwrap();
    let accepted = run(&["accept", PENDING, "--root", site]);
    accepted.assert_ok();
    assert_eq!(
        accepted.stdout,
        format!("godkänd {ENTRY}: den väntande uppdateringen är på plats\n")
    );
    let md = read(&root, ENTRY);
    // The new original's: status, results, a new member, the verdict, the
    // recounted baseline, the del 2 sections.
    for taken in [
        "\nstatus: final\n",
        "    baseline: { value: 4, period: \"2024\" }\n    target: { value: 10, by: \"2025-12-31\" }\n    result: { value: 12, period: \"2025\" }\n",
        "    result: { value: 9, period: \"2025\" }\n",
        "  - { name: \"David Holm\", role: \"Arbetsterapeut\" }\n",
        "\nassessment: { status: \"uppnått\", text: \"Delmålet har uppnåtts.\" }\n",
        "En ny genomgång i januari visade att de var fyra.",
        "Den fasta mötestiden på tisdagar är nu standard.",
    ] {
        assert!(md.contains(taken), "{taken:?} missing:\n{md}");
    }
    // The editor's: kept byte for byte, comment, summary, member, name, alias.
    for kept in [
        "year: 2025   # planen kom in 20 februari\n",
        "summary: \"Fler äldre med många vårdkontakter ska få en SIP.\"\n",
        "  - { name: \"Eva Lund\", role: \"Undersköterska\" }\n",
        "  - name: \"Antal SIP-möten tillsammans med kommunen\"\n",
        "aliases: [\"/2025/boo-sip.html\"]\n",
    ] {
        assert!(md.contains(kept), "{kept:?} lost:\n{md}");
    }
    assert!(!md.contains("TODO") && !md.contains("draft:"), "{md}");
    // One entry, at the same path; the new base recorded, nothing pending.
    assert_eq!(
        files_below(&root.join("content")),
        [
            "2025/boo-vardcentral-sip.docx",
            "2025/boo-vardcentral-sip.md"
        ]
    );
    assert_eq!(
        files_below(&root.join(".arkiv/pending")),
        Vec::<String>::new()
    );
    assert!(read(&root, ".arkiv/imports/2025/boo-vardcentral-sip.toml")
        .contains("original = \"Boo vårdcentral SIP 2025 del 1 och 2.docx\"\n"));
    run(&["check", "--root", site]).assert_ok();
    run(&["build", "--no-search", "--root", site]).assert_ok();
    assert!(root
        .join("public/2025/boo-vardcentral-sip/index.html")
        .is_file());
    assert!(
        root.join("public/2025/boo-sip.html").is_file(),
        "the old address still leads here"
    );

    // The reviewed copy, with the Word file and its PDF in one folder:
    // the newest by the document's own date is used, and it is clean, so
    // it is written in place.
    let out = import(
        &root,
        &[
            cycle("del 1 och 2.docx"),
            cycle("del 1 och 2.pdf"),
            cycle("del 1 och 2 granskad.docx"),
        ],
    );
    out.assert_ok();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines[0].starts_with(&format!("uppdaterad {ENTRY} från "))
            && lines[0].ends_with("del 1 och 2 granskad.docx (1 avsnitt)"),
        "{}",
        out.stdout
    );
    assert!(
        lines[1].starts_with("används inte: ")
            && lines[1].contains("del 1 och 2.docx (en äldre version")
    );
    assert!(
        lines[2].starts_with("används inte: ")
            && lines[2].contains("del 1 och 2.pdf (en äldre version")
    );
    assert_eq!(lines[3], "1 uppdaterad, 2 används inte");
    let reviewed = read(&root, ENTRY);
    assert!(reviewed.contains("Samarbetet med kommunen har blivit tydligare."));
    assert_eq!(
        reviewed.replace("tydligare", "tydligre"),
        md,
        "only the corrected word changed"
    );
}

#[test]
fn both_changed_is_a_conflict_in_front_matter_and_in_the_body() {
    let (_tmp, root) = plan_edited();
    let site = root.to_str().unwrap();
    // The editor also corrected the baseline and wrote in "Kartläggning",
    // which the final report changes too.
    let edited = read(&root, ENTRY)
        .replace(
            "baseline: { value: 3, period: \"2024\" }",
            "baseline: { value: 5, period: \"2024\" }",
        )
        .replace(
            "hade en SIP under 2024.\n",
            "hade en SIP under 2024 (enligt Medrave).\n",
        );
    std::fs::write(root.join(ENTRY), &edited).unwrap();
    let out = import(&root, &[cycle("del 1 och 2.docx")]);
    out.assert_ok();
    assert!(
        out.stdout
            .contains("del 1 och 2.docx: 2 konflikter, 1 ny sak att göra (i "),
        "{}",
        out.stdout
    );
    assert_eq!(read(&root, ENTRY), edited, "the live entry is untouched");
    let pending = unwrapped(&read(&root, PENDING));
    // Front matter: the editor's value stays, the new one is in the TODO.
    assert!(pending.contains("    # TODO: konflikt: du har ändrat baseline för \"Antal registrerade SIP\" och det nya originalet också. Raden nedan är din; originalets är { period: \"2024\", value: 4 }. Behåll det som stämmer och ta bort kommentaren\n    baseline: { value: 5, period: \"2024\" }\n"), "{pending}");
    // Body: the editor's section, then the new text in an HTML comment.
    assert!(pending.contains("Bara tre av våra äldre patienter med många vårdkontakter hade en SIP under 2024 (enligt Medrave).\n\n<!-- TODO: konflikt i avsnittet \"Kartläggning. Vad vill ni åstadkomma och…\": du har ändrat texten och det nya originalet också. Originalets text står nedan; för in det som ska med och ta bort hela kommentaren\nBara tre av våra äldre patienter med många vårdkontakter hade en SIP under 2024.\n\nEn ny genomgång i januari visade att de var fyra.\n-->\n"), "{pending}");
    // The rest merged as without conflicts.
    assert!(pending.contains("    result: { value: 12, period: \"2025\" }\n"));
    // accept refuses, naming each line.
    let refused = run(&["accept", ENTRY, "--root", site]);
    assert_eq!(refused.code, 1);
    assert_eq!(
        refused.stdout.matches(": konflikt").count(),
        2,
        "{}",
        refused.stdout
    );
    // status lists the update and its conflicts.
    let status = run(&["status", "--root", site, "--format", "json"]);
    status.assert_ok();
    let items: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    let kinds: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["file"] == PENDING)
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["pending-update", "todo", "conflict", "conflict"]);
    // A new import replaces the pending update, from the entry as it is
    // now: the editor has taken the recount and removed the comment.
    std::fs::write(
        root.join(ENTRY),
        edited.replace("value: 5, period", "value: 4, period"),
    )
    .unwrap();
    let again = import(&root, &[cycle("del 1 och 2.docx")]);
    assert!(
        again.stdout.contains(": 1 konflikt, 1 ny sak att göra (i "),
        "{}",
        again.stdout
    );
}

#[test]
fn a_dry_run_says_what_would_change_and_writes_nothing() {
    let (_tmp, root) = plan_edited();
    let before: Vec<(String, Vec<u8>)> = files_below(&root)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(root.join(&f)).unwrap();
            (f, bytes)
        })
        .collect();
    let args = [
        "import",
        &cycle("del 1 och 2.docx"),
        "--dry-run",
        "--root",
        root.to_str().unwrap(),
    ];
    let out = run(&args);
    out.assert_ok();
    assert!(
        out.stdout
            .starts_with(&format!("skulle vänta på granskning {ENTRY} från ")),
        "{}",
        out.stdout
    );
    for line in [
        "\n  tar in status\n",
        "\n  tar in teammedlemmen \"David Holm\"\n",
        "\n  tar in result för \"Antal registrerade SIP\"\n",
        "\n  tar in avsnittet \"Slutreflektion\"\n",
    ] {
        assert!(out.stdout.contains(line), "{line:?}:\n{}", out.stdout);
    }
    assert!(out
        .stdout
        .ends_with("1 väntar på granskning (provkörning: inget skrevs)\n"));
    let after: Vec<(String, Vec<u8>)> = files_below(&root)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(root.join(&f)).unwrap();
            (f, bytes)
        })
        .collect();
    assert_eq!(after, before, "nothing written");
}

#[test]
fn a_word_file_beats_its_pdf_and_one_entry_is_made() {
    let (tmp, root) = empty_site();
    without_changes(&root);
    let dir = tmp.path().join("inkommet");
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["del 1 och 2.pdf", "del 1 och 2.docx"] {
        std::fs::copy(cycle(name), dir.join(format!("Boo {name}"))).unwrap();
    }
    let out = import(&root, &[dir.display().to_string()]);
    out.assert_ok();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines[0].starts_with(&format!("ny {ENTRY} från "))
            && lines[0].contains("Boo del 1 och 2.docx"),
        "{}",
        out.stdout
    );
    assert!(
        lines[1].starts_with("används inte: ")
            && lines[1].contains("Boo del 1 och 2.pdf (Word går före PDF:"),
        "{}",
        out.stdout
    );
    assert_eq!(
        files_below(&root.join("content")),
        [
            "2025/boo-vardcentral-sip.docx",
            "2025/boo-vardcentral-sip.md"
        ]
    );
    // The PDF alone later: the same report, not a second entry.
    let pdf = import(&root, &[cycle("del 1 och 2.pdf")]);
    pdf.assert_ok();
    assert!(!pdf.stdout.starts_with("ny "), "{}", pdf.stdout);
    assert_eq!(files_below(&root.join("content")).len(), 2);
}

#[test]
fn the_privacy_guard_reads_what_import_keeps() {
    let (_tmp, root) = plan_edited();
    let rel = ".arkiv/imports/2025/boo-vardcentral-sip.md";
    let base = read(&root, rel).replace(
        "Fler äldre med många kontakter får en SIP.",
        "Fler äldre, som patienten 121212-1212, får en SIP.",
    );
    std::fs::write(root.join(rel), base).unwrap();
    let out = run(&["check", "--root", root.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    let line = out
        .stderr
        .lines()
        .find(|l| l.starts_with(&format!("{rel}:")))
        .unwrap_or_else(|| panic!("{}", out.stderr));
    assert!(
        line.ends_with(": possible personnummer 121212-****: remove it, or list it in site.toml [privacy] allow if it is not a real person's number [E017]"),
        "{line}"
    );
    assert!(!out.stderr.contains("1212-1212"), "never the number itself");
}

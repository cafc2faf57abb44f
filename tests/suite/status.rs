//! `arkiv status`: errors, drafts with their TODOs, warnings by code,
//! pending updates with their conflicts, and the closing count; as JSON
//! valid against `docs/status.schema.json`; exit 1 only when the archive
//! cannot be read.

use std::path::Path;

use crate::common::*;
use crate::import_update::{cycle, plan_edited};

const DRAFT: &str = "---\n# TODO: skriv mottagningens namn under clinic\ntitle: Fler SIP\nclinic: Okänd mottagning\nyear: 2025\ntopics: [sip]\nstatus: plan\ndraft: true\nindicators:\n  - name: Fler SIP\n    unit: count\n    baseline: { value: 3 }\n    target: { value: 10 }\n  - name: Antal möten\n    unit: count\n    baseline: { value: 1 }\n    target: { value: 4 }\n---\n## Mål\n\nFler SIP.\n\n<!-- TODO: skriv in resultatet när det kommer -->\n";

/// An archive with an error, a draft with two TODOs and a warning, and a
/// pending update with a conflict and a TODO.
fn site() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, root) = plan_edited();
    let entry = root.join("content/2025/boo-vardcentral-sip.md");
    let edited = std::fs::read_to_string(&entry)
        .unwrap()
        .replace("value: 3, period", "value: 5, period");
    std::fs::write(&entry, edited).unwrap();
    crate::import_gen::import(&root, &[cycle("del 1 och 2.docx")]).assert_ok();
    std::fs::write(root.join("content/2025/utkast-sip.md"), DRAFT).unwrap();
    std::fs::write(
        root.join("content/2025/fel.md"),
        "---\ntitle: Fel\nclinic: Fel VC\nyear: 2025\ntopics: [sjp]\n---\nText.\n",
    )
    .unwrap();
    (tmp, root)
}

fn status(root: &Path, json: bool) -> Run {
    let mut args = vec!["status", "--root", root.to_str().unwrap()];
    if json {
        args.extend(["--format", "json"]);
    }
    run(&args)
}

#[test]
fn status_lists_what_is_left_in_one_place() {
    let (_tmp, root) = site();
    let out = status(&root, false);
    out.assert_ok();
    let text = unwrapped(&out.stdout);
    let expect = [
        "Fel:\n  content/2025/fel.md:5: unknown topic \"sjp\" (did you mean \"sip\"?) [E012]\n\n",
        "Utkast:\n  content/2025/utkast-sip.md: Fler SIP (Okänd mottagning 2025)\n    content/2025/utkast-sip.md:2: skriv mottagningens namn under clinic\n    content/2025/utkast-sip.md:23: skriv in resultatet när det kommer\n\n",
        "Varningar:\n  W003 (1):\n    content/2025/fel.md:1: the template asks for at least 2 indicators; this report has 0 [W003]\n  W004 (1):\n    content/2025/utkast-sip.md:10: the template asks for indicator names that start with \"Antal\" or \"Andel\" [W004]\n",
        "Väntande uppdateringar:\n  .arkiv/pending/2025/boo-vardcentral-sip.md: uppdateringen av content/2025/boo-vardcentral-sip.md från Boo vårdcentral SIP 2025 del 1 och 2.docx väntar: 1 konflikt, 1 sak att göra; sedan arkiv accept content/2025/boo-vardcentral-sip.md\n    .arkiv/pending/2025/boo-vardcentral-sip.md:2: kontrollera rapportens bedömning",
        "    .arkiv/pending/2025/boo-vardcentral-sip.md:19: konflikt: du har ändrat baseline för \"Antal registrerade SIP\"",
        "\nKvar att göra: 1 fel, 1 utkast, 4 saker att göra, 2 rapporter med varningar, 1 väntande uppdatering\n",
    ];
    let mut at = 0;
    for part in expect {
        let found = text[at..]
            .find(part)
            .unwrap_or_else(|| panic!("{part:?} (in this order) missing:\n{text}"));
        at += found + part.len();
    }
    assert!(text.ends_with("1 väntande uppdatering\n"));
}

#[test]
fn status_as_json_follows_its_schema() {
    let (_tmp, root) = site();
    let out = status(&root, true);
    out.assert_ok();
    let items: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("docs/status.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&items)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let kinds: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    let mut each: Vec<&str> = kinds.clone();
    each.dedup();
    assert_eq!(
        each,
        [
            "error",
            "draft",
            "todo",
            "warning",
            "pending-update",
            "todo",
            "conflict"
        ],
        "{kinds:?}"
    );
    let draft = &items[1];
    assert_eq!(draft["file"], "content/2025/utkast-sip.md");
    assert_eq!(draft["line"], serde_json::Value::Null);
    assert_eq!(items[2]["line"], 2);
    // A schema that is too loose would let anything through.
    let wrong = serde_json::json!([{ "file": "a.md", "line": 0, "kind": "note", "text": "x" }]);
    assert!(!validator.is_valid(&wrong));
}

#[test]
fn status_fails_only_when_the_archive_cannot_be_read() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(&["status", "--root", tmp.path().to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("site.toml: cannot read the configuration"),
        "{}",
        out.stderr
    );
    // A clean archive: nothing but the count.
    let site = TestSite::new("minimal");
    let out = site.run("status");
    out.assert_ok();
    assert_eq!(
        out.stdout,
        "Kvar att göra: 0 utkast, 0 saker att göra, 0 rapporter med varningar\n"
    );
}

//! The site around the copies: two builds alike, sources untouched,
//! review material as warnings, `arkiv clean`, import's original.

use std::path::Path;

use super::*;
use crate::common::*;

#[test]
fn builds_are_byte_identical_and_sources_untouched() {
    let all: Vec<&str> = WORD
        .iter()
        .map(|(n, _)| *n)
        .chain(PDF.iter().copied())
        .chain(PICTURES.iter().copied())
        .collect();
    let site = site_with(&all);
    let before = files_below(&site.root.join("content"));
    let read_all = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        files_below(dir)
            .into_iter()
            .map(|f| (f.clone(), std::fs::read(dir.join(&f)).unwrap()))
            .collect()
    };
    let sources = read_all(&site.root.join("content"));
    site.build().assert_ok();
    let first = read_all(&site.public());
    site.build().assert_ok();
    let second = read_all(&site.public());
    assert!(first == second, "two builds differ");
    assert_eq!(files_below(&site.root.join("content")), before);
    assert!(
        read_all(&site.root.join("content")) == sources,
        "a source file changed"
    );
}

#[test]
fn review_material_warns_until_silenced_and_removed_addresses_are_reported() {
    let site = site_with(&["comment.docx", "email-comment.docx"]);
    let check = |site: &TestSite| {
        run_in(
            &[
                "check",
                "--all-warnings",
                "--root",
                site.root.to_str().unwrap(),
            ],
            &repo(),
            &[],
        )
    };
    let run = check(&site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("content/2023/comment.docx: warning: the source file holds 1 comment, which the published copy leaves out"), "{}", run.stderr);
    assert!(run.stderr.contains("content/2023/email-comment.docx: warning: e-mail address g…(at)e… in comment 1: it is not published"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("granskare.apc@"),
        "the address is masked"
    );
    let config = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
    site.write("site.toml", &format!("{config}\n[[warnings.allow]]\nrule = \"W014\"\npath = \"content/2023/comment.docx\"\nreason = \"Mottagningens egna kommentarer.\"\n"));
    let run = check(&site);
    assert!(
        !run.stderr
            .contains("content/2023/comment.docx: warning: the source"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("email-comment.docx: warning: the source file holds 1 comment"),
        "{}",
        run.stderr
    );
    // --verbose lists what was removed, in Swedish.
    let run = run_in(
        &["build", "--verbose", "--root", site.root.to_str().unwrap()],
        &repo(),
        &[],
    );
    assert!(
        run.stderr
            .contains("rensad       content/2023/comment.docx: 1 kommentar, författaruppgifter"),
        "{}",
        run.stderr
    );
    // So does `arkiv status`, after what is left to do, and as JSON.
    let root = site.root.to_str().unwrap();
    let status = run_in(&["status", "--root", root], &repo(), &[]);
    assert_eq!(status.code, 0, "{}", status.stderr);
    assert!(
        status.stdout.contains("Rensas när de publiceras:\n  content/2023/comment.docx: 1 kommentar, författaruppgifter, "),
        "{}",
        status.stdout
    );
    let json = run_in(
        &["status", "--format", "json", "--root", root],
        &repo(),
        &[],
    );
    let items: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert!(
        items
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["kind"] == "cleaned"
                && i["file"] == "content/2023/comment.docx"
                && i["text"]
                    .as_str()
                    .is_some_and(|t| t.starts_with("1 kommentar, författaruppgifter"))),
        "{}",
        json.stdout
    );
}

#[test]
fn clean_command_writes_copies_beside_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rensat");
    let src = fixture("clean");
    let files = ["everything.docx", "exif.jpg", "linked-ole.docx"];
    let mut args = vec!["clean".to_string()];
    args.extend(files.iter().map(|f| src.join(f).display().to_string()));
    args.extend(["--out".to_string(), out.display().to_string()]);
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = run(&argv);
    assert_eq!(run.code, 1, "a file failed: {}", run.stderr);
    assert!(run.stdout.contains("everything.docx (borttaget: 1 kommentar, 7 spårade ändringar, 1 stycke dold text, författaruppgifter"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("exif.jpg (borttaget: bildmetadata, GPS-position, data efter bildens slut)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("2 filer rensade, 1 misslyckades\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("linked-ole.docx: cannot be cleaned: it holds a linked OLE object"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("[E037]"));
    assert_eq!(
        files_below(&out),
        vec!["everything.docx", "exif.jpg"],
        "nothing written for the refused file"
    );
    // Never over an existing copy, never beside the input.
    let again = run_in(&argv, &repo(), &[]);
    assert!(
        again.stderr.contains("already exists (not overwritten)"),
        "{}",
        again.stderr
    );
    let beside = run_in(
        &[
            "clean",
            src.join("exif.jpg").to_str().unwrap(),
            "--out",
            src.to_str().unwrap(),
        ],
        &repo(),
        &[],
    );
    assert_eq!(beside.code, 1);
    assert!(
        beside
            .stderr
            .contains("must not land over or beside its source"),
        "{}",
        beside.stderr
    );
}

#[test]
fn import_writes_the_cleaned_original() {
    let site = TestSite::new("minimal");
    let raw_path = fixture("import").join("brommaplan-2025.docx");
    let raw = std::fs::read(&raw_path).unwrap();
    let out = site.root.join("content");
    run_in(
        &[
            "import",
            raw_path.to_str().unwrap(),
            "--root",
            site.root.to_str().unwrap(),
        ],
        &repo(),
        &[],
    );
    let original = files_below(&out)
        .into_iter()
        .find(|f| f.ends_with(".docx"))
        .expect("the original beside the draft");
    let written = std::fs::read(out.join(original)).unwrap();
    assert_ne!(written, raw, "not the raw file");
    assert_eq!(
        written,
        arkiv::clean::clean(arkiv::clean::Kind::Docx, &raw)
            .unwrap()
            .bytes
    );
    let core = xml_text(&parts(&written)["docProps/core.xml"]);
    assert!(!core.contains("arkiv tests"), "{core}");
}

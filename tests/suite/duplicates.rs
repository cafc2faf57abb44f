//! The archive never holds the same report twice by accident: importing
//! the project's Word fixtures of the real reports into a copy of this
//! repository adds no entry (the real reports were typed by hand, so each
//! line is "finns redan som content/…"), a hand-made copy fails `check`
//! (E031), and `[[duplicates.allow]]` lets a pair through with a reason.

use std::path::{Path, PathBuf};

use crate::common::*;

/// A copy of this repository's archive: site.toml and content/.
fn real_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("arkiv");
    for f in files_below(&repo().join("content")) {
        let to = root.join("content").join(&f);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(repo().join("content").join(&f), to).unwrap();
    }
    std::fs::copy(repo().join("site.toml"), root.join("site.toml")).unwrap();
    (tmp, root)
}

/// The Word (and PDF) fixtures of the real reports: Kvartersakuten 2022,
/// Kry Vallentuna 2023, Brommaplans VC 2025 (two of them), each with the
/// entry that holds it.
const REAL: [(&str, &str); 5] = [
    (
        "import/kvartersakuten-2022.docx",
        "content/2022/kvartersakuten-sjukskrivning.md",
    ),
    (
        "import-gen/kry-vallentuna-2023.docx",
        "content/2023/kry-vallentuna-sip.md",
    ),
    (
        "import-gen/kry-vallentuna-2023.pdf",
        "content/2023/kry-vallentuna-sip.md",
    ),
    (
        "import/brommaplan-2025.docx",
        "content/2025/brommaplans-vc-stress-smarta.md",
    ),
    (
        "import-gen/brommaplans-vc-2025.docx",
        "content/2025/brommaplans-vc-stress-smarta.md",
    ),
];

fn fixture_file(rel: &str) -> String {
    repo()
        .join("tests/fixtures")
        .join(rel)
        .display()
        .to_string()
}

fn import(root: &Path, files: &[String]) -> Run {
    let mut args = vec!["import".to_string()];
    args.extend(files.iter().cloned());
    args.extend(["--root".to_string(), root.display().to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&args)
}

#[test]
fn importing_the_real_reports_adds_no_second_report() {
    let (_tmp, root) = real_copy();
    let before = files_below(&root);
    for (file, entry) in REAL {
        let out = import(&root, &[fixture_file(file)]);
        out.assert_ok();
        let line = out.stdout.lines().next().unwrap();
        assert!(
            line.starts_with(&format!("finns redan som {entry}: ")),
            "{file}: {}",
            out.stdout
        );
    }
    // All at once: each report once, the other versions not used.
    let all: Vec<String> = REAL.iter().map(|(f, _)| fixture_file(f)).collect();
    let out = import(&root, &all);
    out.assert_ok();
    for line in out
        .stdout
        .lines()
        .filter(|l| !l.starts_with(char::is_numeric))
    {
        assert!(
            line.starts_with("finns redan som content/") || line.starts_with("används inte: "),
            "{line}"
        );
    }
    assert!(
        out.stdout.ends_with("\n3 fanns redan, 2 används inte\n"),
        "{}",
        out.stdout
    );
    assert_eq!(files_below(&root), before, "nothing written");
    run(&["check", "--root", root.to_str().unwrap()]).assert_ok();
}

#[test]
fn a_copy_of_a_report_fails_check_and_build_until_allowed() {
    let (_tmp, root) = real_copy();
    let site = root.to_str().unwrap();
    let first = "content/2025/brommaplans-vc-stress-smarta.md";
    // Saved again under a new name, the clinic as the alias spells it.
    let copy = std::fs::read_to_string(root.join(first))
        .unwrap()
        .replace("clinic: Brommaplans VC", "clinic: Brommaplans vårdcentral");
    std::fs::write(
        root.join("content/2025/brommaplans-vc-stress-smarta-2.md"),
        copy,
    )
    .unwrap();
    for cmd in ["check", "build"] {
        let out = run(&[cmd, "--root", site]);
        assert_eq!(out.code, 1, "{cmd}");
        assert!(
            out.stderr.contains(&format!("content/2025/brommaplans-vc-stress-smarta-2.md:1:1: the same report as {first}: clinic \"Brommaplans vårdcentral\", year 2025 and theme \"sjukskrivning\"; merge the two into one file, or list both in site.toml [[duplicates.allow]] with a reason [E031]")),
            "{cmd}: {}",
            out.stderr
        );
    }
    assert!(!root.join("public").exists());
    // A draft is not published, so it is no duplicate.
    let draft =
        std::fs::read_to_string(root.join("content/2025/brommaplans-vc-stress-smarta-2.md"))
            .unwrap()
            .replacen("---\n", "---\ndraft: true\n", 1);
    std::fs::write(
        root.join("content/2025/brommaplans-vc-stress-smarta-2.md"),
        &draft,
    )
    .unwrap();
    run(&["check", "--root", site]).assert_ok();
    // Published again, and allowed with a reason.
    std::fs::write(
        root.join("content/2025/brommaplans-vc-stress-smarta-2.md"),
        draft.replacen("draft: true\n", "", 1),
    )
    .unwrap();
    let mut toml = std::fs::read_to_string(root.join("site.toml")).unwrap();
    toml.push_str(&format!("\n[[duplicates.allow]]\nfiles = [\"{first}\", \"content/2025/brommaplans-vc-stress-smarta-2.md\"]\nreason = \"Två projekt samma år.\"\n"));
    std::fs::write(root.join("site.toml"), &toml).unwrap();
    run(&["check", "--root", site]).assert_ok();
    // Without a reason the table itself is an error.
    std::fs::write(
        root.join("site.toml"),
        toml.replace("Två projekt samma år.", ""),
    )
    .unwrap();
    let out = run(&["check", "--root", site]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("[[duplicates.allow]] needs a reason"),
        "{}",
        out.stderr
    );
}

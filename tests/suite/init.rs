//! `arkiv init DIR`: a new archive that checks without an error (one warning: the example address) and
//! builds; a folder that is not empty is refused and left as it was.

use std::path::Path;

use chrono::Datelike;

use crate::common::*;

fn init(dir: &Path) -> Run {
    run(&["init", dir.to_str().unwrap()])
}

/// Every file below `dir` with its bytes, and every folder.
fn snapshot(dir: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            let bytes = e
                .file_type()
                .is_file()
                .then(|| std::fs::read(e.path()).unwrap());
            (rel, bytes)
        })
        .collect()
}

#[test]
fn init_writes_an_archive_that_checks_clean_and_builds() {
    let tmp = tempfile::tempdir().unwrap();
    // A folder that does not exist yet, two levels down, is created.
    let dir = tmp.path().join("regionen/arkiv");
    let year = chrono::Local::now().year();
    let report = format!("content/{year}/exempel-mottagning-sip.md");

    let made = init(&dir);
    made.assert_ok();
    assert!(made.stderr.is_empty(), "{}", made.stderr);
    for rel in ["site.toml", report.as_str(), "README.md"] {
        assert!(
            made.stdout.contains(&format!("  {rel}\n")),
            "{}",
            made.stdout
        );
    }
    let mut expected = vec![
        report.clone(),
        "README.md".to_string(),
        "site.toml".to_string(),
        ".gitignore".to_string(),
        ".github/workflows/arkiv.yml".to_string(),
        "docs/redaktorer.md".to_string(),
    ];
    expected.sort();
    assert_eq!(files_below(&dir), expected);

    // No error, and two warnings only: the example base_url (W011) and
    // the statement's publisher (W024), which the editors set before
    // they publish.
    let root = dir.to_str().unwrap();
    let check = run(&["check", "--root", root]);
    check.assert_ok();
    assert_eq!(
        check.stderr,
        "site.toml: warning: 2 warnings: example base_url [W011], no publisher [W024] (--all-warnings lists each)\n0 errors, 2 warnings\n"
    );
    assert!(
        check
            .stdout
            .contains("checked 1 report (0 drafts): no errors"),
        "{}",
        check.stdout
    );

    let build = run(&["build", "--root", root]);
    build.assert_ok();
    assert!(
        build.stderr.contains("[W011]")
            && build.stderr.contains("[W024]")
            && build.stderr.lines().count() == 2,
        "{}",
        build.stderr
    );
    let page = std::fs::read_to_string(
        dir.join(format!("public/{year}/exempel-mottagning-sip/index.html")),
    )
    .unwrap();
    assert!(page.contains("Exempelmottagningen"));
    assert!(dir.join("public/tema/sip/index.html").is_file());
    assert!(dir.join("public/404.html").is_file());

    // The editors' README says how to add, check, preview and build.
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    for command in [
        "arkiv new --clinic",
        "arkiv check",
        "arkiv serve",
        "arkiv build",
    ] {
        assert!(readme.contains(command), "README.md names `{command}`");
    }
    // The guide it links to is in the archive, and is this binary's.
    assert!(readme.contains("[docs/redaktorer.md](docs/redaktorer.md)"));
    let guide = std::fs::read_to_string(dir.join("docs/redaktorer.md")).unwrap();
    assert!(guide.contains("### E017") && guide.contains("## Årets gång"));
    assert!(
        !readme.contains("källkod, i `docs/"),
        "no guide outside the archive"
    );

    // The example is valid alone; beside a report of the archive's own,
    // check says to remove it (W022), at its front matter.
    let own = dir.join(format!("content/{year}/boo-vardcentral-sip.md"));
    let example = std::fs::read_to_string(dir.join(&report)).unwrap();
    std::fs::write(
        &own,
        example
            .replace("Exempelmottagningen", "Boo vårdcentral")
            .replace("Anna Exempel", "Anna Boo"),
    )
    .unwrap();
    let check = run(&["check", "--root", root]);
    check.assert_ok();
    assert!(
        check.stderr.contains(&format!("{report}:1:1: warning: the example report from `arkiv init` is still here beside 1 report of the archive's own: remove the file before publishing [W022]\n")),
        "{}",
        check.stderr
    );
    std::fs::remove_file(dir.join(&report)).unwrap();
    let check = run(&["check", "--root", root]);
    assert!(!check.stderr.contains("[W022]"), "{}", check.stderr);
    std::fs::remove_file(&own).unwrap();

    // site.toml: the required settings, this archive's topics, the
    // optional tables as commented examples.
    let site = std::fs::read_to_string(dir.join("site.toml")).unwrap();
    assert!(site.contains("\nbase_url = \"https://example.org\"\n"));
    assert!(site.contains("\nlanguage = \"sv\"\n"));
    for slug in REAL_TOPICS {
        assert!(site.contains(&format!("\nslug = \"{slug}\"\n")), "{slug}");
    }
    for table in [
        "#[[clinics]]",
        "#[accessibility]",
        "#[privacy]",
        "#[[redirects]]",
        "#[attachments]",
        "#data_license",
    ] {
        assert!(site.contains(&format!("\n{table}")), "{table}");
    }
}

#[test]
fn init_accepts_an_empty_folder_and_one_with_only_hidden_entries() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("tom");
    std::fs::create_dir(&empty).unwrap();
    init(&empty).assert_ok();
    assert!(empty.join("site.toml").is_file());

    // A fresh `git init` is as good as empty; a .gitignore of its own
    // gets the archive's lines added.
    let repo = tmp.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::write(repo.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    std::fs::write(repo.join(".gitignore"), "*.tmp").unwrap();
    init(&repo).assert_ok();
    assert!(repo.join("site.toml").is_file());
    assert_eq!(
        std::fs::read_to_string(repo.join(".git/HEAD")).unwrap(),
        "ref: refs/heads/main\n"
    );
    let ignore = std::fs::read_to_string(repo.join(".gitignore")).unwrap();
    assert!(
        ignore.starts_with("*.tmp\n# The built site") && ignore.contains("\npublic/\n"),
        "{ignore}"
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_leaves_it_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("befintligt");
    // Even a folder with a site.toml and content of its own: nothing of it
    // is replaced, and nothing is added.
    std::fs::create_dir_all(dir.join("content/2024")).unwrap();
    std::fs::write(dir.join("site.toml"), "title = \"Mitt arkiv\"\n").unwrap();
    std::fs::write(dir.join("content/2024/a.md"), "---\ntitle: A\n---\n").unwrap();
    std::fs::write(dir.join("anteckningar.txt"), "mina anteckningar\n").unwrap();
    let before = snapshot(&dir);

    let refused = init(&dir);
    assert_eq!(refused.code, 1, "{}\n{}", refused.stdout, refused.stderr);
    assert!(
        refused.stderr.contains(&format!(
            "{}: the folder is not empty; arkiv init starts an archive only in a new or empty folder",
            dir.display()
        )),
        "{}",
        refused.stderr
    );
    assert!(refused.stdout.is_empty(), "{}", refused.stdout);
    assert_eq!(snapshot(&dir), before);

    // A file where the folder should be is refused too.
    let file = tmp.path().join("fil");
    std::fs::write(&file, "x").unwrap();
    let refused = init(&file);
    assert_eq!(refused.code, 1);
    assert!(
        refused.stderr.contains(": not a folder"),
        "{}",
        refused.stderr
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

/// The `run:` commands of a workflow's steps, by step name.
fn steps(workflow: &str) -> Vec<(String, String)> {
    use arkiv::content::tree::{parse, Node};
    let Some(Node::Map { entries, .. }) = parse(workflow, 1).unwrap() else {
        panic!("a workflow is a mapping")
    };
    let get = |entries: &[arkiv::content::tree::Entry], key: &str| {
        entries
            .iter()
            .find(|e| e.key == key)
            .map(|e| e.value.clone())
    };
    let Some(Node::Map { entries: jobs, .. }) = get(&entries, "jobs") else {
        panic!("no jobs")
    };
    let Some(Node::Map { entries: build, .. }) = get(&jobs, "build") else {
        panic!("no build job")
    };
    let Some(Node::List { items, .. }) = get(&build, "steps") else {
        panic!("no steps")
    };
    items
        .iter()
        .filter_map(|step| {
            let Node::Map { entries, .. } = step else {
                return None;
            };
            let text = |k| match get(entries, k) {
                Some(Node::Scalar(s)) => Some(s.text),
                _ => None,
            };
            Some((text("name")?, text("run")?))
        })
        .collect()
}

/// A new archive passes its own workflow's check and build steps, run as
/// the workflow runs them (the install step needs the network and is
/// left out: the arkiv under test stands in for the installed one), and
/// git ignores what the build writes.
#[test]
fn an_archive_from_init_passes_its_own_workflow_and_ignores_public() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("arkiv");
    init(&dir).assert_ok();
    let workflow = std::fs::read_to_string(dir.join(".github/workflows/arkiv.yml")).unwrap();
    let steps = steps(&workflow);
    let names: Vec<&str> = steps.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(names, ["Install arkiv", "Check", "Build"]);
    // The install step takes arkiv from the variables, pinned, locked.
    let install = &steps[0].1;
    for part in [
        "$ARKIV_GIT",
        "$ARKIV_REF",
        "cargo install --locked --git",
        "::error::",
    ] {
        assert!(install.contains(part), "{part}: {install}");
    }
    assert!(workflow.contains("ARKIV_GIT: ${{ vars.ARKIV_GIT }}"));
    assert!(workflow.contains("path: public\n"));
    // The cleaned copies are restored before the first step that cleans
    // (check), keyed by the arkiv version (a new cleaner cleans anew), and
    // arkiv is installed only when no build of that version is kept.
    let at = |s: &str| workflow.find(s).unwrap_or_else(|| panic!("{s}"));
    assert!(at("path: .arkiv/cache\n") < at("- name: Check"));
    assert!(workflow.contains("key: arkiv-clean-${{ vars.ARKIV_REF }}-"));
    assert!(workflow.contains("key: arkiv-bin-${{ runner.os }}-${{ vars.ARKIV_REF }}"));
    assert!(
        at("if: steps.arkiv-bin.outputs.cache-hit != 'true'\n        run:")
            > at("- name: Install arkiv")
    );
    // arkiv on the PATH, as `cargo install` leaves it.
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_arkiv"))
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for (name, command) in &steps[1..] {
        let out = std::process::Command::new("sh")
            .args(["-ec", command])
            .current_dir(&dir)
            .env("PATH", &path)
            .env("GITHUB_ACTIONS", "true")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {command}\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(dir.join("public/index.html").is_file());
    // git ignores the built site, and nothing else the archive holds.
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("git (CI installs it)")
    };
    assert!(git(&["init", "-q"]).status.success());
    assert!(git(&["check-ignore", "-q", "public/index.html"])
        .status
        .success());
    assert!(git(&["check-ignore", "-q", ".arkiv/tmp/1-0/a.docx"])
        .status
        .success());
    for kept in [
        "site.toml",
        "content",
        ".arkiv/imports/2025/a.md",
        ".github/workflows/arkiv.yml",
    ] {
        assert!(
            !git(&["check-ignore", "-q", kept]).status.success(),
            "{kept} is ignored"
        );
    }
}

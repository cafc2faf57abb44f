//! Atomic output: a failed build leaves the previous output untouched and
//! no staging folder behind; unsafe output folders are refused.

use crate::common::*;

#[test]
fn failed_build_keeps_previous_output() {
    let site = TestSite::new("valid");
    site.build().assert_ok();
    let before = files_below(&site.public());
    let page_before = site.read_out("2024/alvsjo-angest/index.html");

    // Break one report and change another: nothing of the new build may land.
    site.write(
        "content/2024/brommaplan-psykisk-ohalsa.md",
        "---\ntitle: Ny titel\nclinic: B\nyear: 2024\ntopics: [okänt]\n---\n",
    );
    site.write(
        "content/2024/alvsjo-angest.md",
        "---\ntitle: Ändrad\nclinic: Älvsjö vårdcentral\nyear: 2024\ntopics: [sip]\n---\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("content/2024/brommaplan-psykisk-ohalsa.md:5:10: unknown topic \"okänt\""),
        "{}",
        run.stderr
    );
    assert_eq!(files_below(&site.public()), before);
    assert_eq!(site.read_out("2024/alvsjo-angest/index.html"), page_before);
    let parent_entries: Vec<String> = std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !parent_entries.iter().any(|n| n.contains("arkiv-staging")),
        "{parent_entries:?}"
    );

    // Fixed: the rebuild replaces the output, removed pages disappear.
    std::fs::remove_file(site.root.join("content/2024/brommaplan-psykisk-ohalsa.md")).unwrap();
    site.build().assert_ok();
    assert!(site
        .read_out("2024/alvsjo-angest/index.html")
        .contains("Ändrad"));
    assert!(!site
        .public()
        .join("2024/brommaplan-psykisk-ohalsa")
        .exists());
}

#[test]
fn check_writes_nothing() {
    let site = TestSite::new("valid");
    site.check().assert_ok();
    assert!(!site.public().exists());
}

#[test]
fn refuses_unsafe_output_folders() {
    let site = TestSite::new("valid");
    let root = site.root.to_str().unwrap();
    let run1 = run(&["build", "--root", root, "--output", root]);
    assert_eq!(run1.code, 1);
    assert!(
        run1.stderr
            .contains("refusing to write the output into the site root"),
        "{}",
        run1.stderr
    );
    let parent = site.root.parent().unwrap().to_str().unwrap().to_string();
    let run2 = run(&["build", "--root", root, "--output", &parent]);
    assert_eq!(run2.code, 1, "a folder holding the root");

    let with_content = site.root.parent().unwrap().join("other");
    std::fs::create_dir_all(with_content.join("content")).unwrap();
    let run3 = run(&[
        "build",
        "--root",
        root,
        "--output",
        with_content.to_str().unwrap(),
    ]);
    assert_eq!(run3.code, 1);
    assert!(run3.stderr.contains("contains content/"), "{}", run3.stderr);

    let foreign = site.root.parent().unwrap().join("documents");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("important.txt"), "keep me").unwrap();
    let run4 = run(&[
        "build",
        "--root",
        root,
        "--output",
        foreign.to_str().unwrap(),
    ]);
    assert_eq!(run4.code, 1);
    assert!(
        run4.stderr.contains("arkiv did not write"),
        "{}",
        run4.stderr
    );
    assert_eq!(
        std::fs::read_to_string(foreign.join("important.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn output_is_relative_to_the_current_directory() {
    let site = TestSite::new("valid");
    let cwd = site.root.parent().unwrap();
    let run = run_in(
        &["build", "--root", "site", "--output", "out/www"],
        cwd,
        &[],
    );
    run.assert_ok();
    assert!(cwd.join("out/www/index.html").is_file());
    assert!(
        run.stdout
            .contains("built 21 pages and 24 files from 4 reports (not published: 1 draft)"),
        "{}",
        run.stdout
    );
}

#[test]
fn verbose_prints_timed_stages() {
    let site = TestSite::new("valid");
    let run = run(&["build", "--verbose", "--root", site.root.to_str().unwrap()]);
    run.assert_ok();
    for stage in [
        "config",
        "theme",
        "content",
        "model",
        "related",
        "templates",
        "render+data",
        "commit",
    ] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.trim_start().starts_with(stage) && l.contains(" ms")),
            "{stage}: {}",
            run.stderr
        );
    }
}

#[test]
fn site_templates_override_the_theme_file_by_file() {
    let site = TestSite::new("valid");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Borta!</h1>{% endblock content %}",
    );
    site.write("static/assets/extra.txt", "hej");
    site.build().assert_ok();
    assert!(site.read_out("404.html").contains("<h1>Borta!</h1>"));
    assert!(
        site.read_out("index.html").contains("Senaste rapporterna"),
        "other templates stay built in"
    );
    assert_eq!(site.read_out("assets/extra.txt"), "hej");
}

/// The summary line counts in the number each count needs: "1 report".
#[test]
fn the_build_line_says_one_report_in_the_singular() {
    let site = TestSite::new("minimal");
    let run = site.build();
    run.assert_ok();
    assert!(
        run.stdout
            .contains(" from 1 report (not published: 0 drafts) into "),
        "{}",
        run.stdout
    );
}

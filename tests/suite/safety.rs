//! Trust gates on the output: no executable markup from content, no path
//! that leaves the site, no broken internal link, no request to another
//! site, and byte-identical builds.

use crate::common::*;
use std::path::Path;

/// Every output file of a site built from XSS payloads in every field.
#[test]
fn xss_payloads_are_inert_in_every_output_file() {
    let site = TestSite::new("xss");
    site.build().assert_ok();
    let files = files_below(&site.public());
    assert!(files.contains(&"2024/payloads/index.html".to_string()));
    let mut problems = Vec::new();
    let mut checked = 0;
    for f in &files {
        let bytes = std::fs::read(site.public().join(f)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        match f.rsplit('.').next().unwrap_or("") {
            "html" | "htm" | "svg" | "xml" => {
                problems.extend(executable_markup(f, &text));
                checked += 1;
            }
            "json" => {
                serde_json::from_str::<serde_json::Value>(&text)
                    .unwrap_or_else(|e| panic!("{f}: invalid JSON: {e}"));
                checked += 1;
            }
            "csv" => {
                let mut r = csv::Reader::from_reader(bytes.as_slice());
                for rec in r.records() {
                    for cell in rec.unwrap().iter() {
                        if cell.starts_with(['=', '+', '@'])
                            || (cell.starts_with('-') && cell.parse::<f64>().is_err())
                        {
                            problems.push(format!("{f}: formula-like cell {cell:?}"));
                        }
                    }
                }
                checked += 1;
            }
            "xlsx" => {
                use calamine::{Reader, Xlsx};
                let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
                let range = wb.worksheet_range("Indikatorer").unwrap();
                for cell in range.used_cells() {
                    if let calamine::Data::String(s) = cell.2 {
                        if s.starts_with(['=', '+', '-', '@']) {
                            problems.push(format!("{f}: formula-like cell {s:?}"));
                        }
                    }
                }
                let formulas = wb.worksheet_formula("Indikatorer").unwrap();
                assert!(
                    formulas.used_cells().all(|c| c.2.is_empty()),
                    "{f}: formulas"
                );
                checked += 1;
            }
            // The search index: raw DEFLATE of JSON holding the reports'
            // text and metadata as data; the search page only ever sets it
            // as text (the browser test searches the payloads with a dialog
            // listener).
            "dfl" => {
                let v = arkiv::search::query::inflate_json(&bytes)
                    .unwrap_or_else(|e| panic!("{f}: not an index file: {e}"));
                assert!(v.is_array() || v.is_object(), "{f}");
                checked += 1;
            }
            "js" if f.starts_with("assets/") => {}
            "txt" | "css" | "pdf" => {}
            _ if f.starts_with(".arkiv") || f.starts_with("assets/") => {}
            other => panic!("{f}: no safety check for .{other} files yet"),
        }
    }
    assert!(checked >= 10, "checked {checked} files");
    assert!(
        problems.is_empty(),
        "executable markup:\n{}",
        problems.join("\n")
    );
    // The payloads are shown as text, not dropped silently from front matter.
    let page = site.read_out("2024/payloads/index.html");
    assert!(
        page.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"),
        "title escaped"
    );
    assert!(page.contains("Vanlig text först."));
    assert!(page.contains("rå länk"), "link text kept, link defused");
}

#[test]
fn the_checker_itself_finds_executable_markup() {
    let bad = r#"<p onclick="x()">a</p><a href=" java script:alert(1)">b</a><a href="JAVASCRIPT:x">c</a><iframe></iframe><script>1</script><form action="/x"></form><div style="background:url(javascript:x)"></div><meta http-equiv="Refresh" content="0">"#;
    assert_eq!(
        executable_markup("t", bad).len(),
        8,
        "{:?}",
        executable_markup("t", bad)
    );
    assert!(executable_markup(
        "t",
        "<p>&lt;script&gt;</p><form role=search action=/sok/></form>"
    )
    .is_empty());
}

fn write_report(site: &TestSite, rel: &str, extra: &str) {
    site.write(
        rel,
        &format!(
            "---\ntitle: T\nclinic: Kry Vallentuna\nyear: 2023\ntopics: [sip]\n{extra}---\nText.\n"
        ),
    );
}

fn check_fails_with(site: &TestSite, want: &str) {
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.lines().any(|l| l == want),
        "want {want:?} in:\n{}",
        run.stderr
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(!site.public().exists());
}

#[test]
fn attachment_paths_that_leave_the_report_folder_are_rejected() {
    let site = TestSite::new("minimal");
    std::fs::write(site.root.join("secret.txt"), "x").unwrap();
    write_report(
        &site,
        "content/2023/kry.md",
        "attachments:\n  - { file: ../../secret.txt }\n",
    );
    check_fails_with(&site, "content/2023/kry.md:7:13: attachment \"../../secret.txt\" must be a file name inside the report's folder (no .. or absolute paths) [E015]");
    write_report(
        &site,
        "content/2023/kry.md",
        "attachments:\n  - { file: /etc/passwd }\n",
    );
    check_fails_with(&site, "content/2023/kry.md:7:13: attachment \"/etc/passwd\" must be a file name inside the report's folder (no .. or absolute paths) [E015]");
    write_report(
        &site,
        "content/2023/kry.md",
        "attachments:\n  - { file: 'a\\..\\b.pdf' }\n",
    );
    assert_eq!(site.check().code, 1);
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_are_not_followed() {
    let site = TestSite::new("minimal");
    let outside = site.root.parent().unwrap().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("hemlig.pdf"), "secret").unwrap();
    std::fs::write(
        outside.join("extra.md"),
        "---\ntitle: Utanför\nclinic: X\nyear: 2023\ntopics: [sip]\n---\n",
    )
    .unwrap();

    // An attachment that is a link to a file outside the site.
    std::os::unix::fs::symlink(
        outside.join("hemlig.pdf"),
        site.root.join("content/2023/bilaga.pdf"),
    )
    .unwrap();
    write_report(
        &site,
        "content/2023/kry.md",
        "attachments:\n  - { file: bilaga.pdf }\n",
    );
    check_fails_with(
        &site,
        "content/2023/kry.md:7:13: attachment \"bilaga.pdf\" points outside the site folder [E015]",
    );
    std::fs::remove_file(site.root.join("content/2023/bilaga.pdf")).unwrap();

    // A report and a folder that are links out of the site.
    write_report(&site, "content/2023/kry.md", "");
    std::os::unix::fs::symlink(
        outside.join("extra.md"),
        site.root.join("content/2023/extra.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, site.root.join("content/2022")).unwrap();
    let run = site.check();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("content/2022: symbolic link points outside the site folder"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/2023/extra.md: symbolic link points outside the site folder"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("Utanför"));

    // A link that stays inside the site is read.
    std::fs::remove_file(site.root.join("content/2023/extra.md")).unwrap();
    std::fs::remove_file(site.root.join("content/2022")).unwrap();
    std::fs::create_dir_all(site.root.join("drafts")).unwrap();
    std::fs::write(
        site.root.join("drafts/inne.md"),
        "---\ntitle: Inne\nclinic: X\nyear: 2023\ntopics: [sip]\n---\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        site.root.join("drafts/inne.md"),
        site.root.join("content/2023/inne.md"),
    )
    .unwrap();
    site.build().assert_ok();
    assert!(site.read_out("2023/inne/index.html").contains("Inne"));
}

#[test]
fn aliases_must_stay_inside_the_site() {
    let site = TestSite::new("minimal");
    write_report(
        &site,
        "content/2023/kry.md",
        "aliases: [\"/gamla/../../etc/x.html\"]\n",
    );
    check_fails_with(&site, "content/2023/kry.md:6:11: an alias must be a path from the site's root starting with /, not \"/gamla/../../etc/x.html\" [E018]");
    write_report(
        &site,
        "content/2023/kry.md",
        "aliases: [\"relativ.html\"]\n",
    );
    check_fails_with(&site, "content/2023/kry.md:6:11: an alias must be a path from the site's root starting with /, not \"relativ.html\" [E018]");
}

fn assert_links_ok(out: &Path, base: &str) {
    let problems = link_problems(out, base);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_broken_links_and_no_outside_requests() {
    let tmp = tempfile::tempdir().unwrap();
    let real = tmp.path().join("real");
    run(&[
        "build",
        "--root",
        repo().to_str().unwrap(),
        "--output",
        real.to_str().unwrap(),
    ])
    .assert_ok();
    assert_links_ok(&real, "/");

    let valid = TestSite::new("valid");
    valid.build().assert_ok();
    assert_links_ok(&valid.public(), "/arkiv/");

    // The checker notices a broken link, a missing anchor and an outside request.
    std::fs::write(
        real.join("index.html"),
        r#"<a href="/finns-inte/">x</a><a href="/ar/#saknas">y</a><img src="https://cdn.example.com/a.png"><a href="/ar/">ok</a>"#,
    )
    .unwrap();
    assert_eq!(
        link_problems(&real, "/").len(),
        3,
        "{:?}",
        link_problems(&real, "/")
    );
}

#[test]
fn generated_archive_has_no_broken_links() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(corpus) = generated_corpus(tmp.path(), 200) else {
        return;
    };
    let out = tmp.path().join("out");
    run(&[
        "build",
        "--root",
        corpus.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ])
    .assert_ok();
    assert_links_ok(&out, "/");
}

/// Builds in separate processes with different thread counts, time zones
/// and start times give byte-identical trees.
#[test]
fn builds_are_deterministic() {
    let tmp = tempfile::tempdir().unwrap();
    let valid = TestSite::new("valid");
    for (root, name) in [(repo(), "real"), (valid.root.clone(), "valid")] {
        let a = tmp.path().join(format!("{name}-a"));
        let b = tmp.path().join(format!("{name}-b"));
        let args = |out: &Path| {
            vec![
                "build".to_string(),
                "--root".into(),
                root.to_str().unwrap().into(),
                "--output".into(),
                out.to_str().unwrap().into(),
            ]
        };
        let argv_a = args(&a);
        let argv_b = args(&b);
        let va: Vec<&str> = argv_a.iter().map(String::as_str).collect();
        let vb: Vec<&str> = argv_b.iter().map(String::as_str).collect();
        run_in(&va, &repo(), &[("RAYON_NUM_THREADS", "1"), ("TZ", "UTC")]).assert_ok();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        run_in(
            &vb,
            &repo(),
            &[
                ("RAYON_NUM_THREADS", "2"),
                ("TZ", "Pacific/Kiritimati"),
                ("LC_ALL", "C"),
            ],
        )
        .assert_ok();
        let fa = files_below(&a);
        assert_eq!(fa, files_below(&b), "{name}: file lists differ");
        for f in &fa {
            assert!(
                std::fs::read(a.join(f)).unwrap() == std::fs::read(b.join(f)).unwrap(),
                "{name}: {f} differs"
            );
        }
    }
}

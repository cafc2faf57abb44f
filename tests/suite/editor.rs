//! The editor's loop: drafts only in previews, warnings grouped per report
//! and silenced with reasons, a Swedish explanation for every code.

use crate::common::*;

const DRAFT: &str = "2024/aspudden-utkast/";

/// No published file other than the draft's own page names the draft.
fn assert_no_draft_in_feeds_sitemap_or_data(site: &TestSite) {
    let mut files = vec![
        "atom.xml".to_string(),
        "sitemap.xml".into(),
        "data/rapporter.json".into(),
        "data/indikatorer.csv".into(),
    ];
    for f in files_below(&site.public()) {
        if f.starts_with("tema/") && f.ends_with("atom.xml") {
            files.push(f);
        }
    }
    for f in files {
        let text = site.read_out(&f);
        assert!(!text.contains("aspudden-utkast"), "{f} names the draft");
        assert!(!text.contains("Ett utkast som inte ska publiceras"), "{f}");
    }
}

#[test]
fn drafts_only_in_a_preview_and_never_in_feeds_sitemap_or_data() {
    let site = TestSite::new("valid");
    let root = site.root.to_str().unwrap();
    let plain = site.build();
    plain.assert_ok();
    assert!(
        plain.stdout.contains("not published: 1 draft"),
        "{}",
        plain.stdout
    );
    assert!(
        !site.public().join(DRAFT).exists(),
        "a plain build publishes no draft"
    );
    assert!(!site.read_out("2024/index.html").contains("aspudden-utkast"));
    assert_no_draft_in_feeds_sitemap_or_data(&site);

    let preview = run(&["build", "--drafts", "--root", root]);
    preview.assert_ok();
    assert!(
        preview.stdout.contains("drafts included: 1"),
        "{}",
        preview.stdout
    );
    let page = site.read_out(&format!("{DRAFT}index.html"));
    assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(
        page.contains("<strong>Utkast</strong>"),
        "marked on the page"
    );
    let year = site.read_out("2024/index.html");
    let card = &year[year.find("aspudden-utkast").expect("listed")..];
    assert!(card[..card.find("</li>").unwrap()].contains("badge-draft\">Utkast<"));
    // Published reports are not noindex.
    let other = site.read_out("2024/alvsjo-angest/index.html");
    assert!(!other.contains("noindex"));
    assert_no_draft_in_feeds_sitemap_or_data(&site);
}

const ALLOW: &str = r#"
[[warnings.allow]]
rule = "W004"
path = "content/2024/fel-namn.md"
reason = "Indikatorn heter så i originalet."

[[warnings.allow]]
rule = "W003"
reason = "Äldre rapporter har ofta en enda indikator."
"#;

#[test]
fn silenced_warnings_are_counted_and_annotations_stay_one_per_problem() {
    let site = TestSite::new("rules-break");
    let config = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
    site.write("site.toml", &format!("{config}{ALLOW}"));
    let root = site.root.to_str().unwrap();
    let run_ = site.check();
    run_.assert_ok();
    assert_eq!(
        run_.stderr.lines().collect::<Vec<_>>(),
        [
            "content/2024/fel-namn.md: warning: 3 warnings: no baseline [W005], no target [W006], no result [W007] (--all-warnings lists each)",
            "0 errors, 3 warnings (2 silenced in site.toml)",
        ]
    );
    let strict = run(&["check", "--strict", "--root", root]);
    assert_eq!(strict.code, 1);
    assert!(
        strict
            .stderr
            .ends_with("3 errors, 0 warnings (2 silenced in site.toml)\n"),
        "{}",
        strict.stderr
    );
    let gh = run_in(
        &["check", "--root", root],
        &repo(),
        &[("GITHUB_ACTIONS", "true")],
    );
    let annotations = gh
        .stderr
        .lines()
        .filter(|l| l.starts_with("::warning "))
        .count();
    assert_eq!(annotations, 3, "{}", gh.stderr);
    assert!(gh.stderr.contains("::warning file=content/2024/fel-namn.md,line=15,col=11::indicator has no target (mål) [W006]"));
}

#[test]
fn an_allow_rule_needs_a_known_warning_and_a_reason() {
    let site = TestSite::new("minimal");
    let config = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
    let lines = config.lines().count();
    site.write(
        "site.toml",
        &format!("{config}\n[[warnings.allow]]\nrule = \"W04\"\nreason = \" \"\n"),
    );
    let run_ = site.check();
    assert_eq!(run_.code, 1);
    let l = lines + 3;
    assert!(
        run_.stderr.contains(&format!(
            "site.toml:{l}:8: unknown warning rule \"W04\" (did you mean \"W004\"?)"
        )),
        "{}",
        run_.stderr
    );
    assert!(
        run_.stderr.contains(&format!(
            "site.toml:{}:10: a silenced warning needs a reason",
            l + 1
        )),
        "{}",
        run_.stderr
    );
}

#[test]
fn every_code_is_explained_in_swedish() {
    for code in arkiv::diag::Code::ALL {
        let run_ = run(&["explain", code.as_str()]);
        run_.assert_ok();
        assert!(
            run_.stdout.starts_with(&format!("### {code} – ")),
            "{code}: {}",
            run_.stdout
        );
        assert!(run_.stdout.contains("Så här gör du"), "{code}");
    }
    let unknown = run(&["explain", "E999"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("unknown code 'E999'"));
}

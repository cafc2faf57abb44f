//! Change ideas: `/atgarder/`, `/atgarder/<slug>/`, the theme pages'
//! "Vad mottagningarna ändrade", the report page, the menu, the sitemap
//! and the open data, counted on the `changes` fixture whose outcomes are
//! known (see its `overlay.toml`); W010 for a final report without
//! changes; and the real reports' changes quoting their own text.

use crate::common::*;
use scraper::Html;
use std::sync::OnceLock;

fn site() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let s = TestSite::new("changes");
        s.build().assert_ok();
        s
    })
}

fn page(rel: &str) -> Html {
    Html::parse_document(&site().read_out(rel))
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    select(doc, css).into_iter().map(text_of).collect()
}

const SMS: &str = "Testad i 3 rapporter · uppnått i 1 · delvis i 1 · ej uppnått i 1 · planerad i 1 rapport (del 1)";
const RUTIN: &str = "Testad i 3 rapporter · uppnått i 2 · ej uppnått i 1";

#[test]
fn the_index_counts_every_idea_tried_with_its_outcomes() {
    let doc = page("atgarder/index.html");
    // By name in Swedish order; an idea no report tried has no entry.
    assert_eq!(
        texts(&doc, ".change-list h2"),
        ["Ny eller ändrad rutin", "SMS-påminnelser"]
    );
    assert_eq!(texts(&doc, ".change-tally"), [RUTIN, SMS]);
    assert_eq!(
        texts(&doc, ".change-themes"),
        [
            "Teman: SIP (2), Sjukskrivning (2)",
            "Teman: SIP (3), Sjukskrivning (1)"
        ]
    );
    assert!(!site().public().join("atgarder/checklista").exists());
}

#[test]
fn an_idea_page_lists_its_reports_newest_first_with_outcomes() {
    let doc = page("atgarder/sms-paminnelse/index.html");
    assert_eq!(texts(&doc, "h1"), ["SMS-påminnelser"]);
    assert_eq!(texts(&doc, ".change-tally"), [SMS]);
    assert_eq!(
        texts(&doc, ".change-reports .card-title"),
        [
            "Påminnelser",
            "Rutin för sjukskrivning",
            "Vi ska påminna",
            "SMS och rutin"
        ]
    );
    assert_eq!(
        texts(&doc, ".change-reports .outcome"),
        [
            "Utfall: ◐ delvis uppnått",
            "Utfall: ✗ ej uppnått",
            "Plan: förändringen har inte prövats än.",
            "Utfall: ✓ uppnått"
        ]
    );
    // The report's words, and a link to the section that describes it.
    assert_eq!(
        texts(&doc, ".change-text"),
        ["”Vi skickade SMS-påminnelser inför varje SIP-möte.”"]
    );
    let links: Vec<&str> = select(&doc, ".change-reports a")
        .into_iter()
        .filter_map(|a| a.value().attr("href"))
        .filter(|h| h.contains('#'))
        .collect();
    assert_eq!(links, ["/2023/alfa/#vad-vi-gjorde"]);
    let alfa = site().read_out("2023/alfa/index.html");
    assert!(alfa.contains("<h2 id=\"vad-vi-gjorde\">"));
}

#[test]
fn theme_pages_say_what_clinics_changed_within_the_theme() {
    let sip = page("tema/sip/index.html");
    assert_eq!(
        texts(&sip, ".topic-changes li"),
        [
            // Tested as often: the one also planned comes first.
            "SMS-påminnelser : Testad i 2 rapporter · uppnått i 1 · delvis i 1 · planerad i 1 rapport (del 1)",
            "Ny eller ändrad rutin : Testad i 2 rapporter · uppnått i 2",
        ]
    );
    let sjuk = page("tema/sjukskrivning/index.html");
    assert_eq!(
        texts(&sjuk, ".topic-changes li"),
        [
            "Ny eller ändrad rutin : Testad i 2 rapporter · uppnått i 1 · ej uppnått i 1",
            "SMS-påminnelser : Testad i 1 rapport · ej uppnått i 1",
        ]
    );
}

#[test]
fn report_pages_show_their_changes_near_the_top() {
    let html = site().read_out("2024/delta/index.html");
    let doc = Html::parse_document(&html);
    assert_eq!(
        texts(&doc, ".report-changes li"),
        [
            "Ny eller ändrad rutin ( läs mer under Ny rutin )",
            "SMS-påminnelser"
        ]
    );
    let hrefs: Vec<&str> = select(&doc, ".report-changes a")
        .into_iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        hrefs,
        [
            "/atgarder/ny-rutin/",
            "#ny-rutin",
            "/atgarder/sms-paminnelse/"
        ]
    );
    // Before the facts about the report and the indicators.
    assert!(html.find("report-changes").unwrap() < html.find("id=\"om_rapporten\"").unwrap());
    // A report without changes has no such section.
    assert!(!site()
        .read_out("2024/zeta/index.html")
        .contains("report-changes"));
}

#[test]
fn the_menu_the_sitemap_and_the_open_data_know_the_ideas() {
    let home = page("index.html");
    let nav: Vec<&str> = select(&home, ".main-nav a")
        .into_iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(nav.contains(&"/atgarder/"), "{nav:?}");
    let sitemap = site().read_out("sitemap.xml");
    for url in [
        "/atgarder/</loc>",
        "/atgarder/ny-rutin/</loc>",
        "/atgarder/sms-paminnelse/</loc>",
    ] {
        assert!(sitemap.contains(url), "{url} not in the sitemap");
    }
    let json: serde_json::Value =
        serde_json::from_str(&site().read_out("data/rapporter.json")).unwrap();
    let alfa = json["reports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["title"] == "SMS och rutin")
        .unwrap();
    assert_eq!(
        alfa["changes"],
        serde_json::json!([
            {
                "slug": "sms-paminnelse",
                "name": "SMS-påminnelser",
                "text": "Vi skickade SMS-påminnelser inför varje SIP-möte.",
                "section": "Vad vi gjorde",
                "section_url": "https://example.org/2023/alfa/#vad-vi-gjorde"
            },
            { "slug": "ny-rutin", "name": "Ny eller ändrad rutin", "text": null, "section": null, "section_url": null }
        ])
    );
}

#[test]
fn a_site_without_ideas_has_no_idea_pages_or_menu_entry() {
    let s = TestSite::new("minimal");
    s.build().assert_ok();
    assert!(!s.public().join("atgarder").exists());
    assert!(!s.read_out("index.html").contains("/atgarder/"));
}

#[test]
fn a_final_report_without_changes_gets_a_warning() {
    let run = site().run("check");
    let zeta: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("zeta.md") && l.contains("W010"))
        .collect();
    assert_eq!(zeta.len(), 1, "{}", run.stderr);
    // Only there: plans, link-only entries and reports with changes are fine.
    assert_eq!(run.stderr.matches("W010").count(), 1, "{}", run.stderr);
    let all = run_in(
        &[
            "check",
            "--all-warnings",
            "--root",
            site().root.to_str().unwrap(),
        ],
        &repo(),
        &[],
    );
    assert!(
        all.stderr.contains(
            "content/2024/zeta.md:1:1: warning: final report lists no change ideas: add `changes:` with slugs from site.toml [[changes]] [W010]"
        ),
        "{}",
        all.stderr
    );
}

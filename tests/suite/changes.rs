//! Change ideas: `/atgarder/`, `/atgarder/<slug>/`, the theme pages'
//! "Vad mottagningarna ändrade", the report page, the menu, the sitemap
//! and the open data, counted on the `changes` fixture whose per-change
//! outcomes are known (see its `overlay.toml`): ideas tied to met, unmet
//! and unassessable goals, untied, planned and not done; W010 for a final
//! report without changes.

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

/// How "sms" went: tried in 2 final reports, tied to a met and a partly
/// met goal in one, untied in the other (its own verdict, uppnått); not
/// tried in 3 (a plan, planned, not done).
const SMS: &[&str] = &[
    "Prövad i 2 rapporter",
    "2 mål i 1 rapport: 1 uppnått · 1 delvis uppnått",
    "Inte kopplad till något mål i 1 rapport, rapportens bedömning: uppnått i 1 (1 enligt rapporten)",
    "Median förändring i målets riktning: +5 procentenheter (andelar, 1 mål) · +150 % (antal, 1 mål)",
    "Planerad i 2 rapporter · ej genomförd i 1 rapport",
];
/// How "ny-rutin" went: tried in 4, kept in 1; tied to a met, an unmet and
/// an unassessable goal; untied in two (one own verdict, one computed).
const RUTIN: &[&str] = &[
    "Prövad i 4 rapporter, införd i 1",
    "3 mål i 2 rapporter: 1 uppnått · 1 ej uppnått · 1 ej bedömbart",
    "Inte kopplad till något mål i 2 rapporter, rapportens bedömning: uppnått i 1 · ej bedömbart i 1 (1 enligt rapporten, 1 beräknat)",
    "Median förändring i målets riktning: +70 % (antal, 2 mål)",
];

fn lines(doc: &Html, scope: &str) -> Vec<Vec<String>> {
    select(doc, scope)
        .into_iter()
        .map(|ul| {
            ul.select(&scraper::Selector::parse("li").unwrap())
                .map(text_of)
                .collect()
        })
        .collect()
}

#[test]
fn the_index_counts_every_idea_by_the_goals_it_aimed_at() {
    let doc = page("atgarder/index.html");
    // The most tried first; an idea no report names has no entry.
    assert_eq!(
        texts(&doc, ".change-list h2"),
        ["Ny eller ändrad rutin", "SMS-påminnelser"]
    );
    assert_eq!(lines(&doc, ".change-tally"), [RUTIN, SMS]);
    assert_eq!(
        texts(&doc, ".change-list .change-themes"),
        [
            "Teman: Sjukskrivning (3), SIP (2)",
            "Teman: SIP (3), Sjukskrivning (2)"
        ]
    );
    // A chart of the tied goals beside the words, which it repeats.
    let charts = select(&doc, ".change-list .tally-chart title");
    assert_eq!(
        charts.into_iter().map(text_of).collect::<Vec<_>>(),
        [
            "Målen: 1 uppnått · 1 ej uppnått · 1 ej bedömbart",
            "Målen: 1 uppnått · 1 delvis uppnått"
        ]
    );
    // Read by theme: links to each theme's section.
    let nav: Vec<&str> = select(&doc, ".change-themes-nav a")
        .into_iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        nav,
        ["/tema/sip/#andringar", "/tema/sjukskrivning/#andringar"]
    );
    assert!(!site().public().join("atgarder/checklista").exists());
}

#[test]
fn an_idea_page_lists_each_report_with_its_goals_or_its_outcome() {
    let doc = page("atgarder/sms-paminnelse/index.html");
    assert_eq!(texts(&doc, "h1"), ["SMS-påminnelser"]);
    assert_eq!(lines(&doc, "main > .change-outcome .change-tally"), [SMS]);
    assert_eq!(
        texts(&doc, ".change-reports .card-title"),
        [
            "Påminnelser",
            "Rutin för sjukskrivning",
            "Vi ska påminna",
            "SMS och rutin",
            "Rond och rutin"
        ]
    );
    assert_eq!(
        texts(&doc, ".change-reports .change-goals li"),
        [
            "Antal SIP: ✓ uppnått (beräknat från siffrorna)",
            "Andel kallade som kom: ◐ delvis uppnått (beräknat från siffrorna)"
        ]
    );
    assert_eq!(
        texts(&doc, ".change-reports .outcome"),
        [
            "Åtgärden genomfördes inte.",
            "Plan: åtgärden har inte prövats än.",
            "Åtgärden är inte kopplad till något mål. Rapportens bedömning: ✓ uppnått (enligt rapporten)",
            "Åtgärden är planerad men har inte prövats än."
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
    // A plan's goal has no status here either, though its figures meet it.
    let rutin = page("atgarder/ny-rutin/index.html");
    assert_eq!(
        texts(&rutin, ".change-reports .change-status"),
        ["Åtgärden är införd."]
    );
}

#[test]
fn theme_pages_say_what_clinics_changed_within_the_theme() {
    let sip = page("tema/sip/index.html");
    assert_eq!(
        texts(&sip, ".topic-changes h3"),
        ["SMS-påminnelser", "Ny eller ändrad rutin"]
    );
    assert_eq!(
        lines(&sip, ".topic-changes .change-tally"),
        [
            vec![
                "Prövad i 2 rapporter",
                "2 mål i 1 rapport: 1 uppnått · 1 delvis uppnått",
                "Inte kopplad till något mål i 1 rapport, rapportens bedömning: uppnått i 1 (1 enligt rapporten)",
                "Median förändring i målets riktning: +5 procentenheter (andelar, 1 mål) · +150 % (antal, 1 mål)",
                "Planerad i 1 rapport",
            ],
            vec![
                "Prövad i 2 rapporter, införd i 1",
                "1 mål i 1 rapport: 1 uppnått",
                "Inte kopplad till något mål i 1 rapport, rapportens bedömning: uppnått i 1 (1 enligt rapporten)",
                "Median förändring i målets riktning: +150 % (antal, 1 mål)",
            ],
        ]
    );
    // Each report's line, the newest first, under the idea.
    assert_eq!(
        texts(&sip, ".change-preview-head"),
        ["3 rapporter inom temat:", "2 rapporter inom temat:"]
    );
    let sjuk = page("tema/sjukskrivning/index.html");
    assert_eq!(
        lines(&sjuk, ".topic-changes .change-tally"),
        [
            vec![
                "Prövad i 3 rapporter, införd i 1",
                "3 mål i 2 rapporter: 1 uppnått · 1 ej uppnått · 1 ej bedömbart",
                "Inte kopplad till något mål i 1 rapport, rapportens bedömning: ej bedömbart i 1 (1 beräknat)",
                "Median förändring i målets riktning: +70 % (antal, 2 mål)",
            ],
            vec!["Planerad i 1 rapport · ej genomförd i 1 rapport"],
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
            "Ny eller ändrad rutin Mål: Antal långtidssjukskrivna; Andel med rehabiliteringsplan. ( läs mer under Ny rutin )",
            "SMS-påminnelser (ej genomförd)"
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
                "section_url": "https://arkiv.test/2023/alfa/#vad-vi-gjorde",
                "indicators": [],
                "status": "testad"
            },
            { "slug": "ny-rutin", "name": "Ny eller ändrad rutin", "text": null, "section": null, "section_url": null, "indicators": [], "status": "testad" }
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

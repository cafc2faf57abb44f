//! Headlines that lead with what could be judged: "X av N mål uppnådda ·
//! P delvis uppnådda · U ej bedömbara"; "Bedömning" only for the report's
//! own verdict, quoted; the main goal named first; the outcomes in
//! aggregates with how many are the reports' own; the same in the open
//! data. One report per case in the `headlines` fixture: all goals met,
//! mixed, none judged, a plan, a missed main goal, an own verdict (and
//! `minimal`'s own report without indicators, which is not counted).

use crate::common::*;
use scraper::Html;
use std::sync::OnceLock;

fn site() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let s = TestSite::new("headlines");
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

fn select_in<'a>(el: &scraper::ElementRef<'a>, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = scraper::Selector::parse(css).unwrap();
    el.select(&sel).collect()
}

/// (report, its headline, its "Bedömning" line (only the report's own
/// verdict), its main-goal line).
const CASES: &[(&str, &str, Option<&str>, Option<&str>)] = &[
    ("2023/alla-mal", "2 av 2 mål uppnådda", None, None),
    (
        "2023/blandat",
        "1 av 4 mål uppnått · 1 delvis uppnått · 1 ej uppnått · 1 ej bedömbart",
        None,
        None,
    ),
    (
        "2024/obedomt",
        "0 av 2 mål uppnådda · 2 ej bedömbara",
        None,
        None,
    ),
    ("2024/plan", "3 mål i planen", None, None),
    (
        "2025/huvudmal",
        "1 av 3 mål uppnått · 1 ej uppnått · 1 ej bedömbart",
        None,
        Some("Huvudmål: Antal SIP – ✗ ej uppnått"),
    ),
    (
        "2025/egen-bedomning",
        "2 av 2 mål uppnådda",
        Some("Bedömning: ◐ delvis uppnått – enligt rapporten: ”Huvudmålet har delvis uppnåtts.”"),
        None,
    ),
];

#[test]
fn report_pages_lead_with_the_tally_and_say_bedomning_only_for_the_reports_own() {
    for &(report, headline, verdict, main) in CASES {
        let doc = page(&format!("{report}/index.html"));
        assert_eq!(
            texts(&doc, ".report-header .goal-summary"),
            [headline],
            "{report}"
        );
        assert_eq!(
            texts(&doc, ".report-header .outcome"),
            verdict.into_iter().collect::<Vec<_>>(),
            "{report}"
        );
        assert_eq!(
            texts(&doc, ".report-header .main-goal"),
            main.into_iter().collect::<Vec<_>>(),
            "{report}"
        );
        // The headline comes right under the summary, before the indicators.
        let html = site().read_out(&format!("{report}/index.html"));
        let at = html.find("class=\"goal-summary\"").unwrap();
        assert!(at < html.find("id=\"indikatorer_\"").unwrap(), "{report}");
        // Never a derived overall word as if the report had said it.
        if verdict.is_none() {
            assert!(!html.contains("Bedömning:"), "{report}");
        }
    }
    // No indicators, no verdict: neither headline nor outcome.
    let doc = page("2023/kry/index.html");
    assert!(select(&doc, ".goal-summary, .outcome").is_empty());
}

#[test]
fn every_status_says_its_basis_in_words() {
    let doc = page("2023/blandat/index.html");
    let cells = texts(&doc, ".indicator-table tbody td:last-child");
    assert_eq!(
        cells,
        [
            "✓ uppnått beräknat från siffrorna",
            "◐ delvis uppnått beräknat från siffrorna",
            "✗ ej uppnått beräknat från siffrorna",
            "– ej bedömbart kan inte räknas fram ur siffrorna",
        ]
    );
    // The basis is text of its own, not a title or a colour.
    assert_eq!(select(&doc, ".indicator-table .goal-basis").len(), 4);
    assert!(select(&doc, ".indicator-table [title]").is_empty());
    // A plan's goals are planned, not judged, though the first one's
    // figures reach its target.
    let plan = page("2024/plan/index.html");
    assert_eq!(
        texts(&plan, ".indicator-table tbody td:last-child"),
        ["planerat, inte utvärderat än"; 3]
    );
    assert!(select(&plan, ".indicator-table .goal").is_empty());
    assert!(!site().read_out("2024/plan/index.html").contains("uppnått"));
}

#[test]
fn cards_show_the_same_headline() {
    let topic = page("tema/sip/index.html");
    let cards: Vec<(String, String)> = select(&topic, ".card")
        .into_iter()
        .filter_map(|c| {
            let title = text_of(select_in(&c, ".card-title")[0]);
            let goals = select_in(&c, ".card-goals");
            goals.first().map(|g| (title, text_of(*g)))
        })
        .collect();
    let cards: Vec<(&str, &str)> = cards
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert!(cards.contains(&("Alla mål nådda", CASES[0].1)), "{cards:?}");
    assert!(
        cards.contains(&("Blandade resultat", CASES[1].1)),
        "{cards:?}"
    );
    assert_eq!(cards.len(), 2, "no goal line on a card without indicators");
    let year = page("2024/index.html");
    let mut goals = texts(&year, ".card-goals");
    goals.sort();
    assert_eq!(
        goals,
        ["0 av 2 mål uppnådda · 2 ej bedömbara", "3 mål i planen"]
    );
}

#[test]
fn theme_and_year_aggregates_count_goals_and_outcomes_with_their_basis() {
    let sip = page("tema/sip/index.html");
    assert_eq!(
        texts(&sip, ".aggregate-goals"),
        ["6 mål i 2 rapporter: 3 uppnådda · 1 delvis uppnått · 1 ej uppnått · 1 ej bedömbart"]
    );
    assert_eq!(
        texts(&sip, ".aggregate-outcomes"),
        ["Bedömning i 2 slutrapporter: uppnått i 1 · delvis uppnått i 1 (2 beräknade)"]
    );
    let year = page("2024/index.html");
    let agg = text_of(select(&year, ".aggregate")[0]);
    assert!(agg.starts_with("Året i korthet"), "{agg}");
    assert!(
        agg.contains("2 mål i 1 rapport: 0 uppnådda · 2 ej bedömbara"),
        "{agg}"
    );
    assert!(
        agg.contains("Bedömning i 1 slutrapport: ej bedömbart i 1 (1 beräknat)"),
        "{agg}"
    );
    assert!(
        agg.contains("1 plan med 3 mål räknas inte med"),
        "plans apart: {agg}"
    );
    // The reports' own verdicts and the others, said apart.
    let y2025 = page("2025/index.html");
    assert_eq!(
        texts(&y2025, ".aggregate-outcomes"),
        ["Bedömning i 2 slutrapporter: delvis uppnått i 1 · ej uppnått i 1 (1 enligt rapporten, 1 utifrån huvudmålet)"]
    );
    let year = page("2023/index.html");
    assert_eq!(
        texts(&year, ".aggregate-goals"),
        texts(&sip, ".aggregate-goals"),
        "2023 holds the same two reports"
    );
}

#[test]
fn open_data_has_the_basis_and_the_outcome() {
    let data: serde_json::Value =
        serde_json::from_str(&site().read_out("data/rapporter.json")).unwrap();
    let errors = open_data_schema_errors(&data);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let report = |stem: &str| {
        data["reports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["url"].as_str().unwrap().ends_with(&format!("/{stem}/")))
            .unwrap_or_else(|| panic!("{stem}"))
            .clone()
    };
    let all = report("2023/alla-mal");
    assert_eq!(
        all["goals"],
        serde_json::json!({ "total": 2, "achieved": 2, "partly": 0, "not_achieved": 0, "not_assessable": 0 })
    );
    assert_eq!(
        all["outcome"],
        serde_json::json!({ "status": "uppnatt", "basis": "computed", "text": null })
    );
    let mixed = report("2023/blandat");
    assert_eq!(
        mixed["goals"],
        serde_json::json!({ "total": 4, "achieved": 1, "partly": 1, "not_achieved": 1, "not_assessable": 1 })
    );
    assert_eq!(mixed["outcome"]["status"], "delvis");
    let bases: Vec<&str> = mixed["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["status_basis"].as_str().unwrap())
        .collect();
    assert_eq!(bases, ["computed", "computed", "computed", "none"]);
    assert!(mixed["indicators"][0]["assessment"].is_null());
    let none = report("2024/obedomt");
    assert_eq!(
        none["outcome"],
        serde_json::json!({ "status": "ej-bedombart", "basis": "computed", "text": null })
    );
    // A plan: "plan", no goal counts, no status on any goal.
    let plan = report("2024/plan");
    assert_eq!(
        plan["outcome"],
        serde_json::json!({ "status": "plan", "basis": null, "text": null })
    );
    assert!(plan["goals"].is_null());
    for ind in plan["indicators"].as_array().unwrap() {
        assert!(
            ind["status"].is_null() && ind["status_basis"].is_null(),
            "{ind}"
        );
    }
    let main = report("2025/huvudmal");
    assert_eq!(
        main["outcome"],
        serde_json::json!({ "status": "ej-uppnatt", "basis": "main_goal", "text": null })
    );
    assert_eq!(main["indicators"][0]["main"], true);
    let own = report("2025/egen-bedomning");
    assert_eq!(
        own["outcome"],
        serde_json::json!({ "status": "delvis", "basis": "report", "text": "Huvudmålet har delvis uppnåtts." })
    );

    // The CSV has the basis too, one row per indicator; a plan's are empty.
    let csv = site().read_out("data/indikatorer.csv");
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let col = headers.iter().position(|h| h == "status_basis").unwrap();
    let bases: Vec<String> = r
        .records()
        .map(|rec| rec.unwrap()[col].to_string())
        .collect();
    assert_eq!(bases.len(), 2 + 4 + 2 + 3 + 3 + 2);
    assert_eq!(bases.iter().filter(|b| *b == "computed").count(), 9);
    assert_eq!(bases.iter().filter(|b| *b == "none").count(), 4);
    assert_eq!(bases.iter().filter(|b| b.is_empty()).count(), 3);
}

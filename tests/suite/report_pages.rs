//! Report pages for readers: "Innehåll" (the report's own headings, linked,
//! results and reflections marked) near the top of a long report, and a
//! "Till början" link at its end.

use crate::common::*;
use scraper::Html;

fn real(rel: &str) -> (String, Html) {
    let html = std::fs::read_to_string(real_site().join(rel)).unwrap();
    let doc = Html::parse_document(&html);
    (html, doc)
}

#[test]
fn a_long_report_has_its_contents_near_the_top() {
    let (html, doc) = real("2023/kry-vallentuna-sip/index.html");
    let toc = select(&doc, ".report-toc li a");
    let names: Vec<String> = toc.iter().map(|a| text_of(*a)).collect();
    assert_eq!(names.first().map(String::as_str), Some("Indikatorer"));
    assert!(names.contains(&"Kartläggning. Vad vill ni åstadkomma och varför?".to_string()));
    let key: Vec<String> = select(&doc, ".report-toc li.key a")
        .into_iter()
        .map(text_of)
        .collect();
    assert_eq!(key, ["Resultat", "Slutreflektion"]);
    // Every entry leads to an element of the page.
    for a in &toc {
        let href = a.value().attr("href").unwrap();
        let id = href.strip_prefix('#').expect("an anchor");
        assert!(html.contains(&format!("id=\"{id}\"")), "no element {href}");
    }
    // Before the facts and the indicators.
    assert!(html.find("report-toc").unwrap() < html.find("id=\"om_rapporten\"").unwrap());
    assert_eq!(
        select(&doc, ".to-top a")
            .iter()
            .map(|a| a.value().attr("href").unwrap())
            .collect::<Vec<_>>(),
        ["#innehall"]
    );
    assert!(html.contains("id=\"innehall\""));
}

#[test]
fn a_reflection_under_a_part_heading_is_marked_too() {
    let (_, doc) = real("2022/kvartersakuten-sjukskrivning/index.html");
    let key: Vec<String> = select(&doc, ".report-toc li.key a")
        .into_iter()
        .map(text_of)
        .collect();
    assert_eq!(key, ["C. Slutreflektion. Vilka var era lärdomar?"]);
}

#[test]
fn a_short_report_has_neither() {
    let s = TestSite::new("minimal");
    s.write(
        "content/2023/kort.md",
        "---\ntitle: Kort\nclinic: Kry Vallentuna\nyear: 2023\ntopics: [sip]\nstatus: plan\n---\n## Mål\n\nText.\n\n## Resultat\n\nText.\n",
    );
    run(&["build", "--no-search", "--root", s.root.to_str().unwrap()]).assert_ok();
    let html = s.read_out("2023/kort/index.html");
    assert!(!html.contains("report-toc") && !html.contains("to-top"));
}

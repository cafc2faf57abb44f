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
        "---\ntitle: Kort\nclinic: Kort mottagning\nyear: 2023\ntopics: [sip]\nstatus: plan\n---\n## Mål\n\nText.\n\n## Resultat\n\nText.\n",
    );
    run(&["build", "--no-search", "--root", s.root.to_str().unwrap()]).assert_ok();
    let html = s.read_out("2023/kort/index.html");
    assert!(!html.contains("report-toc") && !html.contains("to-top"));
}

#[test]
fn the_data_page_speaks_plain_swedish() {
    let html = std::fs::read_to_string(real_site().join("data/index.html")).unwrap();
    assert!(html.contains("Talen är sparade som tal."));
    assert!(html.contains("räknas i förhållande till utgångsläget"));
    assert!(!html.contains("Tal är tal") && !html.contains("relativt utgångsläget"));
}

#[test]
fn check_warns_while_base_url_is_the_example_address() {
    let s = TestSite::new("minimal");
    s.check().assert_ok();
    let config = std::fs::read_to_string(s.root.join("site.toml")).unwrap();
    s.write(
        "site.toml",
        &config.replace("https://arkiv.test", "https://example.org/arkiv/"),
    );
    let run = s.check();
    run.assert_ok();
    assert!(
        run.stderr.starts_with(
            "site.toml:2:12: warning: base_url is still the example address \"https://example.org/arkiv/\": set the archive's real address before publishing [W011]\n"
        ),
        "{}",
        run.stderr
    );
    // Another host under example.org is an address of its own.
    s.write(
        "site.toml",
        &config.replace("https://arkiv.test", "https://arkiv.example.org"),
    );
    assert!(!s.check().stderr.contains("W011"));
}

#[test]
fn a_printed_page_names_the_site_and_its_address() {
    let html =
        std::fs::read_to_string(real_site().join("2023/kry-vallentuna-sip/index.html")).unwrap();
    let doc = Html::parse_document(&html);
    let source: Vec<String> = select(&doc, "main > .print-source")
        .into_iter()
        .map(text_of)
        .collect();
    assert_eq!(
        source,
        ["Förbättringsarbeten i primärvården · https://example.org/2023/kry-vallentuna-sip/"]
    );
    // Shown on paper only; the navigation aids are left off paper.
    let css = std::fs::read_to_string(real_site().join("assets/arkiv.css")).unwrap();
    assert!(css.contains(".print-source { display: none; }"));
    let print = &css[css.find("@media print {").unwrap()..];
    assert!(print.contains(".print-source { display: block;"));
    assert!(print.contains(".report-toc, .to-top, .pagination { display: none; }"));
}

#[test]
fn no_real_page_has_an_empty_table_row() {
    let sel = scraper::Selector::parse("tbody tr").unwrap();
    for f in files_below(real_site())
        .into_iter()
        .filter(|f| f.ends_with(".html"))
    {
        let doc = Html::parse_document(&std::fs::read_to_string(real_site().join(&f)).unwrap());
        for row in doc.select(&sel) {
            assert!(!text_of(row).trim().is_empty(), "{f}: an empty table row");
        }
    }
}

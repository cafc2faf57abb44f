//! Listings that scale: a year lists each report once with its themes as
//! tags and narrows by theme with plain links; a year, theme or clinic
//! past 100 cards is split into pages with links to every page; the clinic
//! index gives A, Å, Ä, O and Ö anchors of their own. Built on a generated
//! site: 150 reports in 2024 (two themes) and clinics under A, Å, Ä, O, Ö.

use crate::common::*;
use scraper::Html;
use std::collections::BTreeSet;
use std::sync::OnceLock;

const CLINICS: [&str; 5] = ["Aspudden", "Åkersberga", "Älvsjö", "Oxelösund", "Örby"];

fn site() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let s = TestSite::new("minimal");
        for i in 0..150 {
            let clinic = CLINICS[i % CLINICS.len()];
            // Every third report has both themes: it must still be listed once.
            let topics = match i % 3 {
                0 => "[sip, sjukskrivning]",
                1 => "[sip]",
                _ => "[sjukskrivning]",
            };
            s.write(
                &format!("content/2024/r{i:03}.md"),
                &format!("---\ntitle: Rapport {i:03}\nclinic: {clinic}\nyear: 2024\ntopics: {topics}\nstatus: plan\n---\n"),
            );
        }
        s.allow_duplicates();
        run(&["build", "--no-search", "--root", s.root.to_str().unwrap()]).assert_ok();
        s
    })
}

fn page(rel: &str) -> Html {
    Html::parse_document(&site().read_out(rel))
}

fn titles(doc: &Html) -> Vec<String> {
    select(doc, ".cards .card-title")
        .into_iter()
        .map(text_of)
        .collect()
}

fn hrefs(doc: &Html, css: &str) -> Vec<String> {
    select(doc, css)
        .into_iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

#[test]
fn a_year_lists_each_report_once_over_pages_of_a_hundred() {
    let first = page("2024/index.html");
    let second = page("2024/sida/2/index.html");
    let (a, b) = (titles(&first), titles(&second));
    assert_eq!((a.len(), b.len()), (100, 50));
    let all: BTreeSet<&String> = a.iter().chain(&b).collect();
    assert_eq!(all.len(), 150, "every report once, none twice");
    assert!(!site().public().join("2024/sida/3").exists());
    // Links to every page, the current one marked, on both pages.
    for doc in [&first, &second] {
        assert_eq!(
            hrefs(doc, ".pagination a:not([rel])"),
            ["/2024/", "/2024/sida/2/"]
        );
    }
    assert_eq!(
        hrefs(&first, ".pagination a[aria-current=page]"),
        ["/2024/"]
    );
    assert_eq!(hrefs(&second, ".pagination a[rel=prev]"), ["/2024/"]);
    assert!(select(&second, "title")
        .iter()
        .any(|t| text_of(*t).contains("sida 2 av 2")));
    // Themes as tags on the cards.
    let tags: Vec<String> = select(&first, ".card-topics")
        .into_iter()
        .map(text_of)
        .collect();
    assert!(
        tags.iter().any(|t| t == "Teman: SIP , Sjukskrivning"),
        "{:?}",
        &tags[..3]
    );
    let sitemap = site().read_out("sitemap.xml");
    assert!(sitemap.contains("/2024/sida/2/</loc>"));
}

#[test]
fn a_year_narrows_by_theme_with_links_to_the_right_theme_page() {
    let first = page("2024/index.html");
    assert_eq!(
        hrefs(&first, ".year-themes a"),
        ["/tema/sip/#ar-2024", "/tema/sjukskrivning/#ar-2024"]
    );
    assert_eq!(
        select(&first, ".year-themes li")
            .into_iter()
            .map(text_of)
            .collect::<Vec<_>>(),
        ["SIP (100)", "Sjukskrivning (100)"]
    );
    // The theme pages are paginated too, and hold the anchor.
    let sip = page("tema/sip/index.html");
    assert_eq!(titles(&sip).len(), 100);
    assert!(!select(&sip, "#ar-2024").is_empty());
    // minimal's own 2023 report comes after the hundred 2024 ones.
    let sip2 = page("tema/sip/sida/2/index.html");
    assert_eq!(titles(&sip2), ["Öka antalet SIP"]);
    assert!(!select(&sip2, "#ar-2023").is_empty());
    // The aggregate and the change ideas are on the first page only.
    assert!(select(&sip2, ".aggregate, .topic-changes").is_empty());
}

#[test]
fn every_clinic_letter_has_its_own_anchor() {
    let doc = page("mottagningar/index.html");
    let ids: Vec<String> = select(&doc, "h2.letter")
        .into_iter()
        .filter_map(|h| h.value().attr("id").map(str::to_string))
        .collect();
    assert_eq!(
        ids,
        [
            "bokstav-a",
            "bokstav-k",
            "bokstav-o",
            "bokstav-aa",
            "bokstav-ae",
            "bokstav-oe"
        ]
    );
    let links = hrefs(&doc, ".letters a");
    assert_eq!(
        links,
        [
            "#bokstav-a",
            "#bokstav-k",
            "#bokstav-o",
            "#bokstav-aa",
            "#bokstav-ae",
            "#bokstav-oe"
        ]
    );
    // Å's link leads to Åkersberga, not to Aspudden.
    let section = select(&doc, "section[aria-labelledby=bokstav-aa] a");
    assert_eq!(text_of(section[0]), "Åkersberga");
}

#[test]
fn a_clinic_page_past_a_hundred_reports_is_paginated() {
    let s = TestSite::new("minimal");
    for i in 0..101 {
        s.write(
            &format!("content/2024/r{i:03}.md"),
            &format!("---\ntitle: R {i}\nclinic: Aspudden\nyear: 2024\ntopics: [sip]\nstatus: plan\n---\n"),
        );
    }
    s.allow_duplicates();
    run(&["build", "--no-search", "--root", s.root.to_str().unwrap()]).assert_ok();
    let doc = Html::parse_document(&s.read_out("mottagningar/aspudden/sida/2/index.html"));
    assert_eq!(titles(&doc).len(), 1);
    let first = Html::parse_document(&s.read_out("mottagningar/aspudden/index.html"));
    assert_eq!(titles(&first).len(), 100);
}

#[test]
fn every_page_below_home_has_breadcrumbs_and_home_has_one_search_box() {
    let out = real_site();
    let mut missing = Vec::new();
    for f in files_below(out) {
        // The home page is the top; the not-found page has no place; the
        // search page is the search client's (tested with it).
        if !f.ends_with(".html") || f == "index.html" || f == "404.html" || f.starts_with("sok/") {
            continue;
        }
        let html = std::fs::read_to_string(out.join(&f)).unwrap();
        // Redirect pages (old addresses) are not pages of the archive.
        if html.contains("http-equiv=\"refresh\"") {
            continue;
        }
        if !html.contains("class=\"breadcrumbs\"") {
            missing.push(f);
        }
    }
    assert!(missing.is_empty(), "no breadcrumbs: {missing:?}");
    let home = Html::parse_document(&std::fs::read_to_string(out.join("index.html")).unwrap());
    assert_eq!(
        select(&home, "form[role=search]").len(),
        1,
        "one search box"
    );
    let title = text_of(select(&home, ".site-title")[0]);
    assert!(
        select(&home, "h1").iter().all(|h| text_of(*h) != title),
        "the site name once"
    );
}

#[test]
fn counts_take_the_singular_for_one() {
    let s = TestSite::new("minimal");
    run(&["build", "--no-search", "--root", s.root.to_str().unwrap()]).assert_ok();
    let home = s.read_out("index.html");
    assert!(
        home.contains("Arkivet samlar 1 rapport om förbättringsarbeten från 1 mottagning."),
        "{home}"
    );
    let topics = Html::parse_document(&s.read_out("tema/index.html"));
    let counts: Vec<String> = select(&topics, ".topic-list .count")
        .into_iter()
        .map(text_of)
        .collect();
    assert_eq!(counts, ["1 rapport", "0 rapporter"]);
    let report = Html::parse_document(&s.read_out("2023/kry/index.html"));
    let dts: Vec<String> = select(&report, ".meta-list dt")
        .into_iter()
        .map(text_of)
        .collect();
    assert!(dts.contains(&"Tema".to_string()), "{dts:?}");
}

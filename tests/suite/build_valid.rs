//! The valid fixture exercises every page type; these tests read what the
//! build wrote.

use crate::common::*;
use scraper::Html;
use std::collections::HashSet;
use std::sync::OnceLock;

/// The valid fixture, built once for all tests in this module.
fn site() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let s = TestSite::new("valid");
        let run = s.build();
        run.assert_ok();
        s
    })
}

fn page(rel: &str) -> Html {
    Html::parse_document(&site().read_out(rel))
}

const PAGES: &[&str] = &[
    "index.html",
    "2023/brommaplan-sip/index.html",
    "2024/alvsjo-angest/index.html",
    "2024/oxnehaga-psykisk-ohalsa/index.html",
    "2024/brommaplan-psykisk-ohalsa/index.html",
    "2023/index.html",
    "2024/index.html",
    "ar/index.html",
    "tema/index.html",
    "tema/sip/index.html",
    "tema/sip/jamfor/index.html",
    "tema/psykisk-ohalsa/index.html",
    "tema/diabetes/index.html",
    "mottagningar/index.html",
    "mottagningar/brommaplans-vardcentral/index.html",
    "mottagningar/alvsjo-vardcentral/index.html",
    "mottagningar/oxnehaga-vardcentral/index.html",
    "sok/index.html",
    "tillganglighet/index.html",
    "data/index.html",
    "404.html",
];

#[test]
fn writes_every_page_type_and_nothing_else() {
    let files: HashSet<String> = files_below(&site().public()).into_iter().collect();
    for p in PAGES {
        assert!(files.contains(*p), "missing {p}; have {files:?}");
    }
    let html: Vec<&String> = files.iter().filter(|f| f.ends_with(".html")).collect();
    assert_eq!(html.len(), PAGES.len(), "unexpected pages: {html:?}");
    assert!(files.contains("assets/arkiv.css"));
    assert!(
        files.contains("2023/brommaplan-sip/bilaga-rutin.pdf"),
        "attachment copied next to the page"
    );
}

#[test]
fn build_reports_the_email_warning() {
    let s = TestSite::new("valid");
    let run = s.build();
    run.assert_ok();
    assert!(
        run.stderr.contains("content/2023/brommaplan-sip.md:32:43: warning: e-mail address found; it will not be published"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with("0 errors, 5 warnings\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn drafts_and_emails_are_never_published() {
    for f in files_below(&site().public()) {
        let bytes = std::fs::read(site().public().join(&f)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("info@example.org"), "e-mail address in {f}");
        assert!(
            !text.contains("Ett utkast som inte ska publiceras"),
            "draft in {f}"
        );
        assert!(!f.contains("aspudden"), "draft page {f}");
    }
    assert!(site()
        .read_out("2023/brommaplan-sip/index.html")
        .contains("[e-postadress borttagen]"));
}

#[test]
fn every_page_is_swedish_with_one_h1_landmarks_and_skip_link() {
    for p in PAGES {
        let doc = page(p);
        let html = select(&doc, "html")[0];
        assert_eq!(html.value().attr("lang"), Some("sv"), "{p}");
        assert_eq!(select(&doc, "h1").len(), 1, "{p} must have exactly one h1");
        assert_eq!(select(&doc, "main#innehall").len(), 1, "{p}");
        assert!(!select(&doc, "header").is_empty(), "{p}");
        assert_eq!(select(&doc, "footer").len(), 1, "{p}");
        let first_link = select(&doc, "body a")[0];
        assert_eq!(
            first_link.value().attr("href"),
            Some("#innehall"),
            "{p}: skip link first"
        );
        // JavaScript only where it is needed: the search page's own module.
        let scripts: Vec<_> = select(&doc, "script")
            .iter()
            .map(|s| s.value().attr("src").unwrap_or("inline").to_string())
            .collect();
        if *p == "sok/index.html" {
            assert_eq!(scripts, ["/arkiv/assets/sok.js"], "{p}");
        } else {
            assert!(scripts.is_empty(), "{p}: no JavaScript, found {scripts:?}");
        }
        for el in select(&doc, "link[href], img[src], script[src], iframe[src]") {
            let url = el.value().attr("href").or(el.value().attr("src")).unwrap();
            let canonical = el.value().attr("rel") == Some("canonical");
            assert!(
                canonical || url.starts_with("/arkiv/"),
                "{p}: request to another site: {url}"
            );
        }
    }
}

#[test]
fn internal_links_resolve_under_the_base_path() {
    let public = site().public();
    for p in PAGES {
        let doc = page(p);
        for a in select(&doc, "a[href]") {
            let href = a.value().attr("href").unwrap();
            if href.starts_with("http")
                || href.starts_with('#')
                || href.starts_with("mailto:")
                || href.starts_with("tel:")
            {
                continue;
            }
            let path = href.split('#').next().unwrap();
            let rel = path
                .strip_prefix("/arkiv/")
                .unwrap_or_else(|| panic!("{p}: link outside base path: {href}"));
            let target = if rel.is_empty() || rel.ends_with('/') {
                public.join(rel).join("index.html")
            } else {
                public.join(rel)
            };
            assert!(target.is_file(), "{p}: broken link {href}");
        }
    }
}

#[test]
fn clinic_aliases_merge_and_clinics_sort_in_swedish_order() {
    let doc = page("mottagningar/index.html");
    let names: Vec<String> = select(&doc, ".clinic-list a")
        .into_iter()
        .map(text_of)
        .collect();
    assert_eq!(
        names,
        [
            "Brommaplans vårdcentral",
            "Älvsjö vårdcentral",
            "Öxnehaga vårdcentral"
        ]
    );
    let letters: Vec<String> = select(&doc, "h2.letter").into_iter().map(text_of).collect();
    assert_eq!(letters, ["B", "Ä", "Ö"]);
    let clinic = page("mottagningar/brommaplans-vardcentral/index.html");
    let titles: Vec<String> = select(&clinic, ".card-title")
        .into_iter()
        .map(text_of)
        .collect();
    assert_eq!(
        titles,
        ["Stöd vid psykisk ohälsa", "Fler SIP i Bromma"],
        "newest first, both spellings merged"
    );
}

#[test]
fn report_page_shows_metadata_indicators_body_and_attachments() {
    let doc = page("2023/brommaplan-sip/index.html");
    let meta = text_of(select(&doc, ".meta-list")[0]);
    for want in [
        "Mottagning Brommaplans vårdcentral",
        "Region Region Stockholm",
        "År 2023",
        "Tema SIP – samordnad individuell plan",
        "Status Slutrapport (del 1 och 2)",
        "Datum 31 januari 2024",
        "Jenny Lundqvist, sjuksköterska, verksamhetschef (kontaktperson)",
        "Jonas Gerdin, sjuksköterska",
    ] {
        assert!(meta.contains(want), "missing {want:?} in {meta:?}");
    }
    let rows: Vec<String> = select(&doc, ".indicator-table tbody tr")
        .into_iter()
        .map(text_of)
        .collect();
    assert_eq!(rows.len(), 2);
    assert!(
        rows[0].contains("3 2022")
            && rows[0].contains("10 senast 31 dec 2023")
            && rows[0].contains("12 dec 2023")
            && rows[0].contains("Medrave"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].contains("58,3 % jan 2024")
            && rows[1].contains("−10 % från utgångsläget")
            && rows[1].contains("Ej mätbart"),
        "{}",
        rows[1]
    );
    let series = text_of(select(&doc, ".series-table")[0]);
    assert!(
        series.contains("Regionssnitt") && series.contains("3 januari 2024 58,3 % 63,1 %"),
        "{series}"
    );
    // Headings in the body are shifted below the page's h1, with ids.
    assert_eq!(select(&doc, ".report-body h2#kartlaggning").len(), 1);
    assert_eq!(select(&doc, ".report-body h3#resultat").len(), 1);
    assert_eq!(select(&doc, ".report-body table").len(), 1);
    let att = text_of(select(&doc, ".attachments")[0]);
    assert!(att.contains("Rutin för SIP (PDF, 2 kB)"), "{att}");
    assert!(att.contains("Originalrapport (PDF, extern länk)"), "{att}");
    let hrefs: Vec<&str> = select(&doc, ".attachments a")
        .into_iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        hrefs,
        [
            "/arkiv/2023/brommaplan-sip/bilaga-rutin.pdf",
            "https://example.org/gamla/rapport.pdf"
        ]
    );
}

#[test]
fn bom_crlf_plan_and_link_only_reports() {
    let doc = page("2024/alvsjo-angest/index.html");
    assert_eq!(text_of(select(&doc, "h1")[0]), "Ångest hos unga vuxna");
    assert_eq!(
        text_of(select(&doc, ".lead")[0]),
        "En plan för bättre vård vid ångest."
    );
    assert!(text_of(select(&doc, ".meta-list")[0]).contains("Plan (del 1)"));
    let doc = page("2024/oxnehaga-psykisk-ohalsa/index.html");
    let notice = text_of(select(&doc, ".original-notice")[0]);
    assert!(
        notice.contains("finns bara som originaldokument")
            && notice.contains("Originalrapport (Word)"),
        "{notice}"
    );
    assert!(select(&doc, ".report-body").is_empty());
}

#[test]
fn listings_group_and_count() {
    let year = page("2024/index.html");
    let themes: Vec<String> = select(&year, ".year-themes li a")
        .into_iter()
        .map(text_of)
        .collect();
    assert_eq!(
        themes,
        ["SIP – samordnad individuell plan", "Psykisk ohälsa"],
        "topics in site.toml order"
    );
    let cards: Vec<String> = select(&year, "#rapporter + ul .card-title")
        .into_iter()
        .map(text_of)
        .collect();
    let psyk = [
        "Stöd vid psykisk ohälsa",
        "Ångest hos unga vuxna",
        "Teamarbete i Öxnehaga",
    ];
    let at: Vec<usize> = psyk
        .iter()
        .map(|t| {
            cards
                .iter()
                .position(|c| c == t)
                .unwrap_or_else(|| panic!("{t} not in {cards:?}"))
        })
        .collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "clinic order B, Ä, Ö: {cards:?}"
    );
    let unique: std::collections::BTreeSet<&String> = cards.iter().collect();
    assert_eq!(unique.len(), cards.len(), "each report once: {cards:?}");

    let topic = page("tema/sip/index.html");
    let years: Vec<String> = select(&topic, "main section h2")
        .into_iter()
        .map(text_of)
        .collect();
    assert_eq!(
        years,
        ["Temat i korthet", "2024", "2023"],
        "aggregate, then newest year first"
    );
    let empty = page("tema/diabetes/index.html");
    assert!(
        text_of(select(&empty, "main")[0]).contains("Det finns inga rapporter inom temat ännu.")
    );

    let home = page("index.html");
    let topics: Vec<String> = select(&home, "#teman + ul li")
        .into_iter()
        .map(text_of)
        .collect();
    assert_eq!(
        topics,
        [
            "SIP – samordnad individuell plan 2 rapporter",
            "Psykisk ohälsa 3 rapporter",
            "Diabetes 0 rapporter"
        ]
    );
    let years: Vec<String> = select(&home, "#ar + ul li")
        .into_iter()
        .map(text_of)
        .collect();
    assert_eq!(years, ["2024 3 rapporter", "2023 1 rapport"]);
    assert_eq!(select(&home, "#senaste + ul .card").len(), 4);
    let search_form = select(&home, "form[role=search]")[0];
    assert_eq!(search_form.value().attr("action"), Some("/arkiv/sok/"));
}

#[test]
fn report_page_snapshot() {
    let html = site().read_out("2023/brommaplan-sip/index.html");
    insta::assert_snapshot!("report_page", html);
}

//! The search index: what goes into it (records, facets, no navigation),
//! the bundle in the output, and Swedish recall emulated with Pagefind's
//! matching rule (stem the query, match it as a prefix of indexed stems).
//! The browser tests (`browser.rs`) run the real thing in Chromium.

use std::collections::BTreeSet;
use std::path::Path;

use arkiv::search::{self, Record, EXTRA_MARKER, HIDDEN_OFFSET};
use pagefind_stem::{Algorithm, Stemmer};

use crate::common::*;

pub fn records_of(root: &Path) -> Vec<Record> {
    use arkiv::site::{Related, Site, Sources, Timer};
    let mut timer = Timer::new(false);
    let sources = Sources::load(root, &mut timer);
    let (site, diags) = Site::assemble(&sources, Related::Compute, false, &mut timer);
    assert!(diags.iter().all(|d| !d.is_error()));
    let site = site.expect("the site assembles");
    let (config, model) = (&site.config, &site.model);
    search::records(config, model, &search::swedish::Expander::swedish())
}

fn record<'a>(records: &'a [Record], url: &str) -> &'a Record {
    records
        .iter()
        .find(|r| r.url == url)
        .unwrap_or_else(|| panic!("no record for {url}"))
}

/// The words Pagefind indexes for a record, as it would stem them: the
/// report's own words (function words are hidden) and the extra forms.
fn indexed_stems(r: &Record, stemmer: &Stemmer) -> BTreeSet<String> {
    r.content
        .split_whitespace()
        .filter(|t| !t.starts_with("___") && *t != EXTRA_MARKER)
        .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(|w| stemmer.stem(&w.to_lowercase()).into_owned())
        .chain(
            r.meta
                .values()
                .flat_map(|v| v.split(|c: char| !c.is_alphanumeric()))
                .filter(|w| !w.is_empty())
                .map(|w| stemmer.stem(&w.to_lowercase()).into_owned()),
        )
        .collect()
}

/// URLs of the records every word of `query` prefix-matches.
fn emulated_search(records: &[Record], query: &str) -> BTreeSet<String> {
    let stemmer = Stemmer::create(Algorithm::Swedish);
    let terms: Vec<String> = query
        .split_whitespace()
        .map(|w| w.to_lowercase())
        .filter(|w| !search::swedish::is_stop_word(w))
        .map(|w| stemmer.stem(&w).into_owned())
        .collect();
    records
        .iter()
        .filter(|r| {
            let stems = indexed_stems(r, &stemmer);
            terms.iter().all(|t| {
                stems
                    .range(t.clone()..)
                    .next()
                    .is_some_and(|s| s.starts_with(t.as_str()))
            })
        })
        .map(|r| r.url.clone())
        .collect()
}

#[test]
fn records_hold_each_report_with_facets_and_no_navigation() {
    let records = records_of(&repo());
    assert_eq!(records.len(), 5, "one record per published report");
    let kry = record(&records, "/2023/kry-vallentuna-sip/");
    assert_eq!(kry.meta["title"], "Öka antalet SIP");
    assert_eq!(kry.meta["ar"], "2023");
    // Five facets in three filters (see `search::FILTERS`).
    assert_eq!(kry.filters.len(), 3);
    assert_eq!(
        kry.filters["tema"],
        ["sip|SIP – samordnad individuell plan"]
    );
    assert_eq!(
        kry.filters["ar_status_region"],
        ["2023|final|region-stockholm|Region Stockholm"]
    );
    let clinic = &kry.filters["mottagning"][0];
    assert!(
        clinic.starts_with("kry-vardcentral-vallentuna|"),
        "{clinic}"
    );
    // Brommaplan's two spellings are one clinic facet value.
    let bromma = record(&records, "/2025/brommaplans-vc-stress-smarta/");
    assert_eq!(
        bromma.filters["mottagning"],
        ["brommaplans-vardcentral|Brommaplans vårdcentral"]
    );
    for r in &records {
        // Body text, not the page around it.
        for chrome in [
            "Hoppa till innehållet",
            "Huvudmeny",
            "Tillgänglighet",
            "Öppna data",
        ] {
            assert!(!r.content.contains(chrome), "{}: {chrome}", r.url);
        }
        // Function words are kept for excerpts but not as indexable words.
        let own = r.content.split(EXTRA_MARKER).next().unwrap();
        assert!(
            !own.split_whitespace().any(|w| w == "och" || w == "att"),
            "{}",
            r.url
        );
        let hidden_och: String = "och"
            .chars()
            .map(|c| char::from_u32(HIDDEN_OFFSET + c as u32).unwrap())
            .collect();
        assert!(own.contains(&hidden_och), "{}", r.url);
    }
    // A figure of the body, verbatim.
    assert!(kry.content.contains("Vallentuna"));
}

#[test]
fn extra_forms_come_after_the_marker_once_and_never_function_words() {
    let records = records_of(&repo());
    let ks = record(&records, "/2022/kvartersakuten-sjukskrivning/");
    let (_, extra) = ks.content.split_once(EXTRA_MARKER).expect("extra forms");
    let forms: Vec<&str> = extra
        .split_whitespace()
        .filter(|w| !w.starts_with("___"))
        .collect();
    let unique: BTreeSet<&str> = forms.iter().copied().collect();
    assert_eq!(unique.len(), forms.len(), "each extra form once");
    assert!(forms.iter().all(|f| !search::swedish::is_stop_word(f)));
    assert!(forms.iter().all(|f| f.chars().count() >= 5), "{forms:?}");
}

#[test]
fn pagefind_markers_in_reports_are_defused() {
    let site = TestSite::new("valid");
    site.write(
        "content/2023/markor.md",
        "---\ntitle: Markörer\nclinic: Testmottagningen\nyear: 2023\ntopics: [sip]\n---\n\nText ___PAGEFIND_WEIGHT___10 och ___PAGEFIND_ANCHOR___x:y mer text.\n",
    );
    let records = records_of(&site.root);
    let r = record(&records, "/arkiv/2023/markor/");
    let own = r.content.split(EXTRA_MARKER).next().unwrap();
    assert!(!own.split_whitespace().any(|t| t.starts_with('_')), "{own}");
    assert!(own.contains("PAGEFIND_WEIGHT___10"));
}

/// The table of the search issue, with Pagefind's matching emulated; the
/// browser test checks the same table with Pagefind itself.
#[test]
fn swedish_recall_on_the_real_reports() {
    let records = records_of(&repo());
    for (query, must) in real_recall_table() {
        let found = emulated_search(&records, query);
        for m in must {
            assert!(found.contains(*m), "{query:?} misses {m}: found {found:?}");
        }
    }
}

pub fn real_recall_table() -> Vec<(&'static str, &'static [&'static str])> {
    const SJUK: &[&str] = &[
        "/2022/kvartersakuten-sjukskrivning/",
        "/2024/nyhalsan-psykisk-ohalsa/",
        "/2025/brommaplans-vc-stress-smarta/",
    ];
    vec![
        ("sjukskrivningar", SJUK),
        ("sjukskriven", SJUK),
        (
            "rehabkoordinator",
            &[
                "/2024/nyhalsan-psykisk-ohalsa/",
                "/2025/brommaplans-vc-stress-smarta/",
            ],
        ),
        ("bensodiazepiner", &["/2024/nyhalsan-psykisk-ohalsa/"]),
        (
            "samordnad individuell plan",
            &[
                "/2023/kry-vallentuna-sip/",
                "/2024/bra-liv-oxnehaga-prea60/",
            ],
        ),
        ("prea60", &["/2024/bra-liv-oxnehaga-prea60/"]),
        ("Vallentuna", &["/2023/kry-vallentuna-sip/"]),
        (
            "fysisk aktivitet på recept",
            &["/2024/nyhalsan-psykisk-ohalsa/"],
        ),
        ("ångest", &["/2024/nyhalsan-psykisk-ohalsa/"]),
        ("kontinuitet", &["/2025/brommaplans-vc-stress-smarta/"]),
    ]
}

/// On a generated archive, an inflected query finds every report that has
/// any form of the word, alone or in a compound, including reports that
/// Snowball and prefix matching alone would miss.
#[test]
fn inflected_queries_find_other_forms_in_a_generated_archive() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(corpus) = generated_corpus(tmp.path(), 200) else {
        return;
    };
    let records = records_of(&corpus);
    let own_text = |r: &Record| r.content.split(EXTRA_MARKER).next().unwrap().to_lowercase();
    for (query, root) in [("sjukskrivningar", "sjukskriv"), ("perioden", "period")] {
        // Expected, independent of the mechanism: every report with a word
        // that contains the root.
        let expected: BTreeSet<String> = records
            .iter()
            .filter(|r| own_text(r).contains(root))
            .map(|r| r.url.clone())
            .collect();
        let found = emulated_search(&records, query);
        assert!(!expected.is_empty());
        let missed: Vec<_> = expected.difference(&found).collect();
        assert!(missed.is_empty(), "{query:?} misses {missed:?}");
        let stray: Vec<_> = found.difference(&expected).collect();
        assert!(stray.is_empty(), "{query:?} also finds {stray:?}");
        // Without the extra forms some of them would be missed.
        let plain: Vec<Record> = records
            .iter()
            .map(|r| Record {
                content: r.content.split(EXTRA_MARKER).next().unwrap().to_string(),
                ..r.clone()
            })
            .collect();
        let plain_found = emulated_search(&plain, query);
        assert!(
            plain_found.len() < found.len(),
            "{query:?}: the extra forms should matter ({} vs {})",
            plain_found.len(),
            found.len()
        );
    }
}

#[test]
fn build_writes_the_bundle_and_no_search_skips_it() {
    let out = real_site();
    for f in [
        "pagefind/pagefind.js",
        "pagefind/pagefind-worker.js",
        "pagefind/pagefind-entry.json",
        "pagefind/wasm.sv.pagefind",
        "assets/sok.js",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
    let files = files_below(&out.join("pagefind"));
    assert_eq!(
        files.iter().filter(|f| f.ends_with(".pf_fragment")).count(),
        5,
        "one fragment per report"
    );
    assert!(
        !files.iter().any(|f| f.starts_with("pagefind-ui")),
        "Pagefind's own UI is not shipped"
    );
    let entry: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("pagefind/pagefind-entry.json")).unwrap(),
    )
    .unwrap();
    assert!(entry["languages"]["sv"].is_object(), "{entry}");

    let site = TestSite::new("valid");
    run(&[
        "build",
        "--no-search",
        "--root",
        site.root.to_str().unwrap(),
    ])
    .assert_ok();
    assert!(site.public().join("index.html").is_file());
    assert!(!site.public().join("pagefind").exists());
}

#[test]
fn the_search_page_works_without_javascript_as_a_form() {
    let html = std::fs::read_to_string(real_site().join("sok/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let form = select(&doc, "form#sok")[0];
    assert_eq!(form.value().attr("action"), Some("/sok/"));
    assert_eq!(form.value().attr("method"), Some("get"));
    assert_eq!(select(&doc, "input#sok-fraga[name=q]").len(), 1);
    let noscript = text_of(select(&doc, "noscript")[0]);
    assert!(noscript.contains("behöver JavaScript"), "{noscript}");
    assert!(html.contains("href=\"/tema/\""));
    assert_eq!(
        select(&doc, "#sok-status[role=status][aria-live=polite]").len(),
        1
    );
}

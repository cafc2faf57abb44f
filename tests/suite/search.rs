//! The search index (format v2): what goes into it (report text, facets, no
//! navigation), the files in the output, and Swedish recall, precision and
//! phrases searched on the real written files with `search::query` (the
//! client's semantics in Rust). The browser tests run `sok.js` in Chromium.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use arkiv::search::query::Index;
use pagefind_stem::{Algorithm, Stemmer};

use crate::common::*;

/// The index of a site's sources, built in memory.
pub fn index_of(root: &Path) -> Index {
    use arkiv::site::{Related, Site, Sources, Timer};
    let mut timer = Timer::new(false);
    let sources = Sources::load(root, &mut timer);
    let (site, diags) = Site::assemble(&sources, Related::Compute, false, &mut timer);
    assert!(diags.iter().all(|d| !d.is_error()));
    let site = site.expect("the site assembles");
    let bundle = arkiv::search::build_index(&site.config, &site.model);
    let files: BTreeMap<String, Vec<u8>> = bundle.files.into_iter().collect();
    Index::load(|name| files.get(&format!("sok/index/{name}")).cloned()).unwrap()
}

/// The index a build wrote.
fn index_in(out: &Path) -> Index {
    Index::load(|name| std::fs::read(out.join("sok/index").join(name)).ok()).unwrap()
}

/// One document of an index: its URL, clinic name and text.
pub struct Doc {
    pub url: String,
    pub clinic: String,
    pub content: String,
}

pub fn records_of(root: &Path) -> Vec<Doc> {
    let index = index_of(root);
    (0..index.meta.len())
        .map(|d| {
            let c = index.facets["clinic"][d].as_u64().unwrap() as usize;
            Doc {
                url: index.url(d as u32).to_string(),
                clinic: index.facets["clinics"][c]["name"].as_str().unwrap().into(),
                content: index.text[d].clone(),
            }
        })
        .collect()
}

fn search(index: &Index, query: &str) -> Vec<String> {
    let stemmer = Stemmer::create(Algorithm::Swedish);
    index
        .search(|w| stemmer.stem(w).into_owned(), query)
        .into_iter()
        .map(|d| index.url(d).to_string())
        .collect()
}

fn doc_of(index: &Index, url: &str) -> usize {
    (0..index.meta.len())
        .find(|&d| index.url(d as u32) == url)
        .unwrap_or_else(|| panic!("no doc for {url}"))
}

#[test]
fn the_index_holds_each_report_with_facets_and_no_navigation() {
    let index = index_in(real_site());
    assert_eq!(index.entry["docs"], 5, "one doc per published report");
    assert_eq!(index.meta.len(), 5);
    let kry = doc_of(&index, "/2023/kry-vallentuna-sip/");
    assert_eq!(index.meta[kry]["t"], "Öka antalet SIP");
    assert_eq!(index.meta[kry]["s"], "Slutrapport (del 1 och 2)");
    let f = &index.facets;
    let year_of =
        |d: usize| {
            f["years"].as_array().unwrap().iter().find(|y| {
                y[1].as_u64().unwrap() as usize <= d && d < y[2].as_u64().unwrap() as usize
            })
        };
    assert_eq!(year_of(kry).unwrap()[0], 2023);
    let topic = f["topic"][kry][0].as_u64().unwrap() as usize;
    assert_eq!(f["topics"][topic]["slug"], "sip");
    let region = f["region"][kry].as_i64().unwrap() as usize;
    assert_eq!(f["regions"][region]["name"], "Region Stockholm");
    let clinic = f["clinic"][kry].as_u64().unwrap() as usize;
    assert_eq!(f["clinics"][clinic]["slug"], "kry-vardcentral-vallentuna");
    // Brommaplan's two spellings are one clinic.
    let bromma = doc_of(&index, "/2025/brommaplans-vc-stress-smarta/");
    let c = f["clinic"][bromma].as_u64().unwrap() as usize;
    assert_eq!(f["clinics"][c]["name"], "Brommaplans vårdcentral");
    assert_eq!(f["len"].as_str().unwrap().chars().count(), 5);
    assert_eq!(f["drafts"], serde_json::json!([]));
    for (d, text) in index.text.iter().enumerate() {
        for chrome in ["Hoppa till innehållet", "Huvudmeny", "Öppna data"] {
            assert!(!text.contains(chrome), "{d}: {chrome}");
        }
        // Function words in clear; whitespace normalised.
        assert!(text.contains(" och "), "{d}");
        assert!(!text.contains("  ") && !text.contains('\t'), "{d}");
    }
    assert!(index.text[kry].contains("Vallentuna"));
}

#[test]
fn positions_count_every_word_of_the_text_and_extras_have_no_tf() {
    let index = index_in(real_site());
    let ks = doc_of(&index, "/2022/kvartersakuten-sjukskrivning/") as u32;
    let words: Vec<String> = index.text[ks as usize]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let stemmer = Stemmer::create(Algorithm::Swedish);
    let mut extras = 0;
    for t in &index.terms {
        let Some(i) = t.docs.iter().position(|&d| d == ks) else {
            continue;
        };
        assert!(!arkiv::search::swedish::is_stop_word(&t.stem), "{}", t.stem);
        if t.tfs[i] <= 0 {
            extras += 1;
            assert!(t.pos[i].is_empty());
        }
        for &p in &t.pos[i] {
            assert_eq!(stemmer.stem(&words[p as usize]), t.stem, "position {p}");
        }
    }
    assert!(extras > 0, "the report gets extra forms");
    // Terms are sorted by the folded stem, then the stem; doc lists
    // strictly increasing.
    assert!(index
        .terms
        .windows(2)
        .all(|w| (&w[0].fold, &w[0].stem) < (&w[1].fold, &w[1].stem)));
    assert!(index
        .terms
        .iter()
        .all(|t| t.docs.windows(2).all(|w| w[0] < w[1])));
}

/// The table of the search issue, on the written index.
#[test]
fn swedish_recall_and_precision_on_the_real_reports() {
    let index = index_in(real_site());
    let (mut wanted, mut got) = (0, 0);
    for (query, must) in real_recall_table() {
        let found = search(&index, query);
        let top: Vec<&String> = found.iter().take(10).collect();
        for m in must {
            assert!(
                top.iter().any(|u| u == m),
                "{query:?} misses {m}: {found:?}"
            );
        }
        wanted += must.len();
        got += found.len();
    }
    let precision = wanted as f64 / got as f64;
    eprintln!(
        "precision on the table: {wanted} of {got} ({:.0} %)",
        precision * 100.0
    );
    // Pagefind's figure: 16 of 18 (89 %).
    assert!(wanted * 18 >= got * 16, "precision {precision:.3}");
}

#[test]
fn quoted_phrases_need_consecutive_words() {
    let index = index_in(real_site());
    let loose = search(&index, "individuell plan samordnad");
    let phrase = search(&index, "\"samordnad individuell plan\"");
    assert!(
        phrase.contains(&"/2023/kry-vallentuna-sip/".to_string()),
        "{phrase:?}"
    );
    assert!(phrase.iter().all(|u| loose.contains(u)));
    assert!(search(&index, "\"plan individuell samordnad\"").is_empty());
    // A function word holds a place.
    assert!(!search(&index, "\"fysisk aktivitet på recept\"").is_empty());
    assert!(search(&index, "\"fysisk aktivitet recept\"").is_empty());
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
/// Snowball and prefix matching alone would miss (the extra forms).
#[test]
fn inflected_queries_find_other_forms_in_a_generated_archive() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(corpus) = generated_corpus(tmp.path(), 200) else {
        return;
    };
    let index = index_of(&corpus);
    let stemmer = Stemmer::create(Algorithm::Swedish);
    for (query, root) in [("sjukskrivningar", "sjukskriv"), ("perioden", "period")] {
        let expected: BTreeSet<u32> = (0..index.text.len() as u32)
            .filter(|&d| index.text[d as usize].to_lowercase().contains(root))
            .collect();
        let found: BTreeSet<u32> = index
            .search(|w| stemmer.stem(w).into_owned(), query)
            .into_iter()
            .collect();
        assert!(!expected.is_empty());
        let missed: Vec<_> = expected.difference(&found).collect();
        assert!(missed.is_empty(), "{query:?} misses {missed:?}");
        let stray: Vec<_> = found.difference(&expected).collect();
        assert!(stray.is_empty(), "{query:?} also finds {stray:?}");
        // Without the extra forms (tf 0) some of them would be missed.
        let q = stemmer.stem(query).into_owned();
        let plain: BTreeSet<u32> = index
            .terms
            .iter()
            .filter(|t| t.stem.starts_with(&q))
            .flat_map(|t| t.docs.iter().zip(&t.tfs).filter(|(_, &tf)| tf > 0))
            .map(|(&d, _)| d)
            .collect();
        assert!(
            plain.len() < found.len(),
            "{query:?}: the extra forms should matter ({} vs {})",
            plain.len(),
            found.len()
        );
    }
}

#[test]
fn build_writes_the_index_byte_identical_and_no_search_skips_it() {
    let out = real_site();
    let entry: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("sok/index/entry.json")).unwrap())
            .unwrap();
    assert_eq!(entry["format"], "arkiv-search");
    assert_eq!(entry["version"], 2);
    let files = files_below(&out.join("sok/index"));
    let hash = entry["text"]["hash"].as_str().unwrap();
    assert!(files.contains(&format!("text-0.{hash}.dfl")), "{files:?}");
    assert!(files
        .iter()
        .all(|f| f == "entry.json" || f.ends_with(".dfl")));
    assert!(!out.join("pagefind").exists());
    assert!(out.join("assets/sok.js").is_file());

    // Two builds of one site give the same bytes.
    let site = TestSite::new("valid");
    site.build().assert_ok();
    let first: Vec<(String, Vec<u8>)> = files_below(&site.public().join("sok/index"))
        .into_iter()
        .map(|f| {
            let b = std::fs::read(site.public().join("sok/index").join(&f)).unwrap();
            (f, b)
        })
        .collect();
    assert!(first.len() >= 6, "{first:?}");
    // A plain build has no drafts (the fixture has one).
    let index = index_in(&site.public());
    assert_eq!(index.entry["docs"], 4);
    assert!(!(0..4).any(|d| index.url(d).contains("utkast")));
    site.build().assert_ok();
    for (f, bytes) in &first {
        let again = std::fs::read(site.public().join("sok/index").join(f)).unwrap();
        assert!(&again == bytes, "{f} differs between builds");
    }

    run(&[
        "build",
        "--no-search",
        "--root",
        site.root.to_str().unwrap(),
    ])
    .assert_ok();
    assert!(site.public().join("index.html").is_file());
    assert!(!site.public().join("sok/index").exists());
}

#[test]
fn the_search_page_works_without_javascript_as_a_form() {
    let html = std::fs::read_to_string(real_site().join("sok/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let form = select(&doc, "form#sok")[0];
    assert_eq!(form.value().attr("action"), Some("/sok/"));
    assert_eq!(form.value().attr("method"), Some("get"));
    assert_eq!(select(&doc, "input#sok-fraga[name=q]").len(), 1);
    let noscript: Vec<String> = select(&doc, "noscript").into_iter().map(text_of).collect();
    assert!(
        noscript
            .iter()
            .any(|n| n.contains("Sökfunktionen behöver JavaScript")),
        "{noscript:?}"
    );
    // Without scripts the browsing links show and the search tools do not.
    assert!(
        noscript
            .iter()
            .any(|n| n.contains("#sok-bladdra[hidden] { display: block; }")
                && n.contains("#sok-verktyg")),
        "{noscript:?}"
    );
    assert!(html.contains("href=\"/tema/\""));
    assert_eq!(
        select(&doc, "#sok-status[role=status][aria-live=polite]").len(),
        1
    );
}

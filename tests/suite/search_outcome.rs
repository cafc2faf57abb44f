//! The search's outcome facet (`utfall`, issue 26) gives every report the
//! outcome the pages and the open data give it (`outcome::of`): on a
//! generated archive of 1,000 reports, each doc's value in the index equals
//! `rapporter.json`'s `outcome.status` for its URL, and per theme the
//! facet's counts equal the theme page's ("Bedömning i … slutrapporter: …",
//! the plans counted apart) and the counts made from `rapporter.json`.

use std::collections::{BTreeMap, HashMap};

use scraper::{Html, Selector};

use crate::common::*;

/// The index a build wrote.
fn index_in(out: &std::path::Path) -> arkiv::search::query::Index {
    arkiv::search::query::Index::load(|name| std::fs::read(out.join("sok/index").join(name)).ok())
        .unwrap()
}

const STATUSES: [&str; 4] = ["uppnatt", "delvis", "ej-uppnatt", "ej-bedombart"];

/// "Bedömning i 4 slutrapporter: uppnått i 1 · delvis uppnått i 2 · …" →
/// counts in the order of [`STATUSES`].
fn page_counts(line: &str) -> [usize; 4] {
    let re =
        regex::Regex::new(r"(delvis uppnått|ej uppnått|ej bedömbart|uppnått) i (\d[\d\x{a0}]*)")
            .unwrap();
    let mut c = [0; 4];
    for m in re.captures_iter(line) {
        let at = match &m[1] {
            "uppnått" => 0,
            "delvis uppnått" => 1,
            "ej uppnått" => 2,
            _ => 3,
        };
        c[at] += m[2]
            .chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
            .parse::<usize>()
            .unwrap();
    }
    c
}

#[test]
fn the_outcome_facet_counts_what_the_pages_and_the_open_data_count() {
    let tmp = tempfile::tempdir().unwrap();
    let Some((corpus, out)) = built_corpus(tmp.path(), 1000, &["--ties"], &[]) else {
        return;
    };
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("data/rapporter.json")).unwrap()).unwrap();
    let reports = data["reports"].as_array().unwrap();
    let by_url: HashMap<&str, &serde_json::Value> = reports
        .iter()
        .map(|r| (r["url"].as_str().unwrap(), r))
        .collect();

    let index = index_in(&out);
    let f = &index.facets;
    let slugs: Vec<&str> = (f["outcomes"].as_array().unwrap().iter())
        .map(|o| o["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        slugs,
        ["uppnatt", "delvis", "ej-uppnatt", "ej-bedombart", "plan"]
    );
    let per_doc: Vec<&str> = (f["outcome"].as_str().unwrap().chars())
        .map(|c| slugs[c as usize - '0' as usize])
        .collect();
    assert_eq!(per_doc.len(), reports.len());

    // Each doc: the open data's outcome for the same report.
    // rapporter.json's URLs are absolute (base_url), the index's paths.
    let first = reports[0]["url"].as_str().unwrap();
    let origin: String = first.splitn(4, '/').take(3).collect::<Vec<_>>().join("/");
    let mut totals: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (d, slug) in per_doc.iter().enumerate() {
        let url = format!("{origin}{}", index.url(d as u32));
        let r = by_url
            .get(url.as_str())
            .unwrap_or_else(|| panic!("{url} not in rapporter.json"));
        assert_eq!(r["outcome"]["status"], *slug, "{url}");
        totals.entry(slug).or_default().0 += 1;
    }
    for r in reports {
        totals
            .entry(r["outcome"]["status"].as_str().unwrap())
            .or_default()
            .1 += 1;
    }
    for (slug, (facet, json)) in &totals {
        assert_eq!(facet, json, "{slug}: facet {facet}, rapporter.json {json}");
    }
    assert!(totals.len() == 5, "every outcome occurs: {totals:?}");

    // Per theme: the facet's counts among the theme's docs, as the theme
    // page counts them (a final report with neither goals nor a verdict
    // of its own has nothing to judge, and the page leaves it out).
    let config = arkiv::config::Config::load(&corpus).unwrap();
    let mut checked = 0;
    for (t, topic) in config.topics.iter().enumerate() {
        let (mut finals, mut plans) = ([0usize; 4], 0usize);
        for (d, slug) in per_doc.iter().enumerate() {
            let topics = f["topic"][d].as_array().unwrap();
            if !topics.iter().any(|x| x.as_u64() == Some(t as u64)) {
                continue;
            }
            let url = format!("{origin}{}", index.url(d as u32));
            let r = by_url[url.as_str()];
            match STATUSES.iter().position(|s| s == slug) {
                None => plans += 1,
                Some(_)
                    if r["indicators"].as_array().unwrap().is_empty()
                        && r["outcome"]["basis"] != "report" => {}
                Some(i) => finals[i] += 1,
            }
        }
        if finals == [0; 4] && plans == 0 {
            continue;
        }
        let doc = Html::parse_document(
            &std::fs::read_to_string(out.join(format!("tema/{}/index.html", topic.slug())))
                .unwrap(),
        );
        let line: String = (doc.select(&Selector::parse(".aggregate-outcomes").unwrap()))
            .next()
            .map(|e| e.text().collect())
            .unwrap_or_default();
        assert_eq!(page_counts(&line), finals, "{}: {line}", topic.slug());
        let plan_line: String = (doc.select(&Selector::parse(".aggregate li").unwrap()))
            .map(|e| e.text().collect::<String>())
            .find(|t| t.contains("räknas inte med"))
            .unwrap_or_default();
        let n: usize = plan_line
            .split(' ')
            .next()
            .map(|w| w.chars().filter(char::is_ascii_digit).collect::<String>())
            .and_then(|w| w.parse().ok())
            .unwrap_or(0);
        assert_eq!(n, plans, "{}: {plan_line}", topic.slug());
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} themes checked");
}

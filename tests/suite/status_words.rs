//! One set of status words everywhere (issue 27): *uppnått / delvis
//! uppnått / ej uppnått / ej bedömbart* (and their plurals, "uppnådda",
//! "ej bedömbara"), as `text::words::STATUS_WORDS` defines them, and "plan"
//! for a plan's outcome. Every status phrase arkiv writes on the pages of
//! the real archive and of a generated one, in the open data (slugs in
//! `rapporter.json`, labels in the Excel CSV) and in the search index's
//! outcome facet is one of them; "kunde inte bedömas" and a bare "delvis"
//! are gone.

use std::collections::BTreeSet;
use std::path::Path;

use scraper::{ElementRef, Html};

use crate::common::*;

/// The one set, lower case.
fn one_set() -> BTreeSet<String> {
    let mut set: BTreeSet<String> = arkiv::text::words::STATUS_WORDS
        .iter()
        .flat_map(|(one, many)| [one.to_string(), many.to_string()])
        .collect();
    set.insert(arkiv::outcome::words::PLAN.to_string());
    set
}

/// Parts of a page the report wrote itself (its text, summary, notes and
/// change texts): their words are the clinic's, not arkiv's.
const OWN_WORDS: [&str; 6] = [
    "report-body",
    "lead",
    "ind-note",
    "change-text",
    "figure-note",
    "figure-text",
];

/// arkiv's own text of a page: without scripts, the report's own words and
/// anything quoted ”…”.
fn arkivs_text(html: &str) -> String {
    // The report's body and its headings in the contents, cut out whole.
    let mut html = html.to_string();
    for (open, close) in [
        ("<section class=\"report-body\"", "</section>"),
        ("<nav class=\"report-toc\"", "</nav>"),
    ] {
        if let Some(a) = html.find(open) {
            let b = html[a..].find(close).map_or(html.len(), |b| a + b);
            html.replace_range(a..b, "");
        }
    }
    let doc = Html::parse_document(&html);
    let mut out = String::new();
    for node in doc.root_element().descendants() {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        // Links to the report's own headings ("Läs mer i rapporten: …")
        // carry its words too.
        let theirs = node.ancestors().filter_map(ElementRef::wrap).any(|e| {
            let el = e.value();
            matches!(el.name(), "script" | "style" | "q" | "blockquote" | "title")
                || el.classes().any(|c| OWN_WORDS.contains(&c))
                || (el.name() == "a" && el.attr("href").is_some_and(|h| h.contains('#')))
        });
        if !theirs {
            out.push_str(text);
            out.push(' ');
        }
    }
    let quoted = regex::Regex::new("”[^”]*”").unwrap();
    quoted.replace_all(&out, " ").into_owned()
}

/// Status phrases in `text` that are not in the one set, and bare
/// "delvis" or the old words.
fn strays(text: &str, set: &BTreeSet<String>) -> Vec<String> {
    let text = text.replace('\u{a0}', " ");
    let status = regex::Regex::new(
        r"(?i)\b((?:(?:kunde|kan) inte |ej |inte |delvis )?(?:uppnå(?:tt|dd|dda|dde)|bedömb\w*|bedömas))\b",
    )
    .unwrap();
    let mut out: Vec<String> = status
        .captures_iter(&text)
        .map(|c| c[1].to_lowercase())
        .filter(|p| !set.contains(p))
        .collect();
    // "delvis" as a status of its own ("delvis i 2", "· delvis"), not
    // "delvis förenlig".
    let delvis = regex::Regex::new(r"(?i)\bdelvis(?: i \d|\s*[·,.)]|\s*$)").unwrap();
    out.extend(
        delvis
            .find_iter(&text)
            .map(|m| m.as_str().trim().to_string()),
    );
    // A report's outcome is its "bedömning", a goal's its
    // "måluppfyllelse": not "utfall"; clinics "pröva", nothing is "testad".
    let old = regex::Regex::new(r"(?i)\b(utfall\w*|testad\w*|provat)\b").unwrap();
    out.extend(old.find_iter(&text).map(|m| m.as_str().to_string()));
    out
}

/// Every page's strays, "path: phrase".
fn page_strays(out: &Path, set: &BTreeSet<String>) -> Vec<String> {
    let mut found = BTreeSet::new();
    for rel in files_below(out) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = std::fs::read_to_string(out.join(&rel)).unwrap();
        for s in strays(&arkivs_text(&html), set) {
            found.insert(format!("{rel}: {s}"));
        }
    }
    found.into_iter().collect()
}

/// The open data's and the index's status words that are not the one set.
fn data_and_search_strays(out: &Path, set: &BTreeSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    let goal_slugs: Vec<&str> = arkiv::outcome::GoalStatus::ALL.map(|s| s.slug()).to_vec();
    let outcome_slugs: Vec<&str> = arkiv::outcome::ReportOutcome::ALL
        .map(|s| s.slug())
        .to_vec();
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("data/rapporter.json")).unwrap()).unwrap();
    for r in data["reports"].as_array().unwrap() {
        let o = r["outcome"]["status"].as_str().unwrap_or("(none)");
        if !outcome_slugs.contains(&o) {
            found.push(format!("rapporter.json outcome {o}"));
        }
        for i in r["indicators"].as_array().unwrap() {
            if let Some(s) = i["status"].as_str() {
                if !goal_slugs.contains(&s) {
                    found.push(format!("rapporter.json status {s}"));
                }
            }
        }
    }
    // The Excel CSV: Swedish labels in the status column.
    let csv = std::fs::read_to_string(out.join("data/indikatorer-excel.csv")).unwrap();
    let mut rows = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let at = (rows.headers().unwrap().iter())
        .position(|h| h == arkiv::text::words::GOAL_VERDICT)
        .expect("a Måluppfyllelse column");
    for row in rows.records() {
        let label = row.unwrap()[at].to_string();
        if !label.is_empty() && !set.contains(&label) {
            found.push(format!("indikatorer-excel.csv {label}"));
        }
    }
    // The search index's outcome facet.
    let index =
        arkiv::search::query::Index::load(|n| std::fs::read(out.join("sok/index").join(n)).ok())
            .unwrap();
    for o in index.facets["outcomes"].as_array().unwrap() {
        let label = o["name"].as_str().unwrap().to_lowercase();
        if !set.contains(&label) {
            found.push(format!("search facet {label}"));
        }
    }
    found
}

#[test]
fn the_stray_finder_finds_the_old_words() {
    let set = one_set();
    assert_eq!(
        strays(
            "1 av 3 mål uppnått · 1 ej uppnått · 5 ej bedömbara. Testad: delvis i 2, 1 kunde inte bedömas, Bedömning, delvis förenlig, vill uppnå",
            &set
        ),
        ["kunde inte bedömas", "delvis i 2", "Testad"]
    );
    let html = r#"<p>2 uppnådda</p><div class="report-body">Målet har delvis uppnåtts</div><p>Enligt rapporten: ”delvis klart”</p>"#;
    assert!(strays(&arkivs_text(html), &set).is_empty());
}

#[test]
fn one_set_of_status_words_on_the_real_archives_pages_data_and_search() {
    let set = one_set();
    let out = real_site();
    let mut found = page_strays(out, &set);
    found.extend(data_and_search_strays(out, &set));
    assert!(
        found.is_empty(),
        "status words outside {set:?}:\n{}",
        found.join("\n")
    );
}

#[test]
fn one_set_of_status_words_on_a_generated_archive() {
    let tmp = tempfile::tempdir().unwrap();
    let Some((_, out)) = built_corpus(tmp.path(), 120, &["--ties"], &[]) else {
        return;
    };
    let set = one_set();
    let mut found = page_strays(&out, &set);
    found.extend(data_and_search_strays(&out, &set));
    assert!(
        found.is_empty(),
        "status words outside {set:?}:\n{}",
        found.join("\n")
    );
}

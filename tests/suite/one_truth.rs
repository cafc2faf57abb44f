//! One truth: on a generated archive of 1,000 reports whose change ideas
//! are tied to their goals (`gen_corpus.py --ties`), every status count on
//! every theme page (the theme's goals, the reports' outcomes with their
//! bases, the plans counted apart, and each change idea's goals and tries)
//! equals the count made from `rapporter.json` and from the workbook; and
//! no goal of a plan has a status in either.

use std::collections::{BTreeMap, HashMap};

use calamine::{Data, Reader, Xlsx};
use scraper::{ElementRef, Html, Selector};

use crate::common::*;

/// Counts per goal status, in the order uppnått, delvis, ej uppnått, ej
/// bedömbart.
type Counts = [usize; 4];

fn status_index(word: &str) -> usize {
    match word {
        w if w.starts_with("delvis") || w == "delvis" => 1,
        w if w.starts_with("ej uppn") || w == "ej_uppnatt" || w == "ej-uppnatt" => 2,
        w if w.starts_with("ej bed") || w == "ej_bedombart" || w == "ej-bedombart" => 3,
        w if w.starts_with("uppn") => 0,
        other => panic!("not a status: {other:?}"),
    }
}

/// "1 000" → 1000 (the pages write thousands with a no-break space).
fn number(s: &str) -> usize {
    s.chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

/// "7 mål i 4 rapporter: 4 uppnådda · 1 delvis uppnått · …" → counts.
fn goal_counts(line: &str) -> Counts {
    let re = regex::Regex::new(
        r"(\d[\d\x{a0}]*) (delvis uppnått|delvis uppnådda|ej uppnått|ej uppnådda|ej bedömbart|ej bedömbara|uppnått|uppnådda)",
    )
    .unwrap();
    let mut c = [0; 4];
    for m in re.captures_iter(line) {
        c[status_index(&m[2])] += number(&m[1]);
    }
    c
}

/// "Bedömning i 4 slutrapporter: uppnått i 1 · … (1 enligt rapporten, 3
/// beräknade)" → counts by status and by basis.
fn outcome_counts(line: &str) -> (Counts, BTreeMap<&'static str, usize>) {
    let re =
        regex::Regex::new(r"(delvis uppnått|ej uppnått|ej bedömbart|uppnått) i (\d[\d\x{a0}]*)")
            .unwrap();
    let mut c = [0; 4];
    for m in re.captures_iter(line) {
        c[status_index(&m[1])] += number(&m[2]);
    }
    let basis = regex::Regex::new(
        r"(\d[\d\x{a0}]*) (enligt rapporten|utifrån huvudmålet|beräknat|beräknade)",
    )
    .unwrap();
    let mut b = BTreeMap::new();
    for m in basis.captures_iter(line) {
        let key = match &m[2] {
            "enligt rapporten" => "report",
            "utifrån huvudmålet" => "main_goal",
            _ => "computed",
        };
        *b.entry(key).or_insert(0) += number(&m[1]);
    }
    (c, b)
}

/// The text of an element as it reads, no-break spaces kept.
fn raw_text(el: ElementRef) -> String {
    el.text().collect::<String>()
}

fn first(doc: &Html, css: &str) -> Option<String> {
    doc.select(&Selector::parse(css).unwrap())
        .next()
        .map(raw_text)
}

/// What the JSON says about one theme.
#[derive(Default, Debug, PartialEq)]
struct Theme {
    goals: Counts,
    with_goals: usize,
    outcomes: Counts,
    bases: BTreeMap<&'static str, usize>,
    plans: usize,
    plan_goals: usize,
    /// Per change slug: (reports that tried it, its tied goals' counts).
    changes: BTreeMap<String, (usize, Counts)>,
}

fn from_json(data: &serde_json::Value) -> HashMap<String, Theme> {
    let mut themes: HashMap<String, Theme> = HashMap::new();
    for r in data["reports"].as_array().unwrap() {
        let inds = r["indicators"].as_array().unwrap();
        let outcome = &r["outcome"];
        let plan = outcome["status"] == "plan";
        if plan {
            // No goal of a plan has a status, and the plan no goal counts.
            assert!(r["goals"].is_null(), "{}", r["url"]);
            for i in inds {
                assert!(
                    i["status"].is_null() && i["status_basis"].is_null(),
                    "{}",
                    r["url"]
                );
            }
        }
        for t in r["topics"].as_array().unwrap() {
            let th = themes
                .entry(t["slug"].as_str().unwrap().to_string())
                .or_default();
            if plan {
                th.plans += 1;
                th.plan_goals += inds.len();
                continue;
            }
            if inds.is_empty() && outcome["basis"] != "report" {
                continue;
            }
            th.with_goals += usize::from(!inds.is_empty());
            for i in inds {
                th.goals[status_index(i["status"].as_str().unwrap())] += 1;
            }
            th.outcomes[status_index(outcome["status"].as_str().unwrap())] += 1;
            let basis = match outcome["basis"].as_str().unwrap() {
                "report" => "report",
                "main_goal" => "main_goal",
                _ => "computed",
            };
            *th.bases.entry(basis).or_insert(0) += 1;
        }
        if plan {
            continue;
        }
        for c in r["changes"].as_array().unwrap() {
            let tried = c["status"] == "testad" || c["status"] == "inford";
            if !tried {
                continue;
            }
            for t in r["topics"].as_array().unwrap() {
                let th = themes.get_mut(t["slug"].as_str().unwrap()).unwrap();
                let e = th
                    .changes
                    .entry(c["slug"].as_str().unwrap().to_string())
                    .or_default();
                e.0 += 1;
                for pos in c["indicators"].as_array().unwrap() {
                    let i = &inds[pos.as_u64().unwrap() as usize - 1];
                    e.1[status_index(i["status"].as_str().unwrap())] += 1;
                }
            }
        }
    }
    themes
}

/// Goal counts of final reports per theme name, from the workbook; and
/// every plan row without a status.
fn from_workbook(path: &std::path::Path) -> HashMap<String, Counts> {
    let mut wb: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = wb.worksheet_range("Indikatorer").unwrap();
    let mut rows = range.rows();
    let head: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let (themes, status, goal) = (col("Teman"), col("Rapportstatus"), col("Måluppfyllelse"));
    let mut out: HashMap<String, Counts> = HashMap::new();
    for row in rows {
        let text = |c: usize| match &row[c] {
            Data::String(s) => s.clone(),
            Data::Empty => String::new(),
            other => other.to_string(),
        };
        if text(status).starts_with("Plan") {
            assert_eq!(text(goal), "", "a plan's goal has a status in the workbook");
            continue;
        }
        let s = status_index(&text(goal));
        for name in text(themes).split("; ") {
            out.entry(name.to_string()).or_default()[s] += 1;
        }
    }
    out
}

#[test]
fn theme_pages_rapporter_json_and_the_workbook_count_the_same() {
    let tmp = tempfile::tempdir().unwrap();
    let Some((corpus, out)) = built_corpus(tmp.path(), 1000, &["--ties"], &["--no-search"]) else {
        return;
    };
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("data/rapporter.json")).unwrap()).unwrap();
    let errors = open_data_schema_errors(&data);
    assert!(
        errors.is_empty(),
        "{}",
        errors[..errors.len().min(5)].join("\n")
    );
    let json = from_json(&data);
    let workbook = from_workbook(&out.join("data/indikatorer.xlsx"));
    let config = arkiv::config::Config::load(&corpus).unwrap();
    let numbers = regex::Regex::new(r"\d[\d\x{a0}]*").unwrap();
    let mut checked = 0;
    for topic in config.topics.iter() {
        let slug = topic.slug();
        let Some(want) = json.get(slug) else { continue };
        let doc = Html::parse_document(
            &std::fs::read_to_string(out.join(format!("tema/{slug}/index.html"))).unwrap(),
        );
        // The theme's goals.
        let goals = first(&doc, ".aggregate-goals").unwrap_or_default();
        assert_eq!(goal_counts(&goals), want.goals, "{slug}: {goals}");
        assert!(
            goals.contains(&format!(
                "i {} rapporter",
                arkiv::text::format_count(want.with_goals)
            )),
            "{slug}: {goals}"
        );
        assert_eq!(
            workbook.get(&topic.name).copied().unwrap_or_default(),
            want.goals,
            "{slug}: the workbook"
        );
        // The reports' outcomes, with how many rest on what.
        let outcomes = first(&doc, ".aggregate-outcomes").unwrap_or_default();
        let (o, b) = outcome_counts(&outcomes);
        assert_eq!(o, want.outcomes, "{slug}: {outcomes}");
        assert_eq!(b, want.bases, "{slug}: {outcomes}");
        // The plans, apart.
        let plans = doc
            .select(&Selector::parse(".aggregate li").unwrap())
            .map(raw_text)
            .find(|t| t.contains("räknas inte med"));
        match plans {
            Some(p) => {
                let n: Vec<usize> = numbers.find_iter(&p).map(|m| number(m.as_str())).collect();
                assert_eq!(n, [want.plans, want.plan_goals], "{slug}: {p}");
            }
            None => assert_eq!(want.plans, 0, "{slug}"),
        }
        // Each change idea: how many tried it, and its tied goals.
        let items = Selector::parse(".topic-changes .change-list > li").unwrap();
        let mut seen = 0;
        for li in doc.select(&items) {
            let href = li
                .select(&Selector::parse("h3 a").unwrap())
                .next()
                .unwrap()
                .value()
                .attr("href")
                .unwrap();
            let change = href.trim_end_matches('/').rsplit('/').next().unwrap();
            let lines: Vec<String> = li
                .select(&Selector::parse(".change-tally li").unwrap())
                .map(raw_text)
                .collect();
            let (tried, counts) = want.changes.get(change).copied().unwrap_or_default();
            let tried_line = lines.iter().find(|l| l.starts_with("Prövad i"));
            match tried_line {
                Some(l) => assert!(
                    l.starts_with(&format!("Prövad i {} ", arkiv::text::format_count(tried))),
                    "{slug}/{change}: {l}, want {tried}"
                ),
                None => assert_eq!(tried, 0, "{slug}/{change}"),
            }
            let goal_line = lines.iter().find(|l| l.contains(" mål i "));
            assert_eq!(
                goal_line.map(|l| goal_counts(l)).unwrap_or_default(),
                counts,
                "{slug}/{change}: {goal_line:?}"
            );
            seen += 1;
        }
        assert!(seen > 0, "{slug}: no change ideas on the theme page");
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} themes checked");
}

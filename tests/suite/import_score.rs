//! `arkiv import` scored field by field, per producer of the file: the
//! Word fixtures themselves, and the PDFs LibreOffice, Chromium and
//! LibreOffice without outer table borders made of them
//! (`tests/fixtures/make_import_pdfs.py`). Each fixture's fields are in an
//! `expected.toml` beside it: year, clinic, title, topics, status, each team
//! member, the number of indicators and each one's name, baseline, target
//! and result, required body sentences and pictures, and the template's
//! sentences no draft may hold (one field each, present = right).
//!
//! Two sets: the tuned fixtures (`import-gen/`, `import/`), which the
//! readers were developed on, must score 95 % per producer; the held-out
//! set (`import-heldout/`, `make_import_heldout.py`), which they never were,
//! keeps the floor it reached when the reader was done. The scores are
//! printed (`cargo test --test suite import_score -- --nocapture`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use arkiv::content::{Figure, Report};

use crate::common::*;

/// Producers: how a fixture's file of that producer is named.
const PRODUCERS: [(&str, &str); 4] = [
    ("word", "{dir}/{stem}.docx"),
    ("libreoffice", "{dir}/{stem}.pdf"),
    ("chromium", "{dir}/chromium/{stem}.pdf"),
    ("no-outer-borders", "{dir}/no-outer-borders/{stem}.pdf"),
];

/// The tuned fixtures must score this much per producer.
const TUNED_FLOOR: f64 = 0.95;
/// The held-out set's score when the reader was done, minus a small
/// margin: it may rise, never fall. Scored on 2026-12-07 once the PDF
/// reader's tables, grey boxes and paragraphs were done (Word 95.6 %,
/// LibreOffice 93.1 %, Chromium 94.1 %, no outer borders 93.6 %), and once
/// more with pictures done (96.1, 93.6, 94.1, 94.1 %; 408 fields each; the
/// tuned set: 100, 98.4, 100, 98.4 % of 378).
const HELD_OUT_FLOOR: f64 = 0.92;

#[derive(serde::Deserialize)]
struct Expected {
    #[serde(default)]
    forbidden: Vec<String>,
    report: Vec<ExpectedReport>,
}

#[derive(serde::Deserialize)]
struct ExpectedReport {
    file: String,
    year: i32,
    clinic: String,
    title: String,
    topics: Vec<String>,
    status: String,
    team: Vec<String>,
    indicators: usize,
    #[serde(default)]
    indicator: Vec<ExpectedIndicator>,
    #[serde(default)]
    body: Vec<String>,
    #[serde(default)]
    pictures: Vec<String>,
    #[serde(default)]
    forbidden: Vec<String>,
}

#[derive(serde::Deserialize)]
struct ExpectedIndicator {
    name: String,
    baseline: String,
    target: String,
    result: String,
}

/// Fields right and in all, and what was lost.
#[derive(Default)]
struct Score {
    right: usize,
    all: usize,
    lost: Vec<String>,
}

impl Score {
    fn field(&mut self, ok: bool, what: impl FnOnce() -> String) {
        self.all += 1;
        if ok {
            self.right += 1;
        } else {
            self.lost.push(what());
        }
    }

    fn share(&self) -> f64 {
        self.right as f64 / self.all.max(1) as f64
    }
}

/// Lower case, whitespace collapsed, Markdown links read as their text.
fn norm(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let Some(mid) = rest[open..].find("](") else {
            break;
        };
        let Some(close) = rest[open + mid..].find(')') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..open + mid]);
        rest = &rest[open + mid + close + 1..];
    }
    out.push_str(rest);
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn figure_is(actual: Option<&Figure>, expected: &str) -> bool {
    match (expected.trim(), actual) {
        ("-", a) => a.is_none(),
        (e, Some(Figure::Number(n))) => e.parse::<f64>().is_ok_and(|v| (v - n.value).abs() < 1e-9),
        (e, Some(Figure::Text(t))) => e.parse::<f64>().is_err() && norm(t).contains(&norm(e)),
        (_, None) => false,
    }
}

fn target_is(actual: Option<&arkiv::content::Target>, expected: &str) -> bool {
    let e = expected.trim();
    if let Some(p) = e.strip_suffix('%').filter(|p| p.starts_with(['+', '-'])) {
        let want: f64 = p.trim_start_matches('+').parse().unwrap();
        return actual.and_then(|t| t.change_percent) == Some(want);
    }
    let value = actual.and_then(|t| t.value.as_ref());
    figure_is(value, e) || (value.is_none() && e == "-" && actual.is_none_or(|t| t.text.is_none()))
}

/// Imports `file` into a fresh site; the draft's text and, when it
/// loads, the report.
fn import_one(file: &Path) -> Result<(String, Option<Report>), String> {
    let (_tmp, root) = crate::import_gen::empty_site();
    let out = crate::import_gen::import(&root, &[file.display().to_string()]);
    let drafts: Vec<String> = files_below(&root.join("content"))
        .into_iter()
        .filter(|f| f.ends_with(".md"))
        .collect();
    let [draft] = drafts.as_slice() else {
        return Err(format!("no draft: {}{}", out.stdout, out.stderr));
    };
    let path = root.join("content").join(draft);
    let text = std::fs::read_to_string(&path).unwrap();
    let config = arkiv::config::Config::load(&root).expect("site.toml");
    let ctx = arkiv::content::Context::new(&root, &config);
    let (report, _) = arkiv::content::load_file(&ctx, &path);
    Ok((text, report))
}

/// Scores one draft against its expected fields.
fn score(e: &ExpectedReport, forbidden: &[String], text: &str, r: Option<&Report>, s: &mut Score) {
    let config_topics = topic_slugs();
    let body = text.split("\n---\n").nth(1).unwrap_or("");
    let body_n = norm(body);
    let text_n = norm(text);
    let f = &e.file;
    s.field(r.is_some_and(|r| r.year == e.year), || {
        format!("{f}: year {}", e.year)
    });
    s.field(
        r.is_some_and(|r| norm(&r.clinic) == norm(&e.clinic)),
        || format!("{f}: clinic {:?} ≠ {:?}", e.clinic, r.map(|r| &r.clinic)),
    );
    s.field(r.is_some_and(|r| norm(&r.title) == norm(&e.title)), || {
        format!("{f}: title {:?} ≠ {:?}", e.title, r.map(|r| &r.title))
    });
    s.field(
        r.is_some_and(|r| {
            r.topics
                .iter()
                .map(|&t| config_topics[t].clone())
                .collect::<Vec<_>>()
                == e.topics
        }),
        || format!("{f}: topics {:?}", e.topics),
    );
    s.field(r.is_some_and(|r| r.status.slug() == e.status), || {
        format!("{f}: status {}", e.status)
    });
    for m in &e.team {
        let (name, role) = match m.split_once('|') {
            Some((n, r)) => (n.trim(), Some(r.trim())),
            None => (m.trim(), None),
        };
        let ok = r.is_some_and(|r| {
            r.team.iter().any(|t| {
                t.name == name
                    && role
                        .is_none_or(|role| t.role.as_deref().is_some_and(|x| norm(x) == norm(role)))
            })
        });
        s.field(ok, || {
            format!(
                "{f}: team {m:?} ≠ {:?}",
                r.map(|r| r
                    .team
                    .iter()
                    .map(|t| format!("{} | {:?}", t.name, t.role))
                    .collect::<Vec<_>>())
            )
        });
    }
    s.field(
        r.is_some_and(|r| r.indicators.len() == e.indicators),
        || {
            format!(
                "{f}: {} indicators ≠ {:?}",
                e.indicators,
                r.map(|r| r
                    .indicators
                    .iter()
                    .map(|i| i.name.clone())
                    .collect::<Vec<_>>())
            )
        },
    );
    for ei in &e.indicator {
        let ind = r.and_then(|r| {
            r.indicators
                .iter()
                .find(|i| norm(&i.name) == norm(&ei.name))
        });
        s.field(ind.is_some(), || format!("{f}: indicator {:?}", ei.name));
        let b = ind.and_then(|i| i.baseline.as_ref()).map(|m| &m.value);
        s.field(figure_is(b, &ei.baseline), || {
            format!("{f}: {:?} baseline {} ≠ {b:?}", ei.name, ei.baseline)
        });
        let t = ind.and_then(|i| i.target.as_ref());
        s.field(target_is(t, &ei.target), || {
            format!(
                "{f}: {:?} target {} ≠ {:?}",
                ei.name,
                ei.target,
                t.map(|t| (&t.value, t.change_percent))
            )
        });
        let res = ind.and_then(|i| i.result.as_ref()).map(|m| &m.value);
        s.field(figure_is(res, &ei.result), || {
            format!("{f}: {:?} result {} ≠ {res:?}", ei.name, ei.result)
        });
    }
    for sentence in &e.body {
        s.field(body_n.contains(&norm(sentence)), || {
            format!("{f}: body lacks {sentence:?}")
        });
    }
    for alt in &e.pictures {
        s.field(body.contains(&format!("![{alt}](")), || {
            format!("{f}: no picture {alt:?}")
        });
    }
    for gone in forbidden.iter().chain(&e.forbidden) {
        s.field(!text_n.contains(&norm(gone)), || {
            format!("{f}: template text {gone:?}")
        });
    }
}

fn topic_slugs() -> Vec<String> {
    let config = arkiv::config::Config::load(&repo()).expect("site.toml");
    config
        .topics
        .iter()
        .map(|t| t.slug.get_ref().clone())
        .collect()
}

/// Each producer's score over the set in `expected` (relative to
/// tests/fixtures), printed with what was lost.
fn score_set(expected: &str) -> BTreeMap<&'static str, Score> {
    let fixtures = repo().join("tests/fixtures");
    let e: Expected =
        toml::from_str(&std::fs::read_to_string(fixtures.join(expected)).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    for (producer, pattern) in PRODUCERS {
        let mut s = Score::default();
        for report in &e.report {
            let (dir, stem) = report.file.rsplit_once('/').unwrap();
            let file: PathBuf =
                fixtures.join(pattern.replace("{dir}", dir).replace("{stem}", stem));
            match import_one(&file) {
                Ok((text, r)) => score(report, &e.forbidden, &text, r.as_ref(), &mut s),
                Err(why) => {
                    let mut none = Score::default();
                    score(report, &e.forbidden, "", None, &mut none);
                    s.all += none.all;
                    s.lost.push(format!("{}: {why}", report.file));
                }
            }
        }
        println!(
            "{expected} {producer}: {} of {} fields ({:.1} %)\n  lost: {:#?}",
            s.right,
            s.all,
            s.share() * 100.0,
            s.lost
        );
        out.insert(producer, s);
    }
    out
}

#[test]
fn tuned_fixtures_score_at_least_95_percent_per_producer() {
    let scores = score_set("import-gen/expected.toml");
    for (producer, s) in &scores {
        assert!(
            s.share() >= TUNED_FLOOR,
            "{producer}: {} of {} ({:.1} %): {:#?}",
            s.right,
            s.all,
            s.share() * 100.0,
            s.lost
        );
    }
}

#[test]
fn held_out_set_keeps_its_floor() {
    let scores = score_set("import-heldout/expected.toml");
    for (producer, s) in &scores {
        assert!(
            s.share() >= HELD_OUT_FLOOR,
            "{producer}: {} of {} ({:.1} %): {:#?}",
            s.right,
            s.all,
            s.share() * 100.0,
            s.lost
        );
    }
}

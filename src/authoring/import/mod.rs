//! `arkiv import FILE.docx…`: Word reports of the template → draft entries.
//!
//! For each file: read it (`docx.rs`), read the template out of it
//! (`template.rs`), and write `<out>/<year>/<stem>.md` with the original
//! `.docx` and its images beside it. What could not be determined is listed
//! at the top as `# TODO:` comments and keeps the entry a draft. A damaged
//! file is an error and leaves nothing behind; existing files are never
//! overwritten.

pub mod docx;
pub mod template;

use std::fs;
use std::path::{Path, PathBuf};

use chrono::Datelike;

use crate::config::Config;
use crate::text::{slugify, yaml_quote, PartialDate};
use template::{Report, Value};

/// What happened to one file.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Ready(String),
    Draft(String, Vec<String>),
    Failed(String),
}

/// Imports one Word file into `out` (normally `<root>/content`).
pub fn import_file(config: &Config, file: &Path, out: &Path) -> Outcome {
    let bytes = match fs::read(file) {
        Ok(b) => b,
        Err(e) => return Outcome::Failed(format!("cannot read: {e}")),
    };
    let doc = match docx::read(&bytes) {
        Ok(d) => d,
        Err(e) => return Outcome::Failed(e),
    };
    let report = template::read(&doc);
    let mut todo = Vec::new();
    let year = report.year.unwrap_or_else(|| {
        todo.push("årtalet står inte i rubriken (\"Kvalitetsarbete/Förbättringsarbete <år> …\"): rätta year och flytta filen till rätt årsmapp".to_string());
        chrono::Local::now().year_ce().1 as i32
    });
    let topics = topics_in(config, &report.theme);
    if topics.is_empty() {
        todo.push(format!(
            "temat \"{}\" motsvarar inget tema i site.toml: välj bland {}",
            report.theme,
            topic_list(config)
        ));
    }
    let clinic = report.clinic.clone().unwrap_or_else(|| {
        todo.push("mottagningens namn hittades inte: fyll i clinic".to_string());
        String::new()
    });
    if report.indicators.is_empty() {
        todo.push("inga indikatorer hittades i tabellerna: fyll i indicators".to_string());
    }
    let mut report = report;
    for ind in &mut report.indicators {
        if let Some(by) = ind.target_by.take() {
            match target_date(&by) {
                Some(d) => ind.target_by = Some(d),
                None => todo.push(format!(
                    "målets datum \"{by}\" för \"{}\" kunde inte läsas: skriv det som ÅÅÅÅ-MM-DD under target.by",
                    ind.name
                )),
            }
        }
    }
    let topic_slugs: Vec<String> = if topics.is_empty() {
        vec![config.topics[0].slug.get_ref().clone()]
    } else {
        topics
            .iter()
            .map(|&t| config.topics[t].slug.get_ref().clone())
            .collect()
    };
    let file_stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = if clinic.is_empty() || topics.is_empty() {
        slugify(&file_stem)
    } else {
        slugify(&format!("{clinic}-{}", topic_slugs[0]))
    };
    let stem = if stem.is_empty() {
        "rapport".to_string()
    } else {
        stem
    };
    let dir = out.join(year.to_string());
    let md = dir.join(format!("{stem}.md"));
    if md.exists() {
        return Outcome::Failed(format!("{} already exists (not overwritten)", md.display()));
    }
    // Images and the original beside the draft, the draft last: a failure
    // removes what was written.
    let mut written: Vec<PathBuf> = Vec::new();
    let mut body = report.body.clone();
    let mut image_files: Vec<String> = Vec::new();
    let result = (|| -> std::io::Result<()> {
        fs::create_dir_all(&dir)?;
        let original = dir.join(format!("{stem}.docx"));
        fs::write(&original, &bytes)?;
        written.push(original);
        for (i, name) in report.images.iter().enumerate() {
            let ext = name
                .rsplit('.')
                .next()
                .unwrap_or("png")
                .to_ascii_lowercase();
            let image = format!("{stem}-bild-{}.{ext}", i + 1);
            if let Some(data) = doc.media.get(name) {
                fs::write(dir.join(&image), data)?;
                written.push(dir.join(&image));
                image_files.push(image.clone());
            }
            body = body.replace(
                &format!("{{{{bild:{i}}}}}"),
                &format!("![Bild {}]({image})", i + 1),
            );
        }
        let text = render(
            &report,
            year,
            &clinic,
            &topic_slugs,
            &stem,
            &todo,
            &body,
            &image_files,
        );
        fs::write(&md, text)?;
        Ok(())
    })();
    if let Err(e) = result {
        for f in written {
            let _ = fs::remove_file(f);
        }
        return Outcome::Failed(format!("cannot write the draft: {e}"));
    }
    let rel = md.display().to_string();
    if todo.is_empty() {
        Outcome::Ready(rel)
    } else {
        Outcome::Draft(rel, todo)
    }
}

/// A target date as the content format wants it (`YYYY-MM-DD`, `YYYY-MM`,
/// `YYYY`), from how the template's cells write it: `221231`, `20221231`,
/// `2022-12-31`, `dec 2023`.
fn target_date(text: &str) -> Option<String> {
    let t = text.trim();
    if PartialDate::parse(t).is_some() {
        return Some(t.to_string());
    }
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let candidate = match (digits.len(), t.chars().all(|c| c.is_ascii_digit())) {
        (6, true) => format!("20{}-{}-{}", &digits[..2], &digits[2..4], &digits[4..]),
        (8, true) => format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..]),
        _ => {
            // "dec 2023", "31 dec 2025"
            const MONTHS: [&str; 12] = [
                "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
            ];
            let lower = t.to_lowercase();
            let words: Vec<&str> = lower.split_whitespace().collect();
            let (day, month_word, year) = match words.as_slice() {
                [m, y] => (None, *m, *y),
                [d, m, y] => (Some(*d), *m, *y),
                _ => return None,
            };
            let month = MONTHS.iter().position(|m| month_word.starts_with(m))? + 1;
            if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            match day.and_then(|d| d.parse::<u32>().ok()) {
                Some(d) => format!("{year}-{month:02}-{d:02}"),
                None => format!("{year}-{month:02}"),
            }
        }
    };
    PartialDate::parse(&candidate).map(|_| candidate)
}

fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The topic slugs of `site.toml`, for messages.
pub fn topic_list(config: &Config) -> String {
    config
        .topics
        .iter()
        .map(|t| t.slug.get_ref().as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The topics (indexes) whose name, slug or alias occurs in a text, as
/// whole words, in the order they occur; each span is used once.
pub fn topics_in(config: &Config, text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (_, _, i) in topic_spans(config, text) {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// Where topics are named in `text.to_lowercase()`: `(start, end, topic)`
/// byte ranges, longest names first, in text order, not overlapping.
pub fn topic_spans(config: &Config, text: &str) -> Vec<(usize, usize, usize)> {
    let lower = text.to_lowercase();
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    let mut candidates: Vec<(String, usize)> = Vec::new();
    for (i, t) in config.topics.iter().enumerate() {
        candidates.push((t.name.to_lowercase(), i));
        candidates.push((t.slug.get_ref().replace('-', " ").to_lowercase(), i));
        candidates.extend(t.aliases.iter().map(|a| (a.get_ref().to_lowercase(), i)));
    }
    // Longest names first, so "psykisk ohälsa" wins over a shorter alias.
    candidates.sort_by_key(|c| std::cmp::Reverse(c.0.len()));
    for (name, i) in candidates {
        if name.is_empty() {
            continue;
        }
        let mut from = 0;
        while let Some(pos) = lower[from..].find(&name) {
            let (start, end) = (from + pos, from + pos + name.len());
            let before = lower[..start].chars().next_back();
            let after = lower[end..].chars().next();
            let whole = !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric);
            if whole && !found.iter().any(|(s, e, _)| start < *e && *s < end) {
                found.push((start, end, i));
                break;
            }
            from = end;
        }
    }
    found.sort();
    found
}

/// The draft's file: front matter, then the body.
#[allow(clippy::too_many_arguments)] // one call site; a struct would only rename them
fn render(
    r: &Report,
    year: i32,
    clinic: &str,
    topics: &[String],
    stem: &str,
    todo: &[String],
    body: &str,
    images: &[String],
) -> String {
    let mut s = String::from("---\n");
    for t in todo {
        s.push_str(&format!("# TODO: {t}\n"));
    }
    let title = if r.theme.is_empty() {
        format!("Förbättringsarbete {year}")
    } else {
        r.theme.clone()
    };
    s.push_str(&format!("title: {}\n", yaml_quote(&title)));
    s.push_str(&format!(
        "clinic: {}\n",
        yaml_quote(if clinic.is_empty() {
            "Okänd mottagning"
        } else {
            clinic
        })
    ));
    s.push_str(&format!("year: {year}\ntopics: [{}]\n", topics.join(", ")));
    let final_report = r.indicators.iter().any(|i| i.result.is_some());
    s.push_str(&format!(
        "status: {}\n",
        if final_report { "final" } else { "plan" }
    ));
    if !todo.is_empty() {
        s.push_str("draft: true\n");
    }
    if !r.team.is_empty() {
        s.push_str("team:\n");
        for m in &r.team {
            s.push_str(&format!("  - {{ name: {}", yaml_quote(&m.name)));
            if let Some(role) = &m.role {
                s.push_str(&format!(", role: {}", yaml_quote(role)));
            }
            if m.contact {
                s.push_str(", contact: true");
            }
            s.push_str(" }\n");
        }
    }
    if !r.indicators.is_empty() {
        s.push_str("indicators:\n");
        for i in &r.indicators {
            s.push_str(&format!("  - name: {}\n", yaml_quote(&i.name)));
            s.push_str(&format!(
                "    unit: {}\n",
                if i.percent { "percent" } else { "count" }
            ));
            measure(
                &mut s,
                "baseline",
                &i.baseline,
                &i.baseline_period,
                "period",
            );
            if let Some(c) = i.change_percent {
                s.push_str(&format!("    target: {{ change_percent: {}", number(c)));
                if let Some(by) = &i.target_by {
                    s.push_str(&format!(", by: {}", yaml_quote(by)));
                }
                s.push_str(" }\n");
            } else {
                measure(&mut s, "target", &i.target, &i.target_by, "by");
            }
            measure(&mut s, "result", &i.result, &i.result_period, "period");
            if let Some(src) = &i.source {
                s.push_str(&format!("    source: {}\n", yaml_quote(src)));
            }
        }
    }
    s.push_str(&format!(
        "attachments:\n  - {{ file: {}, title: \"Originalrapport (Word)\" }}\n",
        yaml_quote(&format!("{stem}.docx"))
    ));
    // Attachments are copied beside the page, so the body's images show.
    for (i, image) in images.iter().enumerate() {
        s.push_str(&format!(
            "  - {{ file: {}, title: \"Bild {} ur Word-filen\" }}\n",
            yaml_quote(image),
            i + 1
        ));
    }
    s.push_str("---\n\n");
    s.push_str(body);
    s.push('\n');
    s
}

fn measure(
    s: &mut String,
    key: &str,
    value: &Option<Value>,
    when: &Option<String>,
    when_key: &str,
) {
    let v = match value {
        Some(Value::Number(n)) => number(*n),
        Some(Value::Text(t)) => yaml_quote(t),
        None => return,
    };
    s.push_str(&format!("    {key}: {{ value: {v}"));
    if let Some(w) = when {
        s.push_str(&format!(", {when_key}: {}", yaml_quote(w)));
    }
    s.push_str(" }\n");
}

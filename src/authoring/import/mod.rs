//! `arkiv import FILE.docx…`: Word reports of the template → draft entries.
//!
//! For each file: read it (`docx.rs`), read the template out of it
//! (`template/`), and write `<out>/<year>/<stem>.md` (front matter by
//! `authoring::write`) with the original
//! `.docx` and its images beside it. What could not be determined is listed
//! at the top as `# TODO:` comments and keeps the entry a draft. A damaged
//! file is an error and leaves nothing behind; existing files are never
//! overwritten.

pub mod docx;
pub mod template;

use std::fs;
use std::path::{Path, PathBuf};

use chrono::Datelike;

use super::write::{Attachment, FrontMatter, Indicator, Measure, Target};
use super::{topic_list, topics_in};
use crate::config::Config;
use crate::content::raw::{Figure, Status, Unit};
use crate::text::{slugify, PartialDate};
use template::Report;

/// A draft written: its path, and what could not be read (empty when the
/// entry is complete and not a draft).
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub file: String,
    pub todo: Vec<String>,
}

/// Why nothing was written for a file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read: {0}")]
    Read(std::io::Error),
    #[error(transparent)]
    Docx(#[from] docx::DocxError),
    #[error("{} already exists (not overwritten)", .0.display())]
    Exists(PathBuf),
    #[error("cannot write the draft: {0}")]
    Write(std::io::Error),
}

/// Imports one Word file into `out` (normally `<root>/content`).
pub fn import_file(config: &Config, file: &Path, out: &Path) -> Result<Imported, ImportError> {
    let bytes = fs::read(file).map_err(ImportError::Read)?;
    let doc = docx::read(&bytes)?;
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
        return Err(ImportError::Exists(md));
    }
    let mut front = front_matter(&report, year, &clinic, topic_slugs, todo);
    front.attachments.push(Attachment {
        file: Some(format!("{stem}.docx")),
        title: Some("Originalrapport (Word)".to_string()),
        ..Attachment::default()
    });
    // Images and the original beside the draft, the draft last: a failure
    // removes what was written.
    let mut written: Vec<PathBuf> = Vec::new();
    let mut body = report.body.clone();
    let mut images = 0;
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
                images += 1;
                // Attachments are copied beside the page, so the body's
                // images show.
                front.attachments.push(Attachment {
                    file: Some(image.clone()),
                    title: Some(format!("Bild {images} ur Word-filen")),
                    ..Attachment::default()
                });
            }
            body = body.replace(
                &format!("{{{{bild:{i}}}}}"),
                &format!("![Bild {}]({image})", i + 1),
            );
        }
        fs::write(&md, format!("{}\n{body}\n", front.render()))?;
        Ok(())
    })();
    if let Err(e) = result {
        for f in written {
            let _ = fs::remove_file(f);
        }
        return Err(ImportError::Write(e));
    }
    Ok(Imported {
        file: md.display().to_string(),
        todo: front.todo,
    })
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

/// The draft's front matter, all but the attachments.
fn front_matter(
    r: &Report,
    year: i32,
    clinic: &str,
    topics: Vec<String>,
    todo: Vec<String>,
) -> FrontMatter {
    let title = if r.theme.is_empty() {
        format!("Förbättringsarbete {year}")
    } else {
        r.theme.clone()
    };
    let clinic = if clinic.is_empty() {
        "Okänd mottagning"
    } else {
        clinic
    };
    let final_report = r.indicators.iter().any(|i| i.result.is_some());
    FrontMatter {
        draft: !todo.is_empty(),
        todo,
        title,
        clinic: clinic.to_string(),
        year,
        topics,
        status: if final_report {
            Status::Final
        } else {
            Status::Plan
        },
        team: r.team.clone(),
        indicators: r.indicators.iter().map(indicator).collect(),
        ..FrontMatter::default()
    }
}

/// An indicator of the tables as the content format writes it: a target
/// in percent wins over a target figure, and a date alone is no target.
fn indicator(i: &template::Indicator) -> Indicator {
    let measure = |value: &Option<Figure>, period: &Option<String>| {
        value.clone().map(|value| Measure {
            value,
            period: period.clone(),
        })
    };
    let target = match i.change_percent {
        Some(c) => Some(Target {
            value: None,
            change_percent: Some(c),
            by: i.target_by.clone(),
        }),
        None => i.target.clone().map(|v| Target {
            value: Some(v),
            change_percent: None,
            by: i.target_by.clone(),
        }),
    };
    Indicator {
        name: i.name.clone(),
        unit: Some(if i.percent {
            Unit::Percent
        } else {
            Unit::Count
        }),
        direction: None,
        baseline: measure(&i.baseline, &i.baseline_period),
        target,
        result: measure(&i.result, &i.result_period),
        source: i.source.clone(),
    }
}

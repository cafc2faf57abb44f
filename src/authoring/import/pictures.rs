//! The pictures of an original, in the draft where they stood: each one
//! written beside the draft (`<stem>-bild-N.<ext>`) and put in the body as
//! `![alt text](file)`, the alt text its caption or its own description
//! (`template::Picture`). They are the body's, not attachments: the build
//! publishes them with the page (`docs/content-format.md`, "Bilder").
//!
//! What a browser cannot show is not put in as a picture: an EMF or WMF
//! picture (how Word pastes an Excel chart) is kept beside the draft with a
//! `<!-- TODO -->` in its place that says how to replace it. A Word chart
//! object keeps its data: its points are proposed as the `series` of the
//! indicator it names (labels as Word's categories), with a `# TODO:
//! check`, and the page draws the chart from them; a chart that names no
//! indicator, or whose data could not be read, gets a note in its place. A
//! picture without a caption or description gets a `# TODO:` asking for
//! one.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::docx::{Chart, Docx};
use super::template::{Picture, Report};
use super::todos;
use crate::authoring::write::FrontMatter;

/// Formats a browser shows, by file extension.
const SHOWN: [&str; 5] = ["png", "jpg", "jpeg", "gif", "webp"];

/// The file a picture is written to, and how: `None` for a chart object
/// or a picture whose media is missing.
fn file_of(stem: &str, i: usize, p: &Picture, media: &HashMap<String, Vec<u8>>) -> Option<String> {
    if p.name.starts_with("chart:") || !media.contains_key(&p.name) {
        return None;
    }
    let ext = p
        .name
        .rsplit('.')
        .next()
        .unwrap_or("png")
        .to_ascii_lowercase();
    Some(format!("{stem}-bild-{}.{ext}", i + 1))
}

fn shown(file: &str) -> bool {
    let ext = file.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    SHOWN.contains(&ext.as_str())
}

/// The `# TODO:` lines the pictures need: one for each picture a browser
/// shows but that has no alt text.
pub fn todos(report: &Report, media: &HashMap<String, Vec<u8>>, stem: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, p) in report.images.iter().enumerate() {
        match file_of(stem, i, p, media) {
            Some(file) if shown(&file) && p.alt.is_none() => {
                out.push(todos::picture_without_alt(i + 1, &file))
            }
            _ => {}
        }
    }
    out
}

/// The indicator (its index) a chart's data belongs to: the one whose name
/// shares the most words of four letters or more with the chart's title
/// and series name, or the only indicator.
fn chart_indicator(report: &Report, chart: Option<&Chart>) -> Option<usize> {
    let chart = chart?;
    let words = |s: &str| -> Vec<String> {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4)
            .map(str::to_string)
            .collect()
    };
    let named = words(&format!(
        "{} {}",
        chart.title.as_deref().unwrap_or(""),
        chart.series.as_deref().unwrap_or("")
    ));
    let best = report
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            (
                words(&ind.name)
                    .iter()
                    .filter(|w| named.contains(w))
                    .count(),
                i,
            )
        })
        .max();
    match best {
        Some((n, i)) if n > 0 => Some(i),
        _ => (report.indicators.len() == 1).then_some(0),
    }
}

/// Each chart's points as the `series` of the indicator it names, with a
/// `# TODO: kontrollera` that says so.
pub fn propose_series(report: &Report, charts: &HashMap<String, Chart>, front: &mut FrontMatter) {
    for p in &report.images {
        let chart = charts.get(&p.name);
        let (Some(i), Some(chart)) = (chart_indicator(report, chart), chart) else {
            continue;
        };
        let Some(ind) = front.indicators.get_mut(i) else {
            continue;
        };
        if !ind.series.is_empty() {
            continue;
        }
        ind.series = chart.points.clone();
        front.todo.push(todos::chart_series(
            chart.title.as_deref(),
            chart.points.len(),
            &ind.name,
        ));
    }
}

/// Alt text as Markdown takes it: one line, no brackets.
fn alt(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['[', ']'], "")
}

/// Writes the pictures beside the draft (`written` collects the files, for
/// removal on failure) and returns the body with them in place.
pub fn place(
    stem: &str,
    dir: &Path,
    report: &Report,
    doc: &Docx,
    written: &mut Vec<PathBuf>,
) -> std::io::Result<String> {
    let media = &doc.media;
    let mut body = report.body.clone();
    for (i, p) in report.images.iter().enumerate() {
        let label = p.alt.as_deref().map(alt);
        let text = match file_of(stem, i, p, media) {
            Some(file) => {
                fs::write(dir.join(&file), &media[&p.name])?;
                written.push(dir.join(&file));
                if shown(&file) {
                    format!("![{}]({file})", label.unwrap_or_default())
                } else {
                    todos::picture_format(label.as_deref(), &file)
                }
            }
            // A chart whose data is proposed as a series: drawn by the page.
            None if chart_indicator(report, doc.charts.get(&p.name)).is_some() => String::new(),
            None if p.name.starts_with("chart:") => todos::chart_unplaced(label.as_deref()),
            None => String::new(),
        };
        body = body.replace(&format!("{{{{bild:{i}}}}}"), &text);
    }
    Ok(body)
}

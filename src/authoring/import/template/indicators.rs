//! The template's indicator tables: columns recognised by their headers,
//! "a) … b) …" rows split into one indicator per part, figures read the
//! Swedish way, and del 1 and del 2 merged into one indicator each. A cell
//! that mixes a number and words ("3 st registrerade 2022", "62% (62)",
//! "99 (Samtliga 182)") is the number with the words kept as its note; a
//! target in words keeps them as the target's text. A row that spans the
//! table ("Kommentar (valfritt): …") is the clinic's comment, returned
//! beside the indicators for the body.

use std::sync::LazyLock;

use regex::Regex;

use super::super::docx::Cell;
use crate::content::raw::{Figure, Num};

/// An indicator as the tables give it: periods and dates as written, a
/// target either as a figure or as a change in percent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Indicator {
    pub name: String,
    pub percent: bool,
    pub baseline: Option<Figure>,
    pub baseline_note: Option<String>,
    pub baseline_period: Option<String>,
    pub target: Option<Figure>,
    /// The target cell as written, when it is more than a figure.
    pub target_text: Option<String>,
    pub change_percent: Option<f64>,
    pub target_by: Option<String>,
    pub result: Option<Figure>,
    pub result_note: Option<String>,
    pub result_period: Option<String>,
    pub source: Option<String>,
}

static CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(minska|öka)\s+(?:med\s+)?(\d+(?:[.,]\d+)?)\s*%$").expect("valid regex")
});
/// A leading figure: the number, `%`, an optional "st", and the rest.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(-?\d+(?:[ \u{a0}]\d{3})*(?:[.,]\d+)?)\s*(%?)(?:\s*st\b\.?)?\s*(.*)$")
        .expect("valid regex")
});
static ANY_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d+(?:[.,]\d+)?").expect("valid regex"));
static LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^indikator\s*\d+$").expect("valid regex"));
static PARTS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)([a-d])\)\s*").expect("valid regex"));

/// What a column of an indicator table holds, by its header.
#[derive(Clone, Copy, PartialEq)]
enum Col {
    Name,
    Baseline,
    BaselinePeriod,
    Target,
    TargetBy,
    Result,
    ResultPeriod,
    Source,
    Other,
}

fn column(header: &str) -> Col {
    let h: String = header
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let has = |s: &str| h.contains(s);
    if has("datum") || has("period") {
        if has("resultat") {
            Col::ResultPeriod
        } else if has("uppnå") || has("mål") {
            Col::TargetBy
        } else {
            Col::BaselinePeriod
        }
    } else if has("indikatornamn") || has("indikator") {
        Col::Name
    } else if has("nuläge") || has("startläge") || has("start") || has("utgångsläge") {
        Col::Baseline
    } else if h.starts_with("mål") {
        Col::Target
    } else if h.starts_with("resultat") {
        Col::Result
    } else if has("källa") {
        Col::Source
    } else {
        Col::Other
    }
}

/// Indicators by their row label (or name), in table order.
pub(super) type Keyed = Vec<(String, Indicator)>;

/// An indicator table: a header row naming "Indikator…" and "Mål". Its
/// indicators by key, and the clinic's comments in rows that span it.
pub(super) fn indicator_table(rows: &[Vec<Cell>]) -> Option<(Keyed, Vec<String>)> {
    let header = rows.first()?;
    let names: Vec<String> = header.iter().map(|c| c.text.to_lowercase()).collect();
    if !(names.iter().any(|n| n.contains("indikator"))
        && names.iter().any(|n| n.trim_start().starts_with("mål")))
    {
        return None;
    }
    let cols: Vec<Col> = header.iter().map(|c| column(&c.text)).collect();
    let mut out = Vec::new();
    let mut comments = Vec::new();
    for row in &rows[1..] {
        let spans = row.len() == 1
            || row
                .first()
                .is_some_and(|c| c.text.trim().to_lowercase().starts_with("kommentar"));
        if spans {
            let text = super::instructions::clinic_text(
                &row.iter().flat_map(|c| c.paras.clone()).collect::<Vec<_>>(),
            );
            if !text.is_empty() && !comments.contains(&text) {
                comments.push(text);
            }
            continue;
        }
        let mut cells: Vec<&str> = row.iter().map(|c| c.text.trim()).collect();
        // A label column ("Indikator 1"), under a header cell that may
        // span it.
        let label = cells
            .first()
            .filter(|c| LABEL.is_match(c))
            .map(|c| c.to_lowercase())
            .unwrap_or_default();
        if cells.len() == cols.len() + 1 {
            cells.remove(0);
        }
        let raw: Vec<(Col, &str)> = cols.iter().copied().zip(cells.iter().copied()).collect();
        let name = raw
            .iter()
            .find(|(c, _)| *c == Col::Name)
            .map_or("", |x| x.1);
        if name.is_empty() {
            continue;
        }
        let key = if label.is_empty() {
            name.to_lowercase()
        } else {
            label
        };
        // "… a) minst 2 besök b) minst 3 besök": one indicator per part,
        // and cells written "a) 54 b) 46 %" split the same way.
        let letters: Vec<String> = PARTS
            .captures_iter(name)
            .map(|c| c[1].to_string())
            .collect();
        if letters.len() >= 2 {
            let stem = PARTS
                .split(name)
                .next()
                .unwrap_or("")
                .trim()
                .trim_end_matches(':');
            for letter in &letters {
                let part = part_of(name, letter).unwrap_or_default();
                let mut ind = indicator(&raw, Some(letter));
                ind.name = if stem.is_empty() {
                    part
                } else {
                    format!("{stem} {letter}) {part}")
                };
                out.push((format!("{key} {letter}"), ind));
            }
        } else {
            out.push((key, indicator(&raw, None)));
        }
    }
    Some((out, comments))
}

/// The text of part `letter` in "a) … b) …", if the text has parts.
fn part_of(text: &str, letter: &str) -> Option<String> {
    let marks: Vec<(usize, usize, String)> = PARTS
        .captures_iter(text)
        .map(|c| {
            let m = c.get(0).expect("match");
            (m.start(), m.end(), c[1].to_string())
        })
        .collect();
    let i = marks.iter().position(|m| m.2 == letter)?;
    let stop = marks.get(i + 1).map_or(text.len(), |m| m.0);
    Some(text[marks[i].1..stop].trim().to_string())
}

fn indicator(raw: &[(Col, &str)], part: Option<&str>) -> Indicator {
    let mut ind = Indicator::default();
    let name = raw
        .iter()
        .find(|(c, _)| *c == Col::Name)
        .map_or("", |x| x.1)
        .to_lowercase();
    ind.percent = name.starts_with("andel") || name.starts_with('%');
    for (col, text) in raw {
        let text = match part {
            Some(letter) => part_of(text, letter).unwrap_or_else(|| text.to_string()),
            None => text.to_string(),
        };
        let text = text.trim();
        match col {
            Col::Other => {}
            Col::Name => ind.name = text.to_string(),
            Col::Baseline => (ind.baseline, ind.baseline_note) = value(text, &mut ind.percent),
            Col::BaselinePeriod => ind.baseline_period = period(text),
            Col::Target => {
                if let Some(c) = CHANGE.captures(text) {
                    let n: f64 = c[2].replace(',', ".").parse().unwrap_or(0.0);
                    ind.change_percent = Some(if c[1].to_lowercase() == "minska" {
                        -n
                    } else {
                        n
                    });
                } else {
                    (ind.target, ind.target_text) = target(text, &mut ind.percent);
                }
            }
            Col::TargetBy => ind.target_by = period(text),
            Col::Result => (ind.result, ind.result_note) = value(text, &mut ind.percent),
            Col::ResultPeriod => ind.result_period = period(text),
            Col::Source => ind.source = period(text),
        }
    }
    ind
}

/// A figure: a number (Swedish decimal comma, `%` makes it a percentage)
/// with any words after it as its note, text as written, or nothing for an
/// empty or placeholder ("T.ex. …") cell.
fn value(text: &str, percent: &mut bool) -> (Option<Figure>, Option<String>) {
    let t = text.trim();
    if t.is_empty() || super::instructions::is_placeholder(t) {
        return (None, None);
    }
    if let Some(c) = NUMBER.captures(t) {
        let n: String = c[1]
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
            .collect();
        if let Some(v) = Num::parse(&n.replace(',', ".")) {
            if !c[2].is_empty() {
                *percent = true;
            }
            let rest = c[3].trim();
            return (
                Some(Figure::Number(v)),
                (!rest.is_empty()).then(|| rest.to_string()),
            );
        }
    }
    (Some(Figure::Text(t.to_string())), None)
}

/// A target: "25" is the figure; "232 (minskning med 10%)" and "Minst 4
/// möten" are their one figure with the cell as the target's text; words
/// without a figure ("Högre än regionsnittet") are the text alone.
fn target(text: &str, percent: &mut bool) -> (Option<Figure>, Option<String>) {
    let t = text.trim();
    match value(t, percent) {
        (Some(Figure::Number(v)), None) => (Some(Figure::Number(v)), None),
        (Some(Figure::Number(v)), Some(_)) => (Some(Figure::Number(v)), Some(t.to_string())),
        (Some(Figure::Text(_)), _) => {
            let numbers: Vec<&str> = ANY_NUMBER.find_iter(t).map(|m| m.as_str()).collect();
            match numbers.as_slice() {
                [n] => match Num::parse(&n.replace(',', ".")) {
                    Some(v) => (Some(Figure::Number(v)), Some(t.to_string())),
                    None => (None, Some(t.to_string())),
                },
                _ => (None, Some(t.to_string())),
            }
        }
        (None, _) => (None, None),
    }
}

fn period(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty() && !super::instructions::is_placeholder(t)).then(|| t.to_string())
}

/// Del 1 gives baseline and target, del 2 repeats them and adds results:
/// one indicator per row label (or name), values from the later table
/// where it has them.
pub(super) fn merge(tables: Vec<Vec<(String, Indicator)>>) -> Vec<Indicator> {
    let mut out: Vec<(String, Indicator)> = Vec::new();
    for table in tables {
        for (key, ind) in table {
            match out
                .iter_mut()
                .find(|(k, i)| *k == key || i.name == ind.name)
            {
                Some((_, old)) => {
                    old.percent |= ind.percent;
                    macro_rules! take {
                        ($($f:ident),*) => { $( if ind.$f.is_some() { old.$f = ind.$f.clone(); } )* };
                    }
                    take!(
                        baseline,
                        baseline_note,
                        baseline_period,
                        target,
                        target_text,
                        change_percent,
                        target_by,
                        result,
                        result_note,
                        result_period,
                        source
                    );
                }
                None => out.push((key, ind)),
            }
        }
    }
    out.into_iter().map(|(_, i)| i).collect()
}

//! Tables and the form read by text alignment, for PDFs whose tables are
//! drawn without lines (`crate::pdf::tables` finds none):
//!
//! - **Indicator tables**: from the header line with "Indikatornamn", the
//!   columns are where the cells' text starts; each line starting
//!   "Indikator" in the first column starts a row, and every span goes to
//!   the column it starts in. A word broken at a cell's edge is joined
//!   again. "Kommentar …" under the rows is the table's comment row; a
//!   heading or a wide gap ends the table.
//! - **The form** ("Mottagningens namn   Brommaplans VC"): lines that start
//!   with a known label, the value far to the right, wrapped labels and
//!   values joined, make a two-column table.

use super::super::docx::Cell;
use super::super::template::instructions::is_instruction;
use super::{is_heading, last_text};
use crate::pdf::{Line, Span};

/// The labels of the form at the top of the 2023 and 2025 templates.
const FORM_LABELS: [&str; 6] = [
    "mottagningens namn",
    "verksamhetschef",
    "kontaktperson för förbättringsarbetet",
    "kontaktpersonens e-post",
    "namn på er informationsapotekare",
    "verksamhetschefens e-post",
];

/// Splits a line where a gap wider than two body sizes is: the label part
/// and the value part (empty when there is no such gap).
fn split_at_gap(line: &Line, body: f32) -> (&[Span], &[Span]) {
    match line
        .spans
        .windows(2)
        .position(|w| w[1].x - w[0].end > body * 2.0)
    {
        Some(i) => line.spans.split_at(i + 1),
        None => (&line.spans[..], &[]),
    }
}

fn joined(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect::<String>()
}

/// The start of a form line: a known label (or its first line, when it
/// wraps) with a value to its right.
pub(super) fn form_label(line: &Line, body: f32) -> Option<String> {
    let (label, value) = split_at_gap(line, body);
    if value.is_empty() {
        return None;
    }
    let l = joined(label).trim().to_lowercase();
    FORM_LABELS
        .iter()
        .any(|f| !l.is_empty() && (f.starts_with(&l) || l == *f))
        .then_some(l)
}

/// Adds a wrapped line's text to a cell: directly after a space, a hyphen
/// or a word broken at the cell's edge (`broken`), else after a space.
fn join(cell: &mut String, fragment: &str, broken: bool) {
    if !cell.is_empty() && !cell.ends_with([' ', '-']) && !broken {
        cell.push(' ');
    }
    cell.push_str(fragment);
}

/// The form's rows from `start`: label and value, wrapped parts joined.
pub(super) fn form(lines: &[Line], start: usize, body: f32) -> (Vec<Vec<Cell>>, usize) {
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut value_x = f32::MAX;
    let mut i = start;
    while i < lines.len() {
        let line = &lines[i];
        if is_heading(line, body).is_some() || is_instruction(&line.text()) {
            break;
        }
        let (label, value): (Vec<Span>, Vec<Span>) = if value_x == f32::MAX {
            let (l, v) = split_at_gap(line, body);
            value_x = v.first().map_or(value_x, |s| s.x);
            (l.to_vec(), v.to_vec())
        } else {
            line.spans
                .iter()
                .cloned()
                .partition(|s| s.x < value_x - 3.0)
        };
        let lower = joined(&label).trim().to_lowercase();
        if !value.is_empty()
            && !lower.is_empty()
            && FORM_LABELS.iter().any(|f| f.starts_with(&lower))
        {
            rows.push((joined(&label), joined(&value)));
        } else {
            let Some(row) = rows.last_mut() else { break };
            if !label.is_empty() {
                if !row.0.ends_with([' ', '-']) {
                    break; // not a wrapped label: the form has ended
                }
                join(&mut row.0, &joined(&label), false);
            }
            if !value.is_empty() {
                // A value wraps inside its cell: an address is broken
                // anywhere, so join without a space.
                join(&mut row.1, &joined(&value), true);
            }
        }
        i += 1;
    }
    let rows = rows
        .into_iter()
        .map(|(l, v)| vec![cell(l.trim()), cell(v.trim())])
        .collect();
    (rows, i.max(start + 1))
}

fn cell(text: &str) -> Cell {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    Cell {
        paras: vec![text.clone()],
        text,
        shaded: false,
        images: Vec::new(),
    }
}

/// An indicator table from its header line at `start`: the rows, and the
/// index of the first line after the table.
pub(super) fn table(lines: &[Line], start: usize, body: f32) -> (Vec<Vec<Cell>>, usize) {
    let name_x = lines[start]
        .spans
        .iter()
        .find(|s| s.text.contains("Indikatornamn"))
        .map_or(0.0, |s| s.x);
    let is_row = |l: &Line| {
        l.spans
            .first()
            .is_some_and(|s| s.x < name_x - 3.0 && s.text.trim_start().starts_with("Indikator"))
    };
    // The extent: up to a heading or a wide gap; "Kommentar …" starts the
    // comment row.
    let mut end = start + 1;
    let mut comment_from: Option<usize> = None;
    while end < lines.len() {
        let (prev, l) = (&lines[end - 1], &lines[end]);
        let gap = prev.page == l.page && prev.y - l.y > body * 3.5;
        if is_heading(l, body).is_some() || gap {
            break;
        }
        if comment_from.is_none() && l.text().to_lowercase().starts_with("kommentar") {
            comment_from = Some(end);
        }
        end += 1;
    }
    let rows_end = comment_from.unwrap_or(end);
    let spans: Vec<&Span> = lines[start..rows_end]
        .iter()
        .flat_map(|l| &l.spans)
        .collect();
    // Column starts: where text starts, except inside another span.
    let mut starts: Vec<f32> = Vec::new();
    for s in &spans {
        if !starts.iter().any(|x| (x - s.x).abs() < 3.0) {
            starts.push(s.x);
        }
    }
    starts.retain(|&x| !spans.iter().any(|s| s.x < x - 3.0 && s.end > x + 3.0));
    starts.sort_by(f32::total_cmp);
    let right = spans.iter().map(|s| s.end).fold(0.0f32, f32::max) + body;
    let column = |x: f32| starts.iter().rposition(|&c| c <= x + 3.0).unwrap_or(0);
    let edge = |col: usize| starts.get(col + 1).copied().unwrap_or(right);
    let width = starts.len();
    let mut rows: Vec<Vec<Cell>> = vec![vec![Cell::default(); width]];
    // Where each cell's last fragment ended, for words broken at the edge.
    let mut ends: Vec<f32> = vec![0.0; width];
    for l in &lines[start..rows_end] {
        if is_row(l) {
            rows.push(vec![Cell::default(); width]);
            ends = vec![0.0; width];
        }
        let row = rows.last_mut().expect("a row");
        for s in &l.spans {
            let col = column(s.x);
            let broken = edge(col) - ends[col] < body * 2.0;
            join(&mut row[col].text, &s.text, broken);
            ends[col] = s.end;
        }
    }
    let mut rows: Vec<Vec<Cell>> = rows
        .into_iter()
        .map(|r| r.iter().map(|c| cell(&c.text)).collect())
        .collect();
    if let Some(from) = comment_from {
        // Paragraphs of the comment: a "TIPS:" line starts the template's.
        let mut paras: Vec<String> = Vec::new();
        let mut wrapped = false;
        for l in &lines[from..end] {
            let t = l.text();
            match paras.last_mut() {
                Some(p) if wrapped && !is_instruction(&t) => join(p, &t, false),
                _ => paras.push(t),
            }
            wrapped = last_text(l).ends_with([' ', '-']);
        }
        rows.push(vec![Cell {
            text: paras.join(" "),
            paras,
            shaded: false,
            images: Vec::new(),
        }]);
    }
    (rows, end)
}

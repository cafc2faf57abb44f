//! A PDF original laid out as the blocks a Word file gives (`docx::Block`),
//! so that the template is read the same way (`template::read`). Measured
//! against PDFs that LibreOffice writes from Word files ("Spara som PDF").
//!
//! From the text lines of `crate::pdf`:
//!
//! - **Headings**: a line in bold or larger than the body's size.
//! - **Paragraphs**: a line that ends in a space or a hyphen was wrapped
//!   (LibreOffice keeps the space it breaks at), so the next line continues
//!   it; any other line ends its paragraph. A line that starts with the
//!   template's wording (`template::instructions`) starts a paragraph of its
//!   own, so that an instruction never swallows a clinic's text, nor the
//!   reverse. A line starting "•" is a list item.
//! - **Indicator tables**: from the header line with "Indikatornamn", the
//!   columns are where the cells' text starts; each line starting
//!   "Indikator" in the first column starts a row, and every span goes to
//!   the column it starts in. A word broken at a cell's edge is joined
//!   again. "Kommentar …" under the rows is the table's comment row; a
//!   heading or a wide gap ends the table.
//! - **The form** ("Mottagningens namn   Brommaplans VC"): lines that start
//!   with a known label, the value far to the right, wrapped labels and
//!   values joined, make a two-column table.
//!
//! A PDF has no shading: the template's instruction text is dropped by its
//! known wording alone.

use super::docx::{Block, Cell, Para};
use super::template::instructions::is_instruction;
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

const BULLETS: [char; 4] = ['•', '●', '▪', '◦'];

/// The blocks of a PDF's lines.
pub fn blocks(lines: &[Line]) -> Vec<Block> {
    let body = body_size(lines);
    let mut out: Vec<Block> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let text = lines[i].text();
        if text.contains("Indikatornamn") {
            let (table, next) = table(lines, i, body);
            out.push(Block::Table(table));
            i = next;
            continue;
        }
        if form_label(&lines[i], body).is_some() {
            let (rows, next) = form(lines, i, body);
            out.push(Block::Table(rows));
            i = next;
            continue;
        }
        let heading = is_heading(&lines[i], body);
        let mut para = Para {
            style: heading.map(|l| format!("Rubrik{l}")).unwrap_or_default(),
            text: text.trim_start_matches(BULLETS).trim().to_string(),
            listed: text.starts_with(BULLETS),
            ..Para::default()
        };
        i += 1;
        while i < lines.len() {
            let (prev, next) = (&lines[i - 1], &lines[i]);
            let next_text = next.text();
            let wrapped = last_text(prev).ends_with([' ', '-']);
            let close = prev.page != next.page || prev.y - next.y <= body * 2.0;
            if !wrapped
                || !close
                || is_heading(next, body) != heading
                || is_instruction(&next_text)
                || next_text.starts_with(BULLETS)
                || form_label(next, body).is_some()
                || next_text.contains("Indikatornamn")
            {
                break;
            }
            // "stress- " + "och" keeps its space; "e-" + "post" joins.
            if last_text(prev).ends_with(' ') {
                para.text.push(' ');
            }
            para.text.push_str(&next_text);
            i += 1;
        }
        out.push(Block::Para(para));
    }
    out
}

/// The last span's text as written (with the space a wrapped line ends in).
fn last_text(line: &Line) -> &str {
    line.spans.last().map_or("", |s| s.text.as_str())
}

/// The size most of the text is set in.
fn body_size(lines: &[Line]) -> f32 {
    let mut sizes: Vec<(i32, usize)> = Vec::new();
    for s in lines.iter().flat_map(|l| &l.spans) {
        let key = (s.size * 2.0).round() as i32;
        match sizes.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += s.text.len(),
            None => sizes.push((key, s.text.len())),
        }
    }
    sizes
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .map_or(11.0, |(k, _)| k as f32 / 2.0)
}

/// `Some(1)` for a line clearly larger than the body, `Some(2)` for a bold
/// or slightly larger one.
fn is_heading(line: &Line, body: f32) -> Option<usize> {
    let size = line.spans.iter().map(|s| s.size).fold(0.0f32, f32::max);
    let bold = line.spans.iter().all(|s| s.bold);
    if size >= body + 2.5 {
        Some(1)
    } else if bold || size >= body + 0.9 {
        Some(2)
    } else {
        None
    }
}

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
fn form_label(line: &Line, body: f32) -> Option<String> {
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
fn form(lines: &[Line], start: usize, body: f32) -> (Vec<Vec<Cell>>, usize) {
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
    }
}

/// An indicator table from its header line at `start`: the rows, and the
/// index of the first line after the table.
fn table(lines: &[Line], start: usize, body: f32) -> (Vec<Vec<Cell>>, usize) {
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
        }]);
    }
    (rows, end)
}

//! A PDF original laid out as the blocks a Word file gives (`docx::Block`),
//! so that the template is read the same way (`template::read`).
//!
//! From the text lines of `crate::pdf`:
//!
//! - **Headings**: a line in bold or larger than the body's size.
//! - **Paragraphs**: lines joined while they follow closely and the line
//!   before reaches the right margin; a line that starts with the
//!   template's wording (`template::instructions`) starts a paragraph of its
//!   own, so that an instruction never swallows a clinic's text, nor the
//!   reverse. A line starting "•" is a list item.
//! - **Indicator tables**: from the header line with "Indikatornamn", the
//!   columns are where the cells' text starts; each "Indikator N" line starts
//!   a row, and every span goes to the column it starts in. A line that
//!   crosses a column's start is not a cell: "Kommentar …" there is the
//!   table's comment row, anything else ends the table.
//! - **The form** ("Mottagningens namn   Brommaplans VC"): a line of a known
//!   label and a value far to its right is a one-row table.
//!
//! A PDF has no shading: the template's instruction text is dropped by its
//! known wording alone.

use super::docx::{Block, Cell, Para};
use super::template::instructions::is_instruction;
use crate::pdf::Line;

/// The labels of the form at the top of the 2023 and 2025 templates.
const FORM_LABELS: [&str; 6] = [
    "mottagningens namn",
    "verksamhetschef",
    "kontaktperson för förbättringsarbetet",
    "kontaktpersonens e-post",
    "namn på er informationsapotekare",
    "verksamhetschefens e-post",
];

/// The blocks of a PDF's lines.
pub fn blocks(lines: &[Line]) -> Vec<Block> {
    let body = body_size(lines);
    let right = lines
        .iter()
        .filter_map(|l| l.spans.last().map(|s| s.end))
        .fold(0.0f32, f32::max);
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
        if let Some(row) = form_row(&lines[i], body) {
            out.push(Block::Table(vec![row]));
            i += 1;
            continue;
        }
        let heading = is_heading(&lines[i], body);
        let mut para = Para {
            style: match heading {
                Some(level) => format!("Rubrik{level}"),
                None => String::new(),
            },
            text: text.trim_start_matches(['•', '●', '▪']).trim().to_string(),
            listed: text.starts_with(['•', '●', '▪']),
            ..Para::default()
        };
        i += 1;
        // Join the lines that continue this paragraph.
        while i < lines.len() {
            let (prev, next) = (&lines[i - 1], &lines[i]);
            let next_text = next.text();
            let close = prev.page == next.page && prev.y - next.y <= body * 1.9;
            let full = prev.spans.last().is_some_and(|s| s.end >= right - body * 4.0);
            let same_kind = is_heading(next, body) == heading;
            if !close
                || !same_kind
                || (!full && heading.is_none())
                || is_instruction(&next_text)
                || next_text.starts_with(['•', '●', '▪'])
                || next_text.contains("Indikatornamn")
                || form_row(next, body).is_some()
            {
                break;
            }
            para.text.push(' ');
            para.text.push_str(&next_text);
            i += 1;
        }
        out.push(Block::Para(para));
    }
    out
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
/// or slightly larger one; short lines only (a heading is not a paragraph).
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

/// A form line: a known label, then its value well to the right.
fn form_row(line: &Line, body: f32) -> Option<Vec<Cell>> {
    let first = line.spans.first()?;
    let split = line
        .spans
        .windows(2)
        .position(|w| w[1].x - w[0].end > body * 2.0)?;
    let label: String = line.spans[..=split]
        .iter()
        .map(|s| s.text.trim())
        .collect::<Vec<_>>()
        .join(" ");
    let lower = label.to_lowercase();
    if first.x > 400.0 || !FORM_LABELS.iter().any(|l| lower == *l) {
        return None;
    }
    let value: String = line.spans[split + 1..]
        .iter()
        .map(|s| s.text.trim())
        .collect::<Vec<_>>()
        .join(" ");
    Some(vec![cell(&label), cell(&value)])
}

fn cell(text: &str) -> Cell {
    Cell {
        text: text.to_string(),
        paras: vec![text.to_string()],
        shaded: false,
    }
}

/// An indicator table from its header line at `start`: the rows, and the
/// index of the first line after the table.
fn table(lines: &[Line], start: usize, body: f32) -> (Vec<Vec<Cell>>, usize) {
    let is_row = |l: &Line| {
        let t = l.text();
        t.starts_with("Indikator ") && t[10..].starts_with(|c: char| c.is_ascii_digit())
    };
    // The extent: up to a line that crosses the columns (not a comment),
    // a heading, or a wide gap.
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
    // Column starts: where text starts in the header and the rows.
    let mut starts: Vec<f32> = Vec::new();
    for l in &lines[start..rows_end] {
        for s in &l.spans {
            if !starts.iter().any(|x| (x - s.x).abs() < 3.0) {
                starts.push(s.x);
            }
        }
    }
    starts.sort_by(f32::total_cmp);
    // A span starting inside another column's text is a continuation of
    // it, not a column: keep starts that no earlier span runs across.
    let spans: Vec<_> = lines[start..rows_end].iter().flat_map(|l| &l.spans).collect();
    starts.retain(|&x| !spans.iter().any(|s| s.x < x - 3.0 && s.end > x + 3.0));
    let column = |x: f32| starts.iter().rposition(|&c| c <= x + 3.0).unwrap_or(0);
    let width = starts.len();
    let empty_row = || vec![Cell::default(); width];
    let mut rows: Vec<Vec<Cell>> = vec![empty_row()];
    for l in &lines[start..rows_end] {
        if is_row(l) {
            rows.push(empty_row());
        }
        let row = rows.last_mut().expect("a row");
        for s in &l.spans {
            let c = &mut row[column(s.x)];
            if !c.text.is_empty() {
                c.text.push(' ');
            }
            c.text.push_str(s.text.trim());
        }
    }
    for row in &mut rows {
        for c in row.iter_mut() {
            c.text = c.text.split_whitespace().collect::<Vec<_>>().join(" ");
            c.paras = vec![c.text.clone()];
        }
    }
    if let Some(from) = comment_from {
        let text: Vec<String> = lines[from..end].iter().map(Line::text).collect();
        // Paragraphs of the comment: a "TIPS:" line starts the template's.
        let mut paras: Vec<String> = Vec::new();
        for t in text {
            match paras.last_mut() {
                Some(p) if !is_instruction(&t) && !is_instruction(p) => {
                    p.push(' ');
                    p.push_str(&t);
                }
                _ => paras.push(t),
            }
        }
        rows.push(vec![Cell {
            text: paras.join(" "),
            paras,
            shaded: false,
        }]);
    }
    (rows, end)
}

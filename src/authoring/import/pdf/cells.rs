//! The text of a table found by its lines (`crate::pdf::tables`): each
//! span goes to the cell its middle stands in; a cell's lines become its
//! paragraphs; a word the cell was too narrow for ("Indikato|r 1",
//! "Rehab|stöd", "22123|1", as the seed reports show) is joined again. A
//! cell is grey when a grey fill lies under its middle: the template's
//! instruction cells, as the Word reader marks a shaded `w:tc`.

use super::super::docx::Cell;
use super::words::{Vocabulary, Words};
use super::{ends_paragraph, join_lines};
use crate::pdf::tables::Grid;
use crate::pdf::{Fill, Line, Span};

/// A grid's rows of cells, in the shape the Word reader gives: one cell
/// per grid cell a row starts (a cell spanning columns once), a cell
/// spanning rows repeated in the rows below (as Word's merged cells are).
pub fn rows(
    grid: &Grid,
    spans: Vec<Span>,
    grey: &[Fill],
    vocabulary: &Vocabulary,
    pictures: &[(f32, f32, String)],
) -> Vec<Vec<Cell>> {
    let mut by_cell: Vec<Vec<Span>> = vec![Vec::new(); grid.cells.len()];
    for s in spans {
        let (x, y) = middle(&s);
        if let Some(i) = grid.cell_at(x, y) {
            by_cell[i].push(s);
        }
    }
    let mut texts: Vec<Cell> = grid
        .cells
        .iter()
        .zip(by_cell)
        .map(|(b, spans)| {
            let (mx, my) = ((b.x0 + b.x1) / 2.0, (b.y0 + b.y1) / 2.0);
            let shaded = grey.iter().any(|f| f.contains(mx, my));
            cell(spans, b.x0, b.x1, shaded, vocabulary)
        })
        .collect();
    for (x, y, name) in pictures {
        if let Some(i) = grid.cell_at(*x, *y) {
            texts[i].images.push(super::super::docx::Image {
                name: name.clone(),
                descr: None,
            });
        }
    }
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); grid.rows()];
    for r in 0..grid.rows() {
        for c in 0..grid.columns() {
            let Some(i) = grid.cells.iter().position(|b| {
                (b.row..b.row + b.rows).contains(&r) && (b.col..b.col + b.cols).contains(&c)
            }) else {
                continue;
            };
            let b = &grid.cells[i];
            if b.col == c {
                rows[r].push(texts[i].clone());
            }
        }
    }
    rows.retain(|r| !r.is_empty());
    rows
}

/// Where a span's text stands: its middle, a third of the size above its
/// baseline.
pub fn middle(s: &Span) -> (f32, f32) {
    ((s.x + s.end) / 2.0, s.y + s.size * 0.3)
}

/// One cell's text from its spans: lines joined into paragraphs, words
/// broken at the cell's edge joined again.
fn cell(spans: Vec<Span>, left: f32, right: f32, shaded: bool, vocabulary: &Vocabulary) -> Cell {
    let lines = crate::pdf::group_lines(spans);
    // Where the cell's text may reach at the right: its right edge less
    // the padding its text keeps from the left edge.
    let start = lines
        .iter()
        .filter_map(|l| l.spans.first())
        .map(|s| s.x)
        .fold(right, f32::min);
    let inner = right - (start - left).clamp(0.0, (right - left) / 4.0);
    let start = start.min(inner);
    let mut paras: Vec<String> = Vec::new();
    let mut prev: Option<&Line> = None;
    for line in &lines {
        let text = line.text();
        match (prev, paras.last_mut()) {
            (Some(p), Some(para)) if !ends_paragraph(p, line, inner) => {
                join_lines(
                    para,
                    &text,
                    broken_word(p, &text, (start, inner), vocabulary),
                );
            }
            _ => paras.push(text),
        }
        prev = Some(line);
    }
    let paras: Vec<String> = paras
        .into_iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    Cell {
        text: paras.join(" "),
        paras,
        shaded,
        images: Vec::new(),
    }
}

/// Where a line's ink ends: a trailing space (LibreOffice keeps the one
/// it wrapped at) does not count.
fn visible_end(line: &Line) -> f32 {
    let Some(last) = line.spans.last() else {
        return 0.0;
    };
    let spaces = last.text.len() - last.text.trim_end().len();
    last.end - spaces as f32 * Words::char_width(last)
}

/// A word the cell was too narrow for: the line reaches the cell's text
/// edge (less than a character short of it), is not wrapped at a space,
/// its last word and the next line's first one together are wider than
/// the cell's text (so no line could have held them: a word that fits is
/// wrapped whole, never broken), and the next line goes on in the same kind
/// of character (a lower-case letter after a letter, a digit after a
/// digit) with no word of its own ("och", "i"). Where the document writes
/// the two words elsewhere, side by side or joined, that decides.
fn broken_word(
    line: &Line,
    next: &str,
    (start, inner): (f32, f32),
    vocabulary: &Vocabulary,
) -> bool {
    let text = line.text();
    let last_word = text.split_whitespace().last().unwrap_or("");
    let first_next = next.split_whitespace().next().unwrap_or("");
    let (Some(a), Some(b)) = (last_word.chars().last(), first_next.chars().next()) else {
        return false;
    };
    let continues =
        (a.is_alphabetic() && b.is_lowercase()) || (a.is_ascii_digit() && b.is_ascii_digit());
    if let Some(joined) = vocabulary.knows(last_word, first_next) {
        return joined && continues;
    }
    let Some(last) = line.spans.last() else {
        return false;
    };
    let cw = Words::char_width(last);
    let joined_width = cw * (last_word.chars().count() + first_next.chars().count()) as f32;
    continues
        && !FUNCTION_WORDS.contains(&first_next.to_lowercase().as_str())
        && !FUNCTION_WORDS.contains(&last_word.to_lowercase().as_str())
        && !last.text.ends_with(char::is_whitespace)
        && inner - visible_end(line) < cw * 1.3
        && joined_width > inner - start
}

/// Words that stand on their own at a line's start.
const FUNCTION_WORDS: [&str; 16] = [
    "och", "att", "som", "i", "på", "av", "med", "för", "till", "en", "ett", "är", "eller", "samt",
    "om", "vid",
];

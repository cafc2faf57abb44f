//! A PDF original laid out as the blocks a Word file gives (`docx::Block`),
//! so that the template is read the same way (`template::read`). The
//! rules follow what the document *is*, not where one producer put its
//! text; they are measured on PDFs of three producers (LibreOffice,
//! Chromium, and tables without outer borders) and a held-out set
//! (`tests/suite/import_score.rs`).
//!
//! - **Tables** are found by their ruling lines (`crate::pdf::tables`), and
//!   their text assigned to cells by position (`cells.rs`). Only text
//!   outside any ruled table is read by alignment (`fallback.rs`: the
//!   indicator table under an "Indikatornamn" header, the form's label and
//!   value), for tables drawn without lines.
//! - **Grey boxes** are drawn: a line or a cell over a grey fill (the same
//!   colours the Word reader counts as grey) is the template's instruction
//!   text, marked shaded like a grey Word paragraph or cell.
//! - **Headings** by size and weight against the body's most common size;
//!   the template's section titles are known to `template::read` as well.
//! - **Paragraphs**: a line goes on on the next one when the next line's
//!   first word would not have fitted at its end (the line was wrapped),
//!   the next line follows at a line's distance (or starts the next page),
//!   and both are the same kind of text (heading or not, grey or not). So a
//!   paragraph, a heading or the title that wraps is one again, also over a
//!   page break. A hyphen at a line's end joins without a space ("e-" +
//!   "post"), except before a conjunction ("stress- och").
//! - **Read order**: top to bottom on each page, tables where they stand;
//!   a table that goes on at the top of the next page with the same
//!   columns is one table, a row split by the page break one row.

mod cells;
mod fallback;
mod words;

use super::docx::{grey_colour, Block, Para};
use super::template::instructions::is_instruction;
use crate::pdf::tables::{self, Grid};
use crate::pdf::{Fill, Line, Page, Span};
use words::{Vocabulary, Words};

const BULLETS: [char; 4] = ['•', '●', '▪', '◦'];
/// After a hyphen at a line's end, these words keep their space
/// ("stress- och smärtrelaterad").
const CONJUNCTIONS: [&str; 7] = ["och", "eller", "samt", "till", "respektive", "men", "som"];

/// One thing on a page, in reading order.
enum Item {
    /// A line outside any table: shaded (over a grey fill), and the right
    /// edge of the text it belongs to.
    Line(Line, bool, f32),
    Table(Grid, Vec<Vec<super::docx::Cell>>),
    /// A picture placed on the page (its media name).
    Picture(String),
}

/// A PDF read as the Word reader reads a .docx; an error when it has no
/// text to read (a scan).
pub fn read(bytes: &[u8]) -> Result<super::docx::Docx, super::ImportError> {
    let (doc, pages) = crate::pdf::read(bytes)?;
    let chars: usize = pages
        .iter()
        .flat_map(|p| &p.spans)
        .map(|s| s.text.trim().len())
        .sum();
    if chars < 40 {
        return Err(super::ImportError::NoText);
    }
    // The pictures placed on the pages, as files: each object once.
    let mut media = std::collections::HashMap::new();
    let mut names: std::collections::HashMap<lopdf::ObjectId, String> = Default::default();
    let mut budget = super::docx::MEDIA_LIMIT as usize;
    for p in pages.iter().flat_map(|p| &p.pictures) {
        if names.contains_key(&p.object) || !big_enough(p) {
            continue;
        }
        if let Some((ext, data)) = crate::pdf::picture_bytes(&doc, p.object) {
            if data.len() > budget {
                continue;
            }
            budget -= data.len();
            let name = format!("pdf-bild-{}.{ext}", names.len() + 1);
            media.insert(name.clone(), data);
            names.insert(p.object, name);
        }
    }
    Ok(super::docx::Docx {
        blocks: blocks(&pages, &names),
        media,
        charts: Default::default(),
    })
}

/// A picture, not a rule or a bullet: at least 20 points each way.
fn big_enough(p: &crate::pdf::Picture) -> bool {
    p.x1 - p.x0 >= 20.0 && p.y1 - p.y0 >= 20.0
}

/// The blocks of a PDF's pages; `pictures` names the image objects read
/// (the others are left out).
pub fn blocks(
    pages: &[Page],
    pictures: &std::collections::HashMap<lopdf::ObjectId, String>,
) -> Vec<Block> {
    let all: Vec<&Span> = pages.iter().flat_map(|p| &p.spans).collect();
    let body = body_size(&all);
    let vocabulary = Vocabulary::new(pages);
    let mut items: Vec<Item> = Vec::new();
    for page in pages {
        items.extend(page_items(page, &vocabulary, pictures));
    }
    let mut out: Vec<Block> = Vec::new();
    // The last table's page and columns, while nothing came after it.
    let mut open_table: Option<(usize, Vec<f32>)> = None;
    let mut i = 0;
    while i < items.len() {
        match &items[i] {
            Item::Table(grid, rows) => {
                // The same outer edges at the top of the next page (its
                // columns may differ: a header cell spans two).
                let continues = open_table.as_ref().is_some_and(|(page, xs)| {
                    let edge = |a: Option<&f32>, b: Option<&f32>| {
                        a.zip(b).is_some_and(|(a, b)| (a - b).abs() < 4.0)
                    };
                    *page + 1 == grid.page
                        && edge(xs.first(), grid.xs.first())
                        && edge(xs.last(), grid.xs.last())
                });
                let mut rows = rows.clone();
                // A box drawn right on top of a table (its borders touch)
                // is a box of its own: leading rows of one cell.
                while rows.len() > 1 && rows[0].len() == 1 && rows[1].len() > 1 {
                    out.push(Block::Table(vec![rows.remove(0)]));
                }
                match out.last_mut() {
                    Some(Block::Table(prev)) if continues => {
                        continue_table(prev, rows, &vocabulary)
                    }
                    _ => out.push(Block::Table(rows)),
                }
                open_table = Some((grid.page, grid.xs.clone()));
                i += 1;
            }
            Item::Picture(name) => {
                out.push(Block::Para(Para {
                    images: vec![super::docx::Image {
                        name: name.clone(),
                        descr: None,
                    }],
                    ..Para::default()
                }));
                open_table = None;
                i += 1;
            }
            Item::Line(..) => {
                let start = i;
                while i < items.len() && matches!(items[i], Item::Line(..)) {
                    i += 1;
                }
                let run: Vec<(&Line, bool, f32)> = items[start..i]
                    .iter()
                    .filter_map(|it| match it {
                        Item::Line(l, s, r) => Some((l, *s, *r)),
                        Item::Table(..) | Item::Picture(_) => None,
                    })
                    .collect();
                // Text between two tables: the second is a table of its own.
                open_table = None;
                paragraphs(&run, body, &mut out);
            }
        }
    }
    out
}

/// A table's rows from the next page: a first row without a first cell
/// goes on with the previous table's last row (a row the page break
/// split), the rest follow.
fn continue_table(
    prev: &mut Vec<Vec<super::docx::Cell>>,
    rows: Vec<Vec<super::docx::Cell>>,
    vocabulary: &Vocabulary,
) {
    let mut rows = rows.into_iter();
    let Some(first) = rows.next() else { return };
    let split = first.first().is_some_and(|c| c.text.is_empty())
        && prev.last().is_some_and(|r| {
            r.first().is_some_and(|c| !c.text.is_empty()) && r.len() == first.len()
        });
    if split {
        let last = prev.last_mut().expect("a row");
        for (a, b) in last.iter_mut().zip(first) {
            if !b.text.is_empty() {
                // A word the page break split ("patiente" | "r").
                let tail = a.text.split_whitespace().last().unwrap_or("");
                let head = b.text.split_whitespace().next().unwrap_or("");
                let broken = vocabulary.knows(tail, head) == Some(true);
                join_lines(&mut a.text, &b.text, broken);
                match (a.paras.last_mut(), b.paras.first()) {
                    (Some(p), Some(q)) => join_lines(p, q, broken),
                    _ => a.paras.extend(b.paras.first().cloned()),
                }
                a.paras.extend(b.paras.into_iter().skip(1));
            }
        }
    } else {
        prev.push(first);
    }
    prev.extend(rows);
}

/// A page's lines and tables, top to bottom.
fn page_items(
    page: &Page,
    vocabulary: &Vocabulary,
    pictures: &std::collections::HashMap<lopdf::ObjectId, String>,
) -> Vec<Item> {
    let grids = tables::find(&page.rules);
    let grey: Vec<Fill> = page
        .fills
        .iter()
        .filter(|f| f.x1 - f.x0 > 20.0 && f.y1 - f.y0 > 5.0 && grey_colour(&f.hex()))
        .copied()
        .collect();
    let mut in_grid: Vec<Vec<Span>> = vec![Vec::new(); grids.len()];
    let mut free: Vec<Span> = Vec::new();
    for s in &page.spans {
        if s.text.trim().is_empty() {
            continue;
        }
        let (x, y) = cells::middle(s);
        match grids.iter().position(|g| g.contains(x, y)) {
            Some(g) => in_grid[g].push(s.clone()),
            None => free.push(s.clone()),
        }
    }
    let lines = crate::pdf::group_lines(free);
    let shade = |l: &Line| -> Option<&Fill> {
        let s = &l.spans[0];
        grey.iter()
            .find(|f| f.contains(s.x + 1.0, s.y + s.size * 0.3))
    };
    // The body text's right edge: where most full lines end.
    let mut ends: Vec<f32> = lines
        .iter()
        .filter(|l| shade(l).is_none())
        .map(|l| l.spans.last().map_or(0.0, |s| s.end))
        .collect();
    ends.sort_by(f32::total_cmp);
    let right = ends.get(ends.len() * 9 / 10).copied().unwrap_or(0.0);
    let mut items: Vec<(f32, Item)> = Vec::new();
    for l in lines {
        let top = l.y + l.spans[0].size;
        let (shaded, edge) = match shade(&l) {
            Some(f) => (true, f.x1 - 4.0),
            None => (false, right),
        };
        items.push((top, Item::Line(l, shaded, edge)));
    }
    // Pictures: in a table's cell, or on their own.
    let mut placed: Vec<(f32, f32, String)> = Vec::new();
    for p in &page.pictures {
        if let Some(name) = pictures.get(&p.object).filter(|_| big_enough(p)) {
            let (x, y) = ((p.x0 + p.x1) / 2.0, (p.y0 + p.y1) / 2.0);
            if grids.iter().any(|g| g.contains(x, y)) {
                placed.push((x, y, name.clone()));
            } else {
                items.push((p.y1, Item::Picture(name.clone())));
            }
        }
    }
    for (grid, spans) in grids.into_iter().zip(in_grid) {
        let rows = cells::rows(&grid, spans, &grey, vocabulary, &placed);
        if rows
            .iter()
            .flatten()
            .all(|c| c.text.is_empty() && c.images.is_empty())
        {
            continue; // a frame around nothing (a picture's border)
        }
        items.push((grid.ys[0], Item::Table(grid, rows)));
    }
    items.sort_by(|a, b| b.0.total_cmp(&a.0));
    items.into_iter().map(|(_, i)| i).collect()
}

/// Paragraphs, headings, list items, and the tables read by alignment,
/// from a run of lines outside any ruled table.
fn paragraphs(run: &[(&Line, bool, f32)], body: f32, out: &mut Vec<Block>) {
    let lines: Vec<Line> = run.iter().map(|(l, ..)| (*l).clone()).collect();
    let mut i = 0;
    while i < lines.len() {
        let text = lines[i].text();
        if text.contains("Indikatornamn") {
            let (table, next) = fallback::table(&lines, i, body);
            out.push(Block::Table(table));
            i = next;
            continue;
        }
        if fallback::form_label(&lines[i], body).is_some() {
            let (rows, next) = fallback::form(&lines, i, body);
            out.push(Block::Table(rows));
            i = next;
            continue;
        }
        let heading = is_heading(&lines[i], body);
        let shaded = run[i].1;
        let mut para = Para {
            style: heading.map(|l| format!("Rubrik{l}")).unwrap_or_default(),
            text: text.trim_start_matches(BULLETS).trim().to_string(),
            listed: text.starts_with(BULLETS),
            shaded,
            ..Para::default()
        };
        i += 1;
        while i < lines.len() {
            let (prev, next) = (&lines[i - 1], &lines[i]);
            let next_text = next.text();
            if ends_paragraph(prev, next, run[i - 1].2)
                || run[i].1 != shaded
                || is_heading(next, body) != heading
                || is_instruction(&next_text)
                || next_text.starts_with(BULLETS)
                || fallback::form_label(next, body).is_some()
                || next_text.contains("Indikatornamn")
            {
                break;
            }
            join_lines(&mut para.text, &next_text, false);
            i += 1;
        }
        out.push(Block::Para(para));
    }
}

/// Whether `next` starts a new paragraph rather than going on with
/// `prev`: `prev` was not wrapped (the first word of `next` would have
/// fitted before `right`), or `next` is not at a line's distance below
/// (nor, in lower case, at the top of the next page).
pub(super) fn ends_paragraph(prev: &Line, next: &Line, right: f32) -> bool {
    let (Some(last), Some(first)) = (prev.spans.last(), next.spans.first()) else {
        return true;
    };
    let next_text = next.text();
    let word = next_text.split_whitespace().next().unwrap_or("");
    let width = Words::char_width(first) * word.chars().count() as f32;
    let space = Words::char_width(last) * 0.6;
    let wrapped = last.end + space + width > right - 1.0;
    let size = last.size.max(first.size);
    let close = if prev.page == next.page {
        let gap = prev.y - next.y;
        gap > 0.0 && gap <= size * 1.45
    } else {
        // Over a page break only mid-sentence: the next page goes on in
        // lower case (a new line in upper case may be a new paragraph).
        next.page == prev.page + 1 && next_text.starts_with(char::is_lowercase)
    };
    !(wrapped && close)
}

/// Adds a line's text to a paragraph or cell: directly after a word
/// broken at a cell's edge (`broken`) or a hyphen (unless a conjunction
/// follows), else after a space.
pub(super) fn join_lines(text: &mut String, next: &str, broken: bool) {
    let next = next.trim();
    let t = text.trim_end();
    let hyphen = t.ends_with('-')
        && t.chars().rev().nth(1).is_some_and(char::is_alphabetic)
        && !next
            .split_whitespace()
            .next()
            .is_some_and(|w| CONJUNCTIONS.contains(&w.to_lowercase().as_str()));
    text.truncate(t.len());
    if !text.is_empty() && !broken && !hyphen {
        text.push(' ');
    }
    text.push_str(next);
}

/// The last span's text as written (with the space a wrapped line ends in).
pub(super) fn last_text(line: &Line) -> &str {
    line.spans.last().map_or("", |s| s.text.as_str())
}

/// The size most of the text is set in.
fn body_size(spans: &[&Span]) -> f32 {
    let mut sizes: Vec<(i32, usize)> = Vec::new();
    for s in spans {
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
pub(super) fn is_heading(line: &Line, body: f32) -> Option<usize> {
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

//! `word/document.xml` → blocks: paragraphs and tables in document order,
//! with the shading of each paragraph and cell (its own, its paragraph
//! style's, its table's or its table style's).

use std::collections::{HashMap, HashSet};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::{attr, is_grey, Block, Cell, DocxError, Image, Para};

/// Where the parser is inside a table.
#[derive(Default)]
struct TableState {
    /// Grey by `w:tblPr/w:shd` or by its table style: every cell is.
    shaded: bool,
    rows: Vec<Vec<Cell>>,
    cell: Option<Cell>,
    /// A vertically merged continuation cell (repeats the cell above).
    merged_continue: bool,
}

/// The blocks of a document; `grey` are the ids of grey styles.
pub fn parse(
    xml: &str,
    rels: &HashMap<String, String>,
    grey: &HashSet<String>,
) -> Result<Vec<Block>, DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut blocks = Vec::new();
    let mut tables: Vec<TableState> = Vec::new();
    let mut para: Option<Para> = None;
    let mut in_text = false;
    let mut in_ppr = false;
    let mut in_tblpr = false;
    // An open hyperlink: where its text starts in the paragraph, and where
    // it goes.
    let mut link: Option<(usize, String)> = None;
    // The description of the picture being read (`wp:docPr` comes before
    // its `a:blip`).
    let mut descr: Option<String> = None;
    loop {
        let ev = reader.read_event()?;
        let empty = matches!(ev, Event::Empty(_));
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                match e.local_name().as_ref() {
                    "p" if !empty => para = Some(Para::default()),
                    "pPr" if !empty => in_ppr = true,
                    "tblPr" if !empty => in_tblpr = true,
                    "pStyle" => {
                        if let (Some(p), Some(v)) = (para.as_mut(), attr(&e, "val")) {
                            p.shaded |= grey.contains(&v);
                            p.style = v;
                        }
                    }
                    "tblStyle" if in_tblpr => {
                        if let (Some(t), Some(v)) = (tables.last_mut(), attr(&e, "val")) {
                            t.shaded |= grey.contains(&v);
                        }
                    }
                    "numPr" => {
                        if let Some(p) = para.as_mut() {
                            p.listed = true;
                        }
                    }
                    "shd" if is_grey(&e) => {
                        if in_ppr {
                            if let Some(p) = para.as_mut() {
                                p.shaded = true;
                            }
                        } else if in_tblpr {
                            if let Some(t) = tables.last_mut() {
                                t.shaded = true;
                            }
                        } else if para.is_none() {
                            if let Some(c) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                                c.shaded = true;
                            }
                        }
                    }
                    "t" if !empty => in_text = true,
                    "tab" => push_text(&mut para, "\t"),
                    "br" | "cr" => push_text(&mut para, " "),
                    "docPr" => {
                        descr = attr(&e, "descr")
                            .or_else(|| attr(&e, "title"))
                            .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
                            .filter(|d| !d.is_empty());
                    }
                    "blip" => {
                        let target = attr(&e, "embed").and_then(|id| rels.get(&id).cloned());
                        if let (Some(p), Some(t)) = (para.as_mut(), target) {
                            if let Some(name) = t.strip_prefix("media/") {
                                p.images.push(Image {
                                    name: name.to_string(),
                                    descr: descr.take(),
                                });
                            }
                        }
                    }
                    // A chart object (a pasted Excel chart): its part.
                    "chart" => {
                        let target = attr(&e, "id").and_then(|id| rels.get(&id).cloned());
                        if let (Some(p), Some(t)) = (para.as_mut(), target) {
                            if t.starts_with("charts/") {
                                p.images.push(Image {
                                    name: format!("chart:{t}"),
                                    descr: descr.take(),
                                });
                            }
                        }
                    }
                    "hyperlink" if !empty => {
                        let url = attr(&e, "id").and_then(|id| rels.get(&id).cloned());
                        link = url
                            .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
                            .and_then(|u| para.as_ref().map(|p| (p.text.len(), u)));
                    }
                    "tbl" if !empty => tables.push(TableState::default()),
                    "tr" if !empty => {
                        if let Some(t) = tables.last_mut() {
                            t.rows.push(Vec::new());
                        }
                    }
                    "tc" if !empty => {
                        if let Some(t) = tables.last_mut() {
                            t.cell = Some(Cell::default());
                            t.merged_continue = false;
                        }
                    }
                    // `<w:vMerge/>` without "restart" continues the cell above.
                    "vMerge" if attr(&e, "val").is_none_or(|v| v == "continue") => {
                        if let Some(t) = tables.last_mut() {
                            t.merged_continue = true;
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "pPr" => in_ppr = false,
                "tblPr" => in_tblpr = false,
                "hyperlink" => {
                    if let (Some((start, url)), Some(p)) = (link.take(), para.as_mut()) {
                        let text = p.text.split_off(start.min(p.text.len()));
                        if text.trim().is_empty() {
                            p.text.push_str(&text);
                        } else {
                            p.text.push_str(&format!("[{}]({url})", text.trim()));
                        }
                    }
                }
                "p" => {
                    let Some(mut p) = para.take() else { continue };
                    p.text = p.text.trim_end().to_string();
                    match tables.last_mut().and_then(|t| t.cell.as_mut()) {
                        Some(cell) => {
                            if !p.text.is_empty() {
                                if !cell.text.is_empty() {
                                    cell.text.push(' ');
                                }
                                cell.text.push_str(p.text.trim());
                                cell.paras.push(p.text.trim().to_string());
                            }
                            cell.shaded |= p.shaded;
                            cell.images.extend(p.images);
                        }
                        None => blocks.push(Block::Para(p)),
                    }
                }
                "tc" => {
                    if let Some(t) = tables.last_mut() {
                        let mut cell = t.cell.take().unwrap_or_default();
                        cell.shaded |= t.shaded;
                        let col = t.rows.last().map_or(0, Vec::len);
                        if t.merged_continue && cell.text.is_empty() && t.rows.len() >= 2 {
                            if let Some(above) = t.rows[t.rows.len() - 2].get(col) {
                                cell = above.clone();
                            }
                        }
                        if let Some(row) = t.rows.last_mut() {
                            row.push(cell);
                        }
                    }
                }
                "tbl" => {
                    if let Some(t) = tables.pop() {
                        match tables.last_mut().and_then(|outer| outer.cell.as_mut()) {
                            // A table in a cell: its text joins the cell.
                            Some(cell) => {
                                for row in &t.rows {
                                    for c in row {
                                        cell.text.push(' ');
                                        cell.text.push_str(&c.text);
                                        cell.images.extend(c.images.iter().cloned());
                                    }
                                }
                            }
                            None => blocks.push(Block::Table(t.rows)),
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => push_text(&mut para, &t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    push_text(&mut para, &c.to_string());
                } else if let Some(s) =
                    quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                {
                    push_text(&mut para, s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(blocks)
}

fn push_text(para: &mut Option<Para>, s: &str) {
    if let Some(p) = para.as_mut() {
        p.text.push_str(s);
    }
}

//! A reader for what the report template's Word files hold: paragraphs
//! (style id, text joined across runs, grey shading, list numbering,
//! hyperlinks, images) and tables (cell text, shading, merged cells), in
//! document order. Content controls (`w:sdt`) are read through.

use std::collections::HashMap;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    /// The paragraph style id (`Rubrik1`, `Heading2`, `Punktlista` …).
    pub style: String,
    pub text: String,
    /// Grey background: the template's instruction boxes.
    pub shaded: bool,
    /// A numbered or bulleted list item (`w:numPr`).
    pub listed: bool,
    /// Images in the paragraph, as media file names.
    pub images: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    /// The cell's paragraphs joined with a space.
    pub text: String,
    pub shaded: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Para),
    Table(Vec<Vec<Cell>>),
}

/// A read Word document.
#[derive(Debug, Default)]
pub struct Docx {
    pub blocks: Vec<Block>,
    /// Media file name (`image1.png`) → bytes.
    pub media: HashMap<String, Vec<u8>>,
}

/// Why a file is not a Word document the importer can read.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("not a Word file (a .docx is a zip archive, this is not one)")]
    NotZip,
    #[error("not a Word file: it has no word/document.xml")]
    NoDocument,
    #[error("word/document.xml is not valid XML: {0}")]
    Xml(#[from] quick_xml::Error),
}

/// Reads a .docx; the error says why it is not one.
pub fn read(bytes: &[u8]) -> Result<Docx, DocxError> {
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| DocxError::NotZip)?;
    let xml = read_part(&mut zip, "word/document.xml").ok_or(DocxError::NoDocument)?;
    let rels = read_part(&mut zip, "word/_rels/document.xml.rels").unwrap_or_default();
    let targets = relationships(&rels);
    let mut media = HashMap::new();
    for target in targets.values() {
        if let Some(name) = target.strip_prefix("media/") {
            let mut data = Vec::new();
            if let Ok(mut f) = zip.by_name(&format!("word/{target}")) {
                if f.read_to_end(&mut data).is_ok() {
                    media.insert(name.to_string(), data);
                }
            }
        }
    }
    let blocks = parse(&xml, &targets)?;
    Ok(Docx { blocks, media })
}

fn read_part<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Option<String> {
    let mut s = String::new();
    zip.by_name(name).ok()?.read_to_string(&mut s).ok()?;
    Some(s)
}

/// Relationship id → target, from `document.xml.rels`.
fn relationships(xml: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut reader = Reader::from_str(xml);
    while let Ok(ev) = reader.read_event() {
        match ev {
            Event::Empty(e) | Event::Start(e) if e.local_name().as_ref() == "Relationship" => {
                if let (Some(id), Some(t)) = (attr(&e, "Id"), attr(&e, "Target")) {
                    out.insert(id, t);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find_map(|a| (a.key.local_name().as_ref() == local).then(|| a.value.to_string()))
}

fn is_shading(e: &BytesStart) -> bool {
    attr(e, "fill").is_some_and(|f| {
        let f = f.to_ascii_lowercase();
        f != "auto" && f != "ffffff"
    })
}

/// Where the parser is inside a table.
#[derive(Default)]
struct TableState {
    rows: Vec<Vec<Cell>>,
    cell: Option<Cell>,
    /// A vertically merged continuation cell (repeats the cell above).
    merged_continue: bool,
}

fn parse(xml: &str, rels: &HashMap<String, String>) -> Result<Vec<Block>, DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut blocks = Vec::new();
    let mut tables: Vec<TableState> = Vec::new();
    let mut para: Option<Para> = None;
    let mut in_text = false;
    let mut in_ppr = false;
    // An open hyperlink: where its text starts in the paragraph, and where
    // it goes.
    let mut link: Option<(usize, String)> = None;
    loop {
        let ev = reader.read_event()?;
        let empty = matches!(ev, Event::Empty(_));
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                match e.local_name().as_ref() {
                    "p" if !empty => para = Some(Para::default()),
                    "pPr" if !empty => in_ppr = true,
                    "pStyle" => {
                        if let (Some(p), Some(v)) = (para.as_mut(), attr(&e, "val")) {
                            p.style = v;
                        }
                    }
                    "numPr" => {
                        if let Some(p) = para.as_mut() {
                            p.listed = true;
                        }
                    }
                    "shd" if is_shading(&e) => {
                        if in_ppr {
                            if let Some(p) = para.as_mut() {
                                p.shaded = true;
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
                    "blip" => {
                        let target = attr(&e, "embed").and_then(|id| rels.get(&id).cloned());
                        if let (Some(p), Some(t)) = (para.as_mut(), target) {
                            if let Some(name) = t.strip_prefix("media/") {
                                p.images.push(name.to_string());
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
                            }
                            cell.shaded |= p.shaded;
                        }
                        None => blocks.push(Block::Para(p)),
                    }
                }
                "tc" => {
                    if let Some(t) = tables.last_mut() {
                        let mut cell = t.cell.take().unwrap_or_default();
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

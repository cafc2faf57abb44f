//! A reader for what the report template's Word files hold: paragraphs
//! (style id, text joined across runs, grey shading, list numbering,
//! hyperlinks, images) and tables (cell text, shading, merged cells), in
//! document order (`body.rs`). Content controls (`w:sdt`) are read through.
//!
//! Grey is the template's mark of an instruction box, and it comes three
//! ways: the paragraph's or cell's own `w:shd`, its paragraph style's, or
//! its table style's (`word/styles.xml`, through `w:basedOn`). A fill counts
//! as grey by its colour (red, green and blue close together, neither white
//! nor near black) or as Word's "background 1, darker" theme shade, so
//! D9D9D9, D8D8D8, F2F2F2 and BFBFBF all count.
//!
//! The files come from hundreds of clinics: the reader is bounded. Each part
//! is read at most [`PART_LIMIT`] bytes uncompressed (a zip bomb stops
//! there with an error), the media at most [`MEDIA_LIMIT`] together.

mod body;
mod chart;

use std::collections::HashMap;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

pub use body::parse;
pub use chart::Chart;

/// The most bytes one part (document.xml, styles.xml) may unpack to.
pub const PART_LIMIT: u64 = 16 << 20;
/// The most bytes all images together may unpack to.
pub const MEDIA_LIMIT: u64 = 48 << 20;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    /// The paragraph style id (`Rubrik1`, `Heading2`, `Punktlista` …).
    pub style: String,
    pub text: String,
    /// Grey background: the template's instruction boxes.
    pub shaded: bool,
    /// A numbered or bulleted list item (`w:numPr`).
    pub listed: bool,
    /// Pictures in the paragraph: inline, floating (`wp:anchor`) and
    /// charts, in order.
    pub images: Vec<Image>,
}

/// A picture of the document: its media file name (`image1.png`), or a
/// chart part (`chart:charts/chart1.xml`), and the description Word keeps
/// for it (`wp:docPr/@descr`, the "Alternativ text").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Image {
    pub name: String,
    pub descr: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    /// The cell's paragraphs joined with a space.
    pub text: String,
    /// The cell's paragraphs one by one (for a "Kommentar …" cell whose
    /// last paragraph is the template's "TIPS: …").
    pub paras: Vec<String>,
    pub shaded: bool,
    /// Pictures in the cell's paragraphs.
    pub images: Vec<Image>,
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
    /// Chart objects by picture name (`chart:charts/chart1.xml`).
    pub charts: HashMap<String, Chart>,
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
    #[error("{0} unpacks to more than {limit} MiB (a damaged file or a zip bomb)", limit = PART_LIMIT >> 20)]
    TooLarge(String),
    #[error("word/document.xml is not UTF-8 text")]
    Encoding,
}

/// Reads a .docx; the error says why it is not one.
pub fn read(bytes: &[u8]) -> Result<Docx, DocxError> {
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| DocxError::NotZip)?;
    let xml = read_part(&mut zip, "word/document.xml")?.ok_or(DocxError::NoDocument)?;
    let rels = read_part(&mut zip, "word/_rels/document.xml.rels")?.unwrap_or_default();
    let styles = read_part(&mut zip, "word/styles.xml")?.unwrap_or_default();
    let targets = relationships(&rels);
    let mut media = HashMap::new();
    let mut budget = MEDIA_LIMIT;
    for target in targets.values() {
        if let Some(name) = target.strip_prefix("media/") {
            let Ok(f) = zip.by_name(&format!("word/{target}")) else {
                continue;
            };
            let mut data = Vec::new();
            let read = f.take(budget + 1).read_to_end(&mut data);
            if data.len() as u64 > budget {
                return Err(DocxError::TooLarge("word/media".to_string()));
            }
            if read.is_ok() {
                budget -= data.len() as u64;
                media.insert(name.to_string(), data);
            }
        }
    }
    let mut charts = HashMap::new();
    for target in targets.values().filter(|t| t.starts_with("charts/")) {
        if let Some(xml) = read_part(&mut zip, &format!("word/{target}"))? {
            if let Some(c) = chart::read(&xml) {
                charts.insert(format!("chart:{target}"), c);
            }
        }
    }
    let blocks = parse(&xml, &targets, &grey_styles(&styles))?;
    Ok(Docx {
        blocks,
        media,
        charts,
    })
}

/// A part's text, `None` when the archive has no such part; an error when it
/// unpacks past [`PART_LIMIT`] or is not UTF-8.
fn read_part<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<String>, DocxError> {
    let Ok(f) = zip.by_name(name) else {
        return Ok(None);
    };
    let mut data = Vec::new();
    if f.take(PART_LIMIT + 1).read_to_end(&mut data).is_err() {
        return Ok(None);
    }
    if data.len() as u64 > PART_LIMIT {
        return Err(DocxError::TooLarge(name.to_string()));
    }
    String::from_utf8(data)
        .map(Some)
        .map_err(|_| DocxError::Encoding)
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

/// The ids of the styles (paragraph or table) whose shading is grey,
/// directly or through the styles they are based on.
fn grey_styles(xml: &str) -> std::collections::HashSet<String> {
    let mut based_on: HashMap<String, String> = HashMap::new();
    let mut grey = std::collections::HashSet::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<String> = None;
    // Depth inside a `w:tblStylePr` (conditional formatting of a table's
    // first row and so on), whose shading is not the whole table's.
    let mut conditional = 0usize;
    while let Ok(ev) = reader.read_event() {
        let empty = matches!(ev, Event::Empty(_));
        match ev {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "style" if !empty => current = attr(&e, "styleId"),
                "tblStylePr" if !empty => conditional += 1,
                "basedOn" => {
                    if let (Some(id), Some(v)) = (current.clone(), attr(&e, "val")) {
                        based_on.insert(id, v);
                    }
                }
                "shd" if conditional == 0 && is_grey(&e) => {
                    if let Some(id) = &current {
                        grey.insert(id.clone());
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "style" => current = None,
                "tblStylePr" => conditional = conditional.saturating_sub(1),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    let ids: Vec<String> = based_on.keys().cloned().collect();
    for id in ids {
        // Follow the chain; a cycle or a long chain stops after 16 steps.
        let mut at = id.clone();
        for _ in 0..16 {
            if grey.contains(&at) {
                grey.insert(id.clone());
                break;
            }
            match based_on.get(&at) {
                Some(next) => at = next.clone(),
                None => break,
            }
        }
    }
    grey
}

pub(crate) fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find_map(|a| (a.key.local_name().as_ref() == local).then(|| a.value.to_string()))
}

/// A `w:shd` whose fill is grey (see the module's header).
pub(crate) fn is_grey(e: &BytesStart) -> bool {
    let theme = attr(e, "themeFill")
        .unwrap_or_default()
        .to_ascii_lowercase();
    if (theme == "background1" || theme == "bg1") && attr(e, "themeFillShade").is_some() {
        return true;
    }
    attr(e, "fill").is_some_and(|f| grey_colour(&f))
}

/// `RRGGBB` with the channels within 0x10 of each other, lighter than
/// 0x60 and darker than 0xF8 (white, and text-black, are not boxes).
pub fn grey_colour(hex: &str) -> bool {
    let hex = hex.trim();
    if hex.len() != 6 {
        return false;
    }
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    let (Some(r), Some(g), Some(b)) = (channel(0), channel(2), channel(4)) else {
        return false;
    };
    let (max, min) = (r.max(g).max(b), r.min(g).min(b));
    max - min <= 0x10 && min >= 0x60 && max < 0xF8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grey_is_a_colour_not_a_value() {
        for g in ["D9D9D9", "d8d8d8", "F2F2F2", "BFBFBF", "E7E6E6", "A6A6A6"] {
            assert!(grey_colour(g), "{g}");
        }
        for not in [
            "FFFFFF", "auto", "000000", "FFFF00", "DEEAF6", "C00000", "D9D9",
        ] {
            assert!(!grey_colour(not), "{not}");
        }
    }

    #[test]
    fn grey_by_cell_table_style_and_paragraph_style() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
<w:p><w:pPr><w:pStyle w:val="Box"/></w:pPr><w:r><w:t>By its style</w:t></w:r></w:p>
<w:p><w:r><w:t>Plain</w:t></w:r></w:p>
<w:tbl><w:tblPr><w:tblStyle w:val="Tbl"/></w:tblPr><w:tr><w:tc><w:p><w:r><w:t>By the table style</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:tbl><w:tr><w:tc><w:tcPr><w:shd w:val="clear" w:fill="D8D8D8"/></w:tcPr><w:p><w:r><w:t>By the cell</w:t></w:r></w:p></w:tc>
<w:tc><w:tcPr><w:shd w:val="clear" w:fill="FFFF00"/></w:tcPr><w:p><w:r><w:t>Yellow</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"#;
        let grey: std::collections::HashSet<String> =
            ["Box".to_string(), "Tbl".to_string()].into_iter().collect();
        let blocks = parse(xml, &HashMap::new(), &grey).unwrap();
        let Block::Para(p) = &blocks[0] else { panic!() };
        assert!(p.shaded && p.text == "By its style");
        let Block::Para(p) = &blocks[1] else { panic!() };
        assert!(!p.shaded);
        let Block::Table(t) = &blocks[2] else {
            panic!()
        };
        assert!(t[0][0].shaded);
        let Block::Table(t) = &blocks[3] else {
            panic!()
        };
        assert!(t[0][0].shaded && !t[0][1].shaded, "{t:?}");
    }

    #[test]
    fn styles_are_grey_through_based_on() {
        let xml = r#"<w:styles xmlns:w="w">
<w:style w:styleId="Box"><w:pPr><w:shd w:val="clear" w:fill="D9D9D9"/></w:pPr></w:style>
<w:style w:styleId="Box2"><w:basedOn w:val="Box"/></w:style>
<w:style w:styleId="Tbl"><w:tblStylePr w:type="firstRow"><w:tcPr><w:shd w:fill="D9D9D9"/></w:tcPr></w:tblStylePr></w:style>
<w:style w:styleId="Theme"><w:tcPr><w:shd w:themeFill="background1" w:themeFillShade="D9"/></w:tcPr></w:style>
</w:styles>"#;
        let g = grey_styles(xml);
        assert!(g.contains("Box") && g.contains("Box2") && g.contains("Theme"));
        assert!(!g.contains("Tbl"), "a header row's shading is not a box");
    }
}

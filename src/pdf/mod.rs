//! The text of a PDF with where it stands on the page, for the importer
//! (`authoring::import::pdf` lays it out as paragraphs and tables) and for
//! the privacy guard (`content::attachment_text`, plain lines).
//!
//! Built on `lopdf` (pure Rust, no network, bounded decompression): this
//! module runs the page's content stream itself (`text.rs`: the text and
//! graphics state, `Tj`/`TJ`, fonts' widths and ToUnicode maps) so that each
//! piece of text has a position and a width, which table cells need; and
//! collects what the page draws (`paint.rs`: ruling lines, filled
//! rectangles with their colour, placed images), so that tables are found
//! by their lines and grey boxes by their fill (`tables.rs`), as any
//! producer draws them, not by where one producer puts its text.
//!
//! Why our own interpreter on `lopdf` rather than a crate that does all of
//! it: `pdfsink-rs` (a port of pdfplumber) needs a newer Rust than this
//! crate's (its latest release asks for 1.97) and is a young 0.x with a
//! release every few weeks; `pdfraw` lays out text only (no lines, no
//! fills). Neither gives the fill colour of the boxes behind the text,
//! which the template's grey instructions need, and this reader already
//! bounds every stream, page and byte of text for untrusted files.
//!
//! PDFs come from anywhere: every stream is decompressed to at most
//! [`STREAM_LIMIT`] bytes, a document of more than [`PAGE_LIMIT`] pages or
//! [`TEXT_LIMIT`] bytes of text is refused, an encrypted document is
//! reported as such, and a page without text (a scan) yields no spans
//! rather than an error, so that the caller can say "no text layer".

mod image;
mod paint;
pub mod tables;
mod text;

use lopdf::{Document, LoadOptions};

/// The most bytes one stream may decompress to.
pub const STREAM_LIMIT: usize = 16 << 20;
/// The most pages read.
pub const PAGE_LIMIT: usize = 2000;
/// The most text read, in bytes, each piece of text counted with 64 bytes
/// of overhead (a report has some 50 KiB).
pub const TEXT_LIMIT: usize = 8 << 20;

/// A piece of text as one show operator placed it, in points from the
/// page's bottom left.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub page: usize,
    pub x: f32,
    pub y: f32,
    /// Where the text ends (x plus its advance width).
    pub end: f32,
    /// The font size on the page.
    pub size: f32,
    /// The font's name says bold ("…-Bold", "…Bold…").
    pub bold: bool,
    pub text: String,
}

/// A straight horizontal or vertical line the page draws (a stroke, or a
/// filled rectangle thin enough to be one), in points from the page's
/// bottom left: `at` is its y (horizontal) or x (vertical), `from`..`to`
/// its extent along it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub page: usize,
    pub vertical: bool,
    pub at: f32,
    pub from: f32,
    pub to: f32,
}

/// A filled rectangle and its colour (red, green, blue, 0–1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fill {
    pub page: usize,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub colour: [f32; 3],
}

impl Fill {
    /// The colour as `RRGGBB`, as Word writes a shading's fill.
    pub fn hex(&self) -> String {
        let [r, g, b] = self
            .colour
            .map(|c| (c.clamp(0.0, 1.0) * 255.0).round() as u8);
        format!("{r:02X}{g:02X}{b:02X}")
    }

    pub fn contains(&self, x: f32, y: f32) -> bool {
        (self.x0 - 1.0..=self.x1 + 1.0).contains(&x) && (self.y0 - 1.0..=self.y1 + 1.0).contains(&y)
    }
}

/// An image XObject placed on a page (`Do`), where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    pub page: usize,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub object: lopdf::ObjectId,
}

/// Everything read from one page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// From 1.
    pub number: usize,
    pub spans: Vec<Span>,
    pub rules: Vec<Rule>,
    pub fills: Vec<Fill>,
    pub pictures: Vec<Picture>,
}

/// The spans of one text line (same page, baselines within a few points),
/// left to right.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub page: usize,
    pub y: f32,
    pub spans: Vec<Span>,
}

impl Line {
    /// The line's text, spans joined with a space where there is a gap.
    pub fn text(&self) -> String {
        let mut s = String::new();
        let mut last_end: Option<f32> = None;
        for span in &self.spans {
            if let Some(end) = last_end {
                if span.x - end > span.size * 0.15 && !s.ends_with(' ') {
                    s.push(' ');
                }
            }
            s.push_str(&span.text);
            last_end = Some(span.end);
        }
        s.trim().to_string()
    }
}

pub use image::picture_bytes;

/// Why a PDF's text cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("not a PDF file (it does not start with %PDF-)")]
    NotPdf,
    #[error(
        "the PDF is encrypted (password-protected): save a copy without protection and import that"
    )]
    Encrypted,
    #[error("the PDF is damaged or truncated: {0}")]
    Damaged(String),
    #[error(
        "the PDF is truncated (it does not end with %%EOF): the file was not copied or saved whole"
    )]
    Truncated,
    #[error("the PDF is too large to read ({0})")]
    TooLarge(String),
}

/// The document, loaded with the limits above.
pub(crate) fn load(bytes: &[u8]) -> Result<Document, PdfError> {
    let start = bytes.iter().take(1024).position(|&b| b == b'%');
    if start.is_none_or(|i| !bytes[i..].starts_with(b"%PDF-")) {
        return Err(PdfError::NotPdf);
    }
    let options = LoadOptions {
        max_decompressed_size: Some(STREAM_LIMIT),
        ..LoadOptions::default()
    };
    // A PDF ends with "%%EOF" (some writers add a line or two after it).
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if !memchr_slice(tail, b"%%EOF") {
        return Err(PdfError::Truncated);
    }
    let encrypted = || encrypt_entry(bytes);
    let doc = match Document::load_mem_with_options(bytes, options) {
        Ok(d) => d,
        Err(_) if encrypted() => return Err(PdfError::Encrypted),
        Err(e) => return Err(PdfError::Damaged(e.to_string())),
    };
    // Encrypted, and not opened by the empty password (a document only
    // protected against editing opens, and is read).
    if (doc.is_encrypted() || encrypted()) && !doc.was_encrypted() {
        return Err(PdfError::Encrypted);
    }
    Ok(doc)
}

/// Whether the bytes hold an `/Encrypt` entry as a trailer has it: the
/// key followed by a reference (`/Encrypt 7 0 R`) or a dictionary. The
/// name alone elsewhere (a damaged or hostile dictionary's value) is not
/// encryption, and refusing such a file as password-protected would be
/// wrong.
fn encrypt_entry(bytes: &[u8]) -> bool {
    memchr::memmem::find_iter(bytes, b"/Encrypt").any(|at| {
        let rest = &bytes[at + b"/Encrypt".len()..];
        let rest = skip_space(rest);
        rest.starts_with(b"<<") || reference(rest)
    })
}

fn skip_space(b: &[u8]) -> &[u8] {
    let i = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    &b[i..]
}

/// `7 0 R` at the start of `b`.
fn reference(b: &[u8]) -> bool {
    let digits = |b: &[u8]| b.iter().take_while(|c| c.is_ascii_digit()).count();
    let n = digits(b);
    if n == 0 || !b.get(n).is_some_and(u8::is_ascii_whitespace) {
        return false;
    }
    let b = skip_space(&b[n..]);
    let g = digits(b);
    g > 0 && b.get(g).is_some_and(u8::is_ascii_whitespace) && skip_space(&b[g..]).starts_with(b"R")
}

fn memchr_slice(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Every page: its spans in content-stream order, its rules, fills and
/// pictures; with the loaded document, for the pictures' bytes.
pub fn read(bytes: &[u8]) -> Result<(Document, Vec<Page>), PdfError> {
    // lopdf is not written for hostile input everywhere: a panic in it is
    // a damaged file, not a crash of the whole import.
    std::panic::catch_unwind(|| {
        let doc = load(bytes)?;
        let pages = pages_of(&doc)?;
        Ok((doc, pages))
    })
    .unwrap_or_else(|_| Err(PdfError::Damaged("it cannot be read".to_string())))
}

/// Every page of a loaded document (the cleaner reads the text of the copy
/// it made, before writing it).
pub(crate) fn pages_of(doc: &Document) -> Result<Vec<Page>, PdfError> {
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(PdfError::Damaged("it has no pages".to_string()));
    }
    if pages.len() > PAGE_LIMIT {
        return Err(PdfError::TooLarge(format!("{} pages", pages.len())));
    }
    let mut out = Vec::new();
    let mut budget = TEXT_LIMIT;
    for (n, (_, id)) in pages.iter().enumerate() {
        out.push(text::page_content(doc, *id, n + 1, &mut budget)?);
    }
    Ok(out)
}

/// Every span of every page of a loaded document, as [`spans`] gives them.
pub(crate) fn spans_of(doc: &Document) -> Result<Vec<Span>, PdfError> {
    Ok(pages_of(doc)?.into_iter().flat_map(|p| p.spans).collect())
}

/// Every span of every page, in page order and content-stream order.
pub fn spans(bytes: &[u8]) -> Result<Vec<Span>, PdfError> {
    Ok(read(bytes)?.1.into_iter().flat_map(|p| p.spans).collect())
}

/// The text lines of a PDF, top to bottom on each page.
pub fn lines(bytes: &[u8]) -> Result<Vec<Line>, PdfError> {
    Ok(group_lines(spans(bytes)?))
}

/// Spans grouped into lines: by page, then by baseline (top first), then
/// left to right.
pub fn group_lines(mut spans: Vec<Span>) -> Vec<Line> {
    spans.retain(|s| !s.text.trim().is_empty());
    spans.sort_by(|a, b| {
        a.page
            .cmp(&b.page)
            .then(b.y.total_cmp(&a.y))
            .then(a.x.total_cmp(&b.x))
    });
    let mut lines: Vec<Line> = Vec::new();
    for span in spans {
        match lines.last_mut() {
            Some(l) if l.page == span.page && (l.y - span.y).abs() <= span.size.max(4.0) * 0.3 => {
                l.spans.push(span)
            }
            _ => lines.push(Line {
                page: span.page,
                y: span.y,
                spans: vec![span],
            }),
        }
    }
    for l in &mut lines {
        l.spans.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    lines
}

/// The text of a PDF, one text line per line (for the privacy guard: line
/// *n* of the result is the document's *n*th text line).
pub fn text(bytes: &[u8]) -> Result<String, PdfError> {
    Ok(lines_text(lines(bytes)?))
}

/// Text lines joined, one a line.
pub(crate) fn lines_text(lines: Vec<Line>) -> String {
    let mut out = String::new();
    for line in lines {
        out.push_str(&line.text());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_pdf_and_damaged() {
        assert!(matches!(spans(b"hello"), Err(PdfError::NotPdf)));
        assert!(matches!(
            spans(b"%PDF-1.7\n1 0 obj"),
            Err(PdfError::Truncated)
        ));
        assert!(matches!(
            spans(b"%PDF-1.7\n1 0 obj\n%%EOF"),
            Err(PdfError::Damaged(_))
        ));
        let encrypted = b"%PDF-1.4\ntrailer << /Encrypt 5 0 R /Root 1 0 R >>\n%%EOF";
        assert!(matches!(spans(encrypted), Err(PdfError::Encrypted)));
        // The name as some other key's value is not encryption.
        assert!(encrypt_entry(b"trailer << /Encrypt 5 0 R >>"));
        assert!(encrypt_entry(b"/Encrypt\n<< /Filter /Standard >>"));
        assert!(!encrypt_entry(b"<< /Resou/Encrypt/Font << /F1 5 0 R >> >>"));
        assert!(!encrypt_entry(b"[ /Encrypt 7W] /Encrypt 7 0"));
    }

    #[test]
    fn spans_make_lines() {
        let s = |x: f32, y: f32, t: &str| Span {
            page: 1,
            x,
            y,
            end: x + 5.0 * t.len() as f32,
            size: 10.0,
            bold: false,
            text: t.to_string(),
        };
        let lines = group_lines(vec![
            s(100.0, 700.0, "värld"),
            s(50.0, 700.5, "Hej"),
            s(50.0, 680.0, "Nästa"),
        ]);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text(), "Hej värld");
        assert_eq!(lines[1].text(), "Nästa");
    }
}

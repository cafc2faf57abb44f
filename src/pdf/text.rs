//! One page's content stream run: the graphics state (`q`, `Q`, `cm`,
//! colours, line width, paths: `paint.rs`) and the text state (`BT`, `Tf`,
//! `Td`, `TD`, `Tm`, `T*`, `TL`, `Tc`, `Tw`, `Tz`). Each `Tj`, `TJ`, `'` and
//! `"` makes a [`Span`] at its place on the page, its text decoded by the
//! font's encoding or ToUnicode map and its width from the font's `Widths`
//! (simple fonts) or `W` (composite fonts); each painted path makes rules
//! and fills; each image XObject placed with `Do` a [`Picture`] where the
//! matrix puts its unit square. Form XObjects are not entered (LibreOffice,
//! Word and Chromium write text and tables on the page itself).

use std::collections::BTreeMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};

use super::paint::{self, mul, GState, Matrix, Path, IDENTITY};
use super::{Page, PdfError, Picture, Span, STREAM_LIMIT};

fn translate(tx: f32, ty: f32) -> Matrix {
    [1.0, 0.0, 0.0, 1.0, tx, ty]
}

/// What a font gives the reader: how to decode, how wide each code is.
struct Font<'a> {
    encoding: Option<Encoding<'a>>,
    /// Two-byte codes (a composite font, `Type0`).
    wide: bool,
    first_char: i64,
    widths: Vec<f32>,
    /// Composite fonts: code → width, and the default.
    cid_widths: BTreeMap<u32, f32>,
    default_width: f32,
    bold: bool,
}

impl<'a> Font<'a> {
    fn new(doc: &'a Document, dict: &'a Dictionary) -> Font<'a> {
        let name = |d: &Dictionary, k: &[u8]| {
            d.get(k)
                .ok()
                .and_then(|o| o.as_name().ok())
                .map(|n| String::from_utf8_lossy(n).into_owned())
        };
        let subtype = name(dict, b"Subtype").unwrap_or_default();
        let base = name(dict, b"BaseFont").unwrap_or_default().to_lowercase();
        let mut f = Font {
            encoding: dict.get_font_encoding_with_limit(doc, STREAM_LIMIT).ok(),
            wide: subtype == "Type0",
            first_char: dict
                .get(b"FirstChar")
                .ok()
                .and_then(|o| o.as_i64().ok())
                .unwrap_or(0),
            widths: Vec::new(),
            cid_widths: BTreeMap::new(),
            default_width: 1000.0,
            bold: base.contains("bold") || base.contains("black") || base.contains("heavy"),
        };
        if let Ok(Object::Array(w)) = dict.get_deref(b"Widths", doc) {
            f.widths = w.iter().map(|o| number(doc, o).unwrap_or(0.0)).collect();
            f.default_width = 500.0;
        }
        if f.wide {
            let descendant = dict
                .get_deref(b"DescendantFonts", doc)
                .ok()
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_dict().ok());
            if let Some(d) = descendant {
                if let Some(dw) = d.get(b"DW").ok().and_then(|o| number(doc, o)) {
                    f.default_width = dw;
                }
                if let Ok(Object::Array(w)) = d.get_deref(b"W", doc) {
                    f.cid_widths = cid_widths(doc, w);
                }
            }
        }
        f
    }

    fn codes(&self, bytes: &[u8]) -> Vec<u32> {
        if self.wide {
            bytes
                .chunks(2)
                .map(|c| (u32::from(c[0]) << 8) | u32::from(*c.get(1).unwrap_or(&0)))
                .collect()
        } else {
            bytes.iter().map(|&b| u32::from(b)).collect()
        }
    }

    /// A code's width in thousandths of the font size.
    fn width(&self, code: u32) -> f32 {
        if self.wide {
            return *self.cid_widths.get(&code).unwrap_or(&self.default_width);
        }
        let i = i64::from(code) - self.first_char;
        usize::try_from(i)
            .ok()
            .and_then(|i| self.widths.get(i).copied())
            .unwrap_or(self.default_width)
    }

    fn decode(&self, bytes: &[u8]) -> String {
        match &self.encoding {
            Some(e) => Document::decode_text(e, bytes).unwrap_or_default(),
            None => bytes.iter().map(|&b| char::from(b)).collect(),
        }
    }
}

fn number(doc: &Document, o: &Object) -> Option<f32> {
    let o = doc.dereference(o).ok()?.1;
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// A composite font's `W` array: `c [w1 w2 …]` or `c1 c2 w`.
fn cid_widths(doc: &Document, w: &[Object]) -> BTreeMap<u32, f32> {
    let mut out = BTreeMap::new();
    let mut i = 0;
    while i + 1 < w.len() && out.len() < 65536 {
        let Some(first) = number(doc, &w[i]) else {
            break;
        };
        let first = first.max(0.0) as u32;
        match doc.dereference(&w[i + 1]).map(|(_, o)| o) {
            Ok(Object::Array(list)) => {
                for (k, o) in list.iter().take(65536).enumerate() {
                    out.insert(first + k as u32, number(doc, o).unwrap_or(0.0));
                }
                i += 2;
            }
            _ => {
                let (Some(last), Some(width)) = (
                    w.get(i + 1).and_then(|o| number(doc, o)),
                    w.get(i + 2).and_then(|o| number(doc, o)),
                ) else {
                    break;
                };
                let last = (last.max(0.0) as u32).min(first.saturating_add(65536));
                for c in first..=last {
                    out.insert(c, width);
                }
                i += 3;
            }
        }
    }
    out
}

/// The text state inside `BT … ET` and the graphics state around it.
struct State {
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    font: Option<Vec<u8>>,
    size: f32,
    leading: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
}

fn operand(ops: &[Object], i: usize) -> f32 {
    match ops.get(i) {
        Some(Object::Integer(n)) => *n as f32,
        Some(Object::Real(r)) => *r,
        _ => 0.0,
    }
}

fn operands(ops: &[Object]) -> Vec<f32> {
    (0..ops.len().min(4)).map(|i| operand(ops, i)).collect()
}

/// What one page shows (numbered `page` from 1): its text, rules, fills
/// and pictures. `budget` is what is left of [`TEXT_LIMIT`](super::TEXT_LIMIT):
/// each span costs its text and a fixed overhead, so that a stream of
/// millions of one-letter strings stops early.
pub fn page_content(
    doc: &Document,
    id: ObjectId,
    page: usize,
    budget: &mut usize,
) -> Result<Page, PdfError> {
    let data = doc
        .get_page_content_with_limit(id, STREAM_LIMIT)
        .map_err(|e| PdfError::TooLarge(e.to_string()))?;
    // One operation at a time: a stream of millions of tiny operators is
    // never held as a list.
    let operations = Content::decode_iter(&data);
    let fonts_dicts = doc.get_page_fonts(id).unwrap_or_default();
    let fonts: BTreeMap<Vec<u8>, Font> = fonts_dicts
        .iter()
        .map(|(k, d)| (k.clone(), Font::new(doc, d)))
        .collect();
    let xobjects = xobjects(doc, id);
    let mut path = Path::default();
    let mut out = Page {
        number: page,
        ..Page::default()
    };
    let mut st = State {
        gs: GState::default(),
        stack: Vec::new(),
        tm: IDENTITY,
        tlm: IDENTITY,
        font: None,
        size: 0.0,
        leading: 0.0,
        char_spacing: 0.0,
        word_spacing: 0.0,
        scale: 1.0,
    };
    for op in operations {
        let op = op.map_err(|e| PdfError::Damaged(e.to_string()))?;
        let o = &op.operands;
        let ctm = st.gs.ctm;
        let point = |i: usize| paint::apply(&ctm, operand(o, i), operand(o, i + 1));
        match op.operator.as_str() {
            "q" if st.stack.len() < 256 => st.stack.push(st.gs),
            "Q" => st.gs = st.stack.pop().unwrap_or_default(),
            "cm" => {
                let m = [0, 1, 2, 3, 4, 5].map(|i| operand(o, i));
                st.gs.ctm = mul(&m, &st.gs.ctm);
            }
            "w" => st.gs.line_width = operand(o, 0),
            "g" | "rg" | "k" | "sc" | "scn" => st.gs.fill = paint::colour(&operands(o)),
            "G" | "RG" | "K" | "SC" | "SCN" => st.gs.stroke = paint::colour(&operands(o)),
            "cs" => st.gs.fill = [0.0; 3],
            "CS" => st.gs.stroke = [0.0; 3],
            "m" => path.move_to(point(0)),
            "l" => path.line_to(point(0)),
            "c" => path.curve_to(point(4)),
            "v" | "y" => path.curve_to(point(2)),
            "h" => path.close(),
            "re" => path.rect(
                &ctm,
                operand(o, 0),
                operand(o, 1),
                operand(o, 2),
                operand(o, 3),
            ),
            "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" | "n" => {
                let name = op.operator.as_str();
                if matches!(name, "s" | "b" | "b*") {
                    path.close();
                }
                let stroke = matches!(name, "S" | "s" | "B" | "B*" | "b" | "b*");
                let fill = matches!(name, "f" | "F" | "f*" | "B" | "B*" | "b" | "b*");
                path.paint(&st.gs, stroke, fill, page, &mut out.rules, &mut out.fills);
            }
            "Do" => {
                let name = o.first().and_then(|n| n.as_name().ok());
                if let Some(&image) = name.and_then(|n| xobjects.get(n)) {
                    let corners = [(0.0, 0.0), (1.0, 1.0)].map(|(x, y)| paint::apply(&ctm, x, y));
                    if out.pictures.len() < 1000 {
                        out.pictures.push(Picture {
                            page,
                            x0: corners[0].0.min(corners[1].0),
                            y0: corners[0].1.min(corners[1].1),
                            x1: corners[0].0.max(corners[1].0),
                            y1: corners[0].1.max(corners[1].1),
                            object: image,
                        });
                    }
                }
                continue;
            }
            "BT" => {
                st.tm = IDENTITY;
                st.tlm = IDENTITY;
            }
            "Tf" => {
                st.font = o.first().and_then(|n| n.as_name().ok()).map(<[u8]>::to_vec);
                st.size = operand(o, 1);
            }
            "Td" => next_line(&mut st, operand(o, 0), operand(o, 1)),
            "TD" => {
                st.leading = -operand(o, 1);
                next_line(&mut st, operand(o, 0), operand(o, 1));
            }
            "Tm" => {
                st.tm = [0, 1, 2, 3, 4, 5].map(|i| operand(o, i));
                st.tlm = st.tm;
            }
            "T*" => {
                let l = st.leading;
                next_line(&mut st, 0.0, -l);
            }
            "TL" => st.leading = operand(o, 0),
            "Tc" => st.char_spacing = operand(o, 0),
            "Tw" => st.word_spacing = operand(o, 0),
            "Tz" => st.scale = operand(o, 0) / 100.0,
            "Tj" | "'" | "\"" => {
                if op.operator == "'" || op.operator == "\"" {
                    if op.operator == "\"" {
                        st.word_spacing = operand(o, 0);
                        st.char_spacing = operand(o, 1);
                    }
                    let l = st.leading;
                    next_line(&mut st, 0.0, -l);
                }
                if let Some(Ok(bytes)) = o.last().map(Object::as_str) {
                    show(
                        &mut st,
                        &fonts,
                        &[Object::string_literal(bytes.to_vec())],
                        page,
                        &mut out.spans,
                    );
                }
            }
            "TJ" => {
                if let Some(Ok(items)) = o.first().map(Object::as_array) {
                    show(&mut st, &fonts, items, page, &mut out.spans);
                }
            }
            _ => continue,
        }
        if !matches!(op.operator.as_str(), "Tj" | "TJ" | "'" | "\"") {
            continue;
        }
        if let Some(span) = out.spans.last() {
            let cost = span.text.len() + 64;
            if cost > *budget {
                return Err(PdfError::TooLarge(
                    "more text than a report has".to_string(),
                ));
            }
            *budget -= cost;
        }
    }
    Ok(out)
}

/// The page's image XObjects by resource name (forms are not entered).
fn xobjects(doc: &Document, id: ObjectId) -> BTreeMap<Vec<u8>, ObjectId> {
    let mut out = BTreeMap::new();
    let Ok((own, inherited)) = doc.get_page_resources(id) else {
        return out;
    };
    let dicts = own
        .into_iter()
        .chain(inherited.iter().filter_map(|i| doc.get_dictionary(*i).ok()));
    for resources in dicts {
        let Ok(Object::Dictionary(x)) = resources.get_deref(b"XObject", doc) else {
            continue;
        };
        for (name, value) in x.iter() {
            let Ok(image) = value.as_reference() else {
                continue;
            };
            let is_image = doc
                .get_object(image)
                .and_then(Object::as_stream)
                .is_ok_and(|s| {
                    s.dict
                        .get(b"Subtype")
                        .and_then(Object::as_name)
                        .is_ok_and(|n| n == b"Image")
                });
            if is_image {
                out.entry(name.clone()).or_insert(image);
            }
        }
    }
    out
}

fn next_line(st: &mut State, tx: f32, ty: f32) {
    st.tlm = mul(&translate(tx, ty), &st.tlm);
    st.tm = st.tlm;
}

/// One show operator: its strings and kerning numbers as one span (a
/// kerning gap wider than a third of the font size becomes a space).
fn show(
    st: &mut State,
    fonts: &BTreeMap<Vec<u8>, Font>,
    items: &[Object],
    page: usize,
    out: &mut Vec<Span>,
) {
    let Some(font) = st.font.as_ref().and_then(|f| fonts.get(f)) else {
        return;
    };
    let start = mul(&st.tm, &st.gs.ctm);
    let mut text = String::new();
    for item in items {
        match item {
            Object::String(bytes, _) => {
                text.push_str(&font.decode(bytes));
                let mut advance = 0.0;
                for code in font.codes(bytes) {
                    let mut w = font.width(code) / 1000.0 * st.size + st.char_spacing;
                    if !font.wide && code == 32 {
                        w += st.word_spacing;
                    }
                    advance += w * st.scale;
                }
                st.tm = mul(&translate(advance, 0.0), &st.tm);
            }
            Object::Integer(_) | Object::Real(_) => {
                let n = operand(std::slice::from_ref(item), 0);
                let advance = -n / 1000.0 * st.size * st.scale;
                if n < -333.0 && !text.ends_with(' ') {
                    text.push(' ');
                }
                st.tm = mul(&translate(advance, 0.0), &st.tm);
            }
            _ => {}
        }
    }
    let end = mul(&st.tm, &st.gs.ctm);
    let size = st.size * (start[2] * start[2] + start[3] * start[3]).sqrt();
    let text: String = text.chars().filter(|c| !c.is_control()).collect();
    if text.trim().is_empty() || !start[4].is_finite() || !start[5].is_finite() {
        return;
    }
    out.push(Span {
        page,
        x: start[4],
        y: start[5],
        end: end[4].max(start[4]),
        size: if size.is_finite() && size > 0.0 {
            size
        } else {
            10.0
        },
        bold: font.bold,
        text,
    });
}

//! Cleaning a PDF: the file is written anew from the objects its pages and
//! catalog still reach, so that what an incremental save left behind (the
//! earlier revisions, appended after each other in one file) is not copied.
//!
//! Removed: the document information dictionary (author, title, creator,
//! producer, dates) and every XMP metadata stream; annotations other than
//! links (comments, highlights, sticky notes, stamps, file attachments,
//! form fields and their `AcroForm`); embedded files and document
//! JavaScript (the catalog's `Names`); the open action and every additional
//! action (`AA`); any action other than going to an address, a page or a
//! named destination (JavaScript, launching a program, submitting a form);
//! page thumbnails and application data (`PieceInfo`); EXIF and other
//! metadata inside JPEG pictures. A PDF that needs a password to open is
//! refused; one protected only against editing (an owner password with an
//! empty user password) opens without one, and its copy is not encrypted.

use std::collections::{BTreeMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::removed::{Hidden, Item, Place};
use super::{image, CleanError, Cleaned, Kind};
use crate::pdf::PdfError;

/// Cleans a PDF.
pub fn clean(bytes: &[u8]) -> Result<Cleaned, CleanError> {
    // lopdf is not written for hostile input everywhere: a panic in it is a
    // damaged file.
    std::panic::catch_unwind(|| clean_doc(bytes))
        .unwrap_or_else(|_| Err(CleanError::Damaged("it cannot be read".into())))
}

fn text_of(o: &Object) -> String {
    lopdf::decode_text_string(o).unwrap_or_else(|_| match o {
        Object::String(s, _) => String::from_utf8_lossy(s).into_owned(),
        Object::Name(n) => String::from_utf8_lossy(n).into_owned(),
        _ => String::new(),
    })
}

/// An action that does more than go somewhere (an address, a page, a
/// named destination, a viewer command): JavaScript, launching a program,
/// submitting a form, opening another file. A value under `/A` that is
/// not an action (a structure element's attributes, which have no `/S`)
/// is left alone.
fn runs_something(objects: &BTreeMap<ObjectId, Object>, a: &Object) -> bool {
    let a = match a {
        Object::Reference(id) => objects.get(id),
        o => Some(o),
    };
    let kind = a
        .and_then(|a| a.as_dict().ok())
        .and_then(|d| d.get(b"S").ok())
        .and_then(|s| s.as_name().ok());
    kind.is_some_and(|k| !matches!(k, b"URI" | b"GoTo" | b"Named"))
}

fn clean_doc(bytes: &[u8]) -> Result<Cleaned, CleanError> {
    let mut doc = crate::pdf::load(bytes).map_err(|e| match e {
        PdfError::Encrypted => CleanError::Password,
        PdfError::TooLarge(s) => CleanError::TooLarge(s),
        e => CleanError::Damaged(e.to_string()),
    })?;
    let mut out = Cleaned::default();
    if doc.was_encrypted() {
        out.removed.note(Item::OwnerPassword);
    }
    out.removed
        .add(Item::Revision, doc.revision_count().saturating_sub(1));
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| CleanError::Damaged("it has no catalog".into()))?;
    if let Ok(info) = doc
        .trailer
        .get(b"Info")
        .and_then(|o| doc.dereference(o))
        .and_then(|(_, o)| o.as_dict())
    {
        for (k, v) in info.iter() {
            let v = doc.dereference(v).map(|(_, o)| o).unwrap_or(v);
            let text = text_of(v);
            if text.trim().is_empty() {
                continue;
            }
            let key = String::from_utf8_lossy(k).into_owned();
            out.removed.note(if key == "Author" {
                Item::Author
            } else {
                Item::Properties
            });
            out.hidden.push(Hidden {
                place: Place::PdfInfo(key),
                text,
            });
        }
    }
    let pages: Vec<(usize, ObjectId)> = doc
        .get_pages()
        .into_values()
        .enumerate()
        .map(|(i, id)| (i + 1, id))
        .collect();
    let mut objects = std::mem::take(&mut doc.objects);
    let mut c = Cleaner {
        objects: &mut objects,
        out: &mut out,
    };
    c.catalog(root);
    for (n, page) in pages {
        c.page(n, page);
    }
    c.every_object();
    let kept = reachable(&objects, root);
    let mut clean = Document::new();
    clean.version = doc.version.clone();
    clean.max_id = kept.keys().map(|id| id.0).max().unwrap_or(0);
    clean.objects = kept;
    clean.trailer.set("Root", Object::Reference(root));
    out.text = Some(crate::pdf::lines_text(crate::pdf::group_lines(
        crate::pdf::spans_of(&clean).map_err(|e| CleanError::Damaged(e.to_string()))?,
    )));
    let mut bytes = Vec::new();
    clean
        .save_to(&mut bytes)
        .map_err(|e| CleanError::Damaged(e.to_string()))?;
    out.bytes = bytes;
    Ok(out)
}

struct Cleaner<'a> {
    objects: &'a mut BTreeMap<ObjectId, Object>,
    out: &'a mut Cleaned,
}

impl Cleaner<'_> {
    /// The dictionary an object is or refers to, to change.
    fn dict_mut(&mut self, o: &Object) -> Option<&mut Dictionary> {
        let id = o.as_reference().ok()?;
        match self.objects.get_mut(&id)? {
            Object::Dictionary(d) => Some(d),
            Object::Stream(s) => Some(&mut s.dict),
            _ => None,
        }
    }

    fn catalog(&mut self, root: ObjectId) {
        let Some(cat) = self.dict_mut(&Object::Reference(root)) else {
            return;
        };
        let mut removed = Vec::new();
        for (key, item) in [
            (&b"OpenAction"[..], Item::Action),
            (b"AA", Item::Action),
            (b"AcroForm", Item::FormField),
            (b"PieceInfo", Item::AppData),
            (b"SpiderInfo", Item::AppData),
            (b"Perms", Item::Signature),
            (b"Collection", Item::EmbeddedFile),
        ] {
            if cat.remove(key).is_some() {
                removed.push(item);
            }
        }
        let names = cat.get(b"Names").ok().cloned();
        for i in removed {
            self.out.removed.note(i);
        }
        let names = match names {
            Some(Object::Dictionary(mut d)) => {
                self.names(&mut d);
                if let Some(Object::Dictionary(cat)) = self.objects.get_mut(&root) {
                    cat.set("Names", Object::Dictionary(d));
                }
                return;
            }
            Some(r @ Object::Reference(_)) => r,
            _ => return,
        };
        if let Some(mut d) = self.dict_mut(&names).map(std::mem::take) {
            self.names(&mut d);
            if let Some(slot) = self.dict_mut(&names) {
                *slot = d;
            }
        }
    }

    /// The name trees of embedded files and document JavaScript go.
    fn names(&mut self, d: &mut Dictionary) {
        if d.remove(b"EmbeddedFiles").is_some() {
            self.out.removed.note(Item::EmbeddedFile);
        }
        if d.remove(b"JavaScript").is_some() {
            self.out.removed.note(Item::Script);
        }
    }

    /// A page: its thumbnail, application data and actions go, and every
    /// annotation but links.
    fn page(&mut self, n: usize, id: ObjectId) {
        let Some(page) = self.dict_mut(&Object::Reference(id)) else {
            return;
        };
        let thumb = page.remove(b"Thumb").is_some();
        let annots = page.get(b"Annots").ok().cloned();
        if thumb {
            self.out.removed.note(Item::Thumbnail);
        }
        let list = match &annots {
            Some(Object::Array(a)) => a.clone(),
            Some(r @ Object::Reference(_)) => {
                match r.as_reference().ok().and_then(|i| self.objects.get(&i)) {
                    Some(Object::Array(a)) => a.clone(),
                    _ => Vec::new(),
                }
            }
            _ => return,
        };
        let mut keep = Vec::new();
        for a in list {
            let dict = match &a {
                Object::Reference(i) => self.objects.get(i).and_then(|o| o.as_dict().ok()),
                Object::Dictionary(d) => Some(d),
                _ => None,
            };
            let Some(dict) = dict else { continue };
            let subtype = dict
                .get(b"Subtype")
                .and_then(Object::as_name)
                .unwrap_or_default()
                .to_vec();
            if subtype == b"Link" {
                keep.push(a);
                continue;
            }
            let mut text = String::new();
            for k in [&b"T"[..], b"Subj", b"Contents", b"RC"] {
                if let Ok(v) = dict.get(k) {
                    text.push_str(&text_of(v));
                    text.push('\n');
                }
            }
            match subtype.as_slice() {
                b"Popup" => {}
                b"Widget" => self.out.removed.add(Item::FormField, 1),
                b"FileAttachment" => self.out.removed.add(Item::EmbeddedFile, 1),
                _ => self.out.removed.add(Item::Annotation, 1),
            }
            if !text.trim().is_empty() {
                self.out.hidden.push(Hidden {
                    place: Place::Annotation(n),
                    text,
                });
            }
        }
        let keep = Object::Array(keep);
        match annots {
            Some(Object::Reference(i)) => {
                self.objects.insert(i, keep);
            }
            _ => {
                if let Some(page) = self.dict_mut(&Object::Reference(id)) {
                    page.set("Annots", keep);
                }
            }
        }
    }

    /// Every dictionary: XMP streams, application data, additional
    /// actions and actions that run something go; JPEG pictures lose their
    /// metadata.
    fn every_object(&mut self) {
        let ids: Vec<ObjectId> = self.objects.keys().copied().collect();
        let mut xmp = false;
        for id in ids {
            let Some(o) = self.objects.get(&id) else {
                continue;
            };
            let is_xmp = o.as_stream().is_ok_and(|s| {
                s.dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"Metadata")
                    || s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"XML")
            });
            if is_xmp {
                // Gone whatever points at it (not only a `/Metadata` key).
                if let Some(Object::Stream(s)) = self.objects.insert(id, Object::Null) {
                    let text = s
                        .get_plain_content_with_limit(crate::pdf::STREAM_LIMIT)
                        .unwrap_or_default();
                    let text = String::from_utf8_lossy(&text).into_owned();
                    self.out.hidden.push(Hidden {
                        place: Place::Xmp,
                        text: strip_tags(&text),
                    });
                }
                xmp = true;
            }
            let objects = &*self.objects;
            let bad_action = |d: &Dictionary| d.get(b"A").is_ok_and(|a| runs_something(objects, a));
            let mut dict_items = Vec::new();
            let mut jpeg = None;
            if let Some(o) = self.objects.get(&id) {
                let d = match o {
                    Object::Dictionary(d) => Some(d),
                    Object::Stream(s) => Some(&s.dict),
                    _ => None,
                };
                if let Some(d) = d {
                    if bad_action(d) {
                        dict_items.push(&b"A"[..]);
                    }
                    for k in [&b"AA"[..], b"PieceInfo", b"Metadata", b"LastModified"] {
                        if d.has(k) {
                            dict_items.push(k);
                        }
                    }
                }
                if let Object::Stream(s) = o {
                    let filter = s.dict.get(b"Filter").ok();
                    let dct = match filter {
                        Some(Object::Name(n)) => n == b"DCTDecode",
                        Some(Object::Array(a)) => {
                            a.len() == 1 && a[0].as_name().ok() == Some(b"DCTDecode")
                        }
                        _ => false,
                    };
                    if dct {
                        jpeg = image::clean_part(Kind::Jpeg, &s.content)
                            .ok()
                            .filter(|(_, same)| !same)
                            .map(|(j, _)| j);
                    }
                }
            }
            let Some(o) = self.objects.get_mut(&id) else {
                continue;
            };
            if let Object::Stream(s) = o {
                if let Some(j) = jpeg.filter(|j| !j.removed.is_empty()) {
                    s.set_content(j.bytes);
                    self.out.removed.merge(&j.removed);
                }
            }
            let d = match o {
                Object::Dictionary(d) => d,
                Object::Stream(s) => &mut s.dict,
                _ => continue,
            };
            for k in dict_items {
                d.remove(k);
                self.out.removed.note(match k {
                    b"Metadata" => Item::Xmp,
                    b"PieceInfo" | b"LastModified" => Item::AppData,
                    _ => Item::Action,
                });
            }
        }
        if xmp {
            self.out.removed.note(Item::Xmp);
        }
    }
}

/// The text of an XML packet, tags removed.
fn strip_tags(xml: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The objects reached from the catalog, references to missing objects
/// made null.
fn reachable(objects: &BTreeMap<ObjectId, Object>, root: ObjectId) -> BTreeMap<ObjectId, Object> {
    let mut seen = HashSet::new();
    let mut todo = vec![root];
    seen.insert(root);
    while let Some(id) = todo.pop() {
        let Some(o) = objects.get(&id) else { continue };
        refs(o, 0, &mut |r| {
            if objects.contains_key(&r) && seen.insert(r) {
                todo.push(r);
            }
        });
    }
    let mut kept: BTreeMap<ObjectId, Object> = objects
        .iter()
        .filter(|(id, _)| seen.contains(id))
        .map(|(id, o)| (*id, o.clone()))
        .collect();
    for o in kept.values_mut() {
        null_missing(o, 0, &seen);
    }
    kept
}

/// How deep the cleaner follows arrays and dictionaries inside one object.
const NESTING_LIMIT: usize = 256;

fn refs(o: &Object, depth: usize, f: &mut dyn FnMut(ObjectId)) {
    if depth > NESTING_LIMIT {
        return;
    }
    match o {
        Object::Reference(r) => f(*r),
        Object::Array(a) => a.iter().for_each(|x| refs(x, depth + 1, f)),
        Object::Dictionary(d) => d.iter().for_each(|(_, x)| refs(x, depth + 1, f)),
        Object::Stream(s) => s.dict.iter().for_each(|(_, x)| refs(x, depth + 1, f)),
        _ => {}
    }
}

fn null_missing(o: &mut Object, depth: usize, seen: &HashSet<ObjectId>) {
    if depth > NESTING_LIMIT {
        *o = Object::Null;
        return;
    }
    match o {
        Object::Reference(r) if !seen.contains(r) => *o = Object::Null,
        Object::Array(a) => a.iter_mut().for_each(|x| null_missing(x, depth + 1, seen)),
        Object::Dictionary(d) => d
            .iter_mut()
            .for_each(|(_, x)| null_missing(x, depth + 1, seen)),
        Object::Stream(s) => s
            .dict
            .iter_mut()
            .for_each(|(_, x)| null_missing(x, depth + 1, seen)),
        _ => {}
    }
}

//! The rules for WordprocessingML parts: the story parts (document,
//! headers, footers, footnotes, endnotes), the settings, styles and
//! numbering. (The text of the parts removed whole is read by `gone.rs`.)
//! Each rule's reason is in `docs/content-format.md`.
//!
//! In a story part:
//! - tracked changes are accepted: an insertion or move-to keeps its
//!   content, a deletion or move-from goes with its content, a formatting
//!   change record goes (the new formatting stays), a deleted table row
//!   goes whole, and a paragraph whose mark was deleted and that is left
//!   empty goes;
//! - comment anchors go (the comments part itself is removed by the package);
//! - hidden text goes: a run with `w:vanish`, directly or through its
//!   character or paragraph style;
//! - a field that prints the author, the user, the file name, the template
//!   or a document property is replaced by the text it shows (`fields.rs`);
//! - custom XML markup and smart tags are unwrapped, data bindings and
//!   editing permissions (which name users) dropped, `w:rsid*` revision
//!   ids dropped everywhere.

use std::collections::{HashMap, HashSet};

use super::removed::{Hidden, Item, Place, Removed};
use super::xml::{Doc, Elem, Names, Node, Ns};

/// What the rules of one part report.
pub struct Report<'a> {
    pub removed: &'a mut Removed,
    pub hidden: &'a mut Vec<Hidden>,
    pub part: &'a str,
}

impl Report<'_> {
    pub fn hide(&mut self, place: Place, text: String) {
        if !text.trim().is_empty() {
            self.hidden.push(Hidden { place, text });
        }
    }
}

/// Whether a toggle property (`w:vanish`) is on: absent `w:val` means on.
fn on(n: &Names, e: &Elem) -> bool {
    !matches!(
        n.attr(e, Ns::W, "val").as_deref(),
        Some("0" | "false" | "off")
    )
}

fn child<'a>(n: &Names, e: &'a Elem, local: &str) -> Option<&'a Elem> {
    e.children.iter().find_map(|c| match c {
        Node::Elem(c) if n.is(c, Ns::W, local) => Some(c),
        _ => None,
    })
}

/// The ids of the styles that hide their text (`w:vanish` in the style or
/// in a style it is based on).
pub fn hidden_styles(doc: &Doc) -> HashSet<String> {
    let n = &doc.names;
    let mut based = HashMap::new();
    let mut vanish = HashMap::new();
    for s in doc.root.children.iter().filter_map(super::package::elem) {
        if !n.is(s, Ns::W, "style") {
            continue;
        }
        let Some(id) = n.attr(s, Ns::W, "styleId") else {
            continue;
        };
        let id = id.to_string();
        if let Some(b) = child(n, s, "basedOn").and_then(|b| n.attr(b, Ns::W, "val")) {
            based.insert(id.clone(), b.to_string());
        }
        if let Some(v) = child(n, s, "rPr").and_then(|r| child(n, r, "vanish")) {
            vanish.insert(id, on(n, v));
        }
    }
    let mut hidden = HashSet::new();
    for id in based.keys().chain(vanish.keys()) {
        let mut cur = Some(id.as_str());
        for _ in 0..32 {
            let Some(c) = cur else { break };
            if let Some(&v) = vanish.get(c) {
                if v {
                    hidden.insert(id.clone());
                }
                break;
            }
            cur = based.get(c).map(String::as_str);
        }
    }
    hidden
}

fn is_rsid(n: &Names, a: &super::xml::Attr) -> bool {
    a.ns == Ns::W && n.attr_name(a).starts_with(b"rsid")
}

/// Drops `w:rsid*` attributes and `w:rsid`/`w:rsids` elements everywhere
/// in `e`; returns whether there were any.
pub fn strip_rsids(n: &Names, e: &mut Elem) -> bool {
    let before = e.attrs.len();
    e.attrs.retain(|a| !is_rsid(n, a));
    let mut found = before != e.attrs.len();
    e.children.retain(|c| match c {
        Node::Elem(c) if n.is(c, Ns::W, "rsid") || n.is(c, Ns::W, "rsids") => {
            found = true;
            false
        }
        _ => true,
    });
    for c in &mut e.children {
        if let Node::Elem(c) = c {
            found |= strip_rsids(n, c);
        }
    }
    found
}

/// Cleans a story part (document, header, footer, footnotes, endnotes).
pub fn story(doc: &mut Doc, styles: &HashSet<String>, report: &mut Report) {
    let Doc { names, root, .. } = doc;
    let mut s = Story {
        n: names,
        styles,
        report,
        paragraph: 0,
        para_hidden: false,
        hid_in_para: false,
        authors: HashSet::new(),
        rsids: false,
    };
    s.children(root);
    if s.rsids {
        s.report.removed.note(Item::Rsids);
    }
    super::fields::fields(names, root, report);
}

struct Story<'a, 'r> {
    n: &'a Names,
    styles: &'a HashSet<String>,
    report: &'a mut Report<'r>,
    /// The paragraph being read (1-based), for where removed text stood.
    paragraph: usize,
    /// The paragraph's style hides its text.
    para_hidden: bool,
    /// The paragraph had hidden text (counted once per paragraph).
    hid_in_para: bool,
    authors: HashSet<String>,
    rsids: bool,
}

impl Story<'_, '_> {
    fn change(&mut self, e: &Elem) {
        self.report.removed.add(Item::TrackedChange, 1);
        if let Some(a) = self.n.attr(e, Ns::W, "author") {
            if self.authors.insert(a.to_string()) {
                let place = Place::Author(self.report.part.to_string());
                self.report.hide(place, a.into_owned());
            }
        }
    }

    fn deleted_text(&mut self, e: &Elem) {
        let mut text = String::new();
        self.n.text_of(
            e,
            Ns::W,
            &["delText", "t", "delInstrText", "instrText"],
            &mut text,
        );
        let place = Place::Deletion {
            part: self.report.part.to_string(),
            paragraph: self.paragraph.max(1),
        };
        self.report.hide(place, text);
    }

    fn hidden_run(&self, r: &Elem) -> bool {
        let n = self.n;
        if let Some(rpr) = child(n, r, "rPr") {
            if let Some(v) = child(n, rpr, "vanish") {
                return on(n, v);
            }
            if let Some(s) = child(n, rpr, "rStyle").and_then(|s| n.attr(s, Ns::W, "val")) {
                if self.styles.contains(s.as_ref()) {
                    return true;
                }
            }
        }
        self.para_hidden
    }

    fn children(&mut self, parent: &mut Elem) {
        let n = self.n;
        let before = parent.attrs.len();
        parent.attrs.retain(|a| !is_rsid(n, a));
        self.rsids |= before != parent.attrs.len();
        let marker =
            parent.ns == Ns::W && matches!(n.name(parent), b"rPr" | b"trPr" | b"tcPr" | b"numPr");
        let old = std::mem::take(&mut parent.children);
        let mut out: Vec<Node> = Vec::with_capacity(old.len());
        let mut empty_deleted: HashSet<usize> = HashSet::new();
        for node in old {
            let Node::Elem(mut e) = node else {
                out.push(node);
                continue;
            };
            if e.ns != Ns::W {
                self.children(&mut e);
                out.push(Node::Elem(e));
                continue;
            }
            match n.name(&e) {
                b"del" | b"moveFrom" | b"ins" | b"moveTo" if marker => self.change(&e),
                b"del" | b"moveFrom" => {
                    self.change(&e);
                    self.deleted_text(&e);
                }
                b"ins" | b"moveTo" => {
                    self.change(&e);
                    self.children(&mut e);
                    out.append(&mut e.children);
                }
                b"rPrChange" | b"pPrChange" | b"sectPrChange" | b"tblPrChange"
                | b"tblPrExChange" | b"tblGridChange" | b"trPrChange" | b"tcPrChange"
                | b"numberingChange" | b"cellIns" | b"cellDel" | b"cellMerge" => self.change(&e),
                b"moveFromRangeStart"
                | b"moveFromRangeEnd"
                | b"moveToRangeStart"
                | b"moveToRangeEnd"
                | b"customXmlInsRangeStart"
                | b"customXmlInsRangeEnd"
                | b"customXmlDelRangeStart"
                | b"customXmlDelRangeEnd"
                | b"customXmlMoveFromRangeStart"
                | b"customXmlMoveFromRangeEnd"
                | b"customXmlMoveToRangeStart"
                | b"customXmlMoveToRangeEnd"
                | b"commentRangeStart"
                | b"commentRangeEnd"
                | b"commentReference" => {}
                b"rsid" | b"rsids" => self.rsids = true,
                b"permStart" | b"permEnd" => self.report.removed.note(Item::Permissions),
                b"dataBinding" => self.report.removed.note(Item::CustomXml),
                b"customXml" | b"smartTag" => {
                    self.children(&mut e);
                    out.extend(e.children.into_iter().filter(|c| {
                        !matches!(c, Node::Elem(c) if n.is(c, Ns::W, "customXmlPr") || n.is(c, Ns::W, "smartTagPr"))
                    }));
                }
                b"tr"
                    if child(n, &e, "trPr")
                        .and_then(|p| child(n, p, "del"))
                        .is_some() =>
                {
                    self.change(&e);
                    self.deleted_text(&e);
                }
                b"p" => {
                    self.paragraph += 1;
                    let mark_deleted = child(n, &e, "pPr")
                        .and_then(|p| child(n, p, "rPr"))
                        .and_then(|r| child(n, r, "del"))
                        .is_some();
                    let style = child(n, &e, "pPr")
                        .and_then(|p| child(n, p, "pStyle"))
                        .and_then(|s| n.attr(s, Ns::W, "val"))
                        .is_some_and(|s| self.styles.contains(s.as_ref()));
                    let saved = (self.para_hidden, self.hid_in_para);
                    (self.para_hidden, self.hid_in_para) = (style, false);
                    self.children(&mut e);
                    if self.hid_in_para {
                        self.report.removed.add(Item::HiddenText, 1);
                    }
                    (self.para_hidden, self.hid_in_para) = saved;
                    if mark_deleted && !has_content(n, &e) {
                        empty_deleted.insert(out.len());
                    }
                    out.push(Node::Elem(e));
                }
                b"r" => {
                    self.children(&mut e);
                    if self.hidden_run(&e) {
                        self.hid_in_para = true;
                        let mut text = String::new();
                        n.text_of(&e, Ns::W, &["t"], &mut text);
                        let place = Place::Hidden {
                            part: self.report.part.to_string(),
                            paragraph: self.paragraph.max(1),
                        };
                        self.report.hide(place, text);
                    } else {
                        out.push(Node::Elem(e));
                    }
                }
                b"fldSimple" => {
                    self.children(&mut e);
                    if super::fields::personal(&n.attr(&e, Ns::W, "instr").unwrap_or_default()) {
                        self.report.removed.add(Item::AuthorField, 1);
                        out.append(&mut e.children);
                    } else {
                        out.push(Node::Elem(e));
                    }
                }
                _ => {
                    self.children(&mut e);
                    out.push(Node::Elem(e));
                }
            }
        }
        // A paragraph whose mark was deleted went with it, unless it is the
        // last one of its container (a cell or the body needs one).
        let last = out.iter().rposition(
            |c| matches!(c, Node::Elem(c) if n.is(c, Ns::W, "p") || n.is(c, Ns::W, "tbl")),
        );
        if let Some(last) = last {
            let mut i = 0;
            out.retain(|_| {
                i += 1;
                !(empty_deleted.contains(&(i - 1)) && i - 1 < last)
            });
        }
        parent.children = out;
    }
}

/// Whether a paragraph shows anything: a run with more than its properties.
fn has_content(n: &Names, e: &Elem) -> bool {
    e.children.iter().any(|c| match c {
        Node::Elem(c) if n.is(c, Ns::W, "r") => c.children.iter().any(|x| {
            !matches!(x, Node::Elem(x) if n.is(x, Ns::W, "rPr")) && matches!(x, Node::Elem(_))
        }),
        Node::Elem(c) if n.is(c, Ns::W, "pPr") => false,
        Node::Elem(c) => has_content(n, c),
        _ => false,
    })
}

/// Cleans `word/settings.xml`: document variables, revision ids, the
/// attached template and a mail-merge data source go.
pub fn settings(doc: &mut Doc, report: &mut Report) {
    let Doc { names: n, root, .. } = doc;
    let mut rsids = false;
    root.children.retain(|c| {
        let Node::Elem(c) = c else { return true };
        if c.ns != Ns::W {
            return true;
        }
        match n.name(c) {
            b"docVars" => {
                report.removed.note(Item::DocVars);
                for v in c.children.iter().filter_map(super::package::elem) {
                    let text = format!(
                        "{} {}",
                        n.attr(v, Ns::W, "name").unwrap_or_default(),
                        n.attr(v, Ns::W, "val").unwrap_or_default()
                    );
                    report.hide(Place::Data("a document variable".into()), text);
                }
                false
            }
            b"rsids" => {
                rsids = true;
                false
            }
            b"attachedTemplate" => {
                report.removed.note(Item::Template);
                false
            }
            b"mailMerge" => false,
            _ => true,
        }
    });
    if strip_rsids(n, root) || rsids {
        report.removed.note(Item::Rsids);
    }
}

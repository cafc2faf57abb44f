//! The text of the parts a Word or Excel file loses whole (comments, the
//! reviewers' list, custom XML data, custom properties), read before they
//! go, for the privacy guard.

use super::removed::Place;
use super::word::Report;
use super::xml::{node_text, plain_text, Doc, Elem, Names, Node, Ns};

/// The text of a comments part (each comment's author and text) before
/// it is removed; returns how many comments it holds (Word's `w:comment`,
/// Excel's `comment` in its `commentList`).
pub fn comments(doc: &Doc, report: &mut Report) -> usize {
    fn walk(n: &Names, e: &Elem, count: &mut usize, report: &mut Report) {
        for c in e.children.iter().filter_map(super::package::elem) {
            if !(n.is(c, Ns::W, "comment") || n.is(c, Ns::X, "comment")) {
                walk(n, c, count, report);
                continue;
            }
            *count += 1;
            let mut text = String::new();
            for a in ["author", "initials"] {
                if let Some(v) = n.attr(c, Ns::W, a) {
                    text.push_str(&v);
                    text.push('\n');
                }
            }
            plain_text(c, &mut text);
            report.hide(Place::Comment(*count), text);
        }
    }
    let mut count = 0;
    walk(&doc.names, &doc.root, &mut count, report);
    count
}

/// The text of a part removed whole (the reviewers' list, custom XML
/// data, custom properties): every attribute value and every element's
/// own text, one a line.
pub fn all_text(doc: &Doc) -> String {
    fn walk(n: &Names, e: &Elem, out: &mut String) {
        for a in e.attrs.iter().filter(|a| !n.is_xmlns(a)) {
            out.push_str(&n.value(a));
            out.push('\n');
        }
        let mut own = String::new();
        for c in &e.children {
            match c {
                Node::Elem(c) => walk(n, c, out),
                other => node_text(other, &mut own),
            }
        }
        if !own.trim().is_empty() {
            out.push_str(own.trim());
            out.push('\n');
        }
    }
    let mut out = String::new();
    walk(&doc.names, &doc.root, &mut out);
    out
}

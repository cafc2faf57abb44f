//! The document properties of a Word or Excel file: `docProps/core.xml`
//! (author, last saved by, revision, times, subject, keywords …) keeps only
//! the title, which the page shows anyway; `docProps/app.xml` (company,
//! manager, template, editing time, statistics) keeps nothing. Both stay
//! in the package, empty, since every reader expects them. Their text is
//! kept for the privacy guard.

use super::removed::{Item, Place};
use super::word::Report;
use super::xml::{plain_text, Doc, Node, Ns};

/// Empties `docProps/core.xml` but for its title.
pub fn core(doc: &mut Doc, report: &mut Report) {
    let Doc { names: n, root, .. } = doc;
    root.children.retain(|c| {
        let Node::Elem(c) = c else { return false };
        if n.is(c, Ns::Dc, "title") {
            return true;
        }
        let mut text = String::new();
        plain_text(c, &mut text);
        if text.trim().is_empty() {
            return false;
        }
        let local = String::from_utf8_lossy(n.name(c)).into_owned();
        let prefix = match c.ns {
            Ns::Dc => "dc:",
            Ns::Dcterms => "dcterms:",
            Ns::Cp => "cp:",
            _ => "",
        };
        let item = match local.as_str() {
            "creator" | "lastModifiedBy" => Item::Author,
            _ => Item::Properties,
        };
        report.removed.note(item);
        let place = Place::Property {
            part: report.part.to_string(),
            name: format!("{prefix}{local}"),
        };
        report.hidden.push(super::removed::Hidden { place, text });
        false
    });
}

/// Empties `docProps/app.xml`.
pub fn app(doc: &mut Doc, report: &mut Report) {
    let Doc { names: n, root, .. } = doc;
    for c in std::mem::take(&mut root.children) {
        let Node::Elem(c) = c else { continue };
        let mut text = String::new();
        plain_text(&c, &mut text);
        let local = String::from_utf8_lossy(n.name(&c)).into_owned();
        let item = match local.as_str() {
            "Company" | "Manager" => Item::Author,
            "Template" if text.contains(['/', '\\']) => Item::Template,
            _ => Item::Properties,
        };
        if text.trim().is_empty() {
            continue;
        }
        report.removed.note(item);
        let place = Place::Property {
            part: report.part.to_string(),
            name: local,
        };
        report.hidden.push(super::removed::Hidden { place, text });
    }
}

//! Cleaning a Word (`.docx`) or Excel (`.xlsx`) file: which parts go,
//! which are refused, and which are rewritten (the rules of `word.rs` and
//! `props.rs`), over the package of `package.rs`.
//!
//! Refused (nothing is written): macros (a VBA project, a macro-enabled
//! content type) and ActiveX controls, which run code; and any link to
//! content outside the file other than a hyperlink (a linked picture, OLE
//! object, chart data or workbook), which a reader fetches when the file is
//! opened and which the cleaner cannot see. Removed whole: comments and
//! their extension parts, the reviewers' list, custom XML data, custom
//! properties, the thumbnail, building blocks (glossary), printer settings,
//! digital signatures (they name the signer and no longer match), the
//! attached template's path, mail-merge data sources, the workbook behind
//! a chart and embedded OLE objects (their picture stays). Pictures are
//! cleaned by `image.rs`.

use std::collections::{HashMap, HashSet};

use super::package::{rels_of, Package, CONTENT_TYPES};
use super::removed::{Hidden, Item, Place, Removed};
use super::word::{self, Report};
use super::xml::{Doc, Elem, Names, Node, Ns};
use super::{image, CleanError, Cleaned, Kind};

/// What a removed relationship's part is, for the editor.
fn removal(kind: &str, source_ct: &str) -> Option<Item> {
    Some(match kind {
        "comments" | "commentsExtended" | "commentsIds" | "commentsExtensible"
        | "threadedComment" => Item::Comment,
        "people" | "person" => Item::People,
        "customXml" | "customXmlProps" => Item::CustomXml,
        "custom-properties" => Item::CustomProperties,
        "thumbnail" => Item::Thumbnail,
        "glossaryDocument" => Item::Glossary,
        "printerSettings" => Item::PrinterSettings,
        "origin" | "signature" => Item::Signature,
        "keyMapCustomizations" | "attachedToolbars" => Item::AppData,
        "oleObject" | "package" if source_ct.contains("drawingml.chart") => Item::ChartWorkbook,
        "oleObject" | "package" => Item::EmbeddedObject,
        _ => return None,
    })
}

/// Why an external relationship is refused, for the editor.
fn linked(kind: &str, source_ct: &str) -> String {
    match kind {
        _ if source_ct.contains("drawingml.chart") => {
            "linked chart data (a chart that reads a workbook outside the file)".into()
        }
        "image" => "a linked picture (a picture fetched from outside the file)".into(),
        "oleObject" | "package" => "a linked OLE object (content fetched from another file)".into(),
        "externalLinkPath" | "externalLink" => "a link to another workbook".into(),
        "subDocument" | "frame" => "a linked document".into(),
        k => format!("linked content ({k}) fetched from outside the file"),
    }
}

/// Cleans a Word or Excel file.
pub fn clean(bytes: &[u8], kind: Kind) -> Result<Cleaned, CleanError> {
    let mut pkg = Package::read(bytes)?;
    for name in &pkg.names {
        let ct = pkg.content_type(name).to_ascii_lowercase();
        if ct.contains("vbaproject")
            || ct.contains("macroenabled")
            || name.to_lowercase().ends_with("vbaproject.bin")
        {
            return Err(CleanError::Macros("macros (a VBA project)".into()));
        }
        if ct.contains("activex") {
            return Err(CleanError::Macros("ActiveX controls".into()));
        }
    }
    let mut removed = Removed::default();
    let mut hidden = Vec::new();
    let mut drop: HashMap<String, HashSet<String>> = HashMap::new();
    let mut gone: HashSet<String> = HashSet::new();
    for (source, rels) in &pkg.rels {
        let source_ct = pkg.content_type(source).to_ascii_lowercase();
        let sheet_has_comments = rels.iter().any(|r| r.kind == "comments");
        for r in rels {
            match r.kind.as_str() {
                "vbaProject" | "wordVbaData" | "vbaProjectSignature" => {
                    return Err(CleanError::Macros("macros (a VBA project)".into()))
                }
                "control" | "activeXControlBinary" if !source_ct.contains("spreadsheetml") => {
                    return Err(CleanError::Macros("ActiveX controls".into()))
                }
                // A document inside the document (HTML, RTF or another
                // Word file) that Word merges in when it opens the file:
                // nothing the cleaner can read.
                "aFChunk" | "subDocument" if !r.external => {
                    return Err(CleanError::Damaged(
                        "it holds an imported document part (altChunk) that Word merges in when it opens the file; open it in Word and save it again".into(),
                    ))
                }
                _ => {}
            }
            let item = if r.external {
                match r.kind.as_str() {
                    "hyperlink" => continue,
                    "attachedTemplate" => {
                        hidden.push(Hidden {
                            place: Place::Data("the attached template's path".into()),
                            text: r.target.clone(),
                        });
                        Item::Template
                    }
                    "mailMergeSource" | "mailMergeHeaderSource" | "recipientData" => Item::DocVars,
                    k => return Err(CleanError::Linked(linked(k, &source_ct))),
                }
            } else if r.kind == "vmlDrawing" && sheet_has_comments {
                Item::Comment
            } else {
                match removal(&r.kind, &source_ct) {
                    Some(i) => i,
                    None => continue,
                }
            };
            if !matches!(
                item,
                Item::Comment | Item::People | Item::CustomXml | Item::CustomProperties
            ) {
                removed.note(item);
            }
            drop.entry(source.clone()).or_default().insert(r.id.clone());
            gone.extend(r.to.clone());
        }
    }
    let kept = pkg.reachable(|source, r| !drop.get(source).is_some_and(|d| d.contains(&r.id)));
    let main = pkg
        .rels
        .get("")
        .into_iter()
        .flatten()
        .find(|r| r.kind == "officeDocument")
        .and_then(|r| r.to.clone());
    let Some(main) = main.filter(|m| kept.contains(m)) else {
        return Err(CleanError::Damaged("it has no main document".into()));
    };
    let main_ct = pkg.content_type(&main).to_ascii_lowercase();
    let (is_word, is_excel) = (
        main_ct.contains("wordprocessingml"),
        main_ct.contains("spreadsheetml"),
    );
    if (kind == Kind::Docx && !is_word) || (kind == Kind::Xlsx && !is_excel) {
        return Err(CleanError::WrongKind(kind));
    }
    // The removed parts' text, for the privacy guard.
    for part in &gone {
        let Ok(doc) = Doc::parse(&pkg.parts[part]) else {
            continue;
        };
        let ct = pkg.content_type(part).to_ascii_lowercase();
        let mut report = Report {
            removed: &mut removed,
            hidden: &mut hidden,
            part,
        };
        if ct.ends_with("comments+xml") {
            let n = super::gone::comments(&doc, &mut report);
            report.removed.add(Item::Comment, n);
        } else if ct.contains("people") || ct.contains("person") {
            report.removed.note(Item::People);
            report.hide(Place::People(part.clone()), super::gone::all_text(&doc));
        } else if part.starts_with("customXml/") && !ct.contains("customxmlproperties") {
            report.removed.note(Item::CustomXml);
            report.hide(
                Place::Data(format!("custom XML data ({part})")),
                super::gone::all_text(&doc),
            );
        } else if ct.contains("custom-properties") {
            report.removed.note(Item::CustomProperties);
            let place = Place::Property {
                part: part.clone(),
                name: "custom".into(),
            };
            report.hide(place, super::gone::all_text(&doc));
        } else if ct.contains("threadedcomments") {
            report.hide(Place::Comment(0), super::gone::all_text(&doc));
        }
    }
    let unused = pkg
        .names
        .iter()
        .filter(|n| !kept.contains(*n) && !gone.contains(*n))
        .filter(|n| {
            !n.eq_ignore_ascii_case(CONTENT_TYPES) && super::package::source_of_rels(n).is_none()
        })
        .count();
    removed.add(Item::UnusedPart, unused);

    // The styles that hide text: none without a `vanish` (a template's
    // styles are hundreds of kB, and seldom hide anything).
    let styles = kept
        .iter()
        .find(|p| pkg.content_type(p).ends_with("wordprocessingml.styles+xml"))
        .map(|p| &pkg.parts[p])
        .filter(|data| memchr::memmem::find(data, b"vanish").is_some())
        .and_then(|data| Doc::parse(data).ok())
        .map(|d| word::hidden_styles(&d))
        .unwrap_or_default();
    let mut out: HashMap<String, Vec<u8>> = HashMap::new();
    // Parts written as they were: copied as packed, not compressed again.
    let mut unchanged: HashSet<String> = HashSet::new();
    let mut text = None;
    let mut pictures = Removed::default();
    for name in pkg.names.iter().filter(|n| kept.contains(*n)) {
        let ct = pkg.content_type(name).to_ascii_lowercase();
        let data = &pkg.parts[name];
        let no_refs = HashSet::new();
        let refs = drop.get(name).unwrap_or(&no_refs);
        let rule = Rule::of(&ct);
        let bytes = if let Some(img) = Kind::of_content_type(&ct) {
            let (c, same) = image::clean_part(img, data).map_err(|e| {
                CleanError::Damaged(format!("the picture {name} inside it cannot be read ({e})"))
            })?;
            pictures.merge(&c.removed);
            hidden.extend(c.hidden);
            if same {
                unchanged.insert(name.clone());
                continue;
            }
            c.bytes
        } else if refs.is_empty() && matches!(rule, None | Some(Rule::Rsids)) {
            // Parts that lose at most their revision ids: read as a
            // stream (`stream.rs`), copied as packed when they hold none.
            let stripped = match rule {
                Some(_) if memchr::memmem::find(data, b"rsid").is_some() => {
                    super::stream::strip_rsids(data)
                        .map_err(|e| CleanError::Damaged(format!("{name}: {e}")))?
                }
                _ => None,
            };
            match stripped {
                Some(bytes) => {
                    removed.note(Item::Rsids);
                    bytes
                }
                None => {
                    unchanged.insert(name.clone());
                    continue;
                }
            }
        } else {
            let mut doc =
                Doc::parse(data).map_err(|e| CleanError::Damaged(format!("{name}: {e}")))?;
            let mut report = Report {
                removed: &mut removed,
                hidden: &mut hidden,
                part: name,
            };
            drop_refs(&doc.names, &mut doc.root, refs);
            match rule {
                Some(Rule::Story) => word::story(&mut doc, &styles, &mut report),
                Some(Rule::Settings) => word::settings(&mut doc, &mut report),
                Some(Rule::Rsids) if word::strip_rsids(&doc.names, &mut doc.root) => {
                    report.removed.note(Item::Rsids)
                }
                Some(Rule::Rsids) => {}
                Some(Rule::Core) => super::props::core(&mut doc, &mut report),
                Some(Rule::App) => super::props::app(&mut doc, &mut report),
                Some(Rule::Workbook) => workbook(&doc.names, &mut doc.root, &mut report),
                None => {}
            }
            let bytes = doc.write();
            if *name == main && is_word {
                text = Some(
                    crate::content::attachment_text::document_text(&String::from_utf8_lossy(
                        &bytes,
                    ))
                    .map_err(|e| CleanError::Damaged(e.to_string()))?,
                );
            }
            bytes
        };
        out.insert(name.clone(), bytes);
    }
    removed.merge(&pictures);
    // The relationships of every part written (and of the package).
    for source in std::iter::once(String::new()).chain(kept.iter().cloned()) {
        let Some(rels) = pkg.find(&rels_of(&source)) else {
            continue;
        };
        let no_refs = HashSet::new();
        let refs = drop.get(&source).unwrap_or(&no_refs);
        if refs.is_empty() {
            unchanged.insert(rels);
        } else {
            out.insert(rels.clone(), pkg.rels_without(&rels, refs));
        }
    }
    out.insert(
        pkg.find(CONTENT_TYPES).unwrap_or_default(),
        pkg.types_without(&kept),
    );
    let bytes = pkg.write(&out, &unchanged)?;
    Ok(Cleaned {
        bytes,
        removed,
        hidden,
        text,
    })
}

/// Which rules a part's content type gets.
enum Rule {
    Story,
    Settings,
    Rsids,
    Core,
    App,
    Workbook,
}

impl Rule {
    fn of(ct: &str) -> Option<Rule> {
        let wml = |s: &str| ct.ends_with(&format!("wordprocessingml.{s}+xml"));
        Some(
            if wml("document.main")
                || wml("template.main")
                || wml("header")
                || wml("footer")
                || wml("footnotes")
                || wml("endnotes")
            {
                Rule::Story
            } else if wml("settings") {
                Rule::Settings
            } else if wml("styles") || wml("numbering") {
                Rule::Rsids
            } else if ct.ends_with("core-properties+xml") {
                Rule::Core
            } else if ct.ends_with("extended-properties+xml") {
                Rule::App
            } else if ct.ends_with("spreadsheetml.sheet.main+xml")
                || ct.ends_with("spreadsheetml.template.main+xml")
            {
                Rule::Workbook
            } else if ct.ends_with("+xml")
                && (ct.contains("wordprocessingml") || ct.contains("ms-word"))
            {
                // Word's other parts (styles with effects, web settings,
                // font table) may carry revision ids too.
                Rule::Rsids
            } else {
                return None;
            },
        )
    }
}

/// Drops every element that names a removed relationship (`r:id`,
/// `r:embed` …): a chart's `c:externalData`, an `o:OLEObject`, a sheet's
/// `legacyDrawing`.
fn drop_refs(n: &Names, e: &mut Elem, ids: &HashSet<String>) {
    if ids.is_empty() {
        return;
    }
    e.children.retain(|c| match c {
        Node::Elem(c) => !c
            .attrs
            .iter()
            .any(|a| a.ns == Ns::R && ids.contains(n.value(a).as_ref())),
        _ => true,
    });
    for c in &mut e.children {
        if let Node::Elem(c) = c {
            drop_refs(n, c, ids);
        }
    }
}

/// A workbook's saved folder path (`x15ac:absPath`) and its
/// read-only-recommended user name (`fileSharing`) go.
fn workbook(n: &Names, e: &mut Elem, report: &mut Report) {
    e.children.retain(|c| match c {
        Node::Elem(c) if n.is(c, Ns::X15ac, "absPath") || n.is(c, Ns::X, "fileSharing") => {
            report.removed.note(Item::Author);
            false
        }
        _ => true,
    });
    for c in &mut e.children {
        if let Node::Elem(c) = c {
            workbook(n, c, report);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// A package of `parts` (name, text).
    fn package(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, text) in parts {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(text.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    const TYPES: &str = r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    const RELS: &str = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

    #[test]
    fn any_prefix_and_strict_names_and_imported_chunks() {
        // Strict OOXML's relationship type, and a prefix that is not `w:`.
        let doc = r#"<x:document xmlns:x="http://purl.oclc.org/ooxml/wordprocessingml/main"><x:body><x:p><x:r><x:t>Kvar</x:t></x:r><x:del x:author="A"><x:r><x:delText>BORT</x:delText></x:r></x:del></x:p></x:body></x:document>"#;
        let c = clean(
            &package(&[
                ("[Content_Types].xml", TYPES),
                ("_rels/.rels", RELS),
                ("word/document.xml", doc),
            ]),
            Kind::Docx,
        )
        .unwrap();
        assert_eq!(c.text.as_deref(), Some("Kvar\n"));
        assert_eq!(c.removed.count(Item::TrackedChange), 1);
        assert!(c.hidden.iter().any(|h| h.text == "BORT"));
        let chunk = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="chunk.html"/></Relationships>"#;
        let bytes = package(&[
            ("[Content_Types].xml", TYPES),
            ("_rels/.rels", RELS),
            ("word/document.xml", doc),
            ("word/_rels/document.xml.rels", chunk),
            ("word/chunk.html", "<p>x</p>"),
        ]);
        assert!(
            matches!(clean(&bytes, Kind::Docx), Err(CleanError::Damaged(m)) if m.contains("altChunk"))
        );
        assert!(clean(&bytes, Kind::Xlsx).is_err());
    }
}

//! Revision ids removed from a part in one streaming pass, without a tree:
//! for the parts whose only rule is "no `w:rsid*`" (styles, numbering,
//! font table, web settings, styles with effects). A template's styles run
//! to hundreds of kB with a revision id in every style; reading them into
//! the tree of `xml.rs` and writing them out again cost more than the rest
//! of the file.
//!
//! The pass reads the part's events with the namespaces resolved, as the
//! tree does (a `w:` bound to another prefix is found all the same), and
//! copies every byte it does not change as it was: only the tags that
//! hold `rsid` are written anew, without their `w:rsid*` attributes, and a
//! `w:rsid` or `w:rsids` element is dropped with its content. XML comments
//! go, as in the tree. The limits are the tree's.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::xml::{ns_of, push_attr, Ns, XmlError, ATTR_LIMIT, DEPTH_LIMIT, NODE_LIMIT};

/// The namespace a resolved name is in.
fn ns(r: ResolveResult<'_>) -> Ns {
    match r {
        ResolveResult::Bound(n) => ns_of(n.0.as_bytes()),
        _ => Ns::None,
    }
}

/// The part without its revision ids, or `None` when it holds none (and
/// is published as it was).
pub fn strip_rsids(bytes: &[u8]) -> Result<Option<Vec<u8>>, XmlError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Where "rsid" stands: only a tag that holds one is looked into.
    let mut hits = memchr::memmem::find_iter(bytes, b"rsid").peekable();
    // (The reader checks that every event is UTF-8.)
    let mut reader = NsReader::from_reader(bytes);
    let syntax = |e: quick_xml::Error| XmlError::Syntax(e.to_string());
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    // Bytes before `copied` are in `out` (or dropped).
    let mut copied = 0usize;
    let (mut depth, mut count, mut roots) = (0usize, 0usize, 0usize);
    // The depth of a `w:rsid(s)` element being dropped.
    let mut dropping: Option<usize> = None;
    let mut found = false;
    loop {
        let start = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(syntax)?;
        let end = reader.buffer_position() as usize;
        while hits.next_if(|&h| h < start).is_some() {}
        let has_rsid = hits.peek().is_some_and(|&h| h < end);
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                count += 1;
                if depth >= DEPTH_LIMIT || count > NODE_LIMIT {
                    return Err(XmlError::TooLarge);
                }
                if depth == 0 {
                    roots += 1;
                    if roots > 1 {
                        return Err(XmlError::Syntax("two root elements".into()));
                    }
                }
                let open = matches!(event, Event::Start(_));
                if open {
                    depth += 1;
                }
                if dropping.is_some() || !has_rsid {
                    if dropping.is_some() {
                        copied = end;
                    }
                    continue;
                }
                let (res, local) = reader.resolver().resolve_element(e.name());
                if ns(res) == Ns::W && matches!(AsRef::<str>::as_ref(&local), "rsid" | "rsids") {
                    found = true;
                    splice(&mut out, &bytes[copied..start], b"");
                    copied = end;
                    if open {
                        dropping = Some(depth);
                    }
                    continue;
                }
                if let Some(tag) = without_rsids(&reader, e, open)? {
                    found = true;
                    splice(&mut out, &bytes[copied..start], &tag);
                    copied = end;
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if dropping.is_some() {
                    copied = end;
                }
                if dropping.is_some_and(|d| d > depth) {
                    dropping = None;
                }
            }
            Event::Comment(_) => {
                if dropping.is_none() {
                    splice(&mut out, &bytes[copied..start], b"");
                }
                copied = end;
            }
            Event::DocType(_) => return Err(XmlError::Doctype),
            Event::Eof => break,
            _ => {
                if dropping.is_some() {
                    copied = end;
                }
            }
        }
    }
    if depth != 0 {
        return Err(XmlError::Syntax("unclosed element".into()));
    }
    if roots == 0 {
        return Err(XmlError::Syntax("no root element".into()));
    }
    if !found {
        return Ok(None);
    }
    out.extend_from_slice(&bytes[copied..]);
    Ok(Some(out))
}

/// The bytes before an event, then what stands in its place.
fn splice(out: &mut Vec<u8>, before: &[u8], with: &[u8]) {
    out.extend_from_slice(before);
    out.extend_from_slice(with);
}

/// A start tag written anew without its `w:rsid*` attributes; `None` when
/// it has none.
fn without_rsids(
    reader: &NsReader<&[u8]>,
    e: &BytesStart<'_>,
    open: bool,
) -> Result<Option<Vec<u8>>, XmlError> {
    let mut tag = Vec::with_capacity(e.len() + 3);
    tag.push(b'<');
    tag.extend_from_slice(e.name().0.as_bytes());
    let mut dropped = false;
    for (i, a) in e.attributes().with_checks(false).enumerate() {
        let a = a.map_err(|e| XmlError::Syntax(e.to_string()))?;
        if i >= ATTR_LIMIT {
            return Err(XmlError::TooLarge);
        }
        let (res, local) = reader.resolver().resolve_attribute(a.key);
        if ns(res) == Ns::W && AsRef::<str>::as_ref(&local).starts_with("rsid") {
            dropped = true;
            continue;
        }
        push_attr(&mut tag, a.key.0.as_bytes(), a.value.as_bytes());
    }
    tag.extend_from_slice(if open { b">" } else { b"/>" });
    Ok(dropped.then_some(tag))
}

#[cfg(test)]
mod tests {
    use super::super::word;
    use super::super::xml::Doc;
    use super::*;

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// The streaming pass and the tree's rule give the same part.
    fn same_as_tree(xml: &str) -> String {
        let out = strip_rsids(xml.as_bytes()).unwrap().expect("rsids found");
        let mut doc = Doc::parse(xml.as_bytes()).unwrap();
        assert!(word::strip_rsids(&doc.names, &mut doc.root));
        let tree = Doc::parse(&doc.write()).unwrap().write();
        assert_eq!(Doc::parse(&out).unwrap().write(), tree);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn revision_ids_go_by_namespace_and_the_rest_stays_as_written() {
        let xml = format!(
            "<?xml version=\"1.0\"?>\r\n<x:styles xmlns:x=\"{W}\" xmlns:o=\"urn:other\">\
             <x:style x:styleId='a' x:rsidR=\"00AB\" o:rsidR=\"1\" rsidP=\"2\"><!-- old -->\
             <x:rsid x:val=\"00CD\"/><x:rsids><x:rsidRoot x:val=\"1\"/></x:rsids>\
             <x:name x:val=\"say &quot;rsid&quot;\"/><x:t>rsid &amp; text</x:t>\
             <o:rsid x:val=\"k\"/></x:style></x:styles>"
        );
        let out = same_as_tree(&xml);
        assert!(out.starts_with("<?xml version=\"1.0\"?>\r\n<x:styles xmlns:x="));
        assert!(out.contains("<x:style x:styleId=\"a\" o:rsidR=\"1\" rsidP=\"2\">"));
        assert!(!out.contains("00AB") && !out.contains("00CD") && !out.contains("old"));
        assert!(out.contains("<x:name x:val=\"say &quot;rsid&quot;\"/><x:t>rsid &amp; text</x:t>"));
        assert!(out.contains("<o:rsid x:val=\"k\"/>"), "{out}");
        // A namespace bound again inside: its own prefix counts.
        let inner = format!(
            "<a xmlns:w=\"urn:x\"><w:rsid/><b xmlns:w=\"{W}\" w:rsidDel=\"1\"><w:rsid/></b></a>"
        );
        assert_eq!(
            same_as_tree(&inner),
            format!("<a xmlns:w=\"urn:x\"><w:rsid/><b xmlns:w=\"{W}\"></b></a>")
        );
    }

    #[test]
    fn nothing_to_remove_or_not_a_part() {
        let plain = format!("<w:styles xmlns:w=\"{W}\"><w:t>rsid</w:t></w:styles>");
        assert!(strip_rsids(plain.as_bytes()).unwrap().is_none());
        for bad in ["<!DOCTYPE x><x/>", "<a><b></a>", "<a>", "<a/><b/>", ""] {
            assert!(strip_rsids(bad.as_bytes()).is_err(), "{bad}");
        }
        for bad in [
            &b"\xff<a/>"[..],
            b"<a>\xff rsid</a>",
            b"<a x='\xff' w:rsidR='1'/>",
        ] {
            assert!(strip_rsids(bad).is_err());
        }
        let deep = "<a>".repeat(DEPTH_LIMIT + 1);
        assert!(matches!(
            strip_rsids(deep.as_bytes()),
            Err(XmlError::TooLarge)
        ));
    }
}

//! A small XML tree for the parts of a Word or Excel package, with every
//! element's and attribute's namespace resolved.
//!
//! Names are matched by namespace, not by prefix: a file that binds the
//! WordprocessingML namespace to `x:` instead of `w:` still has its
//! `x:del` removed (Word honours any prefix, so a cleaner that matched
//! `w:del` as text would let it through). The transitional and the strict
//! (ISO 29500) namespace of each vocabulary resolve to the same [`Ns`].
//!
//! The tree keeps what it does not change byte for byte (raw attribute
//! values, raw text), drops XML comments (text no reader shows), and
//! refuses a DOCTYPE (OOXML forbids them). Parsing is bounded: at most
//! [`DEPTH_LIMIT`] levels, [`NODE_LIMIT`] elements and [`ATTR_LIMIT`]
//! attributes an element, so that a hostile
//! part of a few MiB cannot take the stack or gigabytes of memory.

use std::borrow::Cow;
use std::collections::HashMap;

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

/// The deepest nesting accepted (real documents: tables in tables, < 100).
pub const DEPTH_LIMIT: usize = 256;
/// The most elements one part may have.
pub const NODE_LIMIT: usize = 2_000_000;
/// The most attributes one element may have (Word's root elements declare
/// some 40 namespaces).
pub const ATTR_LIMIT: usize = 512;

/// The namespaces the cleaner looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    None,
    /// WordprocessingML.
    W,
    /// Relationship ids in markup (`r:id`, `r:embed`, `r:link`).
    R,
    /// Package relationships (`.rels` parts).
    Rel,
    /// `[Content_Types].xml`.
    Ct,
    /// Core properties.
    Cp,
    Dc,
    Dcterms,
    /// SpreadsheetML.
    X,
    /// People (`w15:person`) and other Word 2012 extensions.
    W15,
    /// Excel's absolute-path extension (`x15ac:absPath`).
    X15ac,
    Other,
}

pub(super) fn ns_of(uri: &[u8]) -> Ns {
    match uri {
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | b"http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        | b"http://purl.oclc.org/ooxml/officeDocument/relationships" => Ns::R,
        b"http://schemas.openxmlformats.org/package/2006/relationships" => Ns::Rel,
        b"http://schemas.openxmlformats.org/package/2006/content-types" => Ns::Ct,
        b"http://schemas.openxmlformats.org/package/2006/metadata/core-properties" => Ns::Cp,
        b"http://purl.org/dc/elements/1.1/" => Ns::Dc,
        b"http://purl.org/dc/terms/" => Ns::Dcterms,
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        | b"http://purl.oclc.org/ooxml/spreadsheetml/main" => Ns::X,
        b"http://schemas.microsoft.com/office/word/2012/wordml" => Ns::W15,
        b"http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac" => Ns::X15ac,
        _ => Ns::Other,
    }
}

/// Why a part is not XML the cleaner accepts.
#[derive(Debug, thiserror::Error)]
pub enum XmlError {
    #[error("not UTF-8 text")]
    Encoding,
    #[error("not valid XML: {0}")]
    Syntax(String),
    #[error("a DOCTYPE, which Office files never have")]
    Doctype,
    #[error("nested or sized beyond what a document needs")]
    TooLarge,
}

/// An attribute: its resolved name and its value as written (escaped).
#[derive(Debug, Clone)]
pub struct Attr {
    pub ns: Ns,
    name: u32,
    raw: Box<[u8]>,
}

/// An element: resolved name, attributes and children.
#[derive(Debug, Clone)]
pub struct Elem {
    pub ns: Ns,
    name: u32,
    pub attrs: Vec<Attr>,
    pub children: Vec<Node>,
}

/// A node of the tree. Text and references are kept as written.
#[derive(Debug, Clone)]
pub enum Node {
    Elem(Elem),
    Text(Box<[u8]>),
    /// An entity or character reference, without `&` and `;`.
    Ref(Box<[u8]>),
    CData(Box<[u8]>),
    /// A processing instruction or the XML declaration, without `<?` `?>`.
    Pi(Box<[u8]>),
}

/// The qualified names of one part, interned.
#[derive(Debug, Default)]
pub struct Names {
    names: Vec<Box<[u8]>>,
    index: HashMap<Box<[u8]>, u32>,
}

impl Names {
    fn intern(&mut self, qname: &[u8]) -> u32 {
        if let Some(&i) = self.index.get(qname) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(qname.into());
        self.index.insert(qname.into(), i);
        i
    }

    fn qname(&self, id: u32) -> &[u8] {
        &self.names[id as usize]
    }

    /// The local part of a name (after the prefix).
    pub fn local(&self, id: u32) -> &[u8] {
        let q = self.qname(id);
        q.iter().position(|&b| b == b':').map_or(q, |i| &q[i + 1..])
    }

    /// Whether `e` is `local` in namespace `ns`.
    pub fn is(&self, e: &Elem, ns: Ns, local: &str) -> bool {
        e.ns == ns && self.local(e.name) == local.as_bytes()
    }

    /// An element's local name.
    pub fn name<'a>(&'a self, e: &Elem) -> &'a [u8] {
        self.local(e.name)
    }

    /// The value of attribute `local` in namespace `ns`, unescaped.
    pub fn attr<'a>(&self, e: &'a Elem, ns: Ns, local: &str) -> Option<Cow<'a, str>> {
        e.attrs
            .iter()
            .find(|a| a.ns == ns && self.local(a.name) == local.as_bytes())
            .map(|a| unescape(&a.raw))
    }

    /// An attribute's local name.
    pub fn attr_name<'a>(&'a self, a: &Attr) -> &'a [u8] {
        self.local(a.name)
    }

    /// An attribute's value, unescaped.
    pub fn value<'a>(&self, a: &'a Attr) -> Cow<'a, str> {
        unescape(&a.raw)
    }

    /// A namespace declaration (`xmlns`, `xmlns:w`).
    pub fn is_xmlns(&self, a: &Attr) -> bool {
        let q = self.qname(a.name);
        q == b"xmlns" || q.starts_with(b"xmlns:")
    }

    /// The text of every `local` element (namespace `ns`) inside `e`,
    /// each piece after the one before.
    pub fn text_of(&self, e: &Elem, ns: Ns, local: &[&str], out: &mut String) {
        for c in &e.children {
            if let Node::Elem(c) = c {
                if c.ns == ns && local.iter().any(|l| self.local(c.name) == l.as_bytes()) {
                    plain_text(c, out);
                } else {
                    self.text_of(c, ns, local, out);
                }
            }
        }
    }
}

/// Every character of text inside `e`.
pub fn plain_text(e: &Elem, out: &mut String) {
    for c in &e.children {
        node_text(c, out);
    }
}

/// The text of a node (an element's: all of it).
pub fn node_text(c: &Node, out: &mut String) {
    match c {
        Node::Text(t) | Node::CData(t) => out.push_str(&String::from_utf8_lossy(t)),
        Node::Ref(r) => out.push_str(&unescape(&[b"&", &r[..], b";"].concat())),
        Node::Elem(c) => plain_text(c, out),
        Node::Pi(_) => {}
    }
}

/// An escaped value unescaped; an unknown entity is kept as written.
fn unescape(raw: &[u8]) -> Cow<'_, str> {
    let s = String::from_utf8_lossy(raw);
    match quick_xml::escape::unescape(&s) {
        Ok(Cow::Borrowed(_)) => s,
        Ok(Cow::Owned(o)) => Cow::Owned(o),
        Err(_) => s,
    }
}

/// A parsed part: the names it uses, what stands before the root element
/// (declaration, processing instructions) and the root.
#[derive(Debug)]
pub struct Doc {
    pub names: Names,
    pub prolog: Vec<Node>,
    pub root: Elem,
}

impl Doc {
    /// Parses a part.
    pub fn parse(bytes: &[u8]) -> Result<Doc, XmlError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = std::str::from_utf8(bytes).map_err(|_| XmlError::Encoding)?;
        let mut reader = NsReader::from_str(text);
        let syntax = |e: quick_xml::Error| XmlError::Syntax(e.to_string());
        let mut names = Names::default();
        let mut prolog = Vec::new();
        let mut stack: Vec<Elem> = Vec::new();
        let mut root = None;
        let mut count = 0usize;
        loop {
            let (res, event) = reader.read_resolved_event().map_err(syntax)?;
            let ns = match res {
                ResolveResult::Bound(n) => ns_of(AsRef::<str>::as_ref(&n).as_bytes()),
                _ => Ns::None,
            };
            let node = match event {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    count += 1;
                    if stack.len() >= DEPTH_LIMIT || count > NODE_LIMIT {
                        return Err(XmlError::TooLarge);
                    }
                    let mut attrs = Vec::new();
                    // quick-xml's duplicate check is quadratic in the
                    // number of attributes: bounded here instead.
                    for a in e.attributes().with_checks(false) {
                        let a = a.map_err(|e| XmlError::Syntax(e.to_string()))?;
                        if attrs.len() >= ATTR_LIMIT {
                            return Err(XmlError::TooLarge);
                        }
                        let ans = match reader.resolver().resolve_attribute(a.key).0 {
                            ResolveResult::Bound(n) => ns_of(AsRef::<str>::as_ref(&n).as_bytes()),
                            _ => Ns::None,
                        };
                        attrs.push(Attr {
                            ns: ans,
                            name: names.intern(AsRef::<str>::as_ref(&a.key).as_bytes()),
                            raw: a.value.as_bytes().into(),
                        });
                    }
                    let elem = Elem {
                        ns,
                        name: names.intern(AsRef::<str>::as_ref(&e.name()).as_bytes()),
                        attrs,
                        children: Vec::new(),
                    };
                    if matches!(event, Event::Start(_)) {
                        stack.push(elem);
                        continue;
                    }
                    Node::Elem(elem)
                }
                Event::End(_) => match stack.pop() {
                    Some(e) => Node::Elem(e),
                    None => return Err(XmlError::Syntax("unexpected end tag".into())),
                },
                Event::Text(t) => Node::Text(t.as_bytes().into()),
                Event::GeneralRef(r) => Node::Ref(r.as_bytes().into()),
                Event::CData(t) => Node::CData(t.as_bytes().into()),
                Event::PI(p) => Node::Pi(p.as_bytes().into()),
                Event::Decl(d) => Node::Pi(d.as_bytes().into()),
                Event::Comment(_) => continue,
                Event::DocType(_) => return Err(XmlError::Doctype),
                Event::Eof => break,
            };
            match stack.last_mut() {
                Some(parent) => parent.children.push(node),
                None => match node {
                    Node::Elem(e) if root.is_none() => root = Some(e),
                    Node::Elem(_) => return Err(XmlError::Syntax("two root elements".into())),
                    // Whitespace between the prolog and the root.
                    Node::Text(_) => {}
                    other if root.is_none() => prolog.push(other),
                    _ => {}
                },
            }
        }
        if !stack.is_empty() {
            return Err(XmlError::Syntax("unclosed element".into()));
        }
        let root = root.ok_or_else(|| XmlError::Syntax("no root element".into()))?;
        Ok(Doc {
            names,
            prolog,
            root,
        })
    }

    /// The part as bytes again.
    pub fn write(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for n in &self.prolog {
            write_node(&self.names, n, &mut out);
            if matches!(n, Node::Pi(_)) {
                out.extend_from_slice(b"\r\n");
            }
        }
        write_elem(&self.names, &self.root, &mut out);
        out
    }
}

fn write_node(names: &Names, n: &Node, out: &mut Vec<u8>) {
    match n {
        Node::Elem(e) => write_elem(names, e, out),
        Node::Text(t) => out.extend_from_slice(t),
        Node::Ref(r) => {
            out.push(b'&');
            out.extend_from_slice(r);
            out.push(b';');
        }
        Node::CData(t) => {
            out.extend_from_slice(b"<![CDATA[");
            out.extend_from_slice(t);
            out.extend_from_slice(b"]]>");
        }
        Node::Pi(p) => {
            out.extend_from_slice(b"<?");
            out.extend_from_slice(p);
            out.extend_from_slice(b"?>");
        }
    }
}

/// Writes ` name="value"` with the value as it was written (escaped),
/// always in double quotes: a value written in single quotes may hold a
/// double quote, which becomes `&quot;`.
pub(super) fn push_attr(out: &mut Vec<u8>, name: &[u8], raw: &[u8]) {
    out.push(b' ');
    out.extend_from_slice(name);
    out.extend_from_slice(b"=\"");
    for &b in raw {
        if b == b'"' {
            out.extend_from_slice(b"&quot;");
        } else {
            out.push(b);
        }
    }
    out.push(b'"');
}

fn write_elem(names: &Names, e: &Elem, out: &mut Vec<u8>) {
    out.push(b'<');
    out.extend_from_slice(names.qname(e.name));
    for a in &e.attrs {
        push_attr(out, names.qname(a.name), &a.raw);
    }
    if e.children.is_empty() {
        out.extend_from_slice(b"/>");
        return;
    }
    out.push(b'>');
    for c in &e.children {
        write_node(names, c, out);
    }
    out.extend_from_slice(b"</");
    out.extend_from_slice(names.qname(e.name));
    out.push(b'>');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_namespaces() {
        let xml = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main" a='say "hi"'><!-- secret --><x:p><x:t xml:space="preserve">A &amp; B &#246;</x:t></x:p><y/></x:document>"#;
        let doc = Doc::parse(xml).unwrap();
        let p = match &doc.root.children[0] {
            Node::Elem(e) => e,
            n => panic!("{n:?}"),
        };
        assert!(doc.names.is(p, Ns::W, "p"));
        let mut text = String::new();
        plain_text(p, &mut text);
        assert_eq!(text, "A & B ö");
        let out = String::from_utf8(doc.write()).unwrap();
        assert!(out.starts_with("<?xml version=\"1.0\""), "{out}");
        assert!(out.contains("a=\"say &quot;hi&quot;\""), "{out}");
        assert!(!out.contains("secret"), "{out}");
        assert!(out.contains("<x:t xml:space=\"preserve\">A &amp; B &#246;</x:t>"));
        assert!(Doc::parse(&out.into_bytes()).is_ok());
    }

    #[test]
    fn refuses_what_is_not_a_part() {
        assert!(matches!(
            Doc::parse(b"<!DOCTYPE x [<!ENTITY a 'b'>]><x/>"),
            Err(XmlError::Doctype)
        ));
        assert!(Doc::parse(b"<a><b></a>").is_err());
        assert!(Doc::parse(b"\xff\xfe").is_err());
        let deep = "<a>".repeat(DEPTH_LIMIT + 1);
        assert!(matches!(
            Doc::parse(deep.as_bytes()),
            Err(XmlError::TooLarge)
        ));
    }
}

//! The package of a Word or Excel file (Open Packaging Conventions): the
//! zip's parts, their content types (`[Content_Types].xml`) and the
//! relationships between them (`_rels/*.rels`).
//!
//! The cleaner keeps the package consistent so that Word, Excel and
//! LibreOffice still open the file: a part is removed together with the
//! relationships that lead to it, its content-type override and the
//! elements that name its relationship id (`r:id`). A part that no
//! relationship reaches from the package's root is not written at all (an
//! orphan can hold anything: an old picture, a previous version). The zip
//! is written anew, entries in the source's order with `[Content_Types].xml`
//! first, every timestamp 1980-01-01, no extra fields, no comment.
//!
//! Reading is bounded: at most [`ENTRY_LIMIT`] entries, each part at most
//! [`PART_LIMIT`] bytes unpacked and all together at most [`TOTAL_LIMIT`]
//! (a zip bomb stops there).

use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};

use super::xml::{Doc, Ns};
use super::CleanError;

/// The most entries a package may have.
pub const ENTRY_LIMIT: usize = 10_000;
/// The most bytes one part may unpack to (a picture of a few MiB, a
/// document.xml of a few hundred pages).
pub const PART_LIMIT: u64 = 64 << 20;
/// The most bytes all parts together may unpack to.
pub const TOTAL_LIMIT: u64 = 256 << 20;

pub const CONTENT_TYPES: &str = "[Content_Types].xml";

/// One relationship of a part.
#[derive(Debug, Clone)]
pub struct Rel {
    pub id: String,
    /// The last segment of the relationship's type (`comments`, `image`),
    /// which is the same in the transitional and the strict namespace.
    pub kind: String,
    pub target: String,
    pub external: bool,
    /// The part an internal relationship leads to (resolved, as stored).
    pub to: Option<String>,
}

/// A package as read: parts in zip order, content types, relationships.
pub struct Package<'a> {
    /// The archive itself, for copying unchanged parts as they are packed.
    zip: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
    /// The archive's size, to size the copy's buffer.
    size: usize,
    /// Part name → its entry in the archive.
    entries: HashMap<String, usize>,
    pub names: Vec<String>,
    pub parts: HashMap<String, Vec<u8>>,
    /// Lower-case part name → name as stored (part names are
    /// case-insensitive).
    lower: HashMap<String, String>,
    overrides: HashMap<String, String>,
    defaults: HashMap<String, String>,
    /// Source part ("" for the package) → its relationships.
    pub rels: HashMap<String, Vec<Rel>>,
}

fn damaged(why: impl std::fmt::Display) -> CleanError {
    CleanError::Damaged(why.to_string())
}

impl<'a> Package<'a> {
    /// Reads a package.
    pub fn read(bytes: &'a [u8]) -> Result<Package<'a>, CleanError> {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| damaged(format!("it is not a zip archive ({e})")))?;
        if zip.len() > ENTRY_LIMIT {
            return Err(CleanError::TooLarge(format!("{} parts", zip.len())));
        }
        let mut names = Vec::new();
        let mut entries = HashMap::new();
        let mut parts = HashMap::new();
        let mut lower = HashMap::new();
        let mut total = 0u64;
        for i in 0..zip.len() {
            let f = zip.by_index(i).map_err(damaged)?;
            if f.is_dir() {
                continue;
            }
            let name = f.name().map_err(damaged)?.into_owned();
            // Sized as the entry says, within the limit (a lie costs a
            // reallocation, no more).
            let mut data = Vec::with_capacity(f.size().min(PART_LIMIT + 1) as usize);
            f.take(PART_LIMIT + 1)
                .read_to_end(&mut data)
                .map_err(|e| damaged(format!("{name}: {e}")))?;
            total += data.len() as u64;
            if data.len() as u64 > PART_LIMIT || total > TOTAL_LIMIT {
                return Err(CleanError::TooLarge(format!(
                    "{name} unpacks to more than a document can hold (a damaged file or a zip bomb)"
                )));
            }
            if lower.insert(name.to_lowercase(), name.clone()).is_some() {
                return Err(damaged(format!("it holds {name} twice")));
            }
            names.push(name.clone());
            entries.insert(name.clone(), i);
            parts.insert(name, data);
        }
        let types_name = lower
            .get(&CONTENT_TYPES.to_lowercase())
            .cloned()
            .ok_or_else(|| damaged("it has no [Content_Types].xml"))?;
        let types = Doc::parse(&parts[&types_name])
            .map_err(|e| damaged(format!("{CONTENT_TYPES}: {e}")))?;
        let (mut overrides, mut defaults) = (HashMap::new(), HashMap::new());
        for c in types.root.children.iter().filter_map(elem) {
            let n = &types.names;
            let ct = n
                .attr(c, Ns::None, "ContentType")
                .unwrap_or_default()
                .to_string();
            if n.is(c, Ns::Ct, "Override") {
                let part = n.attr(c, Ns::None, "PartName").unwrap_or_default();
                overrides.insert(part.trim_start_matches('/').to_lowercase(), ct);
            } else if n.is(c, Ns::Ct, "Default") {
                let ext = n.attr(c, Ns::None, "Extension").unwrap_or_default();
                defaults.insert(ext.to_lowercase(), ct);
            }
        }
        let mut pkg = Package {
            zip,
            size: bytes.len(),
            entries,
            names,
            parts,
            lower,
            overrides,
            defaults,
            rels: HashMap::new(),
        };
        for name in pkg.names.clone() {
            if let Some(source) = source_of_rels(&name) {
                let doc =
                    Doc::parse(&pkg.parts[&name]).map_err(|e| damaged(format!("{name}: {e}")))?;
                let rels = pkg.read_rels(&source, &doc);
                pkg.rels.insert(source, rels);
            }
        }
        Ok(pkg)
    }

    fn read_rels(&self, source: &str, doc: &Doc) -> Vec<Rel> {
        let n = &doc.names;
        doc.root
            .children
            .iter()
            .filter_map(elem)
            .filter(|e| n.is(e, Ns::Rel, "Relationship"))
            .map(|e| {
                let get = |a| n.attr(e, Ns::None, a).unwrap_or_default().to_string();
                let kind = get("Type")
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_string();
                let target = get("Target");
                let external = get("TargetMode").eq_ignore_ascii_case("External");
                let to = (!external)
                    .then(|| self.find(&resolve(source, &target)))
                    .flatten();
                Rel {
                    id: get("Id"),
                    kind,
                    target,
                    external,
                    to,
                }
            })
            .collect()
    }

    /// A part's name as stored, found case-insensitively.
    pub fn find(&self, name: &str) -> Option<String> {
        self.lower.get(&name.to_lowercase()).cloned()
    }

    /// A part's content type: its override, else its extension's default.
    pub fn content_type(&self, part: &str) -> &str {
        if let Some(ct) = self.overrides.get(&part.to_lowercase()) {
            return ct;
        }
        let ext = part.rsplit('.').next().unwrap_or_default().to_lowercase();
        self.defaults.get(&ext).map_or("", String::as_str)
    }

    /// The parts reached from the package's root through internal
    /// relationships that `keep` lets through.
    pub fn reachable(&self, keep: impl Fn(&str, &Rel) -> bool) -> HashSet<String> {
        let mut seen = HashSet::new();
        let mut todo = vec![String::new()];
        while let Some(source) = todo.pop() {
            for r in self.rels.get(&source).into_iter().flatten() {
                if let Some(to) = r.to.as_ref().filter(|_| keep(&source, r)) {
                    if seen.insert(to.clone()) {
                        todo.push(to.clone());
                    }
                }
            }
        }
        seen
    }

    /// Writes the package: the parts in `written` (name → new bytes) and
    /// in `unchanged`, in the source's order, `[Content_Types].xml` first.
    /// A part in `unchanged` is copied as it was packed (not compressed
    /// again) when its entry has no extra fields and no comment; its time
    /// is set like every other's. A part written anew is compressed fast
    /// (level 1): a few per cent larger, several times quicker.
    pub fn write(
        &mut self,
        written: &HashMap<String, Vec<u8>>,
        unchanged: &HashSet<String>,
    ) -> Result<Vec<u8>, CleanError> {
        // About the source's size: parts compressed faster grow a little.
        let room = self.size + self.size / 8 + (64 << 10);
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(room)));
        let types = self
            .find(CONTENT_TYPES)
            .unwrap_or_else(|| CONTENT_TYPES.into());
        let order: Vec<String> = std::iter::once(types.clone())
            .chain(self.names.iter().filter(|n| **n != types).cloned())
            .collect();
        for name in &order {
            let data = match written.get(name) {
                Some(data) => data,
                None if unchanged.contains(name) => {
                    if let Some(&i) = self.entries.get(name) {
                        let f = self.zip.by_index_raw(i).map_err(damaged)?;
                        let plain = f.extra_data_fields().next().is_none()
                            && f.comment().is_empty()
                            && matches!(
                                f.compression(),
                                zip::CompressionMethod::Stored | zip::CompressionMethod::Deflated
                            );
                        if plain {
                            out.raw_copy_file_touch(f, zip::DateTime::default(), Some(0o644))
                                .map_err(damaged)?;
                            continue;
                        }
                    }
                    &self.parts[name]
                }
                None => continue,
            };
            let ext = name
                .rsplit('.')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase();
            // Pictures are compressed already: stored, they cost no time.
            let (method, level) = match ext.as_str() {
                "jpeg" | "jpg" | "png" | "gif" | "webp" => (zip::CompressionMethod::Stored, None),
                _ => (zip::CompressionMethod::Deflated, Some(1)),
            };
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(method)
                .compression_level(level)
                .last_modified_time(zip::DateTime::default())
                .unix_permissions(0o644);
            out.start_file(name.as_str(), options).map_err(damaged)?;
            out.write_all(data).map_err(damaged)?;
        }
        Ok(out.finish().map_err(damaged)?.into_inner())
    }

    /// `[Content_Types].xml` without the overrides of parts not in `kept`.
    pub fn types_without(&self, kept: &HashSet<String>) -> Vec<u8> {
        let mut doc = Doc::parse(&self.parts[&self.find(CONTENT_TYPES).unwrap_or_default()])
            .expect("parsed once already");
        let names = &doc.names;
        let keep_lower: HashSet<String> = kept.iter().map(|k| k.to_lowercase()).collect();
        doc.root.children.retain(|c| match c {
            super::xml::Node::Elem(e) if names.is(e, Ns::Ct, "Override") => {
                let part = names.attr(e, Ns::None, "PartName").unwrap_or_default();
                keep_lower.contains(&part.trim_start_matches('/').to_lowercase())
            }
            _ => true,
        });
        doc.write()
    }

    /// A `.rels` part without the relationships whose ids are in `drop`.
    pub fn rels_without(&self, rels_part: &str, drop: &HashSet<String>) -> Vec<u8> {
        let mut doc = Doc::parse(&self.parts[rels_part]).expect("parsed once already");
        let names = &doc.names;
        doc.root.children.retain(|c| match c {
            super::xml::Node::Elem(e) if names.is(e, Ns::Rel, "Relationship") => {
                !drop.contains(names.attr(e, Ns::None, "Id").unwrap_or_default().as_ref())
            }
            _ => true,
        });
        doc.write()
    }
}

pub fn elem(n: &super::xml::Node) -> Option<&super::xml::Elem> {
    match n {
        super::xml::Node::Elem(e) => Some(e),
        _ => None,
    }
}

/// `word/_rels/document.xml.rels` → `word/document.xml`; `_rels/.rels` →
/// `""` (the package).
pub fn source_of_rels(name: &str) -> Option<String> {
    let file = name.rsplit('/').next()?;
    let dir = name.strip_suffix(file)?.strip_suffix('/').unwrap_or("");
    let parent = dir.strip_suffix("_rels")?;
    let source = file.strip_suffix(".rels")?;
    Some(format!("{parent}{source}"))
}

/// The `.rels` part of a part (`""`: the package's).
pub fn rels_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// A relationship's target resolved against its source part: an absolute
/// target from the package's root, a relative one from the source's
/// folder, `.` and `..` resolved, `%20` decoded.
pub fn resolve(source: &str, target: &str) -> String {
    let target = target.split('#').next().unwrap_or_default();
    let decoded = percent_decode(target);
    let mut segs: Vec<&str> = if decoded.starts_with('/') {
        Vec::new()
    } else {
        let dir = source.rsplit_once('/').map_or("", |(d, _)| d);
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for s in decoded.split('/') {
        match s {
            "" | "." => {}
            ".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    segs.join("/")
}

/// `%20` → ` `; anything else as written.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).and_then(|&c| hex(c)),
            b.get(i + 2).and_then(|&c| hex(c)),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_parts() {
        assert_eq!(
            source_of_rels("word/_rels/document.xml.rels").as_deref(),
            Some("word/document.xml")
        );
        assert_eq!(source_of_rels("_rels/.rels").as_deref(), Some(""));
        assert_eq!(source_of_rels("word/document.xml"), None);
        assert_eq!(rels_of("word/document.xml"), "word/_rels/document.xml.rels");
        assert_eq!(
            resolve("word/document.xml", "media/image1.png"),
            "word/media/image1.png"
        );
        assert_eq!(
            resolve("word/document.xml", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve("", "/docProps/core.xml"), "docProps/core.xml");
        assert_eq!(
            resolve("word/document.xml", "media/a%20b.png"),
            "word/media/a b.png"
        );
    }
}

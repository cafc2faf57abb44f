//! The index's files: JSON written by hand (fixed key order, no map
//! iteration anywhere, so the bytes are the same on every run), raw
//! DEFLATE, FNV-1a names, and the result data (`meta`) and excerpt text
//! (`text`) of format v2 (`docs/search-format.md`; `facets.rs` writes the
//! facets).

use std::fmt::Write as _;
use std::sync::Mutex;

use rayon::prelude::*;

use super::analyze::Map;
use crate::config::Config;
use crate::model::SiteModel;

mod deflate;
pub use deflate::{deflate, deflate_at, FACETS_LEVEL};

/// The format's version in `entry.json` (`docs/search-format.md`).
pub const VERSION: u32 = 2;
/// Where the index lives in the site.
pub const DIR: &str = "sok/index/";
/// Docs per `meta` chunk and per `text` chunk. Twelve texts a file, not
/// six: a build on ext4 spends much of its system time finding free
/// inodes after the last build's were deleted, so the index's files cost
/// more than their bytes; the excerpts of a first search load about 40 kB
/// more (bench/README.md).
pub const META_CHUNK: usize = 32;
pub const TEXT_CHUNK: usize = 12;
/// Appends `s` as a JSON string, copying the runs that need no escape
/// whole (most of the excerpt text).
pub fn push_json_str(out: &mut String, s: &str) {
    out.push('"');
    push_json_body(out, s);
    out.push('"');
}

/// Appends `s` escaped for a JSON string, without the quotes.
fn push_json_body(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        // Most bytes need nothing: one comparison each for them.
        if b >= 0x20 && b != b'"' && b != b'\\' && b != 0xE2 {
            continue;
        }
        let esc: Option<&str> = match b {
            b'"' => Some("\\\""),
            b'\\' => Some("\\\\"),
            b'\n' => Some("\\n"),
            b'\r' => Some("\\r"),
            b'\t' => Some("\\t"),
            0..0x20 => None,
            // U+2028 and U+2029 (E2 80 A8/A9), which older parsers treat
            // as line ends.
            0xE2 if matches!(bytes.get(i + 1..i + 3), Some([0x80, 0xA8 | 0xA9])) => None,
            _ => continue,
        };
        out.push_str(&s[run..i]);
        match esc {
            Some(e) => {
                out.push_str(e);
                run = i + 1;
            }
            None if b < 0x20 => {
                let _ = write!(out, "\\u{:04x}", b);
                run = i + 1;
            }
            None => {
                let _ = write!(
                    out,
                    "\\u{:04x}",
                    if bytes[i + 2] == 0xA8 { 0x2028 } else { 0x2029 }
                );
                run = i + 3;
            }
        }
    }
    // `run` is at a char boundary: only ASCII bytes and whole U+2028/9 end a run.
    out.push_str(&s[run..]);
}

/// Appends `[a,b,…]` (`itoa`: the postings are mostly numbers, and
/// `Display` was a tenth of the index's time).
pub fn push_json_list<T: itoa::Integer>(out: &mut String, items: impl IntoIterator<Item = T>) {
    out.push('[');
    let mut buf = itoa::Buffer::new();
    for (i, x) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(buf.format(x));
    }
    out.push(']');
}

/// 64-bit FNV-1a, continuing from `h` (start with [`FNV_START`]).
pub fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
pub const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// A group's hash: every file in order, as its length then its bytes.
pub fn group_hash<'a>(files: impl IntoIterator<Item = &'a Vec<u8>>) -> String {
    let mut h = FNV_START;
    for f in files {
        h = fnv1a(h, &(f.len() as u64).to_le_bytes());
        h = fnv1a(h, f);
    }
    format!("{h:016x}")
}

/// DEFLATE of the index's JSON, with an optional memory of the last
/// index's results (`serve`): a file whose JSON did not change is not
/// compressed again, which is most of the time of an update after an edit.
#[derive(Default)]
pub struct Packer {
    keep: bool,
    prev: Map<u128, Vec<u8>>,
    next: Mutex<Map<u128, Vec<u8>>>,
}

impl Packer {
    /// A packer that remembers what it compressed, until the next
    /// [`Packer::rotate`].
    pub fn remembering() -> Packer {
        Packer {
            keep: true,
            ..Packer::default()
        }
    }

    pub fn pack(&self, json: &str) -> Vec<u8> {
        if !self.keep {
            return deflate(json.as_bytes());
        }
        self.pack_keyed(hash128(json), || json)
    }

    /// The `facets` file, at [`FACETS_LEVEL`].
    pub fn pack_facets(&self, json: &str) -> Vec<u8> {
        let key = hash128(json) ^ 1;
        match self.prev.get(&key) {
            Some(b) if self.keep => {
                self.remember(key, b);
                b.clone()
            }
            _ => {
                let b = deflate_at(json.as_bytes(), FACETS_LEVEL);
                self.remember(key, &b);
                b
            }
        }
    }

    fn remember(&self, key: u128, bytes: &[u8]) {
        if self.keep {
            let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
            next.insert(key, bytes.to_vec());
        }
    }

    /// Whether [`Packer::pack_keyed`] can skip making the JSON.
    pub fn remembers(&self) -> bool {
        self.keep
    }

    /// Compresses the JSON `make` returns, unless the last index had the
    /// same `key` (a hash of everything the JSON is made from).
    pub fn pack_keyed<S: AsRef<str>>(&self, key: u128, make: impl FnOnce() -> S) -> Vec<u8> {
        let bytes = match self.prev.get(&key) {
            Some(b) => b.clone(),
            None => deflate(make().as_ref().as_bytes()),
        };
        if !self.keep {
            return bytes;
        }
        let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
        next.insert(key, bytes.clone());
        bytes
    }

    /// Forgets what the last index had and this one no longer has.
    pub fn rotate(&mut self) {
        self.prev = std::mem::take(self.next.get_mut().unwrap_or_else(|e| e.into_inner()));
    }
}

/// A 128-bit hash of a text: two seeds of foldhash's quality hasher.
fn hash128(s: &str) -> u128 {
    use std::hash::BuildHasher;
    let h = |seed| foldhash::quality::FixedState::with_seed(seed).hash_one(s);
    (u128::from(h(1)) << 64) | u128::from(h(2))
}

/// Compresses JSON texts in parallel and names them `<kind>-<i>.<hash>.dfl`.
pub fn group(kind: &str, json: Vec<String>, packer: &Packer) -> (String, Vec<(String, Vec<u8>)>) {
    let bytes: Vec<Vec<u8>> = json.into_par_iter().map(|j| packer.pack(&j)).collect();
    named(kind, bytes)
}

/// Names compressed files `<kind>-<i>.<hash>.dfl`, the hash over them all.
fn named(kind: &str, bytes: Vec<Vec<u8>>) -> (String, Vec<(String, Vec<u8>)>) {
    let hash = group_hash(&bytes);
    let files = bytes
        .into_iter()
        .enumerate()
        .map(|(i, b)| (format!("{DIR}{kind}-{i}.{hash}.dfl"), b))
        .collect();
    (hash, files)
}

/// The `meta` chunks: title, URL, goal summary, status label.
pub fn meta_chunks(config: &Config, model: &SiteModel) -> Vec<String> {
    let base = config.base_path();
    model
        .reports
        .par_chunks(META_CHUNK)
        .map(|chunk| {
            let mut out = String::from("[");
            for (i, r) in chunk.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str("{\"t\":");
                push_json_str(&mut out, &r.title);
                out.push_str(",\"u\":");
                push_json_str(&mut out, &format!("{base}{}", r.rel_url()));
                out.push_str(",\"g\":");
                push_json_str(&mut out, &crate::render::goals::report_headline(r));
                out.push_str(",\"s\":");
                push_json_str(&mut out, r.status.label());
                out.push('}');
            }
            out.push(']');
            out
        })
        .collect()
}

/// Appends a report's text as one JSON string: its parts with every run
/// of white space (as `str::split_whitespace` finds it) made one space,
/// joined by one newline (see `analyze::text_parts`). The text is most of
/// the index's bytes, so it is read once, ASCII as bytes.
pub fn push_json_text(out: &mut String, parts: &[&str]) {
    out.push('"');
    for (p, part) in parts.iter().enumerate() {
        if p > 0 {
            out.push_str("\\n");
        }
        let mut first = true;
        each_token(part, |token| {
            if !first {
                out.push(' ');
            }
            first = false;
            push_json_body(out, token);
        });
    }
    out.push('"');
}

/// Calls `f` with each run of `s` between white space, as
/// `str::split_whitespace` would yield them, except that runs parted by
/// one ASCII space (most words of a text) come as one, that space and
/// all: joined by one space the result is the same, made with a tenth of
/// the calls.
fn each_token(s: &str, mut f: impl FnMut(&str)) {
    let bytes = s.as_bytes();
    let (mut start, mut i) = (None, 0);
    while i < bytes.len() {
        let (white, len) = white_at(s, i);
        match (white, start) {
            // One space between two words does not end a run.
            (true, Some(_)) if bytes[i] == b' ' && i + 1 < bytes.len() && !white_at(s, i + 1).0 => {
            }
            (true, Some(st)) => {
                f(&s[st..i]);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
        i += len;
    }
    if let Some(st) = start {
        f(&s[st..]);
    }
}

/// Whether the char at byte `i` of `s` (a char boundary, or the inside
/// of a char that is no white space) is white space, and how many bytes
/// to step over.
fn white_at(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes()[i];
    match b {
        0..0x80 => (matches!(b, b'\t'..=b'\r' | b' '), 1),
        // The other white space begins with one of these bytes (U+0085,
        // U+00A0, U+1680, U+2000–U+205F, U+3000); `i` is at a char
        // boundary then, as the callers only skip whole white chars.
        0xC2 | 0xE1..=0xE3 => {
            let c = s
                .get(i..)
                .and_then(|t| t.chars().next())
                .unwrap_or_default();
            (c.is_whitespace(), c.len_utf8())
        }
        // Any other byte of a char that is no white space.
        _ => (false, 1),
    }
}

/// The `text` chunks, compressed and named: each report's searchable
/// text. With `hashes` (of each report's fields, `serve`), a chunk whose
/// reports did not change is taken from the packer's memory unmade.
pub fn text_group(
    fields: &[super::analyze::Fields<'_>],
    hashes: Option<&[u64]>,
    packer: &Packer,
) -> (String, Vec<(String, Vec<u8>)>) {
    let bytes: Vec<Vec<u8>> = match hashes {
        Some(h) if packer.remembers() => fields
            .par_chunks(TEXT_CHUNK)
            .zip(h.par_chunks(TEXT_CHUNK))
            .map(|(chunk, h)| {
                let mut key = FNV_START;
                for x in h {
                    key = fnv1a(key, &x.to_le_bytes());
                }
                let key = (u128::from(key) << 64) | h.len() as u128;
                packer.pack_keyed(key, || text_chunk(chunk))
            })
            .collect(),
        _ => fields
            .par_chunks(TEXT_CHUNK)
            .map(|chunk| packer.pack(&text_chunk(chunk)))
            .collect(),
    };
    named("text", bytes)
}

/// One `text` chunk: its reports' positional fields (`analyze::text_parts`).
fn text_chunk(chunk: &[super::analyze::Fields<'_>]) -> String {
    let size: usize = (chunk.iter().flat_map(|f| &f.parts))
        .filter(|p| p.positional)
        .map(|p| p.text.len() + 8)
        .sum();
    let mut out = String::with_capacity(size + 2);
    out.push('[');
    let mut parts: Vec<&str> = Vec::with_capacity(2);
    for (i, f) in chunk.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        parts.clear();
        parts.extend(f.parts.iter().filter(|p| p.positional).map(|p| p.text));
        push_json_text(&mut out, &parts);
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_are_escaped() {
        let mut s = String::new();
        push_json_str(&mut s, "a\"b\\c\nd\u{1}\u{2028}</script>");
        assert_eq!(s, r#""a\"b\\c\nd\u0001\u2028</script>""#);
        let v: String = serde_json::from_str(&s).unwrap();
        assert_eq!(v, "a\"b\\c\nd\u{1}\u{2028}</script>");
    }

    /// The text is written as `split_whitespace` and `push_json_str`
    /// would write it, one after the other.
    #[test]
    fn text_is_normalised_and_escaped_in_one_pass() {
        let texts = [
            "  Smärta\t och\u{a0}\u{a0}sömn\r\n\"citat\"  \\ slut ",
            "a\u{b}b\u{1}c\u{1c}d\u{2028}e\u{2029}\u{85}f\u{3000}g\u{200b}h",
            "",
            "   ",
            "ÅÄÖ åäö é \u{1f600} </script> ©–\u{1680}x\u{202f}y\u{205f}z\u{2009}ö",
            "ett två  tre \u{a0}fyra \u{3000}fem\u{85} sex \u{2028}sju \n åtta \"nio\" tio ",
            " a b\tc d \u{1680}e f\u{a0} g",
        ];
        for a in texts {
            for b in texts {
                let parts = [a, b];
                let mut want = String::new();
                for (p, part) in parts.iter().enumerate() {
                    if p > 0 {
                        want.push('\n');
                    }
                    want.push_str(&part.split_whitespace().collect::<Vec<_>>().join(" "));
                }
                let mut reference = String::new();
                push_json_str(&mut reference, &want);
                let mut made = String::new();
                push_json_text(&mut made, &parts);
                assert_eq!(made, reference, "{parts:?}");
            }
        }
    }

    #[test]
    fn fnv_and_buckets_follow_the_spec() {
        // Test vectors of FNV-1a 64.
        assert_eq!(fnv1a(FNV_START, b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(FNV_START, b"a"), 0xaf63_dc4c_8601_ec8c);
        use crate::search::facets::len_bucket;
        assert_eq!(len_bucket(0), '0');
        assert_eq!(len_bucket(1), '4');
        assert_eq!(len_bucket(u32::MAX), char::from_u32(48 + 60).unwrap());
    }
}

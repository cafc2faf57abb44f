//! All YAML parsing lives here, so that the YAML library can be swapped:
//! saphyr-parser's events become a tree that keeps every value's position
//! ([`super::tree`]), and the tree is checked field by field against the
//! content format ([`super::schema`]), so that every problem of a file is
//! reported in one run, each at its value.
//!
//! Why not serde_yaml (used until the editor's-loop issue): it stops at the
//! first wrong type, so a report with four mistakes took four runs, and its
//! messages ("did not find expected key" eight lines below an unclosed
//! quote) did not say what to type. It is also no longer maintained.

use std::collections::HashMap;

use super::raw::RawFrontMatter;
use super::{schema, tree};
use crate::diag::Code;

pub use tree::Pos;

/// Where each value of the front matter is, keyed by its path
/// (`title`, `topics[1]`, `indicators[0].target.by`).
#[derive(Debug, Default)]
pub struct Spans {
    map: HashMap<String, Pos>,
    /// Position of the opening `---`, for errors about the whole document.
    pub start: Pos,
    /// Values that could not be used: later checks say nothing there.
    failed: Vec<Pos>,
}

impl Spans {
    /// The position of a path, or of its nearest recorded ancestor.
    pub fn at(&self, path: &str) -> Pos {
        let mut p = path;
        loop {
            if let Some(pos) = self.map.get(p) {
                return *pos;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return self.start,
            }
        }
    }

    /// Whether the value at `pos` already has an error of its own.
    pub fn failed(&self, pos: Pos) -> bool {
        self.failed.contains(&pos)
    }
}

/// A YAML problem at a position in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub pos: Pos,
    pub code: Code,
    pub message: String,
}

/// The front matter, where its values are, and every problem found. The
/// front matter is `None` only when there is nothing to check (a syntax
/// error, an empty or non-mapping document).
pub struct Parsed {
    pub front: Option<RawFrontMatter>,
    pub spans: Spans,
    pub errors: Vec<YamlError>,
}

/// Parses the front matter. `first_line` is the file line the YAML starts on.
pub fn parse(yaml: &str, first_line: usize) -> Parsed {
    let start = (first_line.saturating_sub(1).max(1), 1);
    let fail = |pos, code, message: String| Parsed {
        front: None,
        spans: Spans {
            start,
            ..Spans::default()
        },
        errors: vec![YamlError { pos, code, message }],
    };
    let root = match tree::parse(yaml, first_line) {
        Ok(Some(root)) => root,
        Ok(None) => return fail(start, Code::FrontMatter, "the front matter is empty".into()),
        Err(e) => return fail(e.pos, Code::YamlSyntax, e.message),
    };
    let decoded = schema::decode(&root, start);
    Parsed {
        front: decoded.front,
        spans: Spans {
            map: decoded.spans,
            start,
            failed: decoded.failed,
        },
        errors: decoded
            .errors
            .into_iter()
            .map(|(pos, code, message)| YamlError { pos, code, message })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FM: &str = "title: Öka antalet SIP\nclinic: Kry\nyear: 2023\ntopics: [sip, sjukskrivnig]\nindicators:\n  - name: Antal SIP\n    target: { value: 10, by: 2023-13-01 }\n";

    #[test]
    fn spans_point_at_values() {
        let p = parse(FM, 2);
        assert!(p.errors.is_empty());
        assert_eq!(p.front.unwrap().year, 2023);
        let spans = p.spans;
        assert_eq!(spans.at("title"), (2, 8));
        assert_eq!(spans.at("topics[1]"), (5, 15));
        assert_eq!(spans.at("indicators[0].target.by"), (8, 30));
        assert_eq!(spans.at("indicators[0].source"), (7, 5));
        assert_eq!(spans.at("nothing"), (1, 1));
    }

    #[test]
    fn errors_have_positions_and_codes() {
        let e = &parse("title: x\nclinic: y\nyear: twenty\ntopics: [a]\n", 2).errors[0];
        assert_eq!((e.pos, e.code), ((4, 7), Code::WrongType), "{}", e.message);

        let e = &parse(
            "title: x\nclinic: y\nyear: 2020\ntopics: [a]\ncolour: red\n",
            2,
        )
        .errors[0];
        assert!(e.message.contains("unknown key `colour`"), "{}", e.message);
        assert_eq!((e.pos, e.code), ((6, 1), Code::UnknownKey));

        let e = &parse("title: x\nyear: 2020\ntopics: [a]\n", 2).errors[0];
        assert_eq!((e.pos, e.code), ((1, 1), Code::MissingKey));
        assert!(
            e.message.contains("missing required key `clinic`"),
            "{}",
            e.message
        );

        let e = &parse("title: x\nclinic: a: b\n", 2).errors[0];
        assert_eq!(
            (e.pos, e.code),
            ((3, 10), Code::YamlSyntax),
            "{}",
            e.message
        );

        let e = &parse("", 2).errors[0];
        assert_eq!((e.pos, e.code), ((1, 1), Code::FrontMatter));
    }
}

//! Checks the front-matter tree against the content format and builds the
//! `raw` structs, reporting every wrong type, unknown key and missing key of
//! a file in one run, each at its own value.
//!
//! A field that fails keeps a default value so that the other fields can
//! still be checked, and its position is recorded in [`Decoded::failed`]:
//! later checks (range, topic, date) stay silent there instead of adding a
//! second, confusing message about the default.

use std::collections::HashMap;

mod scalars;

use crate::content::raw::*;
use crate::content::tree::{Entry, Node, Pos};
use crate::diag::Code;

/// The result of decoding: the front matter (when the tree was a mapping),
/// the position of every value by path, and every problem found.
#[derive(Debug, Default)]
pub struct Decoded {
    pub front: Option<RawFrontMatter>,
    pub spans: HashMap<String, Pos>,
    pub errors: Vec<(Pos, Code, String)>,
    /// Positions whose value could not be used.
    pub failed: Vec<Pos>,
}

/// Decodes a front-matter tree; `start` is the opening `---`, where a
/// missing top-level key is reported.
pub fn decode(root: &Node, start: Pos) -> Decoded {
    let mut d = Decoder {
        out: Decoded::default(),
        start,
    };
    d.out.front = RawFrontMatter::decode(root, "", &mut d);
    d.out.errors.sort_by_key(|(pos, ..)| *pos);
    d.out
}

pub(crate) struct Decoder {
    out: Decoded,
    start: Pos,
}

impl Decoder {
    pub(crate) fn error(&mut self, pos: Pos, path: &str, message: impl AsRef<str>) {
        self.problem(Code::WrongType, pos, path, message);
    }

    pub(crate) fn problem(&mut self, code: Code, pos: Pos, path: &str, message: impl AsRef<str>) {
        let m = message.as_ref();
        let text = if path.is_empty() {
            m.to_string()
        } else {
            format!("{path}: {m}")
        };
        self.out.errors.push((pos, code, text));
        self.out.failed.push(pos);
    }

    /// The entries of a mapping, with unknown keys reported.
    fn map<'n>(&mut self, n: &'n Node, path: &str, keys: &[&str]) -> Option<&'n [Entry]> {
        let Node::Map { entries, .. } = n else {
            self.error(
                n.pos(),
                path,
                format!(
                    "expected a mapping (`key: value` lines or `{{ key: value }}`), found {}",
                    found(n)
                ),
            );
            return None;
        };
        let mut previous: Option<&Entry> = None;
        for e in entries {
            if !keys.contains(&e.key.as_str()) {
                if let Some(p) = previous.filter(|_| decimal_comma_tail(e)) {
                    let tail = &e.key;
                    let head = scalar_text(&p.value).unwrap_or_default();
                    self.problem(
                        Code::DecimalComma,
                        p.value.pos(),
                        &join(path, &p.key),
                        format!("{head},{tail} has a decimal comma: write {head}.{tail} (or put \"{head},{tail}\" in quotes to keep it as text)"),
                    );
                } else {
                    let expected = keys
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let at = join(path, &e.key);
                    let hint = crate::text::closest(&e.key, keys.iter().copied())
                        .map(|k| format!(" (did you mean `{k}`?)"))
                        .unwrap_or_default();
                    self.problem(
                        Code::UnknownKey,
                        e.key_pos,
                        "",
                        format!("unknown key `{at}`{hint}; expected one of {expected}"),
                    );
                }
            }
            previous = Some(e);
        }
        Some(entries)
    }
}

/// `{ value: 3,5 }` reads as `value: 3` and a key `5` without a value.
fn decimal_comma_tail(e: &Entry) -> bool {
    e.flow && !e.key.is_empty() && e.key.bytes().all(|b| b.is_ascii_digit()) && e.value.is_null()
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn scalar_text(n: &Node) -> Option<String> {
    match n {
        Node::Scalar(s) => Some(s.text.clone()),
        _ => None,
    }
}

/// What a node is, in words, for "expected …, found …".
pub(crate) fn found(n: &Node) -> String {
    match n {
        Node::Scalar(_) if n.is_null() => "nothing".into(),
        Node::Scalar(s) if s.plain => format!("`{}`", s.text),
        Node::Scalar(s) => format!("the text \"{}\"", s.text),
        Node::List { .. } => "a list".into(),
        Node::Map { .. } => "a mapping".into(),
    }
}

impl Default for Figure {
    fn default() -> Self {
        Figure::Text(String::new())
    }
}

/// A value of the content format, decoded from a node.
pub(crate) trait FromNode: Sized {
    fn decode(n: &Node, path: &str, d: &mut Decoder) -> Option<Self>;
}

impl<T: FromNode> FromNode for Vec<T> {
    fn decode(n: &Node, path: &str, d: &mut Decoder) -> Option<Self> {
        match n {
            _ if n.is_null() => Some(Vec::new()),
            Node::List { items, .. } => Some(
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, item)| field::<T>(item, &format!("{path}[{i}]"), d))
                    .collect(),
            ),
            _ => {
                d.error(
                    n.pos(),
                    path,
                    format!(
                        "expected a list (`[a, b]` or `- ` lines), found {}",
                        found(n)
                    ),
                );
                None
            }
        }
    }
}

/// Decodes one value and records where it is.
fn field<T: FromNode>(n: &Node, path: &str, d: &mut Decoder) -> Option<T> {
    d.out.spans.entry(path.to_string()).or_insert(n.pos());
    T::decode(n, path, d)
}

fn get<'n>(entries: &'n [Entry], key: &str) -> Option<&'n Node> {
    entries.iter().find(|e| e.key == key).map(|e| &e.value)
}

/// One struct of `raw`: `req` fields must be there (else an error and a
/// default), `opt` fields may be absent or empty, `list` fields default to
/// empty, `flag` fields to false.
macro_rules! record {
    ($ty:ident { $($name:ident : $kind:ident),* $(,)? }) => {
        impl FromNode for $ty {
            fn decode(n: &Node, path: &str, d: &mut Decoder) -> Option<Self> {
                const KEYS: &[&str] = &[$(stringify!($name)),*];
                let entries = d.map(n, path, KEYS)?;
                Some($ty { $($name: record!(@$kind entries, stringify!($name), path, n, d)),* })
            }
        }
    };
    (@req $e:ident, $key:expr, $path:ident, $n:ident, $d:ident) => {{
        let p = join($path, $key);
        match get($e, $key) {
            Some(v) => field(v, &p, $d).unwrap_or_default(),
            None => {
                let at = if $path.is_empty() { $d.start } else { $n.pos() };
                $d.problem(Code::MissingKey, at, "", format!("missing required key `{p}`"));
                Default::default()
            }
        }
    }};
    (@opt $e:ident, $key:expr, $path:ident, $n:ident, $d:ident) => {
        get($e, $key).filter(|v| !v.is_null()).and_then(|v| field(v, &join($path, $key), $d))
    };
    (@list $e:ident, $key:expr, $path:ident, $n:ident, $d:ident) => {
        get($e, $key).and_then(|v| field(v, &join($path, $key), $d)).unwrap_or_default()
    };
    (@flag $e:ident, $key:expr, $path:ident, $n:ident, $d:ident) => {
        get($e, $key).filter(|v| !v.is_null()).and_then(|v| field(v, &join($path, $key), $d)).unwrap_or(false)
    };
}

record!(RawFrontMatter {
    title: req,
    clinic: req,
    year: req,
    topics: req,
    region: opt,
    status: opt,
    date: opt,
    draft: opt,
    summary: opt,
    team: list,
    indicators: list,
    attachments: list,
    aliases: list,
    assessment: opt,
    changes: list
});
record!(RawChange {
    change: req,
    text: opt,
    section: opt,
    indicators: list,
    status: opt
});
record!(RawMember {
    name: req,
    role: opt,
    contact: flag
});
record!(RawIndicator {
    name: req,
    unit: opt,
    direction: opt,
    baseline: opt,
    target: opt,
    result: opt,
    source: opt,
    note: opt,
    series: list,
    reference_label: opt,
    assessment: opt,
    main: flag
});
record!(RawMeasure {
    value: opt,
    period: opt,
    note: opt
});
record!(RawTarget {
    value: opt,
    change_percent: opt,
    better_than: opt,
    by: opt,
    text: opt
});
record!(RawAssessment {
    status: req,
    text: req
});
record!(RawPoint {
    date: opt,
    label: opt,
    value: req,
    reference: opt
});
record!(RawAttachment {
    file: opt,
    url: opt,
    title: opt
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::tree;

    fn run(yaml: &str) -> Decoded {
        decode(&tree::parse(yaml, 2).unwrap().unwrap(), (1, 1))
    }

    #[test]
    fn every_problem_in_one_run() {
        let d = run("title: x\nclinic: y\nyear: tjugo\ntopics: [sip]\nauthor: me\ndraft: ja\nindicators:\n  - name: a\n    baseline: { value: 3,5 }\n    result: { value: 2, colour: red }\n");
        let msgs: Vec<String> = d
            .errors
            .iter()
            .map(|(p, _, m)| format!("{}:{} {m}", p.0, p.1))
            .collect();
        assert_eq!(msgs.len(), 5, "{msgs:#?}");
        assert!(
            msgs[0].starts_with("4:7 year: expected a whole number"),
            "{msgs:#?}"
        );
        assert!(msgs[1].starts_with("6:1 unknown key `author`"), "{msgs:#?}");
        assert!(
            msgs[2].starts_with("7:8 draft: expected true or false"),
            "{msgs:#?}"
        );
        assert!(
            msgs[3].contains("3,5 has a decimal comma: write 3.5"),
            "{msgs:#?}"
        );
        assert!(
            msgs[4].contains("unknown key `indicators[0].result.colour`"),
            "{msgs:#?}"
        );
        let fm = d.front.unwrap();
        assert_eq!(fm.title.0, "x");
        assert_eq!(fm.indicators.len(), 1);
        assert!(d.failed.contains(&(4, 7)));
    }

    #[test]
    fn missing_keys_at_the_start_and_values_as_written() {
        let d = run("title: x\nyear: 2023\ntopics: [sip]\nindicators:\n  - name: a\n    baseline: { value: 58.30, period: 2022 }\n");
        assert_eq!(
            d.errors,
            vec![(
                (1, 1),
                Code::MissingKey,
                "missing required key `clinic`".to_string()
            )]
        );
        let fm = d.front.unwrap();
        let b = fm.indicators[0].baseline.as_ref().unwrap();
        // The decimals as written: 58.30 is shown "58,30".
        assert_eq!(
            b.value,
            Some(Figure::Number(crate::content::Num {
                value: 58.3,
                decimals: 2
            }))
        );
        assert_eq!(b.period.as_ref().unwrap().0, "2022");
        assert_eq!(d.spans["indicators[0].baseline.period"], (7, 39));
    }

    #[test]
    fn block_decimal_comma_and_quoted_text() {
        let d = run("title: x\nclinic: y\nyear: 2023\ntopics: [sip]\nindicators:\n  - name: a\n    result:\n      value: 3,5\n  - name: b\n    result: { value: \"3,5\" }\n");
        assert_eq!(d.errors.len(), 1, "{:?}", d.errors);
        assert_eq!(d.errors[0].0, (9, 14));
        let fm = d.front.unwrap();
        assert_eq!(
            fm.indicators[1].result.as_ref().unwrap().value,
            Some(Figure::Text("3,5".into()))
        );
    }
}

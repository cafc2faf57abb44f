//! The three-way merge of an update: base = the draft the last import
//! produced, ours = the entry as it is now (the editor's), theirs = the
//! draft of the new original. It merges by structure, not by lines:
//!
//! - the front matter (`front.rs`) by top-level key, each key with the
//!   comment lines above it; `team`, `indicators`, `attachments` and
//!   `changes` item by item (team members by name, attachments by file or
//!   address, change ideas by slug, indicators by position, then by name),
//!   and each indicator key by key (`name`, `baseline`, `result` …);
//! - the importer's own `# TODO:` lines at the top as a set: new ones are
//!   added, ones the new original no longer needs are dropped;
//! - the body (`body.rs`) by section, a section being a heading and the
//!   text up to the next one.
//!
//! For each unit: the new original left it as it was → the editor's is
//! kept byte for byte; the editor left it → the new original's is taken;
//! both made it the same → the editor's; else a conflict, written as a
//! `# TODO: konflikt` comment (front matter) or a `<!-- TODO: konflikt`
//! block holding the new text (body), and the editor's version stays.
//! Values are compared as parsed YAML without comments, so quoting, spacing
//! and a comment of the editor's are no change of value. `draft` is always
//! the editor's: publishing is the editor's decision.

mod body;
mod front;

use crate::content::frontmatter;
use crate::content::tree::{self, Node};

/// The outcome of a merge.
#[derive(Debug, Default, Clone)]
pub struct Merged {
    pub text: String,
    /// Conflicts written into the text.
    pub conflicts: usize,
    /// The importer's TODOs that are new to the entry.
    pub new_todos: Vec<String>,
    /// What was taken from the new original, in words (for `--dry-run`).
    pub taken: Vec<String>,
    /// Indicator results taken (added or changed).
    pub results: usize,
    /// Body sections taken (added or changed).
    pub sections: usize,
    /// Other values taken.
    pub others: usize,
}

impl Merged {
    fn take(&mut self, what: impl Into<String>) {
        self.taken.push(what.into());
    }
}

/// Merges; `base` is `None` for a link-only entry, which is its own base
/// except for its `aliases` and `url:` originals (which are kept).
pub fn merge(base: Option<&str>, ours: &str, theirs: &str) -> Result<Merged, String> {
    let (o_open, o_yaml, o_close, o_body) = parts(ours).ok_or("the entry has no front matter")?;
    let (_, t_yaml, _, t_body) = parts(theirs).ok_or("the new draft has no front matter")?;
    let mut m = Merged::default();
    let (front, body) = match base {
        Some(base) => {
            let (_, b_yaml, _, b_body) = parts(base).ok_or("the base has no front matter")?;
            (
                front::merge(Some(b_yaml), o_yaml, t_yaml, &mut m),
                body::merge(b_body, o_body, t_body, &mut m),
            )
        }
        None => (
            front::merge(None, o_yaml, t_yaml, &mut m),
            body::merge("", o_body, t_body, &mut m),
        ),
    };
    m.text = format!("{o_open}{front}{o_close}{body}");
    // Any TODO the entry did not have is new, wherever the new original
    // brought it (the importer's at the top, one in a section's text).
    let open = |text: &str| -> Vec<String> {
        frontmatter::split(text)
            .map(|s| crate::content::todos::find(s.yaml, s.yaml_line, s.body, s.body_line))
            .unwrap_or_default()
            .into_iter()
            .filter(|t| !t.is_conflict())
            .map(|t| t.text)
            .collect()
    };
    let before = open(ours);
    m.new_todos = open(&m.text)
        .into_iter()
        .filter(|t| !before.contains(t))
        .collect();
    Ok(m)
}

/// A file's opening `---` line, its YAML, its closing line and its body,
/// exactly as written (so that untouched parts stay byte-identical).
fn parts(text: &str) -> Option<(&str, &str, &str, &str)> {
    let split = frontmatter::split(text).ok()?;
    let yaml_start = split.yaml.as_ptr() as usize - text.as_ptr() as usize;
    let yaml_end = yaml_start + split.yaml.len();
    let body_start = split.body.as_ptr() as usize - text.as_ptr() as usize;
    Some((
        &text[..yaml_start],
        split.yaml,
        &text[yaml_end..body_start],
        split.body,
    ))
}

/// A YAML value as compared: parsed, without positions, comments or
/// quoting; a mapping's keys in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Canon {
    /// A number, `true`, `false` or `null` written plain.
    Plain(String),
    /// Text, quoted or not.
    Text(String),
    List(Vec<Canon>),
    Map(Vec<(String, Canon)>),
    /// Text that did not parse on its own, its lines trimmed.
    Raw(String),
}

impl Canon {
    /// The value of YAML text (already dedented).
    pub fn of(yaml: &str) -> Canon {
        match tree::parse(yaml, 1) {
            Ok(Some(node)) => Canon::node(&node),
            Ok(None) => Canon::Plain("null".into()),
            Err(_) => Canon::Raw(
                yaml.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        }
    }

    fn node(n: &Node) -> Canon {
        match n {
            Node::Scalar(s) => {
                let special = s.plain
                    && (s.text.parse::<f64>().is_ok()
                        || matches!(s.text.as_str(), "true" | "false" | "null" | "~" | ""));
                if special {
                    Canon::Plain(s.text.clone())
                } else {
                    Canon::Text(s.text.clone())
                }
            }
            Node::List { items, .. } => Canon::List(items.iter().map(Canon::node).collect()),
            Node::Map { entries, .. } => {
                let mut m: Vec<(String, Canon)> = entries
                    .iter()
                    .map(|e| (e.key.clone(), Canon::node(&e.value)))
                    .collect();
                m.sort_by(|a, b| a.0.cmp(&b.0));
                Canon::Map(m)
            }
        }
    }

    /// The value on one line, as YAML an editor can copy.
    pub fn flow(&self) -> String {
        match self {
            Canon::Plain(s) => s.clone(),
            Canon::Text(s) => crate::text::yaml_quote(s),
            Canon::Raw(s) => s.replace('\n', " "),
            Canon::List(items) => {
                let inner: Vec<String> = items.iter().map(Canon::flow).collect();
                format!("[{}]", inner.join(", "))
            }
            Canon::Map(entries) => {
                let inner: Vec<String> = entries
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", v.flow()))
                    .collect();
                format!("{{ {} }}", inner.join(", "))
            }
        }
    }

    /// The value under `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Canon> {
        match self {
            Canon::Map(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Which version of a unit the merge keeps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pick {
    Ours,
    Theirs,
    Conflict,
}

/// The three-way rule, on values (`None`: the unit is absent).
pub fn pick(base: Option<&Canon>, ours: Option<&Canon>, theirs: Option<&Canon>) -> Pick {
    if theirs == base || ours == theirs {
        Pick::Ours
    } else if ours == base {
        Pick::Theirs
    } else {
        Pick::Conflict
    }
}

/// The merged order of keys: ours' order, each key only theirs has put
/// after the key it follows in theirs (at the start if none) and after
/// the keys only ours has there.
pub fn order<K: PartialEq + Clone>(ours: &[K], theirs: &[K]) -> Vec<K> {
    let mut out: Vec<K> = ours.to_vec();
    let mut last: Option<usize> = None;
    for k in theirs {
        match out.iter().position(|x| x == k) {
            Some(p) => last = Some(p),
            None => {
                // After its neighbour, and after what only ours added there.
                let mut at = last.map_or(0, |p| p + 1);
                while at < out.len() && !theirs.contains(&out[at]) {
                    at += 1;
                }
                out.insert(at, k.clone());
                last = Some(at);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;

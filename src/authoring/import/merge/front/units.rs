//! The units the front matter is split into (a top-level key, a list
//! item, an indicator's key): the comment lines above each, its own lines
//! and its value; and the three-way choice for one unit written out
//! ([`emit`]), a conflict as a `# TODO: konflikt` comment.

use super::super::{pick, Canon, Merged, Pick};
use crate::authoring::import::todos;
use crate::content::todos::comment as todo_comment;

/// A piece of YAML: the comment and blank lines above it, its own lines
/// (the first holds its key, or its `- ` for a list item) and its value.
#[derive(Debug, Clone)]
pub(super) struct Unit {
    pub(super) key: String,
    pub(super) lead: Vec<String>,
    pub(super) lines: Vec<String>,
    pub(super) value: Canon,
}

impl Unit {
    /// Its value on one line, without its own key (`{ value: 5 }` for
    /// `baseline: { value: 5 }`).
    pub(super) fn shown(&self) -> String {
        match &self.value {
            Canon::Map(m) if m.len() == 1 && m[0].0 == self.key => m[0].1.flow(),
            v => v.flow(),
        }
    }

    pub(super) fn new(key: String, lead: Vec<String>, lines: Vec<String>, dedent: usize) -> Unit {
        let text: Vec<&str> = lines.iter().map(|l| strip_indent(l, dedent)).collect();
        let value = Canon::of(&text.join("\n"));
        Unit {
            key,
            lead,
            lines,
            value,
        }
    }
}

pub(super) fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

pub(super) fn strip_indent(line: &str, n: usize) -> &str {
    &line[indent_of(line).min(n)..]
}

/// Lines moved from theirs into ours by `shift` columns.
pub(super) fn shifted(lines: &[String], shift: isize) -> Vec<String> {
    lines
        .iter()
        .map(|l| match shift {
            0 => l.clone(),
            s if s > 0 => format!("{}{l}", " ".repeat(s as usize)),
            s => strip_indent(l, s.unsigned_abs()).to_string(),
        })
        .collect()
}

pub(super) fn is_comment_or_blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// `key:` at the start of a line (after `indent` columns): the key.
pub(super) fn key_of(line: &str) -> Option<&str> {
    let end = line.find(':')?;
    let key = &line[..end];
    let after = &line[end + 1..];
    let ok = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && (after.is_empty() || after.starts_with([' ', '\t']));
    ok.then_some(key)
}

/// Writes the merged version of one unit.
pub(super) fn emit(
    out: &mut Vec<String>,
    (b, o, t): (Option<&Unit>, Option<&Unit>, Option<&Unit>),
    shift: isize,
    what: &str,
    result: bool,
    m: &mut Merged,
) {
    fn value(u: Option<&Unit>) -> Option<&Canon> {
        u.map(|u| &u.value)
    }
    match pick(value(b), value(o), value(t)) {
        Pick::Ours => {
            if let Some(o) = o {
                out.extend(o.lead.iter().cloned());
                out.extend(o.lines.iter().cloned());
            }
        }
        Pick::Theirs => {
            if result {
                m.results += 1;
            } else {
                m.others += 1;
            }
            m.take(match t {
                Some(_) => format!("tar in {what}"),
                None => format!("tar bort {what}"),
            });
            if let Some(o) = o {
                out.extend(o.lead.iter().cloned());
            }
            if let Some(t) = t {
                out.extend(shifted(&t.lines, shift));
            }
        }
        Pick::Conflict => {
            m.conflicts += 1;
            m.take(format!("konflikt: {what}"));
            let text = match (o, t) {
                (Some(_), Some(t)) => todos::conflict_value(what, &t.shown()),
                (None, Some(t)) => todos::conflict_removed(what, &t.shown()),
                _ => todos::conflict_dropped(what),
            };
            let indent = match (o, t) {
                (Some(o), _) => indent_of(&o.lines[0]),
                (None, Some(t)) => (indent_of(&t.lines[0]) as isize + shift).max(0) as usize,
                (None, None) => 0,
            };
            let indent = " ".repeat(indent);
            if let Some(o) = o {
                out.extend(o.lead.iter().cloned());
            }
            out.extend(todo_comment(&indent, &text).lines().map(str::to_string));
            if let Some(o) = o {
                out.extend(o.lines.iter().cloned());
            }
        }
    }
}

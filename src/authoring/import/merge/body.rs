//! The body's merge (see `super`): the text split into sections, each a
//! heading and what follows it up to the next heading (the text before the
//! first heading is a section too), matched by heading. A section is
//! compared with blank lines and trailing spaces ignored, and written back
//! as it was. A conflict keeps the editor's section and adds, after it, an
//! HTML comment that holds the new original's text: long text fits, and
//! nothing of it is published by accident.

use super::{order, Merged, Pick};
use crate::authoring::import::todos;
use crate::config::match_key;

/// One section: its key (heading text, numbered when it repeats), its
/// heading as written, and its whole text (heading line included).
#[derive(Debug, Clone)]
struct Section<'a> {
    key: String,
    heading: String,
    text: &'a str,
}

impl Section<'_> {
    /// The text as compared: trailing spaces and blank lines ignored.
    fn value(&self) -> String {
        self.text
            .lines()
            .map(str::trim_end)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The text without its heading line.
    fn content(&self) -> &str {
        if self.heading.is_empty() {
            return self.text;
        }
        let mut rest = self.text;
        while let Some((line, after)) = rest.split_once('\n') {
            rest = after;
            if heading(line).is_some() {
                return rest;
            }
        }
        ""
    }
}

/// An ATX heading (`## Mål`): its text.
fn heading(line: &str) -> Option<&str> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    let rest = &line[hashes..];
    ((1..=6).contains(&hashes) && (rest.is_empty() || rest.starts_with(' ')))
        .then(|| rest.trim().trim_end_matches('#').trim())
}

fn split(body: &str) -> Vec<Section<'_>> {
    let mut starts: Vec<(usize, String)> = vec![(0, String::new())];
    let mut fence: Option<&str> = None;
    let mut pos = 0;
    for line in body.split_inclusive('\n') {
        let t = line.trim_end_matches(['\n', '\r']);
        for marker in ["```", "~~~"] {
            if t.trim_start().starts_with(marker) {
                fence = match fence {
                    None => Some(marker),
                    Some(m) if m == marker => None,
                    other => other,
                };
            }
        }
        if fence.is_none() {
            if let Some(h) = heading(t) {
                starts.push((pos, h.to_string()));
            }
        }
        pos += line.len();
    }
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for (i, (start, h)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(body.len(), |s| s.0);
        let base = match_key(h);
        let n = seen.iter().filter(|k| **k == base).count();
        seen.push(base.clone());
        out.push(Section {
            key: if n == 0 {
                base
            } else {
                format!("{base}#{}", n + 1)
            },
            heading: h.clone(),
            text: &body[*start..end],
        });
    }
    // An empty text before the first heading is no section.
    if out
        .first()
        .is_some_and(|s| s.heading.is_empty() && s.text.trim().is_empty() && out.len() > 1)
    {
        let first = out.remove(0);
        out[0].text = &body[..first.text.len() + out[0].text.len()];
    }
    out
}

/// Appends `piece`, with a blank line before it unless it continues what
/// came from the same side.
fn push(out: &mut String, piece: &str, joined: bool) {
    if piece.is_empty() {
        return;
    }
    if !joined && !out.is_empty() {
        while !out.ends_with("\n\n") {
            out.push('\n');
        }
    }
    out.push_str(piece);
}

/// The new text of a section inside an HTML comment: `-->` is broken so
/// that the comment cannot end early.
fn comment(todo: &str, text: &str) -> String {
    let text = text.trim_matches('\n').replace("-->", "-- >");
    format!("<!-- TODO: {todo}\n{text}\n-->\n")
}

fn find<'a>(sections: &[Section<'a>], key: &str) -> Option<Section<'a>> {
    sections.iter().find(|x| x.key == key).cloned()
}

pub fn merge(base: &str, ours: &str, theirs: &str, m: &mut Merged) -> String {
    let (b, o, t) = (split(base), split(ours), split(theirs));
    let keys = |s: &[Section]| s.iter().map(|x| x.key.clone()).collect::<Vec<_>>();
    let mut out = String::new();
    // Whether the last piece was the editor's own: its own spacing follows.
    let mut last_ours = true;
    for key in order(&keys(&o), &keys(&t)) {
        let (bs, os, ts) = (find(&b, &key), find(&o, &key), find(&t, &key));
        let value = |s: &Option<Section>| s.as_ref().map(Section::value);
        let name = os.as_ref().or(ts.as_ref()).map_or(String::new(), |s| {
            if s.heading.is_empty() {
                "(början)".to_string()
            } else {
                s.heading.clone()
            }
        });
        let (bv, ov, tv) = (value(&bs), value(&os), value(&ts));
        // An empty section is as good as none.
        let norm = |v: Option<String>| v.filter(|v| !v.is_empty());
        let pick = super::pick(
            norm(bv).map(super::Canon::Text).as_ref(),
            norm(ov).map(super::Canon::Text).as_ref(),
            norm(tv).map(super::Canon::Text).as_ref(),
        );
        match (pick, &os, &ts) {
            (Pick::Ours, Some(s), _) => {
                push(&mut out, s.text, last_ours);
                last_ours = true;
            }
            (Pick::Ours, None, _) => {}
            (Pick::Theirs, _, Some(s)) => {
                m.sections += 1;
                m.take(format!("tar in avsnittet \"{name}\""));
                push(&mut out, s.text, false);
                last_ours = false;
            }
            (Pick::Theirs, _, None) => {
                m.sections += 1;
                m.take(format!("tar bort avsnittet \"{name}\""));
            }
            (Pick::Conflict, o, t) => {
                m.conflicts += 1;
                m.take(format!("konflikt: avsnittet \"{name}\""));
                if let Some(s) = o {
                    push(&mut out, s.text, last_ours);
                }
                let block = match (o, t) {
                    (Some(_), Some(t)) => comment(&todos::conflict_section(&name), t.content()),
                    (None, Some(t)) => comment(&todos::conflict_section_removed(&name), t.text),
                    _ => format!(
                        "<!-- TODO: {} -->\n",
                        todos::conflict_section_dropped(&name)
                    ),
                };
                push(&mut out, &block, false);
                last_ours = false;
            }
        }
    }
    if !last_ours && !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

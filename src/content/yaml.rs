//! All YAML parsing lives here, so that the YAML library can be swapped.
//!
//! serde_yaml deserialises the front matter into the typed structs of
//! `raw` (and reports syntax, type and unknown-key errors with their
//! position). A second, event-level pass with saphyr-parser records where
//! each value sits, so that semantic checks made later (unknown topic, bad
//! date, missing file) can point at the offending value too.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser};

use super::raw::RawFrontMatter;

/// A position inside the file: 1-based line and column.
pub type Pos = (usize, usize);

/// Where each value of the front matter is, keyed by its path
/// (`title`, `topics[1]`, `indicators[0].target.by`).
#[derive(Debug, Default)]
pub struct Spans {
    map: HashMap<String, Pos>,
    /// Position of the opening `---`, for errors about the whole document.
    pub start: Pos,
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
}

/// A YAML error at a position in the file.
#[derive(Debug)]
pub struct YamlError {
    pub pos: Pos,
    pub message: String,
}

/// Parses the front matter. `first_line` is the file line the YAML starts on.
pub fn parse(yaml: &str, first_line: usize) -> Result<(RawFrontMatter, Spans), YamlError> {
    let start = (first_line.saturating_sub(1).max(1), 1);
    let fm: RawFrontMatter = match serde_yaml::from_str(yaml) {
        Ok(fm) => fm,
        Err(e) => return Err(convert_error(&e, yaml, first_line, start)),
    };
    let mut spans = index(yaml, first_line);
    spans.start = start;
    Ok((fm, spans))
}

fn convert_error(e: &serde_yaml::Error, yaml: &str, first_line: usize, start: Pos) -> YamlError {
    let raw = e.to_string();
    // serde_yaml appends " at line L column C"; we print the position ourselves.
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    let message = message.strip_prefix(": ").unwrap_or(&message).to_string();
    if yaml.trim().is_empty() {
        return YamlError {
            pos: start,
            message: "the front matter is empty".into(),
        };
    }
    // A missing key is reported at the opening `---`, as the contract says.
    if message.contains("missing field") {
        let message = message.replacen("missing field", "missing required key", 1);
        return YamlError {
            pos: start,
            message: strip_path_prefix(&message),
        };
    }
    let pos = e.location().map_or(start, |l| {
        (first_line + l.line().saturating_sub(1), l.column().max(1))
    });
    YamlError {
        pos,
        message: friendlier(&message),
    }
}

/// serde_yaml prefixes nested errors with their path (`indicators[0]: …`);
/// the position already says where, so keep the path but tidy the wording.
fn strip_path_prefix(m: &str) -> String {
    m.to_string()
}

fn friendlier(m: &str) -> String {
    m.replace("unknown field", "unknown key")
        .replace(", expected one of", "; expected one of")
        .replace("expected i64", "expected a whole number")
        .replace("expected f64", "expected a number")
        .replace("expected a sequence", "expected a list")
        .replace("expected struct", "expected a mapping of")
}

#[derive(Debug)]
enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, index: usize },
}

/// Records the position of every value by walking the YAML's events.
fn index(yaml: &str, first_line: usize) -> Spans {
    let mut spans = Spans::default();
    let mut stack: Vec<Frame> = Vec::new();
    for item in Parser::new_from_str(yaml) {
        let Ok((event, span)) = item else { break };
        let pos = (first_line + span.start.line() - 1, span.start.col() + 1);
        // The path of the value this event starts, if it is a value.
        let value_path = |stack: &mut Vec<Frame>| -> Option<String> {
            match stack.last_mut() {
                None => Some(String::new()),
                Some(Frame::Seq { path, index }) => {
                    let p = format!("{path}[{index}]");
                    *index += 1;
                    Some(p)
                }
                Some(Frame::Map { path, key }) => key.take().map(|k| {
                    if path.is_empty() {
                        k
                    } else {
                        format!("{path}.{k}")
                    }
                }),
            }
        };
        match event {
            Event::Scalar(text, ..) => {
                if let Some(Frame::Map { key, .. }) = stack.last_mut() {
                    if key.is_none() {
                        *key = Some(text.to_string());
                        continue;
                    }
                }
                if let Some(p) = value_path(&mut stack) {
                    spans.map.entry(p).or_insert(pos);
                }
            }
            Event::Alias(_) => {
                if let Some(p) = value_path(&mut stack) {
                    spans.map.entry(p).or_insert(pos);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                // A collection used as a mapping key has no path; use a placeholder.
                let is_key = matches!(stack.last(), Some(Frame::Map { key: None, .. }));
                let p = if is_key {
                    "?".to_string()
                } else {
                    value_path(&mut stack).unwrap_or_default()
                };
                if !p.is_empty() {
                    spans.map.entry(p.clone()).or_insert(pos);
                }
                stack.push(if matches!(event, Event::MappingStart(..)) {
                    Frame::Map { path: p, key: None }
                } else {
                    Frame::Seq { path: p, index: 0 }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            _ => {}
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    const FM: &str = "title: Öka antalet SIP\nclinic: Kry\nyear: 2023\ntopics: [sip, sjukskrivnig]\nindicators:\n  - name: Antal SIP\n    target: { value: 10, by: 2023-13-01 }\n";

    #[test]
    fn spans_point_at_values() {
        let (fm, spans) = parse(FM, 2).unwrap();
        assert_eq!(fm.year, 2023);
        assert_eq!(spans.at("title"), (2, 8));
        assert_eq!(spans.at("topics[1]"), (5, 15));
        assert_eq!(spans.at("indicators[0].target.by"), (8, 30));
        assert_eq!(spans.at("indicators[0].source"), (7, 5));
        assert_eq!(spans.at("nothing"), (1, 1));
    }

    #[test]
    fn errors_have_positions() {
        let e = parse("title: x\nclinic: y\nyear: twenty\ntopics: [a]\n", 2).unwrap_err();
        assert_eq!(e.pos, (4, 7), "{}", e.message);
        assert!(e.message.contains("invalid type"), "{}", e.message);

        let e = parse(
            "title: x\nclinic: y\nyear: 2020\ntopics: [a]\ncolour: red\n",
            2,
        )
        .unwrap_err();
        assert!(e.message.contains("unknown key `colour`"), "{}", e.message);
        assert_eq!(e.pos, (6, 1));

        let e = parse("title: x\nyear: 2020\ntopics: [a]\n", 2).unwrap_err();
        assert_eq!(e.pos, (1, 1));
        assert!(
            e.message.contains("missing required key `clinic`"),
            "{}",
            e.message
        );

        let e = parse("title: x\nclinic: a: b\n", 2).unwrap_err();
        assert_eq!(e.pos, (3, 10), "{}", e.message);
        assert!(
            e.message.contains("mapping values are not allowed"),
            "{}",
            e.message
        );
    }
}

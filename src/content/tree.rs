//! The front matter as a tree that keeps every value's position, built from
//! saphyr-parser's events, and YAML syntax errors in plain words.
//!
//! Why a tree of our own rather than deserialising straight into structs:
//! serde stops at the first wrong type, so a report with four mistakes took
//! four runs. With the whole tree at hand, [`super::schema`] checks every
//! field against the content format and reports every problem at its value.
//! Syntax errors cannot be recovered from (the parser stops), so each kind
//! an editor actually makes gets a message that says what to type.

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError};

/// A position inside the file: 1-based line and column (in characters).
pub type Pos = (usize, usize);

/// One YAML value with its position.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Scalar(Scalar),
    List { items: Vec<Node>, pos: Pos },
    Map { entries: Vec<Entry>, pos: Pos },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scalar {
    pub text: String,
    /// Written without quotes (so `3` is a number and `"3"` a text).
    pub plain: bool,
    pub pos: Pos,
    /// The line its text ends on (a plain scalar can run over lines).
    pub end_line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_pos: Pos,
    pub value: Node,
    /// The mapping was written in flow style (`{ value: 3 }`).
    pub flow: bool,
}

impl Node {
    pub fn pos(&self) -> Pos {
        match self {
            Node::Scalar(s) => s.pos,
            Node::List { pos, .. } | Node::Map { pos, .. } => *pos,
        }
    }

    /// A plain `null`, `~` or nothing at all.
    pub fn is_null(&self) -> bool {
        matches!(self, Node::Scalar(s) if s.plain && matches!(s.text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }
}

/// A syntax error, at the position the editor has to look at.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

enum Frame {
    List(Vec<Node>, Pos),
    Map(Vec<Entry>, Pos, bool, Option<(String, Pos)>),
}

/// Parses `yaml`, which starts on file line `first_line`. An empty
/// document is `Ok(None)`.
pub fn parse(yaml: &str, first_line: usize) -> Result<Option<Node>, SyntaxError> {
    let at = |line: usize, col: usize| (first_line + line.saturating_sub(1), col + 1);
    let lines: Vec<&str> = yaml.lines().collect();
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Node> = None;
    for item in Parser::new_from_str(yaml) {
        let (event, span) = item.map_err(|e| explain(&e, &lines, first_line))?;
        let pos = at(span.start.line(), span.start.col());
        let node = match event {
            Event::Scalar(text, style, ..) => {
                let plain = style == ScalarStyle::Plain;
                // A key waits for its value.
                if let Some(Frame::Map(_, _, _, key @ None)) = stack.last_mut() {
                    *key = Some((text.into_owned(), pos));
                    continue;
                }
                Node::Scalar(Scalar {
                    text: text.into_owned(),
                    plain,
                    pos,
                    end_line: at(span.end.line(), 0).0,
                })
            }
            Event::Alias(_) => {
                return Err(SyntaxError {
                    pos,
                    message: "YAML aliases (`*name`) are not used in reports: write the value out"
                        .into(),
                })
            }
            Event::SequenceStart(..) => {
                stack.push(Frame::List(Vec::new(), pos));
                continue;
            }
            Event::MappingStart(..) => {
                if let Some(Frame::Map(_, _, _, None)) = stack.last() {
                    return Err(SyntaxError {
                        pos,
                        message: "a key must be a plain text, not a list or a mapping".into(),
                    });
                }
                let flow = lines
                    .get(span.start.line().saturating_sub(1))
                    .and_then(|l| l.chars().nth(span.start.col()))
                    == Some('{');
                stack.push(Frame::Map(Vec::new(), pos, flow, None));
                continue;
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::List(items, pos)) => Node::List { items, pos },
                _ => continue,
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map(entries, pos, ..)) => Node::Map { entries, pos },
                _ => continue,
            },
            _ => continue,
        };
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::List(items, _)) => items.push(node),
            Some(Frame::Map(entries, _, flow, key)) => {
                let Some((key, key_pos)) = key.take() else {
                    continue;
                };
                if let Some(first) = entries.iter().find(|e| e.key == key) {
                    return Err(SyntaxError {
                        pos: key_pos,
                        message: format!(
                            "the key `{key}` appears twice (first on line {}): keep one",
                            first.key_pos.0
                        ),
                    });
                }
                entries.push(Entry {
                    key,
                    key_pos,
                    value: node,
                    flow: *flow,
                });
            }
        }
    }
    if root.as_ref().is_some_and(Node::is_null) {
        return Ok(None);
    }
    if let Some(Node::Scalar(s)) = &root {
        if let Some(e) = missing_space(&lines, first_line) {
            return Err(e);
        }
        return Err(SyntaxError {
            pos: s.pos,
            message: "the front matter must be keys with values (`title: …`), one per line".into(),
        });
    }
    Ok(root)
}

/// Turns the parser's error into one that says what to type.
fn explain(e: &ScanError, lines: &[&str], first_line: usize) -> SyntaxError {
    let (line, col) = (e.marker().line(), e.marker().col());
    let pos = (first_line + line.saturating_sub(1), col + 1);
    let info = e.info();
    let text = lines.get(line.saturating_sub(1)).copied().unwrap_or("");
    let message = if info.contains("quoted scalar") {
        let quote = text
            .chars()
            .nth(col)
            .filter(|c| *c == '"' || *c == '\'')
            .unwrap_or('"');
        format!("the quote {quote} opened here is not closed: end the text with {quote} on the same line")
    } else if info.contains("tab") {
        let tab_line = lines
            .iter()
            .enumerate()
            .skip(line.saturating_sub(1))
            .find(|(_, l)| l.trim_start_matches(' ').starts_with('\t') || l.contains(":\t"))
            .map_or(pos.0, |(i, _)| first_line + i);
        return SyntaxError {
            pos: (tab_line, 1),
            message: "a tab is used for indentation: indent with spaces (two per level)".into(),
        };
    } else if info.contains("mapping values are not allowed") {
        if let Some(e) = missing_space(&lines[..line.min(lines.len())], first_line) {
            return e;
        }
        "a colon followed by a space (`: `) inside a value: put the whole value in quotes (\"…\")"
            .into()
    } else if info.contains("did not find expected key") && text.trim_start().starts_with("- ") {
        let above = lines[..line.saturating_sub(1)]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .map(|l| l.trim())
            .unwrap_or("");
        return SyntaxError {
            pos: (pos.0, text.len() - text.trim_start().len() + 1),
            message: format!(
                "a list item after `{above}`, which already has a value: write the list as `key: [a, b]`, or put each item on its own `- ` line under a `key:` with nothing after the colon"
            ),
        };
    } else if info.contains("did not find expected") || info.contains("expected ',' or") {
        let quoted = lines[..line.min(lines.len())]
            .iter()
            .rposition(|l| l.chars().filter(|c| *c == '"').count() % 2 == 1);
        if let Some(i) = quoted {
            let c = lines[i]
                .find('"')
                .map_or(0, |b| lines[i][..b].chars().count());
            return SyntaxError {
                pos: (first_line + i, c + 1),
                message:
                    "the quote \" opened here is not closed: end the text with \" on the same line"
                        .into(),
            };
        }
        format!(
            "{}: check the indentation and the `key: value` form of this line",
            plain(info)
        )
    } else {
        plain(info).to_string()
    };
    SyntaxError { pos, message }
}

/// `title:Öka`: a key glued to its value.
fn missing_space(lines: &[&str], first_line: usize) -> Option<SyntaxError> {
    lines.iter().enumerate().find_map(|(i, l)| {
        let t = l.trim_start();
        let indent = l.len() - t.len();
        let colon = t.find(':')?;
        let key = &t[..colon];
        let after = t[colon + 1..].chars().next()?;
        let is_key = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c == '-' || c == ' ')
            && !key.starts_with(['-', ' '])
            && !t.starts_with("http");
        (is_key && !after.is_whitespace() && !matches!(after, '/' | ':')).then(|| SyntaxError {
            pos: (first_line + i, l[..indent + colon].chars().count() + 2),
            message: format!(
                "no space after the colon in `{}`: write `{}: {}`",
                t.trim_end(),
                key.trim_start_matches("- "),
                t[colon + 1..].trim_end()
            ),
        })
    })
}

/// The parser's wording without its "while parsing …," preamble.
fn plain(info: &str) -> &str {
    info.rsplit(", ").next().unwrap_or(info)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(yaml: &str) -> SyntaxError {
        parse(yaml, 2).unwrap_err()
    }

    #[test]
    fn tree_keeps_positions() {
        let n = parse("title: x\ntopics: [a, b]\nteam:\n  - { name: A }\n", 2)
            .unwrap()
            .unwrap();
        let Node::Map { entries, pos } = n else {
            panic!()
        };
        assert_eq!(pos, (2, 1));
        assert_eq!(entries[0].key_pos, (2, 1));
        assert_eq!(entries[0].value.pos(), (2, 8));
        let Node::List { items, .. } = &entries[1].value else {
            panic!()
        };
        assert_eq!(items[1].pos(), (3, 13));
        let Node::List { items, .. } = &entries[2].value else {
            panic!()
        };
        let Node::Map { entries: m, .. } = &items[0] else {
            panic!()
        };
        assert!(m[0].flow);
        assert_eq!(m[0].value.pos(), (5, 13));
    }

    #[test]
    fn syntax_errors_in_plain_words() {
        let e = err("title: \"Öka antalet SIP\nclinic: Kry\nyear: 2023\n");
        assert_eq!(e.pos, (2, 8), "{}", e.message);
        assert!(e.message.contains("not closed"), "{}", e.message);

        let e = err("title: x\nteam:\n\t- name: a\n");
        assert_eq!(e.pos, (4, 1));
        assert!(e.message.contains("tab"), "{}", e.message);

        let e = err("title:Öka\nclinic: Kry\n");
        assert_eq!(e.pos, (2, 7), "{}", e.message);
        assert!(e.message.contains("write `title: Öka`"), "{}", e.message);

        let e = err("title: x\ntopics: sip\n- lakemedel\n");
        assert_eq!(e.pos, (4, 1), "{}", e.message);
        assert!(
            e.message.contains("list item after `topics: sip`"),
            "{}",
            e.message
        );

        let e = err("title: x\nclinic: a: b\n");
        assert_eq!(e.pos, (3, 10), "{}", e.message);
        assert!(e.message.contains("in quotes"), "{}", e.message);

        let e = err("title: x\ntitle: y\n");
        assert_eq!(e.pos, (3, 1));
        assert!(e.message.contains("appears twice"), "{}", e.message);
    }

    #[test]
    fn empty_is_none() {
        assert_eq!(parse("", 2).unwrap(), None);
        assert_eq!(parse("# only a comment\n", 2).unwrap(), None);
    }
}

//! Open TODOs in a report file: `# TODO` comment lines in the front matter
//! and `<!-- TODO` blocks in the body, as `arkiv import` writes them (what
//! it could not read, what it only proposes, a conflict of an update) and
//! as editors write them for themselves.
//!
//! A TODO keeps a report from being published: in a report that is not
//! `draft: true` each one is an error at its line ([`Code::OpenTodo`]), in
//! `check`, `build` and `serve`. In a draft they are listed: by
//! `arkiv status`, on `/_redaktion/` and in the page's "Utkast" notice.
//!
//! A front-matter TODO may run over a second comment line that is indented
//! after its `#` (`#   …`), as [`comment`] writes a long one.

use crate::diag::{Code, Diagnostic};

/// One open TODO: the file line it starts on (1-based), its column, and
/// its text without the `TODO:` marker.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Todo {
    pub line: usize,
    #[serde(skip)]
    pub col: usize,
    pub text: String,
}

impl Todo {
    /// A conflict of an update (`TODO: konflikt …`), which `arkiv status`
    /// lists as its own kind.
    pub fn is_conflict(&self) -> bool {
        self.text.starts_with(CONFLICT)
    }

    /// The error for a TODO left in a published report.
    pub fn error(&self, file: &str) -> Diagnostic {
        Diagnostic::error(
            Code::OpenTodo,
            file,
            self.line,
            self.col,
            format!(
                "open TODO in a published report (\"{}\"): do what it says and remove the line, or mark the report `draft: true`",
                crate::text::truncate_words(&self.text, 80)
            ),
        )
    }
}

/// The longest line of a TODO comment, `# TODO: ` included.
pub const WIDTH: usize = 100;

/// A TODO as the front matter writes it: `# TODO: …`, wrapped at a space
/// onto a second line `#   …` when longer than [`WIDTH`] (which [`find`]
/// reads as one TODO); `indent` goes before each line.
pub fn comment(indent: &str, text: &str) -> String {
    let first = format!("{indent}# TODO: {text}");
    if first.chars().count() <= WIDTH {
        return format!("{first}\n");
    }
    let limit = first
        .char_indices()
        .nth(WIDTH)
        .map_or(first.len(), |(i, _)| i);
    let head = indent.len() + "# TODO: ".len();
    match first[..limit].rfind(' ').filter(|&i| i > head) {
        Some(cut) => format!("{}\n{indent}#   {}\n", &first[..cut], &first[cut + 1..]),
        None => format!("{first}\n"),
    }
}

/// How a conflict's TODO text starts.
pub const CONFLICT: &str = "konflikt";

/// The TODOs of a report file split at its front matter (`yaml` starting on
/// file line `yaml_line`, `body` on `body_line`), in file order.
pub fn find(yaml: &str, yaml_line: usize, body: &str, body_line: usize) -> Vec<Todo> {
    let mut out = Vec::new();
    // Almost every published report has none: one scan for the word.
    if yaml.contains("TODO") {
        front_matter(yaml, yaml_line, &mut out);
    }
    if body.contains("TODO") {
        in_body(body, body_line, &mut out);
    }
    out
}

fn front_matter(yaml: &str, first: usize, out: &mut Vec<Todo>) {
    let mut open: Option<usize> = None;
    for (i, line) in yaml.lines().enumerate() {
        let trimmed = line.trim_start();
        let comment = trimmed.strip_prefix('#');
        if let Some(text) = comment.and_then(|c| todo_text(c.trim_start())) {
            out.push(Todo {
                line: first + i,
                col: line.len() - trimmed.len() + 1,
                text: text.to_string(),
            });
            open = Some(out.len() - 1);
            continue;
        }
        // `#   rest of the text` right after a TODO continues it.
        match (open, comment) {
            (Some(t), Some(c)) if c.starts_with("  ") && !c.trim().is_empty() => {
                let todo = &mut out[t];
                todo.text.push(' ');
                todo.text.push_str(c.trim());
            }
            _ => open = None,
        }
    }
}

fn in_body(body: &str, first: usize, out: &mut Vec<Todo>) {
    let mut fence: Option<&str> = None;
    for (i, line) in body.lines().enumerate() {
        let trimmed = line.trim_start();
        for marker in ["```", "~~~"] {
            if trimmed.starts_with(marker) {
                fence = match fence {
                    None => Some(marker),
                    Some(m) if m == marker => None,
                    other => other,
                };
            }
        }
        if fence.is_some() {
            continue;
        }
        let Some(at) = line.find("<!--") else {
            continue;
        };
        let after = line[at + 4..].trim_start();
        if let Some(text) = todo_text(after) {
            let text = text.split("-->").next().unwrap_or("").trim();
            out.push(Todo {
                line: first + i,
                col: line[..at].chars().count() + 1,
                text: text.to_string(),
            });
        }
    }
}

/// The text after `TODO` (and its colon), when `s` starts with it.
fn todo_text(s: &str) -> Option<&str> {
    let rest = s.strip_prefix("TODO")?;
    if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return None; // "TODOS", not a marker
    }
    Some(rest.trim_start_matches(':').trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_body_todos_with_their_lines() {
        let yaml = "# TODO: fyll i clinic\ntitle: x\n  # TODO: konflikt i result: din 3,\n  #   nya originalet 4\n# en vanlig kommentar\n#   inte en fortsättning\n# TODOS är inget\n";
        let body = "\nText.\n\n<!-- TODO: konflikt i avsnittet \"Mål\"\nnya texten\n-->\n```\n<!-- TODO: i kod -->\n```\n";
        let t = find(yaml, 2, body, 10);
        let lines: Vec<(usize, usize, &str)> =
            t.iter().map(|t| (t.line, t.col, t.text.as_str())).collect();
        assert_eq!(
            lines,
            [
                (2, 1, "fyll i clinic"),
                (4, 3, "konflikt i result: din 3, nya originalet 4"),
                (13, 1, "konflikt i avsnittet \"Mål\""),
            ]
        );
        assert!(t[1].is_conflict() && !t[0].is_conflict());
        assert!(find("title: x\n", 2, "Text\n", 4).is_empty());
        assert_eq!(
            t[0].error("content/2025/a.md").to_string(),
            "content/2025/a.md:2:1: open TODO in a published report (\"fyll i clinic\"): do what it says and remove the line, or mark the report `draft: true` [E032]"
        );
    }
}

//! Pictures and questions as the template reader places them: a picture's
//! alt text from the caption under or over it, and the template's
//! Slutreflektion questions kept as headings only where they are answered.

use std::sync::LazyLock;

use regex::Regex;

use super::super::docx::{Block, Para};
use super::instructions::is_question;

/// A picture where it stood, with its alt text: the caption under or over
/// it ("Figur 1: …", "Diagram 2 …", Word's caption style), else its own
/// description; `None` when it has neither.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    pub name: String,
    pub alt: Option<String>,
}

/// A caption: "Figur 1:", "Diagram 3.", "Bild 2 –", "Graf", "Tabell 1".
pub(super) static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(figur|diagram|bild|graf|tabell)(\s*\d+)?\s*[:.–-]?\s+\S")
        .expect("valid regex")
});

/// Whether a paragraph is a caption, by its words or its style.
fn is_caption(p: &Para) -> bool {
    let style = p.style.to_lowercase();
    let text = p.text.trim();
    !text.is_empty()
        && text.len() < 300
        && (style.contains("caption") || style.contains("beskrivning") || CAPTION.is_match(text))
}

/// The captions of the pictures: block index of a paragraph with pictures
/// → its caption, and the caption paragraphs, which the body leaves out.
pub(super) fn captions(
    blocks: &[Block],
) -> (
    std::collections::HashMap<usize, String>,
    std::collections::HashSet<usize>,
) {
    let mut of = std::collections::HashMap::new();
    let mut used = std::collections::HashSet::new();
    let para = |i: usize| match blocks.get(i) {
        Some(Block::Para(p)) if p.images.is_empty() && is_caption(p) => Some(p),
        _ => None,
    };
    for (i, b) in blocks.iter().enumerate() {
        let Block::Para(p) = b else { continue };
        if p.images.is_empty() {
            continue;
        }
        let under = para(i + 1)
            .filter(|_| !used.contains(&(i + 1)))
            .map(|c| (i + 1, c));
        let over = i
            .checked_sub(1)
            .and_then(|j| para(j).filter(|_| !used.contains(&j)).map(|c| (j, c)));
        if let Some((j, c)) = under.or(over) {
            of.insert(i, c.text.trim().to_string());
            used.insert(j);
        }
    }
    (of, used)
}

/// The body without the template's questions that nobody answered: a
/// question heading followed by another heading or by nothing.
pub(super) fn without_unanswered_questions(body: &str) -> String {
    let lines: Vec<&str> = body.lines().collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with('#') && is_question(line) {
            let next = lines[i + 1..].iter().find(|l| !l.trim().is_empty());
            if next.is_none_or(|n| n.starts_with('#')) {
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

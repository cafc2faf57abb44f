//! What the layout knows about words: how wide a character of a span is,
//! and the document's own vocabulary, which decides whether two pieces at
//! a cell's edge are one word broken or two words wrapped.

use crate::pdf::{Page, Span};

/// Character widths, estimated from a span's own advance.
pub(super) struct Words;

impl Words {
    pub(super) fn char_width(s: &Span) -> f32 {
        let n = s.text.chars().count().max(1) as f32;
        ((s.end - s.x) / n).clamp(s.size * 0.2, s.size)
    }
}

/// The document's own words and the pairs of words it writes side by
/// side on one line: whether "diabetes" + "typ" at a cell's edge is one
/// word broken or two words wrapped, when geometry cannot tell.
#[derive(Default)]
pub(super) struct Vocabulary {
    words: std::collections::HashSet<String>,
    pairs: std::collections::HashSet<(String, String)>,
}

impl Vocabulary {
    pub(super) fn new(pages: &[Page]) -> Vocabulary {
        let mut v = Vocabulary::default();
        for page in pages {
            for line in crate::pdf::group_lines(page.spans.clone()) {
                let text = line.text().to_lowercase();
                let words: Vec<String> = text
                    .split_whitespace()
                    .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
                    .filter(|w| !w.is_empty())
                    .collect();
                for pair in words.windows(2).take(1000) {
                    v.pairs.insert((pair[0].clone(), pair[1].clone()));
                }
                v.words.extend(words);
            }
        }
        v
    }

    /// `Some(true)` when the document writes `a` + `b` as one word
    /// elsewhere, `Some(false)` when it writes them as two, `None` when it
    /// does neither.
    pub(super) fn knows(&self, a: &str, b: &str) -> Option<bool> {
        let clean = |w: &str| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        };
        let (a, b) = (clean(a), clean(b));
        if self.pairs.contains(&(a.clone(), b.clone())) {
            Some(false)
        } else if self.words.contains(&format!("{a}{b}")) {
            Some(true)
        } else {
            None
        }
    }
}

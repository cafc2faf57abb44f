//! One report → its terms: stems with weighted term frequencies, their
//! positions in the report's text, and the extra Swedish forms.
//!
//! Words are interned once per archive in a [`Vocab`] (a word's stem and
//! extra forms are computed once, in parallel), so that a report's
//! analysis holds only small integers, packed into three flat arrays: the
//! memory of the index is that of its postings, not of the text. Each
//! report's text is tokenised twice (once to find new words, once to
//! analyse), with a fixed-seed hash and no allocation per word. See
//! `docs/search-format.md` for what the weights and positions mean.

mod analyser;
mod doc_terms;

use rayon::prelude::*;

use super::swedish::{self, Expander, Kind};
use crate::config::Config;
use crate::content::Report;
pub use analyser::{analyse, analyse_all, Analyser};
pub use doc_terms::{DocTerm, DocTerms, Positions};

/// Fixed-seed maps and sets: fast, and the same on every run.
pub type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
pub type Set<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;

/// Field weights of the weighted term frequency (format v2).
const TITLE: u32 = 3;
const CLINIC: u32 = 3;
const THEME: u32 = 1;
const SUMMARY: u32 = 2;
const BODY: u32 = 1;
const TEAM: u32 = 1;

/// Whether a character is a word character (alphanumeric), and whether it
/// is upper case. ASCII and the Swedish letters are answered without the
/// Unicode tables: the index tokenises every report's text twice.
fn classify(c: char) -> (bool, bool) {
    match c {
        'a'..='z' | '0'..='9' | 'å' | 'ä' | 'ö' | 'é' => (true, false),
        'A'..='Z' | 'Å' | 'Ä' | 'Ö' | 'É' => (true, true),
        '\0'..='\x7f' => (false, false),
        c => (c.is_alphanumeric(), c.is_uppercase()),
    }
}

/// Lower-case words of a text: maximal runs of alphanumeric characters
/// (the query side's tokeniser; the index uses [`each_word`] directly).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_word(text, |w| out.push(w.to_string()));
    out
}

/// Calls `f` with each lower-case word of `text` (borrowed when already
/// lower case, as most words are), without allocating per word. ASCII
/// bytes are read as bytes; only the others are decoded.
fn each_word(text: &str, mut f: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut lower = String::new();
    let mut f = |w: &str, upper: bool| emit(w, upper, &mut lower, &mut f);
    let mut start: Option<(usize, bool)> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (c, len) = if b < 0x80 {
            (char::from(b), 1)
        } else {
            // `i` is at a char boundary: it only moves by whole chars.
            let c = text[i..].chars().next().unwrap_or_default();
            (c, c.len_utf8())
        };
        let (word, upper) = classify(c);
        if word {
            match &mut start {
                Some((_, u)) => *u |= upper,
                None => start = Some((i, upper)),
            }
        } else if let Some((s, upper)) = start.take() {
            f(&text[s..i], upper);
        }
        i += len;
    }
    if let Some((s, upper)) = start {
        f(&text[s..], upper);
    }
}

/// Calls `f` with `w` in lower case: a word of ASCII and Swedish letters
/// is lowered into `buf` (a sentence's first word, a name), any other by
/// `str::to_lowercase` (which knows, say, the Greek final sigma).
fn emit(w: &str, upper: bool, buf: &mut String, f: &mut impl FnMut(&str)) {
    if !upper {
        return f(w);
    }
    buf.clear();
    for c in w.chars() {
        match c {
            'A'..='Z' => buf.push(c.to_ascii_lowercase()),
            'Å' => buf.push('å'),
            'Ä' => buf.push('ä'),
            'Ö' => buf.push('ö'),
            'É' => buf.push('é'),
            c if c.is_ascii() || matches!(c, 'å' | 'ä' | 'ö' | 'é') => buf.push(c),
            _ => return f(&w.to_lowercase()),
        }
    }
    f(buf)
}

/// One field of a report: its text, its weight, and whether its words
/// count for positions (the parts of [`text_parts`], in order).
pub struct Part<'a> {
    pub text: &'a str,
    pub weight: u32,
    pub positional: bool,
}

/// What is analysed of one report.
pub struct Fields<'a> {
    pub parts: Vec<Part<'a>>,
}

/// The fields of a report; the clinic's and themes' names come from the
/// model and the configuration.
pub fn fields<'a>(config: &'a Config, report: &'a Report, clinic: &'a str) -> Fields<'a> {
    let (summary, body) = (report.summary.trim(), report.body_text.trim());
    let summary_pos = !summary.is_empty() && !body.contains(summary);
    let body_pos = !body.is_empty();
    let part = |text, weight, positional| Part {
        text,
        weight,
        positional,
    };
    let mut parts = vec![
        part(report.title.as_str(), TITLE, !summary_pos && !body_pos),
        part(clinic, CLINIC, false),
    ];
    for &t in &report.topics {
        parts.push(part(config.topics[t].name.as_str(), THEME, false));
    }
    // The team's roles, so that "arbetsterapeut" finds the report whose
    // team has one; names are not searched for.
    for role in report.team.iter().filter_map(|m| m.role.as_deref()) {
        parts.push(part(role, TEAM, false));
    }
    parts.push(part(summary, SUMMARY, summary_pos));
    parts.push(part(body, BODY, body_pos));
    Fields { parts }
}

/// The parts of a report's text: the summary when the body does not hold
/// it, then the body; for a link-only entry with neither, the title.
pub fn text_parts(report: &Report) -> Vec<&str> {
    let (summary, body) = (report.summary.trim(), report.body_text.trim());
    let mut parts = Vec::with_capacity(2);
    if !summary.is_empty() && !body.contains(summary) {
        parts.push(summary);
    }
    if !body.is_empty() {
        parts.push(body);
    }
    if parts.is_empty() {
        parts.push(report.title.trim());
    }
    parts
}

/// A new word, its stem and its extra forms with their stems and kinds.
type Analysed = (String, String, Vec<(String, String, Kind)>);

/// One distinct word of the archive.
pub struct WordInfo {
    pub word: String,
    pub stem: u32,
    pub stop: bool,
    /// Extra forms (word ids) the word adds to a report, with what each
    /// is to it.
    pub extras: Vec<(u32, Kind)>,
}

/// Every word and stem seen so far, by id. It only grows, so the ids in
/// cached analyses stay valid (`serve`).
#[derive(Default)]
pub struct Vocab {
    ids: Map<String, u32>,
    pub words: Vec<WordInfo>,
    stem_ids: Map<String, u32>,
    pub stems: Vec<String>,
    /// Each stem's place in the byte order of all stems, and the stem at
    /// each place: a report's analysis sorts and searches its stems by
    /// these numbers instead of comparing their strings.
    rank: Vec<u32>,
    by_rank: Vec<u32>,
}

impl Vocab {
    fn stem_id(&mut self, stem: String) -> u32 {
        if let Some(&id) = self.stem_ids.get(&stem) {
            return id;
        }
        let id = self.stems.len() as u32;
        self.stems.push(stem.clone());
        self.stem_ids.insert(stem, id);
        id
    }

    /// Interns a word with its stem (and no extras yet).
    fn intern(&mut self, word: &str, stem: String) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let sid = self.stem_id(stem);
        let id = self.words.len() as u32;
        self.ids.insert(word.to_string(), id);
        self.words.push(WordInfo {
            word: word.to_string(),
            stem: sid,
            stop: swedish::is_stop_word(word),
            extras: Vec::new(),
        });
        id
    }

    pub fn get(&self, word: &str) -> Option<u32> {
        self.ids.get(word).copied()
    }

    /// A stem's place in the byte order of all stems.
    pub fn rank(&self, stem: u32) -> u32 {
        self.rank[stem as usize]
    }

    /// The stem at a place of that order.
    pub fn ranked(&self, rank: u32) -> &str {
        &self.stems[self.by_rank[rank as usize] as usize]
    }

    /// Adds the words of `fields` not seen yet, stemmed and expanded in
    /// parallel.
    pub fn add<'a, 'b: 'a>(
        &mut self,
        sv: &Expander,
        all: impl ParallelIterator<Item = &'a Fields<'b>>,
    ) {
        let new = self.new_words(all);
        self.add_words(sv, new);
    }

    /// The words of `fields` not seen yet, sorted. (Apart from
    /// [`Vocab::add_words`], so that a build can look for them while the
    /// dictionary is read.)
    pub fn new_words<'a, 'b: 'a>(
        &self,
        all: impl ParallelIterator<Item = &'a Fields<'b>>,
    ) -> Vec<String> {
        let new: Set<String> = all
            .fold(Set::default, |mut set, f| {
                for p in &f.parts {
                    each_word(p.text, |w| {
                        let known = !self.ids.is_empty() && self.ids.contains_key(w);
                        if !known && !set.contains(w) {
                            set.insert(w.to_string());
                        }
                    });
                }
                set
            })
            .reduce(Set::default, |mut a, b| {
                a.extend(b);
                a
            });
        let mut new: Vec<String> = new.into_iter().collect();
        new.par_sort_unstable();
        new
    }

    /// Adds words not seen yet (sorted, as [`Vocab::new_words`] returns
    /// them), stemmed and expanded in parallel.
    pub fn add_words(&mut self, sv: &Expander, new: Vec<String>) {
        let infos: Vec<Analysed> = new
            .into_par_iter()
            .map(|w| {
                let stem = sv.stem(&w).into_owned();
                let extra = if swedish::is_stop_word(&w) {
                    Vec::new()
                } else {
                    sv.expand(&w)
                        .into_iter()
                        .map(|(f, k)| (sv.stem(&f).into_owned(), f, k))
                        .collect()
                };
                (w, stem, extra)
            })
            .collect();
        for (w, stem, extra) in infos {
            let id = self.intern(&w, stem);
            let extras: Vec<(u32, Kind)> = extra
                .into_iter()
                .map(|(s, f, k)| (self.intern(&f, s), k))
                .collect();
            self.words[id as usize].extras = extras;
        }
        if self.rank.len() != self.stems.len() {
            self.rank_stems();
        }
    }

    /// Numbers the stems in byte order (`rank`, `by_rank`).
    fn rank_stems(&mut self) {
        let stems = &self.stems;
        let mut order: Vec<u32> = (0..stems.len() as u32).collect();
        order.par_sort_unstable_by(|&a, &b| stems[a as usize].cmp(&stems[b as usize]));
        self.rank = vec![0; order.len()];
        for (r, &s) in order.iter().enumerate() {
            self.rank[s as usize] = r as u32;
        }
        self.by_rank = order;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-wise tokeniser finds what one over `char`s with the
    /// Unicode tables finds.
    #[test]
    fn words_are_those_of_the_unicode_tables() {
        let text = "Smärta, SÖMN och ÅNGEST: 12 av 30 (40 %)! Éclair-café \
            ΣΟΦΊΑΣ ﬁl İstanbul x²+y³ Straße ǅemal 日本語テキスト Ünïcödé\u{a0}slut";
        let mut want = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    let w = &text[s..i];
                    // Lowered only if it has an upper-case letter (not
                    // the title-case "ǅ").
                    want.push(match w.chars().any(char::is_uppercase) {
                        true => w.to_lowercase(),
                        false => w.to_string(),
                    });
                    start = None;
                }
                _ => {}
            }
        }
        assert_eq!(words(text), want);
        for c in ['å', 'ä', 'ö', 'é', 'Å', 'Ä', 'Ö', 'É'] {
            assert_eq!(classify(c), (c.is_alphanumeric(), c.is_uppercase()));
        }
    }
}

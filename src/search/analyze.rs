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

mod doc_terms;

use rayon::prelude::*;

use super::swedish::{self, Expander, Kind};
use crate::config::Config;
use crate::content::Report;
use doc_terms::{leb_len, push_leb, MAX_WORDS, PART};
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

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Lower-case words of a text: maximal runs of alphanumeric characters
/// (the query side's tokeniser; the index uses [`each_word`] directly).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_word(text, |w| out.push(w.to_string()));
    out
}

/// Calls `f` with each lower-case word of `text` (borrowed when already
/// lower case, as most words are), without allocating per word.
fn each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut start: Option<(usize, bool)> = None;
    let emit = |s: usize, end: usize, upper: bool, f: &mut dyn FnMut(&str)| {
        let w = &text[s..end];
        if upper {
            f(&w.to_lowercase());
        } else {
            f(w);
        }
    };
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            match &mut start {
                Some((_, upper)) => *upper |= c.is_uppercase(),
                None => start = Some((i, c.is_uppercase())),
            }
        } else if let Some((s, upper)) = start.take() {
            emit(s, i, upper, &mut f);
        }
    }
    if let Some((s, upper)) = start {
        emit(s, text.len(), upper, &mut f);
    }
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

    /// Adds the words of `fields` not seen yet, stemmed and expanded in
    /// parallel.
    pub fn add<'a, 'b: 'a>(
        &mut self,
        sv: &Expander,
        all: impl ParallelIterator<Item = &'a Fields<'b>>,
    ) {
        let new: Set<String> = all
            .fold(Set::default, |mut set, f| {
                for p in &f.parts {
                    each_word(p.text, |w| {
                        if !self.ids.contains_key(w) && !set.contains(w) {
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
        new.sort_unstable();
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
    }
}

/// One term while a report is analysed.
struct Open {
    stem: u32,
    tf: u32,
    last: u32,
    npos: u32,
    words: Vec<u32>,
}

/// Scratch space for analysing reports one after another on one thread:
/// each stem's slot in the report being analysed.
#[derive(Default)]
pub struct Analyser {
    slot: Vec<u32>,
}

const NONE: u32 = u32::MAX;

impl Analyser {
    /// Analyses one report against a vocabulary that holds all its words.
    pub fn analyse(&mut self, vocab: &Vocab, f: &Fields<'_>) -> DocTerms {
        if self.slot.len() < vocab.stems.len() {
            self.slot.resize(vocab.stems.len(), NONE);
        }
        let slot = &mut self.slot;
        let mut open: Vec<Open> = Vec::new();
        // (term, delta) of every position, in text order.
        let mut hits: Vec<(u32, u32)> = Vec::new();
        let mut len = 0u32;
        let mut position = 0u32;
        for part in &f.parts {
            each_word(part.text, |w| {
                let at = position;
                if part.positional {
                    position += 1;
                }
                let Some(id) = vocab.get(w) else { return };
                let info = &vocab.words[id as usize];
                if info.stop {
                    return;
                }
                len += part.weight;
                let s = &mut slot[info.stem as usize];
                if *s == NONE {
                    *s = open.len() as u32;
                    open.push(Open {
                        stem: info.stem,
                        tf: 0,
                        last: 0,
                        npos: 0,
                        words: Vec::new(),
                    });
                }
                let (i, t) = (*s, &mut open[*s as usize]);
                t.tf += part.weight;
                if !t.words.contains(&id) {
                    t.words.push(id);
                }
                if part.positional {
                    let delta = if t.npos == 0 { at } else { at - t.last };
                    t.last = at;
                    t.npos += 1;
                    hits.push((i, delta));
                }
            });
        }
        for t in &open {
            slot[t.stem as usize] = NONE;
        }
        // Extra forms: once per report, only if no own stem starts with
        // theirs; the lowest form id per stem.
        let mut own: Vec<&str> = open
            .iter()
            .map(|t| vocab.stems[t.stem as usize].as_str())
            .collect();
        own.sort_unstable();
        let covered = |stem: &str| {
            let i = own.partition_point(|s| *s < stem);
            own.get(i).is_some_and(|s| s.starts_with(stem))
        };
        let mut forms: Vec<(u32, Kind)> = open
            .iter()
            .flat_map(|t| {
                t.words
                    .iter()
                    .flat_map(|&w| &vocab.words[w as usize].extras)
            })
            .copied()
            .collect();
        forms.sort_unstable();
        forms.dedup();
        let mut extra: Vec<(u32, Kind, u32)> = forms
            .into_iter()
            .map(|(form, kind)| (vocab.words[form as usize].stem, kind, form))
            .filter(|&(stem, ..)| !covered(&vocab.stems[stem as usize]))
            .collect();
        // Stable: per stem a family form before a part, the lowest first.
        extra.sort_by_key(|&(stem, kind, _)| (stem, kind));
        extra.dedup_by_key(|&mut (stem, ..)| stem);
        // Positions grouped by term, then the terms in stem order.
        let mut start = Vec::with_capacity(open.len() + 1);
        let mut acc = 0u32;
        for t in &open {
            start.push(acc);
            acc += t.npos;
        }
        let mut grouped = vec![0u32; acc as usize];
        let mut fill = start.clone();
        for (i, delta) in hits {
            grouped[fill[i as usize] as usize] = delta;
            fill[i as usize] += 1;
        }
        let mut order: Vec<(u32, usize)> =
            open.iter().enumerate().map(|(i, t)| (t.stem, i)).collect();
        order.extend(
            extra
                .iter()
                .enumerate()
                .map(|(j, &(stem, ..))| (stem, open.len() + j)),
        );
        order.sort_unstable_by_key(|&(stem, _)| stem);
        // Every report's analysis is held until the index is written: no
        // spare capacity (a third of their memory at 100,000 reports).
        let nwords = open.iter().map(|t| t.words.len()).sum::<usize>() + extra.len();
        let npos = grouped.iter().map(|&d| leb_len(d)).sum();
        let mut doc = DocTerms {
            terms: Vec::with_capacity(order.len()),
            pos: Vec::with_capacity(npos),
            words: Vec::with_capacity(nwords),
            len,
        };
        for (stem, i) in order {
            let words = if i < open.len() {
                open[i].words.len()
            } else {
                1
            };
            if doc.words.len() + words > MAX_WORDS {
                break;
            }
            let tf = if i < open.len() {
                let t = &open[i];
                let s = start[i] as usize;
                for &d in &grouped[s..s + t.npos as usize] {
                    push_leb(&mut doc.pos, d);
                }
                doc.words.extend_from_slice(&t.words);
                t.tf.clamp(1, 255)
            } else {
                let (_, kind, form) = extra[i - open.len()];
                doc.words.push(form);
                if kind == Kind::Part {
                    PART
                } else {
                    0
                }
            };
            doc.terms.push(DocTerm {
                stem,
                pos_end: doc.pos.len() as u32,
                words_tf: (doc.words.len() as u32) << 9 | tf,
            });
        }
        doc
    }
}

/// Analyses one report (scratch space of its own).
pub fn analyse(vocab: &Vocab, f: &Fields<'_>) -> DocTerms {
    Analyser::default().analyse(vocab, f)
}

/// Analyses many reports in parallel, with scratch space per thread.
pub fn analyse_all<'a, 'b: 'a>(
    vocab: &Vocab,
    all: impl IndexedParallelIterator<Item = &'a Fields<'b>>,
) -> Vec<DocTerms> {
    all.map_init(Analyser::default, |a, f| a.analyse(vocab, f))
        .collect()
}

//! One report → its terms: stems with weighted term frequencies, their
//! positions in the report's text, and the extra Swedish forms.
//!
//! Words are interned once per archive in a [`Vocab`] (a word's stem and
//! extra forms are computed once, in parallel), so that a report's
//! analysis holds only small integers: the memory of the index is that of
//! its postings, not of the text. See `docs/search-format.md` for what the
//! weights and positions mean.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::swedish::{self, Expander};
use crate::config::Config;
use crate::content::Report;

/// Field weights of the weighted term frequency (format v1).
const TITLE: u32 = 3;
const CLINIC: u32 = 3;
const THEME: u32 = 1;
const SUMMARY: u32 = 2;
const BODY: u32 = 1;

/// Lower-case words of a text: maximal runs of alphanumeric characters
/// (borrowed when already lower case, as most words are).
pub fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.chars().any(char::is_uppercase) {
                Cow::Owned(w.to_lowercase())
            } else {
                Cow::Borrowed(w)
            }
        })
}

/// What is analysed of one report: its fields with their weights, and the
/// parts of its text (the token stream positions count over).
pub struct Fields<'a> {
    pub weighted: Vec<(&'a str, u32)>,
    pub text: Vec<&'a str>,
}

/// The fields of a report; the clinic's and themes' names come from the
/// model and the configuration.
pub fn fields<'a>(config: &'a Config, report: &'a Report, clinic: &'a str) -> Fields<'a> {
    let mut weighted = vec![(report.title.as_str(), TITLE), (clinic, CLINIC)];
    for &t in &report.topics {
        weighted.push((config.topics[t].name.as_str(), THEME));
    }
    weighted.push((report.summary.as_str(), SUMMARY));
    weighted.push((report.body_text.as_str(), BODY));
    Fields {
        weighted,
        text: text_parts(report),
    }
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

/// A new word, its stem and its extra forms with their stems.
type Analysed = (String, String, Vec<(String, String)>);

/// One distinct word of the archive.
pub struct WordInfo {
    pub word: String,
    pub stem: u32,
    pub stop: bool,
    /// Extra forms (word ids) the word adds to a report.
    pub extras: Vec<u32>,
}

/// Every word and stem seen so far, by id. It only grows, so the ids in
/// cached analyses stay valid (`serve`).
#[derive(Default)]
pub struct Vocab {
    ids: HashMap<String, u32>,
    pub words: Vec<WordInfo>,
    stem_ids: HashMap<String, u32>,
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
    pub fn add<'a>(&mut self, sv: &Expander, all: impl ParallelIterator<Item = Fields<'a>>) {
        let new: HashSet<String> = all
            .fold(HashSet::new, |mut set, f| {
                for (text, _) in &f.weighted {
                    for w in words(text) {
                        if !self.ids.contains_key(w.as_ref()) && !set.contains(w.as_ref()) {
                            set.insert(w.into_owned());
                        }
                    }
                }
                set
            })
            .reduce(HashSet::new, |mut a, b| {
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
                        .map(|f| (sv.stem(&f).into_owned(), f))
                        .collect()
                };
                (w, stem, extra)
            })
            .collect();
        for (w, stem, extra) in infos {
            let id = self.intern(&w, stem);
            let extras: Vec<u32> = extra.into_iter().map(|(s, f)| self.intern(&f, s)).collect();
            self.words[id as usize].extras = extras;
        }
    }
}

/// One stem of one report.
#[derive(Debug, Clone, PartialEq)]
pub struct DocTerm {
    pub stem: u32,
    /// Weighted term frequency, capped at 255; 0 = only an extra form.
    pub tf: u8,
    /// Delta-coded positions in the text.
    pub pos: Vec<u32>,
    /// The surface words (ids) the report has with this stem.
    pub words: Vec<u32>,
}

/// The analysis of one report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocTerms {
    pub terms: Vec<DocTerm>,
    /// Weighted length: the sum of the weights over own words.
    pub len: u32,
}

/// Analyses one report against a vocabulary that holds all its words.
pub fn analyse(vocab: &Vocab, f: &Fields<'_>) -> DocTerms {
    let mut at: HashMap<u32, usize> = HashMap::new();
    let mut terms: Vec<DocTerm> = Vec::new();
    let mut tfs: Vec<u32> = Vec::new();
    let mut len = 0u32;
    let mut slot = |stem: u32, terms: &mut Vec<DocTerm>, tfs: &mut Vec<u32>| -> usize {
        *at.entry(stem).or_insert_with(|| {
            terms.push(DocTerm {
                stem,
                tf: 0,
                pos: Vec::new(),
                words: Vec::new(),
            });
            tfs.push(0);
            terms.len() - 1
        })
    };
    let mut extras: Vec<u32> = Vec::new();
    for (text, weight) in &f.weighted {
        for w in words(text) {
            let Some(id) = vocab.get(&w) else { continue };
            let info = &vocab.words[id as usize];
            if info.stop {
                continue;
            }
            len += weight;
            let i = slot(info.stem, &mut terms, &mut tfs);
            tfs[i] += weight;
            if !terms[i].words.contains(&id) {
                terms[i].words.push(id);
            }
            extras.extend_from_slice(&info.extras);
        }
    }
    let mut last = vec![0u32; terms.len()];
    let mut position = 0u32;
    for part in &f.text {
        for w in words(part) {
            if let Some(id) = vocab.get(&w) {
                let info = &vocab.words[id as usize];
                if !info.stop {
                    if let Some(&i) = at.get(&info.stem) {
                        let prev = if terms[i].pos.is_empty() { 0 } else { last[i] };
                        terms[i].pos.push(position - prev);
                        last[i] = position;
                    }
                }
            }
            position += 1;
        }
    }
    for (t, tf) in terms.iter_mut().zip(&tfs) {
        t.tf = (*tf).clamp(1, 255) as u8;
    }
    // Extra forms: once per report, only if no own stem starts with theirs.
    let mut own: Vec<&str> = terms
        .iter()
        .map(|t| vocab.stems[t.stem as usize].as_str())
        .collect();
    own.sort_unstable();
    extras.sort_unstable();
    extras.dedup();
    let covered = |stem: &str| {
        let i = own.partition_point(|s| *s < stem);
        own.get(i).is_some_and(|s| s.starts_with(stem))
    };
    let mut added: Vec<u32> = Vec::new();
    for form in extras {
        let stem = vocab.words[form as usize].stem;
        if covered(&vocab.stems[stem as usize]) || added.contains(&stem) {
            continue;
        }
        added.push(stem);
        terms.push(DocTerm {
            stem,
            tf: 0,
            pos: Vec::new(),
            words: vec![form],
        });
    }
    terms.sort_unstable_by_key(|t| t.stem);
    DocTerms { terms, len }
}

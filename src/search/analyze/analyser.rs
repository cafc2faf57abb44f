//! One report's analysis against a [`Vocab`] that holds all its words:
//! its terms in stem order, with weighted term frequencies, delta-coded
//! positions, surface words and extra forms ([`DocTerms`]).
//!
//! Every report of the archive passes through here, so the work per word
//! of text is kept to one hash lookup and a few array writes: the stems
//! and words met are marked in per-thread arrays indexed by id (not kept
//! in a list per term), and stems are compared by their place in the
//! vocabulary's byte order, not as strings.

use rayon::prelude::*;

use super::doc_terms::{leb_len, push_leb, MAX_WORDS, PART};
use super::{each_word, DocTerm, DocTerms, Fields, Kind, Vocab};

/// One term while a report is analysed.
struct Open {
    stem: u32,
    tf: u32,
    last: u32,
    npos: u32,
    nwords: u32,
}

/// Scratch space for analysing reports one after another on one thread.
#[derive(Default)]
pub struct Analyser {
    /// Each stem's slot in the report being analysed (or [`NONE`]).
    slot: Vec<u32>,
    /// Whether each word has been met in the report being analysed.
    seen: Vec<bool>,
    open: Vec<Open>,
    /// (term, delta) of every position, in text order.
    hits: Vec<(u32, u32)>,
    /// (term, word) at each distinct word's first use, in text order.
    firsts: Vec<(u32, u32)>,
}

const NONE: u32 = u32::MAX;

impl Analyser {
    /// Analyses one report against a vocabulary that holds all its words.
    pub fn analyse(&mut self, vocab: &Vocab, f: &Fields<'_>) -> DocTerms {
        if self.slot.len() < vocab.stems.len() {
            self.slot.resize(vocab.stems.len(), NONE);
        }
        if self.seen.len() < vocab.words.len() {
            self.seen.resize(vocab.words.len(), false);
        }
        let (slot, seen) = (&mut self.slot, &mut self.seen);
        let (open, hits, firsts) = (&mut self.open, &mut self.hits, &mut self.firsts);
        open.clear();
        hits.clear();
        firsts.clear();
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
                        nwords: 0,
                    });
                }
                let (i, t) = (*s, &mut open[*s as usize]);
                t.tf += part.weight;
                let met = &mut seen[id as usize];
                if !*met {
                    *met = true;
                    t.nwords += 1;
                    firsts.push((i, id));
                }
                if part.positional {
                    let delta = if t.npos == 0 { at } else { at - t.last };
                    t.last = at;
                    t.npos += 1;
                    hits.push((i, delta));
                }
            });
        }
        for t in open.iter() {
            slot[t.stem as usize] = NONE;
        }
        for &(_, w) in firsts.iter() {
            seen[w as usize] = false;
        }
        let extra = extra_forms(vocab, open, firsts);
        // Positions and words grouped by term (in text order within
        // each), then the terms in stem order.
        let pos_start = starts(open.iter().map(|t| t.npos));
        let word_start = starts(open.iter().map(|t| t.nwords));
        let grouped = group(&pos_start, hits.iter().copied());
        let words = group(&word_start, firsts.iter().copied());
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
        let nwords = words.len() + extra.len();
        let npos = grouped.iter().map(|&d| leb_len(d)).sum();
        let mut doc = DocTerms {
            terms: Vec::with_capacity(order.len()),
            pos: Vec::with_capacity(npos),
            words: Vec::with_capacity(nwords),
            len,
        };
        for (stem, i) in order {
            let nwords = open.get(i).map_or(1, |t| t.nwords as usize);
            if doc.words.len() + nwords > MAX_WORDS {
                break;
            }
            let tf = if let Some(t) = open.get(i) {
                let s = pos_start[i] as usize;
                for &d in &grouped[s..s + t.npos as usize] {
                    push_leb(&mut doc.pos, d);
                }
                let w = word_start[i] as usize;
                doc.words.extend_from_slice(&words[w..w + nwords]);
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

/// The extra forms a report adds, as (stem, kind, form): once per report,
/// only if no own stem starts with theirs; the lowest form id per stem,
/// a family form before a part.
fn extra_forms(vocab: &Vocab, open: &[Open], firsts: &[(u32, u32)]) -> Vec<(u32, Kind, u32)> {
    let mut own: Vec<u32> = open.iter().map(|t| vocab.rank(t.stem)).collect();
    own.sort_unstable();
    // The first own stem at or after `stem` in byte order is the one
    // that would start with it.
    let covered = |stem: u32| {
        let i = own.partition_point(|&r| r < vocab.rank(stem));
        (own.get(i)).is_some_and(|&r| vocab.ranked(r).starts_with(&vocab.stems[stem as usize]))
    };
    let mut forms: Vec<(u32, Kind)> = firsts
        .iter()
        .flat_map(|&(_, w)| &vocab.words[w as usize].extras)
        .copied()
        .collect();
    forms.sort_unstable();
    forms.dedup();
    let mut extra: Vec<(u32, Kind, u32)> = forms
        .into_iter()
        .map(|(form, kind)| (vocab.words[form as usize].stem, kind, form))
        .filter(|&(stem, ..)| !covered(stem))
        .collect();
    // Stable: per stem a family form before a part, the lowest first.
    extra.sort_by_key(|&(stem, kind, _)| (stem, kind));
    extra.dedup_by_key(|&mut (stem, ..)| stem);
    extra
}

/// Where each term's run starts in an array grouped by term.
fn starts(counts: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut acc = 0u32;
    counts
        .map(|n| {
            let s = acc;
            acc += n;
            s
        })
        .collect()
}

/// The values of (term, value) pairs grouped by term, each term's in the
/// order given (a counting sort; `start` from [`starts`]).
fn group(start: &[u32], items: impl ExactSizeIterator<Item = (u32, u32)>) -> Vec<u32> {
    let mut out = vec![0u32; items.len()];
    let mut fill = start.to_vec();
    for (i, v) in items {
        out[fill[i as usize] as usize] = v;
        fill[i as usize] += 1;
    }
    out
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

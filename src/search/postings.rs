//! The term dictionary: every report's terms merged in doc order into one
//! posting list per stem, in sorted stem order, cut into shards of about
//! [`SHARD_TARGET`] bytes of JSON (`terms-<i>`) with their positions beside
//! them (`pos-<i>`).

use rayon::prelude::*;

use super::analyze::{DocTerm, DocTerms, Map, Positions, Vocab};
use super::files::{push_json_list, push_json_str};

/// One posting: the doc, its term, positions and surface words.
type Posting<'a> = (u32, &'a DocTerm, Positions<'a>, &'a [u32]);

/// A new shard starts when the current one's JSON would pass this size:
/// large enough for few files, small enough that the first search loads
/// little beside the one shard it needs.
pub const SHARD_TARGET: usize = 96 * 1024;

/// The term shards: `(first stem, terms JSON, pos JSON)` each.
pub fn shards(vocab: &Vocab, docs: &[&DocTerms]) -> Vec<(String, String, String)> {
    // A counting sort of every (doc, term) by stem, in doc order: one flat
    // array rather than a growing list per stem.
    let mut start = vec![0u32; vocab.stems.len() + 1];
    for doc in docs {
        for t in &doc.terms {
            start[t.stem as usize + 1] += 1;
        }
    }
    for s in 1..start.len() {
        start[s] += start[s - 1];
    }
    let mut fill = start.clone();
    let mut flat = vec![(0u32, 0u32); start[vocab.stems.len()] as usize];
    for (d, doc) in docs.iter().enumerate() {
        for (i, t) in doc.terms.iter().enumerate() {
            let at = &mut fill[t.stem as usize];
            flat[*at as usize] = (d as u32, i as u32);
            *at += 1;
        }
    }
    let postings = |s: u32| -> Vec<Posting<'_>> {
        let range = start[s as usize] as usize..start[s as usize + 1] as usize;
        flat[range]
            .iter()
            .map(|&(d, i)| {
                let (t, pos, words) = docs[d as usize].get(i as usize);
                (d, t, pos, words)
            })
            .collect()
    };
    let mut order: Vec<u32> = (0..vocab.stems.len() as u32)
        .filter(|&s| start[s as usize + 1] > start[s as usize])
        .collect();
    order.par_sort_unstable_by(|&a, &b| vocab.stems[a as usize].cmp(&vocab.stems[b as usize]));
    let terms: Vec<(String, String)> = order
        .par_iter()
        .map(|&s| term_json(vocab, &vocab.stems[s as usize], &postings(s)))
        .collect();
    let mut out: Vec<(String, String, String)> = Vec::new();
    for (&s, (term, pos)) in order.iter().zip(terms) {
        let fits = out
            .last()
            .is_some_and(|(_, t, _)| t.len() + term.len() + 2 <= SHARD_TARGET);
        if !fits {
            out.push((vocab.stems[s as usize].clone(), "[".into(), "[".into()));
        }
        let Some((_, t, p)) = out.last_mut() else {
            continue;
        };
        if t.len() > 1 {
            t.push(',');
            p.push(',');
        }
        t.push_str(&term);
        p.push_str(&pos);
    }
    for (_, t, p) in &mut out {
        t.push(']');
        p.push(']');
    }
    out
}

/// One term's entry in `terms` and in `pos`.
fn term_json(vocab: &Vocab, stem: &str, postings: &[Posting<'_>]) -> (String, String) {
    // The surface word most docs have; ties by byte order. Own words count
    // before extra forms.
    let mut count: Map<u32, (u32, u32)> = Map::default();
    for (_, t, _, words) in postings {
        for &w in *words {
            let c = count.entry(w).or_default();
            if t.tf > 0 {
                c.0 += 1;
            } else {
                c.1 += 1;
            }
        }
    }
    let word = count
        .iter()
        .map(|(&w, &c)| (c, vocab.words[w as usize].word.as_str()))
        .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map_or(stem, |(_, w)| w);
    let mut t = String::with_capacity(32 + postings.len() * 6);
    t.push('[');
    push_json_str(&mut t, stem);
    t.push(',');
    push_json_str(&mut t, word);
    t.push(',');
    let mut prev = 0;
    push_json_list(
        &mut t,
        postings.iter().enumerate().map(|(i, (d, ..))| {
            let delta = if i == 0 { *d } else { d - prev };
            prev = *d;
            delta
        }),
    );
    t.push(',');
    push_json_list(&mut t, postings.iter().map(|(_, x, ..)| x.tf));
    t.push(']');
    let mut p = String::with_capacity(postings.len() * 8);
    p.push('[');
    for (i, (_, _, pos, _)) in postings.iter().enumerate() {
        if i > 0 {
            p.push(',');
        }
        push_json_list(&mut p, *pos);
    }
    p.push(']');
    (t, p)
}

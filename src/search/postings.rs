//! The term dictionary: every report's terms merged in doc order into one
//! posting list per stem, in the order of the folded stems
//! (`swedish::fold_cmp`: "smart" beside "smärt", so that a query typed
//! without å, ä and ö finds both in one shard), cut into shards of about
//! [`SHARD_TARGET`] bytes of JSON (`terms-<i>`) with their positions beside
//! them (`pos-<i>`).

use rayon::prelude::*;

use super::analyze::{DocTerm, DocTerms, Map, Positions, Vocab};
use super::files::{push_json_list, push_json_str, Packer};
use super::swedish::{fold, fold_cmp};

/// One posting: the doc, its term, positions and surface words.
type Posting<'a> = (u32, &'a DocTerm, Positions<'a>, &'a [u32]);

/// A new shard starts when the current one's JSON would pass this size:
/// large enough for few files, small enough that the first search loads
/// little beside the one shard it needs.
pub const SHARD_TARGET: usize = 96 * 1024;

/// One shard of the term dictionary, compressed: its first stem folded,
/// its `terms` file and its `pos` file.
pub struct Shard {
    pub first: String,
    pub terms: Vec<u8>,
    pub pos: Vec<u8>,
}

/// The term shards, each compressed by `packer` as soon as it is made.
///
/// Each stem's surface word and the size of its `terms` entry are found
/// first, to cut the shards by; each shard's `terms` and `pos` JSON is then
/// made (the `terms` entries a second time: cheaper than holding them) and
/// compressed on its own, so that the uncompressed JSON of the whole
/// dictionary never sits in memory (a gigabyte at 100,000 reports).
pub fn shards(vocab: &Vocab, docs: &[&DocTerms], packer: &Packer) -> Vec<Shard> {
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
    drop(fill);
    let postings = |s: u32| {
        let range = start[s as usize] as usize..start[s as usize + 1] as usize;
        flat[range].iter().map(|&(d, i)| {
            let (t, pos, words) = docs[d as usize].get(i as usize);
            (d, t, pos, words)
        })
    };
    let mut order: Vec<u32> = (0..vocab.stems.len() as u32)
        .filter(|&s| start[s as usize + 1] > start[s as usize])
        .collect();
    order.par_sort_unstable_by(|&a, &b| {
        fold_cmp(&vocab.stems[a as usize], &vocab.stems[b as usize])
    });
    let sized: Vec<(&str, usize)> = order
        .par_iter()
        .map_init(String::new, |scratch, &s| {
            let stem = vocab.stems[s as usize].as_str();
            let list: Vec<Posting<'_>> = postings(s).collect();
            let word = surface_word(vocab, stem, &list);
            scratch.clear();
            term_json(scratch, stem, word, &list);
            (word, scratch.len())
        })
        .collect();
    // Cut where a shard's `terms` JSON (`[a,b,…]`) would pass the target.
    let mut cuts: Vec<std::ops::Range<usize>> = Vec::new();
    let mut len = 0;
    for (i, &(_, size)) in sized.iter().enumerate() {
        match cuts.last_mut() {
            Some(r) if len + size + 2 <= SHARD_TARGET => {
                r.end = i + 1;
                len += size + 1;
            }
            _ => {
                cuts.push(i..i + 1);
                len = 1 + size;
            }
        }
    }
    cuts.into_par_iter()
        .map(|r| {
            let mut t = String::with_capacity(SHARD_TARGET);
            let mut p = String::new();
            t.push('[');
            p.push('[');
            for (k, i) in r.clone().enumerate() {
                if k > 0 {
                    t.push(',');
                    p.push(',');
                }
                let s = order[i];
                let list: Vec<Posting<'_>> = postings(s).collect();
                term_json(&mut t, &vocab.stems[s as usize], sized[i].0, &list);
                pos_json(&mut p, list.iter().map(|&(_, _, pos, _)| pos));
            }
            t.push(']');
            p.push(']');
            Shard {
                first: fold(&vocab.stems[order[r.start] as usize]),
                terms: packer.pack(&t),
                pos: packer.pack(&p),
            }
        })
        .collect()
}

/// The surface word of a stem most of its docs have; ties by byte order.
/// Own words count before extra forms.
fn surface_word<'a>(vocab: &'a Vocab, stem: &'a str, postings: &[Posting<'_>]) -> &'a str {
    let mut count: Map<u32, (u32, u32)> = Map::default();
    for (_, t, _, words) in postings {
        for &w in *words {
            let c = count.entry(w).or_default();
            if t.tf() > 0 {
                c.0 += 1;
            } else {
                c.1 += 1;
            }
        }
    }
    count
        .iter()
        .map(|(&w, &c)| (c, vocab.words[w as usize].word.as_str()))
        .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map_or(stem, |(_, w)| w)
}

/// One term's entry in `terms`: its stem, its surface word, its docs
/// (delta-coded) and their term frequencies.
fn term_json(t: &mut String, stem: &str, word: &str, postings: &[Posting<'_>]) {
    t.push('[');
    push_json_str(t, stem);
    t.push(',');
    push_json_str(t, word);
    t.push(',');
    let mut prev = 0;
    push_json_list(
        t,
        postings.iter().enumerate().map(|(i, (d, ..))| {
            let delta = if i == 0 { *d } else { d - prev };
            prev = *d;
            delta
        }),
    );
    t.push(',');
    push_json_list(t, postings.iter().map(|(_, x, ..)| x.written_tf()));
    t.push(']');
}

/// One term's entry in `pos`: the delta-coded positions in each of its
/// docs.
fn pos_json<'a>(p: &mut String, each: impl Iterator<Item = Positions<'a>>) {
    p.push('[');
    for (i, pos) in each.enumerate() {
        if i > 0 {
            p.push(',');
        }
        push_json_list(p, pos);
    }
    p.push(']');
}

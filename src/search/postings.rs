//! The term dictionary: every report's terms merged in doc order into one
//! posting list per stem, in the order of the folded stems
//! (`swedish::fold_cmp`: "smart" beside "smärt", so that a query typed
//! without å, ä and ö finds both in one shard), cut into shards of about
//! [`SHARD_TARGET`] bytes of JSON (`terms-<i>`) with their positions beside
//! them (`pos-<i>`).

use rayon::prelude::*;

use super::analyze::{DocTerms, Positions, Vocab};
use super::files::{push_json_list, push_json_str, Packer};
use super::swedish::{fold, fold_cmp};

/// One posting as the shards write it: its doc, its written term
/// frequency and where its positions end in the stem-ordered copy,
/// counted from the stem's first byte there (12 bytes: there are 50
/// million at 100,000 reports).
#[derive(Debug, Clone, Copy, Default)]
struct Flat {
    doc: u32,
    tf: i32,
    pos_end: u32,
}

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
/// first, to cut the shards by (the size counted, not made: [`term_len`]);
/// each shard's `terms` and `pos` JSON is then made and compressed on its
/// own, so that the uncompressed JSON of the whole dictionary never sits
/// in memory (a gigabyte at 100,000 reports).
pub fn shards(vocab: &Vocab, docs: &[&DocTerms], packer: &Packer) -> Vec<Shard> {
    let tally = tally(vocab, docs);
    let by_stem = ByStem::new(docs, &tally);
    let mut order: Vec<u32> = (0..vocab.stems.len() as u32)
        .filter(|&s| tally.docs[s as usize] > 0)
        .collect();
    order.par_sort_unstable_by(|&a, &b| {
        fold_cmp(&vocab.stems[a as usize], &vocab.stems[b as usize])
    });
    // Each entry's size from the tally and the doc numbers alone: the
    // reports' terms are read once, when the shards are made.
    let words = words_by_stem(vocab);
    let sized: Vec<(&str, usize)> = order
        .par_iter()
        .map(|&s| {
            let stem = vocab.stems[s as usize].as_str();
            let own = &words.1[words.0[s as usize] as usize..words.0[s as usize + 1] as usize];
            let word = surface_word(vocab, stem, own, &tally.uses);
            let docs = by_stem.postings(s).iter().map(|f| f.doc);
            let size = entry_len(stem, word, delta_digits(docs), tally.tf_digits[s as usize]);
            (word, size)
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
                let stem = &vocab.stems[s as usize];
                term_json(&mut t, stem, sized[i].0, by_stem.postings(s));
                pos_json(&mut p, by_stem.positions(s));
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

/// Every posting of the archive grouped by stem, in doc order within
/// each: a counting sort into one flat array rather than a growing list
/// per stem. Each posting carries what its entries are written from (its
/// doc and term frequency, and its positions copied into one stem-ordered
/// byte array), so that the shards read memory in order: reading each
/// posting out of its report's arrays, several cache misses apiece, was
/// most of the merge's time.
struct ByStem {
    /// Where each stem's postings start in `flat` (and, last, the end).
    start: Vec<u32>,
    flat: Vec<Flat>,
    /// Where each stem's positions start in `pos`.
    pos_first: Vec<usize>,
    pos: Vec<u8>,
}

impl ByStem {
    fn new(docs: &[&DocTerms], tally: &Tally) -> ByStem {
        let start = prefix_sums(&tally.docs);
        let pos_first = prefix_sums(&tally.pos_bytes);
        let (mut fill, mut pos_at) = (start.clone(), pos_first.clone());
        let mut flat = vec![Flat::default(); start.last().map_or(0, |&n| n as usize)];
        let mut pos = vec![0u8; pos_first.last().copied().unwrap_or(0)];
        for (d, doc) in docs.iter().enumerate() {
            for (t, p, _) in doc.iter() {
                let s = t.stem as usize;
                let bytes = p.bytes();
                let lo = pos_at[s];
                pos[lo..lo + bytes.len()].copy_from_slice(bytes);
                pos_at[s] = lo + bytes.len();
                flat[fill[s] as usize] = Flat {
                    doc: d as u32,
                    tf: t.written_tf(),
                    // A stem with 4 GiB of positions (a billion uses)
                    // would have the rest of them cut, not wrap around.
                    pos_end: u32::try_from(pos_at[s] - pos_first[s]).unwrap_or(u32::MAX),
                };
                fill[s] += 1;
            }
        }
        ByStem {
            start,
            flat,
            pos_first,
            pos,
        }
    }

    /// A stem's postings, in doc order.
    fn postings(&self, s: u32) -> &[Flat] {
        &self.flat[self.start[s as usize] as usize..self.start[s as usize + 1] as usize]
    }

    /// A stem's positions in each of its docs: each posting's end where
    /// the one before it ends, or at the stem's first byte.
    fn positions(&self, s: u32) -> impl Iterator<Item = Positions<'_>> {
        let base = self.pos_first[s as usize];
        let ends = (self.postings(s).iter()).map(move |f| base + f.pos_end as usize);
        ends.scan(base, |lo, hi| {
            let p = Positions::new(self.pos.get(*lo..hi).unwrap_or_default());
            *lo = hi.max(*lo);
            Some(p)
        })
    }
}

/// What the shards are cut by, counted over every report in parallel
/// (so that no stem's postings are gathered twice): each stem's number
/// of docs and the digits of its written term frequencies, and each
/// word's number of docs as an own word and as an extra form.
struct Tally {
    docs: Vec<u32>,
    tf_digits: Vec<usize>,
    /// The bytes of each stem's positions, in all its docs.
    pos_bytes: Vec<usize>,
    uses: Vec<(u32, u32)>,
}

fn tally(vocab: &Vocab, docs: &[&DocTerms]) -> Tally {
    let empty = || Tally {
        docs: vec![0; vocab.stems.len()],
        tf_digits: vec![0; vocab.stems.len()],
        pos_bytes: vec![0; vocab.stems.len()],
        uses: vec![(0, 0); vocab.words.len()],
    };
    let chunk = docs.len().div_ceil(2 * rayon::current_num_threads()).max(1);
    docs.par_chunks(chunk)
        .map(|part| {
            let mut t = empty();
            for doc in part {
                for (term, pos, words) in doc.iter() {
                    let s = term.stem as usize;
                    t.docs[s] += 1;
                    t.pos_bytes[s] += pos.bytes().len();
                    t.tf_digits[s] += digits(i64::from(term.written_tf()));
                    for &w in words {
                        let u = &mut t.uses[w as usize];
                        if term.tf() > 0 {
                            u.0 += 1;
                        } else {
                            u.1 += 1;
                        }
                    }
                }
            }
            t
        })
        .reduce_with(|mut a, b| {
            let pairs = a.docs.iter_mut().zip(b.docs);
            pairs.for_each(|(x, y)| *x += y);
            let pairs = a.tf_digits.iter_mut().zip(b.tf_digits);
            pairs.for_each(|(x, y)| *x += y);
            let pairs = a.pos_bytes.iter_mut().zip(b.pos_bytes);
            pairs.for_each(|(x, y)| *x += y);
            for (x, y) in a.uses.iter_mut().zip(b.uses) {
                (x.0, x.1) = (x.0 + y.0, x.1 + y.1);
            }
            a
        })
        .unwrap_or_else(empty)
}

/// Where each run starts when runs of these lengths are laid end to end,
/// and (last) where the last one ends.
fn prefix_sums<T: Copy + Default + std::ops::Add<Output = T>>(lens: &[T]) -> Vec<T> {
    let mut out = Vec::with_capacity(lens.len() + 1);
    let mut at = T::default();
    out.push(at);
    for &n in lens {
        at = at + n;
        out.push(at);
    }
    out
}

/// The vocabulary's words grouped by stem (each stem's run starts at
/// `.0[stem]` in `.1`), in id order.
fn words_by_stem(vocab: &Vocab) -> (Vec<u32>, Vec<u32>) {
    let mut counts = vec![0u32; vocab.stems.len()];
    for w in &vocab.words {
        counts[w.stem as usize] += 1;
    }
    let start = prefix_sums(&counts);
    let mut fill = start.clone();
    let mut list = vec![0u32; vocab.words.len()];
    for (id, w) in vocab.words.iter().enumerate() {
        list[fill[w.stem as usize] as usize] = id as u32;
        fill[w.stem as usize] += 1;
    }
    (start, list)
}

/// The surface word of a stem most of its docs have, of the stem's
/// `words`, by their `uses` ([`Tally`]); ties by byte order. Own words
/// count before extra forms.
fn surface_word<'a>(
    vocab: &'a Vocab,
    stem: &'a str,
    words: &[u32],
    uses: &[(u32, u32)],
) -> &'a str {
    (words.iter())
        .map(|&w| (uses[w as usize], vocab.words[w as usize].word.as_str()))
        .filter(|&(c, _)| c != (0, 0))
        .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map_or(stem, |(_, w)| w)
}

/// One term's entry in `terms`: its stem, its surface word, its docs
/// (delta-coded) and their term frequencies.
fn term_json(t: &mut String, stem: &str, word: &str, postings: &[Flat]) {
    t.push('[');
    push_json_str(t, stem);
    t.push(',');
    push_json_str(t, word);
    t.push(',');
    let mut prev = 0;
    push_json_list(
        t,
        postings.iter().enumerate().map(|(i, f)| {
            let delta = if i == 0 { f.doc } else { f.doc - prev };
            prev = f.doc;
            delta
        }),
    );
    t.push(',');
    push_json_list(t, postings.iter().map(|f| f.tf));
    t.push(']');
}

/// The length of [`term_json`]'s entry, counted without making it.
#[cfg(test)]
fn term_len(stem: &str, word: &str, postings: &[Flat]) -> usize {
    let tfs = (postings.iter()).map(|f| digits(i64::from(f.tf))).sum();
    entry_len(
        stem,
        word,
        delta_digits(postings.iter().map(|f| f.doc)),
        tfs,
    )
}

/// The length of [`term_json`]'s entry from its parts' lengths: the
/// doc numbers' digits and count ([`delta_digits`]) and the digits of
/// the term frequencies.
fn entry_len(stem: &str, word: &str, (deltas, n): (usize, usize), tfs: usize) -> usize {
    let list = |sum: usize, n: usize| 2 + sum + n.saturating_sub(1);
    2 + json_str_len(stem) + 1 + json_str_len(word) + 1 + list(deltas, n) + 1 + list(tfs, n)
}

/// The digits of ascending doc numbers written delta-coded, and their
/// count.
fn delta_digits(docs: impl Iterator<Item = u32>) -> (usize, usize) {
    let (mut sum, mut n, mut prev) = (0, 0, 0);
    for d in docs {
        sum += digits(i64::from(d - prev));
        (n, prev) = (n + 1, d);
    }
    (sum, n)
}

/// The characters of a number in JSON.
fn digits(v: i64) -> usize {
    let (mut n, mut v) = (usize::from(v < 0) + 1, v.unsigned_abs());
    while v >= 10 {
        v /= 10;
        n += 1;
    }
    n
}

/// The length of a string as [`push_json_str`] writes it.
fn json_str_len(s: &str) -> usize {
    let escaped: usize = (s.chars())
        .map(|c| match c {
            '"' | '\\' | '\n' | '\r' | '\t' => 2,
            '\u{0}'..='\u{1f}' => 6,
            '\u{2028}' | '\u{2029}' => 6,
            c => c.len_utf8(),
        })
        .sum();
    escaped + 2
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analyze::{analyse, Fields, Part, Vocab};

    /// The counted length of every term's entry is that of the entry made.
    #[test]
    fn term_lengths_are_counted_exactly() {
        let sv = crate::search::swedish::Expander::swedish();
        let texts = [
            "Sjukskrivning och \"citat\" \u{2028} tab\tslut, 1234 sjukskrivningar",
            "Arbetsterapeut, fysioterapeut och smärta: 5 av 12 mål",
        ];
        let fields: Vec<Fields<'_>> = (texts.iter())
            .map(|t| Fields {
                parts: vec![Part {
                    text: t,
                    weight: 3,
                    positional: true,
                }],
            })
            .collect();
        let mut vocab = Vocab::default();
        vocab.add(&sv, rayon::iter::IntoParallelRefIterator::par_iter(&fields));
        let docs: Vec<DocTerms> = fields.iter().map(|f| analyse(&vocab, f)).collect();
        let refs: Vec<&DocTerms> = docs.iter().collect();
        for s in 0..vocab.stems.len() as u32 {
            let list: Vec<Flat> = (refs.iter().enumerate())
                .flat_map(|(d, doc)| {
                    (doc.terms.iter().filter(move |t| t.stem == s)).map(move |t| Flat {
                        doc: d as u32,
                        tf: t.written_tf(),
                        pos_end: 0,
                    })
                })
                .collect();
            if list.is_empty() {
                continue;
            }
            let stem = &vocab.stems[s as usize];
            let mut made = String::new();
            term_json(&mut made, stem, "ord\"\u{1}", &list);
            assert_eq!(term_len(stem, "ord\"\u{1}", &list), made.len(), "{made}");
        }
    }
}

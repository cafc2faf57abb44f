//! "Liknande förbättringsarbeten": for each report, up to five reports from
//! other clinics that are most alike, by TF-IDF cosine over normalised
//! words plus a bonus per shared theme.
//!
//! No all-pairs pass: each report keeps only its strongest terms, an
//! inverted index maps each term to the reports where it weighs most
//! (impact-ordered, capped), and a report is compared only with the
//! reports its strongest terms point to. The cost is about
//! reports × terms kept × postings kept, not reports².

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::Report;
use crate::text;

/// How many related reports a page shows.
pub const MAX_RELATED: usize = 5;
/// Terms kept per report.
const TERMS_PER_REPORT: usize = 20;
/// Reports kept per term in the inverted index, highest weight first.
const POSTINGS_PER_TERM: usize = 128;
/// Bytes of each report's body that are read for its terms.
const BODY_BYTES: usize = 6000;
/// Score added per shared theme.
const TOPIC_BONUS: f32 = 0.1;

/// Words common in improvement reports that say nothing about their
/// subject ("finns", "genom", "också", "per"), sorted by bytes. With the
/// shared [`text::STOP_WORDS`] they are never terms. The list is shorter
/// than Snowball's, which the search index uses: pronouns and the like
/// ("han", "mellan", "sedan") have always been terms here, and dropping
/// them would change every related list, a decision of its own.
const OWN_STOP_WORDS: &[&str] = &[
    "andra", "annan", "bara", "dock", "fanns", "finns", "genom", "gjort", "gör", "göra", "mer",
    "många", "också", "per", "samt", "sitt", "ska", "vill", "även",
];

fn is_stop_word(lower: &str) -> bool {
    text::is_stop_word(lower) || OWN_STOP_WORDS.binary_search(&lower).is_ok()
}

/// Lower-cases a word and strips the commonest Swedish inflection endings,
/// so that "sjukskrivningar" and "sjukskrivningen" count as one term.
pub fn normalise(word: &str) -> Option<String> {
    let mut buf = String::new();
    normalise_into(word, &mut buf).map(str::to_string)
}

/// `normalise` into a reused buffer (no allocation per word).
fn normalise_into<'b>(word: &str, buf: &'b mut String) -> Option<&'b str> {
    buf.clear();
    if word.len() < 3 {
        return None;
    }
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        for c in word.chars() {
            buf.extend(c.to_lowercase());
        }
    }
    let chars = buf.chars().count();
    if chars < 3 || buf.bytes().all(|b| b.is_ascii_digit()) || is_stop_word(buf) {
        return None;
    }
    for suffix in [
        "arnas", "ernas", "heten", "arna", "erna", "orna", "ande", "ende", "ar", "er", "or", "en",
        "et", "na", "a", "e",
    ] {
        if buf.ends_with(suffix) && chars - suffix.chars().count() >= 4 {
            let keep = buf.len() - suffix.len();
            buf.truncate(keep);
            break;
        }
    }
    Some(buf.as_str())
}

/// A 64-bit FNV-1a hash of a term: terms are compared by hash, which saves
/// an allocation per word (collisions are negligible at 2^64).
fn floor_char_boundary(s: &str, max: usize) -> usize {
    if max >= s.len() {
        return s.len();
    }
    let mut i = max;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn term_id(t: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in t.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// Term ids are already hashes: a hasher that passes them through.
#[derive(Default)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

type IdMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<IdHasher>>;

/// Related reports for every report (indexes into `reports`), given each
/// report's clinic index.
pub fn related(reports: &[Arc<Report>], clinic_of: &[usize]) -> Vec<Vec<usize>> {
    let n = reports.len();
    if n < 2 {
        return vec![Vec::new(); n];
    }
    // Term counts per report, in parallel, as compact sorted runs of
    // (term hash, count): no per-report hash map.
    let counts: Vec<Vec<(u64, u32)>> = reports
        .par_iter()
        .map(|r| {
            let mut hashes: Vec<u64> = Vec::with_capacity(r.body_text.len() / 6);
            let mut buf = String::new();
            // The opening of a report (its survey and goals) says what it is
            // about; reading at most BODY_BYTES of the body bounds the cost.
            let body = &r.body_text[..floor_char_boundary(&r.body_text, BODY_BYTES)];
            for text in [r.title.as_str(), r.summary.as_str(), body] {
                for word in text.split(|c: char| !c.is_alphanumeric()) {
                    if let Some(t) = normalise_into(word, &mut buf) {
                        hashes.push(term_id(t));
                    }
                }
            }
            hashes.sort_unstable();
            let mut runs: Vec<(u64, u32)> = Vec::new();
            for h in hashes {
                match runs.last_mut() {
                    Some((last, c)) if *last == h => *c += 1,
                    _ => runs.push((h, 1)),
                }
            }
            runs.shrink_to_fit();
            runs
        })
        .collect();
    // Document frequencies and dense term ids.
    let mut ids: IdMap<u32> = IdMap::default();
    let mut df: Vec<u32> = Vec::new();
    for runs in &counts {
        for (t, _) in runs {
            let next = ids.len() as u32;
            let id = *ids.entry(*t).or_insert(next);
            if id as usize == df.len() {
                df.push(0);
            }
            df[id as usize] += 1;
        }
    }
    let nf = n as f32;
    // Pruned, L2-normalised TF-IDF vectors.
    let vectors: Vec<Vec<(u32, f32)>> = counts
        .into_par_iter()
        .map(|runs| {
            let mut v: Vec<(u32, f32)> = runs
                .iter()
                .map(|(t, c)| {
                    let id = ids[t];
                    let idf = (nf / df[id as usize] as f32).ln() + 1.0;
                    (id, (1.0 + (*c as f32).ln()) * idf)
                })
                .collect();
            v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            v.truncate(TERMS_PER_REPORT);
            v.shrink_to_fit();
            let norm = v
                .iter()
                .map(|x| x.1 * x.1)
                .sum::<f32>()
                .sqrt()
                .max(f32::MIN_POSITIVE);
            for x in &mut v {
                x.1 /= norm;
            }
            v
        })
        .collect();
    drop(ids);
    // Inverted index, impact-ordered and capped.
    let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); df.len()];
    for (d, v) in vectors.iter().enumerate() {
        for &(t, w) in v {
            postings[t as usize].push((d as u32, w));
        }
    }
    postings.par_iter_mut().for_each(|p| {
        p.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        p.truncate(POSTINGS_PER_TERM);
    });
    // Reports by theme, newest first, capped like the postings: a theme in
    // common adds a bonus and makes a candidate even without shared words.
    let mut by_topic: HashMap<usize, Vec<u32>> = HashMap::new();
    for (d, r) in reports.iter().enumerate() {
        for &t in &r.topics {
            by_topic.entry(t).or_default().push(d as u32);
        }
    }
    for list in by_topic.values_mut() {
        list.sort_by(|&a, &b| {
            reports[b as usize]
                .year
                .cmp(&reports[a as usize].year)
                .then(a.cmp(&b))
        });
        list.truncate(POSTINGS_PER_TERM);
    }
    thread_local! {
        // One dense score buffer (and its list of touched slots) per thread.
        static SCRATCH: std::cell::RefCell<(Vec<f32>, Vec<u32>)> = const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
    }
    (0..n)
        .into_par_iter()
        .map(|d| {
            SCRATCH.with(|cell| {
                let mut guard = cell.borrow_mut();
                let (scratch, touched) = &mut *guard;
                if scratch.len() < n {
                    scratch.resize(n, 0.0);
                }
                for &(t, w) in &vectors[d] {
                    for &(other, w2) in &postings[t as usize] {
                        if clinic_of[other as usize] != clinic_of[d] {
                            let slot = &mut scratch[other as usize];
                            if *slot == 0.0 {
                                touched.push(other);
                            }
                            *slot += w * w2;
                        }
                    }
                }
                for t in &reports[d].topics {
                    for &other in by_topic.get(t).map_or(&[][..], Vec::as_slice) {
                        if clinic_of[other as usize] != clinic_of[d] {
                            let slot = &mut scratch[other as usize];
                            if *slot == 0.0 {
                                touched.push(other);
                            }
                            // Tiny, so that the slot is marked as touched;
                            // the theme bonus itself is added below.
                            *slot += f32::EPSILON;
                        }
                    }
                }
                let mut ranked: Vec<(usize, f32)> = touched
                    .drain(..)
                    .map(|o| {
                        let o = o as usize;
                        let s = std::mem::take(&mut scratch[o]);
                        let shared = reports[o]
                            .topics
                            .iter()
                            .filter(|t| reports[d].topics.contains(t))
                            .count();
                        (o, s + TOPIC_BONUS * shared as f32)
                    })
                    .collect();
                // Highest score first; among equals (to 4 decimals) the newest, then a stable order.
                let key = |x: &(usize, f32)| (x.1 * 1e4).round() as i64;
                let order = |a: &(usize, f32), b: &(usize, f32)| {
                    key(b)
                        .cmp(&key(a))
                        .then_with(|| reports[b.0].year.cmp(&reports[a.0].year))
                        .then_with(|| reports[a.0].stem.cmp(&reports[b.0].stem))
                        .then_with(|| a.0.cmp(&b.0))
                };
                if ranked.len() > MAX_RELATED {
                    ranked.select_nth_unstable_by(MAX_RELATED - 1, order);
                    ranked.truncate(MAX_RELATED);
                }
                ranked.sort_by(order);
                // A fresh, small vector: collecting `ranked` in place would
                // keep its (large) allocation alive for every report.
                let mut top = Vec::with_capacity(ranked.len());
                top.extend(ranked.iter().map(|x| x.0));
                top
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_inflections() {
        assert_eq!(normalise("Sjukskrivningar"), normalise("sjukskrivningen"));
        assert_eq!(normalise("och"), None);
        assert_eq!(normalise("2024"), None);
        assert_eq!(normalise("SIP"), Some("sip".into()));
        assert_eq!(normalise("också"), None);
    }

    #[test]
    fn own_stop_words_are_sorted_and_not_shared() {
        assert!(OWN_STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(OWN_STOP_WORDS.iter().all(|w| !text::is_stop_word(w)));
    }
}

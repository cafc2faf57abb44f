//! The query semantics of format v2 in Rust: reads the written files and
//! answers a query as `assets/sok-index.js` does (prefix AND on stems, å, ä
//! and ö typed as a and o, quoted phrases on positions, BM25, whole words
//! before parts of compounds and folded matches). The tests search the real index with it,
//! so recall and precision are checked without a browser; it loads every
//! shard at once, which a test can afford and a browser need not.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read as _;

use serde_json::Value;

use super::analyze::words;
use super::swedish::{fold, fold_char, is_stop_word};

const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Prefix matches (a longer stem than the query's) count less.
const PREFIX: f64 = 0.8;
/// So do a compound's part and a match found only by folding; and a
/// report with every query word as written ranks before them all.
const PART: f64 = 0.7;
const FOLDED: f64 = 0.7;

pub struct Term {
    pub stem: String,
    /// The stem folded: the dictionary's order.
    pub fold: String,
    pub word: String,
    pub docs: Vec<u32>,
    /// Weighted term frequency; 0 another form of a word's family, -1 a
    /// compound's part.
    pub tfs: Vec<i64>,
    pub pos: Vec<Vec<u32>>,
}

/// A decoded index.
pub struct Index {
    pub entry: Value,
    pub facets: Value,
    pub terms: Vec<Term>,
    pub meta: Vec<Value>,
    pub text: Vec<String>,
    len: Vec<f64>,
    avg_len: f64,
}

/// Inflates a raw-DEFLATE file and parses its JSON.
pub fn inflate_json(bytes: &[u8]) -> Result<Value, String> {
    let mut s = String::new();
    flate2::read::DeflateDecoder::new(bytes)
        .read_to_string(&mut s)
        .map_err(|e| format!("not DEFLATE: {e}"))?;
    serde_json::from_str(&s).map_err(|e| format!("not JSON: {e}"))
}

fn signed(v: &Value) -> Vec<i64> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default()
}

fn ints(v: &Value) -> Vec<u32> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_u64())
                .map(|x| x as u32)
                .collect()
        })
        .unwrap_or_default()
}

fn undelta(mut v: Vec<u32>) -> Vec<u32> {
    for i in 1..v.len() {
        v[i] += v[i - 1];
    }
    v
}

impl Index {
    /// Loads an index through `read` (a path below `sok/index/` → bytes).
    pub fn load(read: impl Fn(&str) -> Option<Vec<u8>>) -> Result<Index, String> {
        let get = |name: &str| read(name).ok_or_else(|| format!("{name}: missing"));
        let entry: Value =
            serde_json::from_slice(&get("entry.json")?).map_err(|e| e.to_string())?;
        let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
        let mut facets = inflate_json(&get(&s(&entry["facets"]))?)?;
        // Delta-coded columns, decoded once for the tests' reading.
        for key in ["clinic", "plans"] {
            let mut at = 0i64;
            let decoded: Vec<i64> = (facets[key].as_array().into_iter().flatten())
                .map(|v| {
                    at += v.as_i64().unwrap_or(0);
                    at
                })
                .collect();
            facets[key] = decoded.into();
        }
        let group = |kind: &str, key: &str| -> Result<Vec<Value>, String> {
            let n = entry[key]["files"].as_u64().unwrap_or(0);
            let hash = s(&entry[key]["hash"]);
            (0..n)
                .map(|i| inflate_json(&get(&format!("{kind}-{i}.{hash}.dfl"))?))
                .collect()
        };
        let meta: Vec<Value> = group("meta", "meta")?
            .into_iter()
            .flat_map(|c| c.as_array().cloned().unwrap_or_default())
            .collect();
        let text: Vec<String> = group("text", "text")?
            .iter()
            .flat_map(|c| c.as_array().cloned().unwrap_or_default())
            .map(|v| s(&v))
            .collect();
        let mut terms = Vec::new();
        for (t, p) in group("terms", "terms")?.iter().zip(group("pos", "terms")?) {
            let (t, p) = (
                t.as_array().cloned().unwrap_or_default(),
                p.as_array().cloned(),
            );
            let p = p.unwrap_or_default();
            if t.len() != p.len() {
                return Err("a pos shard does not fit its terms shard".into());
            }
            for (t, p) in t.iter().zip(p) {
                terms.push(Term {
                    stem: s(&t[0]),
                    fold: fold(&s(&t[0])),
                    word: s(&t[1]),
                    docs: undelta(ints(&t[2])),
                    tfs: signed(&t[3]),
                    pos: p
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|x| undelta(ints(x)))
                        .collect(),
                });
            }
        }
        let len = facets["len"]
            .as_str()
            .unwrap_or_default()
            .chars()
            .map(|c| 2f64.powf(f64::from(c as u32 - 48) / 4.0) - 1.0)
            .collect();
        let avg_len = entry["avg_len"].as_f64().unwrap_or(1.0).max(1.0);
        Ok(Index {
            entry,
            facets,
            terms,
            meta,
            text,
            len,
            avg_len,
        })
    }

    pub fn url(&self, doc: u32) -> &str {
        self.meta[doc as usize]["u"].as_str().unwrap_or_default()
    }

    /// The terms a query stem meets, each with its factor and whether it
    /// is the query's own form: a stem that starts with the query's, or,
    /// with a and o of the query standing for å, ä and ö, one whose folded
    /// form does (`fold_meets`).
    fn matching(&self, stem: &str) -> Vec<(&Term, f64, bool)> {
        let folded = fold(stem);
        let at = self
            .terms
            .partition_point(|t| t.fold.as_str() < folded.as_str());
        self.terms[at..]
            .iter()
            .take_while(|t| t.fold.starts_with(&folded))
            .filter_map(|t| {
                let prefix = if t.stem.chars().count() == stem.chars().count() {
                    1.0
                } else {
                    PREFIX
                };
                if t.stem.starts_with(stem) {
                    Some((t, prefix, true))
                } else {
                    fold_meets(stem, &t.stem).then_some((t, prefix * FOLDED, false))
                }
            })
            .collect()
    }

    /// BM25 of a posting, with the idf of the query word (from the docs
    /// it met over all its stems: a word's parts and longer stems must
    /// not outweigh the word itself by being rarer).
    fn bm25(&self, term: &Term, i: usize, idf: f64) -> f64 {
        let tf = match term.tfs[i] {
            0 => 0.5,
            -1 => 0.5 * PART,
            tf => tf as f64,
        };
        let len = self.len.get(term.docs[i] as usize).copied().unwrap_or(0.0);
        idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / self.avg_len))
    }

    /// Per doc, the best match of a query word over the stems it meets:
    /// (0 for the word as written or a form of its family, else 1; its
    /// score), the lower class first, then the higher score.
    fn word_scores(&self, stem: &str) -> BTreeMap<u32, (u32, f64)> {
        let mut out: BTreeMap<u32, (u32, f64)> = BTreeMap::new();
        let terms = self.matching(stem);
        let df = terms
            .iter()
            .flat_map(|(t, ..)| &t.docs)
            .collect::<BTreeSet<_>>()
            .len() as f64;
        let n = self.len.len() as f64;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        for (t, f, own) in terms {
            for (i, &d) in t.docs.iter().enumerate() {
                let class = u32::from(!own || t.tfs[i] < 0);
                let s = self.bm25(t, i, idf) * f;
                let e = out.entry(d).or_insert((class, s));
                if (class, -s) < (e.0, -e.1) {
                    *e = (class, s);
                }
            }
        }
        out
    }

    /// Docs where the phrase's words are at consecutive positions
    /// (`None` = a function word holding a place).
    fn phrase_docs(&self, phrase: &[Option<String>]) -> BTreeSet<u32> {
        let sets: Vec<(usize, BTreeMap<u32, BTreeSet<u32>>)> = phrase
            .iter()
            .enumerate()
            .filter_map(|(k, w)| w.as_ref().map(|w| (k, w)))
            .map(|(k, stem)| {
                let mut by_doc: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
                for (t, ..) in self.matching(stem) {
                    for (i, &d) in t.docs.iter().enumerate() {
                        by_doc.entry(d).or_default().extend(&t.pos[i]);
                    }
                }
                (k, by_doc)
            })
            .collect();
        let Some((k0, first)) = sets.first() else {
            return BTreeSet::new();
        };
        first
            .iter()
            .filter(|(d, starts)| {
                starts.iter().any(|&p| {
                    sets.iter().all(|(k, m)| {
                        let want = (p + *k as u32).checked_sub(*k0 as u32);
                        want.is_some_and(|w| m.get(d).is_some_and(|s| s.contains(&w)))
                    })
                })
            })
            .map(|(d, _)| *d)
            .collect()
    }

    /// The docs matching a query, best first (ties by doc id).
    pub fn search(&self, stem: impl Fn(&str) -> String, query: &str) -> Vec<u32> {
        let mut loose: Vec<String> = Vec::new();
        let mut phrases: Vec<Vec<Option<String>>> = Vec::new();
        for (i, part) in query.split('"').enumerate() {
            let ws = words(part)
                .into_iter()
                .map(|w| (!is_stop_word(&w)).then(|| stem(&w)));
            if i % 2 == 1 {
                phrases.push(ws.collect());
            } else {
                loose.extend(ws.flatten());
            }
        }
        let all: Vec<String> = loose
            .iter()
            .cloned()
            .chain(phrases.iter().flatten().flatten().cloned())
            .collect();
        if all.is_empty() {
            return Vec::new();
        }
        let mut scores: Option<BTreeMap<u32, (u32, f64)>> = None;
        for w in &all {
            let s = self.word_scores(w);
            scores = Some(match scores {
                None => s,
                Some(acc) => acc
                    .into_iter()
                    .filter_map(|(d, v)| s.get(&d).map(|x| (d, (v.0 + x.0, v.1 + x.1))))
                    .collect(),
            });
        }
        let mut scores = scores.unwrap_or_default();
        for p in &phrases {
            let ok = self.phrase_docs(p);
            scores.retain(|d, _| ok.contains(d));
        }
        // The fewest words met only inexactly first, then the score.
        let mut ranked: Vec<(u32, (u32, f64))> = scores.into_iter().collect();
        ranked.sort_by(|a, b| {
            (a.1 .0.cmp(&b.1 .0))
                .then(b.1 .1.total_cmp(&a.1 .1))
                .then(a.0.cmp(&b.0))
        });
        ranked.into_iter().map(|(d, _)| d).collect()
    }
}

/// Whether a query stem, with its a and o standing for å, ä and ö, is a
/// prefix of `stem` (the query's å, ä and ö stand only for themselves).
pub fn fold_meets(query: &str, stem: &str) -> bool {
    let mut s = stem.chars();
    query
        .chars()
        .all(|q| s.next().is_some_and(|c| c == q || fold_char(c) == q))
}

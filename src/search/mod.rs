//! Full-text search: arkiv's own index (format v2, `docs/search-format.md`),
//! built from the reports already in memory and read by `assets/sok.js`.
//!
//! `analyze` turns each report into its terms (Snowball stems, weighted
//! term frequencies, positions, the extra Swedish forms of `swedish.rs`),
//! in parallel; `postings` merges them into sorted, sharded posting lists;
//! `files` writes the result data, excerpt text, facets and the entry
//! file, compressed and content-hashed. `query` is the query semantics of
//! the format in Rust, for tests that search the written files.
//!
//! Only report pages are documents — their title, clinic, themes, summary
//! and body, never navigation or listing pages — and link-only entries by
//! their metadata.

pub mod analyze;
pub mod facets;
pub mod files;
pub mod lexicon;
pub mod postings;
pub mod query;
pub mod swedish;

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::config::Config;
use crate::model::SiteModel;

/// Timings of the search stage's phases, in seconds.
#[derive(Debug, Default, Clone)]
pub struct Phases {
    /// Reading the dictionary, with the scan for the archive's words
    /// beside it (a build) or alone (`serve`).
    pub lexicon: f64,
    pub analyse: f64,
    pub merge: f64,
    pub write: f64,
}

impl Phases {
    pub fn total(&self) -> f64 {
        self.lexicon + self.analyse + self.merge + self.write
    }

    /// "lexicon 71, analyse 573, merge 296, write 380 ms" (for logs).
    pub fn describe(&self) -> String {
        format!(
            "lexicon {:.0}, analyse {:.0}, merge {:.0}, write {:.0} ms",
            self.lexicon * 1e3,
            self.analyse * 1e3,
            self.merge * 1e3,
            self.write * 1e3
        )
    }
}

/// The files of the index, paths relative to the output root.
pub struct Bundle {
    pub files: Vec<(String, Vec<u8>)>,
    pub phases: Phases,
}

/// Builds the whole index of a model.
pub fn build_index(config: &Config, model: &SiteModel) -> Bundle {
    let mut phases = Phases::default();
    let t = Instant::now();
    let mut vocab = analyze::Vocab::default();
    let fields = all_fields(config, model);
    // The dictionary is read on one thread (it cannot be split) while the
    // other cores look for the archive's words.
    let (sv, new) = rayon::join(swedish::Expander::swedish, || {
        vocab.new_words(fields.par_iter())
    });
    phases.lexicon = t.elapsed().as_secs_f64();
    let t = Instant::now();
    vocab.add_words(&sv, new);
    // Freeing the dictionary's 150,000 entries is left to one thread too.
    let ((), docs) = rayon::join(
        || drop(sv),
        || analyze::analyse_all(&vocab, fields.par_iter()),
    );
    phases.analyse = t.elapsed().as_secs_f64();
    let refs: Vec<&analyze::DocTerms> = docs.iter().collect();
    let analysis = Analysis {
        fields: &fields,
        vocab: &vocab,
        docs: &refs,
        hashes: None,
    };
    write(config, model, &analysis, &files::Packer::default(), phases)
}

/// What is analysed of every report, in model order.
fn all_fields<'a>(config: &'a Config, model: &'a SiteModel) -> Vec<analyze::Fields<'a>> {
    (0..model.reports.len())
        .into_par_iter()
        .map(|i| {
            let clinic = model.clinics[model.report_clinic[i]].name.as_str();
            analyze::fields(config, &model.reports[i], clinic)
        })
        .collect()
}

/// Every report analysed: what [`write`] merges and writes.
pub struct Analysis<'a> {
    pub fields: &'a [analyze::Fields<'a>],
    pub vocab: &'a analyze::Vocab,
    pub docs: &'a [&'a analyze::DocTerms],
    /// Each report's fields hash, when the packer remembers (`serve`).
    pub hashes: Option<&'a [u64]>,
}

/// Merges analysed docs and writes every file of the index.
pub fn write(
    config: &Config,
    model: &SiteModel,
    a: &Analysis<'_>,
    packer: &files::Packer,
    mut phases: Phases,
) -> Bundle {
    let (fields, vocab, docs, hashes) = (a.fields, a.vocab, a.docs, a.hashes);
    let t = Instant::now();
    let shards = postings::shards(vocab, docs, packer);
    phases.merge = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let lens: Vec<u32> = docs.iter().map(|d| d.len).collect();
    // The facets (one file at the best level) and the terms' hash beside
    // the many small files, not after them.
    let ((meta, text), (facets, terms_hash)) = rayon::join(
        || {
            rayon::join(
                || files::group("meta", files::meta_chunks(config, model), packer),
                || files::text_group(fields, hashes, packer),
            )
        },
        || {
            let facets = packer.pack_facets(&facets::facets(config, model, &lens));
            let terms = files::group_hash(shards.iter().flat_map(|s| [&s.terms, &s.pos]));
            (facets, terms)
        },
    );
    let facets_name = format!("facets.{}.dfl", files::group_hash([&facets]));
    let docs_n = docs.len();
    let avg = if docs_n == 0 {
        0.0
    } else {
        lens.iter().map(|&l| f64::from(l)).sum::<f64>() / docs_n as f64
    };
    let mut entry = format!(
        "{{\"format\":\"arkiv-search\",\"version\":{},\"docs\":{docs_n},\"avg_len\":{avg:.1},\"meta_chunk\":{},\"text_chunk\":{},\"facets\":\"{facets_name}\",",
        files::VERSION,
        files::META_CHUNK,
        files::TEXT_CHUNK
    );
    let _ = write!(
        entry,
        "\"meta\":{{\"files\":{},\"hash\":\"{}\"}},\"text\":{{\"files\":{},\"hash\":\"{}\"}},\"terms\":{{\"files\":{},\"hash\":\"{terms_hash}\",\"first\":[",
        meta.1.len(),
        meta.0,
        text.1.len(),
        text.0,
        shards.len()
    );
    for (i, shard) in shards.iter().enumerate() {
        if i > 0 {
            entry.push(',');
        }
        files::push_json_str(&mut entry, &shard.first);
    }
    entry.push_str("]}}\n");
    let mut out = vec![
        (format!("{}entry.json", files::DIR), entry.into_bytes()),
        (format!("{}{facets_name}", files::DIR), facets),
    ];
    out.extend(meta.1);
    out.extend(text.1);
    let (terms, pos): (Vec<_>, Vec<_>) = shards.into_iter().map(|s| (s.terms, s.pos)).unzip();
    for (kind, list) in [("terms", terms), ("pos", pos)] {
        for (i, b) in list.into_iter().enumerate() {
            out.push((format!("{}{kind}-{i}.{terms_hash}.dfl", files::DIR), b));
        }
    }
    phases.write = t.elapsed().as_secs_f64();
    Bundle { files: out, phases }
}

/// The analyses of the last index, for `serve`: after an edit only the
/// reports whose analysed fields changed are analysed again (keyed by the
/// report's file and a hash of its fields), then the postings are merged
/// again and only the files whose JSON changed are compressed again.
#[derive(Default)]
pub struct Cache {
    sv: Option<swedish::Expander>,
    vocab: analyze::Vocab,
    docs: HashMap<String, (u64, Arc<analyze::DocTerms>)>,
    /// The compressed files of the last index, by their JSON.
    packer: Option<files::Packer>,
    /// Reports analysed by the last update (for tests and the log).
    pub analysed: usize,
}

impl Cache {
    /// The index of `model`, re-analysing only what changed.
    pub fn update(&mut self, config: &Config, model: &SiteModel) -> Bundle {
        let mut phases = Phases::default();
        let t = Instant::now();
        let sv = self.sv.get_or_insert_with(swedish::Expander::swedish);
        phases.lexicon = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let fields = all_fields(config, model);
        let hashes: Vec<u64> = fields.par_iter().map(fields_hash).collect();
        let stale: Vec<usize> = (0..model.reports.len())
            .filter(|&i| {
                self.docs
                    .get(&model.reports[i].file)
                    .is_none_or(|(h, _)| *h != hashes[i])
            })
            .collect();
        self.vocab.add(sv, stale.par_iter().map(|&i| &fields[i]));
        let vocab = &self.vocab;
        let analysed = analyze::analyse_all(vocab, stale.par_iter().map(|&i| &fields[i]));
        let fresh: Vec<(usize, analyze::DocTerms)> = stale.iter().copied().zip(analysed).collect();
        self.analysed = fresh.len();
        for (i, doc) in fresh {
            let file = model.reports[i].file.clone();
            self.docs.insert(file, (hashes[i], Arc::new(doc)));
        }
        // Reports that are gone leave the cache.
        let live: HashSet<&str> = model.reports.iter().map(|r| r.file.as_str()).collect();
        self.docs.retain(|f, _| live.contains(f.as_str()));
        phases.analyse = t.elapsed().as_secs_f64();
        let docs: Vec<Arc<analyze::DocTerms>> = model
            .reports
            .iter()
            .filter_map(|r| self.docs.get(&r.file).map(|(_, d)| Arc::clone(d)))
            .collect();
        let refs: Vec<&analyze::DocTerms> = docs.iter().map(|d| d.as_ref()).collect();
        let packer = self.packer.get_or_insert_with(files::Packer::remembering);
        let analysis = Analysis {
            fields: &fields,
            vocab: &self.vocab,
            docs: &refs,
            hashes: Some(&hashes),
        };
        let bundle = write(config, model, &analysis, packer, phases);
        packer.rotate();
        bundle
    }
}

/// A hash of everything analysed of a report.
fn fields_hash(f: &analyze::Fields<'_>) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let mut h = foldhash::quality::FixedState::with_seed(0).build_hasher();
    for p in &f.parts {
        (p.weight, p.positional, p.text).hash(&mut h);
    }
    h.finish()
}

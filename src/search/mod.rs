//! Full-text search: arkiv's own index (format v1, `docs/search-format.md`),
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
pub mod files;
pub mod lexicon;
pub mod postings;
pub mod query;
pub mod swedish;

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::config::Config;
use crate::diag::{Code, Diagnostic};
use crate::model::SiteModel;

/// Timings of the search stage's phases, in seconds.
#[derive(Debug, Default, Clone)]
pub struct Phases {
    pub lexicon: f64,
    pub analyse: f64,
    pub merge: f64,
    pub write: f64,
}

impl Phases {
    pub fn total(&self) -> f64 {
        self.lexicon + self.analyse + self.merge + self.write
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
    let sv = swedish::Expander::swedish();
    phases.lexicon = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut vocab = analyze::Vocab::default();
    let fields = |i: usize| {
        let clinic = model.clinics[model.report_clinic[i]].name.as_str();
        analyze::fields(config, &model.reports[i], clinic)
    };
    vocab.add(&sv, (0..model.reports.len()).into_par_iter().map(fields));
    drop(sv);
    let docs: Vec<analyze::DocTerms> = (0..model.reports.len())
        .into_par_iter()
        .map(|i| analyze::analyse(&vocab, &fields(i)))
        .collect();
    phases.analyse = t.elapsed().as_secs_f64();
    let refs: Vec<&analyze::DocTerms> = docs.iter().collect();
    write(config, model, &vocab, &refs, phases)
}

/// Merges analysed docs and writes every file of the index.
pub fn write(
    config: &Config,
    model: &SiteModel,
    vocab: &analyze::Vocab,
    docs: &[&analyze::DocTerms],
    mut phases: Phases,
) -> Bundle {
    let t = Instant::now();
    let shards = postings::shards(vocab, docs);
    phases.merge = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let lens: Vec<u32> = docs.iter().map(|d| d.len).collect();
    let ((meta, text), (terms, pos, firsts)) = rayon::join(
        || {
            rayon::join(
                || files::group("meta", files::meta_chunks(config, model)),
                || files::group("text", files::text_chunks(model)),
            )
        },
        || {
            let mut firsts = Vec::with_capacity(shards.len());
            let (mut t, mut p) = (Vec::new(), Vec::new());
            for (first, tj, pj) in shards {
                firsts.push(first);
                t.push(tj);
                p.push(pj);
            }
            let (t, p) = rayon::join(
                || {
                    t.into_par_iter()
                        .map(|j| files::deflate(j.as_bytes()))
                        .collect::<Vec<_>>()
                },
                || {
                    p.into_par_iter()
                        .map(|j| files::deflate(j.as_bytes()))
                        .collect::<Vec<_>>()
                },
            );
            (t, p, firsts)
        },
    );
    let facets = files::deflate(files::facets(config, model, &lens).as_bytes());
    let facets_name = format!("facets.{}.dfl", files::group_hash([&facets]));
    let mut all: Vec<&Vec<u8>> = Vec::new();
    for (a, b) in terms.iter().zip(&pos) {
        all.push(a);
        all.push(b);
    }
    let terms_hash = files::group_hash(all);
    let docs_n = docs.len();
    let avg = if docs_n == 0 {
        0.0
    } else {
        lens.iter().map(|&l| f64::from(l)).sum::<f64>() / docs_n as f64
    };
    let mut entry = format!(
        "{{\"format\":\"arkiv-search\",\"version\":1,\"docs\":{docs_n},\"avg_len\":{avg:.1},\"meta_chunk\":{},\"text_chunk\":{},\"facets\":\"{facets_name}\",",
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
        terms.len()
    );
    for (i, f) in firsts.iter().enumerate() {
        if i > 0 {
            entry.push(',');
        }
        files::push_json_str(&mut entry, f);
    }
    entry.push_str("]}}\n");
    let mut out = vec![
        (format!("{}entry.json", files::DIR), entry.into_bytes()),
        (format!("{}{facets_name}", files::DIR), facets),
    ];
    out.extend(meta.1);
    out.extend(text.1);
    for (kind, list) in [("terms", terms), ("pos", pos)] {
        for (i, b) in list.into_iter().enumerate() {
            out.push((format!("{}{kind}-{i}.{terms_hash}.dfl", files::DIR), b));
        }
    }
    phases.write = t.elapsed().as_secs_f64();
    Bundle { files: out, phases }
}

/// A search index in the making, on its own thread and its own rayon pool
/// (the global pool is busy rendering pages), while the pages render.
pub struct Indexer {
    handle: std::thread::JoinHandle<Bundle>,
}

impl Indexer {
    pub fn start(config: Arc<Config>, model: Arc<SiteModel>) -> Indexer {
        let handle = std::thread::spawn(move || match rayon::ThreadPoolBuilder::new().build() {
            Ok(pool) => pool.install(|| build_index(&config, &model)),
            Err(_) => build_index(&config, &model),
        });
        Indexer { handle }
    }

    /// Waits for the index.
    pub fn finish(self) -> Result<Bundle, Diagnostic> {
        self.handle.join().map_err(|_| {
            Diagnostic::file_error(
                Code::Search,
                files::DIR,
                "search index: the indexer stopped unexpectedly",
            )
        })
    }
}

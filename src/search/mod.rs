//! Full-text search, built from the reports already in memory.
//!
//! This module is the search backend's boundary: `records` turns the site
//! model into engine-neutral [`Record`]s (text, metadata, facet values), and
//! `engine.rs` is the only code that knows Pagefind. Replacing the engine
//! means writing another `engine.rs` that takes the same records and
//! returns the files to write under `/pagefind/` (see `docs/search.md`).
//!
//! Only report pages are indexed — their title, clinic, themes, summary and
//! body, never navigation or listing pages — and link-only entries by their
//! metadata. Every word also gets the extra Swedish forms of `swedish.rs`,
//! after a marker that the search page's script cuts off before it shows an
//! excerpt.

mod engine;
pub mod lexicon;
pub mod swedish;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::config::Config;
use crate::diag::{Code, Diagnostic};
use crate::model::SiteModel;
use crate::text::slugify;

/// Separates a record's own text from the extra forms (an invisible
/// separator, kept by Pagefind as a word of its own in the stored content).
pub const EXTRA_MARKER: &str = "\u{2063}";

/// The Pagefind filters and the facets (URL parameters of `/sok/`) each
/// holds, as `|`-separated parts of its values:
/// `tema` = `slug|Name`; `mottagning` = `slug|Name`;
/// `ar_status_region` = `2023|final|regionslug|Region` (år, status,
/// region: one value per report, a few dozen values in all).
pub const FILTERS: [(&str, &[&str]); 3] = [
    ("tema", &["tema"]),
    ("mottagning", &["mottagning"]),
    ("ar_status_region", &["ar", "status", "region"]),
];

/// One searchable report.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The page's path from the site root, with the base path: `/2023/x/`.
    pub url: String,
    /// The text to index: summary and body, then the marker and extra forms.
    pub content: String,
    /// Shown in results: title, clinic, year, themes, status, goals.
    /// (No sort keys: sorting by year uses the year facet, which saves the
    /// first search a sort index of every page.)
    pub meta: BTreeMap<String, String>,
    /// Facet values (see [`FILTERS`]): the search page shows the names and
    /// puts the slugs in the URL.
    pub filters: BTreeMap<String, Vec<String>>,
}

/// Timings of the search stage's phases, in seconds.
#[derive(Debug, Default, Clone)]
pub struct Phases {
    pub lexicon: f64,
    pub records: f64,
    pub add: f64,
    pub build: f64,
}

/// The files of the search bundle, paths relative to the output root.
pub struct Bundle {
    pub files: Vec<(String, Vec<u8>)>,
    pub phases: Phases,
}

/// A search index in the making, on its own thread: it turns the model into
/// records and adds them while the pages render, then waits for
/// [`Indexer::finish`] to build the index, so that Pagefind's build (its
/// most memory-hungry step) runs after the pages' memory is freed.
pub struct Indexer {
    go: std::sync::mpsc::Sender<()>,
    handle: std::thread::JoinHandle<Result<Bundle, Diagnostic>>,
}

impl Indexer {
    pub fn start(config: Arc<Config>, model: Arc<SiteModel>) -> Indexer {
        let (go, wait) = std::sync::mpsc::channel::<()>();
        let handle = std::thread::spawn(move || {
            let mut phases = Phases::default();
            let t = Instant::now();
            let expander = swedish::Expander::swedish();
            phases.lexicon = t.elapsed().as_secs_f64();
            let t = Instant::now();
            // Its own threads: the global pool is busy rendering pages,
            // and records queued behind them would delay the index.
            let records = match rayon::ThreadPoolBuilder::new().build() {
                Ok(pool) => pool.install(|| records(&config, &model, &expander)),
                Err(_) => records(&config, &model, &expander),
            };
            drop((expander, model));
            phases.records = t.elapsed().as_secs_f64();
            let mut engine = engine::Engine::new()?;
            let t = Instant::now();
            engine.add(records)?;
            phases.add = t.elapsed().as_secs_f64();
            // A closed channel (the build stopped) also ends the wait.
            let _ = wait.recv();
            let t = Instant::now();
            let files = engine.build()?;
            phases.build = t.elapsed().as_secs_f64();
            Ok(Bundle { files, phases })
        });
        Indexer { go, handle }
    }

    /// Lets the indexer build and returns the bundle.
    pub fn finish(self) -> Result<Bundle, Diagnostic> {
        let _ = self.go.send(());
        self.handle.join().unwrap_or_else(|_| {
            Err(Diagnostic::file_error(
                Code::Search,
                "pagefind/",
                "search index: the indexer stopped unexpectedly",
            ))
        })
    }
}

/// The records for every published report, in listing order.
pub fn records(config: &Config, model: &SiteModel, sv: &swedish::Expander) -> Vec<Record> {
    let lexicon = word_info(model, sv);
    let base = config.base_path();
    model
        .reports
        .par_iter()
        .enumerate()
        .map(|(i, r)| {
            let clinic = &model.clinics[model.report_clinic[i]];
            let topics: Vec<(&str, &str)> = r
                .topics
                .iter()
                .map(|&t| {
                    (
                        config.topics[t].slug.get_ref().as_str(),
                        config.topics[t].name.as_str(),
                    )
                })
                .collect();
            let mut meta = BTreeMap::new();
            meta.insert("title".to_string(), r.title.clone());
            meta.insert("mottagning".to_string(), clinic.name.clone());
            meta.insert("ar".to_string(), r.year.to_string());
            let names: Vec<&str> = topics.iter().map(|t| t.1).collect();
            meta.insert("teman".to_string(), names.join(", "));
            meta.insert("status".to_string(), r.status.label().to_string());
            // Drafts are indexed only in a preview (serve, build --drafts).
            if r.draft {
                meta.insert("utkast".to_string(), "Utkast".to_string());
            }
            let goals = crate::render::goals::report_headline(r);
            if !goals.is_empty() {
                meta.insert("mal".to_string(), goals);
            }
            // Five facets in three filters: every filter costs the first
            // search a list of all pages, so facets that have exactly one
            // value per report share one (see FILTERS).
            let mut filters: BTreeMap<String, Vec<String>> = BTreeMap::new();
            filters.insert(
                "tema".into(),
                topics.iter().map(|(s, n)| format!("{s}|{n}")).collect(),
            );
            let status = r.status.slug();
            let region = model.report_region[i]
                .as_deref()
                .map(|g| format!("|{}|{g}", slugify(g)))
                .unwrap_or_default();
            filters.insert(
                "ar_status_region".into(),
                vec![format!("{}|{status}{region}", r.year)],
            );
            filters.insert(
                "mottagning".into(),
                vec![format!("{}|{}", clinic.slug, clinic.name)],
            );

            // Link-only entries have no body: their summary (or title) is
            // what there is to find.
            let mut content = String::with_capacity(r.summary.len() + r.body_text.len() + 64);
            let (summary, body) = (r.summary.trim(), r.body_text.trim());
            if !summary.is_empty() && !body.contains(summary) {
                push_text(&mut content, summary);
                content.push('\n');
            }
            push_text(&mut content, body);
            if content.trim().is_empty() {
                push_text(&mut content, &r.title);
            }
            // Each extra form once per report, and only if no word of the
            // report already has a stem that starts with the form's stem.
            let mut own: Vec<&str> = Vec::new();
            let mut candidates: Vec<&(String, String)> = Vec::new();
            for w in words(&r.title)
                .chain(words(&r.summary))
                .chain(words(&r.body_text))
            {
                if let Some(info) = lexicon.get(w.as_ref()) {
                    own.push(&info.stem);
                    if !swedish::is_stop_word(&w) {
                        candidates.extend(info.extra.iter());
                    }
                }
            }
            own.sort_unstable();
            own.dedup();
            candidates.sort_unstable();
            candidates.dedup();
            let covered = |stem: &str| {
                let at = own.partition_point(|s| *s < stem);
                own.get(at).is_some_and(|s| s.starts_with(stem))
            };
            let extra: Vec<&str> = candidates
                .into_iter()
                .filter(|(stem, _)| !covered(stem))
                .map(|(_, form)| form.as_str())
                .collect();
            if !extra.is_empty() {
                content.push_str("\n___PAGEFIND_WEIGHT___0.5 ");
                content.push_str(EXTRA_MARKER);
                for f in extra {
                    content.push(' ');
                    content.push_str(f);
                }
                content.push_str(" ___END_PAGEFIND_WEIGHT___");
            }
            Record {
                url: format!("{base}{}", r.rel_url()),
                content,
                meta,
                filters,
            }
        })
        .collect()
}

/// Private-use offset of the function-word alphabet (see
/// `swedish::is_stop_word`).
pub const HIDDEN_OFFSET: u32 = 0xE000;

fn is_stop_word(token: &str) -> bool {
    let core = token.trim_matches(|c: char| !c.is_alphanumeric());
    !core.is_empty() && core.len() <= 8 && swedish::is_stop_word(&core.to_lowercase())
}

/// Appends text: function words in the hidden alphabet, and Pagefind's
/// in-band markers defused (a report's word that starts with `___` would
/// otherwise be read as an instruction).
fn push_text(out: &mut String, text: &str) {
    for (i, token) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let token = token.trim_start_matches('_');
        if is_stop_word(token) {
            out.extend(token.chars().map(|c| {
                char::from_u32(HIDDEN_OFFSET + c as u32)
                    .filter(|_| (c as u32) < 0x1000)
                    .unwrap_or(c)
            }));
        } else {
            out.push_str(token);
        }
    }
}

/// Lower-case words of a text, split at anything that is not a letter or
/// digit (borrowed when already lower case, as most words are).
fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
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

/// What the index needs to know of one distinct word of the archive.
struct WordInfo {
    /// Pagefind's stem of the word.
    stem: String,
    /// Extra forms to index, each with its stem: `(stem, form)`.
    extra: Vec<(String, String)>,
}

/// Stems and extra forms of every distinct word of the archive, computed
/// once per word and in parallel.
fn word_info(model: &SiteModel, sv: &swedish::Expander) -> HashMap<String, WordInfo> {
    let distinct: HashSet<String> = model
        .reports
        .par_iter()
        .fold(HashSet::new, |mut set, r| {
            for w in words(&r.title)
                .chain(words(&r.summary))
                .chain(words(&r.body_text))
            {
                if !set.contains(w.as_ref()) {
                    set.insert(w.into_owned());
                }
            }
            set
        })
        .reduce(HashSet::new, |mut a, b| {
            a.extend(b);
            a
        });
    distinct
        .into_par_iter()
        .map(|w| {
            let extra = sv
                .expand(&w)
                .into_iter()
                .map(|f| (sv.stem(&f).into_owned(), f))
                .collect();
            let info = WordInfo {
                stem: sv.stem(&w).into_owned(),
                extra,
            };
            (w, info)
        })
        .collect()
}

//! The pipeline, shared by `build`, `check` and `serve`: [`Sources`]
//! (config → theme → content) → [`Site::assemble`] (model → related →
//! templates → outputs) → [`Site::produce`] for each output. `build` writes
//! the outputs to a staging folder and swaps it in; `check` renders every
//! page in memory; `serve` produces an output when it is requested. Each
//! stage is named and timed (`--verbose` prints them).

mod assemble;
mod resize;
mod sources;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

pub use assemble::{Related, Site};
pub use sources::Sources;

use crate::content::Report;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::output::{self, Outputs, Producer, Staging};

/// What a run should do.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    /// Where to write; `None` for `check` (write nothing).
    pub output: Option<PathBuf>,
    pub strict: bool,
    pub verbose: bool,
    /// Build the search index (`build` without `--no-search`).
    pub search: bool,
    /// A preview that lists drafts, marked (`build --drafts`).
    pub drafts: bool,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    /// Warnings silenced by `[[warnings.allow]]` (not in `diagnostics`).
    pub silenced: usize,
    pub pages: usize,
    pub reports: usize,
    pub drafts: usize,
    pub files: usize,
    /// Stage names and their durations in seconds.
    pub timings: Vec<(&'static str, f64)>,
    /// Each published file from `content/` that cleaning changes, with
    /// what it removes, in Swedish (`arkiv status`, `build --verbose`).
    pub cleaned: Vec<(String, String)>,
}

impl Outcome {
    pub fn failed(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Times the stages of a run; prints each with `--verbose`.
pub struct Timer {
    verbose: bool,
    last: Instant,
    timings: Vec<(&'static str, f64)>,
}

impl Timer {
    pub fn new(verbose: bool) -> Timer {
        Timer {
            verbose,
            last: Instant::now(),
            timings: Vec::new(),
        }
    }

    pub fn stage(&mut self, name: &'static str) {
        self.stage_with(name, "");
    }

    /// Ends a stage, with a detail after its time (and the peak memory).
    pub fn stage_with(&mut self, name: &'static str, detail: &str) {
        let now = Instant::now();
        let secs = now.duration_since(self.last).as_secs_f64();
        self.last = now;
        if self.verbose {
            let peak = peak_memory_mib().map(|m| format!("peak {m} MiB"));
            let note = match (detail, peak) {
                ("", Some(p)) => format!("  ({p})"),
                ("", None) => String::new(),
                (d, Some(p)) => format!("  ({d}, {p})"),
                (d, None) => format!("  ({d})"),
            };
            eprintln!("  {name:<12} {:>8.1} ms{note}", secs * 1000.0);
        }
        self.timings.push((name, secs));
    }
}

/// Peak resident memory so far (Linux), for `--verbose`.
pub(crate) fn peak_memory_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

/// Runs `check` (no output) or `build` (with output).
pub fn run(opts: &Options) -> Outcome {
    run_keeping(opts, &mut Vec::new())
}

/// [`run`], keeping the drafts that loaded (`arkiv status` lists them with
/// their TODOs).
pub fn run_keeping(opts: &Options, drafts: &mut Vec<Arc<Report>>) -> Outcome {
    let diags = Diagnostics::new();
    let mut timer = Timer::new(opts.verbose);
    let mut outcome = Outcome::default();
    if let Err(ds) = run_stages(opts, &diags, &mut timer, &mut outcome, drafts) {
        diags.extend(ds);
    }
    if opts.strict {
        diags.promote_warnings();
    }
    outcome.diagnostics = diags.sorted();
    outcome.timings = timer.timings;
    outcome
}

fn run_stages(
    opts: &Options,
    diags: &Diagnostics,
    timer: &mut Timer,
    outcome: &mut Outcome,
    drafts: &mut Vec<Arc<Report>>,
) -> Result<(), Vec<Diagnostic>> {
    if let Some(out) = &opts.output {
        output::check_target(&opts.root, out).map_err(|d| vec![d])?;
    }
    let sources = Sources::load(&opts.root, timer);
    drafts.extend(sources.reports().into_iter().filter(|r| r.draft));
    let (site, mut found) = Site::assemble(&sources, Related::Compute, opts.drafts, timer);
    outcome.silenced = sources.silence(&mut found);
    drop(sources);
    diags.extend(found);
    // Content errors stop here: no half-checked site is rendered.
    let strict_fail = opts.strict && !diags.sorted().is_empty();
    let Some(site) = site.filter(|_| !diags.has_errors() && !strict_fail) else {
        return Ok(());
    };
    outcome.reports = site.model.reports.len();
    outcome.drafts = site.model.drafts;
    outcome.cleaned = cleaned(&site);
    if opts.verbose {
        for (file, removed) in &outcome.cleaned {
            eprintln!("  rensad       {file}: {removed}");
        }
    }
    let list = site.outputs().as_slice();
    let Some(out) = &opts.output else {
        // `check`: render every page in memory so template errors surface too.
        let errors: Vec<Diagnostic> = list
            .par_iter()
            .filter(|o| matches!(o.producer, Producer::Page(_)))
            .filter_map(|o| site.produce(o).err())
            .collect();
        diags.extend(errors);
        timer.stage("render");
        return Ok(());
    };
    let staging = Staging::new(out).map_err(|d| vec![d])?;
    diags.extend(write_all(&site, site.outputs(), &staging));
    outcome.pages = site.outputs().pages().count();
    outcome.files = list.len() - outcome.pages;
    timer.stage("render+data");
    // The search index after the pages, with every core: rendering keeps
    // both cores of a small machine busy, so overlapping the two gained
    // nothing and made the index's phases impossible to measure.
    if opts.search {
        let bundle = crate::search::build_index(&site.config, &site.model);
        let detail = format!("{}, {} files", bundle.phases.describe(), bundle.files.len());
        let files: Outputs = bundle.files.into_iter().collect();
        diags.extend(write_ready(&files, &staging));
        outcome.files += files.len();
        timer.stage_with("search", &detail);
    }
    drop(site);
    if diags.has_errors() {
        return Ok(()); // `staging` is removed on drop
    }
    staging.commit().map_err(|d| vec![d])?;
    timer.stage("commit");
    Ok(())
}

/// What cleaning removes from each file the site publishes (attachments
/// and body pictures), in Swedish for the editor: "2 kommentarer, 1
/// spårad ändring". Files it leaves as they were are not listed.
fn cleaned(site: &Site) -> Vec<(String, String)> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for r in &site.model.reports {
        let attachments = r.attachments.iter().filter_map(|a| match a {
            crate::content::Attachment::File { source, .. } => Some(source),
            crate::content::Attachment::Url { .. } => None,
        });
        for source in attachments.chain(r.pictures.iter().map(|p| &p.source)) {
            let Ok(done) = site.store.clean_file(source) else {
                continue;
            };
            if !done.removed.is_empty() && seen.insert(source) {
                let file = crate::content::rel_path(&site.root, source);
                out.push((file, done.removed.to_string()));
            }
        }
    }
    out.sort();
    out
}

/// Produces every output of `list` into the staging folder, in parallel.
/// A file from `content/` is written as its cleaned copy. The open-data
/// files come first, so that the data page can say how large each is.
pub fn write_all(site: &Site, list: &Outputs, staging: &Staging) -> Vec<Diagnostic> {
    let data: Vec<_> = (list.as_slice().iter())
        .filter_map(|o| match o.producer {
            Producer::Data(file) => Some((o, file)),
            _ => None,
        })
        .collect();
    let mut diags: Vec<Diagnostic> = data
        .par_iter()
        .filter_map(|(o, file)| staging.write_with(&o.path, |w| site.stream(*file, w)).err())
        .collect();
    let sizes = crate::output::DataFile::ALL.map(|f| {
        (data.iter().find(|(_, d)| *d == f))
            .and_then(|(o, _)| staging.size(&o.path))
            .unwrap_or(0)
    });
    let _ = site.renderer.data_sizes.set(sizes.to_vec());
    let rest: Vec<Diagnostic> = list
        .as_slice()
        .par_iter()
        .filter_map(|o| match &o.producer {
            Producer::Attachment(source) => site
                .cleaned(source)
                .and_then(|bytes| staging.write(&o.path, &bytes))
                .err(),
            Producer::Data(_) => None,
            _ => site
                .produce(o)
                .and_then(|bytes| staging.write(&o.path, &bytes))
                .err(),
        })
        .collect();
    diags.extend(rest);
    diags
}

/// Writes a list of ready-made files (the search index), which needs no
/// site to produce them.
fn write_ready(list: &Outputs, staging: &Staging) -> Vec<Diagnostic> {
    list.as_slice()
        .par_iter()
        .filter_map(|o| match &o.producer {
            Producer::Bytes(bytes) => staging.write(&o.path, bytes).err(),
            _ => Some(Diagnostic::file_error(
                Code::Output,
                &o.path,
                "not a ready-made file",
            )),
        })
        .collect()
}

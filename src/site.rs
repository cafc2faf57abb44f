//! The build pipeline: config → theme → content → site model → templates →
//! pages → output, each a named, timed stage (`--verbose` prints them).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{self, Attachment};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{self, SiteModel};
use crate::output::{self, Staging};
use crate::render::theme::Theme;
use crate::render::Renderer;

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
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub pages: usize,
    pub reports: usize,
    pub drafts: usize,
    pub files: usize,
    /// Stage names and their durations in seconds.
    pub timings: Vec<(&'static str, f64)>,
}

impl Outcome {
    pub fn failed(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

struct Timer {
    verbose: bool,
    last: Instant,
    timings: Vec<(&'static str, f64)>,
}

impl Timer {
    fn stage(&mut self, name: &'static str) {
        let now = Instant::now();
        let secs = now.duration_since(self.last).as_secs_f64();
        self.last = now;
        if self.verbose {
            match peak_memory_mib() {
                Some(mib) => eprintln!("  {name:<12} {:>8.1} ms  (peak {mib} MiB)", secs * 1000.0),
                None => eprintln!("  {name:<12} {:>8.1} ms", secs * 1000.0),
            }
        }
        self.timings.push((name, secs));
    }

    /// Records a duration measured elsewhere (work that overlapped other
    /// stages), without moving the stage clock.
    fn note(&mut self, name: &'static str, secs: f64, detail: &str) {
        if self.verbose {
            eprintln!("  {name:<12} {:>8.1} ms  ({detail})", secs * 1000.0);
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

/// A loaded site: configuration, theme and the validated model.
pub struct Site {
    pub root: PathBuf,
    pub config: Arc<Config>,
    pub theme: Arc<Theme>,
    pub model: Arc<SiteModel>,
}

/// Runs `check` (no output) or `build` (with output).
pub fn run(opts: &Options) -> Outcome {
    let diags = Diagnostics::new();
    let mut timer = Timer {
        verbose: opts.verbose,
        last: Instant::now(),
        timings: Vec::new(),
    };
    let mut outcome = Outcome::default();
    let result = run_stages(opts, &diags, &mut timer, &mut outcome);
    if let Err(ds) = result {
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
) -> Result<(), Vec<Diagnostic>> {
    let root = opts.root.as_path();
    if let Some(out) = &opts.output {
        output::check_target(root, out).map_err(|d| vec![d])?;
    }
    let config = Config::load(root)?;
    timer.stage("config");
    let theme = Theme::load(root, &config.theme);
    timer.stage("theme");
    let loaded = content::load(root, &config);
    diags.extend(loaded.diagnostics);
    timer.stage("content");
    let reports = loaded.reports.into_iter().map(Arc::new).collect();
    let (mut model, model_diags) = model::build(&config, reports);
    diags.extend(model_diags);
    timer.stage("model");
    model.related = crate::related::related(&model.reports, &model.report_clinic);
    timer.stage("related");
    let theme = theme?;
    let site = Site {
        root: root.to_path_buf(),
        config: Arc::new(config),
        theme: Arc::new(theme),
        model: Arc::new(model),
    };
    outcome.reports = site.model.reports.len();
    outcome.drafts = site.model.drafts;
    let renderer = Renderer::new(
        Arc::clone(&site.theme),
        Arc::clone(&site.config),
        Arc::clone(&site.model),
    )?;
    timer.stage("templates");
    let (redirects, redirect_diags) =
        output::redirects::plan(&site.config, &site.model, &site_files(&site, &renderer));
    diags.extend(redirect_diags);
    // Content errors stop here: no half-checked site is rendered.
    let strict_fail = opts.strict && !diags.sorted().is_empty();
    if diags.has_errors() || strict_fail {
        return Ok(());
    }

    match &opts.output {
        None => {
            // `check`: render every page in memory so template errors surface too.
            let errors = renderer.render_all(|_, _| Ok(()));
            diags.extend(errors);
            timer.stage("render");
        }
        Some(out) => {
            let staging = Staging::new(out).map_err(|d| vec![d])?;
            // The search index is built on its own thread (Pagefind runs on
            // a Tokio runtime): it takes its records while the pages render.
            let indexer = opts.search.then(|| {
                crate::search::Indexer::start(Arc::clone(&site.config), Arc::clone(&site.model))
            });
            // Pages, copied files and the data files/feeds are independent:
            // let rayon overlap them.
            let (errors, (copy_errors, extra)) = rayon::join(
                || renderer.render_all(|path, bytes| staging.write(path, bytes)),
                || {
                    let mut copied = 0;
                    let errs = copy_files(&site, &staging, &mut copied);
                    (errs, extra_files(&site, &renderer).map(|f| (f, copied)))
                },
            );
            outcome.pages = crate::render::Page::all(&site.model).len();
            diags.extend(errors);
            diags.extend(copy_errors);
            match extra {
                Ok((files, copied)) => {
                    outcome.files = copied;
                    for (path, bytes) in files {
                        if let Err(d) = staging.write(&path, &bytes) {
                            diags.push(d);
                        }
                        outcome.files += 1;
                    }
                }
                Err(d) => diags.push(d),
            }
            for r in &redirects {
                let html = output::redirects::html(&site.config, &r.to);
                if let Err(d) = staging.write(&r.file, html.as_bytes()) {
                    diags.push(d);
                }
            }
            outcome.files += redirects.len();
            timer.stage("render+data");
            // Free the pages' model before Pagefind builds its index, the
            // build's most memory-hungry step.
            drop(renderer);
            drop(site);
            if let Some(indexer) = indexer {
                match indexer.finish() {
                    Ok(bundle) => {
                        let p = &bundle.phases;
                        let detail = format!(
                            "lexicon {:.0}, records {:.0}, add {:.0} ms overlapped with rendering; build {:.0} ms",
                            p.lexicon * 1e3,
                            p.records * 1e3,
                            p.add * 1e3,
                            p.build * 1e3
                        );
                        timer.note("search", p.lexicon + p.records + p.add + p.build, &detail);
                        for (path, bytes) in &bundle.files {
                            if let Err(d) = staging.write(path, bytes) {
                                diags.push(d);
                            }
                        }
                        outcome.files += bundle.files.len();
                    }
                    Err(d) => diags.push(d),
                }
                timer.stage("search-wait");
            }
            if diags.has_errors() {
                return Ok(()); // `staging` is removed on drop
            }
            staging.commit().map_err(|d| vec![d])?;
            timer.stage("commit");
        }
    }
    Ok(())
}

// The files `extra_files` writes besides the per-topic feeds.
const DATA_JSON: &str = "data/rapporter.json";
const DATA_CSV: &str = "data/indikatorer.csv";
const DATA_XLSX: &str = "data/indikatorer.xlsx";
const ATOM: &str = "atom.xml";
const SITEMAP: &str = "sitemap.xml";
const ROBOTS: &str = "robots.txt";

/// Every file a build writes apart from redirects and attachments: pages,
/// data files, feeds, the theme's static files. Redirects may neither
/// replace one nor point anywhere else inside the site.
pub(crate) fn site_files(site: &Site, renderer: &Renderer) -> std::collections::HashSet<String> {
    let mut files: std::collections::HashSet<String> = crate::render::Page::all(&site.model)
        .into_iter()
        .map(|p| renderer.path(p))
        .collect();
    for f in [DATA_JSON, DATA_CSV, DATA_XLSX, ATOM, SITEMAP, ROBOTS] {
        files.insert(f.to_string());
    }
    for g in &site.model.topics {
        let slug = site.config.topics[g.topic].slug.get_ref();
        files.insert(format!("tema/{slug}/atom.xml"));
    }
    files.extend(site.theme.statics.keys().cloned());
    files
}

/// Open data, feeds, sitemap and robots.txt.
pub(crate) fn extra_files(
    site: &Site,
    renderer: &Renderer,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    use crate::output::{data, feeds};
    let (config, model) = (&site.config, &site.model);
    let rows = data::indicator_rows(config, model);
    let newest_year = model.reports.first().map_or(2000, |r| r.year);
    // The three data files are independent: write them in parallel.
    let (json, (csv, xlsx)) = rayon::join(
        || data::reports_json(config, model),
        || {
            rayon::join(
                || data::indicators_csv(&rows),
                || data::indicators_xlsx(&rows, newest_year),
            )
        },
    );
    let xlsx = xlsx.map_err(|e| {
        Diagnostic::error(DATA_XLSX, 1, 1, format!("cannot write the workbook: {e}"))
    })?;
    let mut files = vec![
        (DATA_JSON.to_string(), json),
        (DATA_CSV.to_string(), csv),
        (DATA_XLSX.to_string(), xlsx),
    ];
    let all: Vec<usize> = (0..model.reports.len()).collect();
    files.push((
        ATOM.to_string(),
        feeds::atom(config, model, &all, &config.title, ATOM, "").into_bytes(),
    ));
    for g in &model.topics {
        let t = &config.topics[g.topic];
        let slug = t.slug.get_ref();
        let title = format!("{} – {}", t.name, config.title);
        let feed = feeds::atom(
            config,
            model,
            &g.reports,
            &title,
            &format!("tema/{slug}/atom.xml"),
            &format!("tema/{slug}/"),
        );
        files.push((format!("tema/{slug}/atom.xml"), feed.into_bytes()));
    }
    let pages: Vec<String> = crate::render::Page::all(model)
        .into_iter()
        .map(|p| renderer.path(p))
        .collect();
    files.push((
        SITEMAP.to_string(),
        feeds::sitemap(config, &pages).into_bytes(),
    ));
    files.push((ROBOTS.to_string(), feeds::robots(config).into_bytes()));
    Ok(files)
}

/// Copies the theme's static files and every report's attachments.
fn copy_files(site: &Site, staging: &Staging, count: &mut usize) -> Vec<Diagnostic> {
    let mut errors: Vec<Diagnostic> = site
        .theme
        .statics
        .par_iter()
        .filter_map(|(rel, f)| staging.write(rel, &f.bytes).err())
        .collect();
    let jobs: Vec<(String, &Path)> = site
        .model
        .reports
        .iter()
        .flat_map(|r| {
            r.attachments.iter().filter_map(move |a| match a {
                Attachment::File { name, source, .. } => {
                    Some((format!("{}{}", r.rel_url(), name), source.as_path()))
                }
                Attachment::Url { .. } => None,
            })
        })
        .collect();
    errors.extend(
        jobs.par_iter()
            .filter_map(|(rel, src)| staging.copy(rel, src).err())
            .collect::<Vec<_>>(),
    );
    *count = site.theme.statics.len() + jobs.len();
    errors
}

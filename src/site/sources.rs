//! The loaded sources of a site: configuration, theme and one parsed report
//! per content file, each with its diagnostics.
//!
//! `build` loads them once; `serve` keeps them between edits and reloads
//! only what an edit touched ([`Sources::update`]): one report, or the
//! reports beside a changed attachment, or everything when `site.toml` or
//! the theme changed. Either way the next step is the same
//! [`Site::assemble`](super::Site::assemble).
//!
//! `serve` also loads the pending updates of `arkiv import` (`.arkiv/`,
//! see `crate::state`): its preview shows each in place of the report it
//! will replace ([`Sources::reports_for`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::Timer;
use crate::config::{Config, CONFIG_FILE};
use crate::content::{self, Report};
use crate::diag::Diagnostic;
use crate::render::theme::Theme;

/// What a changed path means for the sources.
const THEME_DIRS: [&str; 3] = ["themes", "templates", "static"];

/// One report file: loaded by `content`, then checked against its goal
/// statuses by `indicators` (which `content` does not import).
fn load(ctx: &content::Context, path: &Path) -> Loaded {
    let content::Loaded {
        report,
        failed,
        mut diags,
    } = content::load_entry(ctx, path);
    if let Some(r) = &report {
        diags.extend(crate::indicators::check(r));
    }
    ((report.map(Arc::new), diags), failed)
}

/// A report file's report (when it loaded) and diagnostics; and, when it
/// failed, its identity for the checks across reports.
type Loaded = (
    (Option<Arc<Report>>, Vec<Diagnostic>),
    Option<content::Identity>,
);

/// Configuration, theme and reports as read from disk.
#[derive(Clone, Default)]
pub struct Sources {
    pub root: PathBuf,
    pub config: Option<Arc<Config>>,
    pub theme: Option<Arc<Theme>>,
    /// Problems of the configuration, the theme and the content walk.
    global: Vec<Diagnostic>,
    /// Every report file: its report (when it loaded) and its diagnostics.
    files: BTreeMap<PathBuf, (Option<Arc<Report>>, Vec<Diagnostic>)>,
    /// The files that failed but whose identity could be read.
    failed: BTreeMap<PathBuf, content::Identity>,
    /// The privacy guard's findings in `.arkiv/`.
    state: Vec<Diagnostic>,
    /// Load pending updates (`serve`): by the live file each replaces,
    /// the pending report (when it loaded) and its diagnostics.
    with_pending: bool,
    pending: BTreeMap<PathBuf, (Option<Arc<Report>>, Vec<Diagnostic>)>,
    /// The cleaned copies of the files the reports publish, kept between
    /// reloads (by content hash: an edit cleans only what it changed).
    pub store: Arc<crate::clean::Store>,
}

impl Sources {
    /// Nothing loaded yet: the first [`Sources::update`] loads everything.
    pub fn empty(root: &Path) -> Sources {
        Sources {
            root: root.to_path_buf(),
            store: Arc::new(crate::clean::Store::for_site(root)),
            ..Sources::default()
        }
    }

    /// Nothing loaded yet, and pending updates to be loaded for a preview.
    pub fn with_pending(root: &Path) -> Sources {
        Sources {
            with_pending: true,
            ..Sources::empty(root)
        }
    }

    /// Loads everything: configuration, theme, every report in parallel.
    pub fn load(root: &Path, timer: &mut Timer) -> Sources {
        let mut sources = Sources::empty(root);
        sources.load_all(timer);
        sources
    }

    fn load_all(&mut self, timer: &mut Timer) {
        self.global.clear();
        self.files.clear();
        self.failed.clear();
        self.config = None;
        self.theme = None;
        let config = match Config::load(&self.root) {
            Ok(c) => Arc::new(c),
            Err(d) => {
                self.global.extend(d);
                return;
            }
        };
        self.global.extend(config.warnings());
        self.config = Some(Arc::clone(&config));
        timer.stage("config");
        match Theme::load(&self.root, &config.theme) {
            Ok(t) => self.theme = Some(Arc::new(t)),
            Err(d) => self.global.extend(d),
        }
        timer.stage("theme");
        let (paths, walk) = content::find_report_files(&self.root);
        self.global.extend(walk);
        let root = self.root.clone();
        let ctx = content::Context::with_store(&root, &config, Arc::clone(&self.store));
        self.load_state(&ctx);
        let loaded: Vec<_> = paths.par_iter().map(|p| load(&ctx, p)).collect();
        for (path, loaded) in paths.into_iter().zip(loaded) {
            self.insert(path, loaded);
        }
        self.forget_unused();
        timer.stage("content");
    }

    /// Lets the store forget the copies of files no report publishes now
    /// (attachments and body pictures).
    fn forget_unused(&self) {
        let reports = self.reports();
        let used: Vec<&Path> = reports
            .iter()
            .flat_map(|r| &r.attachments)
            .filter_map(|a| match a {
                content::Attachment::File { source, .. } => Some(source.as_path()),
                content::Attachment::Url { .. } => None,
            })
            .chain(
                reports
                    .iter()
                    .flat_map(|r| r.pictures.iter().map(|p| p.source.as_path())),
            )
            .collect();
        self.store.retain(&used);
    }

    /// `.arkiv/`: the privacy guard over it, and the pending updates.
    fn load_state(&mut self, ctx: &content::Context) {
        self.state = content::state_privacy(ctx);
        self.pending.clear();
        if !self.with_pending {
            return;
        }
        for p in crate::state::State::of(&self.root).pending_updates() {
            let dir = p.live.parent().unwrap_or(&self.root).to_path_buf();
            let (report, mut diags) = content::load_pending(ctx, &p.file, &dir);
            if let Some(r) = &report {
                diags.extend(crate::indicators::check(r));
            }
            self.pending.insert(p.live, (report.map(Arc::new), diags));
        }
    }

    /// Applies a burst of changed paths (`None`: everything); returns
    /// whether everything was reloaded.
    pub fn update(&mut self, changed: Option<&[PathBuf]>, timer: &mut Timer) -> bool {
        let config = match (&self.config, changed) {
            (Some(c), Some(paths)) if !paths.iter().any(|p| self.touches_all(p)) => Arc::clone(c),
            _ => {
                self.load_all(timer);
                return true;
            }
        };
        let root = self.root.clone();
        let ctx = content::Context::with_store(&root, &config, Arc::clone(&self.store));
        let state_dir = self.root.join(crate::state::DIR);
        if changed
            .unwrap_or_default()
            .iter()
            .any(|p| p.starts_with(&state_dir))
        {
            self.load_state(&ctx);
        }
        for path in changed
            .unwrap_or_default()
            .iter()
            .filter(|p| !p.starts_with(&state_dir))
        {
            for p in self.affected(path) {
                if p.is_file() {
                    let loaded = load(&ctx, &p);
                    self.insert(p, loaded);
                } else {
                    self.files.remove(&p);
                    self.failed.remove(&p);
                }
            }
        }
        self.forget_unused();
        timer.stage("content");
        false
    }

    fn insert(&mut self, path: PathBuf, (loaded, failed): Loaded) {
        match failed {
            Some(identity) => self.failed.insert(path.clone(), identity),
            None => self.failed.remove(&path),
        };
        self.files.insert(path, loaded);
    }

    /// The identities of the files that failed (see `content::identity`).
    pub fn failed(&self) -> Vec<content::Identity> {
        self.failed.values().cloned().collect()
    }

    /// A change to `site.toml` or the theme affects every page.
    fn touches_all(&self, path: &Path) -> bool {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        rel == Path::new(CONFIG_FILE) || THEME_DIRS.iter().any(|d| rel.starts_with(d))
    }

    /// The report files a changed path affects: the report itself, or the
    /// reports of its folder (an attachment changed).
    fn affected(&self, path: &Path) -> Vec<PathBuf> {
        if path.extension().is_some_and(|x| x == "md") {
            return vec![path.to_path_buf()];
        }
        let dir = path.parent().unwrap_or(path);
        self.files
            .keys()
            .filter(|p| p.parent() == Some(dir))
            .cloned()
            .collect()
    }

    /// Every diagnostic of loading, in no particular order (a pending
    /// update's are its own: [`Sources::pending_diagnostics`]).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all = self.global.clone();
        all.extend(self.state.iter().cloned());
        for (_, d) in self.files.values() {
            all.extend(d.iter().cloned());
        }
        all
    }

    /// Removes the warnings `[[warnings.allow]]` silences; returns how many.
    pub fn silence(&self, diags: &mut Vec<Diagnostic>) -> usize {
        let Some(config) = &self.config else {
            return 0;
        };
        let before = diags.len();
        diags.retain(|d| !config.warnings.silences(d));
        before - diags.len()
    }

    /// The reports that loaded, in file order.
    pub fn reports(&self) -> Vec<Arc<Report>> {
        self.reports_for(false)
    }

    /// The reports, and in a preview each pending update that loaded in
    /// place of the report it will replace.
    pub fn reports_for(&self, preview: bool) -> Vec<Arc<Report>> {
        self.files
            .iter()
            .filter_map(|(path, (r, _))| match self.pending.get(path) {
                Some((Some(p), _)) if preview => Some(Arc::clone(p)),
                _ => r.clone(),
            })
            .collect()
    }

    /// The diagnostics of the pending updates (`/_redaktion/` lists them;
    /// they do not stop the preview, which then shows the live report).
    pub fn pending_diagnostics(&self) -> Vec<Diagnostic> {
        self.pending
            .values()
            .flat_map(|(_, d)| d.iter().cloned())
            .collect()
    }
}

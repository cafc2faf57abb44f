//! `arkiv serve`: the site from memory, rebuilt on every change.
//!
//! Nothing is written to disk. The server keeps the loaded site (config,
//! theme, one parsed report per file) and a snapshot to serve: the model,
//! a renderer, and maps from URL to page, attachment and redirect. Pages
//! are rendered when they are asked for, so an edit costs: parse the saved
//! file, rebuild the model (sort, clinics, topics: ~25 ms at 10,000
//! reports), make a renderer (~20 ms), and the pages that are then fetched.
//! Related reports, data files and the search index follow after a quiet
//! second. A broken edit keeps the last good site and shows the diagnostics
//! as an overlay until it is fixed. Open tabs reload through server-sent
//! events (the script is injected only here).

mod http;
mod watch;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex, OnceLock, RwLock};
use std::time::{Duration, Instant};

use crate::config::{Config, CONFIG_FILE};
use crate::content::{self, Attachment, Report};
use crate::diag::{self, Diagnostic};
use crate::model::{self, SiteModel};
use crate::output::redirects;
use crate::render::theme::Theme;
use crate::render::{Page, Renderer};
use crate::site::Site;

/// Where to serve.
pub struct Options {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
}

/// A built site, ready to answer requests.
pub struct Live {
    pub renderer: Renderer,
    pub site: Site,
    /// Output path (`2023/x/index.html`) → page.
    pub pages: HashMap<String, Page>,
    /// Output path → attachment file beside its report.
    pub attachments: HashMap<String, PathBuf>,
    /// Output path → redirect target.
    pub redirects: HashMap<String, String>,
    /// Data files, feeds, sitemap: made on first request.
    pub extra: OnceLock<HashMap<String, Vec<u8>>>,
}

/// What is served now.
pub struct Snapshot {
    pub version: u64,
    /// The last site that built without errors.
    pub live: Option<Arc<Live>>,
    /// Diagnostics of the latest rebuild (errors keep the last good site).
    pub diagnostics: Vec<Diagnostic>,
}

impl Snapshot {
    pub fn errors(&self) -> Vec<&Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error()).collect()
    }
}

/// The loaded sources, kept between rebuilds.
#[derive(Default, Clone)]
struct Sources {
    config: Option<Arc<Config>>,
    theme: Option<Arc<Theme>>,
    global: Vec<Diagnostic>,
    files: BTreeMap<PathBuf, (Option<Arc<Report>>, Vec<Diagnostic>)>,
    /// Related reports by file, from the last full computation.
    related: HashMap<String, Vec<String>>,
}

pub struct Server {
    root: PathBuf,
    sources: Mutex<Sources>,
    current: RwLock<Arc<Snapshot>>,
    listeners: Mutex<Vec<mpsc::Sender<u64>>>,
    /// Bumped by every rebuild; background work for an older one is dropped.
    generation: AtomicU64,
    /// The last search bundle (`pagefind/…` → bytes).
    search: RwLock<Arc<HashMap<String, Vec<u8>>>>,
}

/// Runs the server until the process is stopped.
pub fn run(opts: Options) -> std::process::ExitCode {
    let server = Arc::new(Server::new(&opts.root));
    // Watch first: once the port answers, no edit can be missed.
    let _watcher = match watch::start(Arc::clone(&server)) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("cannot watch {}: {e}", opts.root.display());
            return std::process::ExitCode::from(1);
        }
    };
    server.rebuild(None);
    let addr = format!("{}:{}", opts.bind, opts.port);
    let http = match tiny_http::Server::http(&addr) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("cannot listen on {addr}: {e}");
            return std::process::ExitCode::from(1);
        }
    };
    println!(
        "serving {} at http://{addr}/ (rebuilds on change; Ctrl+C stops)",
        opts.root.display()
    );
    for request in http.incoming_requests() {
        let server = Arc::clone(&server);
        std::thread::spawn(move || http::handle(&server, request));
    }
    std::process::ExitCode::SUCCESS
}

impl Server {
    fn new(root: &Path) -> Server {
        Server {
            root: root.to_path_buf(),
            sources: Mutex::new(Sources::default()),
            current: RwLock::new(Arc::new(Snapshot {
                version: 0,
                live: None,
                diagnostics: Vec::new(),
            })),
            listeners: Mutex::new(Vec::new()),
            generation: AtomicU64::new(0),
            search: RwLock::new(Arc::new(HashMap::new())),
        }
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.current.read().unwrap_or_else(|e| e.into_inner()))
    }

    pub fn search_files(&self) -> Arc<HashMap<String, Vec<u8>>> {
        Arc::clone(&self.search.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// A channel that receives the version of every new snapshot.
    pub fn subscribe(&self) -> mpsc::Receiver<u64> {
        let (tx, rx) = mpsc::channel();
        self.listeners
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(tx);
        rx
    }

    /// Rebuilds after `changed` paths (`None`: everything).
    pub fn rebuild(self: &Arc<Self>, changed: Option<Vec<PathBuf>>) {
        let started = Instant::now();
        let mut src = self.sources.lock().unwrap_or_else(|e| e.into_inner());
        let full = src.config.is_none()
            || changed.as_ref().is_none_or(|paths| {
                paths.iter().any(|p| {
                    let rel = p.strip_prefix(&self.root).unwrap_or(p);
                    rel == Path::new(CONFIG_FILE)
                        || ["themes", "templates", "static"]
                            .iter()
                            .any(|d| rel.starts_with(d))
                })
            });
        if full {
            self.load_all(&mut src);
        } else if let (Some(paths), Some(config)) = (changed, src.config.clone()) {
            let ctx = content::Context::new(&self.root, &config);
            for path in paths {
                self.reload_path(&mut src, &ctx, &path);
            }
        }
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let (live, mut diags) = self.assemble(&src, false);
        drop(src);
        diags.sort_by_cached_key(|d| d.to_string());
        let errors = diags.iter().filter(|d| d.is_error()).count();
        let live = live.or_else(|| self.snapshot().live.clone());
        let version = self.publish(live, diags.clone());
        diag::print(&diags, false);
        println!(
            "{} version {version} in {} ms{}",
            if full { "loaded" } else { "rebuilt" },
            started.elapsed().as_millis(),
            if errors > 0 {
                " (errors: showing the last good version)"
            } else {
                ""
            }
        );
        if errors == 0 {
            self.follow_up(generation);
        }
    }

    fn load_all(&self, src: &mut Sources) {
        src.global.clear();
        src.files.clear();
        match Config::load(&self.root) {
            Ok(c) => src.config = Some(Arc::new(c)),
            Err(d) => {
                src.global.extend(d);
                return;
            }
        }
        let config = src.config.clone().expect("just loaded");
        match Theme::load(&self.root, &config.theme) {
            Ok(t) => src.theme = Some(Arc::new(t)),
            Err(d) => src.global.extend(d),
        }
        let (paths, walk) = content::find_report_files(&self.root);
        src.global.extend(walk);
        let ctx = content::Context::new(&self.root, &config);
        use rayon::prelude::*;
        let loaded: Vec<_> = paths
            .par_iter()
            .map(|p| (p.clone(), content::load_file(&ctx, p)))
            .collect();
        for (p, (report, diags)) in loaded {
            src.files.insert(p, (report.map(Arc::new), diags));
        }
    }

    /// Re-reads what a changed path affects: the report itself, or the
    /// reports of its folder (an attachment changed).
    fn reload_path(&self, src: &mut Sources, ctx: &content::Context, path: &Path) {
        let is_md = path.extension().is_some_and(|x| x == "md");
        let targets: Vec<PathBuf> = if is_md {
            vec![path.to_path_buf()]
        } else {
            let dir = path.parent().unwrap_or(path);
            src.files
                .keys()
                .filter(|p| p.parent() == Some(dir))
                .cloned()
                .collect()
        };
        for p in targets {
            if p.is_file() {
                let (report, diags) = content::load_file(ctx, &p);
                src.files.insert(p, (report.map(Arc::new), diags));
            } else {
                src.files.remove(&p);
            }
        }
    }

    /// Builds a servable site from the sources; `None` when it has errors.
    fn assemble(&self, src: &Sources, fresh_related: bool) -> (Option<Arc<Live>>, Vec<Diagnostic>) {
        let mut diags = src.global.clone();
        for (_, d) in src.files.values() {
            diags.extend(d.iter().cloned());
        }
        let (Some(config), Some(theme)) = (src.config.clone(), src.theme.clone()) else {
            return (None, diags);
        };
        let reports: Vec<Arc<Report>> = src.files.values().filter_map(|(r, _)| r.clone()).collect();
        let (mut model, model_diags) = model::build(&config, reports);
        diags.extend(model_diags);
        if diags.iter().any(Diagnostic::is_error) {
            return (None, diags);
        }
        model.related = if fresh_related {
            crate::related::related(&model.reports, &model.report_clinic)
        } else {
            remap_related(&model, &src.related)
        };
        let site = Site {
            root: self.root.clone(),
            config,
            theme,
            model: Arc::new(model),
        };
        let renderer = match Renderer::new(
            Arc::clone(&site.theme),
            Arc::clone(&site.config),
            Arc::clone(&site.model),
        ) {
            Ok(r) => r,
            Err(d) => {
                diags.extend(d);
                return (None, diags);
            }
        };
        let files = crate::site::site_files(&site, &renderer);
        let (planned, redirect_diags) = redirects::plan(&site.config, &site.model, &files);
        diags.extend(redirect_diags);
        if diags.iter().any(Diagnostic::is_error) {
            return (None, diags);
        }
        let pages = Page::all(&site.model)
            .into_iter()
            .map(|p| (renderer.path(p), p))
            .collect();
        let mut attachments = HashMap::new();
        for r in &site.model.reports {
            for a in &r.attachments {
                if let Attachment::File { name, source, .. } = a {
                    attachments.insert(format!("{}{name}", r.rel_url()), source.clone());
                }
            }
        }
        let redirects = planned.into_iter().map(|r| (r.file, r.to)).collect();
        let live = Live {
            renderer,
            site,
            pages,
            attachments,
            redirects,
            extra: OnceLock::new(),
        };
        (Some(Arc::new(live)), diags)
    }

    fn publish(&self, live: Option<Arc<Live>>, diagnostics: Vec<Diagnostic>) -> u64 {
        let mut cur = self.current.write().unwrap_or_else(|e| e.into_inner());
        let version = cur.version + 1;
        *cur = Arc::new(Snapshot {
            version,
            live,
            diagnostics,
        });
        drop(cur);
        let mut listeners = self.listeners.lock().unwrap_or_else(|e| e.into_inner());
        listeners.retain(|tx| tx.send(version).is_ok());
        version
    }

    /// After a quiet second: related reports for the whole archive, then the
    /// search index, unless another edit came first.
    fn follow_up(self: &Arc<Self>, generation: u64) {
        let server = Arc::clone(self);
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(1000));
            if server.generation.load(Ordering::SeqCst) != generation {
                return;
            }
            // A copy of the sources (shared reports), so that edits are not
            // held up while related reports are computed.
            let src = {
                let s = server.sources.lock().unwrap_or_else(|e| e.into_inner());
                Sources {
                    config: s.config.clone(),
                    theme: s.theme.clone(),
                    global: s.global.clone(),
                    files: s.files.clone(),
                    related: HashMap::new(),
                }
            };
            if server.generation.load(Ordering::SeqCst) != generation {
                return;
            }
            let (live, diags) = server.assemble(&src, true);
            let Some(live) = live else { return };
            let model = &live.site.model;
            let related: HashMap<String, Vec<String>> = model
                .reports
                .iter()
                .zip(&model.related)
                .map(|(r, rel)| {
                    let files = rel.iter().map(|&j| model.reports[j].file.clone()).collect();
                    (r.file.clone(), files)
                })
                .collect();
            drop(src);
            if let Ok(mut s) = server.sources.lock() {
                s.related = related;
            }
            if server.generation.load(Ordering::SeqCst) != generation {
                return;
            }
            let (config, model) = (Arc::clone(&live.site.config), Arc::clone(&live.site.model));
            server.publish(Some(live), diags);
            let bundle = crate::search::Indexer::start(config, model).finish();
            if server.generation.load(Ordering::SeqCst) != generation {
                return;
            }
            match bundle {
                Ok(b) => {
                    let files = b.files.into_iter().collect();
                    *server.search.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(files);
                    println!(
                        "search index updated ({:.1} s)",
                        b.phases.add + b.phases.build + b.phases.records
                    );
                }
                Err(d) => eprintln!("{d}"),
            }
        });
    }
}

/// Related reports from the last full computation, by file, for a new model.
fn remap_related(model: &SiteModel, by_file: &HashMap<String, Vec<String>>) -> Vec<Vec<usize>> {
    let index: HashMap<&str, usize> = model
        .reports
        .iter()
        .enumerate()
        .map(|(i, r)| (r.file.as_str(), i))
        .collect();
    model
        .reports
        .iter()
        .map(|r| {
            by_file
                .get(&r.file)
                .map(|files| {
                    files
                        .iter()
                        .filter_map(|f| index.get(f.as_str()).copied())
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect()
}

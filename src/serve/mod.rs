//! `arkiv serve`: the site from memory, rebuilt on every change.
//!
//! Nothing is written to disk, and there is no pipeline here: the server
//! keeps the [`Sources`] and the last [`Site`] assembled from them, the
//! same assembly `build` uses, and answers a request by producing the one
//! output it names. An edit reloads what it touched ([`Sources::update`])
//! and assembles again with the related reports of the last full
//! computation (model ~25 ms and renderer ~20 ms at 10,000 reports), then
//! renders only the pages that are fetched. The search index (only the
//! edited reports analysed again) and related reports follow after a quiet
//! second. A broken edit keeps the last good
//! site and shows the diagnostics as an overlay until it is fixed. Open
//! tabs reload through server-sent events (the script is injected only
//! here).
//!
//! The preview holds unpublished work: drafts, the pending updates of
//! `arkiv import` (each shown in place of the report it will replace) and
//! `/_redaktion/` (`redaktion.rs`, what `arkiv status` lists). They are
//! shown to clients on this computer only; others get the site as `build`
//! publishes it, unless `serve` was started with `--drafts` ([`Audience`]).

mod http;
mod redaktion;
mod watch;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use crate::diag::{self, Diagnostic};
use crate::output::Outputs;
use crate::site::{Related, Site, Sources, Timer};

/// Where to serve.
pub struct Options {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    /// Drafts, pending updates and `/_redaktion/` for every client, not
    /// only for this computer.
    pub drafts: bool,
}

/// Who sees the unpublished preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Bound to a loopback address: every client is this computer.
    Local,
    /// `--drafts` on another address: every client sees the preview.
    Everyone,
    /// Another address without `--drafts`: this computer sees the preview,
    /// other clients the published site.
    Split,
}

impl Audience {
    pub fn of(bind: &str, drafts: bool) -> Audience {
        let loopback = bind == "localhost"
            || bind
                .trim_matches(['[', ']'])
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback());
        match (loopback, drafts) {
            (true, _) => Audience::Local,
            (false, true) => Audience::Everyone,
            (false, false) => Audience::Split,
        }
    }
}

/// What is served now.
pub struct Snapshot {
    pub version: u64,
    /// The last site that built without errors: the preview, with drafts
    /// and pending updates.
    pub live: Option<Arc<Site>>,
    /// The published site, for other clients ([`Audience::Split`] only).
    pub public: Option<Arc<Site>>,
    /// Diagnostics of the latest rebuild (errors keep the last good site).
    pub diagnostics: Vec<Diagnostic>,
    /// Diagnostics of the pending updates (listed on `/_redaktion/`).
    pub pending: Vec<Diagnostic>,
}

impl Snapshot {
    pub fn errors(&self) -> Vec<&Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error()).collect()
    }
}

pub struct Server {
    root: PathBuf,
    audience: Audience,
    sources: Mutex<Sources>,
    /// Related reports by file, from the last full computation.
    related: Mutex<HashMap<String, Vec<String>>>,
    current: RwLock<Arc<Snapshot>>,
    listeners: Mutex<Vec<mpsc::Sender<u64>>>,
    /// Bumped by every rebuild; background work for an older one is dropped.
    generation: AtomicU64,
    /// The search index: the files of the last one and of the one before
    /// (the preview's, and the published site's for other clients).
    search: RwLock<SearchFiles>,
    public_search: RwLock<SearchFiles>,
    /// Each report's analysis for the search index, so that an edit
    /// re-analyses only the reports it changed.
    search_cache: Mutex<crate::search::Cache>,
    public_search_cache: Mutex<crate::search::Cache>,
}

/// The files of serve's search index. A search that read the entry file
/// just before an update fetches that index's shards after it: the files
/// of the one before stay served until the next update (their names are
/// content-hashed, so the two never clash; `entry.json` is the current
/// one's).
#[derive(Default)]
struct SearchFiles {
    current: Arc<Outputs>,
    previous: Arc<Outputs>,
}

/// Runs the server until the process is stopped.
pub fn run(opts: Options) -> std::process::ExitCode {
    let audience = Audience::of(&opts.bind, opts.drafts);
    let server = Arc::new(Server::new(&opts.root, audience));
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
    match audience {
        Audience::Local => {}
        Audience::Everyone => println!(
            "drafts, pending updates and {} are shown to every client that reaches {addr} (--drafts)",
            redaktion::PATH
        ),
        Audience::Split => println!(
            "drafts, pending updates and {} are shown only to this computer; other clients see the published site (--drafts shows them to all)",
            redaktion::PATH
        ),
    }
    for request in http.incoming_requests() {
        let server = Arc::clone(&server);
        std::thread::spawn(move || http::handle(&server, request));
    }
    std::process::ExitCode::SUCCESS
}

impl Server {
    fn new(root: &Path, audience: Audience) -> Server {
        Server {
            root: root.to_path_buf(),
            audience,
            sources: Mutex::new(Sources::with_pending(root)),
            related: Mutex::new(HashMap::new()),
            current: RwLock::new(Arc::new(Snapshot {
                version: 0,
                live: None,
                public: None,
                diagnostics: Vec::new(),
                pending: Vec::new(),
            })),
            listeners: Mutex::new(Vec::new()),
            generation: AtomicU64::new(0),
            search: RwLock::new(SearchFiles::default()),
            public_search: RwLock::new(SearchFiles::default()),
            search_cache: Mutex::new(crate::search::Cache::default()),
            public_search_cache: Mutex::new(crate::search::Cache::default()),
        }
    }

    /// Whether a client sees the preview (drafts, pending updates,
    /// `/_redaktion/`): this computer, or everyone with `--drafts`.
    pub fn shows_preview(&self, client: Option<std::net::SocketAddr>) -> bool {
        self.audience != Audience::Split || client.is_some_and(|a| a.ip().is_loopback())
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.current.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// The number of files of the current search index.
    pub fn search_files(&self) -> usize {
        self.search
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .current
            .len()
    }

    /// A file of the current search index, or of the one before it (the
    /// preview's, or the published site's).
    pub fn search_file(&self, file: &str, preview: bool) -> Option<crate::output::Output> {
        let index = if preview {
            &self.search
        } else {
            &self.public_search
        };
        let s = index.read().unwrap_or_else(|e| e.into_inner());
        s.current
            .get(file)
            .or_else(|| s.previous.get(file))
            .cloned()
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
        let mut timer = Timer::new(false);
        let mut src = self.sources.lock().unwrap_or_else(|e| e.into_inner());
        let full = src.update(changed.as_deref(), &mut timer);
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let (live, public, mut diags) = {
            let related = self.related.lock().unwrap_or_else(|e| e.into_inner());
            let (live, diags) = Site::assemble(&src, Related::Reuse(&related), true, &mut timer);
            let public = (self.audience == Audience::Split)
                .then(|| Site::assemble(&src, Related::Reuse(&related), false, &mut timer).0)
                .flatten();
            (live, public, diags)
        };
        let silenced = src.silence(&mut diags);
        let pending = src.pending_diagnostics();
        drop(src);
        diags.sort_by_cached_key(|d| d.to_string());
        let errors = diags.iter().filter(|d| d.is_error()).count();
        let last = self.snapshot();
        let live = live.map(Arc::new).or_else(|| last.live.clone());
        let public = public.map(Arc::new).or_else(|| last.public.clone());
        let version = self.publish(live, public, diags.clone(), pending);
        diag::print(
            &diags,
            diag::Printed {
                silenced,
                ..Default::default()
            },
        );
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

    fn publish(
        &self,
        live: Option<Arc<Site>>,
        public: Option<Arc<Site>>,
        diagnostics: Vec<Diagnostic>,
        pending: Vec<Diagnostic>,
    ) -> u64 {
        let mut cur = self.current.write().unwrap_or_else(|e| e.into_inner());
        let version = cur.version + 1;
        *cur = Arc::new(Snapshot {
            version,
            live,
            public,
            diagnostics,
            pending,
        });
        drop(cur);
        let mut listeners = self.listeners.lock().unwrap_or_else(|e| e.into_inner());
        listeners.retain(|tx| tx.send(version).is_ok());
        version
    }

    /// After a quiet second: the search index (incremental), then related
    /// reports for the whole archive, unless another edit came first.
    fn follow_up(self: &Arc<Self>, generation: u64) {
        let server = Arc::clone(self);
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(1000));
            if server.generation.load(Ordering::SeqCst) != generation {
                return;
            }
            // The search index first, from the site just published (its
            // model has the edit): only the changed reports are analysed.
            let snap = server.snapshot();
            let indexes = [
                (snap.live.clone(), &server.search_cache, &server.search),
                (
                    snap.public.clone(),
                    &server.public_search_cache,
                    &server.public_search,
                ),
            ];
            for (site, cache, files) in indexes {
                let Some(site) = site else { continue };
                let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
                let b = cache.update(&site.config, &site.model);
                if server.generation.load(Ordering::SeqCst) != generation {
                    return;
                }
                let new: Outputs = b.files.into_iter().collect();
                let mut search = files.write().unwrap_or_else(|e| e.into_inner());
                let previous = std::mem::replace(&mut search.current, Arc::new(new));
                search.previous = previous;
                drop(search);
                println!(
                    "search index updated ({:.0} ms, {} reports analysed; {})",
                    b.phases.total() * 1e3,
                    cache.analysed,
                    b.phases.describe()
                );
            }
            // A copy of the sources (shared reports), so that edits are not
            // held up while related reports are computed.
            let src = server
                .sources
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone();
            if server.generation.load(Ordering::SeqCst) != generation {
                return;
            }
            let (live, mut diags) =
                Site::assemble(&src, Related::Compute, true, &mut Timer::new(false));
            let Some(live) = live else { return };
            let related = live.related_by_file();
            let public = (server.audience == Audience::Split)
                .then(|| {
                    Site::assemble(
                        &src,
                        Related::Reuse(&related),
                        false,
                        &mut Timer::new(false),
                    )
                    .0
                })
                .flatten();
            src.silence(&mut diags);
            diags.sort_by_cached_key(|d| d.to_string());
            let pending = src.pending_diagnostics();
            drop(src);
            *server.related.lock().unwrap_or_else(|e| e.into_inner()) = related;
            if server.generation.load(Ordering::SeqCst) != generation {
                return;
            }
            let public = public
                .map(Arc::new)
                .or_else(|| server.snapshot().public.clone());
            server.publish(Some(Arc::new(live)), public, diags, pending);
        });
    }
}

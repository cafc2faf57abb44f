//! Watches the site's sources and rebuilds after a burst of changes.

use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use super::Server;

/// How long a burst of events may pause before the rebuild starts (an
/// editor's save is often several events: write, rename, chmod).
const QUIET: Duration = Duration::from_millis(20);

/// The folders watched below the root (`.arkiv/`: pending updates).
const DIRS: [&str; 5] = [
    "content",
    "themes",
    "templates",
    "static",
    crate::state::DIR,
];

/// Starts watching `site.toml`, `content/`, `themes/`, `templates/`,
/// `static/` and `.arkiv/` (also once it is made); keep the returned
/// watcher alive.
pub fn start(server: Arc<Server>) -> std::io::Result<Arc<Mutex<notify::RecommendedWatcher>>> {
    let err = |e: notify::Error| std::io::Error::other(e.to_string());
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx).map_err(err)?;
    // Events carry absolute paths; the server knows files by `root/…`.
    let root = server.root.canonicalize()?;
    let served_root = server.root.clone();
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(err)?;
    let mut watched = Vec::new();
    for dir in DIRS {
        let d = root.join(dir);
        if d.is_dir() {
            watcher.watch(&d, RecursiveMode::Recursive).map_err(err)?;
            watched.push(d);
        }
    }
    let watcher = Arc::new(Mutex::new(watcher));
    let keep = Arc::clone(&watcher);
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let mut paths: Vec<PathBuf> = Vec::new();
            collect(first, &mut paths);
            while let Ok(more) = rx.recv_timeout(QUIET) {
                collect(more, &mut paths);
            }
            // A folder made since (`.arkiv/` at the first pending update).
            for dir in DIRS.map(|d| root.join(d)) {
                if !watched.contains(&dir) && dir.is_dir() {
                    let mut w = watcher.lock().unwrap_or_else(|e| e.into_inner());
                    if w.watch(&dir, RecursiveMode::Recursive).is_ok() {
                        watched.push(dir);
                    }
                }
            }
            paths.retain(|p| relevant(&root, p));
            let mut paths: Vec<PathBuf> = paths
                .iter()
                .filter_map(|p| p.strip_prefix(&root).ok())
                .map(|rel| served_root.join(rel))
                .collect();
            paths.sort();
            paths.dedup();
            if !paths.is_empty() {
                server.rebuild(Some(paths));
            }
        }
    });
    Ok(keep)
}

fn collect(event: notify::Result<notify::Event>, paths: &mut Vec<PathBuf>) {
    if let Ok(e) = event {
        if !matches!(e.kind, notify::EventKind::Access(_)) {
            paths.extend(e.paths);
        }
    }
}

/// Sources only: not the output, not hidden or editor temporary files.
fn relevant(root: &std::path::Path, path: &std::path::Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    // The cleaned copies arkiv itself keeps (`.arkiv/cache/`): writing them
    // is a result of a rebuild, never a reason for one.
    if rel.starts_with(crate::clean::cache::DIR) {
        return false;
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
    {
        return false;
    }
    match rel.components().next() {
        Some(first) => {
            let first = first.as_os_str();
            rel == std::path::Path::new(crate::config::CONFIG_FILE)
                || DIRS.iter().any(|d| first == *d)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::relevant;
    use std::path::Path;

    #[test]
    fn the_cleaned_copies_cache_never_triggers_a_rebuild() {
        let root = Path::new("/site");
        assert!(relevant(root, Path::new("/site/content/2023/kry.md")));
        assert!(!relevant(
            root,
            Path::new("/site/.arkiv/cache/clean/v1/ab/abcdef.docx")
        ));
    }
}

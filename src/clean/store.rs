//! The cleaned copies of a site's files, by content hash (SHA-256 of the
//! source): a build cleans each file once, while loading its report (in
//! parallel, one report per task), and writes the copy it made; `serve`
//! keeps the store between edits, so that an edit cleans only the files it
//! changed. A file is found again by path, size and modification time
//! without being read.
//!
//! Copies are held in memory up to [`HOLD_LIMIT`] bytes in all; past that
//! a copy is made again when it is written, from a source whose hash must
//! still be the one the privacy guard read (else the build stops: the
//! file changed while it ran). Every file published from `content/` goes
//! through [`Store::bytes`], so nothing leaves uncleaned.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

use sha2::{Digest, Sha256};

use super::{clean, CleanError, Hidden, Kind, Removed};

/// The most bytes of cleaned copies held in memory.
pub const HOLD_LIMIT: u64 = 512 << 20;

type Hash = [u8; 32];

/// What identifies a file on disk without reading it: size and
/// modification time, and the hash its content had then.
type Stamp = (u64, Option<SystemTime>, Hash);

/// A file cleaned: what the guard and the editor need, and the copy
/// itself while it is held.
#[derive(Debug)]
pub struct Done {
    pub hash: Hash,
    pub kind: Kind,
    /// The size of the cleaned copy.
    pub size: u64,
    pub removed: Removed,
    pub hidden: Vec<Hidden>,
    pub text: Option<String>,
    bytes: Option<Arc<Vec<u8>>>,
}

/// Why a file has no cleaned copy.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    #[error("cannot read it: {0}")]
    Read(String),
    #[error("{} files are not published", .0)]
    Kind(String),
    #[error(transparent)]
    Clean(#[from] CleanError),
    #[error("it changed while the site was built; build again")]
    Changed,
}

type Slot = Arc<OnceLock<Result<Arc<Done>, CleanError>>>;

/// The cleaned copies, by content hash; see the module's documentation.
#[derive(Debug, Default)]
pub struct Store {
    by_path: Mutex<HashMap<PathBuf, Stamp>>,
    by_hash: Mutex<HashMap<Hash, Slot>>,
    held: AtomicU64,
    /// [`HOLD_LIMIT`], smaller in tests.
    limit: Option<u64>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn hash(bytes: &[u8]) -> Hash {
    Sha256::digest(bytes).into()
}

impl Store {
    pub fn new() -> Store {
        Store::default()
    }

    /// A store that holds at most `limit` bytes of copies.
    pub fn with_limit(limit: u64) -> Store {
        Store {
            limit: Some(limit),
            ..Store::default()
        }
    }

    fn stamp(path: &Path) -> Result<(u64, Option<SystemTime>), StoreError> {
        let meta = std::fs::metadata(path).map_err(|e| StoreError::Read(e.to_string()))?;
        Ok((meta.len(), meta.modified().ok()))
    }

    /// The slot of a file already seen, unchanged since.
    fn known(&self, path: &Path) -> Option<Slot> {
        let (len, time) = Self::stamp(path).ok()?;
        let (l, t, h) = *lock(&self.by_path).get(path)?;
        if l != len || t != time || time.is_none() {
            return None;
        }
        lock(&self.by_hash).get(&h).cloned()
    }

    /// Cleans the file at `path` (or finds its copy): what was removed,
    /// its text, and the copy while it is held.
    pub fn clean_file(&self, path: &Path) -> Result<Arc<Done>, StoreError> {
        let kind = Kind::of_path(path).ok_or_else(|| {
            let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
            StoreError::Kind(ext.map_or("Extensionless".into(), |e| format!(".{e}")))
        })?;
        if let Some(slot) = self.known(path) {
            if let Some(done) = slot.get() {
                return done.clone().map_err(StoreError::from);
            }
        }
        let stamp = Self::stamp(path)?;
        if stamp.0 > super::FILE_LIMIT {
            return Err(CleanError::TooLarge(format!(
                "{} MiB, more than {} MiB",
                stamp.0 >> 20,
                super::FILE_LIMIT >> 20
            ))
            .into());
        }
        let bytes = std::fs::read(path).map_err(|e| StoreError::Read(e.to_string()))?;
        let h = hash(&bytes);
        lock(&self.by_path).insert(path.to_path_buf(), (stamp.0, stamp.1, h));
        let slot = lock(&self.by_hash).entry(h).or_default().clone();
        let done = slot.get_or_init(|| {
            let c = clean(kind, &bytes)?;
            let size = c.bytes.len() as u64;
            let limit = self.limit.unwrap_or(HOLD_LIMIT);
            let hold = self.held.fetch_add(size, Ordering::Relaxed) + size <= limit;
            if !hold {
                self.held.fetch_sub(size, Ordering::Relaxed);
            }
            Ok(Arc::new(Done {
                hash: h,
                kind,
                size,
                removed: c.removed,
                hidden: c.hidden,
                text: c.text,
                bytes: hold.then(|| Arc::new(c.bytes)),
            }))
        });
        done.clone().map_err(StoreError::from)
    }

    /// The cleaned copy of the file at `path`, to publish. A file the
    /// privacy guard read gives the copy it read, and must not have changed
    /// since (else [`StoreError::Changed`]: nothing unchecked is
    /// published); a copy no longer held is made again. A file never seen
    /// (a picture nothing reads text from) is cleaned now.
    pub fn bytes(&self, path: &Path) -> Result<Arc<Vec<u8>>, StoreError> {
        let recorded = lock(&self.by_path).get(path).map(|s| s.2);
        let Some(recorded) = recorded else {
            return self.held_or_again(path, self.clean_file(path)?);
        };
        if let Some(slot) = self.known(path) {
            if let Some(Ok(done)) = slot.get() {
                if let Some(b) = &done.bytes {
                    return Ok(Arc::clone(b));
                }
            }
        }
        let bytes = std::fs::read(path).map_err(|e| StoreError::Read(e.to_string()))?;
        if hash(&bytes) != recorded {
            return Err(StoreError::Changed);
        }
        let slot = lock(&self.by_hash).get(&recorded).cloned();
        match slot.as_ref().and_then(|s| s.get()) {
            Some(done) => {
                let done = done.clone()?;
                match &done.bytes {
                    Some(b) => Ok(Arc::clone(b)),
                    None => Ok(Arc::new(clean(done.kind, &bytes)?.bytes)),
                }
            }
            None => self.held_or_again(path, self.clean_file(path)?),
        }
    }

    /// A done file's copy: held, or made again from the unchanged source.
    fn held_or_again(&self, path: &Path, done: Arc<Done>) -> Result<Arc<Vec<u8>>, StoreError> {
        if let Some(b) = &done.bytes {
            return Ok(Arc::clone(b));
        }
        let bytes = std::fs::read(path).map_err(|e| StoreError::Read(e.to_string()))?;
        if hash(&bytes) != done.hash {
            return Err(StoreError::Changed);
        }
        Ok(Arc::new(clean(done.kind, &bytes)?.bytes))
    }

    /// Forgets the copies of files no longer in `paths` (serve, after an
    /// edit), so that a long session does not hold every version.
    pub fn retain(&self, paths: &[&Path]) {
        let keep: std::collections::HashSet<&Path> = paths.iter().copied().collect();
        let mut by_path = lock(&self.by_path);
        by_path.retain(|p, _| keep.contains(p.as_path()));
        let live: std::collections::HashSet<Hash> = by_path.values().map(|v| v.2).collect();
        drop(by_path);
        lock(&self.by_hash).retain(|h, slot| {
            let keep = live.contains(h);
            if !keep {
                if let Some(Ok(d)) = slot.get() {
                    if d.bytes.is_some() {
                        self.held.fetch_sub(d.size, Ordering::Relaxed);
                    }
                }
            }
            keep
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_cleaned_once_by_content_and_checked_when_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
        std::fs::write(&a, "samma text").unwrap();
        std::fs::write(&b, "samma text").unwrap();
        let store = Store::new();
        let first = store.clean_file(&a).unwrap();
        assert!(
            Arc::ptr_eq(&first, &store.clean_file(&a).unwrap()),
            "found again by path"
        );
        assert!(
            Arc::ptr_eq(&first, &store.clean_file(&b).unwrap()),
            "found again by content"
        );
        assert_eq!(store.bytes(&a).unwrap().as_slice(), b"samma text");
        // Changed after the guard read it: not published until read again.
        std::fs::write(&a, "ny text, längre").unwrap();
        assert!(matches!(store.bytes(&a), Err(StoreError::Changed)));
        store.clean_file(&a).unwrap();
        assert_eq!(
            store.bytes(&a).unwrap().as_slice(),
            "ny text, längre".as_bytes()
        );
        store.retain(&[b.as_path()]);
        assert_eq!(lock(&store.by_hash).len(), 1);
        assert!(
            matches!(store.clean_file(&dir.path().join("x.html")), Err(StoreError::Kind(k)) if k == ".html")
        );

        // Past the limit, a copy is made again when written, from a source
        // that must still be the one checked.
        let small = Store::with_limit(4);
        let done = small.clean_file(&b).unwrap();
        assert!(done.bytes.is_none());
        assert_eq!(small.bytes(&b).unwrap().as_slice(), b"samma text");
        let c = dir.path().join("c.txt");
        std::fs::write(&c, "första").unwrap();
        small.clean_file(&c).unwrap();
        // Same size and a forged time: the stamp matches, the content not.
        let t = std::fs::metadata(&c).unwrap().modified().unwrap();
        std::fs::write(&c, "andra!!").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&c)
            .unwrap()
            .set_modified(t)
            .unwrap();
        assert!(matches!(small.bytes(&c), Err(StoreError::Changed)));
        // A file never read before is cleaned when it is published.
        let d = dir.path().join("d.txt");
        std::fs::write(&d, "bild").unwrap();
        assert_eq!(small.bytes(&d).unwrap().as_slice(), b"bild");
    }
}

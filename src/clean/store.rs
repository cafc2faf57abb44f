//! The cleaned copies of a site's files, by content hash (BLAKE3 of the
//! source): a build cleans each file once, while loading its report (in
//! parallel, one report per task), and writes the copy it made; `serve`
//! keeps the store between edits, so that an edit cleans only the files it
//! changed. A file is found again by path, size and modification time
//! without being read.
//!
//! A site's store keeps its copies on disk between runs (`cache.rs`): a
//! file cleaned by an earlier run is read back, not cleaned again, and the
//! copy is read from the cache when it is written. Without a cache (it
//! cannot be written, or `arkiv clean`), copies are held in memory up to
//! [`HOLD_LIMIT`] bytes in all; past that a copy is made again when it is
//! written, from a source whose hash must still be the one the privacy
//! guard read (else the build stops: the file changed while it ran). A
//! cached copy that cannot be read back whole is made again the same way.
//! Every file published from `content/` goes through [`Store::bytes`], so
//! nothing leaves uncleaned.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use super::cache::{Disk, Meta};
use super::{clean, CleanError, Hidden, Kind, Removed};

/// The most bytes of cleaned copies held in memory.
pub const HOLD_LIMIT: u64 = 512 << 20;

use super::cache::Hash;
use super::stamp::Stamp;

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
    /// The copy is in the store's cache on disk.
    on_disk: bool,
    /// The copy is the source as it is (nothing to remove): it is read
    /// from the source when written, neither held nor kept twice on disk.
    same: bool,
}

impl Done {
    fn of(hash: Hash, kind: Kind, meta: Meta, size: u64, copy: Kept) -> Done {
        let (bytes, on_disk, same) = match copy {
            Kept::Held(b) => (Some(b), false, false),
            Kept::OnDisk => (None, true, false),
            Kept::Same => (None, false, true),
            Kept::Gone => (None, false, false),
        };
        Done {
            hash,
            kind,
            size,
            removed: meta.removed,
            hidden: meta.hidden,
            text: meta.text,
            bytes,
            on_disk,
            same,
        }
    }
}

/// Where a done file's copy is.
enum Kept {
    /// In memory.
    Held(Arc<Vec<u8>>),
    /// In the cache on disk.
    OnDisk,
    /// It is the source as it is.
    Same,
    /// Nowhere: made again from the source when it is written.
    Gone,
}

impl Kept {
    /// The copy of a cache entry (see [`Disk::meta`]).
    fn on_disk(same: bool) -> Kept {
        if same {
            Kept::Same
        } else {
            Kept::OnDisk
        }
    }
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
    /// What each file's stamp was, and its content's hash then.
    by_path: Mutex<HashMap<PathBuf, (Stamp, Hash)>>,
    by_hash: Mutex<HashMap<Hash, Slot>>,
    held: AtomicU64,
    /// [`HOLD_LIMIT`], smaller in tests.
    limit: Option<u64>,
    /// The copies kept between runs; none: in memory only.
    disk: Option<Disk>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A source's content hash. BLAKE3 rather than SHA-256: a build on a fresh
/// checkout (CI with its cache restored) hashes every attachment to find
/// its copy, and BLAKE3 does that several times faster on one core, with
/// the same strength against a file made to collide with another.
fn hash(bytes: &[u8]) -> Hash {
    blake3::hash(bytes).into()
}

impl Store {
    pub fn new() -> Store {
        Store::default()
    }

    /// The store of the site at `root`, with its cache on disk.
    pub fn for_site(root: &Path) -> Store {
        Store {
            disk: Some(Disk::of_site(root)),
            ..Store::default()
        }
    }

    /// A store that holds at most `limit` bytes of copies.
    pub fn with_limit(limit: u64) -> Store {
        Store {
            limit: Some(limit),
            ..Store::default()
        }
    }

    fn stamp(path: &Path) -> Result<Stamp, StoreError> {
        Stamp::of_path(path).map_err(|e| StoreError::Read(e.to_string()))
    }

    /// The slot of a file already seen, unchanged since.
    fn known(&self, path: &Path) -> Option<Slot> {
        let now = Self::stamp(path).ok()?;
        let (stamp, h) = *lock(&self.by_path).get(path)?;
        if stamp != now || !now.usable() {
            return None;
        }
        lock(&self.by_hash).get(&h).cloned()
    }

    /// The copy of a file an earlier run recorded with this stamp, from
    /// the cache on disk, without reading the file.
    fn recorded(&self, path: &Path, stamp: Stamp, kind: Kind) -> Option<Arc<Done>> {
        let disk = self.disk.as_ref()?;
        let h = disk.recorded(path, &stamp)?;
        let slot = lock(&self.by_hash).entry(h).or_default().clone();
        let done = match slot.get() {
            Some(done) => done.clone().ok()?,
            None => {
                let (meta, size, same) = disk.meta(&h, kind)?;
                let done = Arc::new(Done::of(h, kind, meta, size, Kept::on_disk(same)));
                let _ = slot.set(Ok(Arc::clone(&done)));
                done
            }
        };
        lock(&self.by_path).insert(path.to_path_buf(), (stamp, h));
        Some(done)
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
        if stamp.len > super::FILE_LIMIT {
            return Err(CleanError::TooLarge(format!(
                "{} MiB, more than {} MiB",
                stamp.len >> 20,
                super::FILE_LIMIT >> 20
            ))
            .into());
        }
        if let Some(done) = self.recorded(path, stamp, kind) {
            return Ok(done);
        }
        let bytes = std::fs::read(path).map_err(|e| StoreError::Read(e.to_string()))?;
        let h = hash(&bytes);
        lock(&self.by_path).insert(path.to_path_buf(), (stamp, h));
        let slot = lock(&self.by_hash).entry(h).or_default().clone();
        let done = slot.get_or_init(|| self.make(kind, h, &bytes));
        done.clone().map_err(StoreError::from)
    }

    /// A file's copy from the cache on disk, or cleaned now (and then
    /// kept on disk, or held in memory within the limit).
    fn make(&self, kind: Kind, hash: Hash, bytes: &[u8]) -> Result<Arc<Done>, CleanError> {
        let done = |meta, size, copy| Done::of(hash, kind, meta, size, copy);
        let disk = self.disk.as_ref();
        if let Some((meta, size, same)) = disk.and_then(|d| d.meta(&hash, kind)) {
            return Ok(Arc::new(done(meta, size, Kept::on_disk(same))));
        }
        let c = clean(kind, bytes)?;
        let meta = Meta {
            removed: c.removed,
            hidden: c.hidden,
            text: c.text,
        };
        let size = c.bytes.len() as u64;
        if c.bytes == bytes {
            if let Some(d) = disk {
                d.put_same(&hash, kind, &meta, size);
            }
            return Ok(Arc::new(done(meta, size, Kept::Same)));
        }
        if disk.is_some_and(|d| d.put(&hash, kind, &meta, &c.bytes)) {
            return Ok(Arc::new(done(meta, size, Kept::OnDisk)));
        }
        let limit = self.limit.unwrap_or(HOLD_LIMIT);
        let hold = self.held.fetch_add(size, Ordering::Relaxed) + size <= limit;
        if !hold {
            self.held.fetch_sub(size, Ordering::Relaxed);
        }
        let copy = if hold {
            Kept::Held(Arc::new(c.bytes))
        } else {
            Kept::Gone
        };
        Ok(Arc::new(done(meta, size, copy)))
    }

    /// A done file's copy, held in memory or read back whole from the
    /// cache on disk.
    fn copy_of(&self, done: &Done) -> Option<Arc<Vec<u8>>> {
        if let Some(b) = &done.bytes {
            return Some(Arc::clone(b));
        }
        let disk = self.disk.as_ref().filter(|_| done.on_disk)?;
        disk.bytes(&done.hash, done.kind).map(Arc::new)
    }

    /// The copy made again from the source's `bytes` (checked by the
    /// caller), and kept on disk again.
    fn again(&self, done: &Done, bytes: &[u8]) -> Result<Arc<Vec<u8>>, StoreError> {
        let c = clean(done.kind, bytes)?;
        if let Some(disk) = self.disk.as_ref().filter(|_| done.on_disk) {
            let meta = Meta {
                removed: c.removed,
                hidden: c.hidden,
                text: c.text,
            };
            disk.put(&done.hash, done.kind, &meta, &c.bytes);
        }
        Ok(Arc::new(c.bytes))
    }

    /// The cleaned copy of the file at `path`, to publish. A file the
    /// privacy guard read gives the copy it read, and must not have changed
    /// since (else [`StoreError::Changed`]: nothing unchecked is
    /// published); a copy no longer held is made again; a copy that is the
    /// source is the source, read now and checked by its hash. A file never seen
    /// (a picture nothing reads text from) is cleaned now.
    pub fn bytes(&self, path: &Path) -> Result<Arc<Vec<u8>>, StoreError> {
        let recorded = lock(&self.by_path).get(path).map(|s| s.1);
        let Some(recorded) = recorded else {
            return self.held_or_again(path, self.clean_file(path)?);
        };
        if let Some(slot) = self.known(path) {
            if let Some(Ok(done)) = slot.get() {
                if let Some(b) = self.copy_of(done) {
                    return Ok(b);
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
                match self.copy_of(&done) {
                    Some(b) => Ok(b),
                    None if done.same => Ok(Arc::new(bytes)),
                    None => self.again(&done, &bytes),
                }
            }
            None => self.held_or_again(path, self.clean_file(path)?),
        }
    }

    /// A done file's copy: held, or made again from the unchanged source.
    fn held_or_again(&self, path: &Path, done: Arc<Done>) -> Result<Arc<Vec<u8>>, StoreError> {
        if let Some(b) = self.copy_of(&done) {
            return Ok(b);
        }
        let bytes = std::fs::read(path).map_err(|e| StoreError::Read(e.to_string()))?;
        if hash(&bytes) != done.hash {
            return Err(StoreError::Changed);
        }
        if done.same {
            return Ok(Arc::new(bytes));
        }
        self.again(&done, &bytes)
    }

    /// Forgets the copies of files no longer in `paths` (after a run has
    /// loaded the site, and in `serve` after an edit), so that a long
    /// session does not hold every version, and the cache on disk keeps
    /// only the copies used now.
    pub fn retain(&self, paths: &[&Path]) {
        let keep: std::collections::HashSet<&Path> = paths.iter().copied().collect();
        let mut by_path = lock(&self.by_path);
        by_path.retain(|p, _| keep.contains(p.as_path()));
        let live: std::collections::HashSet<Hash> = by_path.values().map(|v| v.1).collect();
        let stamps: Vec<(PathBuf, Stamp, Hash)> = by_path
            .iter()
            .map(|(p, (s, h))| (p.clone(), *s, *h))
            .collect();
        drop(by_path);
        let mut entries = std::collections::HashSet::new();
        lock(&self.by_hash).retain(|h, slot| {
            let keep = live.contains(h);
            if let Some(Ok(d)) = slot.get().filter(|_| keep) {
                entries.insert((d.hash, d.kind));
            }
            if !keep {
                if let Some(Ok(d)) = slot.get() {
                    if d.bytes.is_some() {
                        self.held.fetch_sub(d.size, Ordering::Relaxed);
                    }
                }
            }
            keep
        });
        if let Some(disk) = &self.disk {
            let stamps: Vec<_> = stamps
                .into_iter()
                .filter(|(_, _, h)| entries.iter().any(|(e, _)| e == h))
                .collect();
            disk.prune(&entries, &stamps);
        }
    }
}

#[cfg(test)]
mod tests;

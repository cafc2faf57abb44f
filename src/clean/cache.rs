//! Cleaned copies kept on disk between runs, in the site's
//! `.arkiv/cache/clean/`, so that a build cleans only the files that are
//! new or changed since the last `build`, `check` or `serve`.
//!
//! An entry is found by the BLAKE3 hash of the source's bytes and the file's
//! kind, inside a folder named by the cleaner's version: the hash of the
//! code that makes a copy (this module's siblings, the PDF reader, the text
//! readers) and of `Cargo.lock` (the crates it uses), so that a changed
//! rule never reads a copy the old rules made. An entry holds what the
//! store needs besides the copy (what was removed, its text, the copy's
//! text for the privacy guard) and the copy, each with its checksum; an
//! entry that is damaged, cut short or for another source is not used
//! (the file is cleaned again and the entry written anew). Entries are
//! written whole or not at all (a temporary file renamed).
//!
//! The cache holds what the last run used: a run that has loaded the
//! whole site removes the other entries, and the folders of other
//! versions. `.arkiv/cache/` has its own `.gitignore` (`*`) and a
//! `CACHEDIR.TAG`, so that it is never committed nor backed up. A site
//! folder that cannot be written has no cache (every run cleans anew).

use std::collections::{HashMap, HashSet};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::stamp::{self, Stamp};
use super::{Hidden, Kind, Removed};

pub type Hash = [u8; 32];

/// The cache's folder in a site.
pub const DIR: &str = ".arkiv/cache";
const MAGIC: &[u8; 12] = b"arkiv-clean1";
/// The magic of an entry whose copy is the source as it is (a file
/// `arkiv import` wrote, or cleaned before): it holds no copy, and its
/// length field is the source's size. Such a cache costs a few hundred
/// bytes a file, not a second copy of every attachment.
const MAGIC_SAME: &[u8; 12] = b"arkiv-same-1";
/// The record of stamps in the version's folder.
pub(super) const STAMPS: &str = "stamps.json";
const HEAD: usize = 12 + 32 + 8 + 8 + 4 + 4;
/// The most bytes an entry's description or copy may claim.
const PART_LIMIT: u64 = 256 << 20;

/// The sources a cleaned copy depends on (a test checks that every file
/// of `src/clean/` and `src/pdf/` is here).
const SOURCES: &[&[u8]] = &[
    include_bytes!("../../Cargo.lock"),
    include_bytes!("cache.rs"),
    include_bytes!("command.rs"),
    include_bytes!("exif.rs"),
    include_bytes!("fields.rs"),
    include_bytes!("gone.rs"),
    include_bytes!("image.rs"),
    include_bytes!("mod.rs"),
    include_bytes!("ooxml.rs"),
    include_bytes!("package.rs"),
    include_bytes!("pdf.rs"),
    include_bytes!("props.rs"),
    include_bytes!("removed.rs"),
    include_bytes!("stamp.rs"),
    include_bytes!("store.rs"),
    include_bytes!("stream.rs"),
    include_bytes!("word.rs"),
    include_bytes!("xml.rs"),
    include_bytes!("../pdf/image.rs"),
    include_bytes!("../pdf/mod.rs"),
    include_bytes!("../pdf/paint.rs"),
    include_bytes!("../pdf/tables.rs"),
    include_bytes!("../pdf/text.rs"),
    include_bytes!("../content/attachment_text.rs"),
    include_bytes!("../text/mod.rs"),
    include_bytes!("../text/encoding.rs"),
];

/// The cleaner's version: 16 hex digits of the hash of [`SOURCES`].
pub fn version() -> &'static str {
    static V: OnceLock<String> = OnceLock::new();
    V.get_or_init(|| {
        let mut h = Sha256::new();
        for s in SOURCES {
            h.update((s.len() as u64).to_le_bytes());
            h.update(s);
        }
        hex(&h.finalize()[..8])
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn crc(bytes: &[u8]) -> u32 {
    let mut c = flate2::Crc::new();
    c.update(bytes);
    c.sum()
}

/// What an entry holds besides the copy.
#[derive(Debug, Serialize, Deserialize)]
pub struct Meta {
    pub removed: Removed,
    pub hidden: Vec<Hidden>,
    pub text: Option<String>,
}

/// An entry's header, checked.
struct Head {
    meta_len: u64,
    /// The copy's length (the source's, when `same`).
    len: u64,
    /// The copy is the source as it is; the entry holds no copy.
    same: bool,
    meta_crc: u32,
    bytes_crc: u32,
}

/// The copy an entry is written with.
enum Stored<'a> {
    Bytes(&'a [u8]),
    /// The source as it is, of this size.
    Same(u64),
}

/// The cache of one site.
#[derive(Debug)]
pub struct Disk {
    /// `.arkiv/cache` of the site.
    base: PathBuf,
    /// `clean/<version>` inside it.
    dir: PathBuf,
    /// Whether the folders exist (made when the first entry is written).
    made: OnceLock<bool>,
    /// For the names of temporary files.
    counter: AtomicU64,
    /// The stamps the last run recorded (`stamp.rs`), read when first
    /// asked.
    stamps: OnceLock<HashMap<PathBuf, (Stamp, Hash)>>,
}

impl Disk {
    /// The cache of the site at `root` (nothing is made on disk yet).
    pub fn of_site(root: &Path) -> Disk {
        let base = root.join(DIR);
        let dir = base.join("clean").join(version());
        Disk {
            base,
            dir,
            made: OnceLock::new(),
            counter: AtomicU64::new(0),
            stamps: OnceLock::new(),
        }
    }

    fn path(&self, hash: &Hash, kind: Kind) -> PathBuf {
        self.dir.join(format!("{}.{}", hex(hash), kind.slug()))
    }

    /// Makes the folders, with `.gitignore` and `CACHEDIR.TAG` the first
    /// time; whether they are there.
    fn make(&self) -> bool {
        *self.made.get_or_init(|| {
            let fresh = !self.base.exists();
            if std::fs::create_dir_all(&self.dir).is_err() {
                return false;
            }
            if fresh || !self.base.join(".gitignore").exists() {
                let _ = std::fs::write(
                    self.base.join(".gitignore"),
                    "# Made by arkiv: cleaned copies of the site's files, never committed.\n*\n",
                );
                let _ = std::fs::write(
                    self.base.join("CACHEDIR.TAG"),
                    "Signature: 8a477f597d28d172789f06886806bc55\n# Made by arkiv (cleaned copies of the site's files).\n",
                );
            }
            true
        })
    }

    /// The header of an entry, checked against `hash`: the description's
    /// and the copy's lengths and checksums.
    fn head(file: &mut std::fs::File, hash: &Hash) -> Option<Head> {
        let mut h = [0u8; HEAD];
        file.read_exact(&mut h).ok()?;
        let u64_at = |i: usize| u64::from_le_bytes(h[i..i + 8].try_into().unwrap());
        let u32_at = |i: usize| u32::from_le_bytes(h[i..i + 4].try_into().unwrap());
        let (meta_len, len) = (u64_at(44), u64_at(52));
        let same = &h[..12] == MAGIC_SAME;
        let copy_len = if same { 0 } else { len };
        let whole = file.metadata().ok()?.len();
        let fits = (same || &h[..12] == MAGIC)
            && &h[12..44] == hash
            && meta_len <= PART_LIMIT
            && len <= PART_LIMIT
            && whole == HEAD as u64 + meta_len + copy_len;
        fits.then(|| Head {
            meta_len,
            len,
            same,
            meta_crc: u32_at(60),
            bytes_crc: u32_at(64),
        })
    }

    /// The content hash an earlier run recorded for the file at `path`
    /// with this stamp.
    pub fn recorded(&self, path: &Path, now: &Stamp) -> Option<Hash> {
        let stamps = self
            .stamps
            .get_or_init(|| stamp::read(&self.dir.join(STAMPS)));
        let (stamp, hash) = stamps.get(path)?;
        (stamp == now).then_some(*hash)
    }

    /// What the entry of a source says was removed, if it is there whole,
    /// with the copy's size and whether the copy is the source itself.
    pub fn meta(&self, hash: &Hash, kind: Kind) -> Option<(Meta, u64, bool)> {
        let mut file = std::fs::File::open(self.path(hash, kind)).ok()?;
        let head = Self::head(&mut file, hash)?;
        let mut meta = vec![0u8; head.meta_len as usize];
        file.read_exact(&mut meta).ok()?;
        if crc(&meta) != head.meta_crc {
            return None;
        }
        Some((serde_json::from_slice(&meta).ok()?, head.len, head.same))
    }

    /// The cleaned copy of a source, if its entry is there whole (and is
    /// not one whose copy is the source).
    pub fn bytes(&self, hash: &Hash, kind: Kind) -> Option<Vec<u8>> {
        let mut file = std::fs::File::open(self.path(hash, kind)).ok()?;
        let head = Self::head(&mut file, hash).filter(|h| !h.same)?;
        file.seek(SeekFrom::Start(HEAD as u64 + head.meta_len))
            .ok()?;
        let mut bytes = vec![0u8; head.len as usize];
        file.read_exact(&mut bytes).ok()?;
        (crc(&bytes) == head.bytes_crc).then_some(bytes)
    }

    /// Writes the entry of a source whose cleaned copy is `bytes`;
    /// whether it was written.
    pub fn put(&self, hash: &Hash, kind: Kind, meta: &Meta, bytes: &[u8]) -> bool {
        self.write_entry(hash, kind, meta, Stored::Bytes(bytes))
    }

    /// Writes the entry of a source of `size` bytes whose cleaned copy is
    /// the source as it is; whether it was written.
    pub fn put_same(&self, hash: &Hash, kind: Kind, meta: &Meta, size: u64) -> bool {
        self.write_entry(hash, kind, meta, Stored::Same(size))
    }

    fn write_entry(&self, hash: &Hash, kind: Kind, meta: &Meta, copy: Stored<'_>) -> bool {
        if !self.make() {
            return false;
        }
        let Ok(meta) = serde_json::to_vec(meta) else {
            return false;
        };
        let (magic, len, bytes): (&[u8], u64, &[u8]) = match copy {
            Stored::Bytes(b) => (MAGIC, b.len() as u64, b),
            Stored::Same(size) => (MAGIC_SAME, size, &[]),
        };
        let mut head = Vec::with_capacity(HEAD);
        head.extend_from_slice(magic);
        head.extend_from_slice(hash);
        head.extend_from_slice(&(meta.len() as u64).to_le_bytes());
        head.extend_from_slice(&len.to_le_bytes());
        head.extend_from_slice(&crc(&meta).to_le_bytes());
        head.extend_from_slice(&crc(bytes).to_le_bytes());
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let tmp = self.dir.join(format!(
            ".tmp-{}-{n}-{}",
            std::process::id(),
            hex(&hash[..4])
        ));
        let written = std::fs::File::create(&tmp).and_then(|mut f| {
            f.write_all(&head)?;
            f.write_all(&meta)?;
            f.write_all(bytes)
        });
        if written.is_ok() && std::fs::rename(&tmp, self.path(hash, kind)).is_ok() {
            return true;
        }
        let _ = std::fs::remove_file(&tmp);
        false
    }

    /// Removes every entry but those of `live`, and the folders of other
    /// versions; records the stamps of the files whose copies are kept.
    pub fn prune(&self, live: &HashSet<(Hash, Kind)>, stamps: &[(PathBuf, Stamp, Hash)]) {
        if !self.dir.exists() {
            return;
        }
        let mut keep: HashSet<PathBuf> = live.iter().map(|(h, k)| self.path(h, *k)).collect();
        keep.insert(self.dir.join(STAMPS));
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        if let Ok(dir) = std::fs::read_dir(&self.dir) {
            for e in dir.flatten() {
                let p = e.path();
                // Another run's temporary file may be in use (unless old).
                let in_use = e.file_name().to_string_lossy().starts_with(".tmp-")
                    && e.metadata()
                        .and_then(|m| m.modified())
                        .is_ok_and(|t| t > hour_ago);
                if !keep.contains(&p) && !in_use {
                    let _ = std::fs::remove_file(&p);
                }
            }
        }
        stamp::write(&self.dir.join(STAMPS), stamps, std::time::SystemTime::now());
        if let Ok(dir) = std::fs::read_dir(self.base.join("clean")) {
            for e in dir.flatten() {
                if e.path() != self.dir && e.file_type().is_ok_and(|t| t.is_dir()) {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::{Item, Place};

    #[test]
    fn entries_are_read_back_whole_or_not_at_all() {
        let site = tempfile::tempdir().unwrap();
        let disk = Disk::of_site(site.path());
        let (h, other) = ([7u8; 32], [8u8; 32]);
        assert!(disk.meta(&h, Kind::Docx).is_none());
        let mut removed = Removed::default();
        removed.add(Item::Comment, 2);
        let meta = Meta {
            removed: removed.clone(),
            hidden: vec![Hidden {
                place: Place::Comment(1),
                text: "granskarens text".into(),
            }],
            text: Some("synlig text".into()),
        };
        assert!(disk.put(&h, Kind::Docx, &meta, b"PK copy"));
        assert!(disk.put(&other, Kind::Pdf, &meta, b"%PDF copy"));
        let base = site.path().join(DIR);
        assert_eq!(
            std::fs::read_to_string(base.join(".gitignore"))
                .unwrap()
                .lines()
                .last(),
            Some("*")
        );
        assert!(base.join("CACHEDIR.TAG").exists());
        let (back, len, same) = disk.meta(&h, Kind::Docx).unwrap();
        assert_eq!(
            (back.removed, back.hidden, back.text),
            (removed, meta.hidden.clone(), meta.text.clone())
        );
        assert_eq!((len, same), (7, false));
        // An entry whose copy is the source holds no copy.
        let source = [9u8; 32];
        assert!(disk.put_same(&source, Kind::Pdf, &meta, 1234));
        let (_, len, same) = disk.meta(&source, Kind::Pdf).unwrap();
        assert_eq!((len, same), (1234, true));
        assert!(disk.bytes(&source, Kind::Pdf).is_none());
        let path = disk.path(&source, Kind::Pdf);
        let whole = std::fs::read(&path).unwrap();
        assert!(whole.len() < 1234);
        std::fs::write(&path, &whole[..whole.len() - 1]).unwrap();
        assert!(disk.meta(&source, Kind::Pdf).is_none());
        assert_eq!(disk.bytes(&h, Kind::Docx).unwrap(), b"PK copy");
        // Another kind of the same bytes is another entry.
        assert!(disk.meta(&h, Kind::Xlsx).is_none());

        // A damaged entry, one cut short, one renamed: not used.
        let path = disk.path(&h, Kind::Docx);
        let good = std::fs::read(&path).unwrap();
        let mut bad = good.clone();
        *bad.last_mut().unwrap() ^= 1;
        std::fs::write(&path, &bad).unwrap();
        assert!(disk.meta(&h, Kind::Docx).is_some());
        assert!(disk.bytes(&h, Kind::Docx).is_none());
        bad = good.clone();
        bad[HEAD + 3] ^= 1;
        std::fs::write(&path, &bad).unwrap();
        assert!(disk.meta(&h, Kind::Docx).is_none());
        std::fs::write(&path, &good[..good.len() - 1]).unwrap();
        assert!(disk.meta(&h, Kind::Docx).is_none() && disk.bytes(&h, Kind::Docx).is_none());
        std::fs::write(&path, &good).unwrap();
        std::fs::copy(&path, disk.path(&other, Kind::Docx)).unwrap();
        assert!(disk.meta(&other, Kind::Docx).is_none());

        // Pruned to what a run used; other versions go.
        let old = base.join("clean").join("0000000000000000");
        std::fs::create_dir_all(&old).unwrap();
        disk.prune(&HashSet::from([(h, Kind::Docx)]), &[]);
        assert!(disk.bytes(&h, Kind::Docx).is_some());
        assert!(disk.meta(&other, Kind::Pdf).is_none());
        assert!(!old.exists());
    }

    #[test]
    fn the_version_covers_every_source_of_the_cleaner() {
        let listed = SOURCES.len();
        let mut files = 0;
        for dir in ["src/clean", "src/pdf"] {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for e in std::fs::read_dir(dir).unwrap() {
                let path = e.unwrap().path();
                if path.extension().is_none_or(|x| x != "rs") {
                    continue; // a module's tests
                }
                let text = std::fs::read(&path).unwrap();
                files += 1;
                assert!(
                    SOURCES.contains(&text.as_slice()),
                    "{} is not in SOURCES (cache.rs): add it, so that a change to it starts a new cache",
                    path.display()
                );
            }
        }
        // Besides those: Cargo.lock, attachment_text.rs and the text module.
        assert_eq!(listed, files + 4);
        assert_eq!(version().len(), 16);
    }
}

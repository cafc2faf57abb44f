//! What identifies a file on disk without reading it, and the record of
//! the stamps and content hashes the last run saw (`stamps.json` in the
//! cache's folder), so that a run finds the cached copy of an unchanged
//! file without reading and hashing the whole file again.
//!
//! A stamp is the file's size and modification time, and on Unix its
//! inode and status-change time, which no program can set back (`touch -d`
//! and `cp -p` set the modification time, and change the status-change
//! time as they do). A recorded stamp is trusted only on Unix, and only for
//! a file whose status had not changed for [`SETTLED`] when it was
//! recorded: a file written again within the clock's tick of being read
//! could otherwise keep its stamp (the "racy" case of git's index).

use std::collections::HashMap;
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::cache::Hash;

/// How long a file's status must have stood still before its stamp is
/// recorded.
pub const SETTLED: Duration = Duration::from_secs(2);

/// Seconds and nanoseconds since the epoch.
type Time = (i64, u32);

fn since_epoch(t: SystemTime) -> Option<Time> {
    let d = t.duration_since(SystemTime::UNIX_EPOCH).ok()?;
    Some((i64::try_from(d.as_secs()).ok()?, d.subsec_nanos()))
}

/// A file's stamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub len: u64,
    modified: Option<Time>,
    /// Status-change time and inode (Unix only).
    changed: Option<Time>,
    inode: u64,
}

impl Stamp {
    pub fn of(meta: &Metadata) -> Stamp {
        #[cfg(unix)]
        let (changed, inode) = {
            use std::os::unix::fs::MetadataExt;
            let nanos = u32::try_from(meta.ctime_nsec()).ok();
            (nanos.map(|n| (meta.ctime(), n)), meta.ino())
        };
        #[cfg(not(unix))]
        let (changed, inode) = (None, 0);
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok().and_then(since_epoch),
            changed,
            inode,
        }
    }

    pub fn of_path(path: &Path) -> std::io::Result<Stamp> {
        Ok(Stamp::of(&std::fs::metadata(path)?))
    }

    /// Whether an unchanged stamp means an unchanged file within one run
    /// (the modification time is known).
    pub fn usable(&self) -> bool {
        self.modified.is_some()
    }

    /// Whether the stamp may be recorded for later runs: its status-change
    /// time is known and at least [`SETTLED`] before `now`.
    fn settled(&self, now: SystemTime) -> bool {
        let limit = now.checked_sub(SETTLED).and_then(since_epoch);
        matches!((self.changed, limit), (Some(c), Some(l)) if c <= l)
    }
}

/// One recorded file.
#[derive(Serialize, Deserialize)]
struct Row {
    path: PathBuf,
    stamp: Stamp,
    hash: String,
}

/// Reads a record of stamps; an unreadable one is empty.
pub fn read(file: &Path) -> HashMap<PathBuf, (Stamp, Hash)> {
    let Ok(text) = std::fs::read(file) else {
        return HashMap::new();
    };
    let rows: Vec<Row> = serde_json::from_slice(&text).unwrap_or_default();
    rows.into_iter()
        .filter_map(|r| {
            let hash = unhex(&r.hash)?;
            r.stamp
                .changed
                .is_some()
                .then_some((r.path, (r.stamp, hash)))
        })
        .collect()
}

/// Writes a record of the stamps among `files` settled by `now` (whole or
/// not at all, through a temporary file).
pub fn write(file: &Path, files: &[(PathBuf, Stamp, Hash)], now: SystemTime) {
    let rows: Vec<Row> = files
        .iter()
        .filter(|(_, s, _)| s.settled(now))
        .map(|(path, stamp, hash)| Row {
            path: path.clone(),
            stamp: *stamp,
            hash: hash.iter().map(|b| format!("{b:02x}")).collect(),
        })
        .collect();
    let Ok(json) = serde_json::to_vec(&rows) else {
        return;
    };
    let tmp = file.with_file_name(format!(".tmp-stamps-{}", std::process::id()));
    if std::fs::write(&tmp, json).is_err() || std::fs::rename(&tmp, file).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

fn unhex(s: &str) -> Option<Hash> {
    let mut h = [0u8; 32];
    if s.len() != 64 {
        return None;
    }
    for (i, b) in h.iter_mut().enumerate() {
        *b = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(h)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn only_settled_stamps_are_recorded_and_a_touched_file_is_not_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let (a, record) = (dir.path().join("a.docx"), dir.path().join("stamps.json"));
        std::fs::write(&a, "first").unwrap();
        let stamp = Stamp::of_path(&a).unwrap();
        assert!(stamp.usable());
        // Just written: not recorded.
        write(&record, &[(a.clone(), stamp, [1; 32])], SystemTime::now());
        assert!(read(&record).is_empty());
        // Settled (as if recorded later): read back.
        let mut old = stamp;
        old.changed = old.changed.map(|(s, n)| (s - 10, n));
        write(&record, &[(a.clone(), old, [1; 32])], SystemTime::now());
        assert_eq!(read(&record)[&a], (old, [1; 32]));
        // The same size, the modification time set back: another stamp.
        let t = std::fs::metadata(&a).unwrap().modified().unwrap();
        std::thread::sleep(Duration::from_millis(20));
        std::fs::write(&a, "other").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&a)
            .unwrap()
            .set_modified(t)
            .unwrap();
        let now = Stamp::of_path(&a).unwrap();
        assert_eq!((now.len, now.modified), (stamp.len, stamp.modified));
        assert_ne!(now, stamp);
        std::fs::write(&record, "not json").unwrap();
        assert!(read(&record).is_empty());
    }
}

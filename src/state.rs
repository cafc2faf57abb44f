//! The `.arkiv/` folder at the archive's root: what `arkiv import` keeps
//! between runs, so that a newer original of a report (the final report
//! after the plan, a reviewed copy) updates the entry by a three-way merge
//! instead of making a second one. It is committed with the archive.
//!
//! ```text
//! .arkiv/imports/<year>/<stem>.md        the draft the last import produced: the base of the next merge
//! .arkiv/imports/<year>/<stem>.toml      what it was made from (Record): original, hash, document date, files
//! .arkiv/pending/<year>/<stem>.md        a pending update: the merged entry, waiting for `arkiv accept`
//! .arkiv/pending/<year>/<stem>.import.md the import it was merged from (the next base, once accepted)
//! .arkiv/pending/<year>/<stem>.toml      its Record, with the live file's hash when the update was made
//! .arkiv/pending/<year>/<stem>.<ext>, <stem>-bild-N.<ext>   the new original and pictures
//! .arkiv/tmp/                            files being written by a running import (never committed)
//! ```
//!
//! `<year>/<stem>` is the entry's path below `content/`. The build reads
//! none of it, but the privacy guard does (`content::state_privacy`): a
//! possible personnummer in a base or a pending update is an error like one
//! in `content/`. `serve` previews pending updates in place of their live
//! entries; `arkiv status` lists them.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The folder's name, at the archive's root.
pub const DIR: &str = ".arkiv";
/// Where an import stages its files while it runs.
pub const TMP: &str = "tmp";

/// What one import was made from; for a pending update, also what it
/// replaces.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The entry, from the archive's root: `content/2025/boo-vc-sip.md`.
    pub entry: String,
    /// The original's file name, as it was imported.
    pub original: String,
    /// The original's SHA-256, to know the same file again.
    pub sha256: String,
    /// The document's own date (Word's last save, a PDF's ModDate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_date: Option<String>,
    /// The files the import put beside the entry (the original, pictures).
    #[serde(default)]
    pub files: Vec<String>,
    /// A pending update: the SHA-256 of the live entry when it was made
    /// (`arkiv accept` refuses when the entry changed since).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub live_sha256: Option<String>,
}

impl Record {
    pub fn read(path: &Path) -> Result<Record, String> {
        let text = fs::read_to_string(path).map_err(|e| e.to_string())?;
        toml::from_str(&text).map_err(|e| e.message().to_string())
    }

    pub fn to_toml(&self) -> String {
        let body = toml::to_string(self).unwrap_or_default();
        let end = if body.ends_with('\n') { "" } else { "\n" };
        format!(
            "# arkiv import: what {} was last imported from (do not edit).\n{body}{end}",
            self.entry
        )
    }
}

/// The hex SHA-256 of some bytes.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The `.arkiv/` folder of an archive whose entries are in `content`.
#[derive(Debug, Clone)]
pub struct State {
    /// The site root, for paths shown and recorded.
    pub root: PathBuf,
    /// `.arkiv/` itself.
    pub dir: PathBuf,
    /// The folder of entries (`<root>/content`, or `import --out`).
    pub content: PathBuf,
}

/// A pending update as found in `.arkiv/pending/`.
#[derive(Debug, Clone)]
pub struct Pending {
    /// The merged entry waiting for `arkiv accept`.
    pub file: PathBuf,
    /// The live entry it will replace.
    pub live: PathBuf,
    pub record: Result<Record, String>,
}

impl State {
    /// The state of the archive at `root` (entries in `root/content`).
    pub fn of(root: &Path) -> State {
        State::with_content(root, &root.join(crate::content::CONTENT_DIR))
    }

    /// Entries in another folder (`arkiv import --out DIR`): its state is
    /// `DIR/.arkiv/`, so that trying an import never touches the archive's.
    pub fn with_content(root: &Path, content: &Path) -> State {
        let default = root.join(crate::content::CONTENT_DIR);
        let dir = if content == default {
            root.join(DIR)
        } else {
            content.join(DIR)
        };
        State {
            root: root.to_path_buf(),
            dir,
            content: content.to_path_buf(),
        }
    }

    /// `<year>/<stem>` of an entry in the content folder.
    fn key(&self, entry: &Path) -> PathBuf {
        let rel = entry.strip_prefix(&self.content).unwrap_or(entry);
        rel.with_extension("")
    }

    fn at(&self, area: &str, entry: &Path, suffix: &str) -> PathBuf {
        let key = self.key(entry);
        let mut name = key.file_name().unwrap_or_default().to_os_string();
        name.push(suffix);
        self.dir.join(area).join(key.with_file_name(name))
    }

    /// The base of an entry: the draft its last import produced.
    pub fn base(&self, entry: &Path) -> PathBuf {
        self.at("imports", entry, ".md")
    }

    pub fn record(&self, entry: &Path) -> PathBuf {
        self.at("imports", entry, ".toml")
    }

    pub fn pending(&self, entry: &Path) -> PathBuf {
        self.at("pending", entry, ".md")
    }

    /// The import a pending update was merged from.
    pub fn pending_import(&self, entry: &Path) -> PathBuf {
        self.at("pending", entry, ".import.md")
    }

    pub fn pending_record(&self, entry: &Path) -> PathBuf {
        self.at("pending", entry, ".toml")
    }

    /// Where the files of a pending update wait (its original, pictures).
    pub fn pending_dir(&self, entry: &Path) -> PathBuf {
        self.pending(entry)
            .parent()
            .map_or_else(|| self.dir.join("pending"), Path::to_path_buf)
    }

    pub fn tmp(&self) -> PathBuf {
        self.dir.join(TMP)
    }

    /// The live entry a path names: an entry itself, or its pending update.
    pub fn entry_of(&self, path: &Path) -> PathBuf {
        let pending = self.dir.join("pending");
        match path.strip_prefix(&pending) {
            Ok(rel) => self.content.join(rel),
            Err(_) => path.to_path_buf(),
        }
    }

    /// A path as shown and recorded: from the root, with `/`.
    pub fn show(&self, path: &Path) -> String {
        crate::content::rel_path(&self.root, path)
    }

    /// Every import record: its path and what it says.
    pub fn records(&self) -> Vec<(PathBuf, Result<Record, String>)> {
        toml_files(&self.dir.join("imports"))
            .into_iter()
            .map(|p| {
                let r = Record::read(&p);
                (p, r)
            })
            .collect()
    }

    /// Every pending update, in path order.
    pub fn pending_updates(&self) -> Vec<Pending> {
        let area = self.dir.join("pending");
        toml_files(&area)
            .into_iter()
            .map(|record| {
                let file = record.with_extension("md");
                let rel = file.strip_prefix(&area).unwrap_or(&file);
                Pending {
                    live: self.content.join(rel),
                    record: Record::read(&record),
                    file,
                }
            })
            .collect()
    }
}

/// The `.toml` files below a folder, sorted (none when it does not exist).
fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_mirror_the_content_folder() {
        let s = State::of(Path::new("/a"));
        let entry = Path::new("/a/content/2025/boo-vc-sip.md");
        assert_eq!(
            s.base(entry),
            Path::new("/a/.arkiv/imports/2025/boo-vc-sip.md")
        );
        assert_eq!(
            s.record(entry),
            Path::new("/a/.arkiv/imports/2025/boo-vc-sip.toml")
        );
        assert_eq!(
            s.pending(entry),
            Path::new("/a/.arkiv/pending/2025/boo-vc-sip.md")
        );
        assert_eq!(
            s.pending_import(entry),
            Path::new("/a/.arkiv/pending/2025/boo-vc-sip.import.md")
        );
        assert_eq!(s.entry_of(&s.pending(entry)), entry);
        assert_eq!(s.entry_of(entry), entry);
        assert_eq!(
            s.show(&s.pending(entry)),
            ".arkiv/pending/2025/boo-vc-sip.md"
        );
        let other = State::with_content(Path::new("/a"), Path::new("/tmp/utkast"));
        assert_eq!(other.dir, Path::new("/tmp/utkast/.arkiv"));
    }

    #[test]
    fn records_round_trip() {
        let r = Record {
            entry: "content/2025/a.md".into(),
            original: "A del 1.docx".into(),
            sha256: sha256(b"abc"),
            document_date: Some("2025-02-20T09:00:00Z".into()),
            files: vec!["a.docx".into()],
            live_sha256: None,
        };
        assert_eq!(
            r.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let back: Record = toml::from_str(&r.to_toml()).unwrap();
        assert_eq!(back, r);
    }
}

//! What one prepared original does to the archive, and the writing of it:
//! a new entry; an update of the entry that holds the same report (a clean
//! merge written in place, a merge with conflicts or new TODOs held as a
//! pending update in `.arkiv/pending/`, the live entry untouched); or
//! nothing, for an entry typed by hand. With `--dry-run` the same decision
//! is made and nothing is written (the draft's files are staged in the
//! system's temporary folder and removed).
//!
//! Files are staged first (in `.arkiv/tmp/`) and moved into place once
//! the draft is made, and an entry is written through a temporary file
//! renamed over it, so a failure leaves the entry as it was.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::identity::{self, Target};
use super::{merge, theirs, ImportError, Prepared};
use crate::config::Config;
use crate::content::frontmatter;
use crate::content::raw::Status;
use crate::state::{sha256, Record, State};
use crate::text::count;

/// What happened to one file (its line in Swedish: `folder.rs`).
#[derive(Debug)]
pub enum Outcome {
    Created {
        entry: String,
        todos: usize,
    },
    Updated {
        entry: String,
        summary: String,
        taken: Vec<String>,
    },
    Pending {
        entry: String,
        pending: String,
        conflicts: usize,
        todos: usize,
        taken: Vec<String>,
    },
    Unchanged {
        entry: String,
    },
    /// An entry without an import record holds the report.
    Exists {
        entry: String,
    },
    Ambiguous {
        entries: Vec<String>,
    },
    /// Another file of the run was used for this report.
    NotUsed {
        instead: String,
        why: &'static str,
    },
    Failed(ImportError),
}

impl Outcome {
    /// For the JSON list.
    pub fn slug(&self) -> &'static str {
        match self {
            Outcome::Created { .. } => "new",
            Outcome::Updated { .. } => "updated",
            Outcome::Pending { .. } => "pending",
            Outcome::Unchanged { .. } => "unchanged",
            Outcome::Exists { .. } => "exists",
            Outcome::Ambiguous { .. } => "ambiguous",
            Outcome::NotUsed { .. } => "not-used",
            Outcome::Failed(_) => "failed",
        }
    }

    /// For the editor (the CSV and the summary line).
    pub fn label(&self) -> &'static str {
        match self {
            Outcome::Created { .. } => "ny",
            Outcome::Updated { .. } => "uppdaterad",
            Outcome::Pending { .. } => "väntar på granskning",
            Outcome::Unchanged { .. } => "oförändrad",
            Outcome::Exists { .. } => "finns redan",
            Outcome::Ambiguous { .. } => "oklar",
            Outcome::NotUsed { .. } => "används inte",
            Outcome::Failed(_) => "misslyckades",
        }
    }

    /// The entry it concerns.
    pub fn entry(&self) -> String {
        match self {
            Outcome::Created { entry, .. }
            | Outcome::Updated { entry, .. }
            | Outcome::Pending { entry, .. }
            | Outcome::Unchanged { entry }
            | Outcome::Exists { entry } => entry.clone(),
            Outcome::Ambiguous { entries } => entries.join(" "),
            _ => String::new(),
        }
    }
}

/// A folder the draft's files are written into, removed when dropped.
struct Staging(PathBuf);

impl Staging {
    fn new(parent: &Path) -> Result<Staging, ImportError> {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let dir = parent.join(format!("{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).map_err(ImportError::Write)?;
        Ok(Staging(dir))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
        if let Some(parent) = self.0.parent() {
            let _ = fs::remove_dir(parent); // only when empty
        }
    }
}

/// The archive an import runs against.
pub struct Archive<'c> {
    config: &'c Config,
    pub state: State,
    records: HashMap<String, PathBuf>,
    pub dry_run: bool,
}

impl<'c> Archive<'c> {
    pub fn new(config: &'c Config, state: State, dry_run: bool) -> Archive<'c> {
        let records = identity::records(&state);
        Archive {
            config,
            state,
            records,
            dry_run,
        }
    }

    fn staging(&self) -> Result<Staging, ImportError> {
        if self.dry_run {
            Staging::new(&std::env::temp_dir().join("arkiv-import"))
        } else {
            Staging::new(&self.state.tmp())
        }
    }

    /// Imports `p`, the file used for its report; `hashes` are those of
    /// every file of the run that is the same report.
    pub fn apply(&mut self, p: &Prepared, hashes: &[&str]) -> Outcome {
        let target = identity::target(
            self.config,
            &self.state,
            &self.records,
            (p.clinic(), p.year(), p.topics()),
            hashes,
        );
        let result = match target {
            Target::New => self.create(p),
            Target::Update { entry, base } => self.update(p, &entry, base.as_deref()),
            Target::Exists(e) => Ok(Outcome::Exists {
                entry: self.state.show(&e),
            }),
            Target::Ambiguous(all) => Ok(Outcome::Ambiguous {
                entries: all.iter().map(|e| self.state.show(e)).collect(),
            }),
        };
        result.unwrap_or_else(Outcome::Failed)
    }

    fn create(&mut self, p: &Prepared) -> Result<Outcome, ImportError> {
        let dir = self.state.content.join(p.year().to_string());
        let stem = &p.draft.stem;
        let entry = dir.join(format!("{stem}.md"));
        let staging = self.staging()?;
        let super::Theirs { text, files, todos } = theirs(p, stem, &staging.0)?;
        if let Some(taken) = std::iter::once(format!("{stem}.md"))
            .chain(files.iter().cloned())
            .find(|f| dir.join(f).exists())
        {
            // Another report's file of the same name.
            return Ok(Outcome::Exists {
                entry: self.state.show(&dir.join(taken)),
            });
        }
        if !self.dry_run {
            fs::create_dir_all(&dir).map_err(ImportError::Write)?;
            move_all(&staging.0, &dir, &files)?;
            write(&entry, text.as_bytes())?;
            self.record(p, &entry, &text, files)?;
        }
        Ok(Outcome::Created {
            entry: self.state.show(&entry),
            todos,
        })
    }

    /// Writes the base and the record of an entry's last import.
    fn record(
        &mut self,
        p: &Prepared,
        entry: &Path,
        text: &str,
        files: Vec<String>,
    ) -> Result<(), ImportError> {
        let record = self.new_record(p, entry, files, None);
        write(&self.state.base(entry), text.as_bytes())?;
        write(&self.state.record(entry), record.to_toml().as_bytes())?;
        self.records.insert(record.sha256, entry.to_path_buf());
        Ok(())
    }

    fn new_record(
        &self,
        p: &Prepared,
        entry: &Path,
        files: Vec<String>,
        live: Option<String>,
    ) -> Record {
        Record {
            entry: self.state.show(entry),
            original: p
                .file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            sha256: p.sha256.clone(),
            document_date: p.date.clone(),
            files,
            live_sha256: live,
        }
    }

    fn update(
        &mut self,
        p: &Prepared,
        entry: &Path,
        base: Option<&Path>,
    ) -> Result<Outcome, ImportError> {
        let shown = self.state.show(entry);
        let raw = fs::read(entry).map_err(ImportError::Read)?;
        let ours =
            frontmatter::decode(&raw).map_err(|e| ImportError::Merge(shown.clone(), e.message))?;
        let base_text = match base {
            Some(b) => match fs::read(b).ok().and_then(|b| frontmatter::decode(&b).ok()) {
                Some(t) => Some(t),
                None => return Ok(Outcome::Exists { entry: shown }),
            },
            None => None,
        };
        let stem = entry
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let dir = entry.parent().unwrap_or(&self.state.content).to_path_buf();
        let staging = self.staging()?;
        let super::Theirs { text, files, .. } = theirs(p, &stem, &staging.0)?;
        if base_text.as_deref() == Some(text.as_str()) {
            return Ok(Outcome::Unchanged { entry: shown });
        }
        let m = merge::merge(base_text.as_deref(), &ours, &text)
            .map_err(|e| ImportError::Merge(shown.clone(), e))?;
        let merged = restore(&raw, &m.text);
        if m.conflicts == 0 && m.new_todos.is_empty() {
            if !self.dry_run {
                let old = Record::read(&self.state.record(entry))
                    .map(|r| r.files)
                    .unwrap_or_default();
                if merged != raw {
                    write(entry, &merged)?;
                }
                move_all(&staging.0, &dir, &files)?;
                for gone in old
                    .iter()
                    .filter(|f| !files.contains(f) && !m.text.contains(f.as_str()))
                {
                    let _ = fs::remove_file(dir.join(gone));
                }
                self.record(p, entry, &text, files)?;
                drop_pending(&self.state, entry);
            }
            if merged == raw {
                return Ok(Outcome::Unchanged { entry: shown });
            }
            return Ok(Outcome::Updated {
                entry: shown,
                summary: summary(&ours, &m),
                taken: m.taken,
            });
        }
        let pending = self.state.pending(entry);
        if !self.dry_run {
            drop_pending(&self.state, entry);
            let pdir = self.state.pending_dir(entry);
            fs::create_dir_all(&pdir).map_err(ImportError::Write)?;
            move_all(&staging.0, &pdir, &files)?;
            write(&pending, &merged)?;
            write(&self.state.pending_import(entry), text.as_bytes())?;
            let record = self.new_record(p, entry, files, Some(sha256(&raw)));
            write(
                &self.state.pending_record(entry),
                record.to_toml().as_bytes(),
            )?;
        }
        Ok(Outcome::Pending {
            entry: shown,
            pending: self.state.show(&pending),
            conflicts: m.conflicts,
            todos: m.new_todos.len(),
            taken: m.taken,
        })
    }
}

/// Removes an entry's pending update and its files, if it has one.
pub fn drop_pending(state: &State, entry: &Path) {
    let record = state.pending_record(entry);
    if let Ok(r) = Record::read(&record) {
        for f in r.files {
            let _ = fs::remove_file(state.pending_dir(entry).join(f));
        }
    }
    for f in [record, state.pending(entry), state.pending_import(entry)] {
        let _ = fs::remove_file(f);
    }
}

/// The merged text as the entry was written: its BOM and CRLF line ends.
fn restore(raw: &[u8], text: &str) -> Vec<u8> {
    let bom = raw.starts_with(b"\xEF\xBB\xBF");
    let crlf = raw.windows(2).any(|w| w == b"\r\n");
    let mut out = Vec::with_capacity(text.len() + 3);
    if bom {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    if crlf {
        out.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    } else {
        out.extend_from_slice(text.as_bytes());
    }
    out
}

/// "plan → slutrapport: 8 resultat, 6 avsnitt".
fn summary(ours: &str, m: &merge::Merged) -> String {
    let status = |t: &str| {
        frontmatter::split(t)
            .ok()
            .and_then(|s| crate::content::yaml::parse(s.yaml, 2).front)
            .and_then(|f| f.status)
            .unwrap_or_default()
    };
    let word = |s: Status| match s {
        Status::Plan => "plan",
        Status::Final => "slutrapport",
    };
    let mut parts = Vec::new();
    if m.results > 0 {
        parts.push(format!("{} resultat", m.results));
    }
    if m.sections > 0 {
        parts.push(format!("{} avsnitt", m.sections));
    }
    if m.others > 0 {
        parts.push(count(m.others, "annan uppgift", "andra uppgifter"));
    }
    let (before, after) = (status(ours), status(&m.text));
    match (before != after, parts.is_empty()) {
        (true, true) => format!("{} → {}", word(before), word(after)),
        (true, false) => format!("{} → {}: {}", word(before), word(after), parts.join(", ")),
        (false, _) => parts.join(", "),
    }
}

/// Writes a file through a hidden temporary file renamed over it.
fn write(path: &Path, bytes: &[u8]) -> Result<(), ImportError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(ImportError::Write)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.arkiv-tmp"));
    fs::write(&tmp, bytes)
        .and_then(|_| fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = fs::remove_file(&tmp);
            ImportError::Write(e)
        })
}

/// Moves `files` from one folder to another, replacing what is there.
pub fn move_all(from: &Path, to: &Path, files: &[String]) -> Result<(), ImportError> {
    for f in files {
        let (src, dst) = (from.join(f), to.join(f));
        if fs::rename(&src, &dst).is_err() {
            fs::copy(&src, &dst)
                .and_then(|_| fs::remove_file(&src))
                .map_err(ImportError::Write)?;
        }
    }
    Ok(())
}

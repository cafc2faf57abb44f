//! A whole folder at once (`arkiv import DIR`, [`run`]): every `.docx` and
//! `.pdf` under it (Word's "~$" lock files left out), in name order, one
//! line a file and a summary; and the list an editor can sort (`--report
//! FILE`, JSON or CSV by the extension): file, status, draft path, clinic,
//! year, theme, number of TODOs, error.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{import_file, ImportError, Imported};
use crate::config::Config;

/// What happened to one file.
#[derive(Debug)]
pub enum Outcome {
    /// A draft without TODOs.
    Ready(Imported),
    /// A draft with TODOs.
    Draft(Imported),
    /// The draft exists already (a re-run): nothing written.
    Skipped(PathBuf),
    /// Nothing written: why.
    Failed(ImportError),
}

/// The files to import for the paths given: files as they are, folders
/// walked for `.docx` and `.pdf`.
pub fn collect(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if !p.is_dir() {
            out.push(p.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = walkdir::WalkDir::new(p)
            .follow_links(false)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .filter(|f| {
                let name = f
                    .file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default();
                let lower = name.to_lowercase();
                !name.starts_with("~$") && (lower.ends_with(".docx") || lower.ends_with(".pdf"))
            })
            .collect();
        found.sort();
        out.extend(found);
    }
    out
}

/// Imports the files and folders given, printing one line a file and the
/// summary, and writes the list to `report`; false when a file failed (or
/// the list could not be written).
pub fn run(config: &Config, paths: &[PathBuf], out: &Path, report: Option<&Path>) -> bool {
    let mut summary = Summary::default();
    let mut rows = Vec::new();
    for file in collect(paths) {
        let outcome = import_one(config, &file, out);
        println!("{}", line(&file, &outcome));
        summary.add(&outcome);
        rows.push(Row::new(&file, &outcome));
    }
    println!("{}", summary.line());
    if let Some(path) = report {
        if let Err(e) = write_report(path, &rows) {
            println!("failed  cannot write the report {}: {e}", path.display());
            return false;
        }
    }
    summary.failed == 0
}

/// The line a file gets: `ok`, `draft`, `skipped` or `failed`, and why.
fn line(file: &Path, outcome: &Outcome) -> String {
    let f = file.display();
    match outcome {
        Outcome::Ready(d) => match &d.replaced {
            Some(entry) => format!(
                "ok      {f} → {} (replaced the link-only entry {entry} in place)",
                d.file
            ),
            None => format!("ok      {f} → {}", d.file),
        },
        Outcome::Draft(d) => {
            let would = d
                .would_replace
                .as_ref()
                .map(|e| format!(" (would replace the link-only entry {e} once ready)"))
                .unwrap_or_default();
            format!(
                "draft   {f} → {}{would}: TODO {}",
                d.file,
                d.todo.join("; ")
            )
        }
        Outcome::Skipped(p) => format!(
            "skipped {f}: {} already exists (not overwritten)",
            p.display()
        ),
        Outcome::Failed(why) => format!("failed  {f}: {why}"),
    }
}

/// Imports one file and says how it went.
pub fn import_one(config: &Config, file: &Path, out: &Path) -> Outcome {
    match import_file(config, file, out) {
        Ok(d) if d.todo.is_empty() => Outcome::Ready(d),
        Ok(d) => Outcome::Draft(d),
        Err(ImportError::Exists(p)) => Outcome::Skipped(p),
        Err(e) => Outcome::Failed(e),
    }
}

/// One row of the editor's list.
#[derive(Debug, Serialize)]
pub struct Row {
    pub file: String,
    /// `ready`, `draft`, `skipped` or `failed`.
    pub status: &'static str,
    pub draft: String,
    pub clinic: String,
    pub year: String,
    pub theme: String,
    pub todos: usize,
    pub error: String,
}

impl Row {
    pub fn new(file: &Path, outcome: &Outcome) -> Row {
        let mut row = Row {
            file: file.display().to_string(),
            status: "failed",
            draft: String::new(),
            clinic: String::new(),
            year: String::new(),
            theme: String::new(),
            todos: 0,
            error: String::new(),
        };
        match outcome {
            Outcome::Ready(d) | Outcome::Draft(d) => {
                row.status = if d.todo.is_empty() { "ready" } else { "draft" };
                row.draft = d.file.clone();
                row.clinic = d.clinic.clone();
                row.year = d.year.to_string();
                row.theme = d.topics.join(" ");
                row.todos = d.todo.len();
            }
            Outcome::Skipped(p) => {
                row.status = "skipped";
                row.draft = p.display().to_string();
            }
            Outcome::Failed(e) => row.error = e.to_string(),
        }
        row
    }
}

/// Writes the list: CSV for a `.csv` file, else JSON (an array of rows).
pub fn write_report(path: &Path, rows: &[Row]) -> std::io::Result<()> {
    let csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let bytes = if csv {
        let mut w = csv::Writer::from_writer(Vec::new());
        for r in rows {
            w.serialize(r).map_err(std::io::Error::other)?;
        }
        w.into_inner()
            .map_err(|e| std::io::Error::other(e.to_string()))?
    } else {
        let mut s = serde_json::to_string_pretty(rows).map_err(std::io::Error::other)?;
        s.push('\n');
        s.into_bytes()
    };
    std::fs::write(path, bytes)
}

/// The counts of a run, for the summary line.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Summary {
    pub ready: usize,
    pub drafts: usize,
    pub skipped: usize,
    pub failed: usize,
}

impl Summary {
    pub fn add(&mut self, o: &Outcome) {
        match o {
            Outcome::Ready(_) => self.ready += 1,
            Outcome::Draft(_) => self.drafts += 1,
            Outcome::Skipped(_) => self.skipped += 1,
            Outcome::Failed(_) => self.failed += 1,
        }
    }

    /// "2 ready, 1 draft with TODOs, 0 skipped (draft exists), 1 failed".
    pub fn line(&self) -> String {
        format!(
            "{} ready, {} with TODOs, {} skipped (draft exists), {} failed",
            self.ready,
            crate::text::count(self.drafts, "draft", "drafts"),
            self.skipped,
            self.failed
        )
    }
}

//! A run of `arkiv import` over files and folders ([`run`]): every `.docx`
//! and `.pdf` (Word's "~$" lock files left out), read first, then grouped
//! into reports (`identity::group`): of several versions of one report
//! (the Word file, its PDF, a reviewed copy) one is used, the newest by the
//! document's own date and then the file's, Word before the PDF of the
//! same version. One line a file, in Swedish, and a summary; the list an
//! editor can sort (`--report FILE`: JSON, or CSV as `indikatorer-excel.csv`
//! is written: `;`, BOM, Swedish column names).

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::apply::{Archive, Outcome};
use super::{prepare, ImportError, Kind, Prepared};
use crate::config::{ClinicKeys, Config};
use crate::state::State;
use crate::text::count;

/// The files to import for the paths given: files as they are, folders
/// walked for `.docx` and `.pdf`; each once.
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
    let mut seen = std::collections::HashSet::new();
    out.retain(|f| seen.insert(f.clone()));
    out
}

/// One file's result, with what its draft said.
pub struct Line {
    pub file: PathBuf,
    pub outcome: Outcome,
    pub clinic: String,
    pub year: Option<i32>,
    pub topics: Vec<String>,
}

impl Line {
    /// The line printed for it.
    pub fn text(&self, dry_run: bool) -> String {
        let f = self.file.display();
        let would = |now: &str, then: &str| {
            if dry_run {
                then.to_string()
            } else {
                now.to_string()
            }
        };
        match &self.outcome {
            Outcome::Created { entry, todos } => {
                let how = match todos {
                    0 => "klar att publicera".to_string(),
                    n => format!("utkast: {}", count(*n, "sak att göra", "saker att göra")),
                };
                format!("{} {entry} från {f} ({how})", would("ny", "skulle bli ny"))
            }
            Outcome::Updated { entry, summary, taken } => {
                let mut s = format!("{} {entry} från {f}", would("uppdaterad", "skulle uppdateras:"));
                if !summary.is_empty() {
                    s.push_str(&format!(" ({summary})"));
                }
                details(&mut s, taken, dry_run);
                s
            }
            Outcome::Pending { entry, pending, conflicts, todos, taken } => {
                let mut what = Vec::new();
                if *conflicts > 0 {
                    what.push(count(*conflicts, "konflikt", "konflikter"));
                }
                if *todos > 0 {
                    what.push(count(*todos, "ny sak att göra", "nya saker att göra"));
                }
                let mut s = format!(
                    "{} {entry} från {f}: {} (i {pending}; sedan arkiv accept {entry})",
                    would("väntar på granskning", "skulle vänta på granskning"),
                    what.join(", ")
                );
                details(&mut s, taken, dry_run);
                s
            }
            Outcome::Unchanged { entry } => format!("oförändrad {entry} från {f} (inget nytt i originalet)"),
            Outcome::Exists { entry } => format!(
                "finns redan som {entry}: {f} importerades inte (rapporten har ingen tidigare import att uppdatera från)"
            ),
            Outcome::Ambiguous { entries } => format!(
                "oklart vilken rapport {f} gäller: {}; inget ändrades",
                entries.join(" eller ")
            ),
            Outcome::NotUsed { instead, why } => format!("används inte: {f} ({why} {instead})"),
            Outcome::Failed(why) => format!("misslyckades {f}: {why}"),
        }
    }
}

/// What a dry run would take, one indented line each.
fn details(s: &mut String, taken: &[String], dry_run: bool) {
    if dry_run {
        for t in taken {
            s.push_str(&format!("\n  {t}"));
        }
    }
}

/// Imports the files and folders given into `out` (the archive at `root`
/// when it is `<root>/content`), printing one line a file and the
/// summary, and writes the list to `report`; false when a file failed (or
/// the list could not be written).
pub fn run(
    config: &Config,
    root: &Path,
    paths: &[PathBuf],
    out: &Path,
    report: Option<&Path>,
    dry_run: bool,
) -> bool {
    let mut archive = Archive::new(config, State::with_content(root, out), dry_run);
    let mut lines: Vec<Line> = Vec::new();
    let files = collect(paths);
    let mut prepared: Vec<Prepared> = Vec::new();
    for file in files {
        match prepare(config, &file) {
            Ok(p) => prepared.push(p),
            Err(e) => lines.push(failed(file, e)),
        }
    }
    for l in &lines {
        println!("{}", l.text(dry_run));
    }
    let keys = ClinicKeys::new(config);
    let ids: Vec<_> = prepared.iter().map(|p| p.identity(&keys)).collect();
    for group in super::identity::group(&ids) {
        let used = choose(&prepared, &group);
        let hashes: Vec<&str> = group.iter().map(|&i| prepared[i].sha256.as_str()).collect();
        let p = &prepared[used];
        let outcome = archive.apply(p, &hashes);
        let mut group_lines = vec![line(p, outcome)];
        for &i in group.iter().filter(|&&i| i != used) {
            let other = &prepared[i];
            let same_version = ids[i].name == ids[used].name;
            let why = if same_version && other.kind == Kind::Pdf && p.kind == Kind::Docx {
                "Word går före PDF:"
            } else {
                "en äldre version av samma rapport; den nyare är"
            };
            group_lines.push(line(
                other,
                Outcome::NotUsed {
                    instead: p.file.display().to_string(),
                    why,
                },
            ));
        }
        for l in &group_lines {
            println!("{}", l.text(dry_run));
        }
        lines.extend(group_lines);
    }
    println!("{}", summary(&lines, dry_run));
    if let Some(path) = report {
        let rows: Vec<Row> = lines.iter().map(Row::new).collect();
        if let Err(e) = write_report(path, &rows) {
            println!(
                "misslyckades: listan {} kunde inte skrivas: {e}",
                path.display()
            );
            return false;
        }
    }
    !lines
        .iter()
        .any(|l| matches!(l.outcome, Outcome::Failed(_)))
}

fn failed(file: PathBuf, e: ImportError) -> Line {
    Line {
        file,
        outcome: Outcome::Failed(e),
        clinic: String::new(),
        year: None,
        topics: Vec::new(),
    }
}

fn line(p: &Prepared, outcome: Outcome) -> Line {
    Line {
        file: p.file.clone(),
        outcome,
        clinic: p.clinic().to_string(),
        year: Some(p.year()),
        topics: p.topics().to_vec(),
    }
}

/// The file of a group to import: of each version (files of one name, a
/// Word file and the PDF saved from it) its Word file; of the versions the
/// newest, by the document's own date, then the file's time.
fn choose(prepared: &[Prepared], group: &[usize]) -> usize {
    let key = |&i: &usize| {
        let p = &prepared[i];
        (
            p.date.clone(),
            p.mtime,
            p.kind == Kind::Docx,
            p.file.clone(),
        )
    };
    let name = |i: usize| {
        prepared[i]
            .file
            .file_stem()
            .map(|s| s.to_string_lossy().to_lowercase())
    };
    // Each version's representative: its Word file if it has one.
    let reps: Vec<usize> = group
        .iter()
        .copied()
        .filter(|&i| {
            prepared[i].kind == Kind::Docx
                || !group
                    .iter()
                    .any(|&j| prepared[j].kind == Kind::Docx && name(j) == name(i))
        })
        .collect();
    reps.into_iter().max_by_key(key).unwrap_or(group[0])
}

/// "1 ny, 2 uppdaterade, 1 väntar på granskning, 1 finns redan".
fn summary(lines: &[Line], dry_run: bool) -> String {
    let n = |slug: &str| lines.iter().filter(|l| l.outcome.slug() == slug).count();
    let parts: Vec<String> = [
        ("new", "ny", "nya"),
        ("updated", "uppdaterad", "uppdaterade"),
        ("pending", "väntar på granskning", "väntar på granskning"),
        ("unchanged", "oförändrad", "oförändrade"),
        ("exists", "fanns redan", "fanns redan"),
        ("ambiguous", "oklar", "oklara"),
        ("not-used", "används inte", "används inte"),
        ("failed", "misslyckades", "misslyckades"),
    ]
    .iter()
    .filter(|(slug, ..)| n(slug) > 0)
    .map(|(slug, one, many)| count(n(slug), one, many))
    .collect();
    let mut s = if parts.is_empty() {
        "inga filer att importera".to_string()
    } else {
        parts.join(", ")
    };
    if dry_run {
        s.push_str(" (provkörning: inget skrevs)");
    }
    s
}

/// One row of the editor's list.
#[derive(Debug, Serialize)]
pub struct Row {
    pub file: String,
    /// `new`, `updated`, `pending`, `unchanged`, `exists`, `ambiguous`,
    /// `not-used` or `failed` (the CSV has the Swedish words).
    pub status: &'static str,
    #[serde(skip)]
    pub label: &'static str,
    pub entry: String,
    pub clinic: String,
    pub year: String,
    pub theme: String,
    pub todos: usize,
    pub message: String,
}

impl Row {
    pub fn new(l: &Line) -> Row {
        let todos = match &l.outcome {
            Outcome::Created { todos, .. } => *todos,
            Outcome::Pending {
                conflicts, todos, ..
            } => conflicts + todos,
            _ => 0,
        };
        Row {
            file: l.file.display().to_string(),
            status: l.outcome.slug(),
            label: l.outcome.label(),
            entry: l.outcome.entry(),
            clinic: l.clinic.clone(),
            year: l.year.map(|y| y.to_string()).unwrap_or_default(),
            theme: l.topics.join(" "),
            todos,
            message: l.text(false),
        }
    }
}

/// The CSV's columns, as `indikatorer-excel.csv` names its own.
const COLUMNS: [&str; 8] = [
    "Fil",
    "Resultat",
    "Rapport",
    "Mottagning",
    "År",
    "Tema",
    "Att göra",
    "Meddelande",
];

/// Writes the list: CSV for a `.csv` file (for Excel with Swedish
/// settings), else JSON (an array of rows).
pub fn write_report(path: &Path, rows: &[Row]) -> std::io::Result<()> {
    let csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let bytes = if csv {
        let mut out = b"\xEF\xBB\xBF".to_vec();
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record(COLUMNS)?;
        let cell = |s: &str| crate::output::table::neutralise(s);
        for r in rows {
            w.write_record([
                cell(&r.file),
                r.label.to_string(),
                cell(&r.entry),
                cell(&r.clinic),
                r.year.clone(),
                cell(&r.theme),
                r.todos.to_string(),
                cell(&r.message),
            ])?;
        }
        w.flush()?;
        drop(w);
        out
    } else {
        let mut s = serde_json::to_string_pretty(rows).map_err(std::io::Error::other)?;
        s.push('\n');
        s.into_bytes()
    };
    std::fs::write(path, bytes)
}

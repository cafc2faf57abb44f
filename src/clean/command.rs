//! `arkiv clean FILE… --out DIR`: cleaned copies of files, for the editor
//! who wants to see what a file holds before it goes into the archive. The
//! copies go into `DIR`, which must not be the folder of any input (a copy
//! never lands over or beside its source), and no file there is
//! overwritten. Each file gets a Swedish line saying what was removed; a
//! file that cannot be cleaned gets its diagnostic, and nothing is
//! written for it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{clean, CleanError, Kind};
use crate::diag::{Code, Diagnostic};
use crate::text::count;

/// Cleans `files` into `out`; returns whether every file was cleaned.
pub fn run(files: &[PathBuf], out: &Path) -> bool {
    let real = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let out_real = real(out);
    for f in files {
        let dir = real(
            f.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new(".")),
        );
        if dir == out_real {
            eprintln!(
                "{}",
                Diagnostic::file_error(
                    Code::Output,
                    out.display().to_string(),
                    format!("--out is the folder of {}: the cleaned copy must not land over or beside its source; choose another folder", f.display()),
                )
            );
            return false;
        }
    }
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!(
            "{}",
            Diagnostic::file_error(
                Code::Output,
                out.display().to_string(),
                format!("cannot create the folder: {e}")
            )
        );
        return false;
    }
    let (mut done, mut failed) = (0, 0);
    let mut names = HashSet::new();
    for f in files {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let target = out.join(&name);
        match one(f, &target, names.insert(name.to_lowercase())) {
            Ok(removed) => {
                done += 1;
                let what = if removed.is_empty() {
                    "inget att ta bort".to_string()
                } else {
                    format!("borttaget: {removed}")
                };
                println!("rensad  {} → {} ({what})", f.display(), target.display());
            }
            Err(d) => {
                failed += 1;
                eprintln!("{d}");
            }
        }
    }
    println!(
        "{} rensade, {} misslyckades",
        count(done, "fil", "filer"),
        failed
    );
    failed == 0
}

/// Cleans one file into `target`.
fn one(file: &Path, target: &Path, first: bool) -> Result<super::Removed, Diagnostic> {
    let at = file.display().to_string();
    let err = |code, msg: String| Diagnostic::file_error(code, &at, msg);
    if !first {
        return Err(err(
            Code::Output,
            "another input has the same name: clean it into another folder".into(),
        ));
    }
    let kind = Kind::of_path(file).ok_or_else(|| {
        err(Code::FileType, "arkiv publishes PDF, Word (.docx), Excel (.xlsx), PNG, JPEG, WebP, GIF and text (.txt, .csv, .md) files only, so it cleans only those".into())
    })?;
    if target.exists() {
        return Err(err(
            Code::Output,
            format!("{} already exists (not overwritten)", target.display()),
        ));
    }
    let bytes =
        std::fs::read(file).map_err(|e| err(Code::Unreadable, format!("cannot read: {e}")))?;
    let cleaned = clean(kind, &bytes)
        .map_err(|e: CleanError| err(e.code(), format!("cannot be cleaned: {e}; {}", e.hint())))?;
    std::fs::write(target, &cleaned.bytes).map_err(|e| {
        err(
            Code::Output,
            format!("cannot write {}: {e}", target.display()),
        )
    })?;
    Ok(cleaned.removed)
}

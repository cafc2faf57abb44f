//! The output folder, written atomically: a build goes into a staging
//! folder beside the target and replaces the target only when every page,
//! file and check has succeeded. A failed build leaves the old output as it
//! was and removes its staging folder.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic};

/// Marks a folder as arkiv's own output, so that a rebuild may replace it.
pub const MARKER: &str = ".arkiv-output";

/// A staging folder that becomes the output folder on `commit`.
pub struct Staging {
    target: PathBuf,
    staging: PathBuf,
    committed: bool,
}

fn io_err(path: &Path, what: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::file_error(
        Code::Output,
        path.display().to_string(),
        format!("{what}: {e}"),
    )
}

/// Refuses output folders a build must never replace: the site root, a
/// folder holding the root, a folder with `content/`, or a non-empty folder
/// that an earlier build did not write.
pub fn check_target(root: &Path, target: &Path) -> Result<(), Diagnostic> {
    let shown = target.display().to_string();
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        p.canonicalize().unwrap_or_else(|_| normalize(&p))
    };
    let (root_abs, target_abs) = (abs(root), abs(target));
    if target_abs == root_abs || root_abs.starts_with(&target_abs) {
        return Err(Diagnostic::file_error(
            Code::Output,
            shown,
            "refusing to write the output into the site root or a folder that contains it",
        ));
    }
    if target.join("content").exists() {
        return Err(Diagnostic::file_error(
            Code::Output,
            shown,
            "refusing to replace an output folder that contains content/",
        ));
    }
    if target.is_dir() && !target.join(MARKER).exists() {
        let empty = fs::read_dir(target)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(Diagnostic::file_error(Code::Output, shown, "refusing to replace a folder that arkiv did not write (no .arkiv-output marker); remove it or choose another --output"));
        }
    }
    if target.exists() && !target.is_dir() {
        return Err(Diagnostic::file_error(
            Code::Output,
            shown,
            "the output path exists and is not a folder",
        ));
    }
    Ok(())
}

/// Removes `.` and `..` without touching the file system.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

impl Staging {
    /// Creates an empty staging folder beside `target`.
    pub fn new(target: &Path) -> Result<Staging, Diagnostic> {
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)
            .map_err(|e| io_err(parent, "cannot create the output's parent folder", e))?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let staging = parent.join(format!(".{name}.arkiv-staging-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging)
                .map_err(|e| io_err(&staging, "cannot clear the staging folder", e))?;
        }
        fs::create_dir_all(&staging)
            .map_err(|e| io_err(&staging, "cannot create the staging folder", e))?;
        Ok(Staging {
            target: target.to_path_buf(),
            staging,
            committed: false,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.staging
    }

    /// Writes a file below the staging folder, creating parent folders.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let path = self.prepare(rel)?;
        fs::write(&path, bytes).map_err(|e| io_err(&path, "cannot write", e))
    }

    /// Writes a file below the staging folder through a buffer, as `fill`
    /// makes it: for files too large to hold in memory (the open data).
    pub fn write_with(
        &self,
        rel: &str,
        fill: impl FnOnce(&mut (dyn Write + Send)) -> Result<(), Diagnostic>,
    ) -> Result<(), Diagnostic> {
        let path = self.prepare(rel)?;
        let file = fs::File::create(&path).map_err(|e| io_err(&path, "cannot write", e))?;
        let mut w = BufWriter::with_capacity(1 << 16, file);
        fill(&mut w)?;
        w.flush().map_err(|e| io_err(&path, "cannot write", e))
    }

    /// The size of a file written below the staging folder.
    pub fn size(&self, rel: &str) -> Option<u64> {
        fs::metadata(self.resolve(rel).ok()?).ok().map(|m| m.len())
    }

    /// The path of a file to write below the staging folder, its parent
    /// folders made.
    fn prepare(&self, rel: &str) -> Result<PathBuf, Diagnostic> {
        let path = self.resolve(rel)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| io_err(parent, "cannot create folder", e))?;
        }
        Ok(path)
    }

    /// A path below the staging folder; never one that leaves it.
    fn resolve(&self, rel: &str) -> Result<PathBuf, Diagnostic> {
        let p = Path::new(rel);
        if p.is_absolute()
            || p.components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            return Err(Diagnostic::file_error(
                Code::Output,
                rel,
                "refusing to write outside the output folder",
            ));
        }
        Ok(self.staging.join(p))
    }

    /// Swaps the staging folder in place of the target.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        self.write(
            MARKER,
            b"This folder is written by arkiv build and replaced on every build.\n",
        )?;
        let old = self.staging.with_file_name(format!(
            "{}.old",
            self.staging
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ));
        let had_old = self.target.exists();
        if had_old {
            fs::rename(&self.target, &old)
                .map_err(|e| io_err(&self.target, "cannot move the old output aside", e))?;
        }
        if let Err(e) = fs::rename(&self.staging, &self.target) {
            if had_old {
                let _ = fs::rename(&old, &self.target);
            }
            return Err(io_err(
                &self.target,
                "cannot move the new output in place",
                e,
            ));
        }
        self.committed = true;
        if had_old {
            let _ = fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

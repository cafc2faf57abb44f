//! Fixture sites as stored in `tests/fixtures/` (see its README.md): a
//! fixture is either a whole site or an overlay of another fixture, and may
//! keep the output it expects beside it. This module turns a stored fixture
//! into a site folder and compares (or, when blessing, rewrites) expected
//! files.

use std::path::{Path, PathBuf};

use super::repo;

/// The file that makes a fixture an overlay of another one.
pub const OVERLAY: &str = "overlay.toml";
/// The diagnostics an invalid fixture prints on stderr, exactly.
pub const EXPECTED_STDERR: &str = "expected.stderr";

/// The folder of a fixture as stored. Site fixtures are read through
/// [`super::TestSite`], which applies overlays; this path is for the
/// folders of plain input files (`import/`, `link-list/`) and for the
/// expected files.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// The names of the stored fixtures that start with `prefix`, sorted.
pub fn fixtures_named(prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo().join("tests/fixtures"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect();
    names.sort();
    names
}

/// `overlay.toml`: the fixture is `base` with `remove` deleted and the
/// fixture's own files added or put in place of the base's.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Overlay {
    base: String,
    #[serde(default)]
    remove: Vec<String>,
}

/// Writes the site of fixture `name` into `to`: for an overlay, its base
/// (itself possibly an overlay) first, then the removals, then its own
/// files. Panics on a stale overlay (a removal of a file the base does not
/// have, or a file identical to the base's), so overlays stay minimal.
pub fn materialise(name: &str, to: &Path) {
    let dir = fixture(name);
    assert!(dir.is_dir(), "no fixture {}", dir.display());
    let overlay = dir.join(OVERLAY);
    if overlay.is_file() {
        let text = std::fs::read_to_string(&overlay).unwrap();
        let o: Overlay =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", overlay.display()));
        assert_ne!(
            o.base,
            name,
            "{}: a fixture cannot be its own base",
            overlay.display()
        );
        materialise(&o.base, to);
        for rel in &o.remove {
            let p = to.join(rel);
            assert!(
                p.is_file(),
                "{}: remove {rel:?}, but {} has no such file",
                overlay.display(),
                o.base
            );
            std::fs::remove_file(p).unwrap();
        }
        copy_files(&dir, &dir, to, Some(&o.base));
    } else {
        copy_files(&dir, &dir, to, None);
    }
}

/// Copies the files below `from` (a part of fixture folder `top`) into
/// `to`, leaving out the fixture's own bookkeeping files and any `public/`
/// left by a manual build. With a `base`, a file that is byte-identical
/// to the one it replaces is an error.
fn copy_files(top: &Path, from: &Path, to: &Path, base: Option<&str>) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        let target = to.join(&name);
        if entry.file_type().unwrap().is_dir() {
            if name != "public" {
                copy_files(top, &entry.path(), &target, base);
            }
            continue;
        }
        if from == top && (name == OVERLAY || name == EXPECTED_STDERR) {
            continue;
        }
        let bytes = std::fs::read(entry.path()).unwrap();
        if let Some(base) = base {
            assert!(
                std::fs::read(&target).ok().as_ref() != Some(&bytes),
                "{} is the same as in {base}: delete it from the overlay",
                entry.path().display()
            );
        }
        std::fs::write(target, bytes).unwrap();
    }
}

/// Whether the tests rewrite expected files instead of failing
/// (`ARKIV_BLESS=1 cargo test`).
pub fn blessing() -> bool {
    std::env::var("ARKIV_BLESS").is_ok_and(|v| v == "1")
}

/// Compares `actual` with the expected file `path`, read as it is. When
/// `bless` is set, a differing or missing file is rewritten instead.
/// Returns a description of the difference.
pub fn compare_expected(path: &Path, actual: &str, bless: bool) -> Result<(), String> {
    let expected = std::fs::read_to_string(path).ok();
    if expected.as_deref() == Some(actual) {
        return Ok(());
    }
    if bless {
        std::fs::write(path, actual).unwrap();
        eprintln!("blessed {}", path.display());
        return Ok(());
    }
    let shown = path.strip_prefix(repo()).unwrap_or(path).display();
    Err(match expected {
        None => format!("{shown} is missing; the output was:\n{actual}"),
        Some(expected) => format!("--- {shown}\n+++ actual\n{}", line_diff(&expected, actual)),
    })
}

/// A line diff (longest common subsequence; expected files are short),
/// with a note when only the final newline differs.
fn line_diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    // lcs[i][j]: length of the common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out += &format!(" {}\n", a[i]);
            (i, j) = (i + 1, j + 1);
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out += &format!("-{}\n", a[i]);
            i += 1;
        } else {
            out += &format!("+{}\n", b[j]);
            j += 1;
        }
    }
    if a == b {
        out += "(only the line endings or the final newline differ)\n";
    }
    out
}

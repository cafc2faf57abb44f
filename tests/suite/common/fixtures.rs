//! Fixture sites as stored in `tests/fixtures/`: a fixture is either a
//! whole site or an overlay of another fixture. This module turns a stored
//! fixture into a site folder.

use std::path::{Path, PathBuf};

use super::repo;

/// The file that makes a fixture an overlay of another one.
pub const OVERLAY: &str = "overlay.toml";

/// The folder of a fixture as stored. Site fixtures are read through
/// [`super::TestSite`], which applies overlays; this path is for the
/// folders of plain input files (`import/`, `link-list/`).
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
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
        if from == top && name == OVERLAY {
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

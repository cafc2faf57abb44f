//! `arkiv init DIR`: a new archive, as `hugo new site` or `zola init` start
//! one.
//!
//! Writes `DIR/site.toml` (the required settings, this archive's topics as a
//! starting point, the optional tables as commented examples, every part
//! explained in Swedish), one example report in `DIR/content/<this year>/`
//! that `check` passes without a warning, `DIR/README.md`, a short
//! Swedish guide for the archive's editors, the full one in
//! `DIR/docs/redaktorer.md` (the guide compiled into this binary, which
//! `arkiv explain` reads), `DIR/.gitignore` (the built
//! `public/`) and `DIR/.github/workflows/arkiv.yml`, the CI workflow that
//! installs arkiv from the git address and version set in the
//! repository's variables, checks, builds and publishes to GitHub Pages
//! (`docs/ci.md`). The texts are the templates in `init/`, compiled in;
//! `{{year}}` and `{{previous_year}}` are filled in.
//!
//! `DIR` must be new or empty: hidden entries such as `.git` do not count
//! (as in `zola init`), anything else refuses the command with nothing
//! written.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::Datelike;

use crate::diag::{Code, Diagnostic};

const SITE_TOML: &str = include_str!("init/site.toml.in");
const REPORT: &str = include_str!("init/report.md.in");
const README: &str = include_str!("init/README.md.in");
const GITIGNORE: &str = include_str!("init/gitignore.in");
const WORKFLOW: &str = include_str!("init/workflow.yml.in");

/// Where `init` writes the CI workflow.
pub const WORKFLOW_FILE: &str = ".github/workflows/arkiv.yml";

/// Where `init` writes the editors' guide: the one this binary's
/// `arkiv explain` reads, so that it matches the version in use.
pub const GUIDE_FILE: &str = "docs/redaktorer.md";

/// The example report's file name in `content/<year>/`.
pub use crate::content::placeholders::EXAMPLE_REPORT;

/// The files of a new archive for programme year `year`: each path (with
/// `/`, relative to the archive's folder) and its text.
pub fn files(year: i32) -> Vec<(String, String)> {
    let fill = |template: &str| {
        template
            .replace("{{year}}", &year.to_string())
            .replace("{{previous_year}}", &(year - 1).to_string())
    };
    vec![
        ("site.toml".to_string(), fill(SITE_TOML)),
        (format!("content/{year}/{EXAMPLE_REPORT}"), fill(REPORT)),
        ("README.md".to_string(), fill(README)),
        (".gitignore".to_string(), GITIGNORE.to_string()),
        (WORKFLOW_FILE.to_string(), WORKFLOW.to_string()),
        (GUIDE_FILE.to_string(), crate::diag::GUIDE.to_string()),
    ]
}

/// Writes a new archive into `dir` (created if missing); returns the paths
/// written, relative to `dir`. A folder that is not empty is refused, with
/// nothing written; a write that fails takes back what was written.
pub fn create(dir: &Path) -> Result<Vec<String>, Diagnostic> {
    let shown = dir.display().to_string();
    let fail = |msg: String| Diagnostic::file_error(Code::Authoring, &shown, msg);
    if dir.exists() {
        if !dir.is_dir() {
            return Err(fail(
                "not a folder; arkiv init needs a new or empty folder".to_string(),
            ));
        }
        let entries =
            fs::read_dir(dir).map_err(|e| fail(format!("cannot read the folder: {e}")))?;
        // An entry that cannot be read counts: it may be anything.
        let visible = |e: std::io::Result<fs::DirEntry>| {
            e.map_or(true, |e| !e.file_name().to_string_lossy().starts_with('.'))
        };
        if entries.into_iter().any(visible) {
            return Err(fail(
                "the folder is not empty; arkiv init starts an archive only in a new or \
                 empty folder (nothing was written)"
                    .to_string(),
            ));
        }
    }
    let files = files(chrono::Local::now().year());
    let mut written = Written::default();
    for (rel, text) in &files {
        // A repository made on GitHub may come with a .gitignore: the
        // archive's lines are added to it, nothing of it is replaced.
        let existing = dir.join(rel);
        if rel == ".gitignore" && existing.is_file() {
            if let Err(e) = append_missing(&existing, text) {
                written.take_back();
                return Err(fail(format!("cannot add to {rel}: {e} (nothing was kept)")));
            }
            continue;
        }
        if let Err(e) = written.write(dir, rel, text) {
            written.take_back();
            return Err(fail(format!("cannot write {rel}: {e} (nothing was kept)")));
        }
    }
    Ok(files.into_iter().map(|(rel, _)| rel).collect())
}

/// Adds the lines of `text` that `path` lacks at its end.
fn append_missing(path: &Path, text: &str) -> std::io::Result<()> {
    let old = fs::read_to_string(path)?;
    let have: Vec<&str> = old.lines().map(str::trim).collect();
    let add: Vec<&str> = text.lines().filter(|l| !have.contains(&l.trim())).collect();
    if add.is_empty() {
        return Ok(());
    }
    let sep = if old.is_empty() || old.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    fs::write(path, format!("{old}{sep}{}\n", add.join("\n")))
}

/// What `create` wrote so far: files, and the folders it made, in order.
#[derive(Default)]
struct Written {
    files: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
}

impl Written {
    fn write(&mut self, dir: &Path, rel: &str, text: &str) -> std::io::Result<()> {
        let path = dir.join(rel);
        let parent = path.parent().unwrap_or(dir);
        // The folders to make, outermost first, so that they can be
        // removed innermost first.
        // (`Path::new("")`, the current folder, ends a relative path.)
        let missing: Vec<&Path> = parent
            .ancestors()
            .take_while(|p| !p.as_os_str().is_empty() && !p.exists())
            .collect();
        for d in missing.into_iter().rev() {
            fs::create_dir(d)?;
            self.dirs.push(d.to_path_buf());
        }
        // `create_new`: never replace a file, even one made a moment ago.
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()))
            .inspect_err(|_| {
                let _ = fs::remove_file(&path);
            })?;
        self.files.push(path);
        Ok(())
    }

    /// Removes what was written; a folder only if it is empty again.
    fn take_back(&self) {
        for f in self.files.iter().rev() {
            let _ = fs::remove_file(f);
        }
        for d in self.dirs.iter().rev() {
            let _ = fs::remove_dir(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn site_toml() -> String {
        files(2025).remove(0).1
    }

    #[test]
    fn the_site_toml_parses_and_starts_from_this_archives_topics() {
        let new = Config::parse(&site_toml()).expect("the template parses");
        let real = include_str!("../../site.toml");
        let real = Config::parse(real).expect("site.toml parses");
        let topics = |c: &Config| {
            c.topics
                .iter()
                .map(|t| {
                    let aliases: Vec<&str> =
                        t.aliases.iter().map(|a| a.get_ref().as_str()).collect();
                    format!(
                        "{} {} {:?} {aliases:?}",
                        t.slug.get_ref(),
                        t.name,
                        t.description
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(topics(&new), topics(&real));
        assert_eq!(new.base_url.get_ref(), "https://example.org");
        assert_eq!(new.language, "sv");
    }

    /// The commented examples are valid settings: with the first `#` of
    /// each example line taken away (`#name = …`, not the `# prose`), the
    /// file still parses, and every optional table is there.
    #[test]
    fn the_commented_examples_parse_when_uncommented() {
        let uncommented: String = site_toml()
            .lines()
            .map(|l| match l.strip_prefix('#') {
                Some(rest) if !rest.is_empty() && !rest.starts_with(' ') => rest,
                _ => l,
            })
            .map(|l| format!("{l}\n"))
            .collect();
        let config = Config::parse(&uncommented).unwrap_or_else(|d| panic!("{d:?}\n{uncommented}"));
        assert_eq!(config.clinics.len(), 1);
        assert_eq!(config.redirects.len(), 1);
        assert_eq!(config.privacy.allow, ["19121212-1212"]);
        assert!(config.accessibility.publisher.is_some());
        assert!(config.contact.is_some() && config.clinics[0].url.is_some());
        assert_eq!(config.data_license, "CC BY 4.0");
    }

    #[test]
    fn the_year_is_filled_in_everywhere() {
        for (rel, text) in files(2031) {
            // (`${{ vars.X }}` in the workflow is GitHub's, not ours.)
            let ours = text.replace("${{", "");
            assert!(!ours.contains("{{"), "{rel}");
            assert!(!rel.contains("{{"), "{rel}");
        }
        assert_eq!(files(2031)[1].0, "content/2031/exempel-mottagning-sip.md");
        assert!(files(2031)[1].1.contains("\nyear: 2031 "));
    }
}

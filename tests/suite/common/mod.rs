//! Helpers: run the `arkiv` binary on a fixture site written into a
//! temporary folder, read and parse what it wrote. `fixtures` turns stored
//! fixtures (overlays included) into sites and compares expected files;
//! `html` reads built pages.

mod fixtures;
mod html;

pub use fixtures::*;
pub use html::*;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture site in a temporary folder that can be edited and rebuilt.
pub struct TestSite {
    _tmp: tempfile::TempDir,
    pub root: PathBuf,
}

impl TestSite {
    /// The site of a stored fixture (an overlay applied to its base), in a
    /// fresh temporary folder, so tests may edit it.
    pub fn new(fixture_name: &str) -> TestSite {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        materialise(fixture_name, &root);
        TestSite { _tmp: tmp, root }
    }

    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    /// `arkiv <cmd> --root <this site>`.
    pub fn run(&self, cmd: &str) -> Run {
        run(&[cmd, "--root", self.root.to_str().unwrap()])
    }

    pub fn build(&self) -> Run {
        self.run("build")
    }

    pub fn check(&self) -> Run {
        self.run("check")
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// Lists every report now under `content/` in one `[[duplicates.allow]]`
    /// entry: for a test site that holds many cases of one clinic, year and
    /// theme on purpose (the rule itself: `tests/suite/duplicates.rs`).
    pub fn allow_duplicates(&self) {
        let files: Vec<String> = files_below(&self.root.join("content"))
            .into_iter()
            .filter(|f| f.ends_with(".md"))
            .map(|f| format!("\"content/{f}\""))
            .collect();
        let config = self.root.join("site.toml");
        let mut text = std::fs::read_to_string(&config).unwrap();
        text.push_str(&format!(
            "\n[[duplicates.allow]]\nfiles = [{}]\nreason = \"Testfall, ett per fil.\"\n",
            files.join(", ")
        ));
        std::fs::write(config, text).unwrap();
    }

    pub fn read_out(&self, rel: &str) -> String {
        let p = self.public().join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

/// A file's text with each TODO that `arkiv import` wrapped onto a
/// second comment line (`#   …`) on one line again.
pub fn unwrapped(md: &str) -> String {
    let mut out = String::new();
    for line in md.split_inclusive('\n') {
        match line.trim_start().strip_prefix("#   ") {
            Some(rest) if out.ends_with('\n') => {
                out.pop();
                out.push(' ');
                out.push_str(rest);
            }
            _ => out.push_str(line),
        }
    }
    out
}

pub fn run(args: &[&str]) -> Run {
    run_in(args, &repo(), &[])
}

pub fn run_in(args: &[&str], cwd: &Path, env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_arkiv"));
    cmd.args(args).current_dir(cwd).env_remove("GITHUB_ACTIONS");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out: Output = cmd.output().expect("run arkiv");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Every file below a folder, relative, sorted.
pub fn files_below(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            out.push(
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
    out
}

/// The real archive (repo root) built once per test binary into a
/// temporary folder; returns the output folder.
pub fn real_site() -> &'static Path {
    use std::sync::OnceLock;
    static OUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = OUT.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        run(&[
            "build",
            "--root",
            repo().to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ])
        .assert_ok();
        (tmp, out)
    });
    out
}

/// A synthetic archive of `n` reports from `../shared/bench/gen_corpus.py`
/// (seed 1) in `dir/corpus`; `None` (skip) outside CI when the generator or
/// python3 is missing.
pub fn generated_corpus(dir: &Path, n: usize) -> Option<PathBuf> {
    generated_corpus_with(dir, n, &[])
}

/// [`generated_corpus`] with more arguments for gen_corpus.py (`--ties`:
/// change ideas tied to the goals they aimed at).
pub fn generated_corpus_with(dir: &Path, n: usize, args: &[&str]) -> Option<PathBuf> {
    let gen = repo().join("../shared/bench/gen_corpus.py");
    if !gen.is_file() {
        assert!(
            std::env::var("CI").is_err(),
            "CI needs ../shared/bench/gen_corpus.py"
        );
        eprintln!("generated-archive test skipped: no {}", gen.display());
        return None;
    }
    let corpus = dir.join("corpus");
    let status = std::process::Command::new("python3")
        .args([gen.to_str().unwrap(), "--reports", &n.to_string(), "--out"])
        .arg(&corpus)
        .args(args)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("python3");
    assert!(status.success());
    Some(corpus)
}

/// [`generated_corpus_with`], built into `dir/out` with `build_args`
/// (`--no-search`): the corpus and the output, or `None` (skip) as there.
pub fn built_corpus(
    dir: &Path,
    n: usize,
    gen_args: &[&str],
    build_args: &[&str],
) -> Option<(PathBuf, PathBuf)> {
    let corpus = generated_corpus_with(dir, n, gen_args)?;
    let out = dir.join("out");
    let mut args = vec!["build"];
    args.extend_from_slice(build_args);
    args.extend([
        "--root",
        corpus.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    run(&args).assert_ok();
    Some((corpus, out))
}

/// The topic slugs of the real archive's site.toml.
pub const REAL_TOPICS: [&str; 7] = [
    "sip",
    "sjukskrivning",
    "psykisk-ohalsa",
    "nara-vard",
    "lakemedel",
    "levnadsvanor",
    "smarta",
];

/// What `docs/open-data.schema.json` finds wrong with a `rapporter.json`.
pub fn open_data_schema_errors(data: &serde_json::Value) -> Vec<String> {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("docs/open-data.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    validator.iter_errors(data).map(|e| e.to_string()).collect()
}

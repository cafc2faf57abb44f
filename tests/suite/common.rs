//! Helpers: run the `arkiv` binary on a fixture copied into a temporary
//! folder, read and parse what it wrote.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// Copies a folder recursively (fixtures are small).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() == "public" {
                continue;
            }
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A fixture site in a temporary folder that can be edited and rebuilt.
pub struct TestSite {
    _tmp: tempfile::TempDir,
    pub root: PathBuf,
}

impl TestSite {
    pub fn new(fixture_name: &str) -> TestSite {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        copy_dir(&fixture(fixture_name), &root);
        TestSite { _tmp: tmp, root }
    }

    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    pub fn build(&self) -> Run {
        run(&["build", "--root", self.root.to_str().unwrap()])
    }

    pub fn check(&self) -> Run {
        run(&["check", "--root", self.root.to_str().unwrap()])
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
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

/// The visible text of an element, whitespace collapsed, no-break spaces
/// turned into plain ones.
pub fn text_of(el: scraper::ElementRef) -> String {
    // Text nodes are joined with a space: block elements (dt/dd, th/td)
    // would otherwise run together.
    el.text()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn select<'a>(doc: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = scraper::Selector::parse(css).unwrap();
    doc.select(&sel).collect()
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

/// Checks a built site: every internal `href`/`src` resolves to a file
/// (anchors to an element id of the target page), and no page loads
/// anything (stylesheet, script, image, frame, font, media) from another
/// origin. Returns the problems found.
pub fn link_problems(out: &Path, base_path: &str) -> Vec<String> {
    use std::collections::{HashMap, HashSet};
    let pages: Vec<String> = files_below(out)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    let mut ids: HashMap<String, HashSet<String>> = HashMap::new();
    let mut docs = Vec::new();
    for p in &pages {
        let doc = Html::parse_document(&std::fs::read_to_string(out.join(p)).unwrap());
        let set = select(&doc, "[id]")
            .into_iter()
            .filter_map(|e| e.value().attr("id").map(String::from))
            .collect();
        ids.insert(p.clone(), set);
        docs.push((p.clone(), doc));
    }
    let mut problems = Vec::new();
    for (p, doc) in &docs {
        for el in select(doc, "[href], [src], [action], [srcset], [poster], [data]") {
            let tag = el.value().name();
            for attr in ["href", "src", "action", "poster", "data"] {
                let Some(url) = el.value().attr(attr) else {
                    continue;
                };
                let external = url.starts_with("http://")
                    || url.starts_with("https://")
                    || url.starts_with("//");
                if external {
                    let canonical = tag == "link" && el.value().attr("rel") == Some("canonical");
                    let alternate = tag == "link" && el.value().attr("rel") == Some("alternate");
                    if !(tag == "a" || canonical || alternate) {
                        problems.push(format!(
                            "{p}: <{tag} {attr}=\"{url}\"> loads from another site"
                        ));
                    }
                    continue;
                }
                if url.starts_with("mailto:") || url.starts_with("tel:") {
                    continue;
                }
                let (path, anchor) = match url.split_once('#') {
                    Some((a, b)) => (a, Some(b)),
                    None => (url, None),
                };
                let path = path.split('?').next().unwrap_or("");
                let target = if path.is_empty() {
                    p.clone()
                } else if let Some(rel) = path.strip_prefix(base_path) {
                    let rel = percent_decode(rel);
                    if rel.is_empty() || rel.ends_with('/') {
                        format!("{rel}index.html")
                    } else {
                        rel
                    }
                } else {
                    problems.push(format!(
                        "{p}: <{tag} {attr}=\"{url}\"> is not under the base path {base_path}"
                    ));
                    continue;
                };
                if !out.join(&target).is_file() {
                    problems.push(format!("{p}: <{tag} {attr}=\"{url}\"> is broken"));
                    continue;
                }
                if let Some(a) = anchor.filter(|a| !a.is_empty()) {
                    if ids
                        .get(&target)
                        .is_some_and(|s| !s.contains(&percent_decode(a)))
                    {
                        problems.push(format!(
                            "{p}: <{tag} {attr}=\"{url}\"> points to a missing anchor"
                        ));
                    }
                }
            }
        }
    }
    problems
}

pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Problems with executable markup in one output file: scripts, event
/// handlers, dangerous URL schemes, frames, plugins, forms that are not
/// the site's own search forms.
pub fn executable_markup(name: &str, text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let doc = Html::parse_document(text);
    for el in select(&doc, "*") {
        let v = el.value();
        let tag = v.name();
        // The one script arkiv writes: the search page's module, empty and
        // from the site's own assets.
        let own_search_script = tag == "script"
            && name.ends_with("sok/index.html")
            && v.attr("type") == Some("module")
            && v.attr("src")
                .is_some_and(|s| s.starts_with('/') && s.ends_with("/assets/sok.js"))
            && el.text().next().is_none();
        if !own_search_script
            && matches!(
                tag,
                "script" | "iframe" | "frame" | "frameset" | "object" | "embed" | "applet" | "base"
            )
        {
            problems.push(format!("{name}: <{tag}> element"));
        }
        if tag == "meta"
            && v.attr("http-equiv")
                .is_some_and(|h| h.eq_ignore_ascii_case("refresh"))
        {
            problems.push(format!("{name}: <meta http-equiv=refresh>"));
        }
        if tag == "form" && v.attr("role") != Some("search") {
            problems.push(format!("{name}: <form> that is not a search form"));
        }
        for (attr, value) in v.attrs() {
            let attr_l = attr.to_ascii_lowercase();
            if attr_l.starts_with("on") {
                problems.push(format!("{name}: <{tag} {attr}=…> event handler"));
            }
            let cleaned: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            let url_attr = matches!(
                attr_l.as_str(),
                "href"
                    | "src"
                    | "action"
                    | "formaction"
                    | "data"
                    | "xlink:href"
                    | "poster"
                    | "background"
                    | "srcset"
            );
            if url_attr
                && (cleaned.starts_with("javascript:")
                    || cleaned.starts_with("data:")
                    || cleaned.starts_with("vbscript:"))
            {
                problems.push(format!("{name}: <{tag} {attr}=\"{value}\"> dangerous URL"));
            }
            if attr_l == "style"
                && (cleaned.contains("javascript:") || cleaned.contains("expression("))
            {
                problems.push(format!("{name}: <{tag} style=…> with script"));
            }
        }
    }
    problems
}

use scraper::Html;

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

/// The payload of a Pagefind bundle file: gunzipped, without its
/// "pagefind_dcd" signature.
pub fn pagefind_decode(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .ok()?;
    out.strip_prefix(b"pagefind_dcd").map(<[u8]>::to_vec)
}

/// A synthetic archive of `n` reports from `../shared/bench/gen_corpus.py`
/// (seed 1) in `dir/corpus`; `None` (skip) outside CI when the generator or
/// python3 is missing.
pub fn generated_corpus(dir: &Path, n: usize) -> Option<PathBuf> {
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
        .stdout(std::process::Stdio::null())
        .status()
        .expect("python3");
    assert!(status.success());
    Some(corpus)
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

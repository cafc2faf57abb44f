//! Browser and validator checks of built sites (trust gates: valid HTML,
//! accessible pages, payloads that never run):
//!
//! - the Nu Html Checker (`tests/browser/vnu.sh`, vnu-jar on Java) finds no
//!   error on any page of the real site and of a generated site (200
//!   reports from gen_corpus.py plus 90 in 2024 from clinics under A, Å, Ä,
//!   O and Ö, so a year is paginated and every letter has its anchor);
//! - axe-core in headless Chromium (`tests/browser/a11y.mjs`, tags wcag2a,
//!   wcag2aa, wcag21a, wcag21aa, no rule disabled) finds no violation at 390
//!   and at 1280 px, and the keyboard, reflow and no-other-host checks pass,
//!   on every page type of the real site and on a report, year (both pages),
//!   theme and clinic of the generated one;
//! - the layout at 390 and 1280 px (`tests/browser/layout.mjs`): chart text
//!   sizes, indicator cards, the search page's order, Avgränsa, chips;
//! - pages built from the XSS payload fixture open no dialog when loaded,
//!   hovered, focused and clicked (`tests/browser/xss.mjs`).
//!
//! The tools are Debian's Chromium, a Java runtime, Node.js and the npm
//! packages of `tests/browser/` (`npm ci --ignore-scripts --prefix
//! tests/browser`); `.ci/run` installs them. Without them the checks print
//! "browser checks skipped: <why>" and pass, except when `CI=true`, where a
//! missing tool is a failure.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{repo, run};

/// Longest one tool may run before it is stopped and the check fails.
const TOOL_TIMEOUT: Duration = Duration::from_secs(600);

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

pub(crate) fn browser_dir() -> PathBuf {
    repo().join("tests/browser")
}

fn chromium() -> PathBuf {
    std::env::var_os("ARKIV_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

fn gen_corpus_script() -> PathBuf {
    repo().join("../shared/bench/gen_corpus.py")
}

/// The first line a command prints (stdout or stderr), if it runs at all.
fn version_of(program: &str, arg: &str) -> Option<String> {
    let out = Command::new(program)
        .arg(arg)
        .stdin(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = if out.stdout.is_empty() {
        out.stderr
    } else {
        out.stdout
    };
    Some(
        String::from_utf8_lossy(&text)
            .lines()
            .next()
            .unwrap_or("")
            .to_string(),
    )
}

/// Why a check cannot run here, if a tool it needs is missing.
fn missing(need_browser: bool, need_java: bool) -> Option<String> {
    let mut why = Vec::new();
    match version_of("node", "--version") {
        None => why.push("`node` not found".to_string()),
        Some(v) => {
            let major: u32 = v
                .trim_start_matches('v')
                .split('.')
                .next()
                .and_then(|m| m.parse().ok())
                .unwrap_or(0);
            if major < 20 {
                why.push(format!("Node.js {v} is too old (need 20 or newer)"));
            }
        }
    }
    let modules = browser_dir().join("node_modules");
    let mut packages = vec![];
    if need_browser {
        packages.push("playwright-core/package.json");
        packages.push("axe-core/axe.min.js");
        if !chromium().is_file() {
            why.push(format!("no Chromium at {}", chromium().display()));
        }
    }
    if need_java {
        packages.push("vnu-jar/build/dist/vnu.jar");
        if version_of("java", "-version").is_none() {
            why.push("`java` not found".to_string());
        }
    }
    let absent: Vec<&str> = packages
        .into_iter()
        .filter(|p| !modules.join(p).is_file())
        .collect();
    if !absent.is_empty() {
        why.push(format!(
            "tests/browser/node_modules/{{{}}} missing (run `npm ci --ignore-scripts --prefix tests/browser`)",
            absent.join(",")
        ));
    }
    (!why.is_empty()).then(|| why.join("; "))
}

/// Says that a check was skipped, on stderr directly: `cargo test` hides
/// what a passing test prints with `eprintln!`, not this.
fn skipped(why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "browser checks skipped: {why}");
}

/// True when the tools are there. Otherwise prints why and returns false,
/// or, in CI, fails.
pub(crate) fn ready(check: &str, need_browser: bool, need_java: bool) -> bool {
    match missing(need_browser, need_java) {
        None => true,
        Some(why) if in_ci() => panic!("{check}: cannot run in CI (CI=true): {why}"),
        Some(why) => {
            skipped(&format!("{check}: {why}"));
            false
        }
    }
}

/// Whether the generated corpus can be made; in CI it must.
pub(crate) fn gen_corpus_ready(check: &str) -> bool {
    let why = if !gen_corpus_script().is_file() {
        Some(format!("{} not found", gen_corpus_script().display()))
    } else if version_of("python3", "--version").is_none() {
        Some("`python3` not found".to_string())
    } else {
        None
    };
    match why {
        None => true,
        Some(why) if in_ci() => panic!("{check}: cannot run in CI (CI=true): {why}"),
        Some(why) => {
            skipped(&format!("{check} on the generated 200-report site: {why}"));
            false
        }
    }
}

/// Builds the site at `root` into `out` with the arkiv binary.
pub(crate) fn build(root: &Path, out: &Path) {
    run(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ])
    .assert_ok();
    assert!(
        out.join("index.html").is_file(),
        "no index.html in {}",
        out.display()
    );
}

/// Clinics under A, Å, Ä, O and Ö, added to the generated corpus: the
/// clinic index needs an anchor of its own for each letter.
const LETTER_CLINICS: [&str; 5] = [
    "Alby vårdcentral",
    "Åby vårdcentral",
    "Ängby vårdcentral",
    "Orsa vårdcentral",
    "Öckerö vårdcentral",
];

/// Reports added to the generated corpus in 2024 (19 there of its own),
/// so that the year passes 100 and gets a second page (`/2024/sida/2/`).
const EXTRA_2024: usize = 90;

/// Writes a 200-report corpus with gen_corpus.py into `tmp/corpus`, adds
/// [`EXTRA_2024`] plans of the [`LETTER_CLINICS`] to 2024, and builds it
/// into `tmp/gen`: its pages include a paginated year and the clinic index
/// with A, Å, Ä, O and Ö.
pub(crate) fn build_generated(tmp: &Path) -> PathBuf {
    let corpus = tmp.join("corpus");
    let out = Command::new("python3")
        .arg(gen_corpus_script())
        .args(["--reports", "200", "--ties", "--out"])
        .arg(&corpus)
        .output()
        .expect("run gen_corpus.py");
    assert!(
        out.status.success(),
        "gen_corpus.py failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for i in 0..EXTRA_2024 {
        // A clinic of its own each (one report a clinic, year and theme),
        // its name still under the letter of its kind.
        let n = LETTER_CLINICS.len();
        let clinic = format!("{} {}", LETTER_CLINICS[i % n], i / n + 1);
        std::fs::write(
            corpus.join(format!("content/2024/extra-{i:03}.md")),
            format!(
                "---\ntitle: Uppföljning nummer {i}\nclinic: {clinic}\nyear: 2024\ntopics: [sip]\nstatus: plan\n---\n## Kartläggning\n\n{clinic} planerar uppföljning av SIP.\n"
            ),
        )
        .unwrap();
    }
    let site = tmp.join("gen");
    build(&corpus, &site);
    assert!(
        site.join("2024/sida/2/index.html").is_file(),
        "the generated 2024 has no second page"
    );
    let clinics = std::fs::read_to_string(site.join("mottagningar/index.html")).unwrap();
    for id in [
        "bokstav-a",
        "bokstav-aa",
        "bokstav-ae",
        "bokstav-o",
        "bokstav-oe",
    ] {
        assert_eq!(
            clinics.matches(&format!("id=\"{id}\"")).count(),
            1,
            "the generated clinic index has not one #{id}"
        );
    }
    site
}

/// Runs a tool to its end (or the timeout), echoing what it printed.
/// Returns whether it succeeded and its output.
pub(crate) fn run_tool(mut cmd: Command, what: &str) -> (bool, String) {
    let started = Instant::now();
    let mut child = cmd
        .current_dir(browser_dir())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{what}: cannot start: {e}"));
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for tool") {
            break Some(status);
        }
        if started.elapsed() > TOOL_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut output = out_reader.join().unwrap();
    output.push_str(&err_reader.join().unwrap());
    let ok = match status {
        Some(s) => s.success(),
        None => {
            output.push_str(&format!(
                "\n{what}: stopped after {} s\n",
                TOOL_TIMEOUT.as_secs()
            ));
            false
        }
    };
    println!(
        "== {what} ({:.1} s)\n{}",
        started.elapsed().as_secs_f64(),
        output.trim_end()
    );
    (ok, output)
}

/// The URL path (`/a/b/`) of a page `a/b/index.html` below `out`.
pub(crate) fn url_of(out: &Path, page: &Path) -> String {
    let rel = page.parent().unwrap().strip_prefix(out).unwrap();
    let rel = rel.to_string_lossy().replace('\\', "/");
    if rel.is_empty() {
        "/".to_string()
    } else {
        format!("/{rel}/")
    }
}

/// The `index.html` pages one folder below `dir` (`dir/*/index.html`),
/// sorted by path.
pub(crate) fn pages_below(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut pages: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("index.html"))
        .filter(|p| p.is_file())
        .collect();
    pages.sort();
    pages
}

/// The year folders of a built site (`2023/`, …), sorted.
pub(crate) fn year_dirs(out: &Path) -> Vec<PathBuf> {
    let mut years: Vec<PathBuf> = std::fs::read_dir(out)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit())
        })
        .map(|e| e.path())
        .filter(|p| p.join("index.html").is_file())
        .collect();
    years.sort();
    years
}

/// The largest of some pages (the one with the most to check).
pub(crate) fn largest(pages: Vec<PathBuf>, what: &str) -> PathBuf {
    pages
        .into_iter()
        .max_by_key(|p| {
            (
                std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
                p.clone(),
            )
        })
        .unwrap_or_else(|| panic!("the built site has no {what} page"))
}

pub(crate) fn report_pages(out: &Path) -> Vec<PathBuf> {
    year_dirs(out).iter().flat_map(|y| pages_below(y)).collect()
}

/// Gate 4: every page of the real site and of a 200-report site passes the
/// Nu Html Checker with 0 errors.
#[test]
fn built_sites_are_valid_html_vnu() {
    if !ready("vnu", false, true) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let real = tmp.path().join("real");
    build(&repo(), &real);
    let mut dirs = vec![real];
    if gen_corpus_ready("vnu") {
        dirs.push(build_generated(tmp.path()));
    }
    let mut cmd = Command::new("bash");
    cmd.arg(browser_dir().join("vnu.sh")).args(&dirs);
    let (ok, output) = run_tool(cmd, "vnu (real site and 200-report site)");
    assert!(ok, "the Nu Html Checker found errors:\n{output}");
}

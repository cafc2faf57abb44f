//! Every Swedish string a reader sees lives in the templates or in the
//! strings modules (`src/text/words/`, `src/outcome/words.rs`), so that a
//! reviewer can read them in one place (issue 27). This scans the Rust code
//! that makes pages, data files and the search index for string literals
//! that are Swedish (å, ä, ö, or a common Swedish word) and lists any found
//! outside those modules. Test modules, comments and the allow-list below
//! (word lists the code matches against, English diagnostics that quote the
//! content's words) are left out.

use std::path::{Path, PathBuf};

/// The strings modules.
const STRINGS_MODULES: [&str; 2] = ["src/text/words/", "src/outcome/words.rs"];

/// The code that makes pages, data files and the search index (the
/// command line's Swedish stays with `authoring`, `status` and `serve`).
const SCANNED: [&str; 11] = [
    "src/render",
    "src/search",
    "src/output",
    "src/site",
    "src/model",
    "src/model.rs",
    "src/indicators",
    "src/related.rs",
    "src/outcome",
    "src/text",
    "src/content",
];

/// Files whose Swedish literals are not shown to readers, with why.
const ALLOWED_FILES: [(&str, &str); 6] = [
    (
        "src/search/swedish.rs",
        "stop words and stemming rules for search",
    ),
    ("src/text/mod.rs", "stop words for matching"),
    ("src/related.rs", "stop words for matching"),
    (
        "src/indicators/family.rs",
        "stop words for indicator families",
    ),
    (
        "src/content/placeholders.rs",
        "the placeholders `arkiv new` writes, matched in content",
    ),
    (
        "src/text/period.rs",
        "month names as reports write them, read",
    ),
];

/// Single literals that are read, not shown, with where.
const ALLOWED: [(&str, &str); 13] = [
    ("src/render/view.rs", "resultat"),
    ("src/render/view.rs", "analys och resultat"),
    ("src/render/view.rs", "slutreflektion"),
    ("src/render/view.rs", "summering"),
    // English diagnostics naming the words content may use.
    ("src/content/schema/scalars.rs", "a verdict (uppnått"),
    ("src/content/schema/scalars.rs", "write uppnått"),
    ("src/content/schema/scalars.rs", "a change status (prövad"),
    ("src/content/schema/scalars.rs", "write prövad"),
    ("src/content/fields/indicators.rs", "(utgångsläge)"),
    ("src/content/fields/indicators.rs", "har genomförts"),
    (
        "src/content/fields/indicators.rs",
        "start with \\\"Antal\\\"",
    ),
    ("src/content/fields/indicators.rs", "no target (mål)"),
    ("src/content/fields/indicators.rs", "no result (resultat)"),
];

/// Swedish words that give a literal away when it has no å, ä or ö.
const WORDS: &[&str] = &[
    "och",
    "inte",
    "med",
    "rapport",
    "rapporter",
    "rapporten",
    "mål",
    "målet",
    "tema",
    "teman",
    "utfall",
    "bedömning",
    "plan",
    "planer",
    "sök",
    "sidan",
    "till",
    "från",
    "resultat",
    "planen",
    "mottagning",
    "mottagningen",
    "mottagningar",
    "procent",
    "antal",
    "andel",
    "ska",
    "saknas",
    "eller",
    "av",
    "innehåll",
    "kontakt",
    "bilaga",
    "bilagor",
    "nya",
    "senast",
    "visa",
    "inga",
    "ingen",
    "mätpunkter",
    "median",
    "prövad",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The string literals of `src` outside comments, with their line, up to
/// the first `#[cfg(test)]`.
fn literals(src: &str) -> Vec<(usize, String)> {
    let src = src.split("#[cfg(test)]").next().unwrap_or(src);
    let b: Vec<char> = src.chars().collect();
    let (mut i, mut line, mut out) = (0, 1, Vec::new());
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            while i + 1 < b.len() && !(b[i] == '*' && b[i + 1] == '/') {
                line += usize::from(b[i] == '\n');
                i += 1;
            }
            i += 2;
        } else if c == '\'' {
            // A char literal ('"', '\'', 'x') or a lifetime.
            if next == Some('\\') {
                i += 4;
                while i < b.len() && b[i - 1] != '\'' {
                    i += 1;
                }
            } else if b.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !is_ident(b.get(i.wrapping_sub(1)))
        {
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                i += 1;
                continue;
            }
            let start_line = line;
            let mut s = String::new();
            j += 1;
            while j < b.len() {
                if b[j] == '"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&'#')) {
                    break;
                }
                line += usize::from(b[j] == '\n');
                s.push(b[j]);
                j += 1;
            }
            out.push((start_line, s));
            i = j + 1 + hashes;
        } else if c == '"' {
            let start_line = line;
            let mut s = String::new();
            let mut j = i + 1;
            while j < b.len() && b[j] != '"' {
                if b[j] == '\\' {
                    s.push(b[j]);
                    j += 1;
                }
                line += usize::from(b[j] == '\n');
                s.push(b[j]);
                j += 1;
            }
            out.push((start_line, s));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out
}

fn is_ident(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// Whether a literal reads as Swedish: å, ä or ö in more than a letter, or
/// one of [`WORDS`] as a word. A slug (`ej-uppnatt`, `plan`, `bilagor_`)
/// is for machines, not readers.
fn is_swedish(s: &str) -> bool {
    let slug = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
    if s.chars().all(slug) {
        return false;
    }
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    if letters > 1 && s.chars().any(|c| "åäöÅÄÖ".contains(c)) {
        return true;
    }
    // In markup, only the text between tags is read.
    let mut text = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| WORDS.contains(&w.to_lowercase().as_str()))
}

fn found(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for d in SCANNED {
        rust_files(&root.join(d), &mut files);
    }
    files.sort();
    files.dedup();
    let mut out = Vec::new();
    for f in files {
        let rel = f
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let name = rel.rsplit('/').next().unwrap_or("");
        if STRINGS_MODULES.iter().any(|m| rel.starts_with(m))
            || ALLOWED_FILES.iter().any(|(a, _)| *a == rel)
            || name.ends_with("tests.rs")
            || rel.contains("/tests/")
        {
            continue;
        }
        let src = std::fs::read_to_string(&f).unwrap();
        for (line, s) in literals(&src) {
            if is_swedish(&s) && !ALLOWED.iter().any(|(a, l)| *a == rel && s.contains(l)) {
                out.push(format!("{rel}:{line}: {s:?}"));
            }
        }
    }
    out
}

#[test]
fn every_swedish_string_lives_in_the_templates_or_the_strings_modules() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = found(root);
    assert!(
        found.is_empty(),
        "Swedish strings outside the templates and {STRINGS_MODULES:?} (move them there):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_finds_a_swedish_string_where_it_should_not_be() {
    // The scanner itself: Swedish in code is found, in comments, char
    // literals and test modules it is not.
    let src = "// ”Bedömning” in a comment\nlet q = '\"';\nlet a = \"Prövad i {}\";\nlet b = r#\"<p>Visa alla</p>\"#;\nlet c = \"id\";\n#[cfg(test)]\nmod tests { const X: &str = \"mål\"; }\n";
    let got: Vec<(usize, String)> = literals(src)
        .into_iter()
        .filter(|(_, s)| is_swedish(s))
        .collect();
    assert_eq!(
        got,
        [
            (3, "Prövad i {}".to_string()),
            (4, "<p>Visa alla</p>".to_string())
        ]
    );
}

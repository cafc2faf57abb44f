//! The browser's Swedish stemmer (`themes/default/static/assets/sok-stam.js`)
//! gives every word the stem the index was written with: every distinct
//! word of the real archive's sources and of a generated archive, stemmed
//! by the Rust side (`search::swedish::Expander::stem`), is stemmed again
//! by the module under Node.js (`tests/browser/stem-check.mjs`) and the two
//! compared, and so is whether it is a function word and the stem folded
//! (å, ä → a, ö → o: the dictionary's order). A query stemmed or folded
//! differently would miss its own reports.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use arkiv::search::swedish::{self, Expander};

use crate::browser::{ready, run_tool};
use crate::common::{generated_corpus, repo};

/// Every distinct word (a run of alphanumeric characters) of the Markdown
/// and TOML files below `root`, with its Rust lower case.
fn words_below(root: &Path, into: &mut BTreeMap<String, String>) {
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        let wanted = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("md" | "toml")
        );
        if !wanted || path.components().any(|c| c.as_os_str() == "target") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            if !word.is_empty() && !into.contains_key(word) {
                into.insert(word.to_string(), word.to_lowercase());
            }
        }
    }
}

#[test]
fn browser_stemmer_equals_rust_stemmer() {
    if !ready("stemmer", false, false) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let mut words = BTreeMap::new();
    words_below(&repo().join("content"), &mut words);
    words_below(&repo().join("site.toml"), &mut words);
    let real = words.len();
    if let Some(corpus) = generated_corpus(tmp.path(), 300) {
        words_below(&corpus, &mut words);
    }
    assert!(real > 1000, "only {real} words in the real archive");
    let sv = Expander::swedish();
    let mut tsv = String::new();
    for (word, lower) in &words {
        let stop = u8::from(swedish::is_stop_word(lower));
        let stem = sv.stem(lower);
        let folded = swedish::fold(&stem);
        tsv.push_str(&format!("{word}\t{lower}\t{stem}\t{stop}\t{folded}\n"));
    }
    let file = tmp.path().join("words.tsv");
    std::fs::write(&file, tsv).unwrap();
    let mut cmd = Command::new("node");
    cmd.arg("stem-check.mjs").arg(&file);
    let (ok, output) = run_tool(cmd, "stemmer");
    assert!(ok, "the browser's stemmer differs from Rust's:\n{output}");
    assert!(
        output.contains(&format!("{} words, 0 differences", words.len())),
        "{output}"
    );
}

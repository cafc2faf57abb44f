//! The documentation's links stay inside the repository: every relative
//! link in README.md and docs/ names a file of the repository (a reader of
//! the repository has nothing else), and a `#fragment` into a Markdown file
//! names one of its headings.

use std::path::{Path, PathBuf};

use crate::common::*;

/// The Markdown files readers of the repository start from.
fn documents() -> Vec<PathBuf> {
    let root = repo();
    let mut docs = vec![root.join("README.md")];
    for e in std::fs::read_dir(root.join("docs")).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_some_and(|x| x == "md") {
            docs.push(path);
        }
    }
    docs.sort();
    docs
}

/// GitHub's id for a heading: lower case, punctuation dropped, spaces as `-`.
fn heading_id(heading: &str) -> String {
    heading
        .trim()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect::<String>()
        .to_lowercase()
}

fn heading_ids(markdown: &str) -> Vec<String> {
    let mut in_code = false;
    let mut ids = Vec::new();
    for line in markdown.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
        } else if !in_code && line.starts_with('#') {
            ids.push(heading_id(line.trim_start_matches('#')));
        }
    }
    ids
}

#[test]
fn links_in_the_readme_and_docs_stay_in_the_repository() {
    let root = repo().canonicalize().unwrap();
    let link = regex::Regex::new(r"\]\(([^)\s]+)\)").unwrap();
    let code = regex::Regex::new(r"(?s)```.*?```|`[^`\n]*`").unwrap();
    let mut problems = Vec::new();
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).unwrap();
        // Code is not a link: fenced blocks and `inline code` (examples of
        // the content format, such as a picture's Markdown) are left out.
        let text = code.replace_all(&text, "");
        let name = doc
            .strip_prefix(&root)
            .unwrap_or(&doc)
            .display()
            .to_string();
        for cap in link.captures_iter(&text) {
            let target = &cap[1];
            if target.starts_with("http://") || target.starts_with("https://") {
                continue;
            }
            let (file, fragment) = target.split_once('#').unwrap_or((target, ""));
            let path: &Path = if file.is_empty() {
                &doc
            } else {
                Path::new(file)
            };
            let resolved = doc.parent().unwrap().join(path);
            match resolved.canonicalize() {
                Ok(p) if p.starts_with(&root) => {
                    let is_md = p.extension().is_some_and(|x| x == "md");
                    if !fragment.is_empty() && is_md {
                        let ids = heading_ids(&std::fs::read_to_string(&p).unwrap());
                        if !ids.iter().any(|id| id == fragment) {
                            problems.push(format!("{name}: {target}: no such heading"));
                        }
                    }
                }
                Ok(_) => problems.push(format!("{name}: {target}: outside the repository")),
                Err(_) => problems.push(format!("{name}: {target}: no such file")),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn heading_ids_are_githubs() {
    assert_eq!(heading_id(" `arkiv init DIR`"), "arkiv-init-dir");
    assert_eq!(
        heading_id(" Set-up on a fresh machine"),
        "set-up-on-a-fresh-machine"
    );
    assert_eq!(heading_id(" Bygga och titta"), "bygga-och-titta");
}

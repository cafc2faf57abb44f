//! `arkiv import-links`: an old yearly page of links to Word/PDF reports
//! ("Länkar till kvalitetsrapporter 2021") → link-only entries.
//!
//! Those pages are hand-made HTML, often ISO-8859-1, with hrefs that are
//! relative, percent-encoded or hold raw spaces, and link texts like
//! "Kry Vallentuna SIP". Each link to a .pdf/.doc/.docx becomes
//! `content/<year>/<slug>.md` with the link text as title, the clinic and
//! topic read from it (the topic by the names, slugs and aliases in
//! `site.toml`), and the original as a `url:` attachment. What could not be
//! read is listed as `# TODO:` lines and the entry stays a draft. Other links
//! (start page, mailto, print, other years' pages) are ignored. Existing
//! files are never overwritten.

use std::fs;
use std::path::Path;

use super::import::todos;
use super::topic_spans;
use super::write::{Attachment, FrontMatter};
use crate::config::Config;
use crate::content::raw::Status;
use crate::diag::{Code, Diagnostic};
use crate::text::slugify;

/// What happened to one link.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    /// A complete entry was written.
    Written { file: String, text: String },
    /// A draft was written; the TODOs say what is missing.
    Draft {
        file: String,
        text: String,
        todo: Vec<String>,
    },
    /// Nothing was written for a report link.
    Failed { text: String, why: String },
}

/// Reads the page and writes the entries; returns one line per report link
/// and how many other links were ignored.
pub fn run(
    root: &Path,
    config: &Config,
    page: &Path,
    year: i32,
    base_url: Option<&str>,
) -> Result<(Vec<Line>, usize), Diagnostic> {
    let page_name = page.display().to_string();
    let bytes = fs::read(page).map_err(|e| {
        Diagnostic::file_error(
            Code::Unreadable,
            &page_name,
            format!("cannot read the page: {e}"),
        )
    })?;
    let html = crate::text::decode_lossy(&bytes);
    let doc = scraper::Html::parse_document(&html);
    let links = scraper::Selector::parse("a[href]").expect("valid selector");
    let dir = root.join("content").join(year.to_string());
    let mut lines = Vec::new();
    let mut ignored = 0;
    let mut used: Vec<String> = Vec::new();
    for a in doc.select(&links) {
        let href = a.value().attr("href").unwrap_or("").trim();
        let text = a.text().collect::<Vec<_>>().join(" ");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !is_report_link(href) {
            ignored += 1;
            continue;
        }
        let Some(url) = absolute(href, base_url) else {
            lines.push(Line::Failed {
                text: or_file_name(&text, href),
                why: format!("\"{href}\" is relative: give --base-url (the address the page had)"),
            });
            continue;
        };
        let text = or_file_name(&text, href);
        let entry = Entry::guess(config, &text, year);
        let mut stem = entry.stem();
        let mut n = 2;
        while used.contains(&stem) {
            stem = format!("{}-{n}", entry.stem());
            n += 1;
        }
        used.push(stem.clone());
        let rel = format!("content/{year}/{stem}.md");
        let path = dir.join(format!("{stem}.md"));
        if path.exists() {
            lines.push(Line::Failed {
                text,
                why: format!("{rel} already exists (not overwritten)"),
            });
            continue;
        }
        let fail = |e: std::io::Error| {
            Diagnostic::file_error(Code::Output, &rel, format!("cannot write: {e}"))
        };
        fs::create_dir_all(&dir).map_err(fail)?;
        fs::write(&path, entry.render(&url, href)).map_err(fail)?;
        lines.push(if entry.todo.is_empty() {
            Line::Written { file: rel, text }
        } else {
            Line::Draft {
                file: rel,
                text,
                todo: entry.todo.clone(),
            }
        });
    }
    Ok((lines, ignored))
}

/// UTF-8 when it is valid (the page's BOM dropped), else the charset the
/// page declares, else Windows-1252 (a superset of ISO-8859-1).
fn file_part(href: &str) -> &str {
    href.split(['?', '#']).next().unwrap_or("")
}

fn is_report_link(href: &str) -> bool {
    let lower = file_part(href).to_ascii_lowercase();
    !lower.starts_with("mailto:")
        && !lower.starts_with("javascript:")
        && [".pdf", ".doc", ".docx"]
            .iter()
            .any(|ext| lower.ends_with(ext))
}

/// The link as an absolute http(s) address, resolved against the page's
/// own address the way a browser does (raw spaces and letters encoded).
fn absolute(href: &str, base: Option<&str>) -> Option<String> {
    let url = match url::Url::parse(href) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            url::Url::parse(base?.trim()).ok()?.join(href).ok()?
        }
        Err(_) => return None,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

fn or_file_name(text: &str, href: &str) -> String {
    if !text.is_empty() {
        return text.to_string();
    }
    let name = file_part(href).rsplit('/').next().unwrap_or("");
    let name = name.rsplit_once('.').map_or(name, |(n, _)| n);
    crate::text::percent_decode_lossy(name)
        .replace('_', " ")
        .trim()
        .to_string()
}

/// An entry read from a link text.
struct Entry {
    title: String,
    clinic: String,
    year: i32,
    topic: String,
    /// Whether the topic was read from the link text (else a placeholder).
    topic_found: bool,
    todo: Vec<String>,
}

impl Entry {
    fn guess(config: &Config, text: &str, year: i32) -> Entry {
        let lower = text.to_lowercase();
        // The longest topic name, slug or alias found as whole words.
        let best = topic_spans(config, text)
            .into_iter()
            .max_by_key(|(start, end, _)| (end - start, std::cmp::Reverse(*start)))
            .map(|(start, end, i)| (end - start, start, i));
        let mut todo = Vec::new();
        let (clinic, topic) = match best {
            Some((len, start, i)) => {
                // Offsets are in the lower-case text; the same in the
                // original unless lower-casing changed a letter's length.
                let src = if lower.len() == text.len() {
                    text
                } else {
                    &lower
                };
                let mut rest = String::new();
                rest.push_str(&src[..start]);
                rest.push(' ');
                rest.push_str(&src[start + len..]);
                (clean_clinic(&rest), config.topics[i].slug.get_ref().clone())
            }
            None => {
                let slugs: Vec<String> = config
                    .topics
                    .iter()
                    .map(|t| t.slug.get_ref().clone())
                    .collect();
                todo.push(todos::link_without_theme(text, &slugs));
                (clean_clinic(text), config.topics[0].slug.get_ref().clone())
            }
        };
        let clinic = if clinic.is_empty() {
            todo.push(todos::link_without_clinic(text));
            "Okänd mottagning".to_string()
        } else {
            clinic
        };
        Entry {
            title: text.to_string(),
            clinic,
            year,
            topic,
            topic_found: best.is_some(),
            todo,
        }
    }

    fn stem(&self) -> String {
        let s = if self.topic_found {
            slugify(&format!("{}-{}", self.clinic, self.topic))
        } else {
            slugify(&self.title)
        };
        if s.is_empty() {
            "rapport".to_string()
        } else {
            s
        }
    }

    fn render(&self, url: &str, href: &str) -> String {
        let kind = file_part(href)
            .rsplit('.')
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        let kind = if kind == "DOCX" || kind == "DOC" {
            "Word"
        } else {
            "PDF"
        };
        FrontMatter {
            todo: self.todo.clone(),
            title: self.title.clone(),
            clinic: self.clinic.clone(),
            year: self.year,
            topics: vec![self.topic.clone()],
            status: Status::Final,
            draft: !self.todo.is_empty(),
            attachments: vec![Attachment {
                url: Some(url.to_string()),
                title: Some(format!("Originalrapport ({kind})")),
                ..Attachment::default()
            }],
            ..FrontMatter::default()
        }
        .render()
    }
}

fn clean_clinic(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let joined = words.join(" ");
    joined
        .trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | ',' | '(' | ')')
        })
        .to_string()
}

/// Prints one line per link and the summary; whether every link gave an
/// entry or a draft (none failed).
pub fn print(lines: &[Line], ignored: usize) -> bool {
    use crate::text::count;
    let (mut ok, mut drafts, mut failed) = (0, 0, 0);
    for line in lines {
        match line {
            Line::Written { file, text } => {
                ok += 1;
                println!("ok     {file}  ({text})");
            }
            Line::Draft { file, text, todo } => {
                drafts += 1;
                println!("draft  {file}  ({text}): TODO {}", todo.join("; "));
            }
            Line::Failed { text, why } => {
                failed += 1;
                println!("failed {text}: {why}");
            }
        }
    }
    println!(
        "{}, {} with TODOs, {failed} failed; {} ignored",
        count(ok, "entry", "entries"),
        count(drafts, "draft", "drafts"),
        count(ignored, "other link", "other links")
    );
    failed == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_against_the_page_address() {
        let base = Some("https://www.example.se/kvalitet/2021/lankar.html");
        assert_eq!(
            absolute("Kry Vallentuna SIP.pdf", base).unwrap(),
            "https://www.example.se/kvalitet/2021/Kry%20Vallentuna%20SIP.pdf"
        );
        assert_eq!(
            absolute("../dok/a%20b.docx", base).unwrap(),
            "https://www.example.se/kvalitet/dok/a%20b.docx"
        );
        assert_eq!(
            absolute("/globalassets/x.pdf", base).unwrap(),
            "https://www.example.se/globalassets/x.pdf"
        );
        assert_eq!(absolute("x.pdf", None), None);
        assert!(is_report_link("a.PDF?download=1"));
        assert!(!is_report_link("mailto:x@example.se"));
        assert!(!is_report_link("Länkar 2020.html"));
    }

    #[test]
    fn latin1_pages_are_decoded() {
        let bytes = b"<meta charset=\"iso-8859-1\"><a href=\"x.pdf\">Nyh\xe4lsan \xc5ngest</a>";
        assert!(crate::text::decode_lossy(bytes).contains("Nyhälsan Ångest"));
        assert!(crate::text::decode_lossy(b"<a>Nyh\xe4lsan</a>").contains("Nyhälsan"));
        assert!(crate::text::decode_lossy("Nyhälsan".as_bytes()).contains("Nyhälsan"));
    }
}

//! Authoring: the commands that write reports rather than read them.
//! `arkiv new` (`new.rs`: a report from the template), `arkiv import`
//! (`import/`: Word files of the template) and `arkiv import-links`
//! (`links.rs`: an old page of links). All three describe what they write
//! with `write::FrontMatter`, the mirror of `content::raw`, and find topics
//! in free text with the helpers below. `arkiv init` (`init.rs`) writes a
//! whole new archive from templates of its own.

pub mod import;
pub mod init;
pub mod links;
pub mod new;
pub mod write;

use crate::config::Config;

/// The topic slugs of `site.toml`, for messages.
pub fn topic_list(config: &Config) -> String {
    config
        .topics
        .iter()
        .map(|t| t.slug.get_ref().as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The topics (indexes) whose name, slug or alias occurs in a text, as
/// whole words, in the order they occur; each span is used once.
pub fn topics_in(config: &Config, text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (_, _, i) in topic_spans(config, text) {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// Where topics are named in `text.to_lowercase()`: `(start, end, topic)`
/// byte ranges, longest names first, in text order, not overlapping.
pub fn topic_spans(config: &Config, text: &str) -> Vec<(usize, usize, usize)> {
    let lower = text.to_lowercase();
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    let mut candidates: Vec<(String, usize)> = Vec::new();
    for (i, t) in config.topics.iter().enumerate() {
        candidates.push((t.name.to_lowercase(), i));
        candidates.push((t.slug.get_ref().replace('-', " ").to_lowercase(), i));
        candidates.extend(t.aliases.iter().map(|a| (a.get_ref().to_lowercase(), i)));
    }
    // Longest names first, so "psykisk ohälsa" wins over a shorter alias.
    candidates.sort_by_key(|c| std::cmp::Reverse(c.0.len()));
    for (name, i) in candidates {
        if name.is_empty() {
            continue;
        }
        let mut from = 0;
        while let Some(pos) = lower[from..].find(&name) {
            let (start, end) = (from + pos, from + pos + name.len());
            let before = lower[..start].chars().next_back();
            let after = lower[end..].chars().next();
            let whole = !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric);
            if whole && !found.iter().any(|(s, e, _)| start < *e && *s < end) {
                found.push((start, end, i));
                break;
            }
            from = end;
        }
    }
    found.sort();
    found
}

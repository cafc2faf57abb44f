//! The one case where `import` changes an existing file: a link-only entry
//! (as `import-links` writes them: front matter with a `url:` original and
//! no body) of the same year, the same clinic (after `[[clinics]]` aliases)
//! and a shared topic is replaced in place by a draft that is ready. The
//! entry's file name (so its URL), its `aliases` and its `url:` attachments
//! are kept. A draft with TODOs is written beside the entry instead, and the
//! caller says which entry it would replace.

use std::fs;
use std::path::{Path, PathBuf};

use crate::authoring::write::Attachment;
use crate::config::{match_key, Config};
use crate::content::{frontmatter, yaml};

/// A link-only entry that a draft matches.
#[derive(Debug, Clone)]
pub struct LinkOnly {
    pub path: PathBuf,
    pub stem: String,
    pub aliases: Vec<String>,
    /// Its `url:` attachments, as written.
    pub urls: Vec<Attachment>,
}

/// The clinic's name in `site.toml` when it is one of a `[[clinics]]`'
/// name or aliases, else the name as written; as a match key.
fn clinic_key(config: &Config, name: &str) -> String {
    let key = match_key(name);
    for c in &config.clinics {
        let names = std::iter::once(c.name.get_ref()).chain(c.aliases.iter().map(|a| a.get_ref()));
        if names.into_iter().any(|n| match_key(n) == key) {
            return match_key(c.name.get_ref());
        }
    }
    key
}

/// The topic's slug, for a slug, name or alias; else the text.
fn topic_slug(config: &Config, name: &str) -> String {
    match config.topic(name) {
        Some(i) => config.topics[i].slug.get_ref().clone(),
        None => match_key(name),
    }
}

/// The link-only entry in `dir` (a year's folder) for this clinic and
/// these topics, if there is one.
pub fn link_only(config: &Config, dir: &Path, clinic: &str, topics: &[String]) -> Option<LinkOnly> {
    let want = clinic_key(config, clinic);
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    entries.sort();
    for path in entries {
        let Ok(bytes) = fs::read(&path) else { continue };
        let Ok(text) = frontmatter::decode(&bytes) else {
            continue;
        };
        let Ok(split) = frontmatter::split(&text) else {
            continue;
        };
        if !split.body.trim().is_empty() {
            continue; // a report with a body is not link-only
        }
        let Some(front) = yaml::parse(split.yaml, split.yaml_line).front else {
            continue;
        };
        let urls: Vec<Attachment> = front
            .attachments
            .iter()
            .filter(|a| a.url.is_some())
            .map(|a| Attachment {
                file: None,
                url: a.url.as_ref().map(|u| u.0.clone()),
                title: a.title.as_ref().map(|t| t.0.clone()),
            })
            .collect();
        if urls.is_empty() || clinic_key(config, &front.clinic.0) != want {
            continue;
        }
        let shares_topic = front
            .topics
            .iter()
            .any(|t| topics.contains(&topic_slug(config, &t.0)));
        if !shares_topic {
            continue;
        }
        return Some(LinkOnly {
            stem: path.file_stem()?.to_string_lossy().into_owned(),
            aliases: front.aliases.iter().map(|a| a.0.clone()).collect(),
            urls,
            path,
        });
    }
    None
}

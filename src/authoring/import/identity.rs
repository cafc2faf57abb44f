//! "The same report": which entry of the archive a new original updates,
//! and which files of one run are versions of one report.
//!
//! An original is the report of an entry when it is the same file (its
//! SHA-256 is in an import record, `crate::state`), or when the entry has
//! the same clinic (after `[[clinics]]` aliases, [`ClinicKeys`]), the same
//! year and a shared theme. An entry with an import record is merged with
//! (base = the last import); a link-only entry from `import-links` (front
//! matter with a `url:` original and no body) is its own base; any other
//! entry (typed by hand) is not merged, and the import says so.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use crate::config::{match_key, ClinicKeys, Config};
use crate::content::{frontmatter, yaml};
use crate::state::State;

/// What an entry of the archive is, for matching.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    pub clinic: String,
    pub topics: Vec<String>,
    /// Front matter with a `url:` original and no body.
    pub link_only: bool,
}

/// What an original will do to the archive.
#[derive(Debug, Clone)]
pub enum Target {
    /// No entry holds this report: a new one.
    New,
    /// Merge into an entry: `base` is the last import's draft, or `None`
    /// for a link-only entry (its own base).
    Update {
        entry: PathBuf,
        base: Option<PathBuf>,
    },
    /// An entry without an import record: not merged.
    Exists(PathBuf),
    /// Several entries could be it.
    Ambiguous(Vec<PathBuf>),
}

/// The topic's slug, for a slug, name or alias; else the text.
pub fn topic_slug(config: &Config, name: &str) -> String {
    match config.topic(name) {
        Some(i) => config.topics[i].slug.get_ref().clone(),
        None => match_key(name),
    }
}

/// The entries of one folder (`content/<year>/`), in name order.
pub fn entries(config: &Config, keys: &ClinicKeys, dir: &Path) -> Vec<Entry> {
    let Ok(read) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = read
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && p.is_file())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let text = frontmatter::decode(&fs::read(&path).ok()?).ok()?;
            let split = frontmatter::split(&text).ok()?;
            let front = yaml::parse(split.yaml, split.yaml_line).front?;
            let link_only =
                split.body.trim().is_empty() && front.attachments.iter().any(|a| a.url.is_some());
            Some(Entry {
                clinic: keys.key(&front.clinic.0),
                topics: front
                    .topics
                    .iter()
                    .map(|t| topic_slug(config, &t.0))
                    .collect(),
                link_only,
                path,
            })
        })
        .collect()
}

/// The import records of an archive by the original's SHA-256: the entry
/// each original was imported into, for [`target`].
pub fn records(state: &State) -> HashMap<String, PathBuf> {
    state
        .records()
        .into_iter()
        .filter_map(|(_, r)| r.ok())
        .map(|r| (r.sha256, state.root.join(&r.entry)))
        .collect()
}

/// Where the original of this clinic, year and themes (and content
/// hashes) goes in the archive whose entries are in `state.content`.
pub fn target(
    config: &Config,
    state: &State,
    records: &HashMap<String, PathBuf>,
    (clinic, year, topics): (&str, i32, &[String]),
    hashes: &[&str],
) -> Target {
    // The same original (or another file of the run) imported before.
    for h in hashes {
        if let Some(entry) = records.get(*h).filter(|e| e.is_file()) {
            return Target::Update {
                entry: entry.clone(),
                base: Some(state.base(entry)),
            };
        }
    }
    let keys = ClinicKeys::new(config);
    let want = keys.key(clinic);
    let found: Vec<Entry> = entries(config, &keys, &state.content.join(year.to_string()))
        .into_iter()
        .filter(|e| e.clinic == want && e.topics.iter().any(|t| topics.contains(t)))
        .collect();
    let recorded: Vec<&Entry> = found
        .iter()
        .filter(|e| state.record(&e.path).is_file())
        .collect();
    match (recorded.as_slice(), found.as_slice()) {
        ([one], _) => Target::Update {
            entry: one.path.clone(),
            base: Some(state.base(&one.path)),
        },
        ([], []) => Target::New,
        ([], [one]) if one.link_only => Target::Update {
            entry: one.path.clone(),
            base: None,
        },
        ([], [one]) => Target::Exists(one.path.clone()),
        _ => Target::Ambiguous(found.into_iter().map(|e| e.path).collect()),
    }
}

/// What a file of a run says it is, for grouping versions of one report.
#[derive(Debug, Clone)]
pub struct Identity {
    pub clinic: String,
    pub year: i32,
    pub topics: Vec<String>,
    pub sha256: String,
    /// The file name without its extension, in lower case: a Word file and
    /// the PDF saved from it share it.
    pub name: String,
    /// The clinic and theme were read (not a guess from the file name).
    pub known: bool,
}

impl Identity {
    fn same_report(&self, other: &Identity) -> bool {
        self.sha256 == other.sha256
            || self.name == other.name
            || (self.known
                && other.known
                && self.clinic == other.clinic
                && self.year == other.year
                && self.topics.iter().any(|t| other.topics.contains(t)))
    }
}

/// The files of a run grouped into reports: each group's indexes, in the
/// order of their first file.
pub fn group(ids: &[Identity]) -> Vec<Vec<usize>> {
    // Union-find over "is the same report as": a Word file, its PDF and a
    // reviewed copy end in one group even when only pairs match.
    let mut parent: Vec<usize> = (0..ids.len()).collect();
    fn root(parent: &mut [usize], i: usize) -> usize {
        let mut r = i;
        while parent[r] != r {
            r = parent[r];
        }
        parent[i] = r;
        r
    }
    // Pairs only within one clinic and year (or one hash or name): a
    // folder of a year's reports stays linear.
    let mut by_key: BTreeMap<(String, i32), Vec<usize>> = BTreeMap::new();
    for (i, id) in ids.iter().enumerate() {
        by_key
            .entry((id.clinic.clone(), id.year))
            .or_default()
            .push(i);
        by_key
            .entry((format!("#{}", id.sha256), 0))
            .or_default()
            .push(i);
        by_key
            .entry((format!("@{}", id.name), 0))
            .or_default()
            .push(i);
    }
    for members in by_key.values() {
        for (n, &a) in members.iter().enumerate() {
            for &b in &members[n + 1..] {
                if ids[a].same_report(&ids[b]) {
                    let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                    parent[ra.max(rb)] = ra.min(rb);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..ids.len() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    groups.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(clinic: &str, topics: &[&str], sha: &str, name: &str) -> Identity {
        Identity {
            clinic: clinic.into(),
            year: 2025,
            topics: topics.iter().map(|t| t.to_string()).collect(),
            sha256: sha.into(),
            name: name.into(),
            known: true,
        }
    }

    #[test]
    fn versions_of_one_report_group_together() {
        let ids = [
            id("boo", &["sip"], "1", "boo sip del 1"),
            id("kry", &["sip"], "2", "kry"),
            id("boo", &["sip", "smarta"], "3", "boo sip del 1 och 2"),
            id("boo", &["diabetes"], "4", "boo diabetes"),
            // A PDF whose theme was misread: by its name.
            id("boo", &["okänt"], "5", "boo sip del 1 och 2"),
        ];
        assert_eq!(group(&ids), vec![vec![0, 2, 4], vec![1], vec![3]]);
    }
}

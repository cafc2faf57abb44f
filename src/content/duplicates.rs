//! The same report twice: two published reports of one clinic (after
//! `[[clinics]]` aliases), one year and a shared theme are an error at the
//! second file's front matter, naming the first, unless
//! `[[duplicates.allow]]` lists the pair. Reports are grouped by clinic and
//! year in one pass, so the rule costs one hash-map insert per report.

use std::collections::HashMap;

use super::Identity;
use crate::config::{ClinicKeys, Config};
use crate::diag::{Code, Diagnostic};

/// The errors for `reports` (drafts are left out; files that failed on
/// other fields take part). The first of two is
/// the one earlier by folder and then name without `.md`, so that a copy
/// saved as `…-2.md` is the one the error is at.
pub fn check(config: &Config, reports: &[Identity]) -> Vec<Diagnostic> {
    let keys = ClinicKeys::new(config);
    let mut groups: HashMap<(String, i32), Vec<&Identity>> = HashMap::new();
    let mut diags = Vec::new();
    let mut published: Vec<&Identity> = reports.iter().filter(|r| !r.draft).collect();
    published.sort_by(|a, b| (a.dir.as_path(), &a.stem).cmp(&(b.dir.as_path(), &b.stem)));
    for r in published {
        let group = groups.entry((keys.key(&r.clinic), r.year)).or_default();
        let first = group.iter().find_map(|earlier| {
            let shared = r.topics.iter().find(|t| earlier.topics.contains(t))?;
            (!config.duplicates.allows(&earlier.file, &r.file)).then_some((earlier, *shared))
        });
        if let Some((earlier, topic)) = first {
            diags.push(Diagnostic::error(
                Code::DuplicateReport,
                &r.file,
                1,
                1,
                format!(
                    "the same report as {}: clinic \"{}\", year {} and theme \"{}\"; merge the two into one file, or list both in site.toml [[duplicates.allow]] with a reason",
                    earlier.file,
                    r.clinic,
                    r.year,
                    config.topics[topic].slug.get_ref()
                ),
            ));
        }
        group.push(r);
    }
    diags
}

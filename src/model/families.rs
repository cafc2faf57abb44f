//! Each theme's indicator families (`indicators::family`): the indicators
//! of the theme's reports that measure the same thing, for the comparison
//! pages `/tema/<slug>/jamfor/` and the theme page's list of the
//! indicators most reports have.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Report, Unit};
use crate::indicators::family::{key, FamilyKey, Rules};
use crate::text::slugify;

/// One family of a theme.
#[derive(Debug, Clone)]
pub struct Family {
    /// Unique within the theme: `/tema/<slug>/jamfor/<family>/`.
    pub slug: String,
    /// The configured name, else the name most of its indicators have.
    pub name: String,
    pub unit: Unit,
    /// (report, indicator) indexes: final reports newest first, then
    /// plans newest first (their goals are not judged yet).
    pub members: Vec<(usize, usize)>,
    /// Distinct reports.
    pub reports: usize,
}

/// What an indicator is grouped by: a configured family, or its key.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Group {
    Configured(usize),
    Key(FamilyKey),
}

/// The families of every topic (in `model.topics` order): most reports
/// first, then by name in Swedish order.
pub fn build(config: &Config, reports: &[Arc<Report>], topics: &[&[usize]]) -> Vec<Vec<Family>> {
    let rules = Rules::new(config);
    // Each distinct name's group, once: archives repeat names a lot.
    let mut names: Vec<(&str, Unit)> = reports
        .iter()
        .flat_map(|r| r.indicators.iter().map(|i| (i.name.as_str(), i.unit)))
        .collect();
    names.sort_unstable_by(|a, b| a.0.cmp(b.0).then(a.1.slug().cmp(b.1.slug())));
    names.dedup();
    let keyed: HashMap<(&str, Unit), Group> = names
        .par_iter()
        .map(|&(name, unit)| {
            let k = key(name, unit);
            let g = match rules.family(&k) {
                Some(i) => Group::Configured(i),
                None => Group::Key(k),
            };
            ((name, unit), g)
        })
        .collect();
    let groups: Vec<Vec<&Group>> = reports
        .iter()
        .map(|r| {
            r.indicators
                .iter()
                .map(|i| &keyed[&(i.name.as_str(), i.unit)])
                .collect()
        })
        .collect();
    topics
        .par_iter()
        .map(|members| of_topic(config, reports, &groups, members))
        .collect()
}

fn of_topic(
    config: &Config,
    reports: &[Arc<Report>],
    groups: &[Vec<&Group>],
    topic_reports: &[usize],
) -> Vec<Family> {
    let mut index: HashMap<&Group, usize> = HashMap::new();
    let mut found: Vec<(&Group, Vec<(usize, usize)>)> = Vec::new();
    for &i in topic_reports {
        for (k, &g) in groups[i].iter().enumerate() {
            let at = *index.entry(g).or_insert_with(|| {
                found.push((g, Vec::new()));
                found.len() - 1
            });
            found[at].1.push((i, k));
        }
    }
    let mut families: Vec<Family> = found
        .into_iter()
        .map(|(g, mut members)| {
            // Listing order is newest first; a stable sort keeps it.
            members.sort_by_key(|&(i, _)| reports[i].status == crate::content::Status::Plan);
            let first = &reports[members[0].0].indicators[members[0].1];
            let name = match g {
                Group::Configured(c) => config.indicator_families[*c].name.clone(),
                Group::Key(_) => commonest_name(reports, &members),
            };
            let mut distinct: Vec<usize> = members.iter().map(|m| m.0).collect();
            distinct.dedup();
            Family {
                slug: match g {
                    Group::Configured(c) => config.indicator_families[*c].slug.get_ref().clone(),
                    Group::Key(_) => slugify(&name),
                },
                name,
                unit: first.unit,
                reports: distinct.len(),
                members,
            }
        })
        .collect();
    families.sort_by(|a, b| {
        b.reports
            .cmp(&a.reports)
            .then_with(|| super::swedish_cmp(&a.name, &b.name))
            .then_with(|| a.unit.slug().cmp(b.unit.slug()))
    });
    // Slugs unique within the theme: "antal-sip", "antal-sip-2".
    let mut used: std::collections::HashSet<String> = std::collections::HashSet::new();
    for f in &mut families {
        let base = if f.slug.is_empty() {
            "indikator".to_string()
        } else {
            std::mem::take(&mut f.slug)
        };
        let (mut slug, mut n) = (base.clone(), 1);
        while !used.insert(slug.clone()) {
            n += 1;
            slug = format!("{base}-{n}");
        }
        f.slug = slug;
    }
    families
}

/// The name most of the members are written with (ties: the newest).
fn commonest_name(reports: &[Arc<Report>], members: &[(usize, usize)]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for &(i, k) in members {
        let name = reports[i].indicators[k].name.trim();
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, c)) => *c += 1,
            None => counts.push((name, 1)),
        }
    }
    let best = counts.iter().map(|c| c.1).max().unwrap_or(0);
    counts
        .into_iter()
        .find(|c| c.1 == best)
        .map(|c| crate::text::capitalise(c.0))
        .unwrap_or_default()
}

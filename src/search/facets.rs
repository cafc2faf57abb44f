//! The `facets` file of format v2 (`docs/search-format.md`): the values
//! of each facet and each doc's values, from which the client counts any
//! combination of choices without a second search. Per-doc columns are
//! made small (delta-coded clinics and plans, one character per doc for
//! lengths and outcomes): every first search loads the file whole.

use std::fmt::Write as _;

use super::files::{push_json_list, push_json_str};
use crate::config::Config;
use crate::model::{swedish_cmp, SiteModel};
use crate::outcome::{self, ReportOutcome};
use crate::text::{capitalise, slugify};

fn push_named(out: &mut String, key: &str, items: &[(String, String)]) {
    let _ = write!(out, "\"{key}\":[");
    for (i, (slug, name)) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"slug\":");
        push_json_str(out, slug);
        out.push_str(",\"name\":");
        push_json_str(out, name);
        out.push('}');
    }
    out.push_str("],");
}

/// A rising list of doc ids delta-coded: the first, then the differences.
fn delta(ids: &[usize]) -> impl Iterator<Item = usize> + '_ {
    (0..ids.len()).map(|i| ids[i] - i.checked_sub(1).map_or(0, |j| ids[j]))
}

/// The length bucket of a weighted length (format v2, `len`).
pub fn len_bucket(words: u32) -> char {
    let b = (4.0 * (1.0 + f64::from(words)).log2()).round().min(60.0) as u32;
    char::from_u32(48 + b).unwrap_or('0')
}

/// The `facets` file's JSON.
pub fn facets(config: &Config, model: &SiteModel, lens: &[u32]) -> String {
    let mut out = String::from("{\"years\":[");
    let mut start = 0;
    let reports = &model.reports;
    for i in 1..=reports.len() {
        if i == reports.len() || reports[i].year != reports[start].year {
            if start > 0 {
                out.push(',');
            }
            let _ = write!(out, "[{},{start},{i}]", reports[start].year);
            start = i;
        }
    }
    out.push_str("],");
    let vocab = |v: &crate::config::Vocabulary| -> Vec<(String, String)> {
        v.iter()
            .map(|t| (t.slug.get_ref().clone(), t.name.clone()))
            .collect()
    };
    push_named(&mut out, "topics", &vocab(&config.topics));
    push_named(&mut out, "changes", &vocab(&config.changes));
    let mut regions: Vec<&str> = model
        .report_region
        .iter()
        .flatten()
        .map(String::as_str)
        .collect();
    regions.sort_by(|a, b| swedish_cmp(a, b).then_with(|| a.cmp(b)));
    regions.dedup();
    let named: Vec<(String, String)> = regions
        .iter()
        .map(|r| (slugify(r), r.to_string()))
        .collect();
    push_named(&mut out, "regions", &named);
    let clinics: Vec<(String, String)> = model
        .clinics
        .iter()
        .map(|c| (c.slug.clone(), c.name.clone()))
        .collect();
    push_named(&mut out, "clinics", &clinics);
    // The report's outcome (`outcome::of`, the one the pages and the open
    // data give), the `utfall` facet: per doc one character, '0' + its
    // place in `outcomes`.
    let outcomes: Vec<(String, String)> = (ReportOutcome::ALL.iter())
        .map(|o| (o.slug().to_string(), capitalise(o.label())))
        .collect();
    push_named(&mut out, "outcomes", &outcomes);
    out.push_str("\"outcome\":");
    let per_doc: String = (reports.iter())
        .map(|r| {
            let o = outcome::of(&**r).status;
            let at = ReportOutcome::ALL.iter().position(|x| *x == o).unwrap_or(0);
            char::from(b'0' + at as u8)
        })
        .collect();
    push_json_str(&mut out, &per_doc);
    out.push(',');
    // Per doc, delta-coded: docs are in year, then clinic order, so the
    // differences are small (a sixth of the bytes of the plain list).
    out.push_str("\"clinic\":");
    let clinic = &model.report_clinic;
    push_json_list(
        &mut out,
        (0..clinic.len())
            .map(|i| clinic[i] as i64 - i.checked_sub(1).map_or(0, |j| clinic[j] as i64)),
    );
    out.push_str(",\"region\":");
    let region_ix = model.report_region.iter().map(|r| match r {
        Some(r) => regions
            .binary_search_by(|x| swedish_cmp(x, r).then_with(|| (*x).cmp(r.as_str())))
            .map_or(-1, |i| i as i64),
        None => -1,
    });
    push_json_list(&mut out, region_ix);
    out.push_str(",\"topic\":[");
    for (i, r) in reports.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_list(&mut out, r.topics.iter().copied());
    }
    out.push_str("],\"change\":[");
    for (i, r) in reports.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let mut ch: Vec<usize> = r.changes.iter().map(|c| c.change).collect();
        ch.sort_unstable();
        ch.dedup();
        push_json_list(&mut out, ch);
    }
    out.push_str("],\"plans\":");
    let plans: Vec<usize> = (reports.iter().enumerate())
        .filter(|(_, r)| r.status.slug() == "plan")
        .map(|(i, _)| i)
        .collect();
    push_json_list(&mut out, delta(&plans));
    out.push_str(",\"drafts\":");
    push_json_list(
        &mut out,
        reports
            .iter()
            .enumerate()
            .filter(|(_, r)| r.draft)
            .map(|(i, _)| i),
    );
    // Bucket 44 is a backslash: written escaped.
    out.push_str(",\"len\":");
    let len: String = lens.iter().map(|&l| len_bucket(l)).collect();
    push_json_str(&mut out, &len);
    out.push('}');
    out
}

//! The site model: published reports and the indexes pages are built from
//! (by topic, by year, by clinic), in the archive's orders.
//!
//! Orders: listings put the newest year first, then the clinic in Swedish
//! collation, then the title. Clinics are listed A–Ö in Swedish order
//! (… Z, Å, Ä, Ö) using ICU's `sv` collation.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::LazyLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};

pub mod families;

use crate::config::{ClinicKeys, Config};
use crate::content::{Identity, Report};
use crate::diag::{Code, Diagnostic};
use crate::text::slugify;

static COLLATOR: LazyLock<Option<CollatorBorrowed<'static>>> = LazyLock::new(|| {
    let locale = icu_locale_core::locale!("sv");
    Collator::try_new(locale.into(), CollatorOptions::default()).ok()
});

/// Compares two strings in Swedish order.
pub fn swedish_cmp(a: &str, b: &str) -> Ordering {
    match COLLATOR.as_ref() {
        Some(c) => c.compare(a, b),
        None => a.cmp(b),
    }
}

/// The letter a name is filed under on the clinic index: A–Z, Å, Ä, Ö, or
/// `#` for names that start with anything else.
pub fn index_letter(name: &str) -> String {
    let Some(c) = name.trim().chars().find(|c| c.is_alphanumeric()) else {
        return "#".into();
    };
    let upper: String = c.to_uppercase().collect();
    match upper.as_str() {
        "Å" | "Ä" | "Ö" => upper,
        "Æ" => "Ä".into(),
        "Ø" => "Ö".into(),
        "Ü" => "Y".into(),
        _ => {
            let plain = deunicode_first(&upper);
            if plain.len() == 1 && plain.as_bytes()[0].is_ascii_uppercase() {
                plain
            } else {
                "#".into()
            }
        }
    }
}

/// The `id` of a letter's heading on the clinic index: `bokstav-a`, and
/// for the Swedish letters their own (`bokstav-aa` for Å, `bokstav-ae` for
/// Ä, `bokstav-oe` for Ö), so that Å never shares A's anchor; `ovriga` for
/// `#`.
pub fn letter_id(letter: &str) -> String {
    match letter {
        "#" => "ovriga".into(),
        "Å" => "bokstav-aa".into(),
        "Ä" => "bokstav-ae".into(),
        "Ö" => "bokstav-oe".into(),
        other => format!("bokstav-{}", slugify(other)),
    }
}

fn deunicode_first(s: &str) -> String {
    slugify(s).to_uppercase()
}

/// A clinic and its reports over the years.
#[derive(Debug, Clone)]
pub struct Clinic {
    pub name: String,
    pub slug: String,
    pub region: Option<String>,
    /// Indexes into `SiteModel::reports`, in listing order.
    pub reports: Vec<usize>,
}

/// A topic (index into `Config::topics`) and its reports.
#[derive(Debug, Clone)]
pub struct TopicGroup {
    pub topic: usize,
    pub reports: Vec<usize>,
}

/// A change idea (index into `Config::changes`) and the reports that
/// tested it, newest first.
#[derive(Debug, Clone)]
pub struct ChangeGroup {
    pub change: usize,
    pub reports: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct YearGroup {
    pub year: i32,
    pub reports: Vec<usize>,
}

/// Everything the pages are rendered from.
pub struct SiteModel {
    /// Published reports in listing order.
    /// (Shared, so that `serve` can rebuild the model after an edit
    /// without copying every report.)
    pub reports: Vec<Arc<Report>>,
    /// For each report, the index of its clinic in `clinics`.
    pub report_clinic: Vec<usize>,
    /// For each report, its region (its own, else its clinic's).
    pub report_region: Vec<Option<String>>,
    /// One per configured topic, in `site.toml` order.
    pub topics: Vec<TopicGroup>,
    /// Change ideas tested by at least one report, by name in Swedish order.
    pub changes: Vec<ChangeGroup>,
    /// Years with reports, newest first.
    pub years: Vec<YearGroup>,
    /// Clinics in Swedish order.
    pub clinics: Vec<Clinic>,
    /// Number of draft reports (left out, or included in a preview).
    pub drafts: usize,
    /// Drafts are listed too (`serve`, `build --drafts`): a preview.
    pub preview: bool,
    /// For each report, related reports from other clinics (filled by
    /// `related::related` in its own timed stage).
    pub related: Vec<Vec<usize>>,
    /// For each topic (in `topics` order), its indicator families, most
    /// reports first.
    pub families: Vec<Vec<families::Family>>,
}

/// Checks what concerns several reports at once (two reports with one
/// URL, the same report twice: over `failed` too, the files that failed
/// on other fields) and builds the indexes. Drafts are checked, and left
/// out unless `include_drafts` asks for a preview that lists them.
pub fn build(
    config: &Config,
    mut all: Vec<Arc<Report>>,
    failed: &[Identity],
    include_drafts: bool,
) -> (SiteModel, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    all.sort_by(|a, b| a.file.cmp(&b.file));
    let mut ids: Vec<Identity> = all.iter().map(|r| r.identity()).collect();
    ids.extend(failed.iter().cloned());
    ids.sort_by(|a, b| a.file.cmp(&b.file));
    let mut urls: HashMap<String, &str> = HashMap::new();
    for r in &ids {
        if let Some(first) = urls.insert(r.rel_url(), &r.file) {
            diags.push(Diagnostic::file_error(
                Code::DuplicateUrl,
                &r.file,
                format!(
                    "two reports have the URL /{}: {first} and this file",
                    r.rel_url()
                ),
            ));
        }
    }

    diags.extend(crate::content::duplicates::check(config, &ids));
    diags.extend(crate::content::placeholders::example_left(&ids));
    drop(ids);

    let drafts = all.iter().filter(|r| r.draft).count();
    let mut reports: Vec<Arc<Report>> = all
        .into_iter()
        .filter(|r| include_drafts || !r.draft)
        .collect();

    // Canonical clinic names: `[[clinics]]` names and aliases, else as written.
    let keys = ClinicKeys::new(config);
    let canonical = |r: &Report| -> (String, Option<String>) {
        match keys.entry(&r.clinic) {
            Some(i) => (
                config.clinics[i].name.get_ref().clone(),
                config.clinics[i].region.clone(),
            ),
            None => (r.clinic.clone(), None),
        }
    };
    let names: Vec<(String, Option<String>)> = reports.iter().map(|r| canonical(r)).collect();

    // Listing order: newest year, clinic (Swedish), title, stem.
    let mut order: Vec<usize> = (0..reports.len()).collect();
    order.sort_by(|&a, &b| {
        reports[b]
            .year
            .cmp(&reports[a].year)
            .then_with(|| swedish_cmp(&names[a].0, &names[b].0))
            .then_with(|| swedish_cmp(&reports[a].title, &reports[b].title))
            .then_with(|| reports[a].stem.cmp(&reports[b].stem))
    });
    let mut slots: Vec<Option<Arc<Report>>> = reports.drain(..).map(Some).collect();
    let reports: Vec<Arc<Report>> = order.iter().filter_map(|&i| slots[i].take()).collect();
    let names: Vec<(String, Option<String>)> = order.iter().map(|&i| names[i].clone()).collect();

    // Clinics, merged by slug.
    let mut clinic_by_slug: HashMap<String, usize> = HashMap::new();
    let mut clinics: Vec<Clinic> = Vec::new();
    let mut report_clinic = Vec::with_capacity(reports.len());
    let mut report_region = Vec::with_capacity(reports.len());
    for (i, r) in reports.iter().enumerate() {
        let (name, cfg_region) = &names[i];
        let slug = slugify(name);
        let slug = if slug.is_empty() {
            crate::text::words::CLINIC_SLUG.to_string()
        } else {
            slug
        };
        let ci = *clinic_by_slug.entry(slug.clone()).or_insert_with(|| {
            clinics.push(Clinic {
                name: name.clone(),
                slug,
                region: cfg_region.clone(),
                reports: Vec::new(),
            });
            clinics.len() - 1
        });
        clinics[ci].reports.push(i);
        let region = r.region.clone().or_else(|| cfg_region.clone());
        if clinics[ci].region.is_none() {
            clinics[ci].region = region.clone();
        }
        report_clinic.push(ci);
        report_region.push(region);
    }
    // Sort clinics in Swedish order and remap indexes.
    let mut corder: Vec<usize> = (0..clinics.len()).collect();
    corder.sort_by(|&a, &b| {
        swedish_cmp(&clinics[a].name, &clinics[b].name)
            .then_with(|| clinics[a].slug.cmp(&clinics[b].slug))
    });
    let mut remap = vec![0; clinics.len()];
    for (new, &old) in corder.iter().enumerate() {
        remap[old] = new;
    }
    let mut cslots: Vec<Option<Clinic>> = clinics.into_iter().map(Some).collect();
    let clinics: Vec<Clinic> = corder.iter().filter_map(|&i| cslots[i].take()).collect();
    let report_clinic = report_clinic.into_iter().map(|c| remap[c]).collect();

    let mut topics: Vec<TopicGroup> = (0..config.topics.len())
        .map(|t| TopicGroup {
            topic: t,
            reports: Vec::new(),
        })
        .collect();
    let mut changes: Vec<ChangeGroup> = (0..config.changes.len())
        .map(|c| ChangeGroup {
            change: c,
            reports: Vec::new(),
        })
        .collect();
    let mut years: Vec<YearGroup> = Vec::new();
    for (i, r) in reports.iter().enumerate() {
        for &t in &r.topics {
            topics[t].reports.push(i);
        }
        for c in &r.changes {
            changes[c.change].reports.push(i);
        }
        // Reports are sorted newest year first, so years come out in order.
        match years.last_mut() {
            Some(y) if y.year == r.year => y.reports.push(i),
            _ => years.push(YearGroup {
                year: r.year,
                reports: vec![i],
            }),
        }
    }

    let topic_reports: Vec<&[usize]> = topics.iter().map(|t| t.reports.as_slice()).collect();
    let families = families::build(config, &reports, &topic_reports);

    changes.retain(|g| !g.reports.is_empty());
    changes.sort_by(|a, b| {
        swedish_cmp(
            &config.changes[a.change].name,
            &config.changes[b.change].name,
        )
    });

    (
        SiteModel {
            reports,
            report_clinic,
            report_region,
            topics,
            changes,
            years,
            clinics,
            drafts,
            preview: include_drafts,
            related: Vec::new(),
            families,
        },
        diags,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_order() {
        let mut v = vec![
            "Östermalm",
            "Zinkensdamm",
            "Åkersberga",
            "Älvsjö",
            "Aspudden",
            "Vällingby",
        ];
        v.sort_by(|a, b| swedish_cmp(a, b));
        assert_eq!(
            v,
            [
                "Aspudden",
                "Vällingby",
                "Zinkensdamm",
                "Åkersberga",
                "Älvsjö",
                "Östermalm"
            ]
        );
    }

    #[test]
    fn letters() {
        assert_eq!(index_letter("Öxnehaga"), "Ö");
        assert_eq!(index_letter("bra Liv"), "B");
        assert_eq!(index_letter("Écolen"), "E");
        assert_eq!(index_letter("1177"), "#");
    }

    #[test]
    fn every_letter_has_its_own_anchor() {
        let ids: Vec<String> = ["A", "O", "Å", "Ä", "Ö", "#"]
            .iter()
            .map(|l| letter_id(l))
            .collect();
        assert_eq!(
            ids,
            [
                "bokstav-a",
                "bokstav-o",
                "bokstav-aa",
                "bokstav-ae",
                "bokstav-oe",
                "ovriga"
            ]
        );
    }
}

//! `[[indicator_families]]`: rules that group indicators whose names the
//! automatic normalisation (`indicators::family`) does not bring together,
//! for the comparison pages `/tema/<slug>/jamfor/`.
//!
//! ```toml
//! [[indicator_families]]
//! slug = "andel-med-sip"
//! name = "Andel patienter med SIP"
//! aliases = ["Andel patienter på prea60 listan med patientkontrakt/SIP"]
//! unit = "percent"          # optional: only indicators of this unit
//! ```

use std::collections::HashMap;

use serde::Deserialize;
use toml::Spanned;

use crate::text::{is_slug, slugify};

/// The unit a family is limited to (front matter's `unit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FamilyUnit {
    Count,
    Percent,
}

/// One `[[indicator_families]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilyConfig {
    /// The family's slug, in its URL (`/tema/<slug>/jamfor/<family>/`).
    pub slug: Spanned<String>,
    /// Its name on the pages.
    pub name: String,
    /// Indicator names (as reports write them) that belong to it; each is
    /// normalised as every indicator name is.
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub unit: Option<FamilyUnit>,
}

/// Slugs that are not slugs, and slugs given twice.
pub(super) fn validate(list: &[FamilyConfig], mut err: impl FnMut(std::ops::Range<usize>, String)) {
    let mut seen: HashMap<&str, ()> = HashMap::new();
    for f in list {
        let slug = f.slug.get_ref().as_str();
        if !is_slug(slug) {
            err(
                f.slug.span(),
                format!(
                    "indicator family slug \"{slug}\" is not a slug (did you mean \"{}\"?)",
                    slugify(slug)
                ),
            );
        } else if seen.insert(slug, ()).is_some() {
            err(
                f.slug.span(),
                format!("indicator family \"{slug}\" is given twice"),
            );
        }
    }
}

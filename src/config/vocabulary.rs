//! Vocabularies of `site.toml`: `[[topics]]` (themes) and `[[changes]]`
//! (change ideas, "åtgärder").
//!
//! Both are lists of terms with a slug, a name, an optional description and
//! aliases, and front matter names a term by its slug or any alias. One type
//! serves both, so lookup, suggestions and validation exist once.

use std::collections::HashMap;
use std::ops::Deref;
use std::sync::OnceLock;

use serde::Deserialize;
use toml::Spanned;

use super::match_key;
use crate::text::{is_slug, slugify};

/// One entry of a vocabulary (`[[topics]]` or `[[changes]]`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The term's slug, used in front matter and in its URL
    /// (`/tema/<slug>/`, `/atgarder/<slug>/`).
    pub slug: Spanned<String>,
    /// The term's display name.
    pub name: String,
    /// One sentence about the term, shown on its page.
    #[serde(default)]
    pub description: Option<String>,
    /// Other spellings accepted in front matter.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
}

impl Term {
    /// The slug, then the aliases: the names front matter may use.
    fn names(&self) -> impl Iterator<Item = &Spanned<String>> {
        std::iter::once(&self.slug).chain(&self.aliases)
    }

    /// The slug as text.
    pub fn slug(&self) -> &str {
        self.slug.get_ref()
    }
}

/// A list of terms, searchable by slug or alias. Dereferences to the terms
/// in the order `site.toml` gives them.
#[derive(Debug, Default, Deserialize)]
#[serde(from = "Vec<Term>")]
pub struct Vocabulary {
    terms: Vec<Term>,
    /// Slugs and aliases by [`match_key`], built on the first lookup.
    index: OnceLock<HashMap<String, usize>>,
}

impl From<Vec<Term>> for Vocabulary {
    fn from(terms: Vec<Term>) -> Self {
        Vocabulary {
            terms,
            index: OnceLock::new(),
        }
    }
}

impl Deref for Vocabulary {
    type Target = [Term];
    fn deref(&self) -> &[Term] {
        &self.terms
    }
}

impl Vocabulary {
    /// Resolves a slug or alias (compared by [`match_key`]) to the term's
    /// index.
    pub fn find(&self, name: &str) -> Option<usize> {
        let index = self.index.get_or_init(|| {
            let mut index = HashMap::new();
            for (i, t) in self.terms.iter().enumerate() {
                for name in t.names() {
                    index.insert(match_key(name.get_ref()), i);
                }
            }
            index
        });
        index.get(&match_key(name)).copied()
    }

    /// The slug of the term whose slug or alias is closest to an unknown
    /// name, if any is close enough to be the one meant.
    pub fn suggest(&self, name: &str) -> Option<&str> {
        let names = self
            .terms
            .iter()
            .enumerate()
            .flat_map(|(i, t)| t.names().map(move |n| (match_key(n.get_ref()), i)));
        crate::text::closest_by(&match_key(name), names).map(|i| self.terms[i].slug())
    }

    /// Slugs that are not slugs, and names that mean two terms. `kind` names
    /// a term in messages ("topic", "change").
    pub fn validate(&self, kind: &str, mut err: impl FnMut(std::ops::Range<usize>, String)) {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for t in &self.terms {
            let slug = t.slug();
            if !is_slug(slug) {
                err(
                    t.slug.span(),
                    format!(
                        "{kind} slug \"{slug}\" is not a slug (did you mean \"{}\"?)",
                        slugify(slug)
                    ),
                );
            }
            for key in t.names() {
                let k = match_key(key.get_ref());
                if let Some(other) = seen.insert(k, slug).filter(|o| *o != slug) {
                    err(
                        key.span(),
                        format!(
                            "\"{}\" names both {kind} \"{other}\" and {kind} \"{slug}\"",
                            key.get_ref()
                        ),
                    );
                }
            }
        }
    }
}

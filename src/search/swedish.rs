//! Swedish recall: extra index words so that any form of a word finds the
//! reports that use another form of it, or use it inside a compound.
//!
//! Pagefind stems with Snowball and matches a query word as a prefix of the
//! indexed stems. Snowball splits inflection families ("sjukskrivningar" →
//! `sjukskrivning`, "sjukskrivna" → `sjukskrivn`), and a compound hides its
//! parts ("långtidssjukskrivna"). So for every word of a report we look it
//! up in Hunspell's Swedish dictionary (`lexicon.rs`), collect the forms of
//! its family — the entry's inflections, plus entries derived from the same
//! verb ("skrivning", "skriven" ← "skriva") — and, for a compound, the forms
//! of its head and its modifiers, and index the few forms whose stems are
//! not already covered as prefixes. Queries need nothing: they are stemmed
//! as usual and now meet a stem that starts with theirs.

use std::collections::{HashMap, HashSet};

use pagefind_stem::{Algorithm, Stemmer};

use super::lexicon::{Lexicon, Role};
use crate::text;

const AFF: &str = include_str!("../../data/hunspell/sv_SE.aff");
const DIC: &str = include_str!("../../data/hunspell/sv_SE.dic");

/// Shorter words (function words, abbreviations) get no extra forms: their
/// families are where false matches would come from.
const MIN_WORD: usize = 4;
/// The shortest extra form.
const MIN_EXTRA: usize = 5;
/// The most extra forms one word may add.
const MAX_EXTRA: usize = 12;

/// Derivations that join an entry to the verb it comes from, with the
/// shortest verb stem each may apply to: `skrivning`, `planering`,
/// `skriven`, `planerad` → `skriva`, `planera`. (Not `-else`: "skrivelse"
/// is a document, not a writing.)
const DERIVATIONS: [(&str, usize); 4] = [("ning", 4), ("ing", 5), ("en", 5), ("ad", 5)];

/// The rest of Snowball's Swedish stop list, sorted by bytes: with the
/// shared [`text::STOP_WORDS`] it is the whole list. Function words match
/// every report and make up about 40 % of its words, so the index leaves
/// them out (see `push_text` in `mod.rs`), and they never become extra
/// forms. The index takes the standard list whole, pronouns included (it
/// stems with Snowball too); `related` keeps a shorter list of its own.
const SNOWBALL_REST: &[&str] = &[
    "allt", "bli", "blivit", "deras", "dess", "dig", "din", "dina", "ditt", "du", "då", "ej", "er",
    "era", "ert", "ha", "han", "hans", "henne", "hennes", "hon", "honom", "här", "i", "icke",
    "ingen", "jag", "ju", "kunde", "mellan", "mig", "min", "mina", "mitt", "ni", "nu", "någon",
    "oss", "samma", "sedan", "sitta", "själv", "så", "sådan", "sådana", "sådant", "upp", "ut",
    "varför", "varje", "vars", "vart", "vem", "vi", "vilka", "vilkas", "vilken", "vilket", "än",
    "är", "åt",
];

/// Whether a lower-case word is on Snowball's Swedish stop list.
pub fn is_stop_word(lower: &str) -> bool {
    text::is_stop_word(lower) || SNOWBALL_REST.binary_search(&lower).is_ok()
}

pub struct Expander {
    lex: Lexicon,
    stemmer: Stemmer,
    /// Union-find parent of each entry: entries of one family share a root.
    parent: Vec<u32>,
    /// Root → members, for families of more than one entry.
    members: HashMap<u32, Vec<u32>>,
}

impl Expander {
    /// Loads the vendored Swedish dictionary (about 50 ms).
    pub fn swedish() -> Expander {
        Expander::new(Lexicon::parse(AFF, DIC))
    }

    pub fn new(lex: Lexicon) -> Expander {
        let mut parent: Vec<u32> = (0..lex.len() as u32).collect();
        for id in 0..lex.len() as u32 {
            let word = lex.word(id);
            for (suffix, min_stem) in DERIVATIONS {
                let Some(stem) = word.strip_suffix(suffix) else {
                    continue;
                };
                if stem.chars().count() < min_stem {
                    continue;
                }
                for &verb in lex.lookup(&format!("{stem}a")) {
                    union(&mut parent, id, verb);
                }
            }
        }
        let mut members: HashMap<u32, Vec<u32>> = HashMap::new();
        for id in 0..parent.len() as u32 {
            let root = find(&mut parent, id);
            // Point every entry straight at its root.
            parent[id as usize] = root;
            if root != id {
                members.entry(root).or_default().push(id);
            }
        }
        // Roots of multi-entry families are members of their own family.
        for (root, list) in members.iter_mut() {
            list.push(*root);
            list.sort_unstable();
        }
        Expander {
            lex,
            stemmer: Stemmer::create(Algorithm::Swedish),
            parent,
            members,
        }
    }

    /// Pagefind's stem of a lower-case word.
    pub fn stem<'a>(&self, word: &'a str) -> std::borrow::Cow<'a, str> {
        self.stemmer.stem(word)
    }

    /// The extra words to index for one lower-case word of a report.
    pub fn expand(&self, word: &str) -> Vec<String> {
        if word.chars().count() < MIN_WORD || !word.chars().all(char::is_alphabetic) {
            return Vec::new();
        }
        let forms = self.related_forms(word);
        self.uncovered(word, forms)
    }

    /// Every form that should find `word`: its family, or for a compound
    /// the compound's other forms, its tails and its modifiers.
    fn related_forms(&self, word: &str) -> Vec<String> {
        let mut forms = Vec::new();
        for a in self.lex.analyse_as(word, Role::Alone) {
            forms.extend(self.entry_forms(a.entry));
        }
        // A compound, listed or not, also answers to its parts.
        forms.extend(self.compound_forms(word).unwrap_or_default());
        forms
    }

    /// The forms of an entry's family; for an entry that is itself a
    /// compound ("sjukskriva" = sjuk + skriva), also the modifier joined to
    /// the forms of the head's family ("sjukskrivning").
    fn entry_forms(&self, entry: u32) -> Vec<String> {
        let mut forms = Vec::new();
        for member in self.family(entry) {
            forms.extend(self.lex.forms(member));
            let word = self.lex.word(member);
            if let Some(cuts) = self.lex.split_compound(word) {
                let head_at = *cuts.last().unwrap_or(&0);
                let (modifier, head) = word.split_at(head_at);
                for f in self.head_family_forms(head) {
                    forms.push(format!("{modifier}{f}"));
                }
            }
        }
        forms
    }

    fn compound_forms(&self, word: &str) -> Option<Vec<String>> {
        let cuts = self.lex.split_compound(word)?;
        let head_at = *cuts.last()?;
        let head_forms = self.head_family_forms(&word[head_at..]);
        let mut forms = Vec::new();
        // Every tail that ends in the head, inflected like the head:
        // "deltidssjukskrivningar" → "sjukskrivningen", "skrivningen", ….
        let starts = std::iter::once(0).chain(cuts.iter().copied());
        for start in starts {
            let prefix = &word[start..head_at];
            for f in &head_forms {
                forms.push(format!("{prefix}{f}"));
            }
        }
        // Every modifier, alone and with those before it, without a
        // linking s: "sjukskrivningsprocessen" → "sjuk", "sjukskrivning",
        // "skrivning".
        let mut start = 0;
        for &end in &cuts {
            for from in [0, start] {
                let part = &word[from..end];
                let part = part
                    .strip_suffix('s')
                    .filter(|p| !self.lex.analyse(p).is_empty() || from == 0)
                    .unwrap_or(part);
                if part.chars().count() >= MIN_WORD {
                    forms.push(part.to_string());
                }
            }
            start = end;
        }
        Some(forms)
    }

    fn head_family_forms(&self, head: &str) -> Vec<String> {
        let mut forms = Vec::new();
        for a in self.lex.analyse_as(head, Role::Head) {
            forms.extend(self.entry_forms(a.entry));
        }
        forms
    }

    fn family(&self, entry: u32) -> Vec<u32> {
        let root = self.parent[entry as usize];
        self.members
            .get(&root)
            .cloned()
            .unwrap_or_else(|| vec![entry])
    }

    /// Of `forms`, one representative per stem that is not a prefix of
    /// `word`'s stem or of another kept stem: the least that lets every
    /// form's stem, as a query, prefix-match the report.
    fn uncovered(&self, word: &str, forms: Vec<String>) -> Vec<String> {
        let own = self.stem(word).into_owned();
        // Genitives ("sjukskrivningars") are the form plus "s": nobody
        // searches for them, and they would add a stem per family.
        let all: HashSet<&str> = forms.iter().map(String::as_str).collect();
        let genitive = |f: &str| f.strip_suffix('s').is_some_and(|b| all.contains(b));
        // Short forms and function words ("ring", "under") match too much.
        let mut stems: Vec<(String, String)> = forms
            .iter()
            .filter(|f| f.chars().count() >= MIN_EXTRA && f.chars().all(char::is_alphabetic))
            .filter(|f| !genitive(f) && !is_stop_word(f))
            .map(|f| (self.stem(f).into_owned(), f.clone()))
            .filter(|(s, _)| s.chars().count() >= MIN_WORD - 1)
            .collect();
        // Longest stems first, so a kept stem covers its prefixes.
        stems.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.cmp(b)));
        stems.dedup_by(|a, b| a.0 == b.0);
        let mut kept: Vec<(String, String)> = Vec::new();
        for (stem, form) in stems {
            if own.starts_with(&stem) || kept.iter().any(|(k, _)| k.starts_with(&stem)) {
                continue;
            }
            kept.push((stem, form));
        }
        kept.truncate(MAX_EXTRA);
        let mut out: Vec<String> = kept.into_iter().map(|(_, f)| f).collect();
        out.sort();
        out
    }
}

fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        let grand = parent[parent[x as usize] as usize];
        parent[x as usize] = grand;
        x = grand;
    }
    x
}

fn union(parent: &mut [u32], a: u32, b: u32) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        // The smaller id becomes the root, so the result is deterministic.
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        parent[hi as usize] = lo;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn sv() -> &'static Expander {
        static SV: OnceLock<Expander> = OnceLock::new();
        SV.get_or_init(Expander::swedish)
    }

    /// Whether a query word, stemmed, prefix-matches `word` or one of its
    /// extra forms: Pagefind's matching rule.
    fn finds(query: &str, word: &str) -> bool {
        let sv = sv();
        let q = sv.stem(query).into_owned();
        std::iter::once(word.to_string())
            .chain(sv.expand(word))
            .any(|w| sv.stem(&w).starts_with(&q))
    }

    #[test]
    fn inflection_families_meet() {
        for (query, word) in [
            ("sjukskrivningar", "sjukskrivna"),
            ("sjukskrivning", "sjukskriven"),
            ("sjukskriven", "sjukskrivningarna"),
            ("planering", "planerade"),
            ("skrev", "skrivningen"),
        ] {
            assert!(finds(query, word), "{query} should find {word}");
        }
    }

    #[test]
    fn compounds_show_their_parts() {
        for (query, word) in [
            ("sjukskrivningar", "långtidssjukskrivna"),
            ("sjukskrivningar", "deltidssjukskrivningar"),
            ("sjukskrivning", "sjukskrivningsprocessen"),
            ("processer", "sjukskrivningsprocessen"),
            ("koordinator", "rehabiliteringskoordinator"),
            ("rehabilitering", "rehabiliteringskoordinator"),
            ("ångest", "ångesttillstånd"),
        ] {
            assert!(finds(query, word), "{query} should find {word}");
        }
    }

    #[test]
    fn unrelated_words_stay_apart() {
        for (query, word) in [
            ("varning", "vara"),
            ("varning", "var"),
            ("sjukskrivning", "sjukhus"),
            ("planering", "planet"),
            ("kontinuitet", "kontakt"),
        ] {
            assert!(!finds(query, word), "{query} should not find {word}");
        }
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(SNOWBALL_REST.windows(2).all(|w| w[0] < w[1]));
        assert!(SNOWBALL_REST.iter().all(|w| !text::is_stop_word(w)));
        assert_eq!(SNOWBALL_REST.len() + text::STOP_WORDS.len(), 114);
        assert!(is_stop_word("och") && is_stop_word("på") && !is_stop_word("plan"));
    }

    #[test]
    fn short_words_and_numbers_add_nothing() {
        assert!(sv().expand("var").is_empty());
        assert!(sv().expand("prea60").is_empty());
    }
}

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

use super::analyze::{Map as HashMap, Set as HashSet};

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
/// The shortest first part of a compound Hunspell cannot split (a shorter
/// one is a prefix: be-, in-, ut-), and the shortest last part of such a
/// compound that the dictionary lists whole (see `Expander::last_part`).
const MIN_FIRST: usize = 3;
const MIN_LISTED_HEAD: usize = 6;

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

/// Å and ä as a, ö as o: what people type without a Swedish keyboard
/// (or in haste), so that "smarta" meets "smärta" (format v2 sorts the
/// term dictionary by the folded stem, `docs/search-format.md`).
pub fn fold_char(c: char) -> char {
    match c {
        'å' | 'ä' => 'a',
        'ö' => 'o',
        c => c,
    }
}

/// A lower-case word or stem, folded ([`fold_char`]).
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// The order of the term dictionary: by the folded stem, then the stem.
pub fn fold_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    (a.chars().map(fold_char))
        .cmp(b.chars().map(fold_char))
        .then_with(|| a.cmp(b))
}

/// What an extra form is to the word it was made from: another form of
/// its family (another inflection, a derivation of the same verb), or a
/// part of it as a compound. A query that meets a report only through a
/// part ranks after the reports that have the word itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Family,
    Part,
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
        let mut members: HashMap<u32, Vec<u32>> = HashMap::default();
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

    /// The extra words to index for one lower-case word of a report, each
    /// with what it is to the word.
    pub fn expand(&self, word: &str) -> Vec<(String, Kind)> {
        if word.chars().count() < MIN_WORD || !word.chars().all(char::is_alphabetic) {
            return Vec::new();
        }
        let forms = self.related_forms(word);
        self.uncovered(word, forms)
    }

    /// Every form that should find `word`: its family, or for a compound
    /// the compound's other forms, its tails and its modifiers.
    fn related_forms(&self, word: &str) -> Vec<(String, Kind)> {
        let mut forms = Vec::new();
        let alone = self.lex.analyse_as(word, Role::Alone);
        for a in &alone {
            let family = self.entry_forms(a.entry).into_iter();
            forms.extend(family.map(|f| (f, Kind::Family)));
        }
        // A compound, listed or not, also answers to its parts.
        if let Some(cuts) = self.lex.split_compound(word) {
            forms.extend(self.compound_forms(word, &cuts, true));
        } else if let Some(head_at) = self.last_part(word, !alone.is_empty()) {
            forms.extend(self.compound_forms(word, &[head_at], false));
        }
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

    /// Where the last part of a compound starts that Hunspell's compound
    /// rules cannot split: a compound the dictionary lists whole with a
    /// first part that is no entry of its own ("fysioterapeut",
    /// "psykoterapeut"), or a word it does not know at all
    /// ("distriktsköterska" as written, "beslutstödet"). The last part is
    /// the longest ending that may end a compound; before it must stand at
    /// least [`MIN_FIRST`] letters (a shorter one is a prefix: "beskrivning"
    /// is no compound of "rivning"). In a listed word only a neoclassical
    /// first part in -o counts, before a last part of at least
    /// [`MIN_LISTED_HEAD`] letters: listed words split anywhere else are
    /// mostly wrong ("sannolikhet", "erfarenhet", "sammanställning").
    fn last_part(&self, word: &str, listed: bool) -> Option<usize> {
        let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
        let n = bounds.len();
        let min_head = if listed { MIN_LISTED_HEAD } else { MIN_WORD };
        let k = (1..n.checked_sub(min_head - 1)?).find(|&k| {
            !self
                .lex
                .analyse_as(&word[bounds[k]..], Role::Head)
                .is_empty()
        })?;
        let first = &word[..bounds[k]];
        let ok = k >= MIN_FIRST && (!listed || (k >= MIN_WORD && first.ends_with('o')));
        ok.then_some(bounds[k])
    }

    /// A compound's forms: its own inflections (the head's forms after its
    /// whole modifier), every shorter tail inflected like the head
    /// ("deltidssjukskrivningar" → "sjukskrivningen", "skrivningen") and,
    /// with `modifiers`, every modifier alone and with those before it,
    /// without a linking s ("sjukskrivningsprocessen" → "sjuk",
    /// "sjukskrivning", "skrivning").
    fn compound_forms(&self, word: &str, cuts: &[usize], modifiers: bool) -> Vec<(String, Kind)> {
        let Some(&head_at) = cuts.last() else {
            return Vec::new();
        };
        let head_forms = self.head_family_forms(&word[head_at..]);
        let mut forms = Vec::new();
        let starts = std::iter::once(0).chain(cuts.iter().copied());
        for start in starts {
            let prefix = &word[start..head_at];
            let kind = if start == 0 { Kind::Family } else { Kind::Part };
            for f in &head_forms {
                forms.push((format!("{prefix}{f}"), kind));
            }
        }
        let mut start = 0;
        for &end in cuts.iter().filter(|_| modifiers) {
            for from in [0, start] {
                let part = &word[from..end];
                let part = part
                    .strip_suffix('s')
                    .filter(|p| !self.lex.analyse(p).is_empty() || from == 0)
                    .unwrap_or(part);
                if part.chars().count() >= MIN_WORD {
                    forms.push((part.to_string(), Kind::Part));
                }
            }
            start = end;
        }
        forms
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
    /// form's stem, as a query, prefix-match the report. Family forms are
    /// kept first, so that a stem is a part only when no form of the
    /// word's family has it.
    fn uncovered(&self, word: &str, forms: Vec<(String, Kind)>) -> Vec<(String, Kind)> {
        let own = self.stem(word).into_owned();
        // Genitives ("sjukskrivningars") are the form plus "s": nobody
        // searches for them, and they would add a stem per family.
        let all: HashSet<&str> = forms.iter().map(|(f, _)| f.as_str()).collect();
        let genitive = |f: &str| f.strip_suffix('s').is_some_and(|b| all.contains(b));
        // Short forms and function words ("ring", "under") match too much.
        let mut stems: Vec<(Kind, String, &str)> = forms
            .iter()
            .filter(|(f, _)| f.chars().count() >= MIN_EXTRA && f.chars().all(char::is_alphabetic))
            .filter(|(f, _)| !genitive(f) && !is_stop_word(f))
            .map(|(f, k)| (*k, self.stem(f).into_owned(), f.as_str()))
            .filter(|(_, s, _)| s.chars().count() >= MIN_WORD - 1)
            .collect();
        // Family first, then the longest stems, so a kept stem covers its
        // prefixes.
        stems.sort_by(|a, b| {
            (a.0.cmp(&b.0))
                .then(b.1.len().cmp(&a.1.len()))
                .then_with(|| a.cmp(b))
        });
        let mut kept: Vec<(Kind, String, &str)> = Vec::new();
        for (kind, stem, form) in stems {
            if own.starts_with(&stem) || kept.iter().any(|(_, k, _)| k.starts_with(&stem)) {
                continue;
            }
            kept.push((kind, stem, form));
        }
        kept.truncate(MAX_EXTRA);
        let mut out: Vec<(String, Kind)> = kept
            .into_iter()
            .map(|(k, _, f)| (f.to_string(), k))
            .collect();
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
mod tests;

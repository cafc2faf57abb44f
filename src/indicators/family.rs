//! Indicator families: indicators of different reports that measure the
//! same thing, found by their names as clinics write them ("Andel
//! patienter med SIP", "Andelen pat. med SIP (%)", "% patienter med SIP"
//! are one family; "Antal SIP" is another, and so is "Antal SIP digitalt"),
//! plus the rules of `site.toml` `[[indicator_families]]` where names need
//! help.
//!
//! A name's key is its unit and the set of its word stems (Swedish
//! Snowball), after: a leading code ("Ån07:") and unit-only brackets
//! ("(%)", "(st)") are dropped, "%" and "andelen" become "andel",
//! "antalet" "antal", the abbreviations "pat", "pat.", "pt" "patienter",
//! Swedish endings after a colon ("SIP:ar") are dropped, and function
//! words ("med", "som", "har", "av", "och", …) are left out; an
//! adjective's neuter "-lt" counts as "-l" ("digitalt", "digitala"). Word
//! order does not count.

use std::collections::HashMap;
use std::sync::LazyLock;

use pagefind_stem::{Algorithm, Stemmer};

use crate::config::{Config, FamilyUnit};
use crate::content::Unit;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Swedish));

/// Words that say nothing about what is measured.
const FILLER: &[&str] = &[
    "med", "som", "har", "hade", "och", "av", "på", "i", "för", "de", "den", "det", "en", "ett",
    "att", "är", "var", "fått", "få", "får", "sin", "sina", "sitt", "hos", "inom", "samt", "vilka",
    "till", "vid", "the", "of",
];

/// Words inside brackets that only name the unit: "(%)", "(st)".
const UNIT_WORDS: &[&str] = &["%", "procent", "antal", "st", "st.", "stycken", "andel"];

/// A family key: the unit and the sorted word stems of a name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FamilyKey {
    pub percent: bool,
    pub stems: Vec<String>,
}

/// The words of a name, normalised as the module's doc says.
fn words(name: &str) -> Vec<String> {
    let mut s = name.trim().to_lowercase();
    // A leading code: "Ån07: Andel …".
    if let Some((head, rest)) = s.split_once(':') {
        let code = head.trim();
        if !code.contains(' ') && code.chars().any(|c| c.is_ascii_digit()) {
            s = rest.to_string();
        }
    }
    // Unit-only brackets.
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')') else {
            break;
        };
        let inside = &rest[open + 1..open + close];
        out.push_str(&rest[..open]);
        if !inside.split_whitespace().all(|w| UNIT_WORDS.contains(&w)) {
            out.push_str(&rest[open..=open + close]);
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    let mut words = Vec::new();
    for raw in out
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | ',' | '(' | ')' | '"' | '”' | '“'))
    {
        // "SIP:ar", "SIP:en": the ending after a colon is grammar.
        let w = raw.split(':').next().unwrap_or("");
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '%' && c != '>' && c != '<');
        if w.is_empty() {
            continue;
        }
        let w = match w.trim_end_matches('.') {
            "%" => "andel",
            "andelen" => "andel",
            "antalet" => "antal",
            "pat" | "pt" | "pts" | "patienterna" | "patienten" | "patient" => "patienter",
            other => other,
        };
        if w.starts_with('%') && w.len() > 1 {
            words.push("andel".to_string());
            words.push(w[1..].to_string());
            continue;
        }
        if FILLER.contains(&w) {
            continue;
        }
        words.push(w.to_string());
    }
    words
}

/// The key of an indicator name of unit `unit`.
pub fn key(name: &str, unit: Unit) -> FamilyKey {
    let mut stems: Vec<String> = words(name)
        .iter()
        .map(|w| {
            let mut stem = STEMMER.stem(w).into_owned();
            // The neuter "-t" of adjectives the stemmer keeps:
            // "digitalt", "aktuellt" are "digital", "aktuell".
            if stem.ends_with("lt") {
                stem.pop();
            }
            stem
        })
        .collect();
    stems.sort();
    stems.dedup();
    FamilyKey {
        percent: unit == Unit::Percent,
        stems,
    }
}

/// The families of `site.toml`, by the keys of their names and aliases.
pub struct Rules {
    by_key: HashMap<FamilyKey, usize>,
}

impl Rules {
    pub fn new(config: &Config) -> Rules {
        let mut by_key = HashMap::new();
        for (i, f) in config.indicator_families.iter().enumerate() {
            let units: &[Unit] = match f.unit {
                Some(FamilyUnit::Count) => &[Unit::Count],
                Some(FamilyUnit::Percent) => &[Unit::Percent],
                None => &[Unit::Count, Unit::Percent],
            };
            for name in std::iter::once(&f.name).chain(&f.aliases) {
                for &u in units {
                    by_key.entry(key(name, u)).or_insert(i);
                }
            }
        }
        Rules { by_key }
    }

    /// The configured family (an index into `indicator_families`) an
    /// indicator with this key belongs to, if any.
    pub fn family(&self, key: &FamilyKey) -> Option<usize> {
        self.by_key.get(key).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names as clinics write them, none of them from the generator
    /// (`gen_corpus.py`): each group must be one family, and no two groups
    /// one.
    #[test]
    fn held_out_variants_group_and_differ() {
        let groups: &[(Unit, &[&str])] = &[
            (
                Unit::Percent,
                &[
                    "Andel patienter med SIP",
                    "Andelen patienter med SIP",
                    "Andel pat. med SIP (%)",
                    "% pat med SIP",
                    "andel patienter som har SIP",
                    "Andel av patienterna med SIP",
                    "Andel patienter med SIP:ar",
                    "ANDEL PATIENTER MED SIP.",
                ],
            ),
            (
                Unit::Count,
                &["Antal SIP", "Antalet SIP", "Antal SIP (st)", "Antal SIP:ar"],
            ),
            (Unit::Count, &["Antal SIP digitalt", "Antalet digitala SIP"]),
            (
                Unit::Percent,
                &[
                    "Ån07: Andel patienter med ångest som behandlas med bensodiazepiner",
                    "Andel patienter med ångest som behandlas med bensodiazepiner",
                    "Andelen pat med ångest som behandlas med bensodiazepiner (%)",
                ],
            ),
            (
                Unit::Count,
                &[
                    "Antal patienter med ångest som behandlas med bensodiazepiner",
                    "Antalet patienter med ångest som behandlas med bensodiazepiner",
                ],
            ),
            (
                Unit::Percent,
                &[
                    "Andel deltidssjukskrivningar",
                    "Andelen deltidssjukskrivningar (%)",
                ],
            ),
            (
                Unit::Count,
                &["Antal samverkansmöten", "Antalet samverkansmöten (st)"],
            ),
        ];
        let keys: Vec<FamilyKey> = groups
            .iter()
            .map(|(unit, names)| {
                let first = key(names[0], *unit);
                for n in names.iter() {
                    assert_eq!(key(n, *unit), first, "{n:?} is not in {:?}", names[0]);
                }
                first
            })
            .collect();
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
        // The unit tells apart what the words do not.
        assert_ne!(
            key("Patienter med SIP", Unit::Count),
            key("Patienter med SIP", Unit::Percent)
        );
    }
}

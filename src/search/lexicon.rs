//! A reader for Hunspell affix dictionaries: just enough to analyse a word
//! into its dictionary entries, split a compound into known parts, and
//! generate every inflected form of an entry.
//!
//! The search index uses it to widen recall (see `swedish.rs`). Hunspell's
//! Swedish dictionary (`data/sv_SE.*`, LGPL-3, from LibreOffice's
//! dictionaries) describes about 152,000 entries with suffix classes and
//! compound flags; reading it at build time keeps the mechanism general,
//! with no word lists written for particular queries.

use super::analyze::Map as HashMap;

/// Flags of the Swedish `.aff` that matter here (single-character flags).
#[derive(Debug, Clone, Copy)]
struct CompoundFlags {
    begin: char,
    middle: char,
    end: char,
    only_in_compound: char,
    need_affix: char,
    forbidden: char,
}

#[derive(Debug)]
enum CondUnit {
    Any,
    Char(char),
    Set { negated: bool, chars: Vec<char> },
}

impl CondUnit {
    fn matches(&self, c: char) -> bool {
        match self {
            CondUnit::Any => true,
            CondUnit::Char(x) => *x == c,
            CondUnit::Set { negated, chars } => chars.contains(&c) != *negated,
        }
    }
}

/// One `SFX` line: entry ending `strip` and matching `cond` → replace
/// `strip` with `add`; the form gets the continuation flags `cont`.
#[derive(Debug)]
struct Rule {
    flag: char,
    strip: String,
    add: String,
    cont: Vec<char>,
    cond: Vec<CondUnit>,
}

impl Rule {
    /// Whether `word` (an entry) meets the rule's strip and condition.
    fn applies_to(&self, word: &str) -> bool {
        if !word.ends_with(self.strip.as_str()) {
            return false;
        }
        let mut chars = word.chars().rev();
        self.cond
            .iter()
            .rev()
            .all(|unit| chars.next().is_some_and(|c| unit.matches(c)))
    }
}

#[derive(Debug)]
struct Entry {
    word: String,
    flags: Vec<char>,
}

/// One way a word is read: the entry and the flags the form carries.
#[derive(Debug, Clone)]
pub struct Analysis<'a> {
    pub entry: u32,
    /// The entry's flags plus the continuation flags of the suffix used.
    flags: [&'a [char]; 2],
}

impl Analysis<'_> {
    fn has(&self, flag: char) -> bool {
        self.flags.iter().any(|f| f.contains(&flag))
    }
}

/// Where a part stands in a compound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Alone,
    Modifier,
    Head,
}

/// A parsed Hunspell dictionary.
pub struct Lexicon {
    entries: Vec<Entry>,
    by_word: HashMap<String, Vec<u32>>,
    rules: Vec<Rule>,
    by_add: HashMap<String, Vec<u32>>,
    by_flag: HashMap<char, Vec<u32>>,
    max_add: usize,
    flags: CompoundFlags,
}

impl Lexicon {
    /// Parses the `.aff` and `.dic` texts. Lines it does not understand are
    /// skipped: the dictionary is vendored and tested, not user input.
    pub fn parse(aff: &str, dic: &str) -> Lexicon {
        let mut flags = CompoundFlags {
            begin: 'X',
            middle: 'U',
            end: 'Y',
            only_in_compound: 'Z',
            need_affix: '¤',
            forbidden: '%',
        };
        let mut rules = Vec::new();
        for line in aff.lines() {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let single = |i: usize| fields.get(i).and_then(|f| f.chars().next());
            match fields.first().copied() {
                Some("COMPOUNDBEGIN") => flags.begin = single(1).unwrap_or(flags.begin),
                Some("COMPOUNDMIDDLE") => flags.middle = single(1).unwrap_or(flags.middle),
                Some("COMPOUNDEND") => flags.end = single(1).unwrap_or(flags.end),
                Some("ONLYINCOMPOUND") => {
                    flags.only_in_compound = single(1).unwrap_or(flags.only_in_compound)
                }
                Some("NEEDAFFIX") => flags.need_affix = single(1).unwrap_or(flags.need_affix),
                Some("FORBIDDENWORD") => flags.forbidden = single(1).unwrap_or(flags.forbidden),
                // Rule lines have five fields; header lines have four.
                Some("SFX") if fields.len() >= 5 => {
                    let (add, cont) = match fields[3].split_once('/') {
                        Some((a, c)) => (a, c.chars().collect()),
                        None => (fields[3], Vec::new()),
                    };
                    let zero = |s: &str| {
                        if s == "0" {
                            String::new()
                        } else {
                            s.to_string()
                        }
                    };
                    rules.push(Rule {
                        flag: single(1).unwrap_or(' '),
                        strip: zero(fields[2]),
                        add: zero(add),
                        cont,
                        cond: parse_condition(fields[4]),
                    });
                }
                _ => {}
            }
        }
        let mut by_add: HashMap<String, Vec<u32>> = HashMap::default();
        let mut by_flag: HashMap<char, Vec<u32>> = HashMap::default();
        for (i, rule) in rules.iter().enumerate() {
            by_add.entry(rule.add.clone()).or_default().push(i as u32);
            by_flag.entry(rule.flag).or_default().push(i as u32);
        }
        let max_add = rules
            .iter()
            .map(|r| r.add.chars().count())
            .max()
            .unwrap_or(0);

        // The first line is the entry count.
        let count = dic.lines().next().and_then(|l| l.trim().parse().ok());
        let mut entries = Vec::with_capacity(count.unwrap_or(0));
        let mut by_word: HashMap<String, Vec<u32>> =
            HashMap::with_capacity_and_hasher(entries.capacity(), Default::default());
        for line in dic.lines().skip(1) {
            let line = line.split('\t').next().unwrap_or("").trim();
            let (word, entry_flags) = match line.split_once('/') {
                Some((w, f)) => (w, f.chars().collect::<Vec<_>>()),
                None => (line, Vec::new()),
            };
            if word.is_empty() || entry_flags.contains(&flags.forbidden) {
                continue;
            }
            let word = word.to_lowercase();
            by_word
                .entry(word.clone())
                .or_default()
                .push(entries.len() as u32);
            entries.push(Entry {
                word,
                flags: entry_flags,
            });
        }
        Lexicon {
            entries,
            by_word,
            rules,
            by_add,
            by_flag,
            max_add,
            flags,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The headword of an entry.
    pub fn word(&self, entry: u32) -> &str {
        &self.entries[entry as usize].word
    }

    /// Entries whose headword is exactly `word`.
    pub fn lookup(&self, word: &str) -> &[u32] {
        self.by_word.get(word).map_or(&[], Vec::as_slice)
    }

    /// Every reading of `word` (lower case) as an entry or an entry plus
    /// one suffix, without regard to compounding.
    pub fn analyse(&self, word: &str) -> Vec<Analysis<'_>> {
        let mut out = Vec::new();
        for &id in self.lookup(word) {
            let e = &self.entries[id as usize];
            out.push(Analysis {
                entry: id,
                flags: [&e.flags, &[]],
            });
        }
        // Try every ending of the word, up to the longest suffix.
        let bounds: Vec<usize> = word
            .char_indices()
            .map(|(i, _)| i)
            .chain([word.len()])
            .collect();
        let first = bounds.len().saturating_sub(self.max_add + 1);
        for &start in &bounds[first..] {
            let (base, add) = word.split_at(start);
            let Some(rule_ids) = self.by_add.get(add) else {
                continue;
            };
            for &rid in rule_ids {
                let rule = &self.rules[rid as usize];
                let mut entry_word = String::with_capacity(base.len() + rule.strip.len());
                entry_word.push_str(base);
                entry_word.push_str(&rule.strip);
                if entry_word.is_empty() || !rule.applies_to(&entry_word) {
                    continue;
                }
                for &id in self.lookup(&entry_word) {
                    let e = &self.entries[id as usize];
                    if e.flags.contains(&rule.flag) {
                        out.push(Analysis {
                            entry: id,
                            flags: [&e.flags, &rule.cont],
                        });
                    }
                }
            }
        }
        out
    }

    /// Readings of `word` that may stand in `role`.
    pub fn analyse_as(&self, word: &str, role: Role) -> Vec<Analysis<'_>> {
        let f = self.flags;
        let mut readings = self.analyse(word);
        readings.retain(|a| match role {
            // A bare entry that needs an affix is not a word on its own.
            Role::Alone => {
                let bare_needing_affix =
                    a.flags[1].is_empty() && a.flags[0].contains(&f.need_affix);
                !(a.has(f.only_in_compound) || bare_needing_affix)
            }
            Role::Modifier => a.has(f.begin) || a.has(f.middle),
            Role::Head => a.has(f.end) && !a.flags[1].contains(&f.only_in_compound),
        });
        readings
    }

    /// Splits a compound into modifier parts and a head, each part at least
    /// `MIN_PART` characters, preferring the fewest parts and then the
    /// longest head. Returns the byte offsets where parts start (after 0).
    pub fn split_compound(&self, word: &str) -> Option<Vec<usize>> {
        const MIN_PART: usize = 3;
        let bounds: Vec<usize> = word
            .char_indices()
            .map(|(i, _)| i)
            .chain([word.len()])
            .collect();
        let n = bounds.len() - 1;
        if n < 2 * MIN_PART {
            return None;
        }
        // best[j]: fewest modifier parts covering chars 0..j, and the
        // previous cut.
        let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
        best[0] = Some((0, 0));
        for j in MIN_PART..=n - MIN_PART {
            for i in 0..=j - MIN_PART {
                let Some((parts, _)) = best[i] else { continue };
                if best[j].is_some_and(|(p, _)| p <= parts + 1) {
                    continue;
                }
                if !self
                    .analyse_as(&word[bounds[i]..bounds[j]], Role::Modifier)
                    .is_empty()
                {
                    best[j] = Some((parts + 1, i));
                }
            }
        }
        let mut choice: Option<(usize, usize)> = None; // (parts, head start)
        for j in MIN_PART..=n - MIN_PART {
            let Some((parts, _)) = best[j] else { continue };
            if choice.is_some_and(|(p, _)| p <= parts) {
                continue;
            }
            if !self.analyse_as(&word[bounds[j]..], Role::Head).is_empty() {
                choice = Some((parts, j));
            }
        }
        let (_, mut j) = choice?;
        let mut cuts = Vec::new();
        while j > 0 {
            cuts.push(bounds[j]);
            j = best[j]?.1;
        }
        cuts.reverse();
        Some(cuts)
    }

    /// Every form an entry generates with its suffix flags, the headword
    /// included unless it needs an affix.
    pub fn forms(&self, entry: u32) -> Vec<String> {
        let e = &self.entries[entry as usize];
        let mut out = Vec::new();
        if !e.flags.contains(&self.flags.need_affix) {
            out.push(e.word.clone());
        }
        for flag in &e.flags {
            for &rid in self.by_flag.get(flag).map_or(&[][..], Vec::as_slice) {
                let rule = &self.rules[rid as usize];
                if rule.applies_to(&e.word) {
                    let stem = &e.word[..e.word.len() - rule.strip.len()];
                    out.push(format!("{stem}{}", rule.add));
                }
            }
        }
        out
    }
}

fn parse_condition(text: &str) -> Vec<CondUnit> {
    if text == "." {
        return Vec::new();
    }
    let mut units = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '.' => units.push(CondUnit::Any),
            '[' => {
                let mut set = Vec::new();
                let mut negated = false;
                for (k, x) in chars.by_ref().enumerate() {
                    match x {
                        ']' => break,
                        '^' if k == 0 => negated = true,
                        _ => set.push(x),
                    }
                }
                units.push(CondUnit::Set {
                    negated,
                    chars: set,
                });
            }
            _ => units.push(CondUnit::Char(c)),
        }
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    const AFF: &str = "SET UTF-8\nCOMPOUNDBEGIN X\nCOMPOUNDMIDDLE U\nCOMPOUNDEND Y\n\
        ONLYINCOMPOUND Z\nSFX D Y 2\nSFX D 0 en [^a]\nSFX D 0 nde a\n\
        SFX G Y 2\nSFX G 0 ar [^ae]\nSFX G 0 arna [^ae]\n\
        SFX f N 1\nSFX f 0 s/UZ [^a]\n";
    const DIC: &str = "4\nsjuk/XY\nskrivning/DfGY\nprocess/DUXY\nmus/G\n";

    #[test]
    fn analyses_suffixed_forms_with_their_conditions() {
        let lex = Lexicon::parse(AFF, DIC);
        let words = |w: &str| -> Vec<String> {
            lex.analyse(w)
                .iter()
                .map(|a| lex.word(a.entry).to_string())
                .collect()
        };
        assert_eq!(words("skrivningar"), ["skrivning"]);
        assert_eq!(words("processen"), ["process"]);
        assert!(words("processar").is_empty(), "flag G not on process");
        let mut forms = lex.forms(lex.lookup("skrivning")[0]);
        forms.sort();
        assert_eq!(
            forms,
            [
                "skrivning",
                "skrivningar",
                "skrivningarna",
                "skrivningen",
                "skrivnings"
            ]
        );
    }

    #[test]
    fn splits_compounds_with_linking_s() {
        let lex = Lexicon::parse(AFF, DIC);
        let w = "sjukskrivningsprocessen";
        let cuts = lex.split_compound(w).expect("compound");
        let parts: Vec<&str> = [0]
            .iter()
            .chain(&cuts)
            .zip(cuts.iter().chain([&w.len()]))
            .map(|(&a, &b)| &w[a..b])
            .collect();
        assert_eq!(parts, ["sjuk", "skrivnings", "processen"]);
        assert_eq!(lex.split_compound("musen"), None);
        // "mus" may not begin a compound.
        assert_eq!(lex.split_compound("musprocess"), None);
    }
}

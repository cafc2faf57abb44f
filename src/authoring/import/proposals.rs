//! What the importer proposes rather than knows, always as a `# TODO:
//! check …` line for the editor, never silently:
//!
//! - **Verdicts.** A sentence of the body that states one ("Delmålet har
//!   uppnåtts", "har delvis uppnåtts", "har inte uppnåtts", "har inte kunnat
//!   utvärderas") becomes the report's `assessment`, or an indicator's when
//!   the sentence names it ("Indikator 2 …", or its name), with the
//!   sentence as the quote.
//! - **Kinds of target.** A target in words that compares with the region
//!   ("högre än regionsnittet") is proposed as `better_than: reference`; one
//!   that only says better than before ("öka jämfört med startläget") as
//!   `better_than: baseline`, written only where the format can check it (a
//!   numeric baseline and a direction read from the words).
//! - **Change ideas.** In the sections where the template asks for ideas
//!   and actions ("Steg 5", "Steg 7", "A. Hur har ni testat …", "Idéer till
//!   lösningar", "Action", "Vilka förbättringsidéer har ni testat …"), a
//!   sentence that names a `[[changes]]` term (its slug, name or an alias,
//!   as a whole word or, for names of five letters or more, with a Swedish
//!   ending: "rutin" in "rutinerna") proposes that change, with the
//!   sentence as its text and the heading as its section.
//! - **What a change aimed at, and what became of it** ([`tie`]). Where
//!   that sentence names a goal ("indikator 2", "delmål 1 och 2"), the
//!   change's `indicators`; where it says the change was kept ("infört",
//!   "standardiserat"), only planned ("planerar", "kommer att") or not
//!   carried out ("har ej varit möjligt", "inte genomfört"), its `status`.

use std::sync::LazyLock;

use regex::Regex;

use super::template::{Indicator, Report};
use crate::authoring::write::{Assessment, Change};
use crate::config::Config;
use crate::content::raw::Direction;

/// A verdict: "har uppnåtts", "har delvis uppnåtts", "har inte (kunnat)
/// uppnåtts", "har inte kunnat utvärderas/bedömas", "är uppnått".
static VERDICT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:har|är|blev)\s+(inte\s+|ej\s+)?(delvis\s+)?(kunnat\s+)?(uppnåtts|uppnått|uppnåddes|nåtts|utvärderas|bedömas|mätas)\b",
    )
    .expect("valid regex")
});
static INDICATOR_N: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bindikator\s*(\d+)").expect("valid regex"));
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(regions?snitt|regiongenomsnitt|stockholmsgenomsnitt|länssnitt|rikssnitt|genomsnittet|snittet i regionen|än regionen)")
        .expect("valid regex")
});
static BETTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(jämfört med|än startläget|än utgångsläget|än nuläget|förbättr|\böka|\bökat|\bminska|\bfler\b|\bfärre\b|\bhögre\b|\blägre\b)")
        .expect("valid regex")
});

/// A verdict found in the body: which indicator it is about (by index),
/// if any, and the assessment it proposes.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub indicator: Option<usize>,
    pub assessment: Assessment,
}

/// The verdicts the body states, one a sentence; the first one for the
/// report or for an indicator wins.
pub fn verdicts(r: &Report) -> Vec<Verdict> {
    let mut out: Vec<Verdict> = Vec::new();
    for sentence in sentences(&r.body) {
        let Some(c) = VERDICT.captures(sentence) else {
            continue;
        };
        let negated = c.get(1).is_some();
        let partly = c.get(2).is_some();
        let verb = c[4].to_lowercase();
        let status = if matches!(verb.as_str(), "utvärderas" | "bedömas" | "mätas") {
            if !negated {
                continue; // "har kunnat utvärderas" is no verdict
            }
            "ej bedömbart"
        } else if partly {
            "delvis"
        } else if negated {
            "ej uppnått"
        } else {
            "uppnått"
        };
        let indicator = about(r, sentence);
        if out.iter().any(|v| v.indicator == indicator) {
            continue;
        }
        out.push(Verdict {
            indicator,
            assessment: Assessment {
                status: status.to_string(),
                text: sentence.to_string(),
            },
        });
    }
    out
}

/// The indicator a sentence names: "indikator 2", or its whole name.
fn about(r: &Report, sentence: &str) -> Option<usize> {
    if let Some(c) = INDICATOR_N.captures(sentence) {
        let n: usize = c[1].parse().ok()?;
        return (1..=r.indicators.len()).contains(&n).then(|| n - 1);
    }
    let lower = sentence.to_lowercase();
    r.indicators
        .iter()
        .position(|i| i.name.len() > 8 && lower.contains(&i.name.to_lowercase()))
}

/// The body's sentences, without Markdown markers, headings skipped.
fn sentences(body: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for line in body.lines() {
        let line = line.trim();
        if line.starts_with('#') || line.starts_with('|') {
            continue;
        }
        let line = line.trim_start_matches("- ").trim();
        let mut start = 0;
        for (i, ch) in line.char_indices() {
            let next = line[i + ch.len_utf8()..].chars().next();
            if matches!(ch, '.' | '!' | '?') && next.is_none_or(char::is_whitespace) {
                let s = line[start..i + ch.len_utf8()].trim();
                if !s.is_empty() {
                    out.push(s);
                }
                start = i + ch.len_utf8();
            }
        }
        let rest = line[start..].trim();
        if !rest.is_empty() {
            out.push(rest);
        }
    }
    out
}

/// Headings (lower case, as they start) of the sections where the
/// template asks for ideas and what was done.
const IDEA_SECTIONS: [&str; 8] = [
    "steg 5",
    "steg 7",
    "a. hur har ni testat",
    "idéer till lösningar",
    "initiala idéer",
    "action",
    "vilka förbättringsidéer",
    "hur har ni testat",
];

/// The change ideas the idea sections name, one per change, in order.
pub fn changes(config: &Config, body: &str) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::new();
    let mut section: Option<String> = None;
    for line in body.lines() {
        if let Some(h) = line
            .trim_start_matches('#')
            .strip_prefix(' ')
            .filter(|_| line.starts_with('#'))
        {
            let lower = h.trim().to_lowercase();
            section = IDEA_SECTIONS
                .iter()
                .any(|s| lower.starts_with(s))
                .then(|| h.trim().to_string());
            continue;
        }
        let Some(heading) = &section else { continue };
        for sentence in sentences(line) {
            let lower = sentence.to_lowercase();
            for term in config.changes.iter() {
                let slug = term.slug().to_string();
                if out.iter().any(|c| c.change == slug) {
                    continue;
                }
                let names = std::iter::once(term.name.clone())
                    .chain(std::iter::once(slug.replace('-', " ")))
                    .chain(term.aliases.iter().map(|a| a.get_ref().clone()));
                if names
                    .into_iter()
                    .any(|n| names_in(&lower, &n.to_lowercase()))
                {
                    out.push(Change {
                        change: slug,
                        text: Some(sentence.to_string()),
                        section: Some(heading.clone()),
                        ..Change::default()
                    });
                }
            }
        }
    }
    out
}

static GOALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:indikator|delmål|resultatmål|mål)\s*((?:\d+(?:\s*(?:,|och|&|-)\s*)?)+)")
        .expect("valid regex")
});
static KEPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(införd|införda|infört|införts|infördes|standardiserad|standardiserat|standardiserats)\b")
        .expect("valid regex")
});
static NOT_DONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(har (?:ej|inte) varit möjligt|(?:ej|inte) (?:kunnat )?(?:genomförts|genomfört|inletts|inleda))")
        .expect("valid regex")
});
static PLANNED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(planerar|kommer (?:vi )?att|ska vi)\b").expect("valid regex")
});

/// Proposes each change's `indicators` and `status` from its sentence
/// (see the module's doc), for a report of `goals` indicators.
pub fn tie(changes: &mut [Change], goals: usize) {
    for c in changes {
        let Some(text) = c.text.clone() else { continue };
        for m in GOALS.captures_iter(&text) {
            for n in m[1].split(|ch: char| !ch.is_ascii_digit()) {
                if let Ok(n) = n.parse::<usize>() {
                    if (1..=goals).contains(&n) && !c.indicators.contains(&n) {
                        c.indicators.push(n);
                    }
                }
            }
        }
        use crate::outcome::ChangeStatus;
        c.status = if NOT_DONE.is_match(&text) {
            Some(ChangeStatus::NotDone)
        } else if KEPT.is_match(&text) {
            Some(ChangeStatus::Adopted)
        } else if PLANNED.is_match(&text) {
            Some(ChangeStatus::Planned)
        } else {
            None
        };
    }
}

/// Whether `name` stands in `text` as a whole word, or (five letters or
/// more) with an ending of at most four letters.
fn names_in(text: &str, name: &str) -> bool {
    if name.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(pos) = text[from..].find(name) {
        let (start, end) = (from + pos, from + pos + name.len());
        let before = text[..start].chars().next_back();
        let ending = text[end..]
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .count();
        if !before.is_some_and(char::is_alphanumeric)
            && (ending == 0 || (name.chars().count() >= 5 && ending <= 4))
        {
            return true;
        }
        from = end;
    }
    false
}

/// A target kind the words propose.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// Compared with the regional average (`better_than: reference`).
    Reference,
    /// Better than the baseline (`better_than: baseline`), in a direction
    /// when the words say which.
    Baseline(Option<Direction>),
}

/// The kind of target the words of a target without a figure propose.
pub fn target_kind(i: &Indicator) -> Option<Kind> {
    if i.target
        .as_ref()
        .is_some_and(|t| matches!(t, crate::content::raw::Figure::Number(_)))
        || i.change_percent.is_some()
    {
        return None;
    }
    let words = i.target_text.as_deref()?;
    if REFERENCE.is_match(words) {
        return Some(Kind::Reference);
    }
    BETTER
        .is_match(words)
        .then(|| Kind::Baseline(direction(words)))
}

/// `increase` or `decrease`, from "öka", "fler", "högre" or "minska",
/// "färre", "lägre".
pub fn direction(words: &str) -> Option<Direction> {
    let lower = words.to_lowercase();
    let up = ["öka", "fler", "högre", "större", "förbättr"]
        .iter()
        .any(|w| lower.contains(w));
    let down = ["minska", "färre", "lägre", "mindre", "kortare"]
        .iter()
        .any(|w| lower.contains(w));
    match (up, down) {
        (true, false) => Some(Direction::Increase),
        (false, true) => Some(Direction::Decrease),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(body: &str) -> Report {
        Report {
            body: body.to_string(),
            indicators: vec![
                Indicator {
                    name: "Antal registrerade SIP".into(),
                    ..Indicator::default()
                },
                Indicator {
                    name: "Antal möten med kommunen".into(),
                    ..Indicator::default()
                },
            ],
            ..Report::default()
        }
    }

    #[test]
    fn verdicts_by_their_words() {
        let v = verdicts(&report(
            "## Slutreflektion\n\nDelmålet har delvis uppnåtts. Indikator 2 har uppnåtts!\n\nMålet har inte kunnat utvärderas.",
        ));
        assert_eq!(v.len(), 2, "{v:?}");
        assert_eq!(v[0].indicator, None);
        assert_eq!(v[0].assessment.status, "delvis");
        assert_eq!(v[0].assessment.text, "Delmålet har delvis uppnåtts.");
        assert_eq!(v[1].indicator, Some(1));
        assert_eq!(v[1].assessment.status, "uppnått");
        let v = verdicts(&report("Målet har inte kunnat utvärderas, svaren var få."));
        assert_eq!(v[0].assessment.status, "ej bedömbart");
        let v = verdicts(&report("Antalet registrerade SIP har inte uppnåtts."));
        assert_eq!(v[0].assessment.status, "ej uppnått");
        assert!(verdicts(&report("Vi har kunnat utvärdera arbetet.")).is_empty());
    }

    #[test]
    fn change_names_with_swedish_endings() {
        assert!(names_in("vi har tydliggjort rutinerna.", "rutin"));
        assert!(names_in("kontakt med reko.", "reko"));
        assert!(!names_in("en rekommendation", "reko"));
        assert!(!names_in("sammanfattning", "mall"));
        assert!(names_in("gemensamma ronder infördes", "ronder"));
    }

    #[test]
    fn target_kinds_by_their_words() {
        let mut i = Indicator {
            target_text: Some("Högre än regionsnittet".into()),
            ..Indicator::default()
        };
        assert_eq!(target_kind(&i), Some(Kind::Reference));
        i.target_text = Some("Öka jämfört med startläget".into());
        assert_eq!(
            target_kind(&i),
            Some(Kind::Baseline(Some(Direction::Increase)))
        );
        i.target_text = Some("Ökat kännedom".into());
        assert_eq!(
            target_kind(&i),
            Some(Kind::Baseline(Some(Direction::Increase)))
        );
        i.target_text = Some("Rutin på plats".into());
        assert_eq!(target_kind(&i), None);
    }

    #[test]
    fn ties_and_statuses_by_their_words() {
        let change = |text: &str| Change {
            change: "ny-rutin".into(),
            text: Some(text.into()),
            ..Change::default()
        };
        let mut cs = vec![
            change("Den nya rutinen har bidragit till att delmål 1 och 2 har uppnåtts."),
            change("Rutinen är införd och standardiserad, se indikator 7."),
            change("Digitala möten har ej varit möjligt att inleda."),
            change("Vi planerar en ny rutin."),
            change("Vi har en ny rutin."),
        ];
        tie(&mut cs, 3);
        let got: Vec<(Vec<usize>, Option<&str>)> = cs
            .iter()
            .map(|c| (c.indicators.clone(), c.status.map(|s| s.written())))
            .collect();
        assert_eq!(
            got,
            [
                (vec![1, 2], None),
                (vec![], Some("införd")),
                (vec![], Some("ej genomförd")),
                (vec![], Some("planerad")),
                (vec![], None),
            ]
        );
    }
}

//! The template's team and clinic, as the three generations write them:
//!
//! - 2022: "Kontaktperson: Namn, roll, e-post" and "Övriga: a, b, c,
//!   samtliga husläkare på X", then lines of "Namn, roll".
//! - 2023–2024: the form table "Mottagningens namn | …", "Namn: …" /
//!   "Profession: …" lines for the contact person, and an "A:" answer with
//!   one member a line, name first ("Jonas Gerdin Sjuksköterska", or a name
//!   alone).
//! - 2025: the same, members profession first ("Distriktsköterska Hanna
//!   Bergman", "Specialistläkare Arash Faezi Razi, läkare med särskilt
//!   uppdrag inom försäkringsmedicin").
//!
//! A list of Swedish health-care professions ([`is_profession`]) tells a
//! profession from a name. E-mail addresses are never kept.

use std::sync::LazyLock;

use regex::Regex;

use super::super::docx::Cell;
use super::Report;
use crate::authoring::write::Member;

pub(super) static TEAM_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(kontaktperson[^:]{0,60}|ansvarig[^:]{0,60}|förbättringsgrupp(?:en)?|övriga|teammedlemmar)\s*:\s*(.*)$")
        .expect("valid regex")
});
pub(super) static CLINIC_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*mottagningens\s+namn\s*:?\s*(.*)$").expect("valid regex")
});
/// "Namn: …", "Profession: …", "E-post: …": the contact person's lines.
pub(super) static CONTACT_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(namn|profession|yrke|roll|e-?post(?:adress)?)\s*:\s*(.*)$")
        .expect("valid regex")
});

/// Words that end a profession ("distriktssköterska", "specialistläkare")
/// or are one; compared in lower case, after a "leg." prefix.
const PROFESSION_ENDINGS: &[&str] = &[
    "sköterska",
    "läkare",
    "specialist",
    "terapeut",
    "koordinator",
    "gymnast",
    "samordnare",
    "chef",
    "apotekare",
    "psykolog",
    "kurator",
    "dietist",
    "barnmorska",
    "sekreterare",
    "receptionist",
    "ombud",
    "handläggare",
    "assistent",
    "st-läkare",
    "reko",
    "dsk",
    "ssk",
    "usk",
];

/// Whether a word (or "leg. sjukgymnast") is a Swedish health-care
/// profession.
pub fn is_profession(word: &str) -> bool {
    let w = word
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase();
    let w = w.strip_prefix("leg.").unwrap_or(&w).trim();
    !w.is_empty() && PROFESSION_ENDINGS.iter().any(|p| w.ends_with(p))
}

fn looks_like_name_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
        && !is_profession(w)
}

/// "Anna Ek", "Arash Faezi Razi": two to four capitalised words that are
/// not professions.
fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=4).contains(&words.len()) && words.iter().all(|w| looks_like_name_word(w))
}

/// A line under a team label that starts with a name ("Anna Ek,
/// sjuksköterska") or a profession and a name ("Distriktsköterska Hanna
/// Bergman").
pub(super) fn looks_like_member_line(text: &str) -> bool {
    member(text).is_some()
}

/// One member a line, either order: the name and the role (the rest of the
/// line, capitalised). `None` when the line does not start with a name or a
/// profession followed by a name.
pub(super) fn member(line: &str) -> Option<(String, Option<String>)> {
    let (head, tail) = match line.split_once(',') {
        Some((h, t)) => (h.trim(), Some(t.trim()).filter(|t| !t.is_empty())),
        None => (line.trim(), None),
    };
    if head.contains('@') {
        return None;
    }
    let words: Vec<&str> = head.split_whitespace().collect();
    let first_name = words.iter().position(|w| looks_like_name_word(w))?;
    let name_end = first_name
        + words[first_name..]
            .iter()
            .take_while(|w| looks_like_name_word(w))
            .count();
    let name = words[first_name..name_end].join(" ");
    if !looks_like_name(&name) {
        return None;
    }
    let before = words[..first_name].join(" ");
    let after = words[name_end..].join(" ");
    if !before.is_empty() && !before.split_whitespace().any(is_profession) {
        return None;
    }
    if !after.is_empty() && !before.is_empty() {
        return None;
    }
    let mut role = [before, after]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(t) = tail.filter(|t| !t.contains('@')) {
        if role.is_empty() {
            role = t.to_string();
        } else {
            role = format!("{role}, {t}");
        }
    }
    let role = (!role.is_empty()).then(|| crate::text::capitalise(&role));
    Some((name, role))
}

/// Adds a member, or gives one already named a role it lacked; returns its
/// index.
pub(super) fn add_member(r: &mut Report, name: &str, role: Option<String>, contact: bool) -> usize {
    match r.team.iter().position(|m| m.name == name) {
        Some(i) => {
            let m = &mut r.team[i];
            m.contact |= contact;
            if m.role.is_none() {
                m.role = role;
            }
            i
        }
        None => {
            r.team.push(Member {
                name: name.to_string(),
                role,
                contact,
            });
            r.team.len() - 1
        }
    }
}

/// One line of team members in the 2022 way: "Namn Efternamn, roll,
/// e-post", several separated by ";" or by "," between names; a trailing
/// "samtliga X på Y" gives the role X to those without one (and Y as the
/// clinic).
pub(super) fn team_line(r: &mut Report, line: &str, contact: bool) {
    // Members named on this line, by index in `r.team`.
    let mut here: Vec<usize> = Vec::new();
    for chunk in line.split(';') {
        for item in chunk.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            if item.contains('@') {
                continue; // never an e-mail address
            }
            if looks_like_name(item) {
                here.push(add_member(r, item, None, contact && here.is_empty()));
                continue;
            }
            let lower = item.to_lowercase();
            if let Some(rest) = lower.strip_prefix("samtliga ") {
                let (what, place) = match rest.split_once(" på ") {
                    Some((w, p)) => (w.to_string(), Some(p.len())),
                    None => (rest.to_string(), None),
                };
                // The place as written: the same bytes from the end, when
                // lower-casing kept the length (else the lower-case text).
                if let Some(len) = place {
                    let at = item.len().saturating_sub(len);
                    let written = item.get(at..).filter(|_| lower.len() == item.len());
                    let place = written.unwrap_or(&lower[lower.len() - len..]);
                    r.clinic.get_or_insert(place.trim().to_string());
                }
                let what = crate::text::capitalise(what.trim());
                for &i in &here {
                    r.team[i].role.get_or_insert(what.clone());
                }
                continue;
            }
            if here.is_empty() {
                // "Distriktsköterska Hanna Bergman" in a list.
                if let Some((name, role)) = member(item) {
                    here.push(add_member(r, &name, role, contact));
                }
                continue;
            }
            let role = crate::text::capitalise(item.trim());
            if let Some(&i) = here.last() {
                let m = &mut r.team[i];
                m.role = Some(match m.role.take() {
                    None => role,
                    Some(old) => format!("{old}, {}", role.to_lowercase()),
                });
            }
        }
    }
}

/// "Namn: X" makes X the contact person; "Profession: Y" is the contact
/// person's role; "E-post: …" is dropped. True when the line was one.
pub(super) fn contact_field(r: &mut Report, text: &str) -> bool {
    let Some(c) = CONTACT_FIELD.captures(text) else {
        return false;
    };
    let value = c[2].trim();
    match c[1].to_lowercase().as_str() {
        "namn" => {
            if looks_like_name(value) {
                add_member(r, value, None, true);
            } else if let Some((name, role)) = member(value) {
                add_member(r, &name, role, true);
            }
        }
        "profession" | "yrke" | "roll" if !value.is_empty() && !value.contains('@') => {
            if let Some(m) = r.team.iter_mut().rev().find(|m| m.contact) {
                m.role = Some(crate::text::capitalise(value));
            }
        }
        _ => {}
    }
    true
}

/// The form at the top of the 2023 and 2025 templates: "Mottagningens
/// namn | …", "Kontaktperson för förbättringsarbetet | …", and the rows of
/// the head of the clinic and the information pharmacist, whose e-mail
/// addresses are never published. True when the table was such a form.
pub(super) fn form_table(rows: &[Vec<Cell>], r: &mut Report) -> bool {
    let mut form = false;
    for row in rows {
        let (Some(label), Some(value)) = (row.first(), row.get(1)) else {
            continue;
        };
        let label = label.text.to_lowercase();
        let value = value.text.trim();
        if CLINIC_LABEL.is_match(&label) {
            form = true;
            if !value.is_empty() {
                r.clinic.get_or_insert(value.to_string());
            }
        } else if label.contains("e-post") || label.contains("epost") {
            form = true;
        } else if label.starts_with("kontaktperson") {
            form = true;
            team_line(r, value, true);
        } else if label.starts_with("verksamhetschef") || label.starts_with("namn på er") {
            form = true;
        }
    }
    form
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_either_way_round() {
        let m = |s: &str| member(s).map(|(n, r)| (n, r.unwrap_or_default()));
        let pair = |n: &str, r: &str| Some((n.to_string(), r.to_string()));
        assert_eq!(
            m("Jonas Gerdin Sjuksköterska"),
            pair("Jonas Gerdin", "Sjuksköterska")
        );
        assert_eq!(m("Anna Axner"), pair("Anna Axner", ""));
        assert_eq!(
            m("Distriktsköterska Hanna Bergman"),
            pair("Hanna Bergman", "Distriktsköterska")
        );
        assert_eq!(
            m("Specialistläkare Arash Faezi Razi, läkare med särskilt uppdrag"),
            pair(
                "Arash Faezi Razi",
                "Specialistläkare, läkare med särskilt uppdrag"
            )
        );
        assert_eq!(
            m("Benjamin Enell, sjukgymnast"),
            pair("Benjamin Enell", "Sjukgymnast")
        );
        assert_eq!(m("Vi testar"), None);
        assert_eq!(m("Efter genomförd SIP frågar vi"), None);
        assert!(is_profession("leg. sjukgymnast") && is_profession("Distrikssköterska"));
        assert!(!is_profession("Hanna"));
    }
}

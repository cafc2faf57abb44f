//! The template's team and clinic: "Kontaktperson …: Namn, roll" lines,
//! lines of members that follow them, and the 2023 template's form table.

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

/// A line under a team label that starts with a name ("Anna Ek, sjuksköterska").
pub(super) fn looks_like_member_line(text: &str) -> bool {
    let first = text.split(',').next().unwrap_or("").trim();
    looks_like_name(first)
}

fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || c == '-')
        })
}

/// One line of team members: "Namn Efternamn, roll, e-post", several
/// separated by ";" or by "," between names; a trailing "samtliga X på Y"
/// gives the role X to those without one (and Y as the clinic).
pub(super) fn team_line(r: &mut Report, line: &str, contact: bool) {
    // Members named on this line, by index in `r.team`.
    let mut here: Vec<usize> = Vec::new();
    for chunk in line.split(';') {
        for item in chunk.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            if item.contains('@') {
                continue; // never an e-mail address
            }
            if looks_like_name(item) {
                // Named twice (the form and the team lines): one member.
                let i = match r.team.iter().position(|m| m.name == item) {
                    Some(i) => i,
                    None => {
                        r.team.push(Member {
                            name: item.to_string(),
                            role: None,
                            contact: contact && here.is_empty(),
                        });
                        r.team.len() - 1
                    }
                };
                here.push(i);
                continue;
            }
            let lower = item.to_lowercase();
            if let Some(rest) = lower.strip_prefix("samtliga ") {
                let (what, place) = match rest.split_once(" på ") {
                    Some((w, p)) => (w.to_string(), Some(p.len())),
                    None => (rest.to_string(), None),
                };
                if let Some(len) = place {
                    r.clinic
                        .get_or_insert(item[item.len() - len..].trim().to_string());
                }
                let what = crate::text::capitalise(what.trim());
                for &i in &here {
                    r.team[i].role.get_or_insert(what.clone());
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

/// The 2023 template's form at the top: "Mottagningens namn | …",
/// "Kontaktperson för förbättringsarbetet | …", "Kontaktpersonens e-post |
/// …" (never published). True when the table was such a form.
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
        }
    }
    form
}

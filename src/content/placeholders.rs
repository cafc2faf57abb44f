//! What `arkiv new` writes for the editor to replace: a team member
//! "Förnamn Efternamn" with the role "Roll", and each of the template's
//! sections with only its hint in a comment. In a draft they are the
//! form to fill in; in a report that would be published they are an error
//! (E048), as open TODOs are, so that an empty form is never published.
//! The words live here, beside the rule that finds them, and `new` writes
//! them from here.

use super::Identity;
use crate::diag::{Code, Diagnostic};

/// The example report `arkiv init` writes (`content/<year>/…`), and the
/// clinic it is made up for.
pub const EXAMPLE_REPORT: &str = "exempel-mottagning-sip.md";
pub const EXAMPLE_CLINIC: &str = "Exempelmottagningen";

/// `init`'s example still there in an archive that has reports of its
/// own: a warning (W022) at its front matter. Alone, it is the valid
/// example it is meant to be.
pub fn example_left(reports: &[Identity]) -> Option<Diagnostic> {
    let stem = EXAMPLE_REPORT.trim_end_matches(".md");
    let example = reports
        .iter()
        .find(|r| r.stem == stem && r.clinic == EXAMPLE_CLINIC)?;
    let others = reports.len() - 1;
    (others > 0).then(|| {
        Diagnostic::warning(
            Code::ExampleReport,
            &example.file,
            1,
            1,
            format!(
                "the example report from `arkiv init` is still here beside {} of the archive's own: remove the file before publishing",
                crate::text::count(others, "report", "reports")
            ),
        )
    })
}

/// The team member `new` writes.
pub const MEMBER_NAME: &str = "Förnamn Efternamn";
pub const MEMBER_ROLE: &str = "Roll";

/// The template's sections (2023 and later) and what each should say.
pub const SECTIONS: [(&str, &str); 8] = [
    (
        "Kartläggning",
        "Vad visade nulägesanalysen? Vilka data och erfarenheter låg till grund?",
    ),
    (
        "Mål",
        "Vad vill ni uppnå, hur mycket och till när? Skriv målen så att de går att mäta.",
    ),
    (
        "Orsaker",
        "Vilka orsaker till problemet hittade ni (till exempel med fiskbensdiagram)?",
    ),
    (
        "Idéer till lösningar",
        "Vilka förändringar ville ni pröva, och varför just de?",
    ),
    (
        "Mått och mätetal",
        "Hur följer ni upp? Fyll i indikatorerna i tabellen överst (indicators).",
    ),
    (
        "Action",
        "Vad gjorde ni, när och av vem? Beskriv gärna varje PGSA-cykel.",
    ),
    (
        "Resultat",
        "Vad blev resultatet jämfört med utgångsläget och målet?",
    ),
    (
        "Slutreflektion",
        "Vad lärde ni er, vad fortsätter ni med och vad skulle ni göra annorlunda?",
    ),
];

/// A section as `new` writes it: its heading, then its hint.
pub fn section(heading: &str, hint: &str) -> String {
    format!("\n## {heading}\n\n{}\n", hint_comment(hint))
}

fn hint_comment(hint: &str) -> String {
    format!("<!-- {hint} -->")
}

/// The sections of `body` (its first line is line `body_line` of the
/// file) that hold nothing but `new`'s hint: an error at each heading.
/// Only in a report that would be published (the caller knows).
pub fn empty_sections(file: &str, body: &str, body_line: usize) -> Vec<Diagnostic> {
    let lines: Vec<&str> = body.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(heading) = line.strip_prefix("## ") else {
            continue;
        };
        let Some((_, hint)) = SECTIONS.iter().find(|(h, _)| *h == heading.trim()) else {
            continue;
        };
        let rest: Vec<&str> = lines[i + 1..]
            .iter()
            .take_while(|l| !l.starts_with('#'))
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect();
        // (Only the hint: a plan's empty "Resultat" is not `new`'s form.)
        if rest == [hint_comment(hint).as_str()] {
            out.push(Diagnostic::error(
                Code::Placeholder,
                file,
                body_line + i,
                1,
                format!(
                    "the section \"{}\" is still empty as `arkiv new` wrote it: write it, remove the heading, or mark the report `draft: true`",
                    heading.trim()
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_with_only_its_hint_or_nothing_is_empty() {
        let body = format!(
            "{}{}\n## Resultat\n\nVi nådde målet.\n\n## Slutreflektion\n",
            section(SECTIONS[0].0, SECTIONS[0].1),
            section(SECTIONS[1].0, "Ett annat råd."),
        );
        let found = empty_sections("r.md", &body, 10);
        let lines: Vec<usize> = found.iter().filter_map(|d| d.pos).map(|p| p.0).collect();
        // Kartläggning (its hint) only: Mål has a comment of the editor's
        // own, Slutreflektion nothing (as a plan leaves it).
        assert_eq!(lines, [11], "{found:?}");
        assert!(found[0].message.contains("\"Kartläggning\""));
    }
}

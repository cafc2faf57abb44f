//! What the privacy guard finds in an original, and where in the document
//! it stood, for the TODO that says why the original is not published
//! ("3 e-postadresser i kontaktrutorna"). The count comes from the whole
//! text of the original's cleaned copy (what the build publishes and its
//! guard reads, `clean::Cleaned::text`); the places from the blocks the importer read, so an address the
//! blocks do not show (a header, a footnote) is counted "på andra ställen".

use super::docx::Block;
use super::template::instructions::is_instruction;
use super::todos;
use crate::config::Config;
use crate::content::{emails, privacy};
use crate::text::count;

/// Where in the template a piece of text stood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    /// The contact lines and the clinic's form ("Kontaktperson:", "E-post:",
    /// "Verksamhetschefens e-post").
    Contact,
    /// The template's grey instruction boxes.
    Instructions,
    Text,
    Tables,
    Elsewhere,
}

impl Place {
    fn label(self) -> &'static str {
        match self {
            Place::Contact => "i kontaktrutorna",
            Place::Instructions => "i mallens instruktioner",
            Place::Text => "i texten",
            Place::Tables => "i tabellerna",
            Place::Elsewhere => "på andra ställen i filen",
        }
    }
}

/// Words of a contact line or form label (lower case).
const CONTACT: [&str; 7] = [
    "e-post",
    "epost",
    "mejl",
    "mail",
    "kontaktperson",
    "verksamhetschef",
    "namn:",
];

fn contact_like(text: &str) -> bool {
    let lower = text.to_lowercase();
    CONTACT.iter().any(|w| lower.contains(w))
}

/// Each piece of text of the document with its place.
fn places(blocks: &[Block]) -> Vec<(Place, &str)> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Para(p) => {
                let place = if p.shaded || is_instruction(&p.text) {
                    Place::Instructions
                } else if contact_like(&p.text) {
                    Place::Contact
                } else {
                    Place::Text
                };
                out.push((place, p.text.as_str()));
            }
            Block::Table(rows) => {
                for row in rows {
                    let label = row.first().map_or("", |c| c.text.as_str());
                    for cell in row {
                        let place = if cell.shaded || is_instruction(&cell.text) {
                            Place::Instructions
                        } else if contact_like(label) || contact_like(&cell.text) {
                            Place::Contact
                        } else {
                            Place::Tables
                        };
                        out.push((place, cell.text.as_str()));
                    }
                }
            }
        }
    }
    out
}

/// "3 e-postadresser i kontaktrutorna", "3 e-postadresser (2 i
/// kontaktrutorna och 1 i mallens instruktioner)".
fn by_place(found: &[(Place, String)], one: &str, many: &str) -> String {
    let mut places: Vec<Place> = found.iter().map(|f| f.0).collect();
    places.sort();
    places.dedup();
    let total = count(found.len(), one, many);
    if let [only] = places.as_slice() {
        return format!("{total} {}", only.label());
    }
    let parts: Vec<String> = places
        .iter()
        .map(|p| {
            format!(
                "{} {}",
                found.iter().filter(|f| f.0 == *p).count(),
                p.label()
            )
        })
        .collect();
    match parts.split_last() {
        Some((last, rest)) => format!("{total} ({} och {last})", rest.join(", ")),
        None => total,
    }
}

/// The TODOs about the original: none when the guard finds nothing (the
/// original is then published as an attachment).
pub fn todos(config: &Config, text: Option<&str>, blocks: &[Block]) -> Vec<String> {
    let Some(text) = text else {
        return vec![todos::original_unreadable()];
    };
    let allow =
        privacy::Allow::new(&config.privacy.allow).with_emails(&config.privacy.allow_emails);
    let pieces = places(blocks);
    let place_of = |needle: &str| {
        pieces
            .iter()
            .find(|(_, t)| t.to_lowercase().contains(needle))
            .map_or(Place::Elsewhere, |(p, _)| *p)
    };
    let mut addresses: Vec<(Place, String)> = Vec::new();
    for f in emails::find(text) {
        let address = text[f.start..f.end].to_lowercase();
        if allow.emails().allows(&f) || addresses.iter().any(|a| a.1 == address) {
            continue;
        }
        addresses.push((place_of(&address), address));
    }
    let mut numbers: Vec<(Place, String)> = Vec::new();
    for h in privacy::find(text) {
        if !allow.allows(&h) {
            let digits = text[h.start..h.end].to_string();
            numbers.push((place_of(&digits), h.masked));
        }
    }
    let mut out = Vec::new();
    if !addresses.is_empty() {
        out.push(todos::original_emails(&by_place(
            &addresses,
            "e-postadress",
            "e-postadresser",
        )));
    }
    if !numbers.is_empty() {
        let masked: Vec<&str> = numbers.iter().map(|n| n.1.as_str()).collect();
        let said = by_place(&numbers, "möjligt personnummer", "möjliga personnummer");
        out.push(todos::original_personnummer(&format!(
            "{said} ({})",
            masked.join(", ")
        )));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_place_in_plain_swedish() {
        let f = |p: Place| (p, String::new());
        assert_eq!(
            by_place(
                &[f(Place::Contact), f(Place::Contact), f(Place::Contact)],
                "e-postadress",
                "e-postadresser"
            ),
            "3 e-postadresser i kontaktrutorna"
        );
        assert_eq!(
            by_place(
                &[f(Place::Instructions), f(Place::Contact), f(Place::Contact), f(Place::Elsewhere)],
                "e-postadress",
                "e-postadresser"
            ),
            "4 e-postadresser (2 i kontaktrutorna, 1 i mallens instruktioner och 1 på andra ställen i filen)"
        );
    }
}

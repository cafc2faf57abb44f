//! Reads the report template out of a Word document's blocks: the title
//! line (year and theme), the clinic, the team (`team.rs`), the indicator
//! tables of del 1 and del 2 (`indicators.rs`), and the body as Markdown
//! without the template's instruction boxes (grey, or known by their
//! wording: `instructions.rs`). All three generations: 2022 ("Steg 1…7",
//! "DEL 2 – Slutredovisningen", A–D, and older files of that shape),
//! 2023–2024 ("Kartläggning" … "Slutreflektion") and 2025 (with "Inför att
//! skicka in"). A PDF's text arrives here as the same blocks (`pdf/`).

mod indicators;
pub mod instructions;
mod team;

use std::sync::LazyLock;

use regex::Regex;

use super::docx::{Block, Cell, Docx, Para};
use crate::authoring::write::Member;
pub use indicators::Indicator;
use indicators::{indicator_table, merge};
use instructions::is_instruction;
use team::{
    add_member, contact_field, form_table, looks_like_member_line, member, team_line, CLINIC_LABEL,
    TEAM_LABEL,
};

/// Everything read from one document.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub year: Option<i32>,
    /// The theme as the title line writes it.
    pub theme: String,
    pub clinic: Option<String>,
    pub team: Vec<Member>,
    pub indicators: Vec<Indicator>,
    /// Markdown; images as `{{bild:N}}` placeholders (index into `images`).
    pub body: String,
    pub images: Vec<String>,
}

static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)förbättringsarbete\s+(\d{4})\s+del\s*1\s+och\s+del\s*2\s*(?:tema)?\s*:?\s*(.*)",
    )
    .expect("valid regex")
});

/// Section titles of both generations, as they start a paragraph.
const SECTIONS: [&str; 14] = [
    "steg 1",
    "steg 2",
    "steg 3",
    "steg 4",
    "steg 5",
    "steg 6",
    "steg 7",
    "del 2",
    "a. ",
    "b. ",
    "c. ",
    "d. ",
    "kartläggning",
    "slutreflektion",
];
const SECTIONS_2023: [&str; 6] = [
    "mål",
    "orsaker",
    "idéer till lösningar",
    "mått och mätetal",
    "action",
    "resultat",
];

pub fn read(doc: &Docx) -> Report {
    let mut r = Report::default();
    let paras: Vec<&Para> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para(p) => Some(p),
            Block::Table(_) => None,
        })
        .collect();
    // The title line, often split over paragraphs ("… 2022", "del 1 och
    // del 2: Psykisk Ohälsa och", "sjukskrivning"): join paragraphs until
    // the line matches and does not end in "och", a dash or a comma.
    let mut title_paras = 0;
    let mut acc = String::new();
    for p in paras.iter().take(8) {
        let text = p.text.trim();
        if text.is_empty() {
            continue;
        }
        if p.shaded || is_instruction(text) {
            break;
        }
        acc.push(' ');
        acc.push_str(text);
        title_paras += 1;
        if let Some(c) = TITLE.captures(&acc) {
            let theme = c[2].trim();
            let open = theme.is_empty()
                || [" och", "-", "–", ",", " samt"]
                    .iter()
                    .any(|e| theme.ends_with(e));
            r.year = c[1].parse().ok();
            r.theme = theme.trim_end_matches('.').to_string();
            if !open {
                break;
            }
        }
    }
    if r.year.is_none() {
        title_paras = 0;
    }
    let mut tables_del: Vec<Vec<(String, Indicator)>> = Vec::new();
    let mut body = String::new();
    let mut in_team = false;
    let mut seen_paras = 0;
    for block in &doc.blocks {
        match block {
            Block::Table(rows) => {
                in_team = false;
                if let Some((inds, comments)) = indicator_table(rows) {
                    tables_del.push(inds);
                    for c in comments {
                        push_para(&mut body, &format!("*Kommentar till indikatorerna:* {c}"));
                    }
                    continue;
                }
                if form_table(rows, &mut r) {
                    continue;
                }
                let cells: Vec<&Cell> = rows.iter().flatten().collect();
                if cells.iter().all(|c| c.shaded || c.text.trim().is_empty()) {
                    continue; // an instruction box
                }
                if rows.iter().all(|row| row.len() <= 1) {
                    // A one-column table is a box of text, not a table.
                    for c in cells.into_iter().filter(|c| !c.shaded) {
                        let text = instructions::clinic_text(&c.paras);
                        if !text.is_empty() {
                            push_para(&mut body, &text);
                        }
                    }
                    continue;
                }
                body.push_str(&markdown_table(rows));
            }
            Block::Para(p) => {
                let text = p.text.trim();
                // The title paragraphs.
                if seen_paras < title_paras {
                    if !text.is_empty() {
                        seen_paras += 1;
                    }
                    continue;
                }
                for image in &p.images {
                    r.images.push(image.clone());
                    body.push_str(&format!("{{{{bild:{}}}}}\n\n", r.images.len() - 1));
                }
                if text.is_empty() {
                    in_team = false;
                    continue;
                }
                // "A:" (the template's question, answered on the lines that
                // follow): the other team members, one a line.
                if let Some(rest) = answer_a(text).filter(|r| !p.shaded && !is_instruction(r)) {
                    in_team = true;
                    if let Some((name, role)) = member(rest) {
                        add_member(&mut r, &name, role, false);
                    }
                    continue;
                }
                if p.shaded || is_instruction(text) {
                    continue;
                }
                if text.eq_ignore_ascii_case("information om husläkarmottagningen") {
                    continue; // the form's heading
                }
                if contact_field(&mut r, text) {
                    in_team = false;
                    continue;
                }

                if let Some(c) = CLINIC_LABEL.captures(text) {
                    let v = c[1].trim();
                    if !v.is_empty() {
                        r.clinic.get_or_insert(v.to_string());
                    }
                    continue;
                }
                if let Some(c) = TEAM_LABEL.captures(text) {
                    let contact = c[1].eq_ignore_ascii_case("kontaktperson");
                    // "Kontaktperson för kvalitetsarbetet med namn och
                    // profession:" is a label for the lines that follow.
                    team_line(&mut r, &c[2], contact);
                    in_team = true;
                    continue;
                }
                let heading = heading_level(p);
                if in_team && heading.is_none() && looks_like_member_line(text) {
                    if let Some((name, role)) = member(text) {
                        add_member(&mut r, &name, role, false);
                    }
                    continue;
                }
                in_team = false;
                if let Some(level) = heading {
                    if !body.is_empty() && !body.ends_with("\n\n") {
                        body.push('\n');
                    }
                    body.push_str(&format!("{} {}\n\n", "#".repeat(level), text));
                } else if p.listed || list_style(&p.style) {
                    let item = text.trim_start_matches(['•', '-', '–', '*']).trim();
                    body.push_str(&format!("- {item}\n"));
                } else {
                    push_para(&mut body, text);
                }
            }
        }
    }
    r.body = body.trim_end().to_string();
    r.indicators = merge(tables_del);
    r
}

/// "A:" alone or "A: Jonas Gerdin Sjuksköterska": the text after it.
fn answer_a(text: &str) -> Option<&str> {
    let rest = text
        .strip_prefix("A:")
        .or_else(|| text.strip_prefix("a:"))?;
    Some(rest.trim())
}

/// A paragraph of the body, after a blank line.
fn push_para(body: &mut String, text: &str) {
    if body.ends_with('\n') && !body.ends_with("\n\n") {
        body.push('\n');
    }
    body.push_str(text);
    body.push_str("\n\n");
}

/// `##` for the template's sections and Heading/Rubrik 1, `###` for 2–3.
fn heading_level(p: &Para) -> Option<usize> {
    let style = p.style.to_lowercase();
    for prefix in ["rubrik", "heading"] {
        if let Some(n) = style.strip_prefix(prefix) {
            return Some(if n.starts_with('1') { 2 } else { 3 });
        }
    }
    let lower = p.text.trim().to_lowercase();
    let short = lower.split_whitespace().count() <= 6;
    if SECTIONS
        .iter()
        .any(|s| lower.starts_with(s) && (short || s.starts_with("steg") || s.starts_with("del")))
        || (lower.split_whitespace().count() <= 10
            && SECTIONS_2023
                .iter()
                .any(|s| lower == *s || lower.starts_with(&format!("{s} "))))
    {
        return Some(2);
    }
    None
}

fn list_style(style: &str) -> bool {
    let s = style.to_lowercase();
    s.contains("punktlista")
        || s.contains("listbullet")
        || s.contains("numreradlista")
        || s.contains("listnumber")
}

fn markdown_table(rows: &[Vec<Cell>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return String::new();
    }
    let cell = |c: Option<&Cell>| c.map_or(String::new(), |c| c.text.replace('|', "\\|"));
    let mut s = String::new();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = (0..width).map(|j| cell(row.get(j))).collect();
        s.push_str(&format!("| {} |\n", cells.join(" | ")));
        if i == 0 {
            s.push_str(&format!("|{}\n", " --- |".repeat(width)));
        }
    }
    s.push('\n');
    s
}

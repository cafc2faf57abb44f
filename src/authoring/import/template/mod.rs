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
mod pictures;
mod team;

use std::sync::LazyLock;

use regex::Regex;

use super::docx::{Block, Cell, Docx, Para};
use crate::authoring::write::Member;
pub use indicators::Indicator;
use indicators::{indicator_table, merge};
use instructions::{is_instruction, is_question};
pub use pictures::Picture;
use pictures::{captions, without_unanswered_questions, CAPTION};
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
    /// Markdown; pictures as `{{bild:N}}` placeholders (index into `images`).
    pub body: String,
    pub images: Vec<Picture>,
    /// Del 2 has the clinic's own text (a final report, with or without
    /// results in its tables).
    pub del2_content: bool,
}

/// Headings that start del 2, in each generation (lower case starts).
const DEL2: [&str; 6] = [
    "del 2",
    "vilka förbättringsidéer har ni testat",
    "a. hur har ni testat",
    "resultat",
    "b. resultat",
    "slutreflektion",
];

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
    // Where del 2 starts in the body.
    let mut del2_at: Option<usize> = None;
    let (caption_of, caption_paras) = captions(&doc.blocks);
    // Pictures of a table's cells, placed once the table is written.
    let mut pending_pictures = String::new();
    for (index, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Table(rows) => {
                in_team = false;
                // Pictures in cells, after the table, each with the
                // cell's caption if it has one.
                let cell_pictures: Vec<Picture> = rows
                    .iter()
                    .flatten()
                    .flat_map(|c| {
                        let caption = c.paras.iter().find(|p| CAPTION.is_match(p.trim())).cloned();
                        c.images.iter().map(move |im| Picture {
                            name: im.name.clone(),
                            alt: caption.clone().or_else(|| im.descr.clone()),
                        })
                    })
                    .collect();
                let mut after_table = String::new();
                for p in cell_pictures {
                    r.images.push(p);
                    after_table.push_str(&format!("{{{{bild:{}}}}}\n\n", r.images.len() - 1));
                }
                pending_pictures.push_str(&after_table);
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
                    // A one-column table is a box of text, not a table; a
                    // cell with one of the template's questions heads the
                    // answer below it.
                    for c in cells.into_iter().filter(|c| !c.shaded) {
                        // A picture's caption is its alt text, not body text.
                        let paras: Vec<String> = c
                            .paras
                            .iter()
                            .filter(|p| c.images.is_empty() || !CAPTION.is_match(p.trim()))
                            .cloned()
                            .collect();
                        let text = instructions::clinic_text(&paras);
                        if is_question(&c.text) {
                            body.push_str(&format!("### {}\n\n", c.text.trim()));
                        } else if !text.is_empty() {
                            push_para(&mut body, &text);
                        }
                    }
                    continue;
                }
                body.push_str(&markdown_table(rows));
            }
            Block::Para(p) => {
                if !pending_pictures.is_empty() {
                    body.push_str(&std::mem::take(&mut pending_pictures));
                }
                if caption_paras.contains(&index) {
                    continue; // the alt text of a picture next to it
                }
                let text = p.text.trim();
                // The title paragraphs.
                if seen_paras < title_paras {
                    if !text.is_empty() {
                        seen_paras += 1;
                    }
                    continue;
                }
                for image in &p.images {
                    r.images.push(Picture {
                        name: image.name.clone(),
                        alt: caption_of
                            .get(&index)
                            .cloned()
                            .or_else(|| image.descr.clone()),
                    });
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
                // "Kommentar (valfritt): …" outside its table: the comment.
                if let Some(rest) = text
                    .get(..21)
                    .filter(|h| h.eq_ignore_ascii_case("kommentar (valfritt):"))
                    .map(|_| text[21..].trim())
                {
                    if !rest.is_empty() {
                        push_para(
                            &mut body,
                            &format!("*Kommentar till indikatorerna:* {rest}"),
                        );
                    }
                    continue;
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
                let heading = heading.or_else(|| is_question(text).then_some(3));
                if let Some(level) = heading {
                    if !body.is_empty() && !body.ends_with("\n\n") {
                        body.push('\n');
                    }
                    let lower = text.to_lowercase();
                    if del2_at.is_none() && DEL2.iter().any(|d| lower.starts_with(d)) {
                        del2_at = Some(body.len());
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
    body.push_str(&pending_pictures);
    let body = without_unanswered_questions(&body);
    r.del2_content = del2_at.is_some_and(|at| {
        body.get(at.min(body.len())..)
            .unwrap_or("")
            .lines()
            .any(|l| !l.trim().is_empty() && !l.starts_with('#'))
    });
    r.indicators = merge(tables_del);
    let results = r.indicators.iter().any(|i| i.result.is_some());
    // A plan: del 2 is the template's empty headings, not the report's.
    let body = match del2_at {
        Some(at) if !r.del2_content && !results => body.get(..at).unwrap_or(&body).to_string(),
        _ => body,
    };
    r.body = body.trim_end().to_string();
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

/// A table of the clinic's: grey cells (the template's help, as in the
/// "Orsaker | Idéer" table) and the template's stubs ("1.3:") left out, a
/// row with nothing left dropped; nothing when only the header is left.
fn markdown_table(rows: &[Vec<Cell>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let text = |c: &Cell| {
        if c.shaded {
            String::new()
        } else {
            instructions::clinic_text(&c.paras).replace('|', "\\|")
        }
    };
    let rows: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            r.iter()
                .map(|c| {
                    if i == 0 {
                        c.text.replace('|', "\\|")
                    } else {
                        text(c)
                    }
                })
                .collect::<Vec<_>>()
        })
        .filter(|r| r.iter().any(|c| !c.is_empty()))
        .collect();
    if width == 0 || rows.len() < 2 {
        return String::new();
    }
    let cell = |c: Option<&String>| c.cloned().unwrap_or_default();
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

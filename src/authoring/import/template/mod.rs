//! Reads the report template out of a Word document's blocks: the title
//! line (year and theme), the clinic, the team, the indicator tables of
//! del 1 and del 2, and the body as Markdown without the template's grey
//! instruction boxes. Both generations: 2022 ("Steg 1…7", "DEL 2 –
//! Slutredovisningen", A–D) and 2023 on ("Kartläggning" … "Slutreflektion").

use std::sync::LazyLock;

use regex::Regex;

use super::docx::{Block, Cell, Docx, Para};

/// A value from an indicator table.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(f64),
    Text(String),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Indicator {
    pub name: String,
    pub percent: bool,
    pub baseline: Option<Value>,
    pub baseline_period: Option<String>,
    pub target: Option<Value>,
    pub change_percent: Option<f64>,
    pub target_by: Option<String>,
    pub result: Option<Value>,
    pub result_period: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub name: String,
    pub role: Option<String>,
    pub contact: bool,
}

/// Everything read from one document.
#[derive(Debug, Default)]
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
static TEAM_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(kontaktperson[^:]{0,60}|ansvarig[^:]{0,60}|förbättringsgrupp(?:en)?|övriga|teammedlemmar)\s*:\s*(.*)$")
        .expect("valid regex")
});
static CLINIC_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*mottagningens\s+namn\s*:?\s*(.*)$").expect("valid regex")
});
static CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(minska|öka)\s+(?:med\s+)?(\d+(?:[.,]\d+)?)\s*%$").expect("valid regex")
});
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(-?\d+(?:[ \u{a0}]\d{3})*(?:[.,]\d+)?)\s*(%?)(?:\s*st\.?)?$")
        .expect("valid regex")
});
static LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^indikator\s*\d+$").expect("valid regex"));
static PARTS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)([a-d])\)\s*").expect("valid regex"));

/// Template lines that are instructions even where they are not grey.
const INSTRUCTION_STARTS: [&str; 5] = [
    "spara detta dokument",
    "döp denna fil",
    "radera ej text",
    "byt ut kursiverad text",
    "kommentar (valfritt)",
];

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
        if p.shaded {
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
                if let Some(inds) = indicator_table(rows) {
                    tables_del.push(inds);
                    continue;
                }
                if form_table(rows, &mut r) {
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
                if p.shaded || is_instruction(text) {
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
                    team_line(&mut r, text, false);
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
                    if body.ends_with("\n") && !body.ends_with("\n\n") && !body.is_empty() {
                        body.push('\n');
                    }
                    body.push_str(text);
                    body.push_str("\n\n");
                }
            }
        }
    }
    r.body = body.trim_end().to_string();
    r.indicators = merge(tables_del);
    r
}

fn is_instruction(text: &str) -> bool {
    let lower = text.to_lowercase();
    INSTRUCTION_STARTS.iter().any(|s| lower.starts_with(s))
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

fn looks_like_member_line(text: &str) -> bool {
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
fn team_line(r: &mut Report, line: &str, contact: bool) {
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
                let what = capitalise(&what);
                for &i in &here {
                    r.team[i].role.get_or_insert(what.clone());
                }
                continue;
            }
            let role = capitalise(item);
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

fn capitalise(s: &str) -> String {
    let mut c = s.trim().chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The 2023 template's form at the top: "Mottagningens namn | …",
/// "Kontaktperson för förbättringsarbetet | …", "Kontaktpersonens e-post |
/// …" (never published). True when the table was such a form.
fn form_table(rows: &[Vec<Cell>], r: &mut Report) -> bool {
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

#[derive(Clone, Copy, PartialEq)]
enum Col {
    Name,
    Baseline,
    BaselinePeriod,
    Target,
    TargetBy,
    Result,
    ResultPeriod,
    Source,
    Other,
}

fn column(header: &str) -> Col {
    let h: String = header
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let has = |s: &str| h.contains(s);
    if has("datum") || has("period") {
        if has("resultat") {
            Col::ResultPeriod
        } else if has("uppnå") || has("mål") {
            Col::TargetBy
        } else {
            Col::BaselinePeriod
        }
    } else if has("indikatornamn") || has("indikator") {
        Col::Name
    } else if has("nuläge") || has("startläge") || has("start") || has("utgångsläge") {
        Col::Baseline
    } else if h.starts_with("mål") {
        Col::Target
    } else if h.starts_with("resultat") {
        Col::Result
    } else if has("källa") {
        Col::Source
    } else {
        Col::Other
    }
}

/// An indicator table: a header row naming "Indikator…" and "Mål".
fn indicator_table(rows: &[Vec<Cell>]) -> Option<Vec<(String, Indicator)>> {
    let header = rows.first()?;
    let names: Vec<String> = header.iter().map(|c| c.text.to_lowercase()).collect();
    if !(names.iter().any(|n| n.contains("indikator"))
        && names.iter().any(|n| n.trim_start().starts_with("mål")))
    {
        return None;
    }
    let cols: Vec<Col> = header.iter().map(|c| column(&c.text)).collect();
    let mut out = Vec::new();
    for row in &rows[1..] {
        let mut cells: Vec<&str> = row.iter().map(|c| c.text.trim()).collect();
        // A label column ("Indikator 1"), under a header cell that may
        // span it.
        let label = cells
            .first()
            .filter(|c| LABEL.is_match(c))
            .map(|c| c.to_lowercase())
            .unwrap_or_default();
        if cells.len() == cols.len() + 1 {
            cells.remove(0);
        }
        let raw: Vec<(Col, &str)> = cols.iter().copied().zip(cells.iter().copied()).collect();
        let name = raw
            .iter()
            .find(|(c, _)| *c == Col::Name)
            .map_or("", |x| x.1);
        if name.is_empty() {
            continue;
        }
        let key = if label.is_empty() {
            name.to_lowercase()
        } else {
            label
        };
        // "… a) minst 2 besök b) minst 3 besök": one indicator per part,
        // and cells written "a) 54 b) 46 %" split the same way.
        let letters: Vec<String> = PARTS
            .captures_iter(name)
            .map(|c| c[1].to_string())
            .collect();
        if letters.len() >= 2 {
            let stem = PARTS
                .split(name)
                .next()
                .unwrap_or("")
                .trim()
                .trim_end_matches(':');
            for letter in &letters {
                let part = part_of(name, letter).unwrap_or_default();
                let mut ind = indicator(&raw, Some(letter));
                ind.name = if stem.is_empty() {
                    part
                } else {
                    format!("{stem} {letter}) {part}")
                };
                out.push((format!("{key} {letter}"), ind));
            }
        } else {
            out.push((key, indicator(&raw, None)));
        }
    }
    Some(out)
}

/// The text of part `letter` in "a) … b) …", if the text has parts.
fn part_of(text: &str, letter: &str) -> Option<String> {
    let marks: Vec<(usize, usize, String)> = PARTS
        .captures_iter(text)
        .map(|c| {
            let m = c.get(0).expect("match");
            (m.start(), m.end(), c[1].to_string())
        })
        .collect();
    let i = marks.iter().position(|m| m.2 == letter)?;
    let stop = marks.get(i + 1).map_or(text.len(), |m| m.0);
    Some(text[marks[i].1..stop].trim().to_string())
}

fn indicator(raw: &[(Col, &str)], part: Option<&str>) -> Indicator {
    let mut ind = Indicator::default();
    let name = raw
        .iter()
        .find(|(c, _)| *c == Col::Name)
        .map_or("", |x| x.1)
        .to_lowercase();
    ind.percent = name.starts_with("andel") || name.starts_with('%');
    for (col, text) in raw {
        let text = match part {
            Some(letter) => part_of(text, letter).unwrap_or_else(|| text.to_string()),
            None => text.to_string(),
        };
        let text = text.trim();
        match col {
            Col::Other => {}
            Col::Name => ind.name = text.to_string(),
            Col::Baseline => ind.baseline = value(text, &mut ind.percent),
            Col::BaselinePeriod => ind.baseline_period = period(text),
            Col::Target => {
                if let Some(c) = CHANGE.captures(text) {
                    let n: f64 = c[2].replace(',', ".").parse().unwrap_or(0.0);
                    ind.change_percent = Some(if c[1].to_lowercase() == "minska" {
                        -n
                    } else {
                        n
                    });
                } else {
                    ind.target = value(text, &mut ind.percent);
                }
            }
            Col::TargetBy => ind.target_by = period(text),
            Col::Result => ind.result = value(text, &mut ind.percent),
            Col::ResultPeriod => ind.result_period = period(text),
            Col::Source => ind.source = period(text),
        }
    }
    ind
}

/// A figure: a number (Swedish decimal comma, `%` makes it a percentage),
/// text as written, or nothing for an empty or placeholder ("T.ex. …") cell.
fn value(text: &str, percent: &mut bool) -> Option<Value> {
    let t = text.trim();
    if t.is_empty() || t.to_lowercase().starts_with("t.ex") {
        return None;
    }
    if let Some(c) = NUMBER.captures(t) {
        let n: String = c[1]
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
            .collect();
        if let Ok(v) = n.replace(',', ".").parse::<f64>() {
            if !c[2].is_empty() {
                *percent = true;
            }
            return Some(Value::Number(v));
        }
    }
    Some(Value::Text(t.to_string()))
}

fn period(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty() && !t.to_lowercase().starts_with("t.ex")).then(|| t.to_string())
}

/// Del 1 gives baseline and target, del 2 repeats them and adds results:
/// one indicator per row label (or name), values from the later table
/// where it has them.
fn merge(tables: Vec<Vec<(String, Indicator)>>) -> Vec<Indicator> {
    let mut out: Vec<(String, Indicator)> = Vec::new();
    for table in tables {
        for (key, ind) in table {
            match out
                .iter_mut()
                .find(|(k, i)| *k == key || i.name == ind.name)
            {
                Some((_, old)) => {
                    old.percent |= ind.percent;
                    macro_rules! take {
                        ($($f:ident),*) => { $( if ind.$f.is_some() { old.$f = ind.$f.clone(); } )* };
                    }
                    take!(
                        baseline,
                        baseline_period,
                        target,
                        change_percent,
                        target_by,
                        result,
                        result_period,
                        source
                    );
                }
                None => out.push((key, ind)),
            }
        }
    }
    out.into_iter().map(|(_, i)| i).collect()
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

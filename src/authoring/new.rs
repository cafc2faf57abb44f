//! `arkiv new`: a new report from the template, ready to fill in.
//!
//! Writes `<root>/content/<year>/<slug(clinic)>-<topic>.md` with valid front
//! matter (a draft until the editor removes `draft: true`) and the
//! template's sections as headings, each with a one-line hint in Swedish in
//! an HTML comment (comments are never published). Refuses to overwrite.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::topic_list;
use super::write::{FrontMatter, Member};
use crate::config::Config;
use crate::content::raw::Status;
use crate::content::Context;
use crate::diag::{Code, Diagnostic};
use crate::text::slugify;

/// What to create.
pub struct NewReport<'a> {
    pub clinic: &'a str,
    pub year: i32,
    pub topic: &'a str,
    pub title: Option<&'a str>,
    pub region: Option<&'a str>,
}

/// The template's sections (2023 and later) and what each should say.
const SECTIONS: [(&str, &str); 8] = [
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

/// Writes the new report; returns its path relative to the root.
pub fn create(root: &Path, config: &Config, new: &NewReport) -> Result<String, Diagnostic> {
    let fail = |msg: String| Diagnostic::file_error(Code::Authoring, "content/", msg);
    let ctx = Context::new(root, config);
    let Some(t) = config.topic(new.topic) else {
        let hint = config
            .suggest_topic(new.topic)
            .map(|s| format!(" (did you mean \"{s}\"?)"))
            .unwrap_or_default();
        return Err(Diagnostic::file_error(
            Code::Config,
            crate::config::CONFIG_FILE,
            format!(
                "unknown topic \"{}\"{hint}; the topics in site.toml are: {}",
                new.topic,
                topic_list(config)
            ),
        ));
    };
    if !(crate::content::FIRST_YEAR..=ctx.last_year).contains(&new.year) {
        return Err(fail(format!(
            "year {} is outside {}–{}",
            new.year,
            crate::content::FIRST_YEAR,
            ctx.last_year
        )));
    }
    let clinic = new.clinic.trim();
    let clinic_slug = slugify(clinic);
    if clinic_slug.is_empty() {
        return Err(fail(
            "--clinic needs a name with letters or digits".to_string(),
        ));
    }
    let topic = &config.topics[t];
    let slug = topic.slug.get_ref();
    let rel = format!("content/{}/{clinic_slug}-{slug}.md", new.year);
    let path: PathBuf = root.join(&rel);
    let title = new
        .title
        .map(str::to_string)
        .unwrap_or_else(|| format!("Förbättringsarbete {}: {}", new.year, topic.name));
    let text = render(new, clinic, &title, slug);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)
            .map_err(|e| fail(format!("cannot create {}: {e}", dir.display())))?;
    }
    // `create_new`: never replace a report, even one written a moment ago.
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Diagnostic::file_error(Code::Authoring, &rel, "the report already exists; arkiv new does not overwrite (choose another --topic or edit the file)",
            ),
            _ => fail(format!("cannot write {rel}: {e}")),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| fail(format!("cannot write {rel}: {e}")))?;
    Ok(rel)
}

/// The report: the front matter with the template's hints, then its
/// sections, each with its hint in a comment.
fn render(new: &NewReport, clinic: &str, title: &str, topic: &str) -> String {
    let front = FrontMatter {
        title: title.to_string(),
        clinic: clinic.to_string(),
        year: new.year,
        topics: vec![topic.to_string()],
        region: new.region.map(|r| r.trim().to_string()),
        status: Status::Plan,
        draft: true,
        team: vec![Member {
            name: "Förnamn Efternamn".to_string(),
            role: Some("Roll".to_string()),
            contact: true,
        }],
        hints: true,
        ..FrontMatter::default()
    };
    let mut s = front.render();
    for (heading, hint) in SECTIONS {
        s.push_str(&format!("\n## {heading}\n\n<!-- {hint} -->\n"));
    }
    s
}

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
use crate::content::{placeholders, Context, FIRST_YEAR};
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

/// Why `create` wrote nothing.
#[derive(Debug)]
pub enum NewError {
    /// A value given on the command line is wrong: the argument's id
    /// (`topic`, `year`, `clinic`), the value as given and why. The command
    /// line reports it as a usage error, the way clap reports the values
    /// its parsers refuse.
    Usage {
        arg: &'static str,
        value: String,
        reason: String,
    },
    /// The report could not be written (it exists already, its folder
    /// cannot be made): a diagnostic about that file.
    Write(Diagnostic),
}

/// The programme year of `--year`, as clap's value parser: a whole number
/// in `FIRST_YEAR..=` next year, the years `check` accepts.
pub fn programme_year(value: &str) -> Result<i32, String> {
    let year = value
        .trim()
        .parse::<i32>()
        .map_err(|_| "not a year (write it with digits: 2025)".to_string())?;
    check_year(year)
}

fn check_year(year: i32) -> Result<i32, String> {
    let last = Context::next_year();
    if (FIRST_YEAR..=last).contains(&year) {
        Ok(year)
    } else {
        Err(format!("the year must lie in {FIRST_YEAR}–{last}"))
    }
}

/// The clinic's name of `--clinic`, as clap's value parser: trimmed, with
/// letters or digits for the file name (`<slug(clinic)>-<topic>.md`).
pub fn clinic_name(value: &str) -> Result<String, String> {
    let clinic = value.trim();
    if slugify(clinic).is_empty() {
        Err("the clinic's name needs letters or digits (\"Boo vårdcentral\")".to_string())
    } else {
        Ok(clinic.to_string())
    }
}

/// The topic of `--topic`: its index in `config.topics`, or why not (with
/// the nearest topic, else the list of them).
pub fn topic(config: &Config, value: &str) -> Result<usize, String> {
    config
        .topic(value)
        .ok_or_else(|| match config.suggest_topic(value) {
            Some(s) => format!("unknown topic (did you mean \"{s}\"?)"),
            None => format!(
                "unknown topic; the topics in site.toml are: {}",
                topic_list(config)
            ),
        })
}

/// Writes the new report; returns its path relative to the root.
pub fn create(root: &Path, config: &Config, new: &NewReport) -> Result<String, NewError> {
    let usage = |arg, value: String, reason| NewError::Usage { arg, value, reason };
    let t = topic(config, new.topic).map_err(|r| usage("topic", new.topic.to_string(), r))?;
    check_year(new.year).map_err(|r| usage("year", new.year.to_string(), r))?;
    let clinic = clinic_name(new.clinic).map_err(|r| usage("clinic", new.clinic.to_string(), r))?;
    let clinic_slug = slugify(&clinic);
    let topic = &config.topics[t];
    let slug = topic.slug.get_ref();
    let rel = format!("content/{}/{clinic_slug}-{slug}.md", new.year);
    let fail = |msg: String| NewError::Write(Diagnostic::file_error(Code::Authoring, &rel, msg));
    let path: PathBuf = root.join(&rel);
    let title = new
        .title
        .map(str::to_string)
        .unwrap_or_else(|| format!("Förbättringsarbete {}: {}", new.year, topic.name));
    let text = render(config, new, &clinic, &title, slug);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)
            .map_err(|e| fail(format!("cannot create its folder {}: {e}", dir.display())))?;
    }
    // `create_new`: never replace a report, even one written a moment ago.
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => fail(
                "the report already exists; arkiv new does not overwrite \
                 (choose another --topic or edit the file)"
                    .to_string(),
            ),
            _ => fail(format!("cannot write: {e}")),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| fail(format!("cannot write: {e}")))?;
    Ok(rel)
}

/// The report: the front matter with the template's hints, then its
/// sections, each with its hint in a comment.
fn render(config: &Config, new: &NewReport, clinic: &str, title: &str, topic: &str) -> String {
    let front = FrontMatter {
        title: title.to_string(),
        clinic: clinic.to_string(),
        year: new.year,
        topics: vec![topic.to_string()],
        region: new.region.map(|r| r.trim().to_string()),
        status: Status::Plan,
        draft: true,
        team: vec![Member {
            name: placeholders::MEMBER_NAME.to_string(),
            role: Some(placeholders::MEMBER_ROLE.to_string()),
            contact: true,
        }],
        change_vocabulary: config
            .changes
            .iter()
            .map(|c| (c.slug().to_string(), c.name.clone()))
            .collect(),
        hints: true,
        ..FrontMatter::default()
    };
    let mut s = front.render();
    for (heading, hint) in placeholders::SECTIONS {
        s.push_str(&placeholders::section(heading, hint));
    }
    s
}

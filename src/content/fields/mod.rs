//! From the front matter as written (`raw`) to a `Report`: every field
//! checked, every problem placed at the value it is about. Indicators and
//! attachments have rooms of their own.

mod attachments;
mod changes;
mod indicators;
pub(crate) mod pictures;

use std::path::Path;

use super::load::Context;
use super::raw::{RawFrontMatter, Text};
use super::redact::redact_emails;
use super::yaml::{Pos, Spans};
use super::{markdown, Alias, Identity, Member, Report};
use crate::diag::{Code, Diagnostic};
use crate::text::{is_slug, slugify, truncate_words, Packed, PartialDate};

/// Earliest programme year accepted.
pub const FIRST_YEAR: i32 = 1990;

/// The diagnostics of one report, each placed at the front-matter value it
/// is about (by its path: `topics[1]`, `indicators[0].target.by`). Not a
/// second `diag::Diagnostics`: one file is checked on one thread, so this
/// is a plain vector plus the file's value positions.
struct FieldDiags<'a> {
    file: &'a str,
    spans: &'a Spans,
    diags: Vec<Diagnostic>,
}

impl FieldDiags<'_> {
    fn at(&self, path: &str) -> Pos {
        self.spans.at(path)
    }
    /// A diagnostic at a value; none where the value itself already failed
    /// (a default stands in for it, and would only mislead).
    fn push(&mut self, path: &str, make: impl FnOnce(&str, usize, usize) -> Diagnostic) {
        let (line, col) = self.at(path);
        if !self.spans.failed((line, col)) {
            self.diags.push(make(self.file, line, col));
        }
    }
    fn error(&mut self, code: Code, path: &str, msg: impl Into<String>) {
        self.push(path, |f, l, c| Diagnostic::error(code, f, l, c, msg));
    }
    fn warning(&mut self, code: Code, path: &str, msg: impl Into<String>) {
        self.push(path, |f, l, c| Diagnostic::warning(code, f, l, c, msg));
    }
    /// An error about the file itself, not about a value in it.
    fn file_error(&mut self, code: Code, msg: impl Into<String>) {
        self.diags
            .push(Diagnostic::file_error(code, self.file, msg));
    }
    fn errors(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count()
    }
}

/// A text value trimmed, with e-mail addresses removed.
fn text(t: &Text) -> String {
    redact_emails(t.0.trim())
}

fn opt_text(t: &Option<Text>) -> Option<String> {
    t.as_ref().map(text).filter(|s| !s.is_empty())
}

/// Checks the front matter of the file at `path` (`file` relative to the
/// root) and builds its report; `diags` are the file's diagnostics so far.
/// Attachments are looked for beside the file, then in `fallback` (a
/// pending update's live folder). No report when any field has an error.
pub(super) fn build(
    ctx: &Context,
    (path, fallback): (&Path, Option<&Path>),
    file: &str,
    raw: RawFrontMatter,
    spans: &Spans,
    body: (&str, usize),
    diags: Vec<Diagnostic>,
) -> (Result<Report, Option<Box<Identity>>>, Vec<Diagnostic>) {
    let mut sink = FieldDiags { file, spans, diags };
    let report = report(ctx, path, raw, body, fallback, &mut sink);
    (report, sink.diags)
}

fn report(
    ctx: &Context,
    path: &Path,
    raw: RawFrontMatter,
    (body, body_line): (&str, usize),
    fallback: Option<&Path>,
    sink: &mut FieldDiags,
) -> Result<Report, Option<Box<Identity>>> {
    let errors_before = sink.errors();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !is_slug(&stem) {
        sink.file_error(
            Code::FileName,
            format!(
                "the file name \"{stem}.md\" is not a slug (a-z, 0-9, -): rename it to \"{}.md\"",
                slugify(&stem)
            ),
        );
    } else if stem == crate::urls::PAGE_SEGMENT {
        sink.file_error(
            Code::FileName,
            format!(
                "the file name \"{stem}.md\" is reserved: /<year>/{stem}/2/ and on are the year's further pages; rename it"
            ),
        );
    }

    let title = text(&raw.title);
    if title.is_empty() {
        sink.error(Code::EmptyValue, "title", "title must not be empty");
    }
    let clinic = text(&raw.clinic);
    if clinic.is_empty() {
        sink.error(Code::EmptyValue, "clinic", "clinic must not be empty");
    }
    let year = year(ctx, path, raw.year, sink);
    let topics = topics(ctx, &raw.topics, sink);
    let date = raw.date.as_ref().and_then(|d| parse_date(sink, "date", d));

    let team: Vec<Member> = raw
        .team
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let name = text(&m.name);
            if name.is_empty() {
                sink.error(
                    Code::EmptyValue,
                    &format!("team[{i}].name"),
                    "a team member needs a name",
                );
                return None;
            }
            Some(Member {
                name,
                role: opt_text(&m.role),
                contact: m.contact,
            })
        })
        .collect();

    if raw.draft != Some(true) {
        new_placeholders(sink, &raw, body, body_line);
    }

    let indicators = raw
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| indicators::indicator(sink, &format!("indicators[{i}]"), ind, year))
        .collect();

    let dir = path.parent().unwrap_or(ctx.root).to_path_buf();
    let attachments = attachments::attachments(ctx, sink, &dir, fallback, &raw.attachments);
    let aliases = aliases(&raw.aliases, sink);
    let assessment = indicators::verdict(sink, "assessment", &raw.assessment);

    let body = redact_emails(body);
    let (pictures, picture_attrs) =
        pictures::pictures(ctx, sink.file, &dir, &body, body_line, &mut sink.diags);
    let rendered = markdown::render_with(&body, &picture_attrs);
    if !rendered.html.trim().is_empty() {
        indicators::template_rules(sink, &raw, raw.status.unwrap_or_default());
        contact_rule(sink, &team, raw.status.unwrap_or_default());
    }
    let changes = changes::changes(
        ctx,
        &raw.changes,
        &rendered.headings,
        raw.indicators.len(),
        sink,
    );
    if !rendered.html.trim().is_empty() {
        changes::changes_rule(ctx, sink, raw.changes.len(), raw.status.unwrap_or_default());
    }
    let summary =
        opt_text(&raw.summary).unwrap_or_else(|| truncate_words(&rendered.first_paragraph, 320));

    if sink.errors() > errors_before {
        // Still a report to the checks across reports when what makes it
        // the one it is could be read (see `content::identity`).
        let known = is_slug(&stem)
            && stem != crate::urls::PAGE_SEGMENT
            && !clinic.is_empty()
            && (FIRST_YEAR..=ctx.last_year).contains(&year);
        return Err(known.then(|| {
            Box::new(Identity {
                file: sink.file.to_string(),
                dir,
                stem,
                year,
                clinic,
                topics,
                draft: raw.draft.unwrap_or(false),
            })
        }));
    }
    Ok(Report {
        file: sink.file.to_string(),
        dir,
        stem,
        year,
        title,
        clinic,
        region: opt_text(&raw.region),
        topics,
        status: raw.status.unwrap_or_default(),
        date,
        draft: raw.draft.unwrap_or(false),
        summary,
        team,
        indicators,
        attachments,
        pictures,
        aliases,
        body_html: Packed::new(&rendered.html),
        body_text: rendered.text,
        assessment,
        changes,
        headings: rendered.headings,
        todos: Vec::new(),
    })
}

/// `arkiv new`'s form left as it was in a report that would be published:
/// the team member "Förnamn Efternamn", the role "Roll", a section with
/// only its hint (E048).
fn new_placeholders(sink: &mut FieldDiags, raw: &RawFrontMatter, body: &str, body_line: usize) {
    use super::placeholders::{empty_sections, MEMBER_NAME, MEMBER_ROLE};
    let fix = "replace it, or mark the report `draft: true` until it is filled in";
    for (i, m) in raw.team.iter().enumerate() {
        if m.name.0.trim() == MEMBER_NAME {
            sink.error(
                Code::Placeholder,
                &format!("team[{i}].name"),
                format!("\"{MEMBER_NAME}\" is the name `arkiv new` writes: {fix}"),
            );
        }
        if m.role.as_ref().is_some_and(|r| r.0.trim() == MEMBER_ROLE) {
            sink.error(
                Code::Placeholder,
                &format!("team[{i}].role"),
                format!("\"{MEMBER_ROLE}\" is the role `arkiv new` writes: {fix}"),
            );
        }
    }
    let found = empty_sections(sink.file, body, body_line);
    sink.diags.extend(found);
}

/// A final report (not a link-only entry) should say whom to ask: a
/// warning at `team`, or at the opening `---` when there is no team.
fn contact_rule(sink: &mut FieldDiags, team: &[Member], status: super::Status) {
    if status == super::Status::Final && !team.iter().any(|m| m.contact) {
        sink.warning(
            Code::NoContact,
            "team",
            "final report names no contact person: mark a team member with `contact: true`",
        );
    }
}

/// The programme year, which must lie in `FIRST_YEAR..=ctx.last_year`; a
/// warning when the file's folder names another year.
fn year(ctx: &Context, path: &Path, year: i64, sink: &mut FieldDiags) -> i32 {
    let year_ok = (i64::from(FIRST_YEAR)..=i64::from(ctx.last_year)).contains(&year);
    if !year_ok {
        sink.error(
            Code::YearRange,
            "year",
            format!("year {year} is outside {FIRST_YEAR}–{}", ctx.last_year),
        );
    }
    let year = year.clamp(0, 9999) as i32;
    let folder = path
        .parent()
        .and_then(|p| p.file_name())
        .map(|s| s.to_string_lossy().into_owned());
    if let Some(folder_year) = folder.as_deref().and_then(|f| f.parse::<i32>().ok()) {
        if year_ok && folder_year != year {
            sink.warning(
                Code::FolderYear,
                "year",
                format!("the file is in folder {folder_year} but its year is {year}"),
            );
        }
    }
    year
}

/// The topics as indexes into `Config::topics`, in the report's order,
/// each once.
fn topics(ctx: &Context, raw: &[Text], sink: &mut FieldDiags) -> Vec<usize> {
    let mut topics = Vec::new();
    if raw.is_empty() {
        sink.error(
            Code::EmptyValue,
            "topics",
            "topics must name at least one topic",
        );
    }
    for (i, t) in raw.iter().enumerate() {
        match ctx.config.topic(&t.0) {
            Some(idx) if !topics.contains(&idx) => topics.push(idx),
            Some(_) => {}
            None => {
                let hint = ctx
                    .config
                    .suggest_topic(&t.0)
                    .map(|s| format!(" (did you mean \"{s}\"?)"))
                    .unwrap_or_else(|| " (topics are listed in site.toml [[topics]])".to_string());
                sink.error(
                    Code::UnknownTopic,
                    &format!("topics[{i}]"),
                    format!("unknown topic \"{}\"{hint}", t.0),
                );
            }
        }
    }
    topics
}

/// Old URLs of the report: paths from the site's root.
fn aliases(raw: &[Text], sink: &mut FieldDiags) -> Vec<Alias> {
    let mut aliases = Vec::new();
    for (i, a) in raw.iter().enumerate() {
        let at = format!("aliases[{i}]");
        let alias = a.0.trim();
        if !alias.starts_with('/') || alias.split('/').any(|seg| seg == "..") {
            sink.error(
                Code::Redirect,
                &at,
                format!(
                    "an alias must be a path from the site's root starting with /, not \"{alias}\""
                ),
            );
        } else {
            let (line, col) = sink.at(&at);
            aliases.push(Alias {
                path: alias.to_string(),
                line,
                col,
            });
        }
    }
    aliases
}

fn parse_date(sink: &mut FieldDiags, at: &str, d: &Text) -> Option<PartialDate> {
    let parsed = PartialDate::parse(&d.0);
    if parsed.is_none() {
        sink.error(
            Code::BadDate,
            at,
            format!(
                "\"{}\" is not a valid date (use YYYY-MM-DD, YYYY-MM or YYYY)",
                d.0.trim()
            ),
        );
    }
    parsed
}

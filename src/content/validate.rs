//! From a file on disk to a validated `Report`, with every problem found
//! reported at its line and column.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::LazyLock;

use chrono::Datelike;
use regex::Regex;

use super::raw::{Figure, RawFrontMatter, RawIndicator, Text};
use super::yaml::{Pos, Spans};
use super::{frontmatter, markdown, privacy, yaml};
use super::{Attachment, Indicator, Measure, Member, Point, Report, Target, Unit};
use crate::config::{match_key, Config};
use crate::diag::{line_col, Diagnostic};
use crate::text::{is_slug, slugify, PartialDate};

/// Earliest programme year accepted.
pub const FIRST_YEAR: i32 = 1990;

/// What validation needs to know about the site, built once per run.
pub struct Context<'a> {
    pub root: &'a Path,
    root_canonical: PathBuf,
    pub config: &'a Config,
    topics: HashMap<String, usize>,
    /// Names (slugs and aliases) for "did you mean" suggestions.
    topic_names: Vec<(String, usize)>,
    pub last_year: i32,
    /// `[privacy] allow`, normalised to digits.
    privacy_allow: privacy::Allow,
}

impl<'a> Context<'a> {
    pub fn new(root: &'a Path, config: &'a Config) -> Self {
        let mut topics = HashMap::new();
        let mut topic_names = Vec::new();
        for (i, t) in config.topics.iter().enumerate() {
            for name in std::iter::once(&t.slug).chain(&t.aliases) {
                topics.insert(match_key(name.get_ref()), i);
                topic_names.push((name.get_ref().clone(), i));
            }
        }
        Context {
            root,
            root_canonical: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
            config,
            topics,
            topic_names,
            last_year: chrono::Local::now().year() + 1,
            privacy_allow: privacy::Allow::new(&config.privacy.allow),
        }
    }

    /// Resolves a topic slug or alias to its index.
    pub fn topic(&self, name: &str) -> Option<usize> {
        self.topics.get(&match_key(name)).copied()
    }

    /// The topic slug closest to an unknown name, if any is close.
    pub fn suggest_topic(&self, name: &str) -> Option<&str> {
        let key = match_key(name);
        self.topic_names
            .iter()
            .map(|(n, i)| {
                (
                    strsim::normalized_damerau_levenshtein(&key, &match_key(n)),
                    *i,
                )
            })
            .filter(|(score, _)| *score >= 0.6)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, i)| self.config.topics[i].slug.get_ref().as_str())
    }
}

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}")
        .expect("valid regex")
});

/// What an e-mail address is replaced with wherever it would be published.
pub const EMAIL_REPLACEMENT: &str = "[e-postadress borttagen]";

/// Removes e-mail addresses from a text.
pub fn redact_emails(s: &str) -> String {
    if s.contains('@') {
        EMAIL.replace_all(s, EMAIL_REPLACEMENT).into_owned()
    } else {
        s.to_string()
    }
}

/// Collects diagnostics for one file.
struct Sink<'a> {
    file: &'a str,
    spans: &'a Spans,
    diags: Vec<Diagnostic>,
}

impl Sink<'_> {
    fn error_at(&mut self, pos: Pos, msg: impl Into<String>) {
        self.diags
            .push(Diagnostic::error(self.file, pos.0, pos.1, msg));
    }
    fn error(&mut self, path: &str, msg: impl Into<String>) {
        let pos = self.spans.at(path);
        self.error_at(pos, msg);
    }
    fn warning(&mut self, path: &str, msg: impl Into<String>) {
        let pos = self.spans.at(path);
        self.diags
            .push(Diagnostic::warning(self.file, pos.0, pos.1, msg));
    }
}

/// Reads, parses and validates one report file.
pub fn load_file(ctx: &Context, path: &Path) -> (Option<Report>, Vec<Diagnostic>) {
    let file = super::rel_path(ctx.root, path);
    let err =
        |line, col, msg: String| (None, vec![Diagnostic::error(file.clone(), line, col, msg)]);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return err(1, 1, format!("cannot read the file: {e}")),
    };
    let text = match frontmatter::decode(&bytes) {
        Ok(t) => t,
        Err(e) => return err(e.line, e.col, e.message),
    };
    // The privacy guard reads the whole file, front matter and body, and
    // reports its hits whatever else is wrong with the file.
    let privacy = privacy_diags(ctx, &file, &text);
    let err = |line, col, msg: String| {
        let mut diags = privacy.clone();
        diags.push(Diagnostic::error(file.clone(), line, col, msg));
        (None, masked(diags))
    };
    let split = match frontmatter::split(&text) {
        Ok(s) => s,
        Err(e) => return err(e.line, e.col, e.message),
    };
    let (raw, spans) = match yaml::parse(split.yaml, split.yaml_line) {
        Ok(x) => x,
        Err(e) => return err(e.pos.0, e.pos.1, e.message),
    };
    let mut sink = Sink {
        file: &file,
        spans: &spans,
        diags: Vec::new(),
    };
    for m in EMAIL.find_iter(&text) {
        let (line, col) = line_col(&text, m.start());
        sink.diags.push(Diagnostic::warning(
            &file,
            line,
            col,
            "e-mail address found; it will not be published (remove it from the report)",
        ));
    }
    let report = build(ctx, path, &file, raw, split.body, &mut sink);
    let mut diags = sink.diags;
    // A possible personnummer fails the report like any other error.
    let report = report.filter(|_| privacy.is_empty());
    diags.extend(privacy);
    (report, masked(diags))
}

/// The privacy guard's error for one possible personnummer or
/// samordningsnummer; the number itself is never printed.
fn privacy_message(masked: &str) -> String {
    format!("possible personnummer {masked}: remove it, or list it in site.toml [privacy] allow if it is not a real person's number")
}

/// One error per possible personnummer in `text` that `[privacy] allow`
/// does not list, at its line and column in `file`.
fn privacy_diags(ctx: &Context, file: &str, text: &str) -> Vec<Diagnostic> {
    privacy::find(text)
        .into_iter()
        .filter(|h| !ctx.privacy_allow.allows(h))
        .map(|h| {
            let (line, col) = line_col(text, h.start);
            Diagnostic::error(file, line, col, privacy_message(&h.masked))
        })
        .collect()
}

/// Diagnostics with any whole personnummer in their messages masked (a
/// YAML error or an unknown topic may quote a value as written).
fn masked(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    for d in &mut diags {
        if d.message.bytes().any(|b| b.is_ascii_digit()) {
            d.message = privacy::mask_all(&d.message);
        }
    }
    diags
}

/// The privacy guard for a text attachment (`.docx`, `.md`, `.txt`,
/// `.html`, `.htm`): its text is scanned like the report's, and hits are
/// reported at the attachment's own path (for a Word file, line = paragraph).
fn scan_attachment(ctx: &Context, sink: &mut Sink, at: &str, name: &str, source: &Path) {
    let ext = source
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if !matches!(ext.as_str(), "docx" | "md" | "txt" | "html" | "htm") {
        return;
    }
    let bytes = match std::fs::read(source) {
        Ok(b) => b,
        Err(e) => {
            sink.error(at, format!("cannot read attachment \"{name}\": {e}"));
            return;
        }
    };
    let text = if ext == "docx" {
        match privacy::docx_text(&bytes) {
            Ok(t) => t,
            Err(e) => {
                sink.error(
                    at,
                    format!("attachment \"{name}\" cannot be checked for personnummer: {e}"),
                );
                return;
            }
        }
    } else {
        privacy::plain_text(&bytes)
    };
    let file = super::rel_path(ctx.root, source);
    sink.diags.extend(privacy_diags(ctx, &file, &text));
}

fn text(t: &Text) -> String {
    redact_emails(t.0.trim())
}

fn opt_text(t: &Option<Text>) -> Option<String> {
    t.as_ref().map(text).filter(|s| !s.is_empty())
}

fn build(
    ctx: &Context,
    path: &Path,
    file: &str,
    raw: RawFrontMatter,
    body: &str,
    sink: &mut Sink,
) -> Option<Report> {
    let errors_before = sink.diags.iter().filter(|d| d.is_error()).count();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !is_slug(&stem) {
        sink.error_at(
            (1, 1),
            format!(
                "the file name \"{stem}.md\" is not a slug (a-z, 0-9, -): rename it to \"{}.md\"",
                slugify(&stem)
            ),
        );
    }

    let title = text(&raw.title);
    if title.is_empty() {
        sink.error("title", "title must not be empty");
    }
    let clinic = text(&raw.clinic);
    if clinic.is_empty() {
        sink.error("clinic", "clinic must not be empty");
    }

    let year = raw.year;
    let year_ok = (i64::from(FIRST_YEAR)..=i64::from(ctx.last_year)).contains(&year);
    if !year_ok {
        sink.error(
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
                "year",
                format!("the file is in folder {folder_year} but its year is {year}"),
            );
        }
    }

    let mut topics = Vec::new();
    if raw.topics.is_empty() {
        sink.error("topics", "topics must name at least one topic");
    }
    for (i, t) in raw.topics.iter().enumerate() {
        match ctx.topic(&t.0) {
            Some(idx) if !topics.contains(&idx) => topics.push(idx),
            Some(_) => {}
            None => {
                let hint = ctx
                    .suggest_topic(&t.0)
                    .map(|s| format!(" (did you mean \"{s}\"?)"))
                    .unwrap_or_else(|| " (topics are listed in site.toml [[topics]])".to_string());
                sink.error(
                    &format!("topics[{i}]"),
                    format!("unknown topic \"{}\"{hint}", t.0),
                );
            }
        }
    }

    let date = raw.date.as_ref().and_then(|d| parse_date(sink, "date", d));

    let team = raw
        .team
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let name = text(&m.name);
            if name.is_empty() {
                sink.error(&format!("team[{i}].name"), "a team member needs a name");
                return None;
            }
            Some(Member {
                name,
                role: opt_text(&m.role),
                contact: m.contact,
            })
        })
        .collect();

    let indicators = raw
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| indicator(sink, &format!("indicators[{i}]"), ind))
        .collect();

    let dir = path.parent().unwrap_or(ctx.root).to_path_buf();
    let mut attachments = Vec::new();
    for (i, a) in raw.attachments.iter().enumerate() {
        let at = format!("attachments[{i}]");
        let title = opt_text(&a.title);
        match (&a.file, &a.url) {
            (Some(f), None) => {
                if let Some(att) =
                    file_attachment(ctx, sink, &format!("{at}.file"), &dir, &f.0, title)
                {
                    attachments.push(att);
                }
            }
            (None, Some(u)) => {
                let url = u.0.trim().to_string();
                if !(url.starts_with("https://") || url.starts_with("http://"))
                    || url.contains(char::is_whitespace)
                {
                    sink.error(
                        &format!("{at}.url"),
                        format!("an attachment url must be an http(s) address, not \"{url}\""),
                    );
                } else {
                    let title = title.unwrap_or_else(|| "Originalrapport".to_string());
                    attachments.push(Attachment::Url {
                        url: encode_url(&url),
                        title,
                    });
                }
            }
            _ => sink.error(&at, "an attachment needs exactly one of `file` or `url`"),
        }
    }

    let mut aliases = Vec::new();
    for (i, a) in raw.aliases.iter().enumerate() {
        let alias = a.0.trim();
        if !alias.starts_with('/') || alias.split('/').any(|seg| seg == "..") {
            sink.error(
                &format!("aliases[{i}]"),
                format!(
                    "an alias must be a path from the site's root starting with /, not \"{alias}\""
                ),
            );
        } else {
            let (line, col) = sink.spans.at(&format!("aliases[{i}]"));
            aliases.push(super::Alias {
                path: alias.to_string(),
                line,
                col,
            });
        }
    }

    let rendered = markdown::render(&redact_emails(body));
    if !rendered.html.trim().is_empty() {
        template_rules(sink, &raw, raw.status.unwrap_or_default());
    }
    let summary =
        opt_text(&raw.summary).unwrap_or_else(|| truncate_words(&rendered.first_paragraph, 320));

    let errors_after = sink.diags.iter().filter(|d| d.is_error()).count();
    if errors_after > errors_before {
        return None;
    }
    Some(Report {
        file: file.to_string(),
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
        aliases,
        body_html: rendered.html,
        body_text: rendered.text,
    })
}

/// The APC template's own rules, as warnings so that editors can send a
/// report back before it is published: at least two indicators, each
/// named "Antal …" or "Andel …", each with a baseline and a target, and in
/// a final report a result. Link-only entries (no body) are exempt.
fn template_rules(sink: &mut Sink, raw: &RawFrontMatter, status: super::Status) {
    let n = raw.indicators.len();
    if n < 2 {
        sink.warning(
            "indicators",
            format!("the template asks for at least 2 indicators; this report has {n}"),
        );
    }
    for (i, ind) in raw.indicators.iter().enumerate() {
        let at = format!("indicators[{i}]");
        let name = ind.name.0.trim();
        let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
        if first != "antal" && first != "andel" {
            sink.warning(
                &format!("{at}.name"),
                "the template asks for indicator names that start with \"Antal\" or \"Andel\"",
            );
        }
        if ind.baseline.is_none() {
            sink.warning(
                &format!("{at}.name"),
                "indicator has no baseline (utgångsläge)",
            );
        }
        if ind.target.is_none() {
            sink.warning(&format!("{at}.name"), "indicator has no target (mål)");
        }
        if status == super::Status::Final && ind.result.is_none() {
            sink.warning(
                &format!("{at}.name"),
                "final report: indicator has no result (resultat)",
            );
        }
    }
}

fn parse_date(sink: &mut Sink, at: &str, d: &Text) -> Option<PartialDate> {
    let parsed = PartialDate::parse(&d.0);
    if parsed.is_none() {
        sink.error(
            at,
            format!(
                "\"{}\" is not a valid date (use YYYY-MM-DD, YYYY-MM or YYYY)",
                d.0.trim()
            ),
        );
    }
    parsed
}

fn indicator(sink: &mut Sink, at: &str, ind: &RawIndicator) -> Indicator {
    let name = text(&ind.name);
    if name.is_empty() {
        sink.error(&format!("{at}.name"), "an indicator needs a name");
    }
    let measure = |m: &Option<super::raw::RawMeasure>| {
        m.as_ref().map(|m| Measure {
            value: figure(&m.value),
            period: opt_text(&m.period),
        })
    };
    let target = ind.target.as_ref().map(|t| {
        if t.value.is_some() == t.change_percent.is_some() {
            sink.error(
                &format!("{at}.target"),
                "a target needs exactly one of `value` or `change_percent`",
            );
        }
        if let Some(c) = t.change_percent {
            if !c.is_finite() {
                sink.error(
                    &format!("{at}.target.change_percent"),
                    "change_percent must be a number",
                );
            }
        }
        let by =
            t.by.as_ref()
                .and_then(|b| parse_date(sink, &format!("{at}.target.by"), b));
        Target {
            value: t.value.as_ref().map(figure),
            change_percent: t.change_percent,
            by,
        }
    });
    let mut series = Vec::with_capacity(ind.series.len());
    for (j, p) in ind.series.iter().enumerate() {
        let path = format!("{at}.series[{j}].date");
        match PartialDate::parse(&p.date.0) {
            Some(PartialDate::Day(date)) => series.push(Point {
                date,
                value: p.value,
                reference: p.reference,
            }),
            _ => sink.error(
                &path,
                format!(
                    "\"{}\" is not a valid date (use YYYY-MM-DD)",
                    p.date.0.trim()
                ),
            ),
        }
    }
    series.sort_by_key(|p| p.date);
    Indicator {
        name,
        unit: ind.unit.unwrap_or(Unit::Count),
        direction: ind.direction,
        baseline: measure(&ind.baseline),
        target,
        result: measure(&ind.result),
        source: opt_text(&ind.source),
        note: opt_text(&ind.note),
        series,
        reference_label: opt_text(&ind.reference_label),
    }
}

fn figure(f: &Figure) -> Figure {
    match f {
        Figure::Number(n) => Figure::Number(*n),
        Figure::Text(t) => Figure::Text(redact_emails(t.trim())),
    }
}

/// Resolves an attachment file against the report's folder; refuses paths
/// that leave it (absolute, `..`, or a symlink that points outside the site).
fn file_attachment(
    ctx: &Context,
    sink: &mut Sink,
    at: &str,
    dir: &Path,
    name: &str,
    title: Option<String>,
) -> Option<Attachment> {
    let rel = Path::new(name.trim());
    let escapes = rel.is_absolute()
        || name.contains('\\')
        || rel.components().any(|c| !matches!(c, Component::Normal(_)));
    if name.trim().is_empty() || escapes {
        sink.error(at, format!("attachment \"{name}\" must be a file name inside the report's folder (no .. or absolute paths)"));
        return None;
    }
    let source = dir.join(rel);
    let meta = match std::fs::metadata(&source) {
        Ok(m) if m.is_file() => m,
        Ok(_) => {
            sink.error(at, format!("attachment \"{name}\" is not a file"));
            return None;
        }
        Err(_) => {
            sink.error(
                at,
                format!("attachment file \"{name}\" does not exist next to the report"),
            );
            return None;
        }
    };
    match source.canonicalize() {
        Ok(real) if real.starts_with(&ctx.root_canonical) => {}
        _ => {
            sink.error(
                at,
                format!("attachment \"{name}\" points outside the site folder"),
            );
            return None;
        }
    }
    scan_attachment(ctx, sink, at, name, &source);
    let file_name = rel
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Some(Attachment::File {
        title: title.unwrap_or_else(|| file_name.clone()),
        name: rel.to_string_lossy().replace('\\', "/"),
        size: meta.len(),
        source,
    })
}

/// Percent-encodes the ASCII characters that may not stand raw in a URL
/// (`<`, `>`, `"`, space, …), leaving everything else as written.
pub fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' | '"' | '<' | '>' | '`' | '{' | '}' | '|' | '\\' | '^' => {
                out.push_str(&format!("%{:02X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// Cuts a text at a word boundary, adding "…" when it was cut.
pub fn truncate_words(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    let cut: String = s.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts() {
        assert_eq!(
            redact_emails("Mejla jenny.lundqvist@kry.se nu"),
            format!("Mejla {EMAIL_REPLACEMENT} nu")
        );
        assert_eq!(redact_emails("ingen adress"), "ingen adress");
    }

    #[test]
    fn truncates() {
        assert_eq!(truncate_words("ett två tre", 100), "ett två tre");
        assert_eq!(truncate_words("ett två tre fyra", 9), "ett två…");
    }
}

//! Content: the reports under `content/`, from files to validated
//! [`Report`]s.
//!
//! [`find_report_files`] walks `content/` (sequential, cheap);
//! [`load_file`] (`load.rs`) takes one file through read → decode → split
//! (`frontmatter`) → YAML (`yaml`, into `raw`) → field checks (`fields`) →
//! Markdown (`markdown`), with the privacy guard (`privacy`, `emails`,
//! `redact`, `attachment_text`) over the text and its attachments.
//! `site::Sources` runs it for every file in parallel, one report per task,
//! and then `indicators::check` (the checks that need goal statuses, which
//! this module does not compute); `serve` reloads single files the same way.

pub mod attachment_text;
pub mod duplicates;
pub mod emails;
mod fields;
pub mod frontmatter;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod identity;
mod load;
pub mod markdown;
pub mod placeholders;
pub mod privacy;
pub mod raw;
mod redact;
pub mod schema;
pub mod todos;
pub mod tree;
pub mod yaml;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use walkdir::WalkDir;

pub use fields::pictures::{resized_name, RESIZED};
pub use fields::FIRST_YEAR;
pub use identity::Identity;
pub use load::{load_entry, load_file, load_pending, Context, Loaded};
pub use markdown::Heading;
pub use raw::{BetterThan, Direction, Figure, Num, Status, Unit};
pub use redact::EMAIL_REPLACEMENT;

use crate::diag::{Code, Diagnostic};
use crate::outcome::{ChangeStatus, GoalStatus};
use crate::text::{Packed, PartialDate};

/// The folder of reports, relative to the site root.
pub const CONTENT_DIR: &str = "content";

/// One validated report.
#[derive(Debug, Clone)]
pub struct Report {
    /// Path relative to the root, with `/`: `content/2023/kry-vallentuna-sip.md`.
    pub file: String,
    /// The folder the file is in (attachments are resolved against it).
    pub dir: PathBuf,
    /// The file name without `.md`; the last part of the report's URL.
    pub stem: String,
    pub year: i32,
    pub title: String,
    /// The clinic as the report names it.
    pub clinic: String,
    pub region: Option<String>,
    /// Indexes into `Config::topics`, in the report's order.
    pub topics: Vec<usize>,
    pub status: Status,
    pub date: Option<PartialDate>,
    pub draft: bool,
    /// Plain-text summary: `summary`, else the body's first paragraph.
    pub summary: String,
    pub team: Vec<Member>,
    pub indicators: Vec<Indicator>,
    pub attachments: Vec<Attachment>,
    /// The body's own pictures, published beside the page.
    pub pictures: Vec<Picture>,
    /// Old URLs that redirect here, with where each is written.
    pub aliases: Vec<Alias>,
    /// The body rendered to (safe) HTML, held compressed until its page
    /// is rendered.
    pub body_html: Packed,
    /// The body's plain text (for similarity and search).
    pub body_text: String,
    /// The report's own verdict on its main goal (`assessment`).
    pub assessment: Option<Verdict>,
    /// The change ideas the report tested (`changes`), in its order.
    pub changes: Vec<ChangeRef>,
    /// The body's headings, in order.
    pub headings: Vec<Heading>,
    /// A draft's open TODOs (`# TODO` lines, `<!-- TODO` blocks), for the
    /// preview's "Utkast" notice and `arkiv status`; in a published report
    /// each one is an error instead.
    pub todos: Vec<todos::Todo>,
}

/// A change idea a report tested: an index into `Config::changes`, the
/// report's own words, the heading that describes it, the goals it aimed
/// at and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeRef {
    pub change: usize,
    pub text: Option<String>,
    /// The heading (text and id) `section` names.
    pub section: Option<Heading>,
    /// The goals it aimed at: indexes into `Report::indicators` (0-based;
    /// front matter writes 1-based positions), in order, each once. Empty:
    /// tied to no goal.
    pub indicators: Vec<usize>,
    pub status: ChangeStatus,
}

/// An old URL of a report (front matter `aliases`), with its position for
/// diagnostics about conflicting redirects.
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    pub path: String,
    pub line: usize,
    pub col: usize,
}

impl Report {
    /// The report's path below the site root: `2023/kry-vallentuna-sip/`.
    pub fn rel_url(&self) -> String {
        crate::urls::report(self.year, &self.stem)
    }

    /// A report that exists only as an external original.
    pub fn is_link_only(&self) -> bool {
        self.body_html.is_blank()
    }
}

#[derive(Debug, Clone)]
pub struct Member {
    pub name: String,
    pub role: Option<String>,
    pub contact: bool,
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub name: String,
    pub unit: Unit,
    pub direction: Option<Direction>,
    pub baseline: Option<Measure>,
    pub target: Option<Target>,
    pub result: Option<Measure>,
    pub source: Option<String>,
    pub note: Option<String>,
    pub series: Vec<Point>,
    pub reference_label: Option<String>,
    /// The report's own verdict on this indicator (`assessment`).
    pub assessment: Option<Verdict>,
    /// The goal the report calls its main one (`main: true`).
    pub main: bool,
    /// Where `name` is written (line, column), for the checks after
    /// loading (`indicators::check`, W023).
    pub name_at: (usize, usize),
}

#[derive(Debug, Clone)]
pub struct Measure {
    pub value: Figure,
    pub period: Option<String>,
    /// The report's own words about the figure ("har genomförts kvartalsvis").
    pub note: Option<String>,
}

/// A target: exactly one of `value`, `change_percent`, `better_than`.
#[derive(Debug, Clone)]
pub struct Target {
    pub value: Option<Figure>,
    pub change_percent: Option<f64>,
    /// A comparison with the baseline or the reference series.
    pub better_than: Option<BetterThan>,
    pub by: Option<PartialDate>,
    /// The target in the report's own words ("minst 4 möten per år").
    pub text: Option<String>,
}

/// A report's own verdict, quoted: on an indicator or on the report's
/// main goal.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub status: GoalStatus,
    /// The report's words.
    pub text: String,
    /// Where `status` is written (line, column), for the checks that
    /// compare it with the figures after loading (`indicators::check`).
    pub at: (usize, usize),
}

/// A measurement of a series: at a date, or under a label ("jan", "v.12",
/// "Q3 2024": a Word chart's categories); a label that is a date gives
/// both. The run-chart rules need only the order.
#[derive(Debug, Clone)]
pub struct Point {
    pub date: Option<NaiveDate>,
    pub label: Option<String>,
    pub value: f64,
    pub reference: Option<f64>,
    /// The decimals written for `value` and `reference` (`90.0`: 1), for
    /// the page's table of measurements.
    pub decimals: (u8, u8),
}

/// A picture of the body (`![bildtext](fil.png)`), a file beside the
/// report, with its size in pixels.
#[derive(Debug, Clone)]
pub struct Picture {
    pub name: String,
    pub source: PathBuf,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone)]
pub enum Attachment {
    /// A file beside the report, copied next to its page.
    File {
        name: String,
        title: String,
        size: u64,
        source: PathBuf,
    },
    /// An external original.
    Url { url: String, title: String },
}

impl Attachment {
    pub fn title(&self) -> &str {
        match self {
            Attachment::File { title, .. } | Attachment::Url { title, .. } => title,
        }
    }

    pub fn is_external(&self) -> bool {
        matches!(self, Attachment::Url { .. })
    }

    /// Where it is linked from: beside its report page (`page`, the page's
    /// URL ending in `/`), or its external address.
    pub fn href(&self, page: &str) -> String {
        match self {
            Attachment::File { name, .. } => format!("{page}{name}"),
            Attachment::Url { url, .. } => url.clone(),
        }
    }
}

/// Finds every `.md` file under `<root>/content`, sorted. Hidden files and
/// folders are skipped. Symbolic links are not followed out of the site: a
/// link to a report inside the site folder is read, anything else that is a
/// link is reported.
pub fn find_report_files(root: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let dir = root.join(CONTENT_DIR);
    if !dir.is_dir() {
        return (
            Vec::new(),
            vec![Diagnostic::file_error(
                Code::NoContent,
                CONTENT_DIR,
                "the content folder does not exist",
            )],
        );
    }
    let root_real = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let walker = WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    for entry in
        walker.filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| rel_path(root, p))
                    .unwrap_or_else(|| CONTENT_DIR.to_string());
                diags.push(Diagnostic::file_error(
                    Code::Unreadable,
                    path,
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        let is_md = entry.path().extension().is_some_and(|x| x == "md");
        if entry.file_type().is_symlink() {
            let target = entry.path().canonicalize();
            match target {
                Ok(t) if t.starts_with(&root_real) => {
                    if is_md && t.is_file() {
                        files.push(entry.into_path());
                    }
                }
                _ => diags.push(Diagnostic::file_error(
                    Code::Symlink,
                    rel_path(root, entry.path()),
                    "symbolic link points outside the site folder (or nowhere); it is not followed",
                )),
            }
        } else if entry.file_type().is_file() && is_md {
            files.push(entry.into_path());
        }
    }
    (files, diags)
}

/// `path` relative to `root`, with `/` separators.
pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The privacy guard over `.arkiv/` (see [`crate::state`]): the bases and
/// pending updates `arkiv import` keeps are report text that is committed
/// with the archive, so a possible personnummer in one is an error like one
/// in `content/`. Nothing else there is read by the build.
pub fn state_privacy(ctx: &Context) -> Vec<Diagnostic> {
    let dir = ctx.root.join(crate::state::DIR);
    let files: Vec<PathBuf> = WalkDir::new(&dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() != 1 || e.file_name() != crate::state::TMP)
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|x| x == "md" || x == "toml"))
        .collect();
    files
        .par_iter()
        .flat_map_iter(|path| {
            let file = rel_path(ctx.root, path);
            match std::fs::read(path) {
                Ok(bytes) => {
                    let text = crate::text::decode_lossy(&bytes);
                    redact::masked(redact::personnummer_errors(
                        &ctx.privacy_allow,
                        &file,
                        &text,
                    ))
                }
                Err(e) => vec![Diagnostic::file_error(
                    Code::Unreadable,
                    file,
                    format!("cannot read: {e}"),
                )],
            }
        })
        .collect()
}

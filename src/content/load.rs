//! Loading one report file: read → decode → split at `---` → YAML → the
//! checks of its fields (`fields`), with the privacy guard over the whole
//! text. Every stage's problems become diagnostics at their line and
//! column; a file with any error yields no report.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Datelike;

use super::frontmatter;
use super::yaml;
use super::{fields, privacy, redact, todos, Identity, Report};
use crate::config::Config;
use crate::diag::{Code, Diagnostic};

/// What loading needs to know about the site, built once per run and
/// shared by the parallel loads.
pub struct Context<'a> {
    pub root: &'a Path,
    /// `root` with links resolved: an attachment whose real path is not
    /// below it is refused.
    pub(super) root_canonical: PathBuf,
    pub config: &'a Config,
    /// The latest programme year accepted (next year).
    pub last_year: i32,
    /// `[privacy] allow`, normalised to digits.
    pub(super) privacy_allow: privacy::Allow,
    /// The cleaned copies of the files reports publish.
    pub store: Arc<crate::clean::Store>,
}

impl<'a> Context<'a> {
    pub fn new(root: &'a Path, config: &'a Config) -> Self {
        Self::with_store(root, config, Arc::default())
    }

    /// A context whose cleaned copies go to (and come from) `store`, which
    /// `serve` keeps between edits.
    pub fn with_store(root: &'a Path, config: &'a Config, store: Arc<crate::clean::Store>) -> Self {
        Context {
            store,
            root,
            root_canonical: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
            config,
            last_year: Self::next_year(),
            privacy_allow: privacy::Allow::new(&config.privacy.allow)
                .with_emails(&config.privacy.allow_emails),
        }
    }

    /// The latest programme year accepted: next year (a plan for it may be
    /// written now).
    pub fn next_year() -> i32 {
        chrono::Local::now().year() + 1
    }
}

/// Reads, parses and validates one report file: the report, if the file
/// has no error, and every diagnostic (warnings come with a report too).
pub fn load_file(ctx: &Context, path: &Path) -> (Option<Report>, Vec<Diagnostic>) {
    let loaded = load(ctx, path, None);
    (loaded.report, loaded.diags)
}

/// One report file as loaded.
pub struct Loaded {
    /// The report, if the file has no error.
    pub report: Option<Report>,
    /// For a file with errors, what makes it the report it is, when that
    /// could be read (see `content::identity`).
    pub failed: Option<Identity>,
    pub diags: Vec<Diagnostic>,
}

/// [`load_file`], keeping a failed file's identity for the checks across
/// reports.
pub fn load_entry(ctx: &Context, path: &Path) -> Loaded {
    load(ctx, path, None)
}

/// A pending update of `arkiv import` (`.arkiv/pending/…`, see
/// `authoring::import::state`) loaded as the preview of the report it will
/// replace: its TODOs (the update's conflicts among them) are listed, not
/// errors, and an attachment not beside it is looked for beside the live
/// report, in `live_dir`.
pub fn load_pending(
    ctx: &Context,
    path: &Path,
    live_dir: &Path,
) -> (Option<Report>, Vec<Diagnostic>) {
    let loaded = load(ctx, path, Some(live_dir));
    (loaded.report, loaded.diags)
}

fn load(ctx: &Context, path: &Path, pending: Option<&Path>) -> Loaded {
    let failed = |diags| Loaded {
        report: None,
        failed: None,
        diags,
    };
    let file = super::rel_path(ctx.root, path);
    let text = match read(path, &file) {
        Ok(t) => t,
        Err(d) => return failed(vec![d]),
    };
    // The privacy guard reads the whole file, front matter and body, and
    // reports its hits whatever else is wrong with the file.
    let privacy = redact::personnummer_errors(&ctx.privacy_allow, &file, &text);
    let (split, parsed) = match frontmatter::split(&text) {
        Ok(split) => {
            let parsed = yaml::parse(split.yaml, split.yaml_line);
            (split, parsed)
        }
        Err(e) => {
            let mut diags = privacy;
            diags.push(e.into_diagnostic(&file));
            return failed(redact::masked(diags));
        }
    };
    let mut diags = redact::email_warnings(&file, &text);
    diags.extend(
        parsed
            .errors
            .into_iter()
            .map(|e| Diagnostic::error(e.code, &file, e.pos.0, e.pos.1, e.message)),
    );
    // A TODO is listed in a draft (and a pending update), an error in a
    // report that would be published.
    let draft = parsed.front.as_ref().is_some_and(|f| f.draft == Some(true));
    let mut todos = todos::find(split.yaml, split.yaml_line, split.body, split.body_line);
    let open = if draft || pending.is_some() {
        Vec::new()
    } else {
        std::mem::take(&mut todos)
    };
    // Every field that could be read is checked, even when others could not.
    let (report, mut diags) = match parsed.front {
        Some(raw) => fields::build(
            ctx,
            (path, pending),
            &file,
            raw,
            &parsed.spans,
            (split.body, split.body_line),
            diags,
        ),
        None => (Err(None), diags),
    };
    // A possible personnummer fails the report like any other error.
    let (report, identity) = match report {
        Ok(r) if privacy.is_empty() && open.is_empty() => (Some(r), None),
        Ok(r) => (None, Some(r.identity())),
        Err(identity) => (None, identity.map(|b| *b)),
    };
    diags.extend(privacy);
    diags.extend(open.iter().map(|t| t.error(&file)));
    let report = report.map(|mut r| {
        for t in &mut todos {
            t.text = redact::redact_emails(&t.text);
        }
        r.todos = todos;
        r
    });
    Loaded {
        report,
        failed: identity,
        diags: redact::masked(diags),
    }
}

/// The file's text: UTF-8, CRLF normalised.
fn read(path: &Path, file: &str) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::file_error(Code::Unreadable, file, format!("cannot read the file: {e}"))
    })?;
    frontmatter::decode(&bytes).map_err(|e| e.into_diagnostic(file))
}

//! `arkiv status`: everything left to do before the archive is published,
//! in one place (the editor's `hugo list drafts`): the errors of `check`,
//! the drafts with each open TODO as `file:line: text`, the warnings by
//! code, the pending updates of `arkiv import` with their conflicts, and a
//! closing count. `serve` shows the same at `/_redaktion/`.
//!
//! Each item is `{ file, line, kind, text }` (`--format json`, schema in
//! `docs/status.schema.json`); [`Kind`] owns its slug and its Swedish
//! heading, so another kind of item (cleaned files, say) is one variant,
//! its place in [`Kind::ALL`] and where its items come from.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use serde::Serialize;

use crate::content::{frontmatter, todos, Report};
use crate::diag::Diagnostic;
use crate::state::State;
use crate::text::count;

/// How `arkiv status` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Error,
    Draft,
    Todo,
    Warning,
    PendingUpdate,
    Conflict,
    /// A file the build publishes as a cleaned copy, and what cleaning
    /// removes from it (nothing to do: for the editor to know).
    Cleaned,
}

impl Kind {
    /// In the order the text lists them.
    pub const ALL: [Kind; 7] = [
        Kind::Error,
        Kind::Draft,
        Kind::Todo,
        Kind::Warning,
        Kind::PendingUpdate,
        Kind::Conflict,
        Kind::Cleaned,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Kind::Error => "error",
            Kind::Draft => "draft",
            Kind::Todo => "todo",
            Kind::Warning => "warning",
            Kind::PendingUpdate => "pending-update",
            Kind::Conflict => "conflict",
            Kind::Cleaned => "cleaned",
        }
    }

    /// The Swedish heading of its part of the list.
    pub fn heading(self) -> &'static str {
        match self {
            Kind::Error => "Fel",
            Kind::Draft => "Utkast",
            Kind::Todo => "Att göra",
            Kind::Warning => "Varningar",
            Kind::PendingUpdate => "Väntande uppdateringar",
            Kind::Conflict => "Konflikter",
            Kind::Cleaned => "Rensas när de publiceras",
        }
    }
}

/// One thing left to do.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// From the archive's root, with `/`.
    pub file: String,
    pub line: Option<usize>,
    pub kind: Kind,
    pub text: String,
}

impl Item {
    /// `file:line: text`.
    pub fn located(&self) -> String {
        format!("{}: {}", self.place(), self.text)
    }
}

/// Every item, in the order of [`Kind::ALL`] and then of file and line.
#[derive(Debug, Default, Serialize)]
#[serde(transparent)]
pub struct Status {
    pub items: Vec<Item>,
}

impl Status {
    /// The items of a checked archive: its diagnostics (silenced warnings
    /// left out), its drafts, and the pending updates in its `.arkiv/`.
    pub fn new<'r>(
        diags: &[Diagnostic],
        drafts: impl IntoIterator<Item = &'r Report>,
        state: &State,
    ) -> Status {
        let mut items = Vec::new();
        for d in diags {
            items.push(Item {
                file: d.file.clone(),
                line: d.pos.map(|p| p.0),
                kind: if d.is_error() {
                    Kind::Error
                } else {
                    Kind::Warning
                },
                text: format!("{} [{}]", d.message, d.code),
            });
        }
        for r in drafts {
            items.push(Item {
                file: r.file.clone(),
                line: None,
                kind: Kind::Draft,
                text: format!("{} ({} {})", r.title, r.clinic, r.year),
            });
            items.extend(r.todos.iter().map(|t| todo(&r.file, t)));
        }
        for p in state.pending_updates() {
            let file = state.show(&p.file);
            let text = std::fs::read(&p.file)
                .ok()
                .and_then(|b| frontmatter::decode(&b).ok())
                .unwrap_or_default();
            let found = frontmatter::split(&text)
                .map(|s| todos::find(s.yaml, s.yaml_line, s.body, s.body_line))
                .unwrap_or_default();
            let conflicts = found.iter().filter(|t| t.is_conflict()).count();
            let mut what = vec![];
            if conflicts > 0 {
                what.push(count(conflicts, "konflikt", "konflikter"));
            }
            if found.len() > conflicts {
                what.push(count(
                    found.len() - conflicts,
                    "sak att göra",
                    "saker att göra",
                ));
            }
            let live = state.show(&p.live);
            let from = p
                .record
                .as_ref()
                .map_or(String::new(), |r| format!(" från {}", r.original));
            items.push(Item {
                file: file.clone(),
                line: None,
                kind: Kind::PendingUpdate,
                text: if what.is_empty() {
                    format!("uppdateringen av {live}{from} är klar: godkänn den med arkiv accept {live}")
                } else {
                    format!("uppdateringen av {live}{from} väntar: {}; sedan arkiv accept {live}", what.join(", "))
                },
            });
            items.extend(found.iter().map(|t| todo(&file, t)));
        }
        let part = |i: &Item| PARTS.iter().position(|k| *k == i.part());
        items.sort_by_key(|i| (part(i), i.file.clone(), i.line, i.kind));
        items.dedup();
        Status { items }
    }

    fn n(&self, kinds: &[Kind]) -> usize {
        self.items
            .iter()
            .filter(|i| kinds.contains(&i.kind))
            .count()
    }

    /// "3 utkast, 7 saker att göra, 2 rapporter med varningar".
    pub fn counts(&self) -> String {
        let warned: std::collections::BTreeSet<&str> = self
            .items
            .iter()
            .filter(|i| i.kind == Kind::Warning && i.file.ends_with(".md"))
            .map(|i| i.file.as_str())
            .collect();
        let mut parts = Vec::new();
        let errors = self.n(&[Kind::Error]);
        if errors > 0 {
            parts.push(count(errors, "fel", "fel"));
        }
        parts.push(format!("{} utkast", self.n(&[Kind::Draft])));
        parts.push(count(
            self.n(&[Kind::Todo, Kind::Conflict]),
            "sak att göra",
            "saker att göra",
        ));
        parts.push(count(
            warned.len(),
            "rapport med varningar",
            "rapporter med varningar",
        ));
        let pending = self.n(&[Kind::PendingUpdate]);
        if pending > 0 {
            parts.push(count(
                pending,
                "väntande uppdatering",
                "väntande uppdateringar",
            ));
        }
        parts.join(", ")
    }

    /// The list for people, in Swedish: a heading per part, a draft's and
    /// a pending update's TODOs under it, warnings by code.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut part = |heading: &str, lines: Vec<String>| {
            if !lines.is_empty() {
                out.push_str(&format!("{heading}:\n"));
                for l in lines {
                    out.push_str(&format!("  {l}\n"));
                }
                out.push('\n');
            }
        };
        let of = |kind: Kind| self.items.iter().filter(move |i| i.kind == kind);
        part(
            Kind::Error.heading(),
            of(Kind::Error).map(Item::located).collect(),
        );
        part(
            Kind::Draft.heading(),
            nested(self.items.iter().filter(|i| i.part() == Kind::Draft)),
        );
        let mut by_code: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for w in of(Kind::Warning) {
            let code = w
                .text
                .rsplit('[')
                .next()
                .unwrap_or("")
                .trim_end_matches(']');
            by_code.entry(code).or_default().push(w.located());
        }
        let warnings: Vec<String> = by_code
            .into_iter()
            .flat_map(|(code, lines)| {
                let head = format!("{code} ({}):", lines.len());
                std::iter::once(head).chain(lines.into_iter().map(|l| format!("  {l}")))
            })
            .collect();
        part(Kind::Warning.heading(), warnings);
        part(
            Kind::PendingUpdate.heading(),
            nested(
                self.items
                    .iter()
                    .filter(|i| i.part() == Kind::PendingUpdate),
            ),
        );
        part(
            Kind::Cleaned.heading(),
            of(Kind::Cleaned).map(Item::located).collect(),
        );
        out.push_str(&format!("Kvar att göra: {}\n", self.counts()));
        out
    }
}

impl Item {
    /// The part of the list it is in: errors, drafts (with their TODOs),
    /// warnings, pending updates (with theirs).
    pub fn part(&self) -> Kind {
        match self.kind {
            Kind::Error | Kind::Warning | Kind::Cleaned => self.kind,
            _ if self.file.starts_with(crate::state::DIR) => Kind::PendingUpdate,
            _ => Kind::Draft,
        }
    }

    /// `file:line`.
    pub fn place(&self) -> String {
        match self.line {
            Some(l) => format!("{}:{l}", self.file),
            None => self.file.clone(),
        }
    }
}

/// The parts of the list, in order.
pub const PARTS: [Kind; 5] = [
    Kind::Error,
    Kind::Draft,
    Kind::Warning,
    Kind::PendingUpdate,
    Kind::Cleaned,
];

/// A TODO of a file as an item (a conflict as its own kind).
fn todo(file: &str, t: &todos::Todo) -> Item {
    Item {
        file: file.to_string(),
        line: Some(t.line),
        kind: if t.is_conflict() {
            Kind::Conflict
        } else {
            Kind::Todo
        },
        text: t.text.clone(),
    }
}

/// Reports (drafts, pending updates) with their TODOs indented under them.
fn nested<'a>(items: impl Iterator<Item = &'a Item>) -> Vec<String> {
    items
        .map(|i| match i.kind {
            Kind::Draft | Kind::PendingUpdate => i.located(),
            _ => format!("  {}", i.located()),
        })
        .collect()
}

/// Checks the archive at `root` as `check` does, and lists what is left;
/// `Err` with the diagnostics when the archive cannot be read at all.
pub fn collect(root: &Path) -> Result<Status, Vec<Diagnostic>> {
    let opts = crate::site::Options {
        root: root.to_path_buf(),
        output: None,
        strict: false,
        verbose: false,
        search: false,
        drafts: false,
    };
    let mut drafts: Vec<Arc<Report>> = Vec::new();
    let outcome = crate::site::run_keeping(&opts, &mut drafts);
    let unreadable = outcome.diagnostics.iter().any(|d| {
        d.file == crate::config::CONFIG_FILE && d.is_error()
            || d.code == crate::diag::Code::NoContent
    });
    if unreadable {
        return Err(outcome.diagnostics);
    }
    let mut status = Status::new(
        &outcome.diagnostics,
        drafts.iter().map(|r| &**r),
        &State::of(root),
    );
    // What cleaning removes from each published file ("2 kommentarer,
    // 1 spårad ändring"), after everything there is to do.
    status
        .items
        .extend(outcome.cleaned.iter().map(|(file, removed)| Item {
            file: file.clone(),
            line: None,
            kind: Kind::Cleaned,
            text: removed.clone(),
        }));
    Ok(status)
}

/// `arkiv status`: exit 0, or 1 when the archive cannot be read.
pub fn run(root: &Path, format: Format) -> ExitCode {
    match collect(root) {
        Ok(status) => {
            match format {
                Format::Text => print!("{}", status.text()),
                Format::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&status).unwrap_or_else(|_| "[]".into())
                ),
            }
            ExitCode::SUCCESS
        }
        Err(diags) => {
            crate::diag::print(&diags, crate::diag::Printed::default());
            eprintln!("arkiv status: arkivet i {} kan inte läsas", root.display());
            ExitCode::from(1)
        }
    }
}

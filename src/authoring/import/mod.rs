//! `arkiv import FILE.docx|FILE.pdf|DIR…`: Word and PDF reports of the
//! template → entries of the archive, new or updated.
//!
//! For each file: read it (`docx/`, or `pdf.rs` over `crate::pdf`), read
//! the template out of it (`template/`), make the front matter (`draft.rs`,
//! with the proposals of `proposals.rs`): [`prepare`], which writes nothing.
//! What could not be determined is listed at the top as `# TODO:` comments
//! (every wording in `todos.rs`) and keeps a new entry a draft. No e-mail
//! address is ever written into a draft, whatever paragraph it came from.
//!
//! The original is written as its cleaned copy (`crate::clean`: no
//! comments, tracked changes, document properties or hidden text), and the
//! draft is read from that copy. It is untrusted too: it is listed as a
//! published attachment only when the privacy guard finds neither a
//! personnummer nor an e-mail
//! address (other than `[privacy] allow_emails`) in its text; otherwise a
//! `# TODO:` says what was found and where (`findings.rs`).
//!
//! Then `apply.rs` decides what the draft does to the archive
//! (`identity.rs`: a new entry, an update of the entry that holds the same
//! report, or nothing when that entry was typed by hand) and writes it: an
//! update is a three-way merge (`merge/`) with the last import kept in
//! `.arkiv/` (`crate::state`), written in place when clean, else held as a
//! pending update until `arkiv accept` (`accept.rs`). `folder.rs` runs
//! whole folders, picks one file of several versions of a report, prints
//! one line a file and writes the editor's list.
//!
//! A damaged file is an error and leaves nothing behind; a file larger than
//! [`FILE_LIMIT`] is refused before it is read.

pub mod accept;
mod apply;
mod dates;
pub mod docx;
mod draft;
mod errors;
mod findings;
pub mod folder;
pub mod identity;
pub mod merge;
pub mod pdf;
mod pictures;
mod proposals;
pub mod template;
pub mod todos;

use std::fs;
use std::path::{Path, PathBuf};

use super::write::Attachment;
use crate::config::Config;
use crate::content::emails;

/// The largest file read (a report with pictures is a few MiB).
pub const FILE_LIMIT: u64 = 64 << 20;

/// Why nothing was written for a file (in Swedish: `import` prints it).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("kan inte läsas: {0}")]
    Read(std::io::Error),
    #[error("filen är {} MiB, mer än en rapport kan vara ({} MiB)", .0 >> 20, FILE_LIMIT >> 20)]
    TooLarge(u64),
    #[error("inte en Word-fil (.docx) eller PDF (.pdf)")]
    Kind,
    #[error("{}", errors::docx(.0))]
    Docx(#[from] docx::DocxError),
    #[error("{}", errors::pdf(.0))]
    Pdf(#[from] crate::pdf::PdfError),
    #[error("PDF:en har ingen text (en inskannad bild?) och kan inte importeras: gör en länkpost eller skriv in rapporten")]
    NoText,
    #[error("kunde inte skriva: {0}")]
    Write(std::io::Error),
    #[error("the original cannot be published: {0}; {hint}", hint = .0.hint())]
    Clean(#[from] crate::clean::CleanError),
    #[error("kunde inte jämföra med {0}: {1}")]
    Merge(String, String),
}

/// The kinds of original the importer reads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Docx,
    Pdf,
}

impl Kind {
    fn clean_kind(self) -> crate::clean::Kind {
        match self {
            Kind::Docx => crate::clean::Kind::Docx,
            Kind::Pdf => crate::clean::Kind::Pdf,
        }
    }

    fn of(file: &Path) -> Option<Kind> {
        let ext = file.extension()?.to_string_lossy().to_ascii_lowercase();
        match ext.as_str() {
            "docx" => Some(Kind::Docx),
            "pdf" => Some(Kind::Pdf),
            _ => None,
        }
    }

    fn ext(self) -> &'static str {
        match self {
            Kind::Docx => "docx",
            Kind::Pdf => "pdf",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Kind::Docx => "Originalrapport (Word)",
            Kind::Pdf => "Originalrapport (PDF)",
        }
    }
}

/// An original read, with its draft made, nothing written yet.
pub struct Prepared {
    pub file: PathBuf,
    pub kind: Kind,
    bytes: Vec<u8>,
    pub sha256: String,
    /// The document's own date (`dates.rs`).
    pub date: Option<String>,
    pub mtime: Option<std::time::SystemTime>,
    draft: draft::Draft,
    report: template::Report,
    doc: docx::Docx,
    /// The privacy guard found nothing: the original is published.
    original_clean: bool,
    /// The clinic and theme were read, not guessed.
    known: bool,
}

impl Prepared {
    pub fn clinic(&self) -> &str {
        &self.draft.front.clinic
    }

    pub fn year(&self) -> i32 {
        self.draft.year
    }

    pub fn topics(&self) -> &[String] {
        &self.draft.front.topics
    }

    /// What grouping the files of a run needs to know.
    pub fn identity(&self, keys: &crate::config::ClinicKeys) -> identity::Identity {
        let name = self
            .file
            .file_stem()
            .map(|s| s.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        identity::Identity {
            clinic: keys.key(self.clinic()),
            year: self.year(),
            topics: self.topics().to_vec(),
            sha256: self.sha256.clone(),
            name: name.split_whitespace().collect::<Vec<_>>().join(" "),
            known: self.known,
        }
    }
}

/// Reads one Word or PDF file and makes its draft, writing nothing.
pub fn prepare(config: &Config, file: &Path) -> Result<Prepared, ImportError> {
    let kind = Kind::of(file).ok_or(ImportError::Kind)?;
    let meta = fs::metadata(file).map_err(ImportError::Read)?;
    if meta.len() > FILE_LIMIT {
        return Err(ImportError::TooLarge(meta.len()));
    }
    let raw = fs::read(file).map_err(ImportError::Read)?;
    // Everything below reads the cleaned copy, which is also the original
    // written beside the draft: the raw file (comments, tracked changes,
    // properties and all) never enters the archive.
    let cleaned = match crate::clean::clean(kind.clean_kind(), &raw) {
        Ok(c) => c,
        // A damaged or protected file: the reader says best what is wrong.
        Err(e) => {
            match kind {
                Kind::Docx => drop(docx::read(&raw)?),
                Kind::Pdf => drop(pdf::read(&raw)?),
            }
            return Err(e.into());
        }
    };
    let bytes = cleaned.bytes;
    // The document's own dates are among what cleaning removes: they are
    // read from the file as it came (they order revisions, nothing more).
    let (doc, date) = match kind {
        Kind::Docx => (docx::read(&bytes)?, dates::docx(&raw)),
        Kind::Pdf => (pdf::read(&bytes)?, dates::pdf(&raw)),
    };
    let report = template::read(&doc);
    let file_stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let known =
        report.clinic.is_some() && !crate::authoring::topics_in(config, &report.theme).is_empty();
    let mut d = draft::draft(config, report.clone(), &file_stem);
    let found = findings::todos(config, cleaned.text.as_deref(), &doc.blocks);
    let original_clean = found.is_empty();
    d.front.todo.extend(found);
    pictures::propose_series(&report, &doc.charts, &mut d.front);
    d.front.draft = !d.front.todo.is_empty();
    Ok(Prepared {
        file: file.to_path_buf(),
        kind,
        sha256: crate::state::sha256(&raw),
        date,
        mtime: meta.modified().ok(),
        bytes,
        draft: d,
        report,
        doc,
        original_clean,
        known,
    })
}

/// The new draft of a prepared original for an entry named `stem`: its
/// text, and the files (original, pictures) written into `staging`.
fn theirs(p: &Prepared, stem: &str, staging: &Path) -> Result<Theirs, ImportError> {
    let mut front = p.draft.front.clone();
    let original = format!("{stem}.{}", p.kind.ext());
    if p.original_clean {
        front.attachments.push(Attachment {
            file: Some(original.clone()),
            title: Some(p.kind.title().to_string()),
            ..Attachment::default()
        });
    }
    // The pictures' TODOs name their files, which take the entry's stem.
    front
        .todo
        .extend(pictures::todos(&p.report, &p.doc.media, stem));
    front.draft = !front.todo.is_empty();
    let body = write_files(
        stem,
        staging,
        &p.bytes,
        &staging.join(&original),
        &p.report,
        &p.doc,
    )?;
    let mut files: Vec<String> = fs::read_dir(staging)
        .map_err(ImportError::Write)?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    // Never an e-mail address in a draft: front matter, TODOs or body.
    let text = emails::replace_all_loose(
        &format!("{}\n{body}\n", front.render()),
        crate::content::EMAIL_REPLACEMENT,
    );
    Ok(Theirs {
        text,
        files,
        todos: front.todo.len(),
    })
}

/// The draft of a new original as written for one entry.
struct Theirs {
    text: String,
    /// The files written beside it: the original, pictures.
    files: Vec<String>,
    /// Its TODOs.
    todos: usize,
}

/// The original and the images beside the draft; the body with the images
/// in place. A failure removes what was written.
fn write_files(
    stem: &str,
    dir: &Path,
    bytes: &[u8],
    original: &Path,
    report: &template::Report,
    doc: &docx::Docx,
) -> Result<String, ImportError> {
    let mut written: Vec<PathBuf> = Vec::new();
    let mut body = String::new();
    let result = (|| -> std::io::Result<()> {
        fs::create_dir_all(dir)?;
        fs::write(original, bytes)?;
        written.push(original.to_path_buf());
        body = pictures::place(stem, dir, report, doc, &mut written)?;
        Ok(())
    })();
    if let Err(e) = result {
        for f in written {
            let _ = fs::remove_file(f);
        }
        return Err(ImportError::Write(e));
    }
    Ok(body)
}

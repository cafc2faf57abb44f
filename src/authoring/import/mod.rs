//! `arkiv import FILE.docx|FILE.pdf|DIR…`: Word and PDF reports of the
//! template → draft entries.
//!
//! For each file: read it (`docx/`, or `pdf.rs` over `crate::pdf`), read
//! the template out of it (`template/`), make the front matter (`draft.rs`,
//! with the proposals of `proposals.rs`), and write `<out>/<year>/<stem>.md`
//! with the original and its images beside it. What could not be
//! determined is listed at the top as `# TODO:` comments and keeps the
//! entry a draft. No e-mail address is ever written into a draft, whatever
//! paragraph it came from.
//!
//! The original is untrusted too: it is listed as a published attachment
//! only when the privacy guard finds neither a personnummer nor an e-mail
//! address (other than `[privacy] allow_emails`) in its text; otherwise a
//! `# TODO:` says what was found, masked, and that a cleaned copy must be
//! attached instead.
//!
//! A damaged file is an error and leaves nothing behind; a file larger than
//! [`FILE_LIMIT`] is refused before it is read. Existing files are never
//! overwritten, except in one case (`replace.rs`): a ready draft replaces
//! the link-only entry of the same year, clinic and topic in place.
//! `folder.rs` imports whole folders and writes the editor's list.

pub mod docx;
mod draft;
pub mod folder;
pub mod pdf;
mod pictures;
mod proposals;
mod replace;
pub mod template;

use std::fs;
use std::path::{Path, PathBuf};

use super::write::Attachment;
use crate::config::Config;
use crate::content::attachment_text::TextKind;
use crate::content::{emails, privacy};

/// The largest file read (a report with pictures is a few MiB).
pub const FILE_LIMIT: u64 = 64 << 20;

/// A draft written.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub file: String,
    /// What could not be read or must be checked (empty when the entry is
    /// complete and not a draft).
    pub todo: Vec<String>,
    pub clinic: String,
    pub year: i32,
    /// The topic slugs.
    pub topics: Vec<String>,
    /// The link-only entry this draft replaced in place (its path).
    pub replaced: Option<String>,
    /// The link-only entry this draft would replace once it has no TODOs.
    pub would_replace: Option<String>,
}

/// Why nothing was written for a file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read: {0}")]
    Read(std::io::Error),
    #[error("the file is {} MiB, more than a report can be ({} MiB)", .0 >> 20, FILE_LIMIT >> 20)]
    TooLarge(u64),
    #[error("not a Word (.docx) or PDF (.pdf) file")]
    Kind,
    #[error(transparent)]
    Docx(#[from] docx::DocxError),
    #[error(transparent)]
    Pdf(#[from] crate::pdf::PdfError),
    #[error("the PDF has no text layer (a scanned document?): it cannot be imported without OCR; make a link-only entry or type the report")]
    NoText,
    #[error("{} already exists (not overwritten)", .0.display())]
    Exists(PathBuf),
    #[error("cannot write the draft: {0}")]
    Write(std::io::Error),
}

/// The kinds of original the importer reads.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Docx,
    Pdf,
}

impl Kind {
    fn of(file: &Path) -> Option<Kind> {
        let ext = file.extension()?.to_string_lossy().to_ascii_lowercase();
        match ext.as_str() {
            "docx" => Some(Kind::Docx),
            "pdf" => Some(Kind::Pdf),
            _ => None,
        }
    }
}

/// Imports one Word or PDF file into `out` (normally `<root>/content`).
pub fn import_file(config: &Config, file: &Path, out: &Path) -> Result<Imported, ImportError> {
    let kind = Kind::of(file).ok_or(ImportError::Kind)?;
    let size = fs::metadata(file).map_err(ImportError::Read)?.len();
    if size > FILE_LIMIT {
        return Err(ImportError::TooLarge(size));
    }
    let bytes = fs::read(file).map_err(ImportError::Read)?;
    let doc = match kind {
        Kind::Docx => docx::read(&bytes)?,
        Kind::Pdf => pdf::read(&bytes)?,
    };
    let report = template::read(&doc);
    let file_stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut d = draft::draft(config, report.clone(), &file_stem);
    let dir = out.join(d.year.to_string());
    let link = replace::link_only(config, &dir, &d.front.clinic, &d.front.topics);
    let (ext, title) = match kind {
        Kind::Docx => ("docx", "Originalrapport (Word)"),
        Kind::Pdf => ("pdf", "Originalrapport (PDF)"),
    };
    match original_findings(config, kind, &bytes) {
        None => d.front.attachments.push(Attachment {
            file: Some(format!("{}.{ext}", d.stem)),
            title: Some(title.to_string()),
            ..Attachment::default()
        }),
        Some(found) => d.front.todo.push(format!(
            "originalet innehåller {found}: det publiceras därför inte; bifoga en rensad kopia i stället (attachments)"
        )),
    }
    d.front
        .todo
        .extend(pictures::todos(&report, &doc.media, &d.stem));
    pictures::propose_series(&report, &doc.charts, &mut d.front);
    d.front.draft = !d.front.todo.is_empty();
    // A ready draft takes the link-only entry's place, name, aliases and
    // `url:` original; a draft with TODOs goes beside it.
    let replaces = link.clone().filter(|_| d.front.todo.is_empty());
    if let Some(l) = &replaces {
        d.stem = l.stem.clone();
        d.front.aliases = l.aliases.clone();
        d.front.attachments.iter_mut().for_each(|a| {
            a.file = a.file.as_ref().map(|_| format!("{}.{ext}", l.stem));
        });
        d.front.attachments.extend(l.urls.iter().cloned());
    }
    let md = dir.join(format!("{}.md", d.stem));
    let original = dir.join(format!("{}.{ext}", d.stem));
    if replaces.is_none() && md.exists() {
        return Err(ImportError::Exists(md));
    }
    if original.exists() {
        return Err(ImportError::Exists(original));
    }
    let body = write_files(&d.stem, &dir, &bytes, &original, &report, &doc)?;
    // Never an e-mail address in a draft: front matter, TODOs or body.
    let text = emails::replace_all_loose(
        &format!("{}\n{body}\n", d.front.render()),
        crate::content::EMAIL_REPLACEMENT,
    );
    if let Err(e) = fs::write(&md, text) {
        let _ = fs::remove_file(&original);
        return Err(ImportError::Write(e));
    }
    Ok(Imported {
        file: md.display().to_string(),
        todo: d.front.todo,
        clinic: d.front.clinic,
        year: d.year,
        topics: d.front.topics,
        would_replace: link
            .filter(|_| replaces.is_none())
            .map(|l| l.path.display().to_string()),
        replaced: replaces.map(|l| l.path.display().to_string()),
    })
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

/// What the privacy guard finds in the original, in words and masked
/// ("2 e-postadresser (n…(at)h…, r…(at)r…)"); `None` when it finds nothing.
fn original_findings(config: &Config, kind: Kind, bytes: &[u8]) -> Option<String> {
    let text_kind = match kind {
        Kind::Docx => TextKind::Docx,
        Kind::Pdf => TextKind::Pdf,
    };
    let Ok(text) = text_kind.text(bytes) else {
        return Some("text som inte kunde granskas".to_string());
    };
    let allow =
        privacy::Allow::new(&config.privacy.allow).with_emails(&config.privacy.allow_emails);
    let numbers: Vec<String> = privacy::find(&text)
        .into_iter()
        .filter(|h| !allow.allows(h))
        .map(|h| h.masked)
        .collect();
    let mut addresses: Vec<String> = emails::find(&text)
        .into_iter()
        .filter(|f| !allow.emails().allows(f))
        .map(|f| f.masked())
        .collect();
    addresses.sort();
    addresses.dedup();
    let mut parts = Vec::new();
    if !addresses.is_empty() {
        parts.push(format!(
            "{} ({})",
            crate::text::count(addresses.len(), "e-postadress", "e-postadresser"),
            addresses.join(", ")
        ));
    }
    if !numbers.is_empty() {
        parts.push(format!(
            "{} ({})",
            crate::text::count(
                numbers.len(),
                "möjligt personnummer",
                "möjliga personnummer"
            ),
            numbers.join(", ")
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" och "))
}

//! Cleaning the files a site publishes from `content/`: what a reader of
//! the file would not see but could find (comments, tracked changes,
//! hidden text, document properties, earlier revisions, picture metadata)
//! is removed, and what cannot be made safe (macros, linked content, a
//! password) is refused.
//!
//! [`clean`] is the one function: a kind and the bytes in, a [`Cleaned`]
//! copy out, with what was removed (for the editor) and its text (for the
//! privacy guard). The kinds: Word and Excel files (`ooxml.rs` over the
//! package of `package.rs`, the rules of `word.rs`, `fields.rs` and
//! `props.rs`, the text of removed parts from `gone.rs`, the XML
//! tree of `xml.rs`, and the streaming pass of `stream.rs` for parts that
//! only lose revision ids), PDFs (`pdf.rs`), pictures (`image.rs`,
//! `exif.rs`), and plain text, which is published as it is. [`Store`] is
//! how a build or `serve` gets a file's cleaned copy: cleaned once per
//! content, in parallel, kept by content hash, and on disk between runs
//! (`cache.rs`, `stamp.rs`). The source file is never changed. What is removed
//! and why is in `docs/content-format.md` ("What is removed from published
//! files").
//!
//! Cleaning is deterministic: the same file gives the same bytes.

pub mod cache;
pub mod command;
mod exif;
mod fields;
mod gone;
mod image;
mod ooxml;
mod package;
mod pdf;
mod props;
pub mod removed;
mod stamp;
pub mod store;
mod stream;
mod word;
mod xml;

use std::path::Path;

pub use removed::{Hidden, Item, Place, Removed};
pub use store::{Store, StoreError};

use crate::diag::Code;

/// The largest file cleaned (a report with pictures is a few MiB).
pub const FILE_LIMIT: u64 = 64 << 20;

/// The kinds of file a site can publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Pdf,
    Docx,
    Xlsx,
    Png,
    Jpeg,
    Webp,
    /// Published as a picture in a report's body, not as an attachment by
    /// default (`[attachments] types` may list it).
    Gif,
    /// Plain text (`.txt`, `.csv`, `.md`), published as it is.
    Text,
}

impl Kind {
    /// Every extension arkiv can clean, and so publish: the default of
    /// `site.toml` `[attachments] types`.
    pub const EXTENSIONS: &'static [(&'static str, Kind)] = &[
        ("pdf", Kind::Pdf),
        ("docx", Kind::Docx),
        ("xlsx", Kind::Xlsx),
        ("png", Kind::Png),
        ("jpg", Kind::Jpeg),
        ("jpeg", Kind::Jpeg),
        ("webp", Kind::Webp),
        ("txt", Kind::Text),
        ("csv", Kind::Text),
        ("md", Kind::Text),
    ];

    /// The kind of an extension (any case).
    pub fn of_extension(ext: &str) -> Option<Kind> {
        let ext = ext.to_ascii_lowercase();
        if ext == "gif" {
            return Some(Kind::Gif);
        }
        Self::EXTENSIONS
            .iter()
            .find(|(e, _)| *e == ext)
            .map(|(_, k)| *k)
    }

    /// The kind of a file by its extension.
    pub fn of_path(path: &Path) -> Option<Kind> {
        Self::of_extension(&path.extension()?.to_string_lossy())
    }

    /// The kind of a picture inside a Word or Excel file, by content type.
    pub fn of_content_type(ct: &str) -> Option<Kind> {
        match ct {
            "image/jpeg" | "image/jpg" => Some(Kind::Jpeg),
            "image/png" => Some(Kind::Png),
            "image/webp" => Some(Kind::Webp),
            "image/gif" => Some(Kind::Gif),
            _ => None,
        }
    }

    /// The kind's short name (in the names of cached copies).
    pub fn slug(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Docx => "docx",
            Kind::Xlsx => "xlsx",
            Kind::Png => "png",
            Kind::Jpeg => "jpeg",
            Kind::Webp => "webp",
            Kind::Gif => "gif",
            Kind::Text => "txt",
        }
    }

    /// What a file of this kind is, in a message.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Pdf => "a PDF",
            Kind::Docx => "a Word file",
            Kind::Xlsx => "an Excel file",
            Kind::Png => "a PNG picture",
            Kind::Jpeg => "a JPEG picture",
            Kind::Webp => "a WebP picture",
            Kind::Gif => "a GIF picture",
            Kind::Text => "a text file",
        }
    }

    /// Whether `bytes` start as a file of this kind does.
    fn looks_right(self, bytes: &[u8]) -> bool {
        match self {
            Kind::Docx | Kind::Xlsx => bytes.starts_with(b"PK\x03\x04"),
            Kind::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            Kind::Jpeg => bytes.starts_with(b"\xFF\xD8\xFF"),
            Kind::Webp => {
                bytes.len() > 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP"
            }
            Kind::Gif => bytes.starts_with(b"GIF8"),
            Kind::Pdf | Kind::Text => true,
        }
    }
}

/// A cleaned copy.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub bytes: Vec<u8>,
    /// What was removed, counted.
    pub removed: Removed,
    /// The text of what was removed, with where it stood.
    pub hidden: Vec<Hidden>,
    /// The copy's own text, for the privacy guard (a Word file paragraph
    /// by paragraph, a PDF line by line, plain text as it is; none for
    /// pictures and workbooks).
    pub text: Option<String>,
}

/// Why a file cannot be published.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CleanError {
    #[error("it is damaged: {0}")]
    Damaged(String),
    #[error("it is too large to clean ({0})")]
    TooLarge(String),
    #[error("it is not {} as its name says", .0.name())]
    WrongKind(Kind),
    #[error("it holds {0}, which run code when the file is opened")]
    Macros(String),
    #[error("it holds {0}")]
    Linked(String),
    #[error("it needs a password to open")]
    Password,
}

impl CleanError {
    /// The diagnostic's code.
    pub fn code(&self) -> Code {
        match self {
            CleanError::Damaged(_) | CleanError::TooLarge(_) | CleanError::WrongKind(_) => {
                Code::CannotClean
            }
            CleanError::Macros(_) => Code::Macros,
            CleanError::Linked(_) => Code::Linked,
            CleanError::Password => Code::Password,
        }
    }

    /// What the editor can do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            CleanError::Damaged(_) | CleanError::WrongKind(_) => "open it and save it again, or attach a PDF of it",
            CleanError::TooLarge(_) => "attach a smaller file, or a link to the original",
            CleanError::Macros(_) => "save a copy as a Word or Excel file without macros and attach that",
            CleanError::Linked(_) => "insert the content into the file instead of linking to it (or break the link), save, and attach that",
            CleanError::Password => "save a copy without the password and attach that",
        }
    }
}

/// Cleans a file of `kind`. Deterministic; never panics.
pub fn clean(kind: Kind, bytes: &[u8]) -> Result<Cleaned, CleanError> {
    if bytes.len() as u64 > FILE_LIMIT {
        return Err(CleanError::TooLarge(format!(
            "{} MiB, more than {} MiB",
            bytes.len() >> 20,
            FILE_LIMIT >> 20
        )));
    }
    if !kind.looks_right(bytes) {
        return Err(CleanError::WrongKind(kind));
    }
    match kind {
        Kind::Docx | Kind::Xlsx => ooxml::clean(bytes, kind),
        Kind::Pdf => pdf::clean(bytes).map_err(|e| match e {
            CleanError::Damaged(m) if m.starts_with("not a PDF") => CleanError::WrongKind(kind),
            e => e,
        }),
        Kind::Png | Kind::Jpeg | Kind::Webp | Kind::Gif => image::clean(kind, bytes),
        Kind::Text => Ok(Cleaned {
            bytes: bytes.to_vec(),
            text: Some(crate::text::decode_lossy(bytes)),
            ..Cleaned::default()
        }),
    }
}

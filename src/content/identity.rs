//! What makes a report the one it is: its file, its URL (year and file
//! name), its clinic, year and themes, and whether it is a draft.
//!
//! The checks across reports (two files with one URL, E010; the same
//! report twice, E031) read only this. A file that failed on another field
//! (an attachment not beside it, say) still has an identity when these
//! fields could be read, so it takes part in those checks too: a report
//! copied into the wrong year folder shows its missing attachments *and*
//! the URL it shares with the original in one run, as the contract asks
//! (every problem of a run together).

use std::path::PathBuf;

use super::Report;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// Path relative to the root: `content/2023/kry-vallentuna-sip.md`.
    pub file: String,
    /// The folder the file is in.
    pub dir: PathBuf,
    /// The file name without `.md`.
    pub stem: String,
    pub year: i32,
    /// As written (the duplicate rule applies `[[clinics]]` aliases).
    pub clinic: String,
    /// Indexes into `Config::topics` (those that could be read).
    pub topics: Vec<usize>,
    pub draft: bool,
}

impl Identity {
    /// The report's path below the site root: `2023/kry-vallentuna-sip/`.
    pub fn rel_url(&self) -> String {
        crate::urls::report(self.year, &self.stem)
    }
}

impl Report {
    pub fn identity(&self) -> Identity {
        Identity {
            file: self.file.clone(),
            dir: self.dir.clone(),
            stem: self.stem.clone(),
            year: self.year,
            clinic: self.clinic.clone(),
            topics: self.topics.clone(),
            draft: self.draft,
        }
    }
}

//! The list of outputs: every file a site consists of, each with its path
//! below the output root and a description of how its bytes are made.
//!
//! The list is lazy: it names pages, files and feeds, but makes no bytes
//! until [`Site::produce`](crate::site::Site::produce) is asked for one.
//! `build` produces every entry into the staging folder; `serve` produces
//! an entry when it is requested. A new kind of output is one more variant
//! of [`Producer`] and one more place in [`crate::site::Site::outputs`].

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::render::Page;

/// How an output's bytes are made.
#[derive(Debug, Clone)]
pub enum Producer {
    /// A page rendered from a template.
    Page(Page),
    /// A redirect page for an old URL, to a path of the site or an address.
    Redirect(String),
    /// A static file of the theme (CSS, scripts, images), by output path.
    Static,
    /// A file beside a report, copied from the content folder.
    Attachment(PathBuf),
    /// A smaller copy of a body picture (`content::RESIZED` pixels wide),
    /// made from the bytes the picture is published with.
    Resized(PathBuf),
    /// An open-data file, written as it is made (see `Site::stream`)
    /// rather than made in memory first.
    Data(DataFile),
    /// The Atom feed of the whole archive (`None`) or of a theme (its index
    /// in the model's topic groups).
    Feed(Option<usize>),
    Sitemap,
    Robots,
    /// Bytes made elsewhere, ahead of time (the search index's files).
    Bytes(Arc<Vec<u8>>),
}

/// The open-data files, with their paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFile {
    /// `data/rapporter.json`.
    ReportsJson,
    /// `data/indikatorer.csv`.
    IndicatorsCsv,
    /// `data/indikatorer-excel.csv`.
    IndicatorsExcelCsv,
    /// `data/indikatorer.xlsx`.
    IndicatorsXlsx,
}

impl DataFile {
    pub const ALL: [DataFile; 4] = [
        DataFile::ReportsJson,
        DataFile::IndicatorsCsv,
        DataFile::IndicatorsExcelCsv,
        DataFile::IndicatorsXlsx,
    ];

    pub fn path(self) -> &'static str {
        match self {
            DataFile::ReportsJson => crate::urls::DATA_JSON,
            DataFile::IndicatorsCsv => crate::urls::DATA_CSV,
            DataFile::IndicatorsExcelCsv => crate::urls::DATA_EXCEL_CSV,
            DataFile::IndicatorsXlsx => crate::urls::DATA_XLSX,
        }
    }
}

/// One file of the site.
#[derive(Debug, Clone)]
pub struct Output {
    /// Path below the output root, with `/` (`2023/kry/index.html`).
    pub path: String,
    pub producer: Producer,
}

impl Output {
    /// An HTML page a person reads (serve adds its reload script to these).
    pub fn is_page(&self) -> bool {
        matches!(self.producer, Producer::Page(_) | Producer::Redirect(_))
    }
}

/// Outputs in a fixed order, findable by path.
#[derive(Debug, Default)]
pub struct Outputs {
    entries: Vec<Output>,
    by_path: HashMap<String, usize>,
}

impl Outputs {
    pub fn new() -> Outputs {
        Outputs::default()
    }

    /// Adds an output; a later entry for the same path is ignored (the
    /// redirect planner refuses such conflicts before they get here).
    pub fn push(&mut self, path: String, producer: Producer) {
        if self.by_path.contains_key(&path) {
            return;
        }
        self.by_path.insert(path.clone(), self.entries.len());
        self.entries.push(Output { path, producer });
    }

    pub fn get(&self, path: &str) -> Option<&Output> {
        self.by_path.get(path).map(|&i| &self.entries[i])
    }

    pub fn contains(&self, path: &str) -> bool {
        self.by_path.contains_key(path)
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Output> {
        self.entries.iter()
    }

    pub fn as_slice(&self) -> &[Output] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The pages of the list, in order.
    pub fn pages(&self) -> impl Iterator<Item = (&str, Page)> {
        self.entries.iter().filter_map(|o| match o.producer {
            Producer::Page(p) => Some((o.path.as_str(), p)),
            _ => None,
        })
    }
}

impl FromIterator<(String, Vec<u8>)> for Outputs {
    /// Ready-made files (the search index) as a list of their own.
    fn from_iter<I: IntoIterator<Item = (String, Vec<u8>)>>(iter: I) -> Outputs {
        let mut list = Outputs::new();
        for (path, bytes) in iter {
            list.push(path, Producer::Bytes(Arc::new(bytes)));
        }
        list
    }
}

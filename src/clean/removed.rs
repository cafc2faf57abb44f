//! What cleaning removed from a file: counted for the editor ("2
//! kommentarer, 1 spårad ändring, författaruppgifter"), and the text of it
//! with where it stood, for the privacy guard (a personnummer in a comment
//! is still in the archive's source).

use std::fmt;

use serde::{Deserialize, Serialize};

/// A kind of thing cleaning removes. Each kind owns its Swedish label and
/// says whether it is review material (a warning while the source in
/// `content/` still holds it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Item {
    Comment,
    TrackedChange,
    HiddenText,
    Annotation,
    Author,
    Properties,
    CustomProperties,
    Thumbnail,
    AuthorField,
    DocVars,
    Rsids,
    People,
    CustomXml,
    Template,
    Permissions,
    Glossary,
    PrinterSettings,
    ChartWorkbook,
    EmbeddedObject,
    Signature,
    UnusedPart,
    Xmp,
    EmbeddedFile,
    Script,
    Action,
    FormField,
    Revision,
    OwnerPassword,
    AppData,
    ImageMetadata,
    Gps,
    TrailingData,
}

impl Item {
    /// The Swedish label: singular and plural, or one form for a kind that
    /// is not counted.
    fn labels(self) -> (&'static str, &'static str) {
        match self {
            Item::Comment => ("kommentar", "kommentarer"),
            Item::TrackedChange => ("spårad ändring", "spårade ändringar"),
            Item::HiddenText => ("stycke dold text", "stycken dold text"),
            Item::Annotation => ("anteckning", "anteckningar"),
            Item::Author => ("författaruppgifter", ""),
            Item::Properties => ("dokumentegenskaper", ""),
            Item::CustomProperties => ("anpassade egenskaper", ""),
            Item::Thumbnail => ("miniatyrbild", "miniatyrbilder"),
            Item::AuthorField => (
                "fält med författare eller filnamn",
                "fält med författare eller filnamn",
            ),
            Item::DocVars => ("dokumentvariabler", ""),
            Item::Rsids => ("redigeringsspår (rsid)", ""),
            Item::People => ("granskarlista", ""),
            Item::CustomXml => ("anpassade XML-data", ""),
            Item::Template => ("mallens sökväg", ""),
            Item::Permissions => ("redigeringsbehörigheter", ""),
            Item::Glossary => ("byggblock", ""),
            Item::PrinterSettings => ("skrivarinställningar", ""),
            Item::ChartWorkbook => (
                "inbäddad arbetsbok bakom diagram",
                "inbäddade arbetsböcker bakom diagram",
            ),
            Item::EmbeddedObject => ("inbäddat objekt", "inbäddade objekt"),
            Item::Signature => ("digital signatur", "digitala signaturer"),
            Item::UnusedPart => ("oanvänd del", "oanvända delar"),
            Item::Xmp => ("XMP-metadata", ""),
            Item::EmbeddedFile => ("inbäddad fil", "inbäddade filer"),
            Item::Script => ("skript", "skript"),
            Item::Action => ("automatisk åtgärd", "automatiska åtgärder"),
            Item::FormField => ("formulärfält", "formulärfält"),
            Item::Revision => ("tidigare version", "tidigare versioner"),
            Item::OwnerPassword => ("ägarlösenord", ""),
            Item::AppData => ("programdata", ""),
            Item::ImageMetadata => ("bildmetadata", ""),
            Item::Gps => ("GPS-position", ""),
            Item::TrailingData => ("data efter bildens slut", ""),
        }
    }

    /// Comments, tracked changes, hidden text and PDF annotations: what a
    /// reviewer left, which the source file in `content/` still holds.
    pub fn is_review(self) -> bool {
        matches!(
            self,
            Item::Comment | Item::TrackedChange | Item::HiddenText | Item::Annotation
        )
    }

    /// Counted ("2 kommentarer") or named once ("författaruppgifter").
    fn counted(self) -> bool {
        !self.labels().1.is_empty()
    }
}

/// What cleaning removed, by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    items: Vec<(Item, usize)>,
}

impl Removed {
    /// Adds `n` of a kind (a kind that is not counted is just noted).
    pub fn add(&mut self, item: Item, n: usize) {
        if n == 0 {
            return;
        }
        match self.items.iter_mut().find(|(i, _)| *i == item) {
            Some((_, c)) => *c += n,
            None => self.items.push((item, n)),
        }
    }

    pub fn note(&mut self, item: Item) {
        self.add(item, 1);
    }

    pub fn merge(&mut self, other: &Removed) {
        for (i, n) in &other.items {
            self.add(*i, *n);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn count(&self, item: Item) -> usize {
        self.items
            .iter()
            .find(|(i, _)| *i == item)
            .map_or(0, |(_, n)| *n)
    }

    /// The kinds and counts, in a fixed order (review material first).
    pub fn items(&self) -> Vec<(Item, usize)> {
        let mut items = self.items.clone();
        items.sort();
        items
    }

    /// Only the review material.
    pub fn review(&self) -> Removed {
        Removed {
            items: self
                .items()
                .into_iter()
                .filter(|(i, _)| i.is_review())
                .collect(),
        }
    }
}

/// "2 kommentarer, 1 spårad ändring, författaruppgifter"; "inget" when
/// nothing was removed.
impl fmt::Display for Removed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.items.is_empty() {
            return f.write_str("inget");
        }
        let parts: Vec<String> = self
            .items()
            .into_iter()
            .map(|(item, n)| {
                let (one, many) = item.labels();
                if item.counted() {
                    crate::text::count(n, one, many)
                } else {
                    one.to_string()
                }
            })
            .collect();
        f.write_str(&parts.join(", "))
    }
}

/// Where removed text stood, for the privacy guard's messages (English, as
/// diagnostics are).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Place {
    /// A comment (its number in the file, 1-based).
    Comment(usize),
    /// A tracked deletion, in a part, at a paragraph (1-based).
    Deletion { part: String, paragraph: usize },
    /// Hidden text, in a part, at a paragraph (1-based).
    Hidden { part: String, paragraph: usize },
    /// A revision's or comment's author.
    Author(String),
    /// A document property (`docProps/core.xml`, `dc:creator`).
    Property { part: String, name: String },
    /// The reviewers' list (`word/people.xml`, a spreadsheet's persons).
    People(String),
    /// Custom XML data or a document variable.
    Data(String),
    /// A field that printed the author or the file name.
    Field(String),
    /// The PDF's document information (`/Author`).
    PdfInfo(String),
    /// The PDF's XMP metadata.
    Xmp,
    /// A PDF annotation on a page (1-based).
    Annotation(usize),
    /// An embedded file's name or description.
    EmbeddedFile,
    /// A picture's metadata (EXIF, XMP, text chunks, comments).
    Picture(String),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Comment(n) => write!(f, "in comment {n}"),
            Place::Deletion { part, paragraph } => {
                write!(f, "in a tracked deletion ({part}, paragraph {paragraph})")
            }
            Place::Hidden { part, paragraph } => {
                write!(f, "in hidden text ({part}, paragraph {paragraph})")
            }
            Place::Author(part) => write!(f, "in a revision's or comment's author ({part})"),
            Place::Property { part, name } => {
                write!(f, "in the document properties ({part}, {name})")
            }
            Place::People(part) => write!(f, "in the reviewers' list ({part})"),
            Place::Data(what) => write!(f, "in {what}"),
            Place::Field(part) => write!(f, "in a field's instruction ({part})"),
            Place::PdfInfo(key) => write!(f, "in the PDF's document information (/{key})"),
            Place::Xmp => f.write_str("in the PDF's XMP metadata"),
            Place::Annotation(page) => write!(f, "in an annotation on page {page}"),
            Place::EmbeddedFile => f.write_str("in an embedded file's name or description"),
            Place::Picture(what) => write!(f, "in the picture's metadata ({what})"),
        }
    }
}

/// Text cleaning removed, with where it stood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hidden {
    pub place: Place,
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn described_in_swedish() {
        let mut r = Removed::default();
        assert_eq!(r.to_string(), "inget");
        r.add(Item::Author, 1);
        r.add(Item::TrackedChange, 1);
        r.add(Item::Comment, 2);
        r.add(Item::Xmp, 0);
        assert_eq!(
            r.to_string(),
            "2 kommentarer, 1 spårad ändring, författaruppgifter"
        );
        assert_eq!(r.review().to_string(), "2 kommentarer, 1 spårad ändring");
        assert!(!Item::Author.is_review());
    }
}

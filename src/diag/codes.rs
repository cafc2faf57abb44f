//! Stable codes for every kind of diagnostic: printed at the end of each
//! line (`… [E012]`), explained in Swedish in `docs/redaktorer.md`
//! (`arkiv explain E012` prints the entry), and used by
//! `[[warnings.allow]]` in `site.toml` to silence a warning rule.
//!
//! A code never changes meaning once released; a new kind of problem gets a
//! new code. Errors are `E…`, warnings `W…`.

use std::fmt;

macro_rules! codes {
    ($($name:ident = $code:literal, $kind:literal;)*) => {
        /// The kind of a diagnostic.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($name,)*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];

            /// `E012`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$name => $code,)*
                }
            }

            /// A few words saying what kind of problem it is (grouped
            /// warning lines name their kinds with these).
            pub fn kind(self) -> &'static str {
                match self {
                    $(Code::$name => $kind,)*
                }
            }
        }
    };
}

codes! {
    Unreadable = "E001", "cannot read";
    NoContent = "E002", "no content folder";
    NotUtf8 = "E003", "not UTF-8";
    FrontMatter = "E004", "front matter";
    YamlSyntax = "E005", "YAML syntax";
    WrongType = "E006", "wrong type";
    UnknownKey = "E007", "unknown key";
    MissingKey = "E008", "missing key";
    FileName = "E009", "file name";
    DuplicateUrl = "E010", "duplicate URL";
    YearRange = "E011", "year out of range";
    UnknownTopic = "E012", "unknown topic";
    BadDate = "E013", "invalid date";
    EmptyValue = "E014", "missing value";
    Attachment = "E015", "attachment";
    Symlink = "E016", "symbolic link";
    Personnummer = "E017", "personnummer";
    Redirect = "E018", "redirect";
    Config = "E019", "site.toml";
    Template = "E020", "template";
    Output = "E021", "output";
    Search = "E022", "search index";
    DataFile = "E023", "data file";
    DecimalComma = "E024", "decimal comma";
    Authoring = "E025", "new or import";
    UnknownVerdict = "E026", "unknown verdict";
    TargetKind = "E027", "target cannot be compared";
    UnknownChange = "E028", "unknown change idea";
    UnknownSection = "E029", "unknown section";
    AttachmentEmail = "E030", "e-mail address in an attachment";
    DuplicateReport = "E031", "the same report twice";
    OpenTodo = "E032", "open TODO";
    CannotClean = "E035", "file cannot be cleaned";
    Macros = "E036", "macros or active content";
    Linked = "E037", "linked content";
    Password = "E038", "password-protected file";
    FileType = "E039", "file type not published";
    Picture = "E040", "picture file";
    PictureFormat = "E041", "picture format";
    SeriesPoint = "E042", "series point";
    ChangeGoal = "E043", "change tied to no indicator";
    UnknownChangeStatus = "E044", "unknown change status";
    Placeholder = "E048", "placeholder from arkiv new";
    Email = "W001", "e-mail address";
    FolderYear = "W002", "folder and year differ";
    FewIndicators = "W003", "fewer than 2 indicators";
    IndicatorName = "W004", "indicator name";
    NoBaseline = "W005", "no baseline";
    NoTarget = "W006", "no target";
    NoResult = "W007", "no result";
    VerdictDisagrees = "W008", "verdict differs from the figures";
    NoContact = "W009", "no contact person";
    NoChanges = "W010", "no change ideas";
    ExampleBaseUrl = "W011", "example base_url";
    ReviewMaterial = "W014", "review material in a source file";
    RemovedEmail = "W015", "e-mail address in removed parts";
    AmbiguousDate = "W018", "date cannot be read";
    ExampleReport = "W022", "example report left";
    NameAgainstFigures = "W023", "name and figures point opposite ways";
    NoPublisher = "W024", "no publisher";
}

impl Code {
    /// A warning rule (may be silenced in `site.toml`).
    pub fn is_warning(self) -> bool {
        self.as_str().starts_with('W')
    }

    /// The code written as `E012` or `e012`.
    pub fn parse(s: &str) -> Option<Code> {
        let s = s.trim();
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(s))
    }

    /// The Swedish explanation in the editors' guide: the section under the
    /// heading `### E012 …` up to the next heading.
    pub fn explanation(self) -> Option<&'static str> {
        explanation_in(GUIDE, self.as_str())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The editors' guide, where every code is explained.
pub const GUIDE: &str = include_str!("../../docs/redaktorer.md");

/// The section of `guide` whose `###` heading starts with `code`.
pub fn explanation_in<'a>(guide: &'a str, code: &str) -> Option<&'a str> {
    let start = guide
        .match_indices("\n### ")
        .map(|(i, _)| i + 1)
        .find(|&i| {
            guide[i + 4..]
                .split_whitespace()
                .next()
                .is_some_and(|w| w.trim_end_matches([':', '–', '-']) == code)
        })?;
    let rest = &guide[start..];
    let end = rest[4..].find("\n#").map_or(rest.len(), |i| i + 4);
    Some(rest[..end].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_parse() {
        let mut seen: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), Code::ALL.len());
        assert_eq!(Code::parse("e012"), Some(Code::UnknownTopic));
        assert_eq!(Code::parse("X1"), None);
        assert!(Code::Email.is_warning() && !Code::UnknownTopic.is_warning());
    }

    #[test]
    fn every_code_has_a_swedish_entry() {
        let missing: Vec<&str> = Code::ALL
            .iter()
            .filter(|c| c.explanation().is_none_or(|e| e.lines().count() < 2))
            .map(|c| c.as_str())
            .collect();
        assert!(
            missing.is_empty(),
            "no entry in docs/redaktorer.md for {missing:?}"
        );
    }

    #[test]
    fn sections_end_at_the_next_heading() {
        let guide =
            "# G\n\n### E001 – Första\n\nText ett.\n\n### E002 – Andra\n\nText två.\n## Slut\n";
        assert_eq!(
            explanation_in(guide, "E001"),
            Some("### E001 – Första\n\nText ett.")
        );
        assert_eq!(
            explanation_in(guide, "E002"),
            Some("### E002 – Andra\n\nText två.")
        );
        assert_eq!(explanation_in(guide, "E003"), None);
    }
}

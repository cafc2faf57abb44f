//! What became of a change idea in a report: tried, kept, only planned or
//! not carried out.

use super::words;

/// What became of a change idea in a report (`changes[].status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum ChangeStatus {
    /// Tried (`prövad`, or `testad` as first written; the default): counted with the goals it aimed at.
    #[default]
    Tested,
    /// Tried and kept as the way of working (`införd`): counted as tried.
    Adopted,
    /// Only planned (`planerad`): counted apart, like a plan's changes.
    Planned,
    /// Meant but not carried out (`ej genomförd`): counted apart.
    NotDone,
}

impl ChangeStatus {
    /// The words front matter may use (after [`words::normalise`]), with
    /// the status each means; the first of each is how it is written.
    pub const WORDS: &'static [(&'static str, ChangeStatus)] = words::CHANGE_WORDS;

    pub fn parse(word: &str) -> Option<ChangeStatus> {
        let w = words::normalise(word);
        ChangeStatus::WORDS
            .iter()
            .find(|(k, _)| *k == w)
            .map(|(_, s)| *s)
    }

    /// Machine-readable name, as in the open data.
    pub fn slug(self) -> &'static str {
        match self {
            ChangeStatus::Tested => "testad",
            ChangeStatus::Adopted => "inford",
            ChangeStatus::Planned => "planerad",
            ChangeStatus::NotDone => "ej-genomford",
        }
    }

    /// How front matter writes it (and the writer writes it back):
    /// `prövad`, the word the pages use (`testad`, the first spelling,
    /// is still read).
    pub fn written(self) -> &'static str {
        words::change_status(self)
    }

    /// The word on pages: "prövad", "införd", "planerad", "ej genomförd".
    pub fn label(self) -> &'static str {
        words::change_status(self)
    }

    /// Tried: its goals count for the change (planned and not-done
    /// changes are counted apart).
    pub fn tried(self) -> bool {
        matches!(self, ChangeStatus::Tested | ChangeStatus::Adopted)
    }
}

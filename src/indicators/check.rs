//! Checks of a loaded report that need its goal statuses: where the
//! report's own verdict on an indicator differs from what its figures say
//! (W008), and where its name points one way and its figures the other
//! (W023). They run after `content` has built the report (`site::Sources`
//! calls [`check`] for each file it loads), since computing a status is
//! this module's work, not `content`'s.

use super::assess;
use crate::content::{Direction, Indicator, Report};
use crate::diag::{Code, Diagnostic};
use crate::text::words;

/// The word of the name that says which way the indicator should go, and
/// that way ("Öka andelen …": öka, up); `None` when the name says neither
/// (or both).
pub fn name_direction(name: &str) -> Option<(String, Direction)> {
    let lower = name.to_lowercase();
    let word_of = |list: &[&str]| {
        lower
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| list.contains(w))
            .map(str::to_string)
    };
    match (
        word_of(&words::NAME_INCREASE),
        word_of(&words::NAME_DECREASE),
    ) {
        (Some(w), None) => Some((w, Direction::Increase)),
        (None, Some(w)) => Some((w, Direction::Decrease)),
        _ => None,
    }
}

/// Where an indicator's name says one way and its figures (its
/// `direction`, else baseline → target) the other: the name's word.
pub fn name_disagrees(ind: &Indicator) -> Option<String> {
    let (word, said) = name_direction(&ind.name)?;
    let figures = super::direction(ind)?;
    (said != figures).then_some(word)
}

/// The warnings of one loaded report, at the values they are about.
pub fn check(r: &Report) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for ind in &r.indicators {
        if let (Some(word), Some(dir)) = (name_disagrees(ind), super::direction(ind)) {
            let (line, col) = ind.name_at;
            out.push(Diagnostic::warning(
                Code::NameAgainstFigures,
                &r.file,
                line,
                col,
                format!(
                    "the name says \"{word}\" but the figures are set to {} ({}); check which share the figures count, and say so in `note` in the report's words: the page shows the figures' direction with a remark",
                    match dir {
                        Direction::Increase => "increase",
                        Direction::Decrease => "decrease",
                    },
                    if ind.direction.is_some() { "its `direction`" } else { "baseline → target" }
                ),
            ));
        }
        let a = assess(ind);
        let (Some((said, _)), Some(v)) = (&a.verdict, &ind.assessment) else {
            continue;
        };
        if a.disagrees {
            let (line, col) = v.at;
            out.push(Diagnostic::warning(
                Code::VerdictDisagrees,
                &r.file,
                line,
                col,
                format!(
                    "the report says \"{}\" but its figures say \"{}\"{}; the figures count, and the report's verdict is shown beside them",
                    said.label(),
                    a.status.label(),
                    a.words.map(|w| format!(" ({w})")).unwrap_or_default()
                ),
            ));
        }
    }
    out
}

//! What the indicators say: goal status, summaries and the run-chart
//! signals of their series ([`runchart`]; the charts are drawn in
//! `render::chart`).
//!
//! A target given as `change_percent` is resolved against the baseline as a
//! *relative* change, for counts and percentages alike: "Öka 10 %" on a
//! baseline of 62 % means 62 × 1,10 = 68,2 %, not 72 percentage points.
//! Reports write "Minska 10%" about counts and shares in the same way, and
//! a relative reading never produces impossible targets (below 0 %). Pages
//! say so next to the target ("+10 % från utgångsläget (68,2 %)").

use serde::Serialize;

mod assess;
pub use assess::{assess, outcome, Assessed, Basis, Outcome};
pub mod runchart;
pub use runchart::{run_chart, RunChart, SignalDirection};

use crate::content::{Direction, Figure, Indicator};
use crate::text::capitalise;

/// The goal status of one indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    /// The result reached the target.
    Achieved,
    /// The result moved from the baseline toward the target but did not reach it.
    Partly,
    /// The target was not reached and the result did not move toward it
    /// (or there is no baseline to show movement).
    NotAchieved,
    /// Target or result missing or not a number.
    #[default]
    NotAssessable,
}

impl GoalStatus {
    /// The words a report's `assessment.status` may use (lower case), with
    /// the status each means; the slugs are accepted too.
    pub const WORDS: &'static [(&'static str, GoalStatus)] = &[
        ("uppnått", GoalStatus::Achieved),
        ("uppnådd", GoalStatus::Achieved),
        ("uppnatt", GoalStatus::Achieved),
        ("delvis", GoalStatus::Partly),
        ("delvis uppnått", GoalStatus::Partly),
        ("ej uppnått", GoalStatus::NotAchieved),
        ("inte uppnått", GoalStatus::NotAchieved),
        ("ej_uppnatt", GoalStatus::NotAchieved),
        ("ej bedömbart", GoalStatus::NotAssessable),
        ("kan inte bedömas", GoalStatus::NotAssessable),
        ("ej_bedombart", GoalStatus::NotAssessable),
    ];

    /// A verdict word as a report's `assessment.status` writes it: any
    /// case, surrounding and repeated spaces ignored.
    pub fn parse(word: &str) -> Option<GoalStatus> {
        let w = word
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        GoalStatus::WORDS
            .iter()
            .find(|(k, _)| *k == w)
            .map(|(_, s)| *s)
    }

    /// The Swedish word shown on pages.
    pub fn label(self) -> &'static str {
        match self {
            GoalStatus::Achieved => "uppnått",
            GoalStatus::Partly => "delvis",
            GoalStatus::NotAchieved => "ej uppnått",
            GoalStatus::NotAssessable => "ej bedömbart",
        }
    }

    /// A symbol shown with the word, so that status never rests on colour.
    pub fn symbol(self) -> &'static str {
        match self {
            GoalStatus::Achieved => "✓",
            GoalStatus::Partly => "◐",
            GoalStatus::NotAchieved => "✗",
            GoalStatus::NotAssessable => "–",
        }
    }

    /// Machine-readable name, as in the open data and the pages' CSS classes.
    pub fn slug(self) -> &'static str {
        match self {
            GoalStatus::Achieved => "uppnatt",
            GoalStatus::Partly => "delvis",
            GoalStatus::NotAchieved => "ej_uppnatt",
            GoalStatus::NotAssessable => "ej_bedombart",
        }
    }
}

fn number(f: &Figure) -> Option<f64> {
    match f {
        Figure::Number(n) => Some(n.value),
        Figure::Text(_) => None,
    }
}

/// A figure as the page shows it: a number with the decimals the report
/// wrote (`90,0 %`), else `None`.
fn written(ind: &Indicator, f: &Figure) -> Option<String> {
    match f {
        Figure::Number(n) => Some(ind.unit.show_num(*n)),
        Figure::Text(_) => None,
    }
}

/// The baseline as the page shows it, if it is a number (decimals as written).
pub fn baseline_shown(ind: &Indicator) -> Option<String> {
    ind.baseline.as_ref().and_then(|m| written(ind, &m.value))
}

/// The result as the page shows it, if it is a number (decimals as written).
pub fn result_shown(ind: &Indicator) -> Option<String> {
    ind.result.as_ref().and_then(|m| written(ind, &m.value))
}

/// The target as the page shows it, if it is a number: as written, or
/// computed from `change_percent` (then rounded as computed numbers are).
pub fn target_shown(ind: &Indicator) -> Option<String> {
    match ind.target.as_ref()?.value.as_ref() {
        Some(v) => written(ind, v),
        None => target(ind).map(|t| ind.unit.show(t)),
    }
}

/// The baseline as a number, if it is one.
pub fn baseline(ind: &Indicator) -> Option<f64> {
    ind.baseline.as_ref().and_then(|m| number(&m.value))
}

/// The result as a number, if it is one.
pub fn result(ind: &Indicator) -> Option<f64> {
    ind.result.as_ref().and_then(|m| number(&m.value))
}

/// The target as a number: its value, or the baseline changed by
/// `change_percent` (relative).
pub fn target(ind: &Indicator) -> Option<f64> {
    let t = ind.target.as_ref()?;
    match (&t.value, t.change_percent) {
        (Some(v), _) => number(v),
        (None, Some(c)) => baseline(ind).map(|b| b * (1.0 + c / 100.0)),
        (None, None) => None,
    }
}

/// The direction: `direction`, else from baseline → target, else from the
/// sign of `change_percent`.
pub fn direction(ind: &Indicator) -> Option<Direction> {
    if let Some(d) = ind.direction {
        return Some(d);
    }
    if let Some(c) = ind
        .target
        .as_ref()
        .and_then(|t| t.change_percent)
        .filter(|c| *c != 0.0)
    {
        return Some(if c > 0.0 {
            Direction::Increase
        } else {
            Direction::Decrease
        });
    }
    match (baseline(ind), target(ind)) {
        (Some(b), Some(t)) if t > b => Some(Direction::Increase),
        (Some(b), Some(t)) if t < b => Some(Direction::Decrease),
        _ => None,
    }
}

/// Results are compared with this tolerance, so that 62 × 1.1 =
/// 68.200000000000003 counts as reached by 68.2.
const EPS: f64 = 1e-9;

/// Computes the goal status of an indicator from its figures, for every
/// kind of target (see [`assess`] for the status with its basis).
pub fn status(ind: &Indicator) -> GoalStatus {
    assess::computed(ind).0
}

/// The status against a numeric target (`value` or `change_percent`).
fn against_target(ind: &Indicator) -> GoalStatus {
    let (Some(t), Some(r)) = (target(ind), result(ind)) else {
        return GoalStatus::NotAssessable;
    };
    let Some(dir) = direction(ind) else {
        return GoalStatus::NotAssessable;
    };
    let reached = match dir {
        Direction::Increase => r >= t - EPS,
        Direction::Decrease => r <= t + EPS,
    };
    if reached {
        return GoalStatus::Achieved;
    }
    match baseline(ind) {
        Some(b) => {
            let moved = match dir {
                Direction::Increase => r > b + EPS,
                Direction::Decrease => r < b - EPS,
            };
            if moved {
                GoalStatus::Partly
            } else {
                GoalStatus::NotAchieved
            }
        }
        None => GoalStatus::NotAchieved,
    }
}

/// Counts per status for a set of indicators.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub total: usize,
    pub achieved: usize,
    pub partly: usize,
    pub not_achieved: usize,
    pub not_assessable: usize,
}

impl Tally {
    pub fn add(&mut self, s: GoalStatus) {
        self.total += 1;
        match s {
            GoalStatus::Achieved => self.achieved += 1,
            GoalStatus::Partly => self.partly += 1,
            GoalStatus::NotAchieved => self.not_achieved += 1,
            GoalStatus::NotAssessable => self.not_assessable += 1,
        }
    }

    pub fn of(inds: &[Indicator]) -> Tally {
        let mut t = Tally::default();
        for i in inds {
            t.add(assess(i).status);
        }
        t
    }
}

/// The kind of an indicator for aggregates: the first two words of its
/// name, capitalised ("Antal SIP", "Andel deltidssjukskrivningar").
pub fn kind(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().take(2).collect();
    capitalise(&words.join(" "))
        .trim_end_matches([':', ',', '.'])
        .to_string()
}

#[cfg(test)]
mod assess_tests;
#[cfg(test)]
mod runchart_tests;
#[cfg(test)]
mod tests;

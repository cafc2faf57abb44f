//! An indicator's status with its basis, for every kind of target.
//!
//! A numeric target (`value`, `change_percent`) is met or not by the
//! result (see [`super::status`]'s rules). `better_than: baseline` is met
//! when the result is better than the baseline in the indicator's
//! `direction`; `better_than: reference` when the last series point with a
//! reference is better than that reference. Where the figures cannot
//! decide, the report's own verdict (`assessment`) stands, quoted; where
//! both exist, the figures count and the verdict is shown beside them.

use serde::Serialize;

use super::{against_target, baseline, baseline_shown, result, result_shown, EPS};
use crate::content::{BetterThan, Direction, Indicator, Num};
use crate::outcome::GoalStatus;
use crate::text::{lower_first, words};

/// What a status rests on: the figures, or the report's own verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Computed from baseline, target, result (or series and reference).
    Computed,
    /// The report's own verdict (`assessment`), where figures cannot decide.
    Report,
    /// Neither: not assessable.
    None,
}

impl Basis {
    /// Machine-readable name, as in the open data.
    pub fn slug(self) -> &'static str {
        match self {
            Basis::Computed => "computed",
            Basis::Report => "report",
            Basis::None => "none",
        }
    }

    /// Shown beside the status on pages.
    pub fn label(self) -> &'static str {
        match self {
            Basis::Computed => words::FROM_FIGURES,
            Basis::Report => words::PER_REPORT,
            Basis::None => words::NOT_FROM_FIGURES,
        }
    }
}

/// An indicator's status with what it rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessed {
    pub status: GoalStatus,
    pub basis: Basis,
    /// The computation in words ("90 % mot 79,6 % (regionssnitt)"), when
    /// computed from figures by a comparison target.
    pub words: Option<String>,
    /// The report's own verdict and its quote, when it gives one (shown
    /// beside a computed status too).
    pub verdict: Option<(GoalStatus, String)>,
    /// The computed status and the report's verdict differ.
    pub disagrees: bool,
}

/// Assesses an indicator: computed from its figures where they decide,
/// else the report's own verdict, else not assessable.
pub fn assess(ind: &Indicator) -> Assessed {
    let (computed, words) = computed(ind);
    let verdict = ind.assessment.as_ref().map(|v| (v.status, v.text.clone()));
    let (status, basis, disagrees) = match (computed, &verdict) {
        (GoalStatus::NotAssessable, Some((said, _))) => (*said, Basis::Report, false),
        (GoalStatus::NotAssessable, None) => (GoalStatus::NotAssessable, Basis::None, false),
        (s, said) => (
            s,
            Basis::Computed,
            said.as_ref().is_some_and(|(v, _)| *v != s),
        ),
    };
    Assessed {
        status,
        basis,
        words,
        verdict,
        disagrees,
    }
}

/// The status from the figures alone, with the comparison in words for a
/// `better_than` target.
pub(super) fn computed(ind: &Indicator) -> (GoalStatus, Option<String>) {
    let kind = ind.target.as_ref().and_then(|t| t.better_than);
    match kind {
        None => (against_target(ind), None),
        Some(BetterThan::Baseline) => {
            let (Some(b), Some(r), Some(dir)) = (baseline(ind), result(ind), ind.direction) else {
                return (GoalStatus::NotAssessable, None);
            };
            let words = words::against_baseline(
                &result_shown(ind).unwrap_or_else(|| ind.unit.show(r)),
                &baseline_shown(ind).unwrap_or_else(|| ind.unit.show(b)),
            );
            (better(r, b, dir), Some(words))
        }
        Some(BetterThan::Reference) => {
            let last = ind
                .series
                .iter()
                .rev()
                .find_map(|p| p.reference.map(|r| (p.value, r, p.decimals)));
            let (Some((v, r, (dv, dr))), Some(dir)) = (last, ind.direction) else {
                return (GoalStatus::NotAssessable, None);
            };
            // As the series table shows them: the decimals as written.
            let shown = |value, decimals| ind.unit.show_num(Num { value, decimals });
            let label = ind.reference_label.as_deref().map(lower_first);
            let words = words::against_reference(&shown(v, dv), &shown(r, dr), label.as_deref());
            (better(v, r, dir), Some(words))
        }
    }
}

/// Met when `v` is strictly better than `than` in `dir`.
fn better(v: f64, than: f64, dir: Direction) -> GoalStatus {
    let met = match dir {
        Direction::Increase => v > than + EPS,
        Direction::Decrease => v < than - EPS,
    };
    if met {
        GoalStatus::Achieved
    } else {
        GoalStatus::NotAchieved
    }
}

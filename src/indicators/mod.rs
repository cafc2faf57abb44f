//! What the indicators say: goal status (the vocabulary is
//! `crate::outcome`'s), a report's goals and outcome (`report`: the
//! [`crate::outcome::Evidence`] of a `content::Report`, with no status for
//! a plan's goals), the checks that compare a report's own verdicts with
//! its figures ([`check`]), and the run-chart signals of series
//! ([`runchart`]; the charts are drawn in `render::chart`).
//!
//! A target given as `change_percent` is resolved against the baseline as a
//! *relative* change, for counts and percentages alike: "Öka 10 %" on a
//! baseline of 62 % means 62 × 1,10 = 68,2 %, not 72 percentage points.
//! Reports write "Minska 10%" about counts and shares in the same way, and
//! a relative reading never produces impossible targets (below 0 %). Pages
//! say so next to the target ("+10 % från utgångsläget (68,2 %)").

mod assess;
pub use assess::{assess, Assessed, Basis};
pub mod changes;
mod check;
pub mod family;
pub use check::{check, name_direction, name_disagrees};
mod report;
pub use report::{goal_statuses, goals, main_goal};
pub mod runchart;
pub use runchart::{run_chart, RunChart, SignalDirection};

use crate::content::{Direction, Figure, Indicator};
use crate::outcome::GoalStatus;

fn number(f: &Figure) -> Option<f64> {
    f.number()
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

#[cfg(test)]
mod assess_tests;
#[cfg(test)]
mod runchart_tests;
#[cfg(test)]
mod tests;

//! How a change idea went: over the reports that name it, the goals it was
//! tied to (`changes[].indicators`) and their statuses; where a report tied
//! it to no goal, that report's outcome (`outcome::of`, with its basis);
//! the median change from baseline to result in the goal's direction, per
//! unit; and apart from these, the plans and the changes only planned or
//! not carried out, which were not tried.

use super::{assess, baseline, direction, result, Assessed};
use crate::content::{ChangeRef, Direction, Report, Status, Unit};
use crate::outcome::{self, Outcome, Outcomes, Tally};

/// What one report says about one change idea.
pub enum Line {
    /// Tried in a final report and tied to goals: each goal (its index in
    /// the report's indicators) with its status.
    Goals(Vec<(usize, Assessed)>),
    /// Tried in a final report, tied to no goal: the report's outcome.
    Untied(Outcome),
    /// Named by a plan, or `planerad` in a final report: not tried yet.
    Planned,
    /// `ej genomförd`.
    NotDone,
}

/// The line of `change` in report `r`.
pub fn line(r: &Report, change: &ChangeRef) -> Line {
    if r.status == Status::Plan || change.status == crate::outcome::ChangeStatus::Planned {
        return Line::Planned;
    }
    if change.status == crate::outcome::ChangeStatus::NotDone {
        return Line::NotDone;
    }
    if change.indicators.is_empty() {
        return Line::Untied(outcome::of(r));
    }
    Line::Goals(
        change
            .indicators
            .iter()
            .filter_map(|&k| r.indicators.get(k).map(|ind| (k, assess(ind))))
            .collect(),
    )
}

/// A median change and how many goals it is the median of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Median {
    pub value: f64,
    pub goals: usize,
}

/// One change idea over a set of reports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChangeOutcome {
    /// Final reports where a clinic tried it (`prövad` or `införd`).
    pub tried: usize,
    /// Of those, where it was kept (`införd`).
    pub adopted: usize,
    /// The goals it was tied to in the reports that tried it.
    pub goals: Tally,
    /// Reports that tried it and tied it to a goal.
    pub tied_reports: usize,
    /// The outcomes of the reports that tried it without tying it to a goal.
    pub untied: Outcomes,
    /// Plans that name it, and final reports where it is only `planerad`.
    pub planned: usize,
    /// Final reports where it was `ej genomförd`.
    pub not_done: usize,
    /// Median change of its percentage goals, in percentage points toward
    /// the goal (positive: the way the goal wanted).
    pub median_points: Option<Median>,
    /// Median change of its count goals, in percent of the baseline
    /// toward the goal (only goals with a baseline above zero).
    pub median_relative: Option<Median>,
}

/// The change from baseline to result in the goal's direction: percentage
/// points for a share, percent of the baseline for a count. `None` where
/// the figures are not numbers or the direction is unknown.
pub fn improvement(ind: &crate::content::Indicator) -> Option<(Unit, f64)> {
    let (b, r, d) = (baseline(ind)?, result(ind)?, direction(ind)?);
    let sign = match d {
        Direction::Increase => 1.0,
        Direction::Decrease => -1.0,
    };
    match ind.unit {
        Unit::Percent => Some((Unit::Percent, sign * (r - b))),
        Unit::Count if b > 0.0 => Some((Unit::Count, sign * (r - b) / b * 100.0)),
        Unit::Count => None,
    }
}

fn median(mut v: Vec<f64>) -> Option<Median> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let value = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    Some(Median { value, goals: n })
}

/// `change` (an index into `Config::changes`) over the given reports.
pub fn change_outcome<'a>(
    change: usize,
    reports: impl IntoIterator<Item = &'a Report>,
) -> ChangeOutcome {
    let mut out = ChangeOutcome::default();
    let (mut points, mut relative) = (Vec::new(), Vec::new());
    for r in reports {
        let Some(c) = r.changes.iter().find(|c| c.change == change) else {
            continue;
        };
        match line(r, c) {
            Line::Planned => out.planned += 1,
            Line::NotDone => out.not_done += 1,
            Line::Untied(o) => {
                out.tried += 1;
                out.untied.add(o);
            }
            Line::Goals(goals) => {
                out.tried += 1;
                out.tied_reports += 1;
                for (k, a) in goals {
                    out.goals.add(a.status);
                    match improvement(&r.indicators[k]) {
                        Some((Unit::Percent, v)) => points.push(v),
                        Some((Unit::Count, v)) => relative.push(v),
                        None => {}
                    }
                }
            }
        }
        if c.status == crate::outcome::ChangeStatus::Adopted && r.status != Status::Plan {
            out.adopted += 1;
        }
    }
    out.median_points = median(points);
    out.median_relative = median(relative);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(vec![]), None);
        assert_eq!(
            median(vec![5.0, -1.0, 3.0]),
            Some(Median {
                value: 3.0,
                goals: 3
            })
        );
        assert_eq!(median(vec![4.0, 1.0, 2.0, 10.0]).unwrap().value, 3.0);
    }
}

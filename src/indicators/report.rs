//! A report's goals as the pages and data show them: each indicator's
//! status, except that a plan's goals have none (they are not judged yet,
//! anywhere), and the report as [`Evidence`] for `outcome::of`.

use super::{assess, Assessed};
use crate::content::{Report, Status};
use crate::outcome::{Evidence, GoalStatus, Tally};

/// Each indicator's status with its basis, in the report's order; `None`
/// for a plan, whose goals are not judged.
pub fn goal_statuses(r: &Report) -> Option<Vec<Assessed>> {
    (r.status != Status::Plan).then(|| r.indicators.iter().map(assess).collect())
}

/// The report's goals counted by status; `None` for a plan.
pub fn goals(r: &Report) -> Option<Tally> {
    (r.status != Status::Plan).then(|| r.indicators.iter().map(|i| assess(i).status).collect())
}

/// The goals the report marks as its main one (`main: true`), with their
/// positions (0-based) and status; empty when none is marked or for a plan.
pub fn main_goal(r: &Report) -> Vec<(usize, Assessed)> {
    if r.status == Status::Plan {
        return Vec::new();
    }
    r.indicators
        .iter()
        .enumerate()
        .filter(|(_, i)| i.main)
        .map(|(k, i)| (k, assess(i)))
        .collect()
}

impl Evidence for Report {
    fn is_plan(&self) -> bool {
        self.status == Status::Plan
    }

    fn own_verdict(&self) -> Option<GoalStatus> {
        self.assessment.as_ref().map(|v| v.status)
    }

    fn main_goals(&self) -> Option<Tally> {
        let mains = main_goal(self);
        (!mains.is_empty()).then(|| mains.iter().map(|(_, a)| a.status).collect())
    }

    fn goals(&self) -> Tally {
        goals(self).unwrap_or_default()
    }
}

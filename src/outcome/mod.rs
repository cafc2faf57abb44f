//! The outcome vocabulary: how one goal went ([`GoalStatus`]), how many
//! goals went which way ([`Tally`]) and how a whole report went
//! ([`Outcome`]: a [`ReportOutcome`] with its [`OutcomeBasis`]) and what
//! became of a change idea ([`ChangeStatus`]), with the Swedish words for
//! all of them ([`words`]).
//!
//! This module depends on no other part of arkiv, so that `content` (which
//! reads a report's own verdicts), `indicators` (which computes goal
//! statuses from the figures) and everything that shows or counts them
//! (pages, aggregates, `/atgarder/`, the open data, the search facets) can
//! all use it without importing each other.
//!
//! # A report's outcome, defined once
//!
//! [`of`] is the one function that decides a report's outcome; every page,
//! aggregate and data file asks it. It reads the report through
//! [`Evidence`], which `indicators` implements for `content::Report` (goal
//! statuses need the figures), so a caller writes
//! `outcome::of(&report)` with `indicators` linked in. In order:
//!
//! 1. a plan (del 1): [`ReportOutcome::Plan`], no basis: its goals are not
//!    judged, and no goal of a plan has a status anywhere;
//! 2. the report's own overall verdict (`assessment`): basis
//!    [`OutcomeBasis::Report`] ("enligt rapporten");
//! 3. else the status of the goal the report calls its main one
//!    (`main: true` on an indicator; several marked main are combined as
//!    in 4): basis [`OutcomeBasis::Main`] ("huvudmålet");
//! 4. else computed from all its goals ([`Tally::combined`]): every judged
//!    goal met → uppnått, some met or partly met → delvis uppnått, none
//!    → ej uppnått, none judged (or no goals) → ej bedömbart; basis
//!    [`OutcomeBasis::Computed`] ("beräknat").
//!
//! Only in case 2 may a page call the outcome "Bedömning": the other
//! outcomes are arkiv's reading of the goals, shown with their basis.

use serde::Serialize;

mod change;
pub mod words;

pub use change::ChangeStatus;

/// The goal status of one indicator (its "måluppfyllelse").
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
    /// Every status, in the order tallies list them.
    pub const ALL: [GoalStatus; 4] = [
        GoalStatus::Achieved,
        GoalStatus::Partly,
        GoalStatus::NotAchieved,
        GoalStatus::NotAssessable,
    ];

    /// The words a report's `assessment.status` may use (lower case), with
    /// the status each means; the slugs are accepted too.
    pub const WORDS: &'static [(&'static str, GoalStatus)] = words::GOAL_WORDS;

    /// A verdict word as a report's `assessment.status` writes it: any
    /// case, surrounding and repeated spaces ignored.
    pub fn parse(word: &str) -> Option<GoalStatus> {
        let w = words::normalise(word);
        GoalStatus::WORDS
            .iter()
            .find(|(k, _)| *k == w)
            .map(|(_, s)| *s)
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

    /// The Swedish words shown on pages and in the data files, for one
    /// goal: "delvis uppnått" (see [`words`] for the plural).
    pub fn label(self) -> &'static str {
        words::status(self, 1)
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
}

/// Counts per status for a set of goals.
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

    /// Adds every count of `other`.
    pub fn merge(&mut self, other: &Tally) {
        self.total += other.total;
        self.achieved += other.achieved;
        self.partly += other.partly;
        self.not_achieved += other.not_achieved;
        self.not_assessable += other.not_assessable;
    }

    /// How many have status `s`.
    pub fn get(&self, s: GoalStatus) -> usize {
        match s {
            GoalStatus::Achieved => self.achieved,
            GoalStatus::Partly => self.partly,
            GoalStatus::NotAchieved => self.not_achieved,
            GoalStatus::NotAssessable => self.not_assessable,
        }
    }

    /// Goals that could be judged.
    pub fn judged(&self) -> usize {
        self.total - self.not_assessable
    }

    /// The goals taken together: every judged goal met → uppnått; some met
    /// or partly met → delvis; none → ej uppnått; none judged → ej
    /// bedömbart. One goal alone keeps its own status.
    pub fn combined(&self) -> GoalStatus {
        let judged = self.judged();
        if judged == 0 {
            GoalStatus::NotAssessable
        } else if self.achieved == judged {
            GoalStatus::Achieved
        } else if self.achieved + self.partly > 0 {
            GoalStatus::Partly
        } else {
            GoalStatus::NotAchieved
        }
    }
}

impl FromIterator<GoalStatus> for Tally {
    fn from_iter<I: IntoIterator<Item = GoalStatus>>(iter: I) -> Tally {
        let mut t = Tally::default();
        for s in iter {
            t.add(s);
        }
        t
    }
}

/// How a whole report went: a goal status, or `Plan` (not judged yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReportOutcome {
    Achieved,
    Partly,
    NotAchieved,
    NotAssessable,
    /// A plan (del 1): its goals are not judged.
    Plan,
}

impl ReportOutcome {
    /// Every outcome, in the order aggregates and facets list them.
    pub const ALL: [ReportOutcome; 5] = [
        ReportOutcome::Achieved,
        ReportOutcome::Partly,
        ReportOutcome::NotAchieved,
        ReportOutcome::NotAssessable,
        ReportOutcome::Plan,
    ];

    /// Machine-readable name: the open data's `outcome.status` and the
    /// search facet's value (`?utfall=ej-uppnatt`).
    pub fn slug(self) -> &'static str {
        match self {
            ReportOutcome::Achieved => "uppnatt",
            ReportOutcome::Partly => "delvis",
            ReportOutcome::NotAchieved => "ej-uppnatt",
            ReportOutcome::NotAssessable => "ej-bedombart",
            ReportOutcome::Plan => "plan",
        }
    }

    /// The Swedish words: "delvis uppnått", "plan".
    pub fn label(self) -> &'static str {
        match self.goal() {
            Some(s) => s.label(),
            None => words::PLAN,
        }
    }

    /// The goal status it is, `None` for a plan.
    pub fn goal(self) -> Option<GoalStatus> {
        match self {
            ReportOutcome::Achieved => Some(GoalStatus::Achieved),
            ReportOutcome::Partly => Some(GoalStatus::Partly),
            ReportOutcome::NotAchieved => Some(GoalStatus::NotAchieved),
            ReportOutcome::NotAssessable => Some(GoalStatus::NotAssessable),
            ReportOutcome::Plan => None,
        }
    }

    /// A symbol shown with the word (a plan has none).
    pub fn symbol(self) -> &'static str {
        self.goal().map_or("", GoalStatus::symbol)
    }
}

impl From<GoalStatus> for ReportOutcome {
    fn from(s: GoalStatus) -> ReportOutcome {
        match s {
            GoalStatus::Achieved => ReportOutcome::Achieved,
            GoalStatus::Partly => ReportOutcome::Partly,
            GoalStatus::NotAchieved => ReportOutcome::NotAchieved,
            GoalStatus::NotAssessable => ReportOutcome::NotAssessable,
        }
    }
}

/// What a report's outcome rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OutcomeBasis {
    /// The report's own overall verdict (`assessment`), quoted.
    Report,
    /// The status of the goal the report marks as its main one.
    Main,
    /// Computed from all its goals' statuses.
    Computed,
}

impl OutcomeBasis {
    pub const ALL: [OutcomeBasis; 3] = [
        OutcomeBasis::Report,
        OutcomeBasis::Main,
        OutcomeBasis::Computed,
    ];

    /// Machine-readable name, as in the open data.
    pub fn slug(self) -> &'static str {
        match self {
            OutcomeBasis::Report => "report",
            OutcomeBasis::Main => "main_goal",
            OutcomeBasis::Computed => "computed",
        }
    }

    /// The Swedish words: "enligt rapporten", "huvudmålet", "beräknat".
    pub fn label(self) -> &'static str {
        words::basis(self)
    }
}

/// A report's outcome with what it rests on (`basis` is `None` only for a
/// plan).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub status: ReportOutcome,
    pub basis: Option<OutcomeBasis>,
}

impl Outcome {
    /// The report's own verdict: the only outcome a page may call
    /// "Bedömning".
    pub fn is_own(&self) -> bool {
        self.basis == Some(OutcomeBasis::Report)
    }
}

/// Outcomes counted over reports: by status and by basis for final
/// reports, plans apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcomes {
    /// Final reports counted.
    pub finals: usize,
    pub plans: usize,
    status: [usize; 4],
    basis: [usize; 3],
}

impl Outcomes {
    pub fn add(&mut self, o: Outcome) {
        let Some(goal) = o.status.goal() else {
            self.plans += 1;
            return;
        };
        self.finals += 1;
        self.status[goal as usize] += 1;
        if let Some(b) = o.basis {
            self.basis[b as usize] += 1;
        }
    }

    /// Final reports with this outcome.
    pub fn by_status(&self, s: GoalStatus) -> usize {
        self.status[s as usize]
    }

    /// Final reports whose outcome rests on `b`.
    pub fn by_basis(&self, b: OutcomeBasis) -> usize {
        self.basis[b as usize]
    }
}

/// What [`of`] decides a report's outcome from. Implemented for
/// `content::Report` in `indicators` (a goal's status needs its figures).
pub trait Evidence {
    /// A plan (del 1).
    fn is_plan(&self) -> bool;
    /// The report's own overall verdict, if it gives one.
    fn own_verdict(&self) -> Option<GoalStatus>;
    /// The statuses of the goals marked as the main one (`None` when no
    /// goal is marked).
    fn main_goals(&self) -> Option<Tally>;
    /// The statuses of all its goals.
    fn goals(&self) -> Tally;
}

/// The one definition of a report's outcome (see the module's doc).
pub fn of(report: &impl Evidence) -> Outcome {
    if report.is_plan() {
        return Outcome {
            status: ReportOutcome::Plan,
            basis: None,
        };
    }
    let (status, basis) = if let Some(own) = report.own_verdict() {
        (own, OutcomeBasis::Report)
    } else if let Some(main) = report.main_goals() {
        (main.combined(), OutcomeBasis::Main)
    } else {
        (report.goals().combined(), OutcomeBasis::Computed)
    };
    Outcome {
        status: status.into(),
        basis: Some(basis),
    }
}

#[cfg(test)]
mod tests;

//! Goal views: an indicator's status with what it rests on, a report's
//! outcome with its basis, and the top of a report page: the report's own
//! verdict ("Bedömning", only when the report gives one), its main goal
//! and the tally of its goals. The words are `outcome::words`'s, so that
//! pages, cards, search results and aggregates say the same.

use serde::Serialize;

use crate::content::{Report, Status};
use crate::indicators::{self, Assessed, Basis};
use crate::outcome::{self, words, GoalStatus, Outcome, ReportOutcome};
use crate::text::words as say;

/// The headline of one report: a plan's goals are counted, not judged.
pub fn report_headline(r: &Report) -> String {
    match indicators::goals(r) {
        Some(t) => words::headline(&t),
        None => words::plan_headline(r.indicators.len()),
    }
}

/// A report's outcome as pages show it, with its basis.
#[derive(Serialize, Clone)]
pub struct OutcomeView {
    /// `uppnatt`, `delvis`, `ej-uppnatt`, `ej-bedombart` or `plan`.
    pub status: &'static str,
    /// "delvis uppnått", "plan".
    pub label: &'static str,
    pub symbol: &'static str,
    /// The CSS class of its goal status (`goal-ej_uppnatt`), or `goal-plan`.
    pub class: String,
    /// `report`, `main_goal`, `computed`, or empty for a plan.
    pub basis: &'static str,
    /// "enligt rapporten", "huvudmålet", "beräknat" (empty for a plan).
    pub basis_label: &'static str,
    /// The report's own verdict: only then may a page say "Bedömning".
    pub own: bool,
    /// The report's words, when the outcome is its own verdict.
    pub quote: Option<String>,
}

pub fn outcome_view(r: &Report, o: Outcome) -> OutcomeView {
    OutcomeView {
        status: o.status.slug(),
        label: o.status.label(),
        symbol: o.status.symbol(),
        class: format!("goal-{}", o.status.goal().map_or("plan", GoalStatus::slug)),
        basis: o.basis.map_or("", |b| b.slug()),
        basis_label: o.basis.map_or("", |b| b.label()),
        own: o.is_own(),
        quote: o
            .is_own()
            .then(|| r.assessment.as_ref().map(|v| v.text.trim().to_string()))
            .flatten(),
    }
}

/// The outcome of a report for pages (see [`outcome::of`]).
pub fn report_outcome(r: &Report) -> OutcomeView {
    outcome_view(r, outcome::of(r))
}

/// A goal the report calls its main one, at the top of its page.
#[derive(Serialize)]
pub struct MainGoalView {
    pub name: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub status_symbol: &'static str,
}

pub fn main_goals(r: &Report) -> Vec<MainGoalView> {
    indicators::main_goal(r)
        .into_iter()
        .map(|(k, a)| MainGoalView {
            name: r.indicators[k].name.clone(),
            status: a.status.slug(),
            status_label: a.status.label(),
            status_symbol: a.status.symbol(),
        })
        .collect()
}

/// The report's own verdict on an indicator, shown beside a computed status.
#[derive(Serialize)]
pub struct VerdictView {
    pub status: &'static str,
    pub status_label: &'static str,
    pub text: String,
    /// "Enligt rapporten: delvis uppnått – ”…”".
    pub line: String,
}

/// An indicator's goal status with its basis, as pages show it. A plan's
/// goal has none: `planned` is set and the status fields are empty.
#[derive(Serialize)]
pub struct GoalView {
    /// Goal status: key (`uppnatt` …, `plan`), Swedish word and symbol.
    pub status: &'static str,
    pub status_label: &'static str,
    pub status_symbol: &'static str,
    /// `computed`, `report`, `none` (or `plan`).
    pub status_basis: &'static str,
    /// What the status rests on, in words: "beräknat från siffrorna: 90 %
    /// mot regionssnittets 79,6 %", "enligt rapporten: ”…”", "kan inte
    /// räknas fram ur siffrorna"; for a plan's goal "planerat, inte
    /// utvärderat än".
    pub basis_text: String,
    /// The report's own verdict where the status is computed (where the
    /// status is the verdict, `basis_text` quotes it).
    pub verdict: Option<VerdictView>,
    /// The computed status and the report's verdict differ.
    pub disagrees: bool,
    /// A plan's goal: not judged.
    pub planned: bool,
}

/// A plan's goal: no status.
pub fn planned_view() -> GoalView {
    GoalView {
        status: "plan",
        status_label: "",
        status_symbol: "",
        status_basis: "plan",
        basis_text: words::PLANNED_GOAL.to_string(),
        verdict: None,
        disagrees: false,
        planned: true,
    }
}

/// The view of an assessment (see [`GoalView`]).
pub fn assessed_view(a: &Assessed) -> GoalView {
    let basis_text = match (a.basis, &a.verdict, &a.words) {
        (Basis::Report, Some((_, quote)), _) => say::per_report_quoted(quote),
        (Basis::Computed, _, Some(w)) => format!("{}: {w}", a.basis.label()),
        (b, _, _) => b.label().to_string(),
    };
    let verdict = match (a.basis, &a.verdict) {
        (Basis::Report, _) | (_, None) => None,
        (_, Some((s, quote))) => Some(VerdictView {
            status: s.slug(),
            status_label: s.label(),
            text: quote.clone(),
            line: say::report_says(s.label(), quote),
        }),
    };
    GoalView {
        status: a.status.slug(),
        status_label: a.status.label(),
        status_symbol: a.status.symbol(),
        status_basis: a.basis.slug(),
        basis_text,
        verdict,
        disagrees: a.disagrees,
        planned: false,
    }
}

/// The views of a report's goals, in its order (a plan's all planned).
pub fn goal_views(r: &Report) -> Vec<GoalView> {
    match indicators::goal_statuses(r) {
        Some(all) => all.iter().map(assessed_view).collect(),
        None => r.indicators.iter().map(|_| planned_view()).collect(),
    }
}

/// Whether an outcome is a final report's (a plan has none to show).
pub fn is_judged(o: &Outcome) -> bool {
    o.status != ReportOutcome::Plan
}

/// The top of a report page: "Bedömning" only for the report's own
/// verdict; otherwise the main goal first (if marked) and the tally.
#[derive(Serialize)]
pub struct ReportHead {
    /// The report's own overall verdict, quoted.
    pub verdict: Option<OutcomeView>,
    pub main_goals: Vec<MainGoalView>,
}

pub fn report_head(r: &Report) -> ReportHead {
    let o = report_outcome(r);
    ReportHead {
        verdict: o.own.then_some(o),
        main_goals: if r.status == Status::Plan {
            Vec::new()
        } else {
            main_goals(r)
        },
    }
}

#[cfg(test)]
mod tests;

//! Goal views: an indicator's status with what it rests on, a report's
//! overall outcome, and the headlines of pages, cards and aggregates
//! ("3 av 4 mål uppnådda · 1 kunde inte bedömas"). The wording lives here
//! so that pages, cards, search results and aggregates say the same.

use serde::Serialize;

use crate::content::{Indicator, Report, Status};
use crate::indicators::{self, Assessed, Basis, GoalStatus, Outcome, Tally};
use crate::model::SiteModel;
use crate::text::count;

/// The parts after "X av N mål uppnådda": the other statuses, 0s left out.
fn other_parts(t: &Tally) -> Vec<String> {
    let mut parts = Vec::new();
    if t.partly > 0 {
        parts.push(format!("{} delvis", t.partly));
    }
    if t.not_achieved > 0 {
        parts.push(count(t.not_achieved, "ej uppnått", "ej uppnådda"));
    }
    if t.not_assessable > 0 {
        parts.push(format!("{} kunde inte bedömas", t.not_assessable));
    }
    parts
}

fn joined(first: String, t: &Tally) -> String {
    let mut parts = vec![first];
    parts.extend(other_parts(t));
    parts.join(" · ")
}

/// "3 av 4 mål uppnådda · 1 kunde inte bedömas" (empty without indicators).
pub fn headline(t: &Tally) -> String {
    if t.total == 0 {
        return String::new();
    }
    let met = if t.total == 1 {
        "uppnått"
    } else {
        "uppnådda"
    };
    joined(format!("{} av {} mål {met}", t.achieved, t.total), t)
}

/// A plan's headline: its goals are not judged yet ("3 mål i planen").
pub fn plan_headline(total: usize) -> String {
    if total == 0 {
        return String::new();
    }
    format!("{} i planen", count(total, "mål", "mål"))
}

/// The headline of one report: a plan's goals are counted, not judged.
pub fn report_headline(r: &Report) -> String {
    if r.status == Status::Plan {
        plan_headline(r.indicators.len())
    } else {
        headline(&Tally::of(&r.indicators))
    }
}

/// "7 mål i 4 rapporter: 3 uppnådda · 1 delvis · 3 kunde inte bedömas"
/// (empty without indicators).
pub fn aggregate_headline(t: &Tally, reports: usize) -> String {
    if t.total == 0 {
        return String::new();
    }
    let first = count(t.achieved, "uppnått", "uppnådda");
    format!(
        "{} i {}: {}",
        count(t.total, "mål", "mål"),
        count(reports, "rapport", "rapporter"),
        joined(first, t)
    )
}

/// A report's overall outcome in words: "delvis uppnått".
pub fn outcome_word(s: GoalStatus) -> &'static str {
    match s {
        GoalStatus::Achieved => "uppnått",
        GoalStatus::Partly => "delvis uppnått",
        GoalStatus::NotAchieved => "ej uppnått",
        GoalStatus::NotAssessable => "kunde inte bedömas",
    }
}

/// What the outcome rests on, after its word: "– enligt rapporten: ”…”",
/// "(utifrån indikatorerna)", or nothing when nothing could be judged.
pub fn outcome_basis(o: &Outcome) -> String {
    match (o.basis, &o.text) {
        (Basis::Report, Some(t)) => format!("– enligt rapporten: ”{}”", t.trim()),
        (Basis::Report, None) => "(enligt rapporten)".to_string(),
        (Basis::Computed, _) => "(utifrån indikatorerna)".to_string(),
        (Basis::None, _) => String::new(),
    }
}

/// "Bedömning: delvis uppnått – enligt rapporten: ”…”".
pub fn outcome_line(o: &Outcome) -> String {
    let basis = outcome_basis(o);
    let word = outcome_word(o.status);
    if basis.is_empty() {
        format!("Bedömning: {word}")
    } else {
        format!("Bedömning: {word} {basis}")
    }
}

/// "Rapporternas bedömning: 2 uppnått · 1 delvis" (plans not counted;
/// empty when there is no final report).
pub fn outcomes_line(outcomes: &[Outcome]) -> String {
    if outcomes.is_empty() {
        return String::new();
    }
    if let [o] = outcomes {
        return format!("Rapportens bedömning: {}", outcome_word(o.status));
    }
    let parts: Vec<String> = [
        GoalStatus::Achieved,
        GoalStatus::Partly,
        GoalStatus::NotAchieved,
        GoalStatus::NotAssessable,
    ]
    .into_iter()
    .filter_map(|s| {
        let n = outcomes.iter().filter(|o| o.status == s).count();
        (n > 0).then(|| format!("{n} {}", s.label()))
    })
    .collect();
    format!("Rapporternas bedömning: {}", parts.join(" · "))
}

/// A report's outcome as pages show it.
#[derive(Serialize, Clone)]
pub struct OutcomeView {
    pub status: &'static str,
    /// "delvis uppnått".
    pub label: &'static str,
    pub symbol: &'static str,
    pub basis: &'static str,
    /// "– enligt rapporten: ”…”", "(utifrån indikatorerna)" or empty.
    pub basis_text: String,
    /// The report's words, when the outcome is its own verdict.
    pub text: Option<String>,
    /// The whole line: "Bedömning: delvis uppnått – enligt rapporten: ”…”".
    pub line: String,
}

/// The outcome of a report for pages (`None` for a plan).
pub fn outcome_view(r: &Report) -> Option<OutcomeView> {
    let o = indicators::outcome(r)?;
    Some(OutcomeView {
        status: o.status.slug(),
        label: outcome_word(o.status),
        symbol: o.status.symbol(),
        basis: o.basis.slug(),
        basis_text: outcome_basis(&o),
        text: o.text.clone(),
        line: outcome_line(&o),
    })
}

/// The report's own verdict on an indicator, shown beside a computed status.
#[derive(Serialize)]
pub struct VerdictView {
    pub status: &'static str,
    pub status_label: &'static str,
    pub text: String,
    /// "Enligt rapporten: delvis – ”…”".
    pub line: String,
}

/// Said of a plan's goal that has no status yet.
pub const PLANNED: &str = "planerat, inte utvärderat än";

/// An indicator's goal status with its basis, as pages show it.
#[derive(Serialize)]
pub struct GoalView {
    /// Goal status: key (`uppnatt` …), Swedish word and symbol.
    pub status: &'static str,
    pub status_label: &'static str,
    pub status_symbol: &'static str,
    /// `computed`, `report` or `none`.
    pub status_basis: &'static str,
    /// What the status rests on, in words: "beräknat från siffrorna: 90 %
    /// mot regionssnittets 79,6 %", "enligt rapporten: ”…”", "kunde inte
    /// bedömas".
    pub basis_text: String,
    /// The report's own verdict where the status is computed (where the
    /// status is the verdict, `basis_text` quotes it).
    pub verdict: Option<VerdictView>,
    /// The computed status and the report's verdict differ.
    pub disagrees: bool,
}

pub fn goal_view(ind: &Indicator) -> GoalView {
    assessed_view(&indicators::assess(ind))
}

/// The view of an assessment (see [`GoalView`]).
pub fn assessed_view(a: &Assessed) -> GoalView {
    let basis_text = match (a.basis, &a.verdict, &a.words) {
        (Basis::Report, Some((_, quote)), _) => format!("enligt rapporten: ”{}”", quote.trim()),
        (Basis::Computed, _, Some(w)) => format!("{}: {w}", a.basis.label()),
        (b, _, _) => b.label().to_string(),
    };
    let verdict = match (a.basis, &a.verdict) {
        (Basis::Report, _) | (_, None) => None,
        (_, Some((s, quote))) => Some(VerdictView {
            status: s.slug(),
            status_label: s.label(),
            text: quote.clone(),
            line: format!("Enligt rapporten: {} – ”{}”", s.label(), quote.trim()),
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
    }
}

#[derive(Serialize)]
pub struct KindCount {
    pub name: String,
    pub count: usize,
}

/// A theme's or a year's indicators in short: how many reports and
/// indicators, how many reached their target, the reports' own outcomes
/// and the commonest kinds of indicator. Plans are counted apart: their
/// goals are not judged yet.
#[derive(Serialize)]
pub struct Aggregate {
    pub reports: usize,
    /// The goals of the final reports.
    pub indicators: Tally,
    /// "7 mål i 4 rapporter: 3 uppnådda · 1 delvis · 3 kunde inte bedömas".
    pub headline: String,
    /// "Rapporternas bedömning: 2 uppnått · 1 delvis".
    pub outcomes: String,
    /// "1 plan med 3 mål räknas inte med." (empty without plans).
    pub plans: String,
    /// Indicators of all reports, plans too.
    pub all_indicators: usize,
    pub kinds: Vec<KindCount>,
}

pub fn aggregate(model: &SiteModel, reports: &[usize]) -> Aggregate {
    let mut tally = Tally::default();
    let mut kinds: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let (mut finals, mut plans, mut plan_goals, mut all) = (0, 0, 0, 0);
    let mut outcomes = Vec::new();
    for &i in reports {
        let r = &model.reports[i];
        for ind in &r.indicators {
            *kinds.entry(indicators::kind(&ind.name)).or_insert(0) += 1;
        }
        all += r.indicators.len();
        match indicators::outcome(r) {
            None => {
                plans += 1;
                plan_goals += r.indicators.len();
            }
            // A final report with neither indicators nor a verdict of its
            // own has nothing to judge: it is not counted.
            Some(o) if r.indicators.is_empty() && o.basis == Basis::None => {}
            Some(o) => {
                finals += usize::from(!r.indicators.is_empty());
                for ind in &r.indicators {
                    tally.add(indicators::assess(ind).status);
                }
                outcomes.push(o);
            }
        }
    }
    let mut kinds: Vec<KindCount> = kinds
        .into_iter()
        .map(|(name, count)| KindCount { name, count })
        .collect();
    kinds.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| crate::model::swedish_cmp(&a.name, &b.name))
    });
    kinds.truncate(5);
    Aggregate {
        reports: reports.len(),
        indicators: tally,
        headline: aggregate_headline(&tally, finals),
        outcomes: outcomes_line(&outcomes),
        plans: if plans == 0 {
            String::new()
        } else {
            format!(
                "{} med {} räknas inte med: målen är inte utvärderade än.",
                count(plans, "plan", "planer"),
                count(plan_goals, "mål", "mål")
            )
        },
        all_indicators: all,
        kinds,
    }
}

#[cfg(test)]
mod tests;

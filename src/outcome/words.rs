//! The Swedish words of goals, outcomes and change ideas, in one place, so
//! that pages, cards, aggregates, `/atgarder/` and the data files say the
//! same thing the same way: *uppnått / delvis uppnått / ej uppnått / ej
//! bedömbart* for goals (agreeing in number with what is counted: "1 av 3
//! mål uppnått", "5 ej bedömbara"), the outcome's basis ("enligt
//! rapporten", "huvudmålet", "beräknat"), and *pröva* for what clinics did.

use super::{ChangeStatus, GoalStatus, OutcomeBasis, Outcomes, Tally};
use crate::text::words::STATUS_WORDS;
use crate::text::{count, format_count, pick};

/// The outcome of a plan.
pub const PLAN: &str = "plan";

/// What a plan's goal shows instead of a status.
pub const PLANNED_GOAL: &str = "planerat, inte utvärderat än";

/// A verdict word as written: lower case, single spaces.
pub fn normalise(word: &str) -> String {
    word.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The words a report's `assessment.status` may use (lower case), with
/// the status each means; the slugs are accepted too.
pub const GOAL_WORDS: &[(&str, GoalStatus)] = &[
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

/// The words `changes[].status` may use (after [`normalise`]), with the
/// status each means; the first of each is how it is written (`testad`,
/// the first spelling, is still read).
pub const CHANGE_WORDS: &[(&str, ChangeStatus)] = &[
    ("prövad", ChangeStatus::Tested),
    ("testad", ChangeStatus::Tested),
    ("provad", ChangeStatus::Tested),
    ("införd", ChangeStatus::Adopted),
    ("inford", ChangeStatus::Adopted),
    ("planerad", ChangeStatus::Planned),
    ("ej genomförd", ChangeStatus::NotDone),
    ("ej genomford", ChangeStatus::NotDone),
    ("inte genomförd", ChangeStatus::NotDone),
    ("ej-genomford", ChangeStatus::NotDone),
];

/// The status in words, agreeing with `n` goals: "uppnått" (1) or
/// "uppnådda" (0, 2, …): the number it counts, not the total.
pub fn status(s: GoalStatus, n: usize) -> &'static str {
    let (one, many) = STATUS_WORDS[s as usize];
    pick(n, one, many)
}

/// "2 delvis uppnådda".
fn counted(n: usize, s: GoalStatus) -> String {
    format!("{} {}", format_count(n), status(s, n))
}

/// The parts after the goals met: the other statuses, 0s left out.
fn others(t: &Tally) -> impl Iterator<Item = String> + '_ {
    GoalStatus::ALL[1..]
        .iter()
        .filter(|s| t.get(**s) > 0)
        .map(|s| counted(t.get(*s), *s))
}

/// "1 av 3 mål uppnått · 1 ej uppnått · 1 ej bedömbart" (empty without
/// goals).
pub fn headline(t: &Tally) -> String {
    if t.total == 0 {
        return String::new();
    }
    let first = format!(
        "{} av {} mål {}",
        format_count(t.achieved),
        format_count(t.total),
        status(GoalStatus::Achieved, t.achieved)
    );
    std::iter::once(first)
        .chain(others(t))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// "4 uppnådda · 1 delvis uppnått · 2 ej uppnådda" (the goals met always,
/// the others when there are any; empty without goals).
pub fn statuses(t: &Tally) -> String {
    if t.total == 0 {
        return String::new();
    }
    std::iter::once(counted(t.achieved, GoalStatus::Achieved))
        .chain(others(t))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// "7 mål i 4 rapporter: 4 uppnådda · 1 delvis uppnått · 2 ej uppnådda"
/// (empty without goals).
pub fn aggregate_headline(t: &Tally, reports: usize) -> String {
    if t.total == 0 {
        return String::new();
    }
    format!(
        "{} i {}: {}",
        count(t.total, "mål", "mål"),
        count(reports, "rapport", "rapporter"),
        statuses(t)
    )
}

/// A plan's headline: its goals are counted, not judged ("3 mål i planen").
pub fn plan_headline(goals: usize) -> String {
    if goals == 0 {
        return String::new();
    }
    format!("{} i planen", count(goals, "mål", "mål"))
}

/// The basis of one outcome: "enligt rapporten", "huvudmålet", "beräknat".
pub fn basis(b: OutcomeBasis) -> &'static str {
    match b {
        OutcomeBasis::Report => "enligt rapporten",
        OutcomeBasis::Main => "huvudmålet",
        OutcomeBasis::Computed => "beräknat",
    }
}

/// "2 enligt rapporten", "1 utifrån huvudmålet", "3 beräknade".
fn basis_counted(b: OutcomeBasis, n: usize) -> String {
    let words = match b {
        OutcomeBasis::Report => "enligt rapporten",
        OutcomeBasis::Main => "utifrån huvudmålet",
        OutcomeBasis::Computed => pick(n, "beräknat", "beräknade"),
    };
    format!("{} {words}", format_count(n))
}

/// "uppnått i 1 · delvis uppnått i 2 (1 enligt rapporten, 2 beräknade)".
fn outcome_parts(o: &Outcomes) -> String {
    let parts: Vec<String> = GoalStatus::ALL
        .iter()
        .filter(|s| o.by_status(**s) > 0)
        .map(|s| format!("{} i {}", s.label(), format_count(o.by_status(*s))))
        .collect();
    let bases: Vec<String> = OutcomeBasis::ALL
        .iter()
        .filter(|b| o.by_basis(**b) > 0)
        .map(|b| basis_counted(*b, o.by_basis(*b)))
        .collect();
    format!("{} ({})", parts.join(" · "), bases.join(", "))
}

/// The outcomes of final reports: "Bedömning i 4 slutrapporter: uppnått i 1 ·
/// delvis uppnått i 2 · ej uppnått i 1 (1 enligt rapporten, 1 utifrån
/// huvudmålet, 2 beräknade)" (empty without final reports).
pub fn outcomes_line(o: &Outcomes) -> String {
    if o.finals == 0 {
        return String::new();
    }
    format!(
        "Bedömning i {}: {}",
        count(o.finals, "slutrapport", "slutrapporter"),
        outcome_parts(o)
    )
}

/// "Prövad i 4 rapporter, införd i 2" (empty when no clinic tried it).
pub fn tried_line(tried: usize, adopted: usize) -> String {
    match (tried, adopted) {
        (0, _) => String::new(),
        (t, 0) => format!("Prövad i {}", count(t, "rapport", "rapporter")),
        (t, a) => format!(
            "Prövad i {}, införd i {}",
            count(t, "rapport", "rapporter"),
            format_count(a)
        ),
    }
}

/// "Inte kopplad till något mål i 2 rapporter, rapportens bedömning: uppnått i 1 · delvis
/// uppnått i 1 (1 enligt rapporten, 1 beräknat)" (empty without such).
pub fn untied_line(o: &Outcomes) -> String {
    if o.finals == 0 {
        return String::new();
    }
    format!(
        "Inte kopplad till något mål i {}, rapportens bedömning: {}",
        count(o.finals, "rapport", "rapporter"),
        outcome_parts(o)
    )
}

/// A signed change: "+12", "−3,5" (one decimal at most).
fn signed(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    let s = crate::text::format_number(r.abs());
    match r {
        r if r > 0.0 => format!("+{s}"),
        r if r < 0.0 => format!("−{s}"),
        _ => s,
    }
}

/// "Median förändring i målets riktning: +12 procentenheter (andelar, 5
/// mål) · +20 % (antal, 3 mål)" from (median, goals) per unit (empty
/// when neither has one).
pub fn median_line(points: Option<(f64, usize)>, relative: Option<(f64, usize)>) -> String {
    let mut parts = Vec::new();
    if let Some((v, n)) = points {
        parts.push(format!(
            "{} procentenheter (andelar, {})",
            signed(v),
            count(n, "mål", "mål")
        ));
    }
    if let Some((v, n)) = relative {
        parts.push(format!(
            "{}\u{a0}% (antal, {})",
            signed(v),
            count(n, "mål", "mål")
        ));
    }
    if parts.is_empty() {
        return String::new();
    }
    format!("Median förändring i målets riktning: {}", parts.join(" · "))
}

/// "Planerad i 2 rapporter · ej genomförd i 1 rapport": changes not tried,
/// counted apart (empty without such).
pub fn apart_line(planned: usize, not_done: usize) -> String {
    let mut parts = Vec::new();
    if planned > 0 {
        parts.push(format!(
            "planerad i {}",
            count(planned, "rapport", "rapporter")
        ));
    }
    if not_done > 0 {
        parts.push(format!(
            "ej genomförd i {}",
            count(not_done, "rapport", "rapporter")
        ));
    }
    crate::text::capitalise(&parts.join(" · "))
}

/// The word for a change's status on pages: "prövad", "införd",
/// "planerad", "ej genomförd".
pub fn change_status(s: ChangeStatus) -> &'static str {
    match s {
        ChangeStatus::Tested => "prövad",
        ChangeStatus::Adopted => "införd",
        ChangeStatus::Planned => "planerad",
        ChangeStatus::NotDone => "ej genomförd",
    }
}

/// Said of a change idea in a plan, or planned in a final report.
pub const NOT_TRIED_YET: &str = "Plan: åtgärden har inte prövats än.";

/// Said of a change a final report only planned.
pub const PLANNED_CHANGE: &str = "Åtgärden är planerad men har inte prövats än.";

/// Said of a change that was not carried out.
pub const NOT_DONE: &str = "Åtgärden genomfördes inte.";

/// Said of a change tied to no goal.
pub const UNTIED: &str = "inte kopplad till något mål";

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(achieved: usize, partly: usize, not_achieved: usize, none: usize) -> Tally {
        Tally {
            total: achieved + partly + not_achieved + none,
            achieved,
            partly,
            not_achieved,
            not_assessable: none,
        }
    }

    #[test]
    fn headlines_agree_with_the_number_they_count() {
        assert_eq!(headline(&tally(3, 0, 0, 0)), "3 av 3 mål uppnådda");
        assert_eq!(headline(&tally(1, 0, 0, 0)), "1 av 1 mål uppnått");
        assert_eq!(
            headline(&tally(1, 0, 1, 1)),
            "1 av 3 mål uppnått · 1 ej uppnått · 1 ej bedömbart"
        );
        assert_eq!(
            headline(&tally(1, 1, 2, 0)),
            "1 av 4 mål uppnått · 1 delvis uppnått · 2 ej uppnådda"
        );
        assert_eq!(
            headline(&tally(2, 2, 1, 5)),
            "2 av 10 mål uppnådda · 2 delvis uppnådda · 1 ej uppnått · 5 ej bedömbara"
        );
        assert_eq!(
            headline(&tally(0, 0, 0, 4)),
            "0 av 4 mål uppnådda · 4 ej bedömbara"
        );
        assert_eq!(headline(&Tally::default()), "");
        assert_eq!(
            headline(&tally(1200, 0, 0, 0)),
            "1\u{a0}200 av 1\u{a0}200 mål uppnådda"
        );
        assert_eq!(plan_headline(3), "3 mål i planen");
        assert_eq!(plan_headline(0), "");
    }

    #[test]
    fn aggregate_headlines_count_goals_and_reports() {
        assert_eq!(
            aggregate_headline(&tally(4, 1, 2, 0), 4),
            "7 mål i 4 rapporter: 4 uppnådda · 1 delvis uppnått · 2 ej uppnådda"
        );
        assert_eq!(
            aggregate_headline(&tally(1, 0, 0, 0), 1),
            "1 mål i 1 rapport: 1 uppnått"
        );
        assert_eq!(
            aggregate_headline(&tally(0, 0, 2, 0), 2),
            "2 mål i 2 rapporter: 0 uppnådda · 2 ej uppnådda"
        );
        assert_eq!(aggregate_headline(&Tally::default(), 2), "");
    }

    #[test]
    fn outcome_lines_say_what_they_rest_on() {
        use super::super::{Outcome, ReportOutcome};
        let mut o = Outcomes::default();
        for (status, basis) in [
            (ReportOutcome::Partly, OutcomeBasis::Report),
            (ReportOutcome::NotAchieved, OutcomeBasis::Main),
            (ReportOutcome::Partly, OutcomeBasis::Computed),
            (ReportOutcome::Achieved, OutcomeBasis::Computed),
        ] {
            o.add(Outcome {
                status,
                basis: Some(basis),
            });
        }
        o.add(Outcome {
            status: ReportOutcome::Plan,
            basis: None,
        });
        assert_eq!(
            outcomes_line(&o),
            "Bedömning i 4 slutrapporter: uppnått i 1 · delvis uppnått i 2 · ej uppnått i 1 \
             (1 enligt rapporten, 1 utifrån huvudmålet, 2 beräknade)"
        );
        assert_eq!(o.plans, 1);
        assert_eq!(outcomes_line(&Outcomes::default()), "");
    }
}

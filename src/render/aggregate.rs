//! A theme's or a year's goals in short: how many goals of how many final
//! reports went which way, the reports' outcomes with how many are their
//! own verdicts and how many computed, and the plans counted apart (their
//! goals are not judged yet). Every count here is the one the open data
//! gives (`tests/suite/one_truth.rs`).

use serde::Serialize;

use crate::indicators;
use crate::model::SiteModel;
use crate::outcome::{self, words, Outcomes, Tally};

#[derive(Serialize)]
pub struct Aggregate {
    pub reports: usize,
    /// The goals of the final reports.
    pub indicators: Tally,
    /// "7 mål i 4 rapporter: 4 uppnådda · 1 delvis uppnått · 2 ej uppnådda".
    pub headline: String,
    /// "Bedömning i 4 slutrapporter: uppnått i 1 · … (1 enligt rapporten, …)".
    pub outcomes: String,
    /// "1 plan med 3 mål räknas inte med: målen är inte utvärderade än."
    /// (empty without plans).
    pub plans: String,
    /// Indicators of all reports, plans too.
    pub all_indicators: usize,
}

pub fn aggregate(model: &SiteModel, reports: &[usize]) -> Aggregate {
    let mut tally = Tally::default();
    let mut outcomes = Outcomes::default();
    let (mut with_goals, mut plan_goals, mut all) = (0, 0, 0);
    for &i in reports {
        let r = &model.reports[i];
        all += r.indicators.len();
        let o = outcome::of(&**r);
        match indicators::goals(r) {
            None => plan_goals += r.indicators.len(),
            // A final report with neither indicators nor a verdict of its
            // own has nothing to judge: it is not counted.
            Some(_) if r.indicators.is_empty() && r.assessment.is_none() => continue,
            Some(t) => {
                with_goals += usize::from(t.total > 0);
                tally.merge(&t);
            }
        }
        outcomes.add(o);
    }
    Aggregate {
        reports: reports.len(),
        indicators: tally,
        headline: words::aggregate_headline(&tally, with_goals),
        outcomes: words::outcomes_line(&outcomes),
        plans: if outcomes.plans == 0 {
            String::new()
        } else {
            crate::text::words::plans_apart(outcomes.plans, plan_goals)
        },
        all_indicators: all,
    }
}

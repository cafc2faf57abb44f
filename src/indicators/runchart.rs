//! Run-chart analysis of an indicator's `series`: the median and the Anhøj
//! rules (Anhøj & Olesen 2014, "Run charts revisited", PLOS ONE), computed
//! as the R package qicharts2 does without a frozen baseline, and the
//! result in Swedish words for the report page.
//!
//! - The median is taken over every point's `value` (`reference` is not
//!   analysed); for an even count it is the mean of the two middle values.
//! - Points equal to the median are skipped; the rest are the *useful*
//!   points, `n` of them. Equality is exact on `f64`, as qicharts2's
//!   `sign(y - cl)`: the median is either one of the values or halfway
//!   between two different ones, so no value can miss it by a rounding
//!   error.
//! - Shift rule: the longest run (consecutive useful points on one side)
//!   is longer than `round(log2(n) + 3)`.
//! - Crossings rule: the number of times consecutive useful points change
//!   side is below `qbinom(0.05, n − 1, ½)`, the smallest `k` with
//!   P(X ≤ k) ≥ 0.05 for X ~ Bin(n − 1, ½), summed exactly in log space.
//! - A signal is either rule. Its direction is the side of the *last* run
//!   (the run with the last useful point) against the indicator's
//!   direction as goal status uses it ([`super::direction`], given or
//!   inferred): above the median is the goal's way for `increase`, below
//!   for `decrease`. It is `None` without a signal or a direction.
//!
//! Series of fewer than [`MIN_POINTS`] points are not analysed.

use std::f64::consts::LN_2;

use serde::Serialize;

use crate::content::{Direction, Indicator, Unit};
use crate::text::words::runchart as say;
use crate::text::{format_number, round6};

/// The fewest points a series needs to be analysed.
pub const MIN_POINTS: usize = 8;

/// Which side of the median a point or a run lies on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Above,
    Below,
}

impl Side {
    /// "över medianen" / "under medianen".
    fn words(self) -> &'static str {
        match self {
            Side::Above => say::ABOVE,
            Side::Below => say::BELOW,
        }
    }
}

/// Whether a signal points the goal's way (see the module header).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalDirection {
    TowardGoal,
    AwayFromGoal,
}

/// The analysis of one series, as the open data carries it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunChart {
    /// All points of the series.
    pub points: usize,
    #[serde(serialize_with = "rounded")]
    pub median: f64,
    /// Points not on the median.
    pub useful: usize,
    pub longest_run: usize,
    /// `None` when every point lies on the median (no useful points).
    pub longest_run_max: Option<usize>,
    pub crossings: usize,
    /// `None` when every point lies on the median.
    pub crossings_min: Option<usize>,
    /// The longest run is longer than `longest_run_max`.
    pub shift: bool,
    /// Fewer crossings than `crossings_min`.
    pub few_crossings: bool,
    pub signal: bool,
    pub direction: Option<SignalDirection>,
    /// The side of the longest run, the latest one where several are as
    /// long; `None` without useful points.
    #[serde(skip)]
    pub longest_side: Option<Side>,
    /// The side of the last run.
    #[serde(skip)]
    pub last_side: Option<Side>,
}

fn rounded<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round6(*v))
}

/// The upper limit for the longest run among `useful` points (≥ 1):
/// `round(log2(n) + 3)`. No `n` has a fraction of exactly ½ here, so the
/// rounding rule does not matter.
pub fn longest_run_max(useful: usize) -> usize {
    ((useful.max(1) as f64).log2() + 3.0).round() as usize
}

/// The lower limit for the number of crossings among `useful` points:
/// the 5 % quantile of Bin(n − 1, ½), found by summing the probabilities
/// in log space (the terms underflow `f64` beyond about 1 000 points).
pub fn crossings_min(useful: usize) -> usize {
    let m = useful.saturating_sub(1);
    let goal = 0.05f64.ln();
    let mut log_pmf = -(m as f64) * LN_2;
    let mut log_cdf = log_pmf;
    let mut k = 0;
    while log_cdf < goal && k < m {
        // P(X = k + 1) = P(X = k) · (m − k) / (k + 1)
        log_pmf += ((m - k) as f64).ln() - ((k + 1) as f64).ln();
        k += 1;
        log_cdf = log_add(log_cdf, log_pmf);
    }
    k
}

/// ln(eᵃ + eᵇ) without leaving log space.
fn log_add(a: f64, b: f64) -> f64 {
    let (hi, lo) = if a >= b { (a, b) } else { (b, a) };
    hi + (lo - hi).exp().ln_1p()
}

/// The median: the middle value, or the mean of the two middle ones.
fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let h = v.len() / 2;
    if v.len() % 2 == 1 {
        v[h]
    } else {
        (v[h - 1] + v[h]) / 2.0
    }
}

/// Analyses a series of values in time order; `goal` is the indicator's
/// direction. `None` with fewer than [`MIN_POINTS`] values.
pub fn analyse(values: &[f64], goal: Option<Direction>) -> Option<RunChart> {
    if values.len() < MIN_POINTS {
        return None;
    }
    Some(analyse_around(values, median(values), goal))
}

/// The rules about a given centre line (the site always uses the median;
/// the tests also check published examples drawn about other centres).
pub(super) fn analyse_around(values: &[f64], median: f64, goal: Option<Direction>) -> RunChart {
    let sides: Vec<Side> = values
        .iter()
        .filter(|v| **v != median)
        .map(|v| {
            if *v > median {
                Side::Above
            } else {
                Side::Below
            }
        })
        .collect();
    let useful = sides.len();
    // Runs as (side, length), in order.
    let mut runs: Vec<(Side, usize)> = Vec::new();
    for s in &sides {
        match runs.last_mut() {
            Some((side, len)) if side == s => *len += 1,
            _ => runs.push((*s, 1)),
        }
    }
    let longest_run = runs.iter().map(|r| r.1).max().unwrap_or(0);
    let longest_side = runs.iter().rev().find(|r| r.1 == longest_run).map(|r| r.0);
    let crossings = runs.len().saturating_sub(1);
    let limits = (useful > 0).then(|| (longest_run_max(useful), crossings_min(useful)));
    let shift = limits.is_some_and(|(max, _)| longest_run > max);
    let few_crossings = limits.is_some_and(|(_, min)| crossings < min);
    let signal = shift || few_crossings;
    let last_side = runs.last().map(|r| r.0);
    let direction = match (signal, last_side, goal) {
        (true, Some(side), Some(goal)) => {
            let goal_side = match goal {
                Direction::Increase => Side::Above,
                Direction::Decrease => Side::Below,
            };
            Some(if side == goal_side {
                SignalDirection::TowardGoal
            } else {
                SignalDirection::AwayFromGoal
            })
        }
        _ => None,
    };
    RunChart {
        points: values.len(),
        median,
        useful,
        longest_run,
        longest_run_max: limits.map(|l| l.0),
        crossings,
        crossings_min: limits.map(|l| l.1),
        shift,
        few_crossings,
        signal,
        direction,
        longest_side,
        last_side,
    }
}

/// The analysis of an indicator's series (`None` below [`MIN_POINTS`]).
pub fn run_chart(ind: &Indicator) -> Option<RunChart> {
    let values: Vec<f64> = ind.series.iter().map(|p| p.value).collect();
    analyse(&values, super::direction(ind))
}

/// What the series says, in words for the page under its chart; `None`
/// for an indicator without a series.
pub fn words(ind: &Indicator) -> Option<String> {
    let n = ind.series.len();
    if n == 0 {
        return None;
    }
    match run_chart(ind) {
        Some(rc) => Some(rc.words(ind.unit, super::direction(ind))),
        None => Some(say::too_few(n, MIN_POINTS)),
    }
}

impl RunChart {
    /// The analysis in words: the median, the points skipped, whether a
    /// rule fired (which, with its figures and limit) and which way the
    /// signal points. `unit` formats the median, `goal` is the direction
    /// the analysis was made with.
    pub fn words(&self, unit: Unit, goal: Option<Direction>) -> String {
        let points = format_number(self.points as f64);
        let (Some(max), Some(min)) = (self.longest_run_max, self.crossings_min) else {
            return say::all_same(&points, &unit.show(self.median));
        };
        let mut out = say::median(&points, &unit.show(self.median));
        let on = self.points - self.useful;
        if on > 0 {
            out.push_str(&say::on_median(on));
        }
        let run = say::points(self.longest_run);
        let side = self.longest_side.map_or(say::SAME_SIDE, Side::words);
        let mut crossing = say::crossings(self.crossings, self.few_crossings);
        if min > 0 {
            crossing.push_str(&say::expected(&format_number(min as f64)));
        }
        let limit = format_number(max as f64);
        if !self.signal {
            out.push_str(&say::no_signal(&run, &limit, &crossing));
            return out;
        }
        let mut reasons = Vec::new();
        if self.shift {
            reasons.push(say::shift(&run, side, &limit));
        }
        if self.few_crossings {
            reasons.push(crossing);
        }
        out.push_str(&say::signal(&reasons));
        let end = self.last_side.map_or("", Side::words);
        let label = goal.map_or("", Direction::label);
        out.push_str(&match self.direction {
            Some(SignalDirection::TowardGoal) => say::toward_goal(end, label),
            Some(SignalDirection::AwayFromGoal) => say::away_from_goal(end, label),
            None => say::NO_DIRECTION.to_string(),
        });
        out
    }
}

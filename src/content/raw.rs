//! The front matter as written: structs that mirror the content format.
//! `schema` fills them from the YAML tree (checking keys and types, every
//! problem at its value); everything semantic (topics, ranges, dates,
//! files) is checked in `fields`. `authoring::write` is the mirror image.

use crate::text::words;

/// A text value that YAML may have typed as a number (`period: 2022`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text(pub String);

/// A figure: a number, or text where the original is not a number
/// ("Ej mätbart", "4 möten per år").
#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    Number(Num),
    Text(String),
}

impl Figure {
    /// The value, if the figure is a number.
    pub fn number(&self) -> Option<f64> {
        match self {
            Figure::Number(n) => Some(n.value),
            Figure::Text(_) => None,
        }
    }
}

/// A number with the decimals the editor wrote: `90.0` is 90 shown as
/// `90,0`, `58.30` is 58.3 shown as `58,30`. The value is what charts,
/// goal status and open data use; the decimals only how pages show it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Num {
    pub value: f64,
    /// Digits after the decimal point as written (0 for `3`, 1 for `90.0`).
    pub decimals: u8,
}

impl Num {
    /// A number written `text` (`90.0`, `3`, `-2.50`, `1e3`): its value and
    /// the decimals as written. With an exponent the decimals are those
    /// the value needs (`1.5e1` is 15). `None` if `text` is not a number.
    pub fn parse(text: &str) -> Option<Num> {
        let t = text.trim();
        let value = t.parse::<f64>().ok().filter(|v| v.is_finite())?;
        if t.contains(['e', 'E']) {
            return Some(Num::from(value));
        }
        let decimals = t.split_once('.').map_or(0, |(_, frac)| frac.len());
        Some(Num {
            value,
            decimals: decimals.min(u8::MAX as usize) as u8,
        })
    }
}

impl From<f64> for Num {
    /// A computed number: the decimals of its shortest written form.
    fn from(value: f64) -> Num {
        let s = format!("{value}");
        let decimals = s.split_once('.').map_or(0, |(_, frac)| frac.len());
        Num {
            value,
            decimals: decimals.min(u8::MAX as usize) as u8,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Plan,
    #[default]
    Final,
}

impl Status {
    /// The name as written in front matter, used in the open data, the
    /// search filters and CSS classes.
    pub fn slug(self) -> &'static str {
        match self {
            Status::Plan => "plan",
            Status::Final => "final",
        }
    }

    /// The Swedish name shown on pages and in search results.
    pub fn label(self) -> &'static str {
        match self {
            Status::Plan => words::STATUS_PLAN,
            Status::Final => words::STATUS_FINAL,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Count,
    Percent,
}

impl Unit {
    /// The name as written in front matter and in the open data.
    pub fn slug(self) -> &'static str {
        match self {
            Unit::Count => "count",
            Unit::Percent => "percent",
        }
    }

    /// The Swedish name shown beside an indicator.
    pub fn label(self) -> &'static str {
        match self {
            Unit::Count => words::UNIT_COUNT,
            Unit::Percent => words::UNIT_PERCENT,
        }
    }

    /// A value in this unit as pages and charts show it: `58,3 %`, `1 234`.
    pub fn show(self, v: f64) -> String {
        match self {
            Unit::Percent => crate::text::format_percent(v),
            Unit::Count => crate::text::format_number(v),
        }
    }

    /// A number as the report wrote it, its decimals kept: `90,0 %`.
    pub fn show_num(self, n: Num) -> String {
        let s = crate::text::format_decimals(n.value, n.decimals);
        match self {
            Unit::Percent => format!("{s}\u{a0}%"),
            Unit::Count => s,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Increase,
    Decrease,
}

impl Direction {
    /// The name as written in front matter and in the open data.
    pub fn slug(self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
        }
    }

    /// The Swedish words shown beside an indicator.
    pub fn label(self) -> &'static str {
        match self {
            Direction::Increase => words::INCREASE,
            Direction::Decrease => words::DECREASE,
        }
    }
}

#[derive(Debug)]
pub struct RawFrontMatter {
    pub title: Text,
    pub clinic: Text,
    pub year: i64,
    pub topics: Vec<Text>,
    pub region: Option<Text>,
    pub status: Option<Status>,
    pub date: Option<Text>,
    pub draft: Option<bool>,
    pub summary: Option<Text>,
    pub team: Vec<RawMember>,
    pub indicators: Vec<RawIndicator>,
    pub attachments: Vec<RawAttachment>,
    pub aliases: Vec<Text>,
    /// The report's own verdict on its main goal.
    pub assessment: Option<RawAssessment>,
    /// The change ideas the report tested.
    pub changes: Vec<RawChange>,
}

/// One change idea a report tested: a slug (or alias) of `[[changes]]`,
/// in the report's own words, and the heading where it is described.
/// A plain string is the slug alone.
#[derive(Debug, Default)]
pub struct RawChange {
    pub change: Text,
    pub text: Option<Text>,
    pub section: Option<Text>,
    /// The goals it aimed at: 1-based positions in `indicators`.
    pub indicators: Vec<i64>,
    /// What became of it (`prövad` when absent).
    pub status: Option<crate::outcome::ChangeStatus>,
}

#[derive(Debug)]
pub struct RawMember {
    pub name: Text,
    pub role: Option<Text>,
    pub contact: bool,
}

#[derive(Debug)]
pub struct RawIndicator {
    pub name: Text,
    pub unit: Option<Unit>,
    pub direction: Option<Direction>,
    pub baseline: Option<RawMeasure>,
    pub target: Option<RawTarget>,
    pub result: Option<RawMeasure>,
    pub source: Option<Text>,
    pub note: Option<Text>,
    pub series: Vec<RawPoint>,
    pub reference_label: Option<Text>,
    /// The report's own verdict on this indicator.
    pub assessment: Option<RawAssessment>,
    /// The goal the report calls its main one (`main: true`).
    pub main: bool,
}

#[derive(Debug)]
pub struct RawMeasure {
    /// Required; optional here so that a `note` without a `value` (a
    /// frequency written in words) gets its own message in `fields`.
    pub value: Option<Figure>,
    pub period: Option<Text>,
    /// The report's own words about the figure.
    pub note: Option<Text>,
}

#[derive(Debug)]
pub struct RawTarget {
    pub value: Option<Figure>,
    pub change_percent: Option<f64>,
    pub better_than: Option<BetterThan>,
    pub by: Option<Text>,
    /// The target in the report's own words.
    pub text: Option<Text>,
}

/// A target that is a comparison rather than a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BetterThan {
    /// An improvement in the indicator's `direction` over the baseline.
    Baseline,
    /// The last series point with a `reference` beats the reference in the
    /// indicator's `direction`.
    Reference,
}

impl BetterThan {
    /// The name as written in front matter and in the open data.
    pub fn slug(self) -> &'static str {
        match self {
            BetterThan::Baseline => "baseline",
            BetterThan::Reference => "reference",
        }
    }
}

/// The report's own verdict, as written: `{ status: delvis, text: "…" }`.
#[derive(Debug)]
pub struct RawAssessment {
    pub status: crate::outcome::GoalStatus,
    pub text: Text,
}

#[derive(Debug)]
pub struct RawPoint {
    pub date: Option<Text>,
    /// The point's name where it is not a date ("jan", "v.12", "Q3 2024").
    pub label: Option<Text>,
    pub value: Num,
    pub reference: Option<Num>,
}

#[derive(Debug)]
pub struct RawAttachment {
    pub file: Option<Text>,
    pub url: Option<Text>,
    pub title: Option<Text>,
}

//! The front matter as written: serde structs that mirror the content
//! format. Deserialising them checks keys and types; everything semantic
//! (topics, ranges, dates, files) is checked in `fields`.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

/// A text value that YAML may have typed as a number (`period: 2022`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A figure: a number, or text where the original is not a number
/// ("Ej mätbart", "4 möten per år").
#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    Number(f64),
    Text(String),
}

impl<'de> Deserialize<'de> for Figure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Figure;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or a text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Figure, E> {
                Ok(Figure::Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Figure, E> {
                Ok(Figure::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Figure, E> {
                Ok(Figure::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Figure, E> {
                if v.is_finite() {
                    Ok(Figure::Number(v))
                } else {
                    Err(E::custom("a figure must be a finite number"))
                }
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default, serde::Serialize)]
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
            Status::Plan => "Plan (del 1)",
            Status::Final => "Slutrapport (del 1 och 2)",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
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
            Unit::Count => "antal",
            Unit::Percent => "andel (%)",
        }
    }

    /// A value in this unit as pages and charts show it: `58,3 %`, `1 234`.
    pub fn show(self, v: f64) -> String {
        match self {
            Unit::Percent => crate::text::format_percent(v),
            Unit::Count => crate::text::format_number(v),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
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
            Direction::Increase => "ska öka",
            Direction::Decrease => "ska minska",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
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
    #[serde(default)]
    pub team: Vec<RawMember>,
    #[serde(default)]
    pub indicators: Vec<RawIndicator>,
    #[serde(default)]
    pub attachments: Vec<RawAttachment>,
    #[serde(default)]
    pub aliases: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMember {
    pub name: Text,
    pub role: Option<Text>,
    #[serde(default)]
    pub contact: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    pub name: Text,
    pub unit: Option<Unit>,
    pub direction: Option<Direction>,
    pub baseline: Option<RawMeasure>,
    pub target: Option<RawTarget>,
    pub result: Option<RawMeasure>,
    pub source: Option<Text>,
    pub note: Option<Text>,
    #[serde(default)]
    pub series: Vec<RawPoint>,
    pub reference_label: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeasure {
    pub value: Figure,
    pub period: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    pub value: Option<Figure>,
    pub change_percent: Option<f64>,
    pub by: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPoint {
    pub date: Text,
    pub value: f64,
    pub reference: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAttachment {
    pub file: Option<Text>,
    pub url: Option<Text>,
    pub title: Option<Text>,
}

//! The scalar values of the content format: texts, whole numbers, numbers
//! (with the Swedish decimal comma caught), figures (a number or a text),
//! true/false, and the enums by their slugs. Plain scalars are typed as
//! YAML's core schema types them: `3` is a number, `"3"` a text.

use super::{found, Decoder, FromNode};
use crate::content::raw::{BetterThan, Direction, Figure, Num, Status, Text, Unit};
use crate::content::tree::{Node, Scalar};
use crate::diag::Code;
use crate::outcome::{ChangeStatus, GoalStatus};

/// The scalar of a node, or an error saying what was expected.
pub(super) fn scalar<'n>(
    n: &'n Node,
    path: &str,
    what: &str,
    d: &mut Decoder,
) -> Option<&'n Scalar> {
    match n {
        Node::Scalar(s) if !n.is_null() => {
            if s.plain && s.end_line > s.pos.0 && s.text.contains(" - ") {
                d.problem(Code::YamlSyntax, s.pos, path, "a list item (`- …`) under a value: write the list as `[a, b]`, or put each item on its own `- ` line under a key with nothing after its colon");
                return None;
            }
            Some(s)
        }
        _ => {
            d.error(
                n.pos(),
                path,
                format!("expected {what}, found {}", found(n)),
            );
            None
        }
    }
}

/// A plain number in YAML's core schema (`3`, `-2.5`, `1e3`).
fn number(s: &Scalar) -> Option<f64> {
    let t = s.text.as_str();
    let ok = s.plain
        && !t.is_empty()
        && t.trim_start_matches(['-', '+'])
            .starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    ok.then(|| t.parse::<f64>().ok())
        .flatten()
        .filter(|v| v.is_finite())
}

/// `3,5`: a Swedish decimal comma.
fn is_decimal_comma(s: &Scalar) -> bool {
    s.plain
        && s.text.split_once(',').is_some_and(|(a, b)| {
            !a.is_empty()
                && !b.is_empty()
                && a.trim_start_matches('-')
                    .bytes()
                    .all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        })
}

fn decimal_comma_error(s: &Scalar, path: &str, d: &mut Decoder) {
    let dot = s.text.replace(',', ".");
    d.problem(
        Code::DecimalComma,
        s.pos,
        path,
        format!(
            "{} has a decimal comma: write {dot} (or put \"{}\" in quotes to keep it as text)",
            s.text, s.text
        ),
    );
}

impl FromNode for Text {
    fn decode(n: &Node, path: &str, d: &mut Decoder) -> Option<Self> {
        scalar(n, path, "a text", d).map(|s| Text(s.text.clone()))
    }
}

impl FromNode for i64 {
    fn decode(n: &Node, path: &str, d: &mut Decoder) -> Option<Self> {
        let s = scalar(n, path, "a whole number", d)?;
        match s.text.parse::<i64>() {
            Ok(v) if s.plain => Some(v),
            _ => {
                d.error(
                    s.pos,
                    path,
                    format!("expected a whole number (like 2023), found {}", found(n)),
                );
                None
            }
        }
    }
}

impl FromNode for f64 {
    fn decode(n: &Node, path: &str, d: &mut Decoder) -> Option<Self> {
        let s = scalar(n, path, "a number", d)?;
        if is_decimal_comma(s) {
            decimal_comma_error(s, path, d);
            return None;
        }
        number(s).or_else(|| {
            d.error(
                s.pos,
                path,
                format!("expected a number (like 58.3), found {}", found(n)),
            );
            None
        })
    }
}

impl FromNode for Num {
    /// A number with the decimals as written (`90.0`).
    fn decode(n: &Node, path: &str, d: &mut Decoder) -> Option<Self> {
        let v = f64::decode(n, path, d)?;
        let text = scalar_text_of(n);
        Some(Num::parse(text).unwrap_or(Num::from(v)))
    }
}

fn scalar_text_of(n: &Node) -> &str {
    match n {
        Node::Scalar(s) => &s.text,
        _ => "",
    }
}

impl FromNode for Figure {
    fn decode(n: &Node, path: &str, d: &mut Decoder) -> Option<Self> {
        let s = scalar(n, path, "a number or a text", d)?;
        if is_decimal_comma(s) {
            decimal_comma_error(s, path, d);
            return None;
        }
        Some(match number(s) {
            // The decimals as written: `90.0` stays `90,0` on the page.
            Some(v) => Figure::Number(Num::parse(&s.text).unwrap_or(Num::from(v))),
            None => Figure::Text(s.text.clone()),
        })
    }
}

impl FromNode for bool {
    fn decode(n: &Node, path: &str, d: &mut Decoder) -> Option<Self> {
        let s = scalar(n, path, "true or false", d)?;
        match (s.plain, s.text.as_str()) {
            (true, "true" | "True" | "TRUE") => Some(true),
            (true, "false" | "False" | "FALSE") => Some(false),
            _ => {
                d.error(
                    s.pos,
                    path,
                    format!("expected true or false, found {}", found(n)),
                );
                None
            }
        }
    }
}

/// An enum written as one of its lowercase names.
fn choice<T: Copy>(n: &Node, path: &str, d: &mut Decoder, options: &[(&str, T)]) -> Option<T> {
    let names: Vec<&str> = options.iter().map(|(k, _)| *k).collect();
    let s = scalar(n, path, &format!("one of {}", names.join(", ")), d)?;
    match options.iter().find(|(k, _)| *k == s.text) {
        Some((_, v)) => Some(*v),
        None => {
            d.error(
                s.pos,
                path,
                format!("\"{}\" is not one of: {}", s.text, names.join(", ")),
            );
            None
        }
    }
}

/// The enums of the content format, written as their slugs.
macro_rules! choices {
    ($($ty:ident: [$($v:ident),*];)*) => {$(
        impl FromNode for $ty {
            fn decode(n: &Node, path: &str, d: &mut Decoder) -> Option<Self> {
                choice(n, path, d, &[$(($ty::$v.slug(), $ty::$v)),*])
            }
        }
    )*};
}

choices! {
    Status: [Plan, Final];
    Unit: [Count, Percent];
    Direction: [Increase, Decrease];
    BetterThan: [Baseline, Reference];
}

/// A verdict word (`uppnått`, `delvis`, `ej uppnått`, … or a slug), any
/// case; an unknown word is reported with the closest known one.
impl FromNode for GoalStatus {
    fn decode(n: &Node, path: &str, d: &mut Decoder) -> Option<Self> {
        let s = scalar(
            n,
            path,
            "a verdict (uppnått, delvis, ej uppnått, ej bedömbart)",
            d,
        )?;
        if let Some(v) = GoalStatus::parse(&s.text) {
            return Some(v);
        }
        let word = s.text.trim();
        let hint = crate::text::closest(word, GoalStatus::WORDS.iter().map(|(w, _)| *w))
            .map(|w| format!(" (did you mean \"{w}\"?)"))
            .unwrap_or_default();
        d.problem(
            Code::UnknownVerdict,
            s.pos,
            path,
            format!("unknown verdict \"{word}\"{hint}; write uppnått, delvis, ej uppnått or ej bedömbart"),
        );
        None
    }
}

/// A change's status (`prövad` or `testad`, `införd`, `planerad`, `ej genomförd`),
/// any case; an unknown word is reported with the closest known one.
impl FromNode for ChangeStatus {
    fn decode(n: &Node, path: &str, d: &mut Decoder) -> Option<Self> {
        let s = scalar(
            n,
            path,
            "a change status (prövad, införd, planerad, ej genomförd)",
            d,
        )?;
        if let Some(v) = ChangeStatus::parse(&s.text) {
            return Some(v);
        }
        let word = s.text.trim();
        let hint = crate::text::closest(word, ChangeStatus::WORDS.iter().map(|(w, _)| *w))
            .map(|w| format!(" (did you mean \"{w}\"?)"))
            .unwrap_or_default();
        d.problem(
            Code::UnknownChangeStatus,
            s.pos,
            path,
            format!("unknown change status \"{word}\"{hint}; write prövad, införd, planerad or ej genomförd"),
        );
        None
    }
}

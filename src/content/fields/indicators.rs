//! An indicator's fields (name, figures, target, series) checked and
//! built, and the APC template's rules for indicators.

use super::{opt_text, parse_date, text, FieldDiags};
use crate::content::raw::{Figure, RawFrontMatter, RawIndicator, RawMeasure};
use crate::content::redact::redact_emails;
use crate::content::{Indicator, Measure, Point, Status, Target, Unit};
use crate::diag::Code;
use crate::text::PartialDate;

/// The indicator at front-matter path `at` (`indicators[2]`).
pub(super) fn indicator(sink: &mut FieldDiags, at: &str, ind: &RawIndicator) -> Indicator {
    let name = text(&ind.name);
    if name.is_empty() {
        sink.error(
            Code::EmptyValue,
            &format!("{at}.name"),
            "an indicator needs a name",
        );
    }
    let measure = |m: &Option<RawMeasure>| {
        m.as_ref().map(|m| Measure {
            value: figure(&m.value),
            period: opt_text(&m.period),
        })
    };
    let target = ind.target.as_ref().map(|t| {
        if t.value.is_some() == t.change_percent.is_some() {
            sink.error(
                Code::EmptyValue,
                &format!("{at}.target"),
                "a target needs exactly one of `value` or `change_percent`",
            );
        }
        if let Some(c) = t.change_percent {
            if !c.is_finite() {
                sink.error(
                    Code::EmptyValue,
                    &format!("{at}.target.change_percent"),
                    "change_percent must be a number",
                );
            }
        }
        let by =
            t.by.as_ref()
                .and_then(|b| parse_date(sink, &format!("{at}.target.by"), b));
        Target {
            value: t.value.as_ref().map(figure),
            change_percent: t.change_percent,
            by,
        }
    });
    let mut series = Vec::with_capacity(ind.series.len());
    for (j, p) in ind.series.iter().enumerate() {
        let path = format!("{at}.series[{j}].date");
        match PartialDate::parse(&p.date.0) {
            Some(PartialDate::Day(date)) => series.push(Point {
                date,
                value: p.value,
                reference: p.reference,
            }),
            _ => sink.error(
                Code::BadDate,
                &path,
                format!(
                    "\"{}\" is not a valid date (use YYYY-MM-DD)",
                    p.date.0.trim()
                ),
            ),
        }
    }
    series.sort_by_key(|p| p.date);
    Indicator {
        name,
        unit: ind.unit.unwrap_or(Unit::Count),
        direction: ind.direction,
        baseline: measure(&ind.baseline),
        target,
        result: measure(&ind.result),
        source: opt_text(&ind.source),
        note: opt_text(&ind.note),
        series,
        reference_label: opt_text(&ind.reference_label),
    }
}

/// A figure as published: a text figure trimmed, e-mail addresses removed.
fn figure(f: &Figure) -> Figure {
    match f {
        Figure::Number(n) => Figure::Number(*n),
        Figure::Text(t) => Figure::Text(redact_emails(t.trim())),
    }
}

/// The APC template's own rules, as warnings so that editors can send a
/// report back before it is published: at least two indicators, each
/// named "Antal …" or "Andel …", each with a baseline and a target, and in
/// a final report a result. Link-only entries (no body) are exempt.
pub(super) fn template_rules(sink: &mut FieldDiags, raw: &RawFrontMatter, status: Status) {
    let n = raw.indicators.len();
    if n < 2 {
        sink.warning(
            Code::FewIndicators,
            "indicators",
            format!("the template asks for at least 2 indicators; this report has {n}"),
        );
    }
    for (i, ind) in raw.indicators.iter().enumerate() {
        let at = format!("indicators[{i}]");
        let name = ind.name.0.trim();
        let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
        if first != "antal" && first != "andel" {
            sink.warning(
                Code::IndicatorName,
                &format!("{at}.name"),
                "the template asks for indicator names that start with \"Antal\" or \"Andel\"",
            );
        }
        if ind.baseline.is_none() {
            sink.warning(
                Code::NoBaseline,
                &format!("{at}.name"),
                "indicator has no baseline (utgångsläge)",
            );
        }
        if ind.target.is_none() {
            sink.warning(
                Code::NoTarget,
                &format!("{at}.name"),
                "indicator has no target (mål)",
            );
        }
        if status == Status::Final && ind.result.is_none() {
            sink.warning(
                Code::NoResult,
                &format!("{at}.name"),
                "final report: indicator has no result (resultat)",
            );
        }
    }
}

//! An indicator's fields (name, figures, target, series) checked and
//! built, and the APC template's rules for indicators.

use super::{opt_text, parse_date, text, FieldDiags};
use crate::content::raw::{
    BetterThan, Figure, RawAssessment, RawFrontMatter, RawIndicator, RawMeasure, RawTarget,
};
use crate::content::redact::redact_emails;
use crate::content::{Indicator, Measure, Point, Status, Target, Unit, Verdict};
use crate::diag::Code;
use crate::text::{read_period, short_swedish, PartialDate, Period};

/// The indicator at front-matter path `at` (`indicators[2]`) of a report
/// of programme year `year` (periods are read against it).
pub(super) fn indicator(
    sink: &mut FieldDiags,
    at: &str,
    ind: &RawIndicator,
    year: i32,
) -> Indicator {
    let name = text(&ind.name);
    if name.is_empty() {
        sink.error(
            Code::EmptyValue,
            &format!("{at}.name"),
            "an indicator needs a name",
        );
    }
    let mut series = Vec::with_capacity(ind.series.len());
    for (j, p) in ind.series.iter().enumerate() {
        let label = p
            .label
            .as_ref()
            .map(|l| l.0.trim().to_string())
            .filter(|l| !l.is_empty());
        let date = match (&p.date, &label) {
            (Some(d), _) => match PartialDate::parse(&d.0) {
                Some(PartialDate::Day(date)) => Some(date),
                _ => {
                    sink.error(
                        Code::BadDate,
                        &format!("{at}.series[{j}].date"),
                        format!("\"{}\" is not a valid date (use YYYY-MM-DD)", d.0.trim()),
                    );
                    continue;
                }
            },
            // A label that is a date is one.
            (None, Some(l)) => match PartialDate::parse(l) {
                Some(PartialDate::Day(date)) => Some(date),
                _ => None,
            },
            (None, None) => {
                sink.error(
                    Code::SeriesPoint,
                    &format!("{at}.series[{j}]"),
                    "a series point needs a `date` (YYYY-MM-DD) or a `label` (\"jan\", \"v.12\")",
                );
                continue;
            }
        };
        series.push(Point {
            date,
            label,
            value: p.value.value,
            reference: p.reference.map(|r| r.value),
            decimals: (p.value.decimals, p.reference.map_or(0, |r| r.decimals)),
        });
    }
    // Dated points in date order; a series with labels keeps its own.
    if series.iter().all(|p| p.date.is_some()) {
        series.sort_by_key(|p| p.date);
    }
    let baseline = measure(sink, &format!("{at}.baseline"), &ind.baseline, year);
    let result = measure(sink, &format!("{at}.result"), &ind.result, year);
    let target = ind.target.as_ref().map(|t| target(sink, at, t));
    let built = Indicator {
        name,
        unit: ind.unit.unwrap_or(Unit::Count),
        direction: ind.direction,
        baseline,
        target,
        result,
        source: opt_text(&ind.source),
        note: opt_text(&ind.note),
        series,
        reference_label: opt_text(&ind.reference_label),
        assessment: verdict(sink, &format!("{at}.assessment"), &ind.assessment),
        main: ind.main,
        name_at: sink.at(&format!("{at}.name")),
    };
    // Whether the report's verdict agrees with its figures is checked once
    // the report is loaded, by `indicators::check` (goal status is not
    // `content`'s to compute).
    comparable(sink, at, &built);
    built
}

/// A baseline or result at path `at`: `value` is required; a `note` alone
/// is a frequency or a description where the report states a figure.
fn measure(sink: &mut FieldDiags, at: &str, m: &Option<RawMeasure>, year: i32) -> Option<Measure> {
    let m = m.as_ref()?;
    if let Some(p) = &m.period {
        if let Period::Ambiguous(a, b) = read_period(&p.0, year) {
            let one = |d: chrono::NaiveDate| short_swedish(&PartialDate::Day(d));
            let readings = if a == b {
                format!("it reads only as month/day ({})", one(a))
            } else {
                format!("it reads as {} or as {}", one(a), one(b))
            };
            sink.warning(
                Code::AmbiguousDate,
                &format!("{at}.period"),
                format!(
                    "period \"{}\" is ambiguous: {readings}; write it as YYYY-MM-DD (the page shows it as written)",
                    p.0.trim()
                ),
            );
        }
    }
    let value = match (&m.value, &m.note) {
        (Some(v), _) => figure(v),
        (None, Some(_)) => {
            sink.error(
                Code::MissingKey,
                at,
                format!("`{at}` has a `note` but no `value`: write the count the report states as `value` (\"har genomförts kvartalsvis\" over a year is `value: 4`) and keep the report's words in `note`"),
            );
            Figure::Text(String::new())
        }
        (None, None) => {
            // At the value's own place when it is there but could not be
            // read (`value: 3,5` in block style has its own error), which
            // silences this one; else at the measure.
            sink.error(
                Code::MissingKey,
                &format!("{at}.value"),
                format!("missing required key `{at}.value`"),
            );
            Figure::Text(String::new())
        }
    };
    Some(Measure {
        value,
        period: opt_text(&m.period),
        note: opt_text(&m.note),
    })
}

/// The target of the indicator at `at`: exactly one kind.
fn target(sink: &mut FieldDiags, at: &str, t: &RawTarget) -> Target {
    let kinds = [
        t.value.is_some(),
        t.change_percent.is_some(),
        t.better_than.is_some(),
    ];
    if kinds.iter().filter(|k| **k).count() != 1 {
        sink.error(
            Code::EmptyValue,
            &format!("{at}.target"),
            "a target needs exactly one of `value`, `change_percent` or `better_than` (baseline or reference)",
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
        better_than: t.better_than,
        by,
        text: opt_text(&t.text),
    }
}

/// A `better_than` target needs what it compares: a numeric baseline or a
/// reference series, and a `direction` saying which way is better.
fn comparable(sink: &mut FieldDiags, at: &str, ind: &Indicator) {
    let Some(kind) = ind.target.as_ref().and_then(|t| t.better_than) else {
        return;
    };
    let path = format!("{at}.target");
    match kind {
        BetterThan::Baseline
            if ind
                .baseline
                .as_ref()
                .and_then(|m| m.value.number())
                .is_none() =>
        {
            sink.error(
            Code::TargetKind,
            &path,
            "`better_than: baseline` needs a baseline with a numeric `value` to compare the result with",
        )
        }
        BetterThan::Reference if !ind.series.iter().any(|p| p.reference.is_some()) => sink.error(
            Code::TargetKind,
            &path,
            "`better_than: reference` needs a `series` with at least one point that has a `reference`",
        ),
        _ if ind.direction.is_none() => sink.error(
            Code::TargetKind,
            &path,
            format!(
                "`better_than: {}` needs the indicator's `direction` (increase or decrease) to say which way is better",
                kind.slug()
            ),
        ),
        _ => {}
    }
}

/// The report's own verdict at `at`; its quote must not be empty.
pub(super) fn verdict(
    sink: &mut FieldDiags,
    at: &str,
    raw: &Option<RawAssessment>,
) -> Option<Verdict> {
    let raw = raw.as_ref()?;
    let quote = text(&raw.text);
    if quote.is_empty() {
        sink.error(
            Code::EmptyValue,
            &format!("{at}.text"),
            "an assessment needs `text`: the report's own words for its verdict",
        );
    }
    Some(Verdict {
        status: raw.status,
        text: quote,
        at: sink.at(&format!("{at}.status")),
    })
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

//! An indicator as the report page shows it: its figures formatted in
//! Swedish, its goal status with what it rests on, its charts and the
//! run-chart words under its series.

use serde::Serialize;

use crate::content::{Direction, Figure, Indicator, Measure, Num, Unit};
use crate::text::{format_percent, short_swedish, show_period};

use super::goals::GoalView;
use crate::text::words as say;

#[derive(Serialize)]
pub struct FigureView {
    /// As shown: `58,3 %`, `3`, `Ej mätbart`.
    pub display: String,
    /// The number, if it is one (dot decimals, for machines).
    pub number: Option<f64>,
    pub period: Option<String>,
    /// The report's own words beside the figure (a target's `text`, a
    /// measure's `note`: "minst 4 möten per år", "har genomförts kvartalsvis").
    pub words: Option<String>,
}

#[derive(Serialize)]
pub struct PointView {
    pub date: String,
    pub date_iso: String,
    pub value: String,
    pub reference: Option<String>,
}

#[derive(Serialize)]
pub struct IndicatorView {
    pub name: String,
    pub unit: &'static str,
    pub unit_label: &'static str,
    pub direction: Option<&'static str>,
    pub direction_label: Option<&'static str>,
    /// Where the name points the other way (W023): said beside the
    /// direction, the report's own words (`note`) under it.
    pub direction_remark: Option<String>,
    pub baseline: Option<FigureView>,
    pub target: Option<FigureView>,
    pub result: Option<FigureView>,
    pub source: Option<String>,
    pub note: Option<String>,
    pub series: Vec<PointView>,
    pub reference_label: Option<String>,
    /// Goal status with its basis and the report's own verdict.
    #[serde(flatten)]
    pub goal: GoalView,
    /// Inline SVG: baseline, target and result on one axis.
    pub goal_chart: Option<String>,
    /// Inline SVG: the series over time.
    pub series_chart: Option<String>,
    /// The run-chart analysis of the series (from 8 points), raw.
    pub run_chart: Option<crate::indicators::RunChart>,
    /// What the series says, in words under its chart: the signal, or too
    /// few points to judge (every indicator with a series).
    pub run_chart_text: Option<String>,
}

fn figure_view(f: &Figure, unit: Unit, period: Option<String>) -> FigureView {
    match f {
        Figure::Number(n) => FigureView {
            display: unit.show_num(*n),
            number: Some(n.value),
            period,
            words: None,
        },
        Figure::Text(t) => FigureView {
            display: t.clone(),
            number: None,
            period,
            words: None,
        },
    }
}

fn measure_view(m: &Option<Measure>, unit: Unit, year: i32) -> Option<FigureView> {
    m.as_ref().map(|m| FigureView {
        words: m.note.clone(),
        ..figure_view(
            &m.value,
            unit,
            m.period.as_deref().map(|p| show_period(p, year)),
        )
    })
}

/// The view of `ind`, of a report of programme `year` (periods are read
/// against it), with its goal view (`goal`: none for a plan's goals).
pub fn indicator_view(ind: &Indicator, goal: GoalView, year: i32, chart_id: &str) -> IndicatorView {
    let target = ind.target.as_ref().map(|t| {
        let by = t.by.map(|d| say::due(&short_swedish(&d)));
        match (&t.value, t.change_percent) {
            (Some(v), _) => figure_view(v, ind.unit, by),
            (None, Some(c)) => {
                let sign = if c < 0.0 { "−" } else { "+" };
                let resolved = crate::indicators::target(ind);
                let change = format!("{sign}{}", format_percent(c.abs()));
                let target = resolved.map(|t| ind.unit.show(t));
                let display = say::from_baseline(&change, target.as_deref());
                FigureView {
                    display,
                    number: resolved,
                    period: by,
                    words: None,
                }
            }
            // `better_than`: the target is the report's words.
            (None, None) => FigureView {
                display: t.text.clone().unwrap_or_default(),
                number: None,
                period: by,
                words: None,
            },
        }
    });
    let target = target.map(|mut f| {
        let text = ind.target.as_ref().and_then(|t| t.text.clone());
        if f.display != text.clone().unwrap_or_default() {
            f.words = text;
        }
        f
    });
    IndicatorView {
        name: ind.name.clone(),
        unit: ind.unit.slug(),
        unit_label: ind.unit.label(),
        direction: ind.direction.map(Direction::slug),
        direction_label: ind.direction.map(Direction::label),
        direction_remark: crate::indicators::name_disagrees(ind).and_then(|w| {
            let dir = crate::indicators::direction(ind)?;
            Some(say::name_disagrees(&w, dir.label()))
        }),
        baseline: measure_view(&ind.baseline, ind.unit, year),
        target,
        result: measure_view(&ind.result, ind.unit, year),
        source: ind.source.clone(),
        note: ind.note.clone(),
        series: ind
            .series
            .iter()
            .map(|p| PointView {
                date: match (&p.label, p.date) {
                    (Some(l), _) => l.clone(),
                    (None, Some(d)) => crate::text::PartialDate::Day(d).swedish(),
                    (None, None) => String::new(),
                },
                date_iso: p
                    .date
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                value: ind.unit.show_num(Num {
                    value: p.value,
                    decimals: p.decimals.0,
                }),
                reference: p.reference.map(|v| {
                    ind.unit.show_num(Num {
                        value: v,
                        decimals: p.decimals.1,
                    })
                }),
            })
            .collect(),
        reference_label: ind.reference_label.clone(),
        goal_chart: super::chart::goal_chart(
            ind,
            (!goal.planned).then_some(goal.status_label),
            &format!("{chart_id}-mal"),
        ),
        goal,
        series_chart: super::chart::series_chart(ind, &format!("{chart_id}-serie")),
        run_chart: crate::indicators::run_chart(ind),
        run_chart_text: crate::indicators::runchart::words(ind),
    }
}

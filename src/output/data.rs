//! Open data: `/data/rapporter.json`, every published report with its
//! indicators, their goal status (none for a plan's) and run-chart
//! analysis, the report's outcome (`outcome::of`, with its basis) and its
//! change ideas with the goals they aimed at. The indicator table (CSV,
//! Excel CSV, workbook) is in `table.rs`.

use serde::Serialize;

use crate::config::Config;
use crate::content::{Attachment, Direction, Figure, Indicator, Measure};
use crate::indicators::{self, Assessed};
use crate::model::SiteModel;
use crate::outcome::{self, Tally};
use crate::text::round6;

/// Version of the JSON format (docs/open-data.schema.json).
pub const SCHEMA_VERSION: &str = "2.0";

#[derive(Serialize)]
struct Root<'a> {
    schema_version: &'static str,
    title: &'a str,
    url: String,
    license: &'a str,
    reports: Reports<'a>,
}

/// The reports of `Root`, each made as it is written: the whole list at a
/// national archive is a gigabyte of borrowed views and JSON.
struct Reports<'a> {
    config: &'a Config,
    model: &'a SiteModel,
    base: &'a str,
}

impl Serialize for Reports<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Drafts (listed in a preview) are never open data.
        s.collect_seq(
            (0..self.model.reports.len())
                .filter(|&i| !self.model.reports[i].draft)
                .map(|i| report(self.config, self.model, self.base, i)),
        )
    }
}

#[derive(Serialize)]
struct TopicOut<'a> {
    slug: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct MemberOut<'a> {
    name: &'a str,
    role: Option<&'a str>,
    contact: bool,
}

#[derive(Serialize)]
struct AttachmentOut {
    title: String,
    url: String,
    external: bool,
    size: Option<u64>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum FigureOut<'a> {
    Number(f64),
    Text(&'a str),
}

fn figure(f: &Figure) -> FigureOut<'_> {
    match f {
        Figure::Number(n) => FigureOut::Number(n.value),
        Figure::Text(t) => FigureOut::Text(t),
    }
}

#[derive(Serialize)]
struct MeasureOut<'a> {
    value: FigureOut<'a>,
    period: Option<&'a str>,
}

fn measure(m: &Option<Measure>) -> Option<MeasureOut<'_>> {
    m.as_ref().map(|m| MeasureOut {
        value: figure(&m.value),
        period: m.period.as_deref(),
    })
}

#[derive(Serialize)]
struct TargetOut<'a> {
    value: Option<FigureOut<'a>>,
    change_percent: Option<f64>,
    /// The target as a number (a relative change resolved against the baseline).
    resolved: Option<f64>,
    by: Option<String>,
}

#[derive(Serialize)]
struct PointOut {
    date: Option<String>,
    label: Option<String>,
    value: f64,
    reference: Option<f64>,
}

#[derive(Serialize)]
struct IndicatorOut<'a> {
    name: &'a str,
    unit: &'static str,
    direction: Option<&'static str>,
    baseline: Option<MeasureOut<'a>>,
    target: Option<TargetOut<'a>>,
    result: Option<MeasureOut<'a>>,
    source: Option<&'a str>,
    note: Option<&'a str>,
    series: Vec<PointOut>,
    reference_label: Option<&'a str>,
    /// The goal the report calls its main one.
    main: bool,
    /// `None` for a plan's goal: not judged.
    status: Option<&'static str>,
    /// What the status rests on: `computed`, `report` or `none` (`None`
    /// for a plan's goal).
    status_basis: Option<&'static str>,
    /// The report's own verdict on the indicator, quoted.
    assessment: Option<AssessmentOut>,
    /// The series' run-chart analysis; `None` below 8 points.
    run_chart: Option<indicators::RunChart>,
}

#[derive(Serialize)]
struct AssessmentOut {
    status: &'static str,
    text: String,
}

/// A report's outcome (`outcome::of`): `status` and what it rests on
/// (`basis` is `None` for a plan), with the report's words when it is its
/// own verdict.
#[derive(Serialize)]
struct OutcomeOut<'a> {
    status: &'static str,
    basis: Option<&'static str>,
    text: Option<&'a str>,
}

#[derive(Serialize)]
struct ReportOut<'a> {
    url: String,
    title: &'a str,
    clinic: &'a str,
    clinic_slug: &'a str,
    region: Option<&'a str>,
    year: i32,
    topics: Vec<TopicOut<'a>>,
    status: &'static str,
    date: Option<String>,
    summary: &'a str,
    team: Vec<MemberOut<'a>>,
    attachments: Vec<AttachmentOut>,
    indicators: Vec<IndicatorOut<'a>>,
    /// `None` for a plan.
    goals: Option<Tally>,
    outcome: OutcomeOut<'a>,
    changes: Vec<ChangeOut<'a>>,
}

/// A change idea the report tested, with the report's words and the
/// address of the section that describes it.
#[derive(Serialize)]
struct ChangeOut<'a> {
    slug: &'a str,
    name: &'a str,
    text: Option<&'a str>,
    section: Option<&'a str>,
    section_url: Option<String>,
    /// The goals it aimed at: 1-based positions in `indicators`.
    indicators: Vec<usize>,
    /// `testad`, `inford`, `planerad` or `ej-genomford`.
    status: &'static str,
}

/// An indicator with its status (`None` for a plan's goal).
fn indicator(ind: &Indicator, assessed: Option<Assessed>) -> IndicatorOut<'_> {
    IndicatorOut {
        name: &ind.name,
        unit: ind.unit.slug(),
        direction: indicators::direction(ind).map(Direction::slug),
        baseline: measure(&ind.baseline),
        target: ind.target.as_ref().map(|t| TargetOut {
            value: t.value.as_ref().map(figure),
            change_percent: t.change_percent,
            resolved: indicators::target(ind).map(round6),
            by: t.by.map(|d| d.iso()),
        }),
        result: measure(&ind.result),
        source: ind.source.as_deref(),
        note: ind.note.as_deref(),
        series: ind
            .series
            .iter()
            .map(|p| PointOut {
                date: p.date.map(|d| d.format("%Y-%m-%d").to_string()),
                label: p.label.clone(),
                value: p.value,
                reference: p.reference,
            })
            .collect(),
        reference_label: ind.reference_label.as_deref(),
        main: ind.main,
        status: assessed.as_ref().map(|a| a.status.slug()),
        status_basis: assessed.as_ref().map(|a| a.basis.slug()),
        assessment: ind.assessment.as_ref().map(|v| AssessmentOut {
            status: v.status.slug(),
            text: v.text.clone(),
        }),
        run_chart: indicators::run_chart(ind),
    }
}

/// `rapporter.json`, written to `out` as it is made.
pub fn reports_json(
    config: &Config,
    model: &SiteModel,
    mut out: impl std::io::Write,
) -> std::io::Result<()> {
    let base = config.origin_and_path();
    let root = Root {
        schema_version: SCHEMA_VERSION,
        title: &config.title,
        url: format!("{base}/"),
        license: &config.data_license,
        reports: Reports {
            config,
            model,
            base: &base,
        },
    };
    serde_json::to_writer_pretty(&mut out, &root)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// One report of `rapporter.json`.
fn report<'a>(config: &'a Config, model: &'a SiteModel, base: &str, i: usize) -> ReportOut<'a> {
    let r = &model.reports[i];
    let clinic = &model.clinics[model.report_clinic[i]];
    ReportOut {
        url: format!("{base}/{}", r.rel_url()),
        title: &r.title,
        clinic: &clinic.name,
        clinic_slug: &clinic.slug,
        region: model.report_region[i].as_deref(),
        year: r.year,
        topics: r
            .topics
            .iter()
            .map(|&t| TopicOut {
                slug: config.topics[t].slug.get_ref(),
                name: &config.topics[t].name,
            })
            .collect(),
        status: r.status.slug(),
        date: r.date.map(|d| d.iso()),
        summary: &r.summary,
        team: r
            .team
            .iter()
            .map(|m| MemberOut {
                name: &m.name,
                role: m.role.as_deref(),
                contact: m.contact,
            })
            .collect(),
        attachments: r
            .attachments
            .iter()
            .map(|a| AttachmentOut {
                title: a.title().to_string(),
                url: a.href(&format!("{base}/{}", r.rel_url())),
                external: a.is_external(),
                size: match a {
                    Attachment::File { size, .. } => Some(*size),
                    Attachment::Url { .. } => None,
                },
            })
            .collect(),
        indicators: {
            let mut statuses = indicators::goal_statuses(r).map(Vec::into_iter);
            r.indicators
                .iter()
                .map(|ind| indicator(ind, statuses.as_mut().and_then(Iterator::next)))
                .collect()
        },
        goals: indicators::goals(r),
        outcome: {
            let o = outcome::of(&**r);
            OutcomeOut {
                status: o.status.slug(),
                basis: o.basis.map(|b| b.slug()),
                text: o
                    .is_own()
                    .then(|| r.assessment.as_ref().map(|v| v.text.as_str()))
                    .flatten(),
            }
        },
        changes: r
            .changes
            .iter()
            .map(|c| ChangeOut {
                slug: config.changes[c.change].slug(),
                name: &config.changes[c.change].name,
                text: c.text.as_deref(),
                section: c.section.as_ref().map(|h| h.text.as_str()),
                section_url: c
                    .section
                    .as_ref()
                    .map(|h| format!("{base}/{}#{}", r.rel_url(), h.id)),
                indicators: c.indicators.iter().map(|k| k + 1).collect(),
                status: c.status.slug(),
            })
            .collect(),
    }
}

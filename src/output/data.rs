//! Open data: `/data/rapporter.json` (every published report with its
//! indicators and computed goal status), `/data/indikatorer.csv` (one row
//! per indicator, RFC 4180) and `/data/indikatorer.xlsx` (the same rows
//! as an Excel workbook). Machines get dot decimals; text cells that start
//! with `=`, `+`, `-` or `@` are neutralised against formula injection.

use serde::Serialize;

use crate::config::Config;
use crate::content::{Attachment, Direction, Figure, Indicator, Measure};
use crate::indicators::{self, Tally};
use crate::model::SiteModel;

/// Version of the JSON format (docs/open-data.schema.json).
pub const SCHEMA_VERSION: &str = "1.2";

#[derive(Serialize)]
struct Root<'a> {
    schema_version: &'static str,
    title: &'a str,
    url: String,
    license: &'a str,
    reports: Vec<ReportOut<'a>>,
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
        Figure::Number(n) => FigureOut::Number(*n),
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
    date: String,
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
    status: &'static str,
    /// What the status rests on: `computed`, `report` or `none`.
    status_basis: &'static str,
    /// The report's own verdict on the indicator, quoted.
    assessment: Option<AssessmentOut>,
}

#[derive(Serialize)]
struct AssessmentOut {
    status: &'static str,
    text: String,
}

/// A report's overall outcome: its own verdict, else derived.
#[derive(Serialize)]
struct OutcomeOut {
    status: &'static str,
    basis: &'static str,
    text: Option<String>,
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
    goals: Tally,
    /// `None` for a plan.
    outcome: Option<OutcomeOut>,
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
}

fn indicator(ind: &Indicator) -> IndicatorOut<'_> {
    let assessed = indicators::assess(ind);
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
                date: p.date.format("%Y-%m-%d").to_string(),
                value: p.value,
                reference: p.reference,
            })
            .collect(),
        reference_label: ind.reference_label.as_deref(),
        status: assessed.status.slug(),
        status_basis: assessed.basis.slug(),
        assessment: assessed.verdict.map(|(s, text)| AssessmentOut {
            status: s.slug(),
            text,
        }),
    }
}

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// `rapporter.json`.
pub fn reports_json(config: &Config, model: &SiteModel) -> Vec<u8> {
    let base = config.origin_and_path();
    // Drafts (listed in a preview) are never open data.
    let reports = model
        .reports
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.draft)
        .map(|(i, r)| {
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
                indicators: r.indicators.iter().map(indicator).collect(),
                goals: Tally::of(&r.indicators),
                outcome: indicators::outcome(r).map(|o| OutcomeOut {
                    status: o.status.slug(),
                    basis: o.basis.slug(),
                    text: o.text,
                }),
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
                    })
                    .collect(),
            }
        })
        .collect();
    let root = Root {
        schema_version: SCHEMA_VERSION,
        title: &config.title,
        url: format!("{base}/"),
        license: &config.data_license,
        reports,
    };
    let mut out = serde_json::to_vec_pretty(&root).unwrap_or_default();
    out.push(b'\n');
    out
}

/// Column headers of the indicator table: (CSV, Swedish for the workbook).
pub const COLUMNS: &[(&str, &str)] = &[
    ("report_url", "Rapport (adress)"),
    ("title", "Rapportens titel"),
    ("clinic", "Mottagning"),
    ("region", "Region"),
    ("year", "År"),
    ("topics", "Teman"),
    ("report_status", "Rapportstatus"),
    ("indicator", "Indikator"),
    ("unit", "Enhet"),
    ("direction", "Riktning"),
    ("baseline", "Utgångsläge"),
    ("baseline_period", "Period för utgångsläge"),
    ("target", "Mål"),
    ("target_change_percent", "Mål, förändring i procent"),
    ("target_by", "Mål senast"),
    ("result", "Resultat"),
    ("result_period", "Period för resultat"),
    ("source", "Källa"),
    ("status", "Måluppfyllelse"),
    ("status_basis", "Grund för måluppfyllelse"),
];

/// One cell: a number (written as a number) or text.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Num(f64),
    Text(String),
}

/// Neutralises text that a spreadsheet would run as a formula.
pub fn neutralise(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn text(s: impl AsRef<str>) -> Cell {
    Cell::Text(neutralise(s.as_ref()))
}

fn opt_text(s: Option<&str>) -> Cell {
    text(s.unwrap_or(""))
}

fn fig(f: Option<&Figure>) -> Cell {
    match f {
        Some(Figure::Number(n)) => Cell::Num(*n),
        Some(Figure::Text(t)) => text(t),
        None => text(""),
    }
}

/// The indicator table as rows of cells (shared by CSV and xlsx).
pub fn indicator_rows(config: &Config, model: &SiteModel) -> Vec<Vec<Cell>> {
    let base = config.origin_and_path();
    let mut rows = Vec::new();
    for (i, r) in model.reports.iter().enumerate().filter(|(_, r)| !r.draft) {
        let clinic = &model.clinics[model.report_clinic[i]];
        let topics = r
            .topics
            .iter()
            .map(|&t| config.topics[t].slug.get_ref().as_str())
            .collect::<Vec<_>>()
            .join(";");
        for ind in &r.indicators {
            let t = ind.target.as_ref();
            let assessed = indicators::assess(ind);
            rows.push(vec![
                text(format!("{base}/{}", r.rel_url())),
                text(&r.title),
                text(&clinic.name),
                opt_text(model.report_region[i].as_deref()),
                Cell::Num(f64::from(r.year)),
                text(&topics),
                text(r.status.slug()),
                text(&ind.name),
                text(ind.unit.slug()),
                opt_text(indicators::direction(ind).map(Direction::slug)),
                fig(ind.baseline.as_ref().map(|m| &m.value)),
                opt_text(ind.baseline.as_ref().and_then(|m| m.period.as_deref())),
                match indicators::target(ind) {
                    Some(v) if t.is_some_and(|t| t.value.is_none()) => Cell::Num(round6(v)),
                    _ => fig(t.and_then(|t| t.value.as_ref())),
                },
                t.and_then(|t| t.change_percent)
                    .map_or_else(|| text(""), Cell::Num),
                opt_text(t.and_then(|t| t.by).map(|d| d.iso()).as_deref()),
                fig(ind.result.as_ref().map(|m| &m.value)),
                opt_text(ind.result.as_ref().and_then(|m| m.period.as_deref())),
                opt_text(ind.source.as_deref()),
                text(assessed.status.slug()),
                text(assessed.basis.slug()),
            ]);
        }
    }
    rows
}

/// `indikatorer.csv`: RFC 4180, UTF-8, header row, dot decimals.
pub fn indicators_csv(rows: &[Vec<Cell>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = w.write_record(COLUMNS.iter().map(|c| c.0));
    for row in rows {
        let _ = w.write_record(row.iter().map(|c| match c {
            Cell::Num(n) => format_dot(*n),
            Cell::Text(t) => t.clone(),
        }));
    }
    w.into_inner().unwrap_or_default()
}

/// A number with dot decimals and no exponent.
pub fn format_dot(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{:.6}", n);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Why the workbook could not be written (the xlsx writer's own message).
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct WorkbookError(#[from] rust_xlsxwriter::XlsxError);

/// `indikatorer.xlsx`: the same rows, Swedish headers, numbers as numbers,
/// frozen header row and an autofilter.
///
/// The document's creation date is fixed to 1 January of `year` (the
/// newest report's year) so that builds stay byte-identical.
pub fn indicators_xlsx(rows: &[Vec<Cell>], year: i32) -> Result<Vec<u8>, WorkbookError> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(year.clamp(1900, 9999) as u16, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_title("Indikatorer"),
    );
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet();
    ws.set_name("Indikatorer")?;
    for (c, (_, header)) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *header, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Num(n) => ws.write_number(r, c, *n).map(|_| ()),
                Cell::Text(t) if t.is_empty() => Ok(()),
                Cell::Text(t) => ws.write_string(r, c, t).map(|_| ()),
            }?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    let last_row = rows.len() as u32;
    ws.autofilter(0, 0, last_row, COLUMNS.len() as u16 - 1)?;
    for (c, width) in [(0u16, 40.0), (1, 40.0), (2, 28.0), (7, 50.0)] {
        ws.set_column_width(c, width)?;
    }
    Ok(wb.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formulas() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("-1+2"), "'-1+2");
        assert_eq!(neutralise("Antal SIP"), "Antal SIP");
        assert_eq!(format_dot(58.3), "58.3");
        assert_eq!(format_dot(-10.0), "-10");
        assert_eq!(format_dot(89.1), "89.1");
    }
}

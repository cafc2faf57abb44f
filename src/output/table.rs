//! The indicator table of the open data: one row per indicator of every
//! published report, written as `/data/indikatorer.csv` (RFC 4180, slugs
//! and dot decimals, for programs), `/data/indikatorer-excel.csv` (for
//! Excel with Swedish settings) and `/data/indikatorer.xlsx` (a workbook).
//! Text cells that start with `=`, `+`, `-` or `@` are neutralised against
//! formula injection.

use crate::config::Config;
use crate::content::Figure;
use crate::indicators;
use crate::model::SiteModel;
use crate::text::round6;

/// Column headers of the indicator table: (CSV, Swedish for the workbook).
pub use crate::text::words::COLUMNS;

/// One cell: a number (written as a number) or text, or a coded value: its
/// slug for machines (`indikatorer.csv`), its Swedish label for people
/// (the workbook and the Excel CSV).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Num(f64),
    Text(String),
    Coded { slug: String, label: String },
}

fn coded(slug: &str, label: &str) -> Cell {
    Cell::Coded {
        slug: neutralise(slug),
        label: neutralise(label),
    }
}

fn opt_coded(v: Option<(&str, &str)>) -> Cell {
    v.map_or_else(|| text(""), |(s, l)| coded(s, l))
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
        Some(Figure::Number(n)) => Cell::Num(n.value),
        Some(Figure::Text(t)) => text(t),
        None => text(""),
    }
}

/// The indicator table's rows, made as they are written: at a national
/// archive the table is a third of a million rows, too many to hold as
/// cells (shared by the two CSVs and the workbook, each of which walks it).
pub fn indicator_rows<'a>(
    config: &'a Config,
    model: &'a SiteModel,
) -> impl Iterator<Item = Vec<Cell>> + 'a {
    let base = config.origin_and_path();
    model
        .reports
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.draft)
        .flat_map(move |(i, _)| report_rows(config, model, &base, i))
}

/// The rows of one report's indicators.
fn report_rows(config: &Config, model: &SiteModel, base: &str, i: usize) -> Vec<Vec<Cell>> {
    let r = &model.reports[i];
    let clinic = &model.clinics[model.report_clinic[i]];
    let topics = r
        .topics
        .iter()
        .map(|&t| config.topics[t].slug.get_ref().as_str())
        .collect::<Vec<_>>()
        .join(";");
    let topic_names = r
        .topics
        .iter()
        .map(|&t| config.topics[t].name.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    let mut statuses = indicators::goal_statuses(r).map(Vec::into_iter);
    r.indicators
        .iter()
        .map(|ind| {
            let t = ind.target.as_ref();
            // A plan's goals are not judged: no status, here as anywhere.
            let assessed = statuses.as_mut().and_then(Iterator::next);
            vec![
                text(format!("{base}/{}", r.rel_url())),
                text(&r.title),
                text(&clinic.name),
                opt_text(model.report_region[i].as_deref()),
                Cell::Num(f64::from(r.year)),
                coded(&topics, &topic_names),
                coded(r.status.slug(), r.status.label()),
                text(&ind.name),
                coded(ind.unit.slug(), ind.unit.label()),
                opt_coded(indicators::direction(ind).map(|d| (d.slug(), d.label()))),
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
                opt_coded(
                    assessed
                        .as_ref()
                        .map(|a| (a.status.slug(), a.status.label())),
                ),
                opt_coded(assessed.as_ref().map(|a| (a.basis.slug(), a.basis.label()))),
            ]
        })
        .collect()
}

/// `indikatorer.csv`: RFC 4180, UTF-8, header row, dot decimals.
pub fn indicators_csv(
    rows: impl Iterator<Item = Vec<Cell>>,
    out: impl std::io::Write,
) -> std::io::Result<()> {
    let w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    write_csv(w, COLUMNS.iter().map(|c| c.0), rows, |c| match c {
        Cell::Num(n) => format_dot(*n),
        Cell::Text(t) | Cell::Coded { slug: t, .. } => t.clone(),
    })
}

/// `indikatorer-excel.csv`: what Excel with Swedish settings opens right
/// when the file is double-clicked: `;` between fields, decimal comma,
/// UTF-8 with a byte order mark (without one Excel reads it as
/// Windows-1252), CRLF, Swedish labels and headers.
pub fn indicators_excel_csv(
    rows: impl Iterator<Item = Vec<Cell>>,
    mut out: impl std::io::Write,
) -> std::io::Result<()> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    write_csv(w, COLUMNS.iter().map(|c| c.1), rows, |c| match c {
        Cell::Num(n) => format_dot(*n).replace('.', ","),
        Cell::Text(t) | Cell::Coded { label: t, .. } => t.clone(),
    })
}

fn write_csv<W: std::io::Write>(
    mut w: csv::Writer<W>,
    header: impl Iterator<Item = &'static str>,
    rows: impl Iterator<Item = Vec<Cell>>,
    cell: impl Fn(&Cell) -> String,
) -> std::io::Result<()> {
    w.write_record(header)?;
    for row in rows {
        w.write_record(row.iter().map(&cell))?;
    }
    w.flush()
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
/// The sheet is written in the writer's "constant memory" mode: each row
/// goes to a temporary file as it is written, with its strings inline, so
/// that a national archive's table (a third of a million rows, 2 GB as
/// the writer's cells) never sits in memory.
///
/// The document's creation date is fixed to 1 January of `year` (the
/// newest report's year) so that builds stay byte-identical.
pub fn indicators_xlsx(
    rows: impl Iterator<Item = Vec<Cell>>,
    year: i32,
    out: impl std::io::Write + Send,
) -> Result<(), WorkbookError> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(year.clamp(1900, 9999) as u16, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_title("Indikatorer"),
    );
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet_with_constant_memory()?;
    ws.set_name("Indikatorer")?;
    ws.set_freeze_panes(1, 0)?;
    for (c, width) in [(0u16, 40.0), (1, 40.0), (2, 28.0), (7, 50.0)] {
        ws.set_column_width(c, width)?;
    }
    for (c, (_, header)) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *header, &bold)?;
    }
    let mut last_row = 0;
    for (r, row) in rows.enumerate() {
        last_row = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Num(n) => ws.write_number(last_row, c, *n).map(|_| ()),
                Cell::Text(t) | Cell::Coded { label: t, .. } if t.is_empty() => Ok(()),
                Cell::Text(t) | Cell::Coded { label: t, .. } => {
                    ws.write_string(last_row, c, t).map(|_| ())
                }
            }?;
        }
    }
    ws.autofilter(0, 0, last_row, COLUMNS.len() as u16 - 1)?;
    Ok(wb.save_to_writer(out)?)
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

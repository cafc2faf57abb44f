//! Swedish numbers, dates, periods and file sizes, as pages show them;
//! computed numbers rounded for the open data ([`round6`]).

use chrono::{Datelike, NaiveDate};

/// A number the Swedish way: decimal comma, at most two decimals, no
/// trailing zeros, a no-break space between thousands (`1 234,5`), and a
/// real minus sign.
pub fn format_number(v: f64) -> String {
    let rounded = (v * 100.0).round() / 100.0;
    let mut s = format!("{:.2}", rounded.abs());
    while s.ends_with('0') {
        s.pop();
    }
    if s.ends_with('.') {
        s.pop();
    }
    swedish(&s, rounded < 0.0)
}

/// A number the Swedish way with exactly `decimals` decimals, as an
/// editor wrote it: `format_decimals(90.0, 1)` is `90,0`.
pub fn format_decimals(v: f64, decimals: u8) -> String {
    let d = decimals as usize;
    let s = format!("{:.d$}", v.abs());
    let zero = s.bytes().all(|b| b == b'0' || b == b'.');
    swedish(&s, v < 0.0 && !zero)
}

/// A count of things the Swedish way, grouped from 1,000 on: `1 000
/// rapporter`, as the search page's `Intl.NumberFormat("sv-SE")` writes it,
/// so that a count reads the same on every page. (A figure from a report
/// keeps a four-digit number whole, as [`format_number`] does.)
pub fn format_count(n: usize) -> String {
    group(&n.to_string(), 4)
}

/// Digits with a no-break space between groups of three, when there are
/// at least `from` digits.
fn group(int: &str, from: usize) -> String {
    let mut grouped = String::new();
    if int.len() >= from {
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i).is_multiple_of(3) {
                grouped.push('\u{a0}');
            }
            grouped.push(c);
        }
    } else {
        grouped.push_str(int);
    }
    grouped
}

/// `1234.5` (digits and a dot, no sign) → `1 234,5`, with a real minus.
fn swedish(s: &str, negative: bool) -> String {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let grouped = group(int, 5);
    let mut out = String::new();
    if negative {
        out.push('−');
    }
    out.push_str(&grouped);
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// A computed number for machines (open data): rounded to six decimals,
/// so that 62 × 1,1 is written 68.2, not 68.200000000000003.
pub fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// `58,3 %` with a no-break space before the percent sign.
pub fn format_percent(v: f64) -> String {
    format!("{}\u{a0}%", format_number(v))
}

/// A date that may be given to the day, the month or the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartialDate {
    Year(i32),
    Month(i32, u32),
    Day(NaiveDate),
}

impl PartialDate {
    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn parse(s: &str) -> Option<PartialDate> {
        let s = s.trim();
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse::<u32>().ok())
                .flatten()
        };
        match parts.as_slice() {
            [y] => Some(PartialDate::Year(num(y, 4)? as i32)),
            [y, m] => {
                let (y, m) = (num(y, 4)? as i32, num(m, 2)?);
                (1..=12).contains(&m).then_some(PartialDate::Month(y, m))
            }
            [y, m, d] => Some(PartialDate::Day(NaiveDate::from_ymd_opt(
                num(y, 4)? as i32,
                num(m, 2)?,
                num(d, 2)?,
            )?)),
            _ => None,
        }
    }

    pub fn year(&self) -> i32 {
        match self {
            PartialDate::Year(y) | PartialDate::Month(y, _) => *y,
            PartialDate::Day(d) => d.year(),
        }
    }

    /// ISO form, as written in data files.
    pub fn iso(&self) -> String {
        match self {
            PartialDate::Year(y) => format!("{y:04}"),
            PartialDate::Month(y, m) => format!("{y:04}-{m:02}"),
            PartialDate::Day(d) => d.format("%Y-%m-%d").to_string(),
        }
    }

    /// Swedish form: `12 mars 2024`, `mars 2024`, `2024`.
    pub fn swedish(&self) -> String {
        match self {
            PartialDate::Year(y) => y.to_string(),
            PartialDate::Month(y, m) => {
                format!(
                    "{} {y}",
                    super::words::MONTHS[(*m as usize).saturating_sub(1) % 12]
                )
            }
            PartialDate::Day(d) => d
                .format_localized("%-d %B %Y", chrono::Locale::sv_SE)
                .to_string(),
        }
    }
}

/// A period as written in a report ("2022", "feb 2023", "2023-12"): ISO
/// dates become Swedish, anything else is shown as written.
pub fn format_period(s: &str) -> String {
    PartialDate::parse(s).map_or_else(|| s.trim().to_string(), |d| d.swedish())
}

/// `245 kB`, `1,2 MB` (decimal units, as file managers show them).
pub fn format_size(bytes: u64) -> String {
    let b = bytes as f64;
    if bytes < 1000 {
        format!("{bytes}\u{a0}byte")
    } else if b < 1e6 {
        format!("{}\u{a0}kB", format_number((b / 1e3).round()))
    } else if b < 1e9 {
        format!("{}\u{a0}MB", format_number((b / 1e5).round() / 10.0))
    } else {
        format!("{}\u{a0}GB", format_number((b / 1e8).round() / 10.0))
    }
}

/// A Swedish name of a file's type from its extension.
pub fn file_type(name: &str) -> String {
    let base = name.rsplit('/').next().unwrap_or(name);
    let ext = base
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => "PDF".into(),
        "doc" | "docx" | "odt" | "rtf" => "Word-dokument".into(),
        "xls" | "xlsx" | "ods" | "csv" => "Excel-fil".into(),
        "ppt" | "pptx" | "odp" => "PowerPoint-presentation".into(),
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" => "Bild".into(),
        "txt" | "md" => "Textfil".into(),
        "html" | "htm" => "Webbsida".into(),
        "zip" => "Zip-arkiv".into(),
        "" => "Fil".into(),
        other if other.len() <= 5 && other.bytes().all(|b| b.is_ascii_alphanumeric()) => {
            other.to_uppercase()
        }
        _ => "Fil".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(format_percent(58.3), "58,3\u{a0}%");
        assert_eq!(format_number(3.0), "3");
        assert_eq!(format_number(-10.0), "−10");
        assert_eq!(format_number(1.25), "1,25");
        assert_eq!(format_number(1234.0), "1234");
        assert_eq!(format_number(12345.5), "12\u{a0}345,5");
        assert_eq!(round6(62.0 * 1.1), 68.2);
        assert_eq!(round6((58.3 + 64.7) / 2.0), 61.5);
    }
    #[test]
    fn dates() {
        assert_eq!(
            PartialDate::parse("2024-03-12").unwrap().swedish(),
            "12 mars 2024"
        );
        assert_eq!(
            PartialDate::parse("2023-12").unwrap().swedish(),
            "december 2023"
        );
        assert_eq!(PartialDate::parse("2023").unwrap().swedish(), "2023");
        assert!(PartialDate::parse("2024-02-30").is_none());
        assert!(PartialDate::parse("2024-13").is_none());
        assert!(PartialDate::parse("24-01-03").is_none());
        assert_eq!(format_period("feb 2023"), "feb 2023");
        assert_eq!(format_period("2023-12"), "december 2023");
    }
    #[test]
    fn sizes_and_types() {
        assert_eq!(format_size(245_000), "245\u{a0}kB");
        assert_eq!(format_size(1_234_567), "1,2\u{a0}MB");
        assert_eq!(file_type("bilaga-1.PDF"), "PDF");
        assert_eq!(file_type("rutin.docx"), "Word-dokument");
    }

    #[test]
    fn decimals_as_written() {
        use crate::content::{Num, Unit};
        assert_eq!(format_decimals(90.0, 1), "90,0");
        assert_eq!(format_decimals(58.3, 2), "58,30");
        assert_eq!(format_decimals(3.0, 0), "3");
        assert_eq!(format_decimals(-2.5, 1), "−2,5");
        assert_eq!(format_decimals(-0.04, 1), "0,0");
        assert_eq!(format_decimals(12345.25, 2), "12\u{a0}345,25");
        let n = |t: &str| Num::parse(t).unwrap();
        assert_eq!(
            n("90.0"),
            Num {
                value: 90.0,
                decimals: 1
            }
        );
        assert_eq!(
            n("3"),
            Num {
                value: 3.0,
                decimals: 0
            }
        );
        assert_eq!(n("-2.50").decimals, 2);
        assert_eq!(
            n("1.5e1"),
            Num {
                value: 15.0,
                decimals: 0
            }
        );
        assert!(Num::parse("Ej mätbart").is_none());
        assert!(Num::parse("inf").is_none());
        assert_eq!(Num::from(58.3).decimals, 1);
        assert_eq!(Num::from(90.0).decimals, 0);
        assert_eq!(Unit::Percent.show_num(n("90.0")), "90,0\u{a0}%");
        assert_eq!(Unit::Percent.show(90.0), "90\u{a0}%");
        assert_eq!(Unit::Count.show_num(n("12")), "12");
    }
}

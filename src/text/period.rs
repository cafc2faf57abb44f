//! Periods and dates as reports write them ("211231", "24-01-03", "18/2
//! 2025", "Feb 2023", "2023-12"), read where they can be and shown in
//! words ("31 dec 2021", "3 jan 2024", "18 feb 2025", "feb 2023", "dec
//! 2023"). Two-digit years are read the Swedish way (ÅÅMMDD, ÅÅ-MM-DD)
//! unless only the other order (DD-MM-ÅÅ) gives a date near the report's
//! year; where both do, the period is ambiguous: shown as written, and
//! `check` warns (W018). Anything else is shown as written.

use chrono::NaiveDate;

use super::PartialDate;

/// What a written period says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Period {
    /// A date, month or year.
    Read(PartialDate),
    /// Two dates at once ("21-01-22" in 2022: 22 jan 2021 or 21 jan 2022).
    Ambiguous(NaiveDate, NaiveDate),
    /// Not a date ("Helår 2024", "förbättringsarbetets start").
    AsWritten,
}

/// Month names and abbreviations, Swedish and English, lower case.
fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    let m = match w.as_str() {
        "jan" | "januari" | "january" => 1,
        "feb" | "febr" | "februari" | "february" => 2,
        "mar" | "mars" | "march" => 3,
        "apr" | "april" => 4,
        "maj" | "may" => 5,
        "jun" | "juni" | "june" => 6,
        "jul" | "juli" | "july" => 7,
        "aug" | "augusti" | "august" => 8,
        "sep" | "sept" | "september" => 9,
        "okt" | "oktober" | "oct" | "october" => 10,
        "nov" | "november" => 11,
        "dec" | "december" => 12,
        _ => return None,
    };
    Some(m)
}

fn digits(s: &str, len: usize) -> Option<u32> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// A four-digit year, or a two-digit one in this century.
fn year_of(s: &str) -> Option<i32> {
    digits(s, 4)
        .map(|y| y as i32)
        .or_else(|| digits(s, 2).map(|y| 2000 + y as i32))
}

/// Day-month-year, in that order of arguments.
fn dmy(d: u32, m: u32, y: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The two readings of three two-digit parts: ÅÅ MM DD and DD MM ÅÅ.
fn two_readings(a: u32, b: u32, c: u32, year: i32) -> Period {
    let swedish = dmy(c, b, 2000 + a as i32);
    let other = dmy(a, b, 2000 + c as i32);
    let near = |d: &NaiveDate| (year - 3..=year + 1).contains(&chrono::Datelike::year(d));
    match (swedish, other) {
        (Some(s), Some(o)) if s == o => Period::Read(PartialDate::Day(s)),
        (Some(s), Some(o)) => match (near(&s), near(&o)) {
            (true, false) => Period::Read(PartialDate::Day(s)),
            (false, true) => Period::Read(PartialDate::Day(o)),
            _ => Period::Ambiguous(s, o),
        },
        (Some(d), None) | (None, Some(d)) => Period::Read(PartialDate::Day(d)),
        (None, None) => Period::AsWritten,
    }
}

/// Reads a period written in a report of programme year `year`.
pub fn read_period(s: &str, year: i32) -> Period {
    let s = s.trim();
    if let Some(p) = PartialDate::parse(s) {
        return Period::Read(p);
    }
    // 211231, 20211231
    if let Some(n) = digits(s, 8) {
        return dmy(n % 100, n / 100 % 100, (n / 10000) as i32)
            .map_or(Period::AsWritten, |d| Period::Read(PartialDate::Day(d)));
    }
    if digits(s, 6).is_some() {
        let part = |i: usize| digits(&s[i..i + 2], 2).unwrap_or(0);
        return two_readings(part(0), part(2), part(4), year);
    }
    // 24-01-03, 24.01.03
    let parts: Vec<&str> = s.split(['-', '.']).collect();
    if let [a, b, c] = parts.as_slice() {
        if let (Some(a), Some(b), Some(c)) = (digits(a, 2), digits(b, 2), digits(c, 2)) {
            return two_readings(a, b, c, year);
        }
    }
    // 18/2 2025, 18/2-2025, 18/2/2025: day/month the Swedish way.
    if let Some((dm, y)) = s
        .split_once([' ', '-'])
        .or_else(|| s.rsplit_once('/').filter(|(dm, _)| dm.contains('/')))
    {
        if let (Some((d, m)), Some(y)) = (dm.trim().split_once('/'), year_of(y.trim())) {
            if let (Ok(d), Ok(m)) = (d.parse::<u32>(), m.parse::<u32>()) {
                return match (dmy(d, m, y), dmy(m, d, y)) {
                    (Some(date), _) => Period::Read(PartialDate::Day(date)),
                    (None, Some(us)) => Period::Ambiguous(us, us),
                    (None, None) => Period::AsWritten,
                };
            }
        }
    }
    // feb 2023, 16 dec 2025, December 2023
    let words: Vec<&str> = s.split_whitespace().collect();
    match words.as_slice() {
        [m, y] => match (month(m), digits(y, 4)) {
            (Some(m), Some(y)) => Period::Read(PartialDate::Month(y as i32, m)),
            _ => Period::AsWritten,
        },
        [d, m, y] => match (
            d.trim_end_matches('.').parse::<u32>(),
            month(m),
            digits(y, 4),
        ) {
            (Ok(d), Some(m), Some(y)) => {
                dmy(d, m, y as i32).map_or(Period::AsWritten, |d| Period::Read(PartialDate::Day(d)))
            }
            _ => Period::AsWritten,
        },
        _ => Period::AsWritten,
    }
}

/// A date in short words: "31 dec 2021", "feb 2023", "2022".
pub fn short_swedish(p: &PartialDate) -> String {
    use chrono::Datelike;
    match p {
        PartialDate::Year(y) => y.to_string(),
        PartialDate::Month(y, m) => {
            format!("{} {y}", super::words::MONTHS_SHORT[(*m as usize - 1) % 12])
        }
        PartialDate::Day(d) => format!(
            "{} {} {}",
            d.day(),
            super::words::MONTHS_SHORT[d.month0() as usize],
            d.year()
        ),
    }
}

/// A period as pages show it: in words where it can be read, else as
/// written.
pub fn show_period(s: &str, year: i32) -> String {
    match read_period(s, year) {
        Period::Read(p) => short_swedish(&p),
        Period::Ambiguous(..) | Period::AsWritten => s.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_as_the_real_reports_write_them() {
        for (written, year, shown) in [
            ("211231", 2022, "31 dec 2021"),
            ("221231", 2022, "31 dec 2022"),
            ("24-01-03", 2024, "3 jan 2024"),
            ("24-11-13", 2024, "13 nov 2024"),
            ("18/2 2025", 2025, "18 feb 2025"),
            ("16 dec 2025", 2025, "16 dec 2025"),
            ("feb 2023", 2023, "feb 2023"),
            ("Feb 2023", 2023, "feb 2023"),
            ("november 2024", 2024, "nov 2024"),
            ("2023-12", 2023, "dec 2023"),
            ("2022", 2022, "2022"),
            ("20240103", 2024, "3 jan 2024"),
            ("Helår 2024", 2025, "Helår 2024"),
            ("11 november", 2024, "11 november"),
            (
                "förbättringsarbetets start",
                2024,
                "förbättringsarbetets start",
            ),
            (
                "Februari 2025 samt jan 2026",
                2025,
                "Februari 2025 samt jan 2026",
            ),
        ] {
            assert_eq!(show_period(written, year), shown, "{written}");
        }
    }

    #[test]
    fn two_digit_years_that_read_both_ways_are_ambiguous() {
        // 22 jan 2021 or 21 jan 2022: both near a 2022 report.
        assert!(matches!(
            read_period("21-01-22", 2022),
            Period::Ambiguous(..)
        ));
        assert_eq!(show_period("21-01-22", 2022), "21-01-22");
        // Only the day-first reading is near 2022: 3 apr 2022.
        assert_eq!(show_period("03-04-22", 2022), "3 apr 2022");
        // The same date either way.
        assert_eq!(show_period("22-01-22", 2022), "22 jan 2022");
        // Month first (4/18 2024) cannot be Swedish: kept, and marked.
        assert!(matches!(
            read_period("4/18 2024", 2024),
            Period::Ambiguous(..)
        ));
        assert_eq!(read_period("31/13 2024", 2024), Period::AsWritten);
        assert_eq!(read_period("991399", 2024), Period::AsWritten);
    }
}

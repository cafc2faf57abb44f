//! The privacy guard: finds Swedish personnummer and samordningsnummer in
//! report text and in the text of attachments, so that a patient's identity
//! number is never published.
//!
//! A number is reported when all of these hold:
//!
//! - **Shape.** 10 digits (`YYMMDDNNNC`) or 12 digits (`CCYYMMDDNNNC`), with
//!   `-`, `+` or no separator between the date and the last four digits
//!   (`121212-1212`, `19121212+1212`, `201212121212`). `+` is accepted only
//!   as that separator.
//! - **Standing alone.** The number is not part of a longer run of digits or
//!   letters: the characters just before and after it are neither (`_`,
//!   punctuation, spaces and the ends of the text are all fine).
//! - **Century.** A 12-digit number starts with 18, 19 or 20.
//! - **Date.** `YYMMDD` is a real date (for a 10-digit number, in any of the
//!   centuries 1800–2000). A samordningsnummer has 60 added to the day, so its
//!   day is 61–91 and the day minus 60 must make a real date.
//! - **Check digit.** The Luhn check over the 10-digit form `YYMMDDNNNC`
//!   holds.
//!
//! Dates (`2024-01-31`, `20240131`) and figures (`58.3`) are too short to
//! match, and phone numbers written as usual with spaces or a hyphen after
//! the 2–4 digit area code (`08-123 456 78`, `070-123 45 67`) do not have the
//! shape. One phone form does: a mobile number written as one bare run of ten
//! digits (`0701234569`) can pass both the date and the Luhn check. So
//! **a bare ten-digit run that starts with `07` is read as a Swedish mobile
//! number (070, 072, 073, 076, 079) and not reported**. The personnummer of
//! someone born in 2007 is still found when written the usual ways, with its
//! separator (`070123-4569`) or its century (`200701234569`).
//!
//! Diagnostics never show a whole number: [`Hit::masked`] keeps the date
//! part and the separator and hides the last four digits (`121212-****`).

use std::collections::HashSet;
use std::fmt;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

/// One possible personnummer or samordningsnummer in a text.
#[derive(Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte offset of the number's first digit.
    pub start: usize,
    /// Byte offset just after the number.
    pub end: usize,
    /// The number with its last four digits hidden: `121212-****`.
    pub masked: String,
    /// The 10-digit form `YYMMDDNNNC`, for the allow list. Never printed.
    ten: String,
}

impl Hit {
    /// The 10-digit form (`YYMMDDNNNC`) the allow list compares.
    fn key(&self) -> &str {
        &self.ten
    }
}

/// Shows only the masked form, so that a failing test or a debug print
/// never reveals a number.
impl fmt::Debug for Hit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hit({}..{}, {})", self.start, self.end, self.masked)
    }
}

/// The numbers `site.toml` `[privacy] allow` lets through, compared by
/// their digits only: `19121212-1212`, `121212-1212` and `1212121212` are
/// the same entry (the last ten digits are compared).
#[derive(Debug, Default, Clone)]
pub struct Allow {
    keys: HashSet<String>,
    /// `[privacy] allow_emails`: the addresses an attachment may hold.
    emails: super::emails::AllowEmails,
}

impl Allow {
    pub fn new<S: AsRef<str>>(entries: &[S]) -> Allow {
        let keys = entries
            .iter()
            .map(|e| {
                let digits: String = e.as_ref().chars().filter(char::is_ascii_digit).collect();
                last_ten(&digits).to_string()
            })
            .collect();
        Allow {
            keys,
            emails: Default::default(),
        }
    }

    /// The same list with the e-mail addresses attachments may hold.
    pub fn with_emails<S: AsRef<str>>(mut self, addresses: &[S]) -> Allow {
        self.emails = super::emails::AllowEmails::new(addresses);
        self
    }

    pub fn emails(&self) -> &super::emails::AllowEmails {
        &self.emails
    }

    /// Whether a hit is in the allow list.
    pub fn allows(&self, hit: &Hit) -> bool {
        self.keys.contains(hit.key())
    }
}

fn last_ten(digits: &str) -> &str {
    if digits.len() == 12 {
        &digits[2..]
    } else {
        digits
    }
}

/// The shape: 8 or 6 date digits (8 tried first, so that a 12-digit run is
/// read whole), an optional separator, four digits.
static SHAPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([0-9]{8}|[0-9]{6})([-+]?)([0-9]{4})").expect("valid regex"));

/// Every possible personnummer or samordningsnummer in `text`, in order.
pub fn find(text: &str) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut at = 0;
    while let Some(c) = SHAPE.captures_at(text, at) {
        let whole = c.get(0).expect("match");
        let (start, end) = (whole.start(), whole.end());
        let alone = !text[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            && !text[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
        let hit = if alone {
            check(&c[1], &c[2], &c[3]).map(|(masked, ten)| Hit {
                start,
                end,
                masked,
                ten,
            })
        } else {
            None
        };
        match hit {
            Some(h) => {
                hits.push(h);
                at = end;
            }
            // A number standing alone may begin inside a candidate that
            // failed (after its separator): look again one byte further.
            // The regex only matches ASCII, so `start + 1` is a boundary.
            None => at = start + 1,
        }
    }
    hits
}

/// `text` with every possible personnummer replaced by its masked form.
pub fn mask_all(text: &str) -> String {
    let hits = find(text);
    if hits.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for h in hits {
        out.push_str(&text[last..h.start]);
        out.push_str(&h.masked);
        last = h.end;
    }
    out.push_str(&text[last..]);
    out
}

/// Checks one candidate: `date` is `YYMMDD` or `CCYYMMDD`, `sep` is `-`,
/// `+` or empty, `tail` is `NNNC`. Returns the masked and 10-digit forms.
fn check(date: &str, sep: &str, tail: &str) -> Option<(String, String)> {
    let two = |s: &str, i: usize| s[i..i + 2].parse::<u32>().unwrap_or(0);
    let (centuries, short): (&[u32], &str) = if date.len() == 8 {
        match two(date, 0) {
            18 => (&[1800], &date[2..]),
            19 => (&[1900], &date[2..]),
            20 => (&[2000], &date[2..]),
            _ => return None,
        }
    } else if sep.is_empty() && date.starts_with("07") {
        // A bare ten-digit run starting with 07 is a mobile number.
        return None;
    } else {
        (&[1800, 1900, 2000], date)
    };
    let (yy, month, day) = (two(short, 0), two(short, 2), two(short, 4));
    // Samordningsnummer: the day plus 60.
    let day = if (61..=91).contains(&day) {
        day - 60
    } else {
        day
    };
    let real_date = centuries
        .iter()
        .any(|c| NaiveDate::from_ymd_opt((c + yy) as i32, month, day).is_some());
    if !real_date {
        return None;
    }
    let ten = format!("{short}{tail}");
    if !luhn(&ten) {
        return None;
    }
    Some((format!("{date}{sep}****"), ten))
}

/// The Luhn check over ten ASCII digits: weights 2, 1, 2, … over the first
/// nine, digit sums of the products, and the tenth makes the sum a
/// multiple of ten.
fn luhn(ten: &str) -> bool {
    let sum: u32 = ten
        .bytes()
        .enumerate()
        .map(|(i, d)| {
            let v = u32::from(d - b'0') * if i % 2 == 0 { 2 } else { 1 };
            v / 10 + v % 10
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, the masked hits expected)
    const CASES: &[(&str, &[&str])] = &[
        // Personnummer, every shape.
        ("121212-1212", &["121212-****"]),
        ("1212121212", &["121212****"]),
        ("121212+1212", &["121212+****"]),
        ("19121212-1212", &["19121212-****"]),
        ("19121212+1212", &["19121212+****"]),
        ("191212121212", &["19121212****"]),
        ("201212121212", &["20121212****"]),
        ("18121212-1212", &["18121212-****"]),
        ("811218-9876", &["811218-****"]),
        ("640823-3234", &["640823-****"]),
        ("000229-0005", &["000229-****"]),
        ("991231-9994", &["991231-****"]),
        // Samordningsnummer: day + 60.
        ("701063-2391", &["701063-****"]),
        ("7010632391", &["701063****"]),
        ("19701063-2391", &["19701063-****"]),
        // In running text, punctuation and Markdown around it.
        ("Patient 121212-1212 ringde.", &["121212-****"]),
        ("(121212-1212)", &["121212-****"]),
        ("_121212-1212_", &["121212-****"]),
        ("**19121212-1212**,", &["19121212-****"]),
        ("pnr:121212-1212", &["121212-****"]),
        (
            "121212-1212 och 811218-9876",
            &["121212-****", "811218-****"],
        ),
        ("åäö 121212-1212 ö", &["121212-****"]),
        // A 2007-born's number written with separator or century.
        ("070123-4569", &["070123-****"]),
        ("200701234569", &["20070123****"]),
        // Not flagged: dates.
        ("2024-01-31", &[]),
        ("20240131", &[]),
        ("2024-01-31 – 2024-12-31", &[]),
        ("20240101-20241231", &[]),
        // Not flagged: phone numbers.
        ("08-123 456 78", &[]),
        ("070-123 45 67", &[]),
        ("0701234567", &[]),
        ("0701234569", &[]),
        ("070-1234569", &[]),
        ("+46 70 123 45 69", &[]),
        // Not flagged: indicator figures and other numbers.
        ("58.3", &[]),
        ("58,3 %", &[]),
        ("1 234 567", &[]),
        // Not flagged: wrong check digit.
        ("121212-1213", &[]),
        ("1212121213", &[]),
        ("19121212-1213", &[]),
        // Not flagged: not a date.
        ("121312-1212", &[]),
        ("121232-1212", &[]),
        ("010229-0004", &[]),
        ("701092-0002", &[]),
        ("121260-1213", &[]),
        ("121200-1216", &[]),
        ("130229-1214", &[]),
        ("1234567890", &[]),
        ("9999999999", &[]),
        // Not flagged: 12 digits with another century.
        ("211212121212", &[]),
        ("17121212-1212", &[]),
        // Not flagged: part of a longer run of digits or letters.
        ("12121212121", &[]),
        ("01212121212", &[]),
        ("1212121212123", &[]),
        ("x121212-1212", &[]),
        ("121212-1212a", &[]),
        ("ID121212121212", &[]),
        ("121212--1212", &[]),
        ("121212 1212", &[]),
    ];

    #[test]
    fn table_of_cases() {
        assert!(CASES.len() >= 25);
        let mut failures = Vec::new();
        for (text, want) in CASES {
            let got: Vec<String> = find(text).into_iter().map(|h| h.masked).collect();
            if got != *want {
                failures.push(format!("{text:?}: got {got:?}, want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn offsets_point_at_the_number() {
        let text = "Möte med 121212-1212 idag";
        let hits = find(text);
        assert_eq!(hits.len(), 1);
        assert_eq!(&text[hits[0].start..hits[0].end], "121212-1212");
    }

    #[test]
    fn standalone_number_after_a_failed_candidate() {
        // "1234567-1212121212": the first candidate fails, the number after
        // the hyphen stands alone.
        let hits = find("1234567-1212121212");
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].masked, "121212****");
        assert_eq!(hits[0].start, 8);
    }

    #[test]
    fn allow_list_compares_digits() {
        let allow = Allow::new(&["19121212-1212", " 811218 9876 "]);
        for text in ["121212-1212", "1212121212", "19121212+1212", "811218-9876"] {
            let hits = find(text);
            assert_eq!(hits.len(), 1, "{text}");
            assert!(allow.allows(&hits[0]), "{text}");
        }
        let other = find("640823-3234");
        assert!(!allow.allows(&other[0]));
        assert!(!Allow::default().allows(&find("121212-1212")[0]));
    }

    #[test]
    fn debug_and_mask_never_show_the_number() {
        let hits = find("121212-1212");
        assert!(!format!("{hits:?}").contains("1212-1212"));
        assert_eq!(
            mask_all("a 121212-1212 b 19811218-9876"),
            "a 121212-**** b 19811218-****"
        );
        assert_eq!(mask_all("inget"), "inget");
    }

    #[test]
    fn luhn_check() {
        assert!(luhn("1212121212"));
        assert!(luhn("7010632391"));
        assert!(!luhn("1212121213"));
    }
}

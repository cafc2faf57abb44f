//! Small text helpers used across modules: slugs, HTML escaping,
//! capitalising, the shared stop words, Swedish numbers, dates and file
//! sizes.

use chrono::{Datelike, NaiveDate};

/// `a-z`, `0-9` and single inner `-`, as URLs of reports and topics need.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// Decodes `%XX` escapes (UTF-8); `None` for a broken escape or bytes that
/// are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    String::from_utf8(percent_bytes(s, true)?).ok()
}

/// Percent-decoding for old addresses as they are found: a broken escape
/// stays as written, and bytes that are not UTF-8 (a Latin-1 `%E4`) become
/// U+FFFD instead of failing.
pub fn percent_decode_lossy(s: &str) -> String {
    let bytes = percent_bytes(s, false).unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The bytes of a percent-encoded text; with `strict`, `None` for a broken
/// escape, else the escape is kept as written.
fn percent_bytes(s: &str, strict: bool) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            match s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                Some(v) => {
                    out.push(v);
                    i += 3;
                    continue;
                }
                None if strict => return None,
                None => {}
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    Some(out)
}

/// A YAML double-quoted string (control characters become spaces).
pub fn yaml_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Escapes text for HTML, SVG and XML content and attribute values (pages,
/// charts, feeds, redirect pages and serve's error pages all share it).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The first letter in upper case, the rest as written ("utgångsläge 3" →
/// "Utgångsläge 3").
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Swedish function words that both the search index and the related
/// reports leave out, sorted by bytes (for [`is_stop_word`]).
///
/// Each use adds its own words beside this list, and a word is in exactly
/// one place: the search index adds the rest of Snowball's Swedish stop
/// list (`search::swedish`), the related reports add words that are common
/// in improvement reports but say nothing about their subject (`related`).
/// This list is what the two have in common, not a list of its own.
pub const STOP_WORDS: &[&str] = &[
    "alla", "att", "av", "blev", "blir", "de", "dem", "den", "denna", "dessa", "det", "detta",
    "där", "efter", "eller", "en", "ett", "från", "för", "hade", "har", "hur", "inom", "inte",
    "kan", "man", "med", "men", "mot", "mycket", "när", "något", "några", "och", "om", "på", "sig",
    "sin", "sina", "skulle", "som", "till", "under", "utan", "vad", "var", "vara", "varit", "vid",
    "vår", "våra", "vårt", "över",
];

/// Whether a lower-case word is one of the shared [`STOP_WORDS`].
pub fn is_stop_word(lower: &str) -> bool {
    STOP_WORDS.binary_search(&lower).is_ok()
}

/// A URL slug; Swedish letters are transliterated ("Psykisk ohälsa" →
/// `psykisk-ohalsa`).
pub fn slugify(s: &str) -> String {
    slug::slugify(s)
}

/// A number the Swedish way: decimal comma, at most two decimals, no
/// trailing zeros, a no-break space between thousands (`1 234,5`), and a
/// real minus sign.
pub fn format_number(v: f64) -> String {
    let rounded = (v * 100.0).round() / 100.0;
    let negative = rounded < 0.0;
    let abs = rounded.abs();
    let mut s = format!("{abs:.2}");
    while s.ends_with('0') {
        s.pop();
    }
    if s.ends_with('.') {
        s.pop();
    }
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut grouped = String::new();
    if int.len() > 4 {
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push('\u{a0}');
            }
            grouped.push(c);
        }
    } else {
        grouped.push_str(int);
    }
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
                format!("{} {y}", MONTHS[(*m as usize).saturating_sub(1) % 12])
            }
            PartialDate::Day(d) => d
                .format_localized("%-d %B %Y", chrono::Locale::sv_SE)
                .to_string(),
        }
    }
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

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

/// The candidate closest to `word`, if one is close enough to suggest
/// ("did you mean …?"): normalised Damerau–Levenshtein of at least 0.6.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::normalized_damerau_levenshtein(&word, &c.to_lowercase()),
                c,
            )
        })
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

// --- added by content helper: text from bytes of an unknown encoding, and
// the URL and summary helpers that were in `content/validate.rs`.

/// `bytes` without a leading UTF-8 byte-order mark (which Windows editors
/// write at the start of a file).
pub fn strip_utf8_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
}

/// The text of a file whose encoding is not known, never failing: for
/// files that are read, not published as text (attachments the privacy
/// guard scans, old pages of links). UTF-8 when it is valid (a BOM
/// dropped); else the byte-order mark's encoding (UTF-8 or UTF-16, invalid
/// sequences replaced); else the charset the text declares (`charset=…` in
/// its first 2 kB, as an HTML page does); else Windows-1252, what Windows
/// saves as "ANSI" (a superset of ISO-8859-1). Every encoding used keeps
/// ASCII as ASCII, so digits and markup survive whatever the guess.
/// Report files are stricter: see `content::frontmatter::decode`.
pub fn decode_lossy(bytes: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(strip_utf8_bom(bytes)) {
        return s.to_string();
    }
    let encoding = declared_charset(bytes).map_or(encoding_rs::WINDOWS_1252, |e| {
        // A declared UTF-16 (or one of the labels that decode to nothing)
        // cannot be right for text whose declaration was read as ASCII.
        e.output_encoding()
    });
    // `decode` lets a byte-order mark override the encoding given.
    encoding.decode(bytes).0.into_owned()
}

/// The encoding named by the first `charset=` in the first 2 kB.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let rest = head.split("charset=").nth(1)?;
    let label: String = rest
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

/// Percent-encodes the ASCII characters that may not stand raw in a URL
/// (`<`, `>`, `"`, space, …), leaving everything else as written.
pub fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' | '"' | '<' | '>' | '`' | '{' | '}' | '|' | '\\' | '^' => {
                out.push_str(&format!("%{:02X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// Cuts a text at a word boundary, adding "…" when it was cut.
pub fn truncate_words(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    let cut: String = s.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

#[cfg(test)]
mod content_helper_tests {
    use super::*;

    #[test]
    fn decodes_any_encoding() {
        // UTF-8, with or without BOM.
        assert_eq!(decode_lossy("Nyhälsan".as_bytes()), "Nyhälsan");
        assert_eq!(decode_lossy(b"\xEF\xBB\xBFabc"), "abc");
        // A BOM decides, invalid sequences replaced.
        assert_eq!(decode_lossy(b"\xFF\xFEa\x00b\x00"), "ab");
        assert_eq!(decode_lossy(b"\xFE\xFF\x00a\x00b"), "ab");
        assert_eq!(decode_lossy(b"\xEF\xBB\xBF\xD6 1"), "\u{FFFD} 1");
        // The declared charset, else Windows-1252.
        let page = b"<meta charset=\"iso-8859-1\"><a href=\"x.pdf\">Nyh\xe4lsan \xc5ngest</a>";
        assert!(decode_lossy(page).contains("Nyhälsan Ångest"));
        assert_eq!(decode_lossy(b"<a>Nyh\xe4lsan</a>"), "<a>Nyhälsan</a>");
        assert_eq!(decode_lossy(b"\xD6 121212-1212 \x80"), "Ö 121212-1212 €");
        // A declared UTF-16 cannot be: the declaration was read as ASCII.
        let utf16 = b"<meta charset=utf-16>121212-1212 \xff";
        assert!(decode_lossy(utf16).contains("121212-1212"));
    }

    #[test]
    fn urls_and_summaries() {
        assert_eq!(
            encode_url("https://e.se/a b\"<c>.pdf"),
            "https://e.se/a%20b%22%3Cc%3E.pdf"
        );
        assert_eq!(encode_url("https://e.se/å"), "https://e.se/å");
        assert_eq!(truncate_words("ett två tre", 100), "ett två tre");
        assert_eq!(truncate_words("ett två tre fyra", 9), "ett två…");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Psykisk ohälsa"), "psykisk-ohalsa");
        assert_eq!(slugify("Brommaplans VC"), "brommaplans-vc");
        assert_eq!(slugify("Öxnehaga Ålsta Ä"), "oxnehaga-alsta-a");
        assert!(is_slug("kry-vallentuna-sip"));
        assert!(!is_slug("Kry_Vallentuna"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug(""));
    }

    #[test]
    fn escaping_and_capitals() {
        assert_eq!(
            escape_html(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
        assert_eq!(capitalise("öka 10 %"), "Öka 10 %");
        assert_eq!(capitalise(""), "");
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stop_word("och") && is_stop_word("över") && !is_stop_word("plan"));
    }

    #[test]
    fn numbers() {
        assert_eq!(format_percent(58.3), "58,3\u{a0}%");
        assert_eq!(format_number(3.0), "3");
        assert_eq!(format_number(-10.0), "−10");
        assert_eq!(format_number(1.25), "1,25");
        assert_eq!(format_number(1234.0), "1234");
        assert_eq!(format_number(12345.5), "12\u{a0}345,5");
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
}

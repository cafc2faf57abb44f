//! A document's own date: when it was last saved, as the file itself says
//! (Word's `docProps/core.xml` `dcterms:modified`, else `created`; a PDF's
//! Info `ModDate`, else `CreationDate`). `arkiv import` orders several
//! versions of one report by it (a file's modification time changes when
//! it is copied or mailed; this date does not), then by the file's time.
//!
//! Both are read from the bytes as they are, without the readers of
//! `docx/` and `crate::pdf`: a date is a few bytes at a known place.

use std::io::Read;
use std::sync::LazyLock;

use regex::bytes::Regex;

/// `YYYY-MM-DDTHH:MM:SS` (UTC when the file says so; otherwise as written),
/// so that dates compare as text.
pub type DocDate = String;

/// The date of a Word file.
pub fn docx(bytes: &[u8]) -> Option<DocDate> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let part = zip.by_name("docProps/core.xml").ok()?;
    let mut xml = String::new();
    part.take(1 << 20).read_to_string(&mut xml).ok()?;
    ["modified", "created"]
        .iter()
        .find_map(|tag| element(&xml, &format!("dcterms:{tag}")))
        .and_then(|t| normalise(&t))
}

/// The text of the first `<name …>text</name>` in `xml`.
fn element(xml: &str, name: &str) -> Option<String> {
    let start = xml.find(&format!("<{name}"))?;
    let open_end = start + xml[start..].find('>')? + 1;
    let close = open_end + xml[open_end..].find(&format!("</{name}>"))?;
    Some(xml[open_end..close].trim().to_string())
}

/// `2025-01-31T10:00:00Z` → `2025-01-31T10:00:00`; a date alone gets
/// midnight.
fn normalise(t: &str) -> Option<DocDate> {
    let t = t.trim().trim_end_matches('Z');
    let (date, time) = t.split_once('T').unwrap_or((t, ""));
    let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
    let mut d = date.split('-');
    let (y, m, day) = (d.next()?, d.next()?, d.next()?);
    if !(digits(y, 4) && digits(m, 2) && digits(day, 2)) {
        return None;
    }
    let mut hms = time.split(':').map(|p| p.get(..2).unwrap_or(""));
    let mut next = || hms.next().filter(|p| digits(p, 2)).unwrap_or("00");
    let (h, min, sec) = (next(), next(), next());
    Some(format!("{y}-{m}-{day}T{h}:{min}:{sec}"))
}

static PDF_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/(ModDate|CreationDate)\s*\(D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?")
        .expect("valid regex")
});

/// The date of a PDF: the last `ModDate` (an incremental save appends a
/// new one), else the last `CreationDate`.
pub fn pdf(bytes: &[u8]) -> Option<DocDate> {
    let mut modified = None;
    let mut created = None;
    for c in PDF_DATE.captures_iter(bytes) {
        let part = |i: usize, default: &str| {
            c.get(i).map_or(default.to_string(), |m| {
                String::from_utf8_lossy(m.as_bytes()).into_owned()
            })
        };
        let date = format!(
            "{}-{}-{}T{}:{}:{}",
            part(2, "0000"),
            part(3, "01"),
            part(4, "01"),
            part(5, "00"),
            part(6, "00"),
            part(7, "00")
        );
        if &c[1] == b"ModDate" {
            modified = Some(date);
        } else {
            created = Some(date);
        }
    }
    modified.or(created)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_from_the_info_dictionary() {
        let bytes = b"%PDF-1.4\n1 0 obj << /CreationDate (D:20250131120000+01'00') /ModDate(D:20250220093000Z) >>\n%%EOF";
        assert_eq!(pdf(bytes).as_deref(), Some("2025-02-20T09:30:00"));
        assert_eq!(
            pdf(b"<< /CreationDate (D:2024) >>").as_deref(),
            Some("2024-01-01T00:00:00")
        );
        assert_eq!(pdf(b"%PDF-1.4 no dates"), None);
    }

    #[test]
    fn word_dates_normalised() {
        assert_eq!(
            normalise("2025-01-31T10:00:00Z").as_deref(),
            Some("2025-01-31T10:00:00")
        );
        assert_eq!(
            normalise("2025-01-31").as_deref(),
            Some("2025-01-31T00:00:00")
        );
        assert_eq!(normalise("igår"), None);
        let xml = "<cp:coreProperties><dcterms:created xsi:type=\"dcterms:W3CDTF\">2025-01-31T00:00:00Z</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">2025-12-16T08:00:00Z</dcterms:modified></cp:coreProperties>";
        assert_eq!(
            element(xml, "dcterms:modified").as_deref(),
            Some("2025-12-16T08:00:00Z")
        );
    }
}

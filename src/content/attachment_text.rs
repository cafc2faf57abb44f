//! The text of a Word file, paragraph by paragraph, for the privacy guard:
//! the cleaner (`crate::clean`) reads its copy's `word/document.xml` with
//! [`document_text`] (a PDF's text comes from `crate::pdf`, plain text is
//! decoded as it is).

use std::io::Read;

use quick_xml::events::Event;
use quick_xml::Reader;

/// Why a Word file's text cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("not a Word file (.docx is a zip archive): {0}")]
    NotZip(zip::result::ZipError),
    #[error("not a Word file: it has no word/document.xml")]
    NoDocument,
    #[error("cannot read word/document.xml: {0}")]
    Read(std::io::Error),
    #[error("word/document.xml is not valid XML: {0}")]
    Xml(quick_xml::Error),
}

/// The text of a Word file (`.docx`): one line per paragraph (`w:p`), the
/// text of its runs (`w:t`), tabs (`w:tab`) as tab characters and line
/// breaks (`w:br`, `w:cr`) as spaces, so that line *n* of the result is
/// paragraph *n*.
pub fn docx_text(bytes: &[u8]) -> Result<String, DocxError> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(DocxError::NotZip)?;
    let mut xml = String::new();
    // Bounded like the importer's reader: a zip bomb stops here.
    let limit = crate::authoring::import::docx::PART_LIMIT;
    archive
        .by_name("word/document.xml")
        .map_err(|_| DocxError::NoDocument)?
        .take(limit + 1)
        .read_to_string(&mut xml)
        .map_err(DocxError::Read)?;
    if xml.len() as u64 > limit {
        return Err(DocxError::Read(std::io::Error::other(
            "word/document.xml unpacks to more than 16 MiB",
        )));
    }
    document_text(&xml).map_err(DocxError::Xml)
}

/// The text of a Word file's `word/document.xml`, as [`docx_text`] gives
/// it (the cleaner reads its own copy's text with it).
pub fn document_text(xml: &str) -> Result<String, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut out = String::new();
    let mut in_text = 0usize;
    loop {
        let event = reader.read_event()?;
        match event {
            Event::Start(e) if e.local_name().as_ref() == "t" => in_text += 1,
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = in_text.saturating_sub(1),
                "p" => out.push('\n'),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" => out.push('\t'),
                "br" | "cr" => out.push(' '),
                "p" => out.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text > 0 => out.push_str(&t.xml10_content()),
            Event::CData(t) if in_text > 0 => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text > 0 => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    out.push(c);
                } else if let Some(s) =
                    quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                {
                    out.push_str(s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docx(document: &str) -> Vec<u8> {
        use std::io::Write;
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        w.start_file("word/document.xml", opts).unwrap();
        w.write_all(document.as_bytes()).unwrap();
        w.finish().unwrap();
        buf.into_inner()
    }

    #[test]
    fn docx_paragraphs_become_lines() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>Rubrik</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Patient </w:t></w:r><w:r><w:t>1212</w:t></w:r><w:r><w:t>12-1212</w:t></w:r><w:r><w:tab/><w:t>A &amp; B &#246;</w:t></w:r></w:p>
<w:p/>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"#;
        let text = docx_text(&docx(xml)).unwrap();
        assert_eq!(text, "Rubrik\nPatient 121212-1212\tA & B ö\n\ncell\n");
        let hits = crate::content::privacy::find(&text);
        assert_eq!(hits.len(), 1);
        assert_eq!(crate::diag::line_col(&text, hits[0].start), (2, 9));
    }

    #[test]
    fn docx_errors_are_clear() {
        let e = docx_text(b"not a zip").unwrap_err().to_string();
        assert!(
            e.starts_with("not a Word file (.docx is a zip archive)"),
            "{e}"
        );
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut buf);
        w.start_file("other.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        w.finish().unwrap();
        let e = docx_text(buf.get_ref()).unwrap_err().to_string();
        assert_eq!(e, "not a Word file: it has no word/document.xml");
    }
}

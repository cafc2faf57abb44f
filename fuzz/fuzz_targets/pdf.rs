//! Fuzzes the PDF reader and the importer's layout behind it:
//! `arkiv::pdf::lines` (lopdf, the content-stream interpreter) →
//! `authoring::import::pdf::blocks` → `template::read`, and the privacy
//! guard's `arkiv::pdf::text`. Seeds: the PDFs LibreOffice wrote from the
//! import fixtures and a hand-made one.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(lines) = arkiv::pdf::lines(data) {
        let blocks = arkiv::authoring::import::pdf::blocks(&lines);
        let doc = arkiv::authoring::import::docx::Docx {
            blocks,
            media: Default::default(),
        };
        let _ = arkiv::authoring::import::template::read(&doc);
    }
});

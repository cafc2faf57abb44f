//! Fuzzes the cleaner of Word and Excel files (`arkiv::clean`, the package
//! and WordprocessingML rules): no panic, bounded time and memory, and a
//! copy the cleaner reads again with nothing left to remove
//! (`arkiv_fuzz::clean_twice`). The first byte picks the mode: even, the
//! rest is a whole file (a .docx, or an .xlsx when the byte is 2 mod 4);
//! odd, the rest is `word/document.xml`, zipped by the target into a small
//! package so that mutations reach the XML rules past the zip's checksums.
#![no_main]

use std::io::Write;

use arkiv::clean::Kind;
use libfuzzer_sys::fuzz_target;

const TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

fn package(document: &[u8]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default();
    for (name, data) in [
        ("[Content_Types].xml", TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", document),
    ] {
        w.start_file(name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap();
    buf.into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode % 2 == 0 {
        let kind = if mode % 4 == 2 { Kind::Xlsx } else { Kind::Docx };
        arkiv_fuzz::clean_twice(kind, rest);
    } else {
        arkiv_fuzz::clean_twice(Kind::Docx, &package(rest));
    }
});

//! Nothing hidden is published: every file a build publishes from
//! `content/` is a cleaned copy (`arkiv::clean`). The inputs are
//! `tests/fixtures/clean/` (made by `make_clean_fixtures.py`): one file per
//! kind of hidden content, one with everything, and the files that are
//! refused. Each published copy is parsed (a Word file's parts as XML, a
//! PDF's objects decompressed, a picture's segments), never grepped as
//! bytes, and its visible text and pictures are compared with the source's:
//! Word and Excel files in `word.rs`, PDFs and pictures in `pdf.rs`, the
//! site around them (determinism, warnings, `arkiv clean`, import) in
//! `site.rs`.

mod explained;
mod pdf;
mod site;
mod word;

use std::collections::BTreeMap;
use std::io::Read;

use quick_xml::events::Event;

use crate::common::*;

/// Words that only hidden content holds: none may be in a published copy.
pub(super) const SECRETS: &[&str] = &[
    "INTE SKA PUBLICERAS",
    "Granskare APC",
    "granskare@example.se",
    "Anna Andersson",
    "anna.andersson",
    "Bertil Berg",
    "Cecilia Carlsson",
    "Doris Dahl",
    "Vårdcentralen Exempel AB",
    "Mallar",
    "FLYTTAD FRÅN HÄR",
    "INTERN ANTECKNING",
    "SKRIVARE",
    "XMP-SKAPARE",
    "TOGS BORT",
    "KORAS",
    "hemlig.txt",
    "INFO-PRODUCENT",
];

pub(super) const BASE: &[&str] = &["Rutin för SIP", "Synlig text som ska publiceras."];

/// (fixture, the paragraphs of the published copy after the two of BASE).
pub(super) const WORD: &[(&str, &[&str])] = &[
    ("comment.docx", &["Kommenterad mening."]),
    (
        "tracked.docx",
        &["Början insatt slut.", "Flyttad till: flyttad mening."],
    ),
    ("hidden.docx", &["Synligt före.  Synligt efter."]),
    ("properties.docx", &[]),
    ("fields.docx", &[]),
    ("parts.docx", &["Redigerbar mening."]),
    ("chart.docx", &[""]),
    ("picture.docx", &[""]),
    ("hyperlink.docx", &["Läs mer om SIP"]),
    (
        "everything.docx",
        &[
            "",
            "Kommenterad mening.",
            "Början insatt slut.",
            "Flyttad till: flyttad mening.",
            "Synligt före.  Synligt efter.",
            "Redigerbar mening.",
            "",
            "Läs mer om SIP",
        ],
    ),
];

pub(super) const PDF: &[&str] = &[
    "metadata.pdf",
    "annotations.pdf",
    "scripts.pdf",
    "incremental.pdf",
    "everything.pdf",
    "owner-password.pdf",
];

pub(super) const PICTURES: &[&str] = &["exif.jpg", "text.png", "exif.webp"];

pub(super) fn clean_fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture("clean").join(name)).unwrap()
}

/// A site whose one report lists `files` (from `tests/fixtures/clean/`)
/// as attachments.
pub(super) fn site_with(files: &[&str]) -> TestSite {
    let site = TestSite::new("minimal");
    let list: String = files
        .iter()
        .map(|f| format!("  - {{ file: {f}, title: Bilaga }}\n"))
        .collect();
    site.write(
        "content/2023/kry.md",
        &format!("---\ntitle: Öka antalet SIP\nclinic: Kry Vallentuna\nyear: 2023\ntopics: [sip]\nattachments:\n{list}---\nText.\n"),
    );
    for f in files {
        std::fs::copy(
            fixture("clean").join(f),
            site.root.join("content/2023").join(f),
        )
        .unwrap();
    }
    site
}

pub(super) fn published(site: &TestSite, name: &str) -> Vec<u8> {
    std::fs::read(site.public().join("2023/kry").join(name)).unwrap()
}

/// The parts of a zip package.
pub(super) fn parts(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        out.insert(f.name().unwrap().into_owned(), data);
    }
    out
}

/// Every text node and attribute value of an XML part, parsed.
pub(super) fn xml_text(xml: &[u8]) -> String {
    let mut reader = quick_xml::Reader::from_str(std::str::from_utf8(xml).expect("UTF-8"));
    let mut out = String::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                for a in e.attributes().flatten() {
                    out.push_str(&quick_xml::escape::unescape(&a.value).unwrap());
                    out.push('\n');
                }
            }
            Event::Text(t) => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => out
                .push_str(&quick_xml::escape::unescape(&format!("&{};", &*r)).unwrap_or_default()),
            Event::CData(t) => out.push_str(&t),
            Event::Comment(t) => out.push_str(&t),
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

pub(super) fn assert_no_secret(what: &str, text: &str) {
    for s in SECRETS {
        assert!(!text.contains(s), "{what} still holds {s:?}:\n{text}");
    }
}

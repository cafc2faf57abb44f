//! Nothing hidden is published: every file a build publishes from
//! `content/` is a cleaned copy (`arkiv::clean`). The inputs are
//! `tests/fixtures/clean/` (made by `make_clean_fixtures.py`): one file per
//! kind of hidden content, one with everything, and the files that are
//! refused. Each published copy is parsed (a Word file's parts as XML, a
//! PDF's objects decompressed, a picture's segments), never grepped as
//! bytes, and its visible text and pictures are compared with the source's.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use quick_xml::events::Event;

use crate::common::*;

/// Words that only hidden content holds: none may be in a published copy.
const SECRETS: &[&str] = &[
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

const BASE: &[&str] = &["Rutin för SIP", "Synlig text som ska publiceras."];

/// (fixture, the paragraphs of the published copy after the two of BASE).
const WORD: &[(&str, &[&str])] = &[
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

const PDF: &[&str] = &[
    "metadata.pdf",
    "annotations.pdf",
    "scripts.pdf",
    "incremental.pdf",
    "everything.pdf",
    "owner-password.pdf",
];

const PICTURES: &[&str] = &["exif.jpg", "text.png", "exif.webp"];

fn clean_fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture("clean").join(name)).unwrap()
}

/// A site whose one report lists `files` (from `tests/fixtures/clean/`)
/// as attachments.
fn site_with(files: &[&str]) -> TestSite {
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

fn published(site: &TestSite, name: &str) -> Vec<u8> {
    std::fs::read(site.public().join("2023/kry").join(name)).unwrap()
}

/// The parts of a zip package.
fn parts(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
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
fn xml_text(xml: &[u8]) -> String {
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

fn assert_no_secret(what: &str, text: &str) {
    for s in SECRETS {
        assert!(!text.contains(s), "{what} still holds {s:?}:\n{text}");
    }
}

#[test]
fn word_files_are_published_clean_with_their_visible_text() {
    let names: Vec<&str> = WORD.iter().map(|(n, _)| *n).collect();
    let site = site_with(&names);
    let before: Vec<Vec<u8>> = names
        .iter()
        .map(|n| std::fs::read(site.root.join("content/2023").join(n)).unwrap())
        .collect();
    site.build().assert_ok();
    for ((name, more), source) in WORD.iter().zip(&before) {
        let out = published(&site, name);
        let parts = parts(&out);
        for (part, data) in &parts {
            if part.ends_with(".xml") || part.ends_with(".rels") {
                assert_no_secret(&format!("{name}: {part}"), &xml_text(data));
                let text = String::from_utf8_lossy(data);
                assert!(!text.contains("w:rsid"), "{name}: {part} has rsids");
                let story = ["word/document.xml", "word/header1.xml", "word/footer1.xml"]
                    .contains(&part.as_str());
                for kind in [
                    "w:del ",
                    "w:ins ",
                    "<w:vanish/>",
                    "w:commentReference",
                    "w:docVars",
                    "w:attachedTemplate",
                    "w:permStart",
                    "AUTHOR",
                    "FILENAME",
                ] {
                    assert!(!story || !text.contains(kind), "{name}: {part} has {kind}");
                }
            }
        }
        for gone in [
            "word/comments.xml",
            "word/people.xml",
            "docProps/custom.xml",
            "docProps/thumbnail.jpeg",
            "customXml/item1.xml",
            "word/printerSettings/printerSettings1.bin",
            "word/embeddings/Microsoft_Excel_Worksheet.xlsx",
        ] {
            assert!(!parts.contains_key(gone), "{name} still has {gone}");
        }
        let core = xml_text(&parts["docProps/core.xml"]);
        assert_eq!(
            core.lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with("http"))
                .collect::<Vec<_>>(),
            vec!["Rutin för SIP"],
            "{name}: core.xml keeps only the title"
        );
        let text = arkiv::content::attachment_text::docx_text(&out).unwrap();
        let want: Vec<&str> = BASE.iter().chain(more.iter()).copied().collect();
        assert_eq!(
            text.lines().collect::<Vec<_>>(),
            want,
            "{name}: visible text"
        );
        // The source is untouched.
        assert_eq!(
            &std::fs::read(site.root.join("content/2023").join(name)).unwrap(),
            source,
            "{name} changed"
        );
    }
    // Headers and footers keep what their fields showed, not the fields.
    let fields = parts(&published(&site, "fields.docx"));
    let story = |part: &str| {
        arkiv::content::attachment_text::document_text(std::str::from_utf8(&fields[part]).unwrap())
            .unwrap()
    };
    assert_eq!(story("word/header1.xml"), "Sidhuvud rapport.docx\n");
    assert_eq!(story("word/footer1.xml"), "Sidfot Författaren sida 1\n");
    assert!(
        String::from_utf8_lossy(&fields["word/footer1.xml"]).contains(" PAGE "),
        "the page number field stays"
    );
    // The chart keeps its cached values, not its workbook.
    let chart = parts(&published(&site, "chart.docx"));
    let c = String::from_utf8_lossy(&chart["word/charts/chart1.xml"]);
    assert!(
        c.contains("<c:v>10</c:v>") && !c.contains("externalData"),
        "{c}"
    );
    // A hyperlink stays.
    let link = parts(&published(&site, "hyperlink.docx"));
    assert!(xml_text(&link["word/_rels/document.xml.rels"]).contains("https://example.org/sip"));
    // The picture inside a Word file is cleaned, its image data unchanged.
    let pic = parts(&published(&site, "picture.docx"));
    let src = parts(&clean_fixture("picture.docx"));
    let media = pic.keys().find(|k| k.starts_with("word/media/")).unwrap();
    assert_jpeg_clean(&src[media], &pic[media]);
}

#[test]
fn excel_files_lose_comments_properties_and_paths() {
    let site = site_with(&["comment.xlsx"]);
    site.build().assert_ok();
    let parts = parts(&published(&site, "comment.xlsx"));
    for (part, data) in &parts {
        assert_no_secret(part, &xml_text(data));
        assert!(!xml_text(data).contains("anna.andersson"), "{part}");
    }
    assert!(
        !parts.contains_key("xl/comments1.xml")
            && !parts.contains_key("xl/drawings/vmlDrawing1.vml")
    );
    let sheet = String::from_utf8_lossy(&parts["xl/worksheets/sheet1.xml"]);
    assert!(
        !sheet.contains("legacyDrawing")
            && sheet.contains("<v>12</v>")
            && sheet.contains("Antal SIP"),
        "{sheet}"
    );
    let workbook = String::from_utf8_lossy(&parts["xl/workbook.xml"]);
    assert!(
        !workbook.contains("absPath") && !workbook.contains("fileSharing"),
        "{workbook}"
    );
}

/// Every string, name and (decompressed) stream of a PDF's objects.
fn pdf_text(bytes: &[u8]) -> (String, lopdf::Document) {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF lopdf reads");
    let mut out = String::new();
    fn walk(o: &lopdf::Object, out: &mut String) {
        match o {
            lopdf::Object::String(s, _) | lopdf::Object::Name(s) => {
                out.push_str(&String::from_utf8_lossy(s));
                out.push('\n');
            }
            lopdf::Object::Array(a) => a.iter().for_each(|x| walk(x, out)),
            lopdf::Object::Dictionary(d) => d.iter().for_each(|(_, x)| walk(x, out)),
            lopdf::Object::Stream(s) => {
                s.dict.iter().for_each(|(_, x)| walk(x, out));
                let data = s
                    .decompressed_content()
                    .unwrap_or_else(|_| s.content.clone());
                out.push_str(&String::from_utf8_lossy(&data));
                out.push('\n');
            }
            _ => {}
        }
    }
    for o in doc.objects.values() {
        walk(o, &mut out);
    }
    walk(&lopdf::Object::Dictionary(doc.trailer.clone()), &mut out);
    (out, doc)
}

#[test]
fn pdfs_are_published_clean_with_their_text() {
    let site = site_with(PDF);
    site.build().assert_ok();
    for name in PDF {
        let source = clean_fixture(name);
        let out = published(&site, name);
        let (text, doc) = pdf_text(&out);
        assert_no_secret(name, &text);
        assert!(
            !doc.trailer.has(b"Info") && !doc.trailer.has(b"Encrypt"),
            "{name}: {:?}",
            doc.trailer
        );
        let catalog = doc.catalog().unwrap();
        for key in [&b"Metadata"[..], b"OpenAction", b"AA", b"AcroForm"] {
            assert!(
                !catalog.has(key),
                "{name}: catalog keeps {}",
                String::from_utf8_lossy(key)
            );
        }
        for (_, page) in doc.get_pages() {
            for a in doc.get_page_annotations(page).unwrap() {
                assert_eq!(
                    a.get(b"Subtype").unwrap().as_name().unwrap(),
                    b"Link",
                    "{name}"
                );
            }
        }
        assert!(
            doc.objects
                .values()
                .all(|o| o.type_name().ok() != Some(b"Metadata")),
            "{name}: XMP left"
        );
        assert_eq!(
            arkiv::pdf::text(&out).unwrap(),
            arkiv::pdf::text(&source).unwrap(),
            "{name}: visible text"
        );
    }
    // The link of the annotated PDF stays.
    let (text, _) = pdf_text(&published(&site, "annotations.pdf"));
    assert!(text.contains("https://example.org/sip"));
}

#[test]
fn an_incrementally_saved_pdf_loses_its_first_revision() {
    let source = clean_fixture("incremental.pdf");
    let sentence = b"MENING SOM TOGS BORT I ANDRA VERSIONEN.";
    assert!(
        source.windows(sentence.len()).any(|w| w == sentence),
        "the fixture holds the sentence"
    );
    assert!(
        !arkiv::pdf::text(&source).unwrap().contains("TOGS BORT"),
        "… only in its first revision"
    );
    let cleaned = arkiv::clean::clean(arkiv::clean::Kind::Pdf, &source).unwrap();
    let (text, doc) = pdf_text(&cleaned.bytes);
    assert!(!text.contains("TOGS BORT"), "{text}");
    assert!(!cleaned.bytes.windows(9).any(|w| w == b"TOGS BORT"));
    assert_eq!(doc.revision_count(), 1);
    assert_eq!(cleaned.removed.count(arkiv::clean::Item::Revision), 1);
}

/// A JPEG's segments: (marker, contents) before the first scan, and the
/// scan data to the end of the image.
fn jpeg_parts(bytes: &[u8]) -> (Vec<(u8, Vec<u8>)>, Vec<u8>) {
    let j = img_parts::jpeg::Jpeg::from_bytes(img_parts::Bytes::copy_from_slice(bytes)).unwrap();
    let segs: Vec<(u8, Vec<u8>)> = j
        .segments()
        .iter()
        .map(|s| (s.marker(), s.contents().to_vec()))
        .collect();
    let sos = j.segments().last().unwrap();
    let scan = bytes[bytes.len() - (sos.len_with_entropy() - sos.len())..].to_vec();
    let end = scan.windows(2).position(|w| w == [0xFF, 0xD9]).unwrap() + 2;
    (segs, scan[..end].to_vec())
}

fn assert_jpeg_clean(source: &[u8], out: &[u8]) {
    let (segs, scan) = jpeg_parts(out);
    let (src_segs, src_scan) = jpeg_parts(source);
    assert_eq!(scan, src_scan, "the image data is unchanged");
    assert!(
        out.ends_with(&[0xFF, 0xD9]),
        "nothing after the image's end"
    );
    for (m, c) in &segs {
        assert!(!matches!(m, 0xFE | 0xED), "marker {m:X} left");
        if *m == 0xE1 {
            // Only the orientation, alone.
            assert_eq!(c.len(), 6 + 26, "EXIF holds more than the orientation");
        }
        assert_no_secret("JPEG segment", &String::from_utf8_lossy(c));
    }
    let tables = |s: &[(u8, Vec<u8>)]| {
        s.iter()
            .filter(|(m, _)| matches!(m, 0xC0..=0xCF | 0xDB))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(
        tables(&segs),
        tables(&src_segs),
        "frame and tables unchanged"
    );
}

#[test]
fn pictures_lose_their_metadata_not_their_pixels() {
    let site = site_with(PICTURES);
    site.build().assert_ok();
    assert_jpeg_clean(&clean_fixture("exif.jpg"), &published(&site, "exif.jpg"));
    let png =
        |b: &[u8]| img_parts::png::Png::from_bytes(img_parts::Bytes::copy_from_slice(b)).unwrap();
    let (src, out) = (
        png(&clean_fixture("text.png")),
        png(&published(&site, "text.png")),
    );
    let kinds: Vec<[u8; 4]> = out.chunks().iter().map(|c| c.kind()).collect();
    assert_eq!(kinds, vec![*b"IHDR", *b"eXIf", *b"IDAT", *b"IEND"]);
    let idat = |p: &img_parts::png::Png| {
        p.chunks_by_type(*b"IDAT")
            .map(|c| c.contents().to_vec())
            .collect::<Vec<_>>()
    };
    assert_eq!(idat(&src), idat(&out));
    let webp =
        |b: &[u8]| img_parts::webp::WebP::from_bytes(img_parts::Bytes::copy_from_slice(b)).unwrap();
    let (src, out) = (
        webp(&clean_fixture("exif.webp")),
        webp(&published(&site, "exif.webp")),
    );
    assert!(!out.has_chunk(*b"XMP "));
    let image = |w: &img_parts::webp::WebP| {
        w.chunk_by_id(*b"VP8L")
            .and_then(|c| c.content().data())
            .map(|d| d.to_vec())
    };
    assert_eq!(image(&src), image(&out));
    for name in PICTURES {
        assert_no_secret(name, &String::from_utf8_lossy(&published(&site, name)));
    }
}

#[test]
fn builds_are_byte_identical_and_sources_untouched() {
    let all: Vec<&str> = WORD
        .iter()
        .map(|(n, _)| *n)
        .chain(PDF.iter().copied())
        .chain(PICTURES.iter().copied())
        .collect();
    let site = site_with(&all);
    let before = files_below(&site.root.join("content"));
    let read_all = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        files_below(dir)
            .into_iter()
            .map(|f| (f.clone(), std::fs::read(dir.join(&f)).unwrap()))
            .collect()
    };
    let sources = read_all(&site.root.join("content"));
    site.build().assert_ok();
    let first = read_all(&site.public());
    site.build().assert_ok();
    let second = read_all(&site.public());
    assert!(first == second, "two builds differ");
    assert_eq!(files_below(&site.root.join("content")), before);
    assert!(
        read_all(&site.root.join("content")) == sources,
        "a source file changed"
    );
}

#[test]
fn review_material_warns_until_silenced_and_removed_addresses_are_reported() {
    let site = site_with(&["comment.docx", "email-comment.docx"]);
    let check = |site: &TestSite| {
        run_in(
            &[
                "check",
                "--all-warnings",
                "--root",
                site.root.to_str().unwrap(),
            ],
            &repo(),
            &[],
        )
    };
    let run = check(&site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("content/2023/comment.docx: warning: the source file holds 1 comment, which the published copy leaves out"), "{}", run.stderr);
    assert!(run.stderr.contains("content/2023/email-comment.docx: warning: e-mail address g…(at)e… in comment 1: it is not published"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("granskare.apc@"),
        "the address is masked"
    );
    let config = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
    site.write("site.toml", &format!("{config}\n[[warnings.allow]]\nrule = \"W014\"\npath = \"content/2023/comment.docx\"\nreason = \"Mottagningens egna kommentarer.\"\n"));
    let run = check(&site);
    assert!(
        !run.stderr
            .contains("content/2023/comment.docx: warning: the source"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("email-comment.docx: warning: the source file holds 1 comment"),
        "{}",
        run.stderr
    );
    // --verbose lists what was removed, in Swedish.
    let run = run_in(
        &["build", "--verbose", "--root", site.root.to_str().unwrap()],
        &repo(),
        &[],
    );
    assert!(
        run.stderr
            .contains("rensad       content/2023/comment.docx: 1 kommentar, författaruppgifter"),
        "{}",
        run.stderr
    );
}

#[test]
fn clean_command_writes_copies_beside_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rensat");
    let src = fixture("clean");
    let files = ["everything.docx", "exif.jpg", "linked-ole.docx"];
    let mut args = vec!["clean".to_string()];
    args.extend(files.iter().map(|f| src.join(f).display().to_string()));
    args.extend(["--out".to_string(), out.display().to_string()]);
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = run(&argv);
    assert_eq!(run.code, 1, "a file failed: {}", run.stderr);
    assert!(run.stdout.contains("everything.docx (borttaget: 1 kommentar, 7 spårade ändringar, 1 stycke dold text, författaruppgifter"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("exif.jpg (borttaget: bildmetadata, GPS-position, data efter bildens slut)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("2 filer rensade, 1 misslyckades\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("linked-ole.docx: cannot be cleaned: it holds a linked OLE object"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("[E037]"));
    assert_eq!(
        files_below(&out),
        vec!["everything.docx", "exif.jpg"],
        "nothing written for the refused file"
    );
    // Never over an existing copy, never beside the input.
    let again = run_in(&argv, &repo(), &[]);
    assert!(
        again.stderr.contains("already exists (not overwritten)"),
        "{}",
        again.stderr
    );
    let beside = run_in(
        &[
            "clean",
            src.join("exif.jpg").to_str().unwrap(),
            "--out",
            src.to_str().unwrap(),
        ],
        &repo(),
        &[],
    );
    assert_eq!(beside.code, 1);
    assert!(
        beside
            .stderr
            .contains("must not land over or beside its source"),
        "{}",
        beside.stderr
    );
}

#[test]
fn import_writes_the_cleaned_original() {
    let site = TestSite::new("minimal");
    let raw_path = fixture("import").join("brommaplan-2025.docx");
    let raw = std::fs::read(&raw_path).unwrap();
    let out = site.root.join("content");
    run_in(
        &[
            "import",
            raw_path.to_str().unwrap(),
            "--root",
            site.root.to_str().unwrap(),
        ],
        &repo(),
        &[],
    );
    let original = files_below(&out)
        .into_iter()
        .find(|f| f.ends_with(".docx"))
        .expect("the original beside the draft");
    let written = std::fs::read(out.join(original)).unwrap();
    assert_ne!(written, raw, "not the raw file");
    assert_eq!(
        written,
        arkiv::clean::clean(arkiv::clean::Kind::Docx, &raw)
            .unwrap()
            .bytes
    );
    let core = xml_text(&parts(&written)["docProps/core.xml"]);
    assert!(!core.contains("arkiv tests"), "{core}");
}

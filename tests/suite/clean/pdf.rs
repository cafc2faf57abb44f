//! PDFs and pictures: published clean, with their text and image data.

use super::*;

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

pub(super) fn assert_jpeg_clean(source: &[u8], out: &[u8]) {
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
    // GIF (a body picture's format): its comment goes, its frames stay.
    let gif = clean_fixture("comment.gif");
    let c = arkiv::clean::clean(arkiv::clean::Kind::Gif, &gif).unwrap();
    assert!(c.hidden.iter().any(|h| h.text.contains("GIF-KOMMENTAR")));
    assert_eq!(
        c.bytes.len(),
        gif.len() - 3 - "GIF-KOMMENTAR SOM INTE SKA PUBLICERAS".len() - 1,
        "only the comment block"
    );
    assert_no_secret("comment.gif", &String::from_utf8_lossy(&c.bytes));
    for name in PICTURES {
        assert_no_secret(name, &String::from_utf8_lossy(&published(&site, name)));
    }
}

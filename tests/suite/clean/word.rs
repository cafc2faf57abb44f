//! Word and Excel files: published clean, with their visible text.

use super::*;

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
    super::pdf::assert_jpeg_clean(&src[media], &pic[media]);
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

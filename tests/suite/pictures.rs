//! Pictures are content: `arkiv import` puts every picture of a Word file
//! or a PDF (`tests/fixtures/make_import_pictures.py`) where it stood, with
//! its caption or description as alt text and nothing listed twice; the
//! build publishes body pictures beside the page with width, height, a
//! smaller copy in `srcset` and lazy loading.

use crate::common::*;
use crate::import_gen::{empty_site, import};

fn pictures_fixture(name: &str) -> String {
    fixture("import-pictures").join(name).display().to_string()
}

/// The body of a draft, from its "## Resultat" to its "## Slutreflektion".
fn results(md: &str) -> &str {
    let from = md.find("## Resultat").expect("Resultat");
    let to = md.find("## Slutreflektion").expect("Slutreflektion");
    &md[from..to]
}

#[test]
fn word_pictures_land_where_they_stood_with_their_captions() {
    let (_tmp, root) = empty_site();
    import(&root, &[pictures_fixture("bilder-2024.docx")]).assert_ok();
    let stem = "content/2024/bildby-vc-lakemedel";
    let md = std::fs::read_to_string(root.join(format!("{stem}.md"))).unwrap();
    let body = results(&md);
    let expected = [
        // Inline, caption under it.
        "![Figur 1: Antal genomgångar per månad under 2024](bildby-vc-lakemedel-bild-1.png)",
        // Floating, caption over it.
        "![Diagram 2: Andel patienter med aktuell läkemedelslista](bildby-vc-lakemedel-bild-2.png)",
        // In a table cell, the cell's caption.
        "![Bild 3: Flödesschema för genomgången](bildby-vc-lakemedel-bild-3.png)",
        // No caption: its own description.
        "![Apotekaren går igenom en läkemedelslista](bildby-vc-lakemedel-bild-4.png)",
        "![](bildby-vc-lakemedel-bild-5.png)",
        "<!-- TODO: bilden (bildby-vc-lakemedel-bild-6.emf) är i ett format som webbläsare inte visar (EMF/WMF)",
    ];
    let mut at = 0;
    for e in expected {
        let found = body[at..]
            .find(e)
            .unwrap_or_else(|| panic!("{e:?} not in order:\n{body}"));
        at += found + e.len();
    }
    // The captions are the alt texts, not paragraphs of their own.
    assert_eq!(body.matches("Figur 1:").count(), 1, "{body}");
    assert_eq!(body.matches("Bild 3:").count(), 1, "{body}");
    // A picture without any text asks for one.
    // (A long TODO wraps onto a second `#   ` line; read it as one.)
    let todos = md.replace("\n#   ", " ");
    assert!(todos.contains("# TODO: bild 5 (bildby-vc-lakemedel-bild-5.png) saknar bildtext: skriv kort vad den visar mellan [ och ] i ![](bildby-vc-lakemedel-bild-5.png) i texten\n"), "{md}");
    // Not listed again as attachments: only the original is.
    let attachments = md.split("attachments:").nth(1).unwrap_or("");
    let attachments = attachments.split("\n---").next().unwrap_or("");
    assert!(attachments.contains("bildby-vc-lakemedel.docx"), "{md}");
    assert!(!attachments.contains("bild-"), "{md}");
    for n in 1..=5 {
        assert!(root.join(format!("{stem}-bild-{n}.png")).is_file());
    }
    assert!(root.join(format!("{stem}-bild-6.emf")).is_file());

    // The chart object's data is proposed as the indicator's series, by
    // label, and the page draws it (no picture of it in the body).
    assert!(md.contains("    series:\n      - { label: \"jan\", value: 3 }\n      - { label: \"feb\", value: 4 }\n"), "{md}");
    assert!(todos.contains("# TODO: kontrollera diagrammet \"Antal läkemedelsgenomgångar per månad\" ur Word: dess 8 mätvärden står som series under \"Antal läkemedelsgenomgångar per månad\". Stämmer indikatorn och ordningen?\n"), "{md}");
    assert!(!body.contains("här stod ett diagram"), "{body}");

    // Once the editor has checked it: the build publishes the pictures and
    // draws the series, whose eight labelled points get a run chart.
    let path = root.join(format!("{stem}.md"));
    // (Its TODOs done: the front matter's lines and the body's comment
    // about the EMF picture, which a published report may not hold.)
    let emf = md.find("<!-- TODO: bilden").unwrap();
    let emf_end = emf + md[emf..].find("-->").unwrap() + 3;
    let md = format!("{}{}", &md[..emf], &md[emf_end..]);
    let ready: String = md
        .lines()
        .filter(|l| !l.starts_with("# TODO") && !l.starts_with("#   "))
        .map(|l| {
            if l == "draft: true" {
                "draft: false\n".to_string()
            } else {
                format!("{l}\n")
            }
        })
        .collect::<String>()
        .replace(
            "![](bildby-vc-lakemedel-bild-5.png)",
            "![Stapel](bildby-vc-lakemedel-bild-5.png)",
        );
    std::fs::write(&path, ready).unwrap();
    let site = root.display().to_string();
    run(&["build", "--root", &site]).assert_ok();
    let html =
        std::fs::read_to_string(root.join("public/2024/bildby-vc-lakemedel/index.html")).unwrap();
    assert!(
        html.contains("<th scope=\"row\">jan</th>"),
        "the series table by label"
    );
    assert!(html.contains(r#"srcset="bildby-vc-lakemedel-bild-1-800w.png 800w"#));
    let data = std::fs::read_to_string(root.join("public/data/rapporter.json")).unwrap();
    let data: serde_json::Value = serde_json::from_str(&data).unwrap();
    let ind = &data["reports"][0]["indicators"][0];
    assert_eq!(ind["series"][0]["label"], "jan");
    assert!(ind["series"][0]["date"].is_null());
    assert!(!ind["run_chart"].is_null(), "{ind}");
    assert_eq!(open_data_schema_errors(&data), Vec::<String>::new());
}

#[test]
fn pdf_pictures_land_where_they_stood_with_captions_by_position() {
    let (_tmp, root) = empty_site();
    import(&root, &[pictures_fixture("bilder-2024.pdf")]).assert_ok();
    let md = std::fs::read_to_string(root.join("content/2024/bildby-vc-lakemedel.md")).unwrap();
    let body = results(&md);
    let expected = [
        "![Figur 1: Antal genomgångar per månad under 2024](bildby-vc-lakemedel-bild-1.jpg)",
        "![Diagram 2: Andel patienter med aktuell läkemedelslista](bildby-vc-lakemedel-bild-2.jpg)",
        "![Bild 3: Flödesschema för genomgången](bildby-vc-lakemedel-bild-3.jpg)",
        "![](bildby-vc-lakemedel-bild-4.png)",
        "Genomgångarna gjordes av apotekaren.",
        "![](bildby-vc-lakemedel-bild-5.png)",
    ];
    let mut at = 0;
    for e in expected {
        let found = body[at..]
            .find(e)
            .unwrap_or_else(|| panic!("{e:?} not in order:\n{body}"));
        at += found + e.len();
    }
    assert_eq!(body.matches("Figur 1:").count(), 1, "{body}");
    assert!(md.contains("# TODO: bild 4 (bildby-vc-lakemedel-bild-4.png) saknar bildtext"));
    let png = std::fs::read(root.join("content/2024/bildby-vc-lakemedel-bild-4.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
}

#[test]
fn the_build_publishes_body_pictures_with_size_srcset_and_lazy_loading() {
    let site = TestSite::new("pictures");
    site.build().assert_ok();
    let html = site.read_out("2023/kry/index.html");
    assert!(html.contains(r#"<img src="diagram.png" width="1600" height="400" srcset="diagram-800w.png 800w, diagram.png 1600w" sizes="(max-width: 800px) 100vw, 800px" decoding="async" alt="Diagram 1: Antal SIP per månad under 2023">"#), "{html}");
    // The second picture is narrow (no smaller copy) and loads lazily.
    assert!(html.contains(r#"<img src="flode.png" width="300" height="150" loading="lazy" decoding="async" alt="Flödesschema för en SIP, från kallelse till uppföljning">"#), "{html}");
    let out = site.public().join("2023/kry");
    assert!(out.join("diagram.png").is_file() && out.join("flode.png").is_file());
    let small = std::fs::read(out.join("diagram-800w.png")).unwrap();
    let small = image::load_from_memory(&small).unwrap();
    assert_eq!((small.width(), small.height()), (800, 200));
    assert!(!out.join("flode-800w.png").exists());
}

//! Open data and feeds: the JSON validates against its schema, the CSV
//! and the workbook hold one row per indicator and agree, formula
//! injection comes out inert, and the feeds and sitemap are well-formed.

use crate::common::*;

/// Indicators per real report, counted from the seeds (a) / b) parts split).
const INDICATORS: usize = 4 + 3 + 4 + 8 + 8;

fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(bytes);
    let headers = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (headers, rows)
}

fn xlsx_rows(path: &std::path::Path) -> Vec<Vec<String>> {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let range = wb.worksheet_range("Indikatorer").unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::Float(f) => arkiv::output::table::format_dot(*f),
                    Data::Int(i) => i.to_string(),
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn json_validates_against_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("docs/open-data.schema.json")).unwrap(),
    )
    .unwrap();
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(real_site().join("data/rapporter.json")).unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&data)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert_eq!(data["schema_version"], "2.0");
    assert_eq!(data["schema_version"], arkiv::output::data::SCHEMA_VERSION);
    let reports = data["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 5);
    let n: usize = reports
        .iter()
        .map(|r| r["indicators"].as_array().unwrap().len())
        .sum();
    assert_eq!(n, INDICATORS);
    let nyhalsan = reports
        .iter()
        .find(|r| r["url"] == "https://example.org/2024/nyhalsan-psykisk-ohalsa/")
        .unwrap();
    let benzo = nyhalsan["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "Antalet patienter med ångest som behandlas med bensodiazepiner")
        .unwrap();
    assert_eq!(benzo["status"], "delvis");
    assert_eq!(benzo["status_basis"], "computed");
    // Every indicator says what its status rests on; every final report
    // (all five are) has an overall outcome with its basis.
    for r in reports {
        for i in r["indicators"].as_array().unwrap() {
            let basis = i["status_basis"].as_str().unwrap();
            assert!(["computed", "report", "none"].contains(&basis), "{basis}");
            // Not assessable rests on nothing, or on the report saying so.
            if basis == "none" {
                assert_eq!(i["status"], "ej_bedombart", "{i}");
            }
            assert!(
                i.get("assessment").is_some(),
                "assessment present (maybe null)"
            );
        }
        let o = &r["outcome"];
        assert!(o.is_object(), "{}: outcome", r["url"]);
        assert!(o.get("text").is_some() && o.get("basis").is_some(), "{o}");
    }
    // A broken outcome fails the schema; so does a status on a plan's
    // shape that is not one of the words, and a change tied to position 0.
    let mut broken = data.clone();
    broken["reports"][0]["outcome"]["basis"] = serde_json::json!("gissat");
    assert!(!validator.is_valid(&broken));
    let mut broken = data.clone();
    broken["reports"][0]["outcome"]["status"] = serde_json::json!("ej_uppnatt");
    assert!(!validator.is_valid(&broken));
    let mut broken = data.clone();
    broken["reports"][0]["changes"][0]["indicators"] = serde_json::json!([0]);
    assert!(!validator.is_valid(&broken));
    // Kry: its main goal decides, and the change tied to goal 3 says so.
    let kry = reports
        .iter()
        .find(|r| r["url"] == "https://example.org/2023/kry-vallentuna-sip/")
        .unwrap();
    assert_eq!(
        kry["outcome"],
        serde_json::json!({ "status": "ej-uppnatt", "basis": "main_goal", "text": null })
    );
    assert_eq!(kry["changes"][0]["indicators"], serde_json::json!([3]));
    assert_eq!(kry["changes"][2]["status"], "ej-genomford");
    // A broken document fails the schema (the check can fail).
    let mut broken = data.clone();
    broken["reports"][0]["year"] = serde_json::json!("tjugo");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn csv_and_xlsx_have_one_row_per_indicator_and_agree() {
    let (headers, rows) =
        csv_rows(&std::fs::read(real_site().join("data/indikatorer.csv")).unwrap());
    assert_eq!(headers[0], "report_url");
    assert_eq!(headers[18], "status");
    assert_eq!(headers.last().unwrap(), "status_basis");
    assert_eq!(rows.len(), INDICATORS);
    let row = rows.iter().find(|r| r[7] == "Ån09: Andel patienter med nydiagnosticerad ångest som fått psykologisk behandling (KVÅ-kod DU011 KBT)").unwrap();
    assert_eq!(
        (
            row[4].as_str(),
            row[5].as_str(),
            row[12].as_str(),
            row[15].as_str(),
            row[18].as_str()
        ),
        (
            "2024",
            "psykisk-ohalsa;sjukskrivning;lakemedel;levnadsvanor",
            "20",
            "22.6",
            "uppnatt"
        )
    );
    assert_eq!(row[19], "computed", "status_basis");
    assert!(rows
        .iter()
        .all(|r| ["computed", "report", "none"].contains(&r[19].as_str())));
    let sick = rows
        .iter()
        .find(|r| r[7] == "Antal pat som är ss för stress- och smärtrelaterad ohälsa")
        .unwrap();
    assert_eq!(
        (sick[10].as_str(), sick[12].as_str(), sick[13].as_str()),
        ("99", "89.1", "-10"),
        "relative target resolved, dot decimals"
    );

    let xlsx = xlsx_rows(&real_site().join("data/indikatorer.xlsx"));
    assert_eq!(xlsx.len(), rows.len() + 1, "header + one row per indicator");
    assert_eq!(xlsx[0][0], "Rapport (adress)", "Swedish headers");
    assert_eq!(xlsx[0][19], "Grund för måluppfyllelse");
    // The coded columns in words for people, the rest as in the CSV.
    const CODED: [usize; 6] = [5, 6, 8, 9, 18, 19];
    for (x, c) in xlsx[1..].iter().zip(&rows) {
        for i in (0..c.len()).filter(|i| !CODED.contains(i)) {
            assert_eq!(x[i], c[i], "column {i}");
        }
    }
    let x = &xlsx[1 + rows.iter().position(|r| r[7] == row[7]).unwrap()];
    assert_eq!(
        [&x[5], &x[6], &x[8], &x[18], &x[19]],
        [
            "Psykisk ohälsa; Sjukskrivning och rehabilitering; Läkemedel; Levnadsvanor",
            "Slutrapport (del 1 och 2)",
            "andel (%)",
            "uppnått",
            "beräknat från siffrorna"
        ]
    );
    assert!(xlsx
        .iter()
        .flatten()
        .all(|c| !["count", "percent", "ej_uppnatt", "ej_bedombart"].contains(&c.as_str())));
}

#[test]
fn the_excel_csv_opens_right_in_swedish_excel() {
    let bytes = std::fs::read(real_site().join("data/indikatorer-excel.csv")).unwrap();
    let text = std::str::from_utf8(&bytes).unwrap();
    let body = text
        .strip_prefix('\u{feff}')
        .expect("UTF-8 with a byte order mark");
    assert!(
        body.starts_with("Rapport (adress);Rapportens titel;Mottagning;"),
        "{}",
        &body[..80]
    );
    assert!(body.contains("\r\n"), "CRLF");
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(body.as_bytes());
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(rows.len(), INDICATORS);
    let sick = rows
        .iter()
        .find(|r| r[7] == "Antal pat som är ss för stress- och smärtrelaterad ohälsa")
        .unwrap();
    assert_eq!(
        (
            sick[8].as_str(),
            sick[10].as_str(),
            sick[12].as_str(),
            sick[13].as_str()
        ),
        ("antal", "99", "89,1", "-10"),
        "decimal comma, words for codes"
    );
    // The same cells as the workbook, numbers with a decimal comma.
    let xlsx = xlsx_rows(&real_site().join("data/indikatorer.xlsx"));
    for (x, c) in xlsx[1..].iter().zip(&rows) {
        let x: Vec<String> = x
            .iter()
            .map(|v| {
                if v.parse::<f64>().is_ok() {
                    v.replace('.', ",")
                } else {
                    v.clone()
                }
            })
            .collect();
        assert_eq!(&x, c);
    }
    let page = std::fs::read_to_string(real_site().join("data/index.html")).unwrap();
    assert!(page.contains("href=\"/data/indikatorer-excel.csv\""));
}

#[test]
fn workbook_has_frozen_header_and_autofilter() {
    let bytes = std::fs::read(real_site().join("data/indikatorer.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    assert!(sheet.contains("state=\"frozen\""), "frozen pane");
    assert!(sheet.contains("<autoFilter ref=\"A1:T"), "autofilter");
}

#[test]
fn formula_injection_is_inert() {
    let site = TestSite::new("formula-injection");
    site.build().assert_ok();
    let (_, rows) = csv_rows(&std::fs::read(site.public().join("data/indikatorer.csv")).unwrap());
    assert_eq!(rows.len(), 2);
    let r = &rows[0];
    assert_eq!(r[1], "'=HYPERLINK(\"https://example.com\",\"klicka\")");
    assert_eq!(r[2], "'@SUM(A1:A9)");
    assert_eq!(r[3], "'+46 region");
    assert_eq!(r[7], "'=1+1");
    assert_eq!(r[10], "'-2+3");
    assert_eq!(r[11], "'=NOW()");
    assert_eq!(r[15], "'@cmd");
    assert_eq!(r[17], "'+cmd|' /C calc'!A0");
    assert_eq!(
        (rows[1][10].as_str(), rows[1][12].as_str()),
        ("-5", "-4.5"),
        "negative numbers stay numbers"
    );
    let xlsx = xlsx_rows(&site.public().join("data/indikatorer.xlsx"));
    assert_eq!(xlsx[1][7], "'=1+1");
    assert_eq!(xlsx[1][17], "'+cmd|' /C calc'!A0");
}

fn well_formed(xml: &str) -> Vec<String> {
    // Returns the local names of all elements, failing on malformed XML.
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut names = Vec::new();
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) | Ok(quick_xml::events::Event::Empty(e)) => {
                names.push(e.local_name().into_inner().to_string())
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("malformed XML at {}: {e}", reader.buffer_position()),
        }
    }
    names
}

#[test]
fn feeds_and_sitemap_are_well_formed_and_complete() {
    let out = real_site();
    let atom = std::fs::read_to_string(out.join("atom.xml")).unwrap();
    let names = well_formed(&atom);
    assert_eq!(names.iter().filter(|n| *n == "entry").count(), 5);
    assert!(atom.contains("<id>https://example.org/2025/brommaplans-vc-stress-smarta/</id>"));
    let sip = std::fs::read_to_string(out.join("tema/sip/atom.xml")).unwrap();
    assert_eq!(
        well_formed(&sip).iter().filter(|n| *n == "entry").count(),
        2
    );
    for t in REAL_TOPICS {
        well_formed(&std::fs::read_to_string(out.join(format!("tema/{t}/atom.xml"))).unwrap());
    }
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let locs = well_formed(&sitemap).iter().filter(|n| *n == "loc").count();
    let pages = files_below(out)
        .into_iter()
        .filter(|f| f.ends_with(".html") && f != "404.html")
        .count();
    assert_eq!(locs, pages);
    assert!(sitemap.contains("<loc>https://example.org/2024/bra-liv-oxnehaga-prea60/</loc>"));
    assert_eq!(
        std::fs::read_to_string(out.join("robots.txt")).unwrap(),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n"
    );
    // The XSS fixture's feed stays well-formed with markup in every field.
    let xss = TestSite::new("xss");
    xss.build().assert_ok();
    well_formed(&xss.read_out("atom.xml"));
}

/// The open-data files are streamed to disk by a build and made in memory
/// by `serve` (`Site::produce`): the same bytes either way.
#[test]
fn streamed_and_in_memory_open_data_are_the_same_bytes() {
    use arkiv::output::{DataFile, Producer};
    use arkiv::site::{Related, Site, Sources, Timer};
    let mut timer = Timer::new(false);
    let sources = Sources::load(&repo(), &mut timer);
    let (site, _) = Site::assemble(&sources, Related::Compute, false, &mut timer);
    let site = site.expect("the real archive assembles");
    for file in DataFile::ALL {
        let output = site.outputs().get(file.path()).expect("listed");
        assert!(matches!(output.producer, Producer::Data(f) if f == file));
        let in_memory = site.produce(output).unwrap();
        let on_disk = std::fs::read(real_site().join(file.path())).unwrap();
        assert!(on_disk.len() > 1000, "{}", file.path());
        assert!(in_memory.as_ref() == on_disk.as_slice(), "{}", file.path());
    }
}

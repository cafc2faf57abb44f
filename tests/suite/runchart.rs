//! Run-chart signals on a built site (`tests/fixtures/runchart`): a clear
//! shift shows the signal and the median line on the page and in
//! `rapporter.json`, a random series has the median but no signal, a
//! short series says it has too few points, and the JSON validates.

use scraper::Html;

use crate::common::*;

/// Each series figure of the report page: (indicator name, caption text,
/// whether the chart draws the median).
fn series_figures(html: &str) -> Vec<(String, String, bool)> {
    let doc = Html::parse_document(html);
    select(&doc, "figure.chart-figure.series")
        .into_iter()
        .map(|fig| {
            let title = text_of(
                fig.select(&scraper::Selector::parse("svg title").unwrap())
                    .next()
                    .unwrap(),
            );
            let name = title.trim_start_matches("Mätvärden över tid: ").to_string();
            let caption = fig
                .select(&scraper::Selector::parse("figcaption").unwrap())
                .next()
                .map(text_of)
                .unwrap_or_default();
            let median = fig
                .select(&scraper::Selector::parse("svg line.median").unwrap())
                .next()
                .is_some();
            (name, caption, median)
        })
        .collect()
}

#[test]
fn shift_shows_a_signal_and_random_does_not() {
    let site = TestSite::new("runchart");
    site.build().assert_ok();
    let figs = series_figures(&site.read_out("2024/seriediagram/index.html"));
    let names: Vec<&str> = figs.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "Andel patienter med SIP",
            "Andel återbesök inom en vecka",
            "Antal dagar till första besök",
            "Antal SIP-möten per månad",
            "Antal samordnare",
        ]
    );
    let (_, shift, median) = &figs[0];
    assert!(median, "the shifted series draws its median");
    assert_eq!(
        shift,
        "Medianen för de 16 mätpunkterna är 53,5 %. Serien visar en signal om icke-slumpmässig variation: 8 punkter i rad ligger över medianen (gränsen är 7), och serien korsar medianen bara 1 gång (minst 4 väntas). Signalen pekar åt målets håll: serien slutar över medianen och indikatorn ska öka. Så bedöms serien"
    );
    let (_, random, median) = &figs[1];
    assert!(median, "a random series of 12 points is analysed too");
    assert!(!random.contains("Serien visar en signal"), "{random}");
    assert!(
        random.starts_with("Medianen för de 12 mätpunkterna är 51,5 %. Ingen signal om icke-slumpmässig variation: som mest 2 punkter i rad"),
        "{random}"
    );
    let (_, away, _) = &figs[2];
    assert!(
        away.contains("1 punkt ligger på medianen och räknas inte."),
        "{away}"
    );
    assert!(away.contains("Signalen pekar bort från målet"), "{away}");
    let (_, short, median) = &figs[3];
    assert!(!median, "seven points: no median");
    assert!(short.starts_with(
        "För få mätpunkter för att bedöma om förändringen är mer än slump: serien har 7 mätpunkter"
    ));
    assert!(figs[4]
        .1
        .starts_with("Alla 8 mätpunkter har samma värde (4)"));
    // The median is in the chart's description, and the caption's link
    // leads to the explanation on the data page.
    let html = site.read_out("2024/seriediagram/index.html");
    assert!(html.contains("Mål: 60\u{a0}%. Median: 53,5\u{a0}%.</desc>"));
    assert!(site
        .read_out("data/index.html")
        .contains(r#"<h2 id="seriediagram">"#));
    assert_eq!(link_problems(&site.public(), "/"), Vec::<String>::new());
}

#[test]
fn rapporter_json_has_the_run_chart_fields() {
    let site = TestSite::new("runchart");
    site.build().assert_ok();
    let data: serde_json::Value =
        serde_json::from_str(&site.read_out("data/rapporter.json")).unwrap();
    let errors = open_data_schema_errors(&data);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let report = data["reports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["url"] == "https://arkiv.test/2024/seriediagram/")
        .unwrap();
    let rc: Vec<&serde_json::Value> = report["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["run_chart"])
        .collect();
    assert_eq!(
        rc[0],
        &serde_json::json!({
            "points": 16, "median": 53.5, "useful": 16, "longest_run": 8,
            "longest_run_max": 7, "crossings": 1, "crossings_min": 4,
            "shift": true, "few_crossings": true, "signal": true,
            "direction": "toward_goal"
        })
    );
    assert_eq!(
        rc[1],
        &serde_json::json!({
            "points": 12, "median": 51.5, "useful": 12, "longest_run": 2,
            "longest_run_max": 7, "crossings": 10, "crossings_min": 3,
            "shift": false, "few_crossings": false, "signal": false,
            "direction": null
        })
    );
    assert_eq!(
        (&rc[2]["useful"], &rc[2]["few_crossings"], &rc[2]["shift"]),
        (
            &serde_json::json!(12),
            &serde_json::json!(true),
            &serde_json::json!(false)
        )
    );
    assert_eq!(rc[2]["direction"], "away_from_goal");
    assert!(rc[3].is_null(), "seven points: no analysis");
    assert_eq!(rc[4]["useful"], 0);
    assert!(rc[4]["longest_run_max"].is_null() && rc[4]["crossings_min"].is_null());
    assert_eq!(rc[4]["signal"], false);
}

#[test]
fn a_single_point_has_no_chart_but_says_why() {
    let site = TestSite::new("runchart");
    site.write(
        "content/2024/en-punkt.md",
        "---\ntitle: En mätning\nclinic: En mottagning\nyear: 2024\ntopics: [sip]\nstatus: plan\nindicators:\n  - name: Andel med SIP\n    unit: percent\n    series:\n      - { date: 2024-03-01, value: 40 }\n---\nPlan.\n",
    );
    site.build().assert_ok();
    let doc = Html::parse_document(&site.read_out("2024/en-punkt/index.html"));
    assert!(select(&doc, "figure.chart-figure.series").is_empty());
    let notes: Vec<String> = select(&doc, "p.run-chart")
        .into_iter()
        .map(text_of)
        .collect();
    assert_eq!(
        notes,
        ["För få mätpunkter för att bedöma om förändringen är mer än slump: serien har 1 mätpunkt, och minst 8 behövs. Så bedöms serien"]
    );
}

//! W023 (issue 27): an indicator named "Öka andelen deltidssjukskrivningar
//! …" whose figures are the full-time share, set to decrease, as
//! Kvartersakuten 2022 wrote it. `check` warns at the name, the page says
//! beside the direction that the name points the other way, with the
//! report's own words (`note`) under it; a name that agrees with its
//! figures gets neither.

use crate::common::*;

#[test]
fn a_name_against_its_figures_is_a_warning_and_a_remark_on_the_page() {
    let site = TestSite::new("warn-name-against-figures");
    let root = site.root.to_str().unwrap();
    let run = run(&["check", "--all-warnings", "--root", root]);
    run.assert_ok();
    compare_expected(
        &fixture("warn-name-against-figures").join("expected.stderr"),
        &run.stderr,
        blessing(),
    )
    .unwrap();
    site.build().assert_ok();
    let html = site.read_out("2022/kvartersakuten/index.html");
    let doc = scraper::Html::parse_document(&html);
    let rows = select(&doc, "tbody tr th[scope=row]");
    let texts: Vec<String> = rows.iter().map(|r| text_of(*r)).collect();
    assert!(
        texts[0].contains(
            "andel (%), ska minska Namnet säger ”öka”, men siffrorna är satta så att de ska minska. Utgångsläge: \"66% är sjukskrivna 100%\""
        ),
        "{texts:?}"
    );
    assert!(!texts[1].contains("Namnet säger"), "{texts:?}");
    assert!(html.contains("<span class=\"ind-remark\">"));
}

#[test]
fn the_real_archive_warns_where_kvartersakuten_names_the_other_share() {
    let run = run(&[
        "check",
        "--all-warnings",
        "--root",
        repo().to_str().unwrap(),
    ]);
    let w023: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.ends_with("[W023]"))
        .collect();
    assert_eq!(w023.len(), 1, "{}", run.stderr);
    assert!(w023[0].starts_with(
        "content/2022/kvartersakuten-sjukskrivning.md:24:11: warning: the name says \"öka\""
    ));
}

#[test]
fn names_say_a_direction_by_their_words() {
    use arkiv::content::Direction::*;
    let dir = |n: &str| arkiv::indicators::name_direction(n);
    assert_eq!(
        dir("Öka andelen deltidssjukskrivningar"),
        Some(("öka".into(), Increase))
    );
    assert_eq!(
        dir("Minska totala antalet sjukskrivna"),
        Some(("minska".into(), Decrease))
    );
    assert_eq!(
        dir("Färre besök på akuten"),
        Some(("färre".into(), Decrease))
    );
    assert_eq!(dir("Andel deltidssjukskrivningar"), None);
    assert_eq!(dir("Öka X och minska Y"), None);
    // "ökning" is not "öka": whole words only.
    assert_eq!(dir("Ökning av SIP"), None);
}

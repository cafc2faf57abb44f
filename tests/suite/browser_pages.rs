//! Browser checks of how pages look and behave, beside `browser.rs`
//! (which has the tools and the site-wide vnu run): axe and the keyboard
//! on every page type, the layout at
//! a phone's and a desktop's width, the XSS payload pages, a page with
//! pictures, and the header and breadcrumbs on a phone. Each skips, saying
//! why, where Chromium or the npm tools are missing (outside CI).

use std::process::Command;

use crate::browser::{
    browser_dir, build, build_generated, gen_corpus_ready, largest, pages_below, ready,
    report_pages, run_tool, url_of, year_dirs,
};
use crate::common::{repo, TestSite};

/// Gate 5: axe-core finds no WCAG 2.1 A/AA violation, the skip link comes
/// first, focus is visible everywhere, pages reflow at 320 px, and nothing
/// is requested from another host: on every page type of the real site and
/// on a report, year, theme and clinic of a 200-report site.
#[test]
fn pages_are_accessible_axe_and_keyboard() {
    if !ready("axe and keyboard", true, false) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let real = tmp.path().join("real");
    build(&repo(), &real);

    // The real site: every report, and one page of every other type.
    let mut paths = vec!["/".to_string()];
    paths.extend(report_pages(&real).iter().map(|p| url_of(&real, p)));
    let years = year_dirs(&real);
    let newest_year = years.last().expect("the real site has no year page");
    paths.push(url_of(&real, &newest_year.join("index.html")));
    paths.push("/ar/".to_string());
    paths.push("/tema/".to_string());
    paths.push(url_of(
        &real,
        &largest(pages_below(&real.join("tema")), "theme"),
    ));
    paths.push("/mottagningar/".to_string());
    paths.push(url_of(
        &real,
        &largest(pages_below(&real.join("mottagningar")), "clinic"),
    ));
    paths.push("/atgarder/".to_string());
    paths.push(url_of(
        &real,
        &largest(pages_below(&real.join("atgarder")), "change idea"),
    ));
    // Reports side by side within a theme.
    paths.push("/tema/sip/jamfor/".to_string());
    paths.push("/tema/sjukskrivning/jamfor/".to_string());
    paths.push("/sok/".to_string());
    paths.push("/sok/?q=sip".to_string());
    paths.push("404:/finns-inte/".to_string());
    paths.push("/tillganglighet/".to_string());
    if real.join("data/index.html").is_file() {
        paths.push("/data/".to_string());
    }
    let mut cmd = Command::new("node");
    cmd.arg("a11y.mjs")
        .arg("--widths=390,1280")
        .arg(&real)
        .args(&paths);
    let (real_ok, real_out) = run_tool(cmd, "axe and keyboard, real site");

    let (gen_ok, gen_out) = if gen_corpus_ready("axe and keyboard") {
        let gen = build_generated(tmp.path());
        let paths = [
            "/".to_string(),
            url_of(&gen, &largest(report_pages(&gen), "report")),
            url_of(
                &gen,
                &largest(
                    year_dirs(&gen)
                        .iter()
                        .map(|y| y.join("index.html"))
                        .collect(),
                    "year",
                ),
            ),
            url_of(&gen, &largest(pages_below(&gen.join("tema")), "theme")),
            "/mottagningar/".to_string(),
            url_of(
                &gen,
                &largest(pages_below(&gen.join("mottagningar")), "clinic"),
            ),
            // A year's second page (past 100 reports).
            "/2024/sida/2/".to_string(),
            // Change ideas by their goals, and reports side by side.
            "/atgarder/".to_string(),
            url_of(
                &gen,
                &largest(pages_below(&gen.join("atgarder")), "change idea"),
            ),
            "/tema/sip/jamfor/".to_string(),
            url_of(
                &gen,
                &largest(pages_below(&gen.join("tema/sip/jamfor")), "family"),
            ),
            // Many clinics: the clinic facet gets its filter box.
            "/sok/?q=patienter&ar=2023&ar=2024".to_string(),
        ];
        let mut cmd = Command::new("node");
        cmd.arg("a11y.mjs")
            .arg("--widths=390,1280")
            .arg(&gen)
            .args(&paths);
        run_tool(cmd, "axe and keyboard, 200-report site")
    } else {
        (true, String::new())
    };
    assert!(
        real_ok && gen_ok,
        "accessibility checks failed:\n{real_out}\n{gen_out}"
    );
}

/// Layout at a phone's width (390 px) and a desktop's (1280 px), measured
/// in Chromium on the real site (`tests/browser/layout.mjs`): chart text
/// 12–16 px at both widths; indicators as cards no wider than their
/// section at 390 px (result and status in view), a table at 1280 px; the
/// search page with results first (the first result within 600 px, the
/// facets folded behind "Avgränsa (n)"), the button by keyboard (Enter
/// opens, Escape closes and gives focus back, Space opens), one removable
/// chip per chosen filter, sorting and "Rensa" with the results, and the
/// facets as a sidebar at 1280 px; the comparison pages (`/tema/<slug>/jamfor/`
/// and a family's own page) without sideways scrolling of the page, tables
/// as cards at 390 px, charts and their labels inside their boxes.
#[test]
fn pages_lay_out_for_a_phone_and_a_desktop() {
    if !ready("layout", true, false) {
        return;
    }
    let site = crate::common::real_site();
    let mut cmd = Command::new("node");
    cmd.arg("layout.mjs").arg(site).args([
        "/2023/kry-vallentuna-sip/",
        "/2024/bra-liv-oxnehaga-prea60/",
        "/2024/nyhalsan-psykisk-ohalsa/",
        "--search=q=patienter&tema=sip&ar=2024",
    ]);
    cmd.args([
        "--compare=/tema/sip/jamfor/",
        "--compare=/tema/sjukskrivning/jamfor/",
    ]);
    let (ok, output) = run_tool(cmd, "layout at 390 and 1280 px");
    assert!(ok && output.contains("layout: ok"), "{output}");
    // The comparison of a theme of many reports, and a family's own page.
    if gen_corpus_ready("layout") {
        let tmp = tempfile::tempdir().unwrap();
        let gen = build_generated(tmp.path());
        let family = url_of(
            &gen,
            &largest(pages_below(&gen.join("tema/sip/jamfor")), "family"),
        );
        let mut cmd = Command::new("node");
        cmd.arg("layout.mjs").arg(&gen).args([
            "--compare=/tema/sip/jamfor/".to_string(),
            format!("--compare={family}"),
        ]);
        let (ok, output) = run_tool(cmd, "layout of the comparison, 200-report site");
        assert!(ok && output.contains("layout: ok"), "{output}");
    }
}

/// The report page built from the XSS payloads (and every listing that
/// shows its fields) opens no dialog in a real browser, also when hovered,
/// focused and clicked.
#[test]
fn xss_payload_pages_open_no_dialog() {
    if !ready("xss dialog", true, false) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("xss");
    let site = TestSite::new("xss");
    build(&site.root, &out);
    assert!(out.join("2024/payloads/index.html").is_file());
    let mut paths = vec!["/2024/payloads/".to_string(), "/".to_string()];
    paths.push("/2024/".to_string());
    // Search results show the payloads' titles, clinics and text.
    paths.push("/sok/?q=alert".to_string());
    paths.push("/sok/?q=Klinik&tema=sip".to_string());
    paths.extend(
        pages_below(&out.join("tema"))
            .iter()
            .map(|p| url_of(&out, p)),
    );
    paths.extend(
        pages_below(&out.join("mottagningar"))
            .iter()
            .map(|p| url_of(&out, p)),
    );
    let mut cmd = Command::new("node");
    cmd.arg("xss.mjs").arg(&out).args(&paths);
    let (ok, output) = run_tool(cmd, "xss dialog check");
    assert!(ok, "a page built from the payloads misbehaved:\n{output}");
}
/// Body pictures (`srcset`, `width`, `height`, lazy loading) and a series
/// by label: the Nu Html Checker and axe find nothing on such a page.
#[test]
fn a_page_with_pictures_and_a_labelled_series_is_valid_and_accessible() {
    if !ready("vnu and axe on pictures", true, true) {
        return;
    }
    let site = TestSite::new("pictures");
    let out = site.root.join("public");
    build(&site.root, &out);
    let mut cmd = Command::new("bash");
    cmd.arg(browser_dir().join("vnu.sh")).arg(&out);
    let (ok, output) = run_tool(cmd, "vnu (pictures)");
    assert!(ok, "the Nu Html Checker found errors:\n{output}");
    let mut cmd = Command::new("node");
    cmd.arg("a11y.mjs")
        .arg("--widths=390,1280")
        .arg(&out)
        .arg("/2023/kry/");
    let (ok, output) = run_tool(cmd, "axe and keyboard (pictures)");
    assert!(ok, "axe or keyboard checks failed:\n{output}");
}

/// The header on a phone is one row (title and "Meny", a `<details>` that
/// opens by keyboard) at most 120 px high, the menu shown in the header row
/// on a desktop; no breadcrumb line starts with "›" at 320, 390 or 1280 px
/// (`tests/browser/header.mjs`), on every kind of inner page.
#[test]
fn the_header_is_one_row_on_a_phone_and_breadcrumbs_never_start_a_line_with_the_separator() {
    if !ready("header", true, false) {
        return;
    }
    let site = crate::common::real_site();
    let mut cmd = Command::new("node");
    cmd.arg("header.mjs").arg(site).args([
        "/2025/brommaplans-vc-stress-smarta/",
        "/2024/",
        "/tema/sip/",
        "/mottagningar/",
        "/mottagningar/kry-vardcentral-vallentuna/",
        "/atgarder/",
        "/data/",
        "/tillganglighet/",
        "/ar/",
    ]);
    let (ok, output) = run_tool(cmd, "header and breadcrumbs");
    assert!(ok && output.contains("header: ok"), "{output}");
}

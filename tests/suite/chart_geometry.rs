//! Chart labels never cross a target line or each other: every chart of
//! every page of the real archive and of a generated 200-report archive
//! (`gen_corpus.py --ties`), measured at a phone's chart width and a
//! desktop's. Positions come from the SVG itself (percentages of the
//! chart's width, pixels otherwise); a label's box is estimated from its
//! characters at the 14 px the charts use, generously (0.62 em a
//! character), so that a browser's real text fits inside it.

use std::path::Path;

use scraper::{ElementRef, Html, Selector};

use crate::common::*;

/// Chart widths in CSS pixels: a goal chart on a 390 px phone is about
/// 300 px wide, a comparison chart on a 1280 px desktop about 640 px;
/// both ends and one far beyond.
const WIDTHS: [f64; 3] = [260.0, 640.0, 1200.0];
const CHAR: f64 = 0.62;

#[derive(Debug, Clone, Copy)]
struct Rect {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

impl Rect {
    fn meets(&self, o: &Rect) -> bool {
        self.left < o.right && o.left < self.right && self.top < o.bottom && o.top < self.bottom
    }
}

/// An SVG length: "12.50%" of `width`, or pixels.
fn length(v: &str, width: f64) -> f64 {
    match v.strip_suffix('%') {
        Some(p) => p.parse::<f64>().unwrap() / 100.0 * width,
        None => v.parse().unwrap(),
    }
}

fn attr(e: &ElementRef, name: &str) -> String {
    e.value().attr(name).unwrap_or("0").to_string()
}

/// The box of a `<text>` drawn in a chart `width` px wide.
fn text_box(t: &ElementRef, width: f64) -> Rect {
    let size: f64 = t.value().attr("font-size").unwrap_or("14").parse().unwrap();
    let chars = t.text().collect::<String>().chars().count() as f64;
    let w = chars * CHAR * size;
    let x = length(&attr(t, "x"), width);
    let y = length(&attr(t, "y"), width);
    let left = match t.value().attr("text-anchor") {
        Some("middle") => x - w / 2.0,
        Some("end") => x - w,
        _ => x,
    };
    Rect {
        left,
        right: left + w,
        top: y - 0.8 * size,
        bottom: y + 0.25 * size,
    }
}

/// The box of a target line with its stroke.
fn line_box(l: &ElementRef, width: f64) -> Rect {
    let (x1, x2) = (length(&attr(l, "x1"), width), length(&attr(l, "x2"), width));
    let (y1, y2) = (length(&attr(l, "y1"), width), length(&attr(l, "y2"), width));
    let half: f64 = l
        .value()
        .attr("stroke-width")
        .unwrap_or("1")
        .parse::<f64>()
        .unwrap()
        / 2.0;
    Rect {
        left: x1.min(x2) - half,
        right: x1.max(x2) + half,
        top: y1.min(y2) - half,
        bottom: y1.max(y2) + half,
    }
}

/// Problems of every chart of every page below `site`; how many charts.
fn check_site(site: &Path) -> (usize, Vec<String>) {
    let charts = Selector::parse("svg.chart").unwrap();
    let texts = Selector::parse(":scope > text").unwrap();
    let targets = Selector::parse(":scope > line.target").unwrap();
    let mut problems = Vec::new();
    let mut n = 0;
    for page in files_below(site)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
    {
        let html = std::fs::read_to_string(site.join(&page)).unwrap();
        if !html.contains("class=\"chart ") {
            continue;
        }
        let doc = Html::parse_document(&html);
        for chart in doc.select(&charts) {
            n += 1;
            let kind = attr(&chart, "class");
            let labels: Vec<ElementRef> = chart.select(&texts).collect();
            let lines: Vec<ElementRef> = chart.select(&targets).collect();
            for width in WIDTHS {
                let boxes: Vec<(String, Rect)> = labels
                    .iter()
                    .map(|t| (t.text().collect(), text_box(t, width)))
                    .collect();
                for (i, (a, ra)) in boxes.iter().enumerate() {
                    for (b, rb) in &boxes[i + 1..] {
                        if ra.meets(rb) {
                            problems.push(format!(
                                "{page} ({kind}, {width} px): \"{a}\" and \"{b}\" overlap"
                            ));
                        }
                    }
                    for l in &lines {
                        if ra.meets(&line_box(l, width)) {
                            problems.push(format!(
                                "{page} ({kind}, {width} px): \"{a}\" crosses the target line"
                            ));
                        }
                    }
                }
            }
        }
    }
    (n, problems)
}

#[test]
fn no_chart_label_crosses_a_target_line_or_another_label() {
    let (n, problems) = check_site(real_site());
    assert!(n >= 30, "only {n} charts on the real site");
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    let tmp = tempfile::tempdir().unwrap();
    let Some((_, out)) = built_corpus(tmp.path(), 200, &["--ties"], &["--no-search"]) else {
        return;
    };
    let (n, problems) = check_site(&out);
    assert!(n >= 500, "only {n} charts on the generated site");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems[..problems.len().min(20)].join("\n")
    );
}

#[test]
fn the_geometry_sees_a_label_on_the_target_line() {
    // The old goal chart: "resultat 4" at y 44 over a target line 30–70.
    let doc = Html::parse_fragment(
        r##"<svg class="chart goal-chart"><line class="target" x1="50%" y1="30" x2="50%" y2="70" stroke-width="2"/><text x="50%" y="44" font-size="14" text-anchor="middle">resultat 4</text><text x="52%" y="38" font-size="14" text-anchor="middle">mål 4</text></svg>"##,
    );
    let svg = doc.select(&Selector::parse("svg").unwrap()).next().unwrap();
    let t: Vec<ElementRef> = svg.select(&Selector::parse("text").unwrap()).collect();
    let l = svg
        .select(&Selector::parse("line").unwrap())
        .next()
        .unwrap();
    assert!(text_box(&t[0], 300.0).meets(&line_box(&l, 300.0)));
    assert!(text_box(&t[0], 300.0).meets(&text_box(&t[1], 300.0)));
}

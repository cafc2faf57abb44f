//! Counts the Swedish way on an archive of 1,000 reports: every count of
//! 1,000 or more on every page is grouped with a no-break space (`1 000
//! rapporter`, as the search page's `Intl.NumberFormat("sv-SE")` writes
//! it), never `1000 rapporter`. Years, codes and figures as a report wrote
//! them are not counts and are left alone: the rule looks only at a number
//! followed by a counted noun.

use scraper::Html;

use crate::common::*;

/// The nouns the pages count.
const NOUNS: &str = "rapporter|slutrapporter|planer|mottagningar|åtgärder|indikatorer|mål|teman|träffar|sidor|filer|rader";

#[test]
fn every_count_from_1000_on_is_grouped_with_a_no_break_space() {
    let tmp = tempfile::tempdir().unwrap();
    let Some((_, out)) = built_corpus(tmp.path(), 1000, &[], &["--no-search"]) else {
        return;
    };
    let count = regex::Regex::new(&format!(
        r"(?:^|[^\d\x{{a0}},.:/–-])(\d+(?:\x{{a0}}\d{{3}})*)[ \x{{a0}}]({NOUNS})\b"
    ))
    .unwrap();
    // (A chart's axis labels stand side by side: "15 nov 2015", "mål
    // 46 %" are not a count.)
    let svg = regex::Regex::new(r"(?s)<svg.*?</svg>").unwrap();
    let mut bad = Vec::new();
    let mut grouped = 0;
    for page in files_below(&out).iter().filter(|p| p.ends_with(".html")) {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        let html = svg.replace_all(&html, "");
        let text: String = Html::parse_document(&html)
            .root_element()
            .text()
            .collect::<Vec<_>>()
            .join(" ");
        for m in count.captures_iter(&text) {
            let n = &m[1];
            if n.contains('\u{a0}') {
                grouped += 1;
            } else if n.len() >= 4 {
                bad.push(format!("{page}: {n} {}", &m[2]));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "counts without the thousands space:\n{}",
        bad[..bad.len().min(20)].join("\n")
    );
    // The rule did see counts of 1,000 and more: the home page's own.
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        home.contains("1\u{a0}000 rapporter"),
        "the home page counts 1 000 reports"
    );
    assert!(grouped > 0);
}

//! `/data/` (issue 27): linked from the home page, each file with its size
//! in Swedish (as built), and the JSON schema published beside the data
//! and linked, the same bytes as `docs/open-data.schema.json`.

use crate::common::*;

#[test]
fn the_data_page_gives_sizes_and_links_its_schema() {
    let out = real_site();
    let page = std::fs::read_to_string(out.join("data/index.html")).unwrap();
    for (file, kind) in [
        ("indikatorer.xlsx", "Excel"),
        ("indikatorer.csv", "CSV"),
        ("indikatorer-excel.csv", "CSV för Excel"),
        ("rapporter.json", "JSON"),
    ] {
        let bytes = std::fs::metadata(out.join("data").join(file))
            .unwrap()
            .len();
        let size = arkiv::text::format_size(bytes);
        let want = format!("{file}</a> ({kind}, {size})");
        assert!(page.contains(&want), "{want} not in the data page");
        assert!(size.ends_with("kB") || size.ends_with("MB"), "{size}");
    }
    assert!(page.contains("<a href=\"/data/rapporter.schema.json\">"));
    assert_eq!(
        std::fs::read(out.join("data/rapporter.schema.json")).unwrap(),
        std::fs::read(repo().join("docs/open-data.schema.json")).unwrap()
    );
    // No straight quotes in the page's text.
    let doc = scraper::Html::parse_document(&page);
    let main = select(&doc, "main");
    assert!(!text_of(main[0]).contains('"'), "{}", text_of(main[0]));
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    let doc = scraper::Html::parse_document(&home);
    assert!(
        select(&doc, "main a[href=\"/data/\"]").len() == 1,
        "the home page links /data/ outside the footer"
    );
}

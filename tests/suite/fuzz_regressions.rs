//! Inputs found by the fuzz targets in `fuzz/` (see `fuzz/README.md`),
//! kept as regression tests. Each file under `tests/fixtures/fuzz/` is run
//! through the same text stages as `fuzz/fuzz_targets/parse_bytes.rs`.

use arkiv::content::{fuzzing::parse_bytes, markdown};

/// `<a href="jav&#x11;ascript:…">` in raw HTML: ammonia took the URL for a
/// relative one (the U+0011 control character stops its scheme parser) and
/// kept it, although the Markdown path refuses such URLs (`is_safe_url`
/// ignores control characters).
#[test]
fn control_character_inside_a_script_scheme_is_dropped() {
    let bytes = include_bytes!("../fixtures/fuzz/crash-dcbc3ee2-control-char-scheme.md");
    let html = parse_bytes(bytes).expect("the front matter parses");
    assert!(!html.contains("ascript:alert('entity-link')"), "{html}");
    assert!(html.contains("entitetslänk"), "link text kept: {html}");

    for raw in [
        "<a href=\"jav&#x11;ascript:alert(1)\">x</a>",
        "<a href=\"jav\u{11}ascript:alert(1)\">x</a>",
        "<img src=\"&#x1;javascript:alert(1)\">",
        "<img src=\"data&#x11;:text/html,x\">",
    ] {
        for out in [markdown::sanitize(raw), markdown::render(raw).html] {
            assert!(!out.contains("script:"), "{raw} → {out}");
            assert!(!out.contains(":text/html"), "{raw} → {out}");
        }
    }
    // Safe URLs in raw HTML are kept.
    let out = markdown::sanitize(
        "<a href=\"../bilaga.pdf\">a</a><img src=\"https://example.org/b.png\">",
    );
    assert!(out.contains("href=\"../bilaga.pdf\""), "{out}");
    assert!(out.contains("src=\"https://example.org/b.png\""), "{out}");
}

/// Every saved fuzz input parses without panicking.
#[test]
fn every_fuzz_fixture_parses_without_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let _ = parse_bytes(&bytes);
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let _ = markdown::render(text);
            let _ = markdown::sanitize(text);
        }
        n += 1;
    }
    assert!(n > 0, "no fixtures in {}", dir.display());
}

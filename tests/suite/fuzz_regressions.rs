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

/// Cleans `data` as the cleaner fuzz targets do (`fuzz/src/lib.rs`,
/// `clean_twice`): a copy must clean again, with nothing left to remove.
fn clean_twice(kind: arkiv::clean::Kind, data: &[u8]) {
    let Ok(first) = arkiv::clean::clean(kind, data) else {
        return;
    };
    let again = arkiv::clean::clean(kind, &first.bytes)
        .unwrap_or_else(|e| panic!("the cleaned copy cannot be cleaned again: {e}"));
    assert!(again.hidden.is_empty(), "{:?}", again.hidden);
    assert!(again.removed.review().is_empty(), "{}", again.removed);
}

/// A "JPEG" whose segments end (at an end-of-image marker amid garbage)
/// before any scan: its copy had no end marker and could not be read
/// again. A JPEG without image data is now refused as damaged.
#[test]
fn a_jpeg_without_a_scan_is_refused() {
    let data = include_bytes!("../fixtures/fuzz/clean-image-crash-339ce6a5-jpeg-without-scan.bin");
    // The first byte is the target's mode (0: JPEG).
    let r = arkiv::clean::clean(arkiv::clean::Kind::Jpeg, &data[1..]);
    assert!(
        matches!(r, Err(arkiv::clean::CleanError::Damaged(_))),
        "{r:?}"
    );
}

/// A WebP whose only image chunk has a mangled name (`VP9L`): its copy
/// kept no image and was no WebP. A WebP without image data is refused.
#[test]
fn a_webp_without_an_image_chunk_is_refused() {
    let data = include_bytes!("../fixtures/fuzz/clean-image-crash-af8565e6-webp-without-image.bin");
    // The first byte is the target's mode (2: WebP).
    let r = arkiv::clean::clean(arkiv::clean::Kind::Webp, &data[1..]);
    assert!(
        matches!(r, Err(arkiv::clean::CleanError::Damaged(_))),
        "{r:?}"
    );
}

/// A PDF whose XMP stream is reached by a key other than `/Metadata` (the
/// fuzzer broke the name): the copy kept it, since only `/Metadata` keys
/// were dropped. Every XMP stream is now removed, whatever points at it.
#[test]
fn an_xmp_stream_goes_whatever_points_at_it() {
    let data = include_bytes!("../fixtures/fuzz/clean-pdf-crash-3744650d-xmp-kept.pdf");
    let c = arkiv::clean::clean(arkiv::clean::Kind::Pdf, data).unwrap();
    assert!(c
        .hidden
        .iter()
        .any(|h| h.text.contains("SOM INTE SKA PUBLICERAS")));
    let again = arkiv::clean::clean(arkiv::clean::Kind::Pdf, &c.bytes).unwrap();
    assert!(again.hidden.is_empty(), "{:?}", again.hidden);
}

/// `clean_pdf` (2026-12-07): a decrypted copy whose page dictionary holds
/// the name `/Encrypt` as a value was refused as password-protected when
/// cleaned again. Only an `/Encrypt` entry (a reference or a dictionary)
/// means encryption now.
#[test]
fn the_name_encrypt_elsewhere_is_not_a_password() {
    let data = include_bytes!("../fixtures/fuzz/clean-pdf-crash-cb86f1cf-encrypt-as-a-name.pdf");
    let c = arkiv::clean::clean(arkiv::clean::Kind::Pdf, data).unwrap();
    arkiv::clean::clean(arkiv::clean::Kind::Pdf, &c.bytes).unwrap();
}

/// Every saved input of the cleaner targets (`clean-<target>-…`) cleans
/// twice as the target demands, or is refused.
#[test]
fn every_cleaner_fuzz_fixture_cleans_twice() {
    use arkiv::clean::Kind;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let Some((&mode, rest)) = bytes.split_first() else {
            continue;
        };
        if name.starts_with("clean-image-") {
            clean_twice(
                [Kind::Jpeg, Kind::Png, Kind::Webp, Kind::Gif][usize::from(mode % 4)],
                rest,
            );
        } else if name.starts_with("clean-pdf-") {
            clean_twice(Kind::Pdf, &bytes);
        } else if name.starts_with("clean-docx-") && mode % 2 == 0 {
            clean_twice(
                if mode % 4 == 2 {
                    Kind::Xlsx
                } else {
                    Kind::Docx
                },
                rest,
            );
        }
    }
}

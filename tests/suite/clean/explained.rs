//! What `arkiv explain E017` and the format's privacy section say the
//! guard reads is what it reads: every kind of file whose cleaned copy has
//! text for the guard (the code decides, by cleaning a sample of each kind)
//! is named in both, and the kinds it does not read are named as such.

use std::path::Path;

use arkiv::clean::{clean, Kind};

/// A sample of each kind arkiv publishes, and the words a reader knows it
/// by in the Swedish guide and in the English format description.
fn samples() -> Vec<(Kind, Vec<u8>, &'static str, &'static str)> {
    let fixture = |name: &str| {
        std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/clean")
                .join(name),
        )
        .unwrap()
    };
    vec![
        (Kind::Docx, fixture("comment.docx"), "Word", "Word"),
        (Kind::Pdf, fixture("metadata.pdf"), "PDF", "PDF"),
        (
            Kind::Text,
            b"Antal SIP per m\xc3\xa5nad.\n".to_vec(),
            "text",
            "text",
        ),
        (Kind::Xlsx, fixture("comment.xlsx"), "Excel", "Excel"),
        (Kind::Jpeg, fixture("exif.jpg"), "bild", "picture"),
        (Kind::Png, fixture("text.png"), "bild", "picture"),
    ]
}

fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let start = text.find(heading).unwrap_or_else(|| panic!("no {heading}"));
    let rest = &text[start + heading.len()..];
    let end = rest
        .find("\n## ")
        .or_else(|| rest.find("\n### "))
        .unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn e017_and_the_privacy_section_name_every_kind_the_guard_reads() {
    let explain = arkiv::diag::Code::Personnummer.explanation().unwrap();
    let format = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/content-format.md"),
    )
    .unwrap();
    let privacy = section(&format, "## Privacy");
    let mut read = 0;
    for (kind, bytes, sv, en) in samples() {
        let cleaned = clean(kind, &bytes).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        if cleaned.text.is_some() {
            read += 1;
            assert!(
                explain.contains(sv),
                "E017 names {sv} files (the guard reads them):\n{explain}"
            );
            assert!(
                privacy.contains(en),
                "the privacy section names {en} (the guard reads them)"
            );
        } else {
            // Not read: the guide says so, so an editor checks them by eye.
            let said = explain
                .lines()
                .skip_while(|l| !l.contains("kontrolleras inte"))
                .take(1)
                .collect::<String>();
            assert!(
                said.to_lowercase().contains(&sv.to_lowercase()),
                "E017 says {sv} files are not checked (the guard does not read them):\n{explain}"
            );
            let flat = privacy.split_whitespace().collect::<Vec<_>>().join(" ");
            let not_read = flat
                .find("are not read")
                .expect("the section says what is not read");
            assert!(
                flat[not_read.saturating_sub(60)..not_read]
                    .to_lowercase()
                    .contains(&en.to_lowercase()),
                "the privacy section says {en} files are not read"
            );
        }
    }
    assert!(read >= 3, "Word, PDF and text are read");
}

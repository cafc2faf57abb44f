//! Checks shared by the fuzz targets.

/// Panics if rendered and sanitised HTML contains markup that could run
/// script: a `<script>`-like element, an event-handler attribute, or an
/// `href`/`src`/`action` whose URL has a script or `data:` scheme.
///
/// The HTML comes from pulldown-cmark or from the sanitiser's serialiser, so
/// it is well formed: text is escaped (`&lt;`), and a `<` followed by a letter
/// always starts a real tag. Attribute values are quoted, and may contain
/// `<` and `>`, so the scan honours quotes.
pub fn assert_safe(html: &str) {
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'<' && b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic()) {
            i = check_tag(html, i + 1);
        } else {
            i += 1;
        }
    }
}

const BAD_ELEMENTS: [&str; 8] = [
    "script", "iframe", "object", "embed", "style", "form", "frame", "meta",
];

/// Checks the tag whose name starts at `i`; returns the index after its `>`.
fn check_tag(html: &str, mut i: usize) -> usize {
    let b = html.as_bytes();
    let start = i;
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
        i += 1;
    }
    let name = html[start..i].to_ascii_lowercase();
    assert!(
        !BAD_ELEMENTS.contains(&name.as_str()),
        "<{name}> element in output:\n{html}"
    );
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return i;
        }
        if b[i] == b'>' {
            return i + 1;
        }
        let a = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let attr = html[a..i].to_ascii_lowercase();
        let mut value = "";
        if b.get(i) == Some(&b'=') {
            i += 1;
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let v = i + 1;
                    let end = html[v..].find(q as char).map_or(b.len(), |e| v + e);
                    value = &html[v..end];
                    i = (end + 1).min(b.len());
                }
                _ => {
                    let v = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = &html[v..i];
                }
            }
        }
        assert!(
            !attr.starts_with("on"),
            "event handler {attr}= on <{name}> in output:\n{html}"
        );
        if matches!(attr.as_str(), "href" | "src" | "action" | "formaction") {
            let url: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            for scheme in ["javascript:", "vbscript:", "data:"] {
                assert!(
                    !url.starts_with(scheme),
                    "{attr}=\"{value}\" on <{name}> in output:\n{html}"
                );
            }
        }
    }
}

/// Cleans `data` as `kind` and, when that succeeds, cleans the copy again:
/// the copy must be readable by the cleaner itself and hold nothing more to
/// remove that carries text (a comment, a deletion, properties) nor any
/// review material.
pub fn clean_twice(kind: arkiv::clean::Kind, data: &[u8]) {
    let Ok(first) = arkiv::clean::clean(kind, data) else {
        return;
    };
    let again = arkiv::clean::clean(kind, &first.bytes)
        .unwrap_or_else(|e| panic!("the cleaned copy cannot be cleaned again: {e}"));
    assert!(
        again.hidden.is_empty(),
        "the cleaned copy still holds hidden text: {:?}",
        again.hidden
    );
    assert!(
        again.removed.review().is_empty(),
        "the cleaned copy still holds review material: {}",
        again.removed
    );
}

//! Text from bytes: percent-escapes (old URLs, strict or lossy), files of
//! an unknown encoding (attachments, old link pages), URL encoding.

/// Decodes `%XX` escapes (UTF-8); `None` for a broken escape or bytes that
/// are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    String::from_utf8(percent_bytes(s, true)?).ok()
}

/// Percent-decoding for old addresses as they are found: a broken escape
/// stays as written, and bytes that are not UTF-8 (a Latin-1 `%E4`) become
/// U+FFFD instead of failing.
pub fn percent_decode_lossy(s: &str) -> String {
    let bytes = percent_bytes(s, false).unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The bytes of a percent-encoded text; with `strict`, `None` for a broken
/// escape, else the escape is kept as written.
fn percent_bytes(s: &str, strict: bool) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            match s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                Some(v) => {
                    out.push(v);
                    i += 3;
                    continue;
                }
                None if strict => return None,
                None => {}
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    Some(out)
}

/// `bytes` without a leading UTF-8 byte-order mark (which Windows editors
/// write at the start of a file).
pub fn strip_utf8_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
}

/// The text of a file whose encoding is not known, never failing: for
/// files that are read, not published as text (attachments the privacy
/// guard scans, old pages of links). UTF-8 when it is valid (a BOM
/// dropped); else the byte-order mark's encoding (UTF-8 or UTF-16, invalid
/// sequences replaced); else the charset the text declares (`charset=…` in
/// its first 2 kB, as an HTML page does); else Windows-1252, what Windows
/// saves as "ANSI" (a superset of ISO-8859-1). Every encoding used keeps
/// ASCII as ASCII, so digits and markup survive whatever the guess.
/// Report files are stricter: see `content::frontmatter::decode`.
pub fn decode_lossy(bytes: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(strip_utf8_bom(bytes)) {
        return s.to_string();
    }
    let encoding = declared_charset(bytes).map_or(encoding_rs::WINDOWS_1252, |e| {
        // A declared UTF-16 (or one of the labels that decode to nothing)
        // cannot be right for text whose declaration was read as ASCII.
        e.output_encoding()
    });
    // `decode` lets a byte-order mark override the encoding given.
    encoding.decode(bytes).0.into_owned()
}

/// The encoding named by the first `charset=` in the first 2 kB.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let rest = head.split("charset=").nth(1)?;
    let label: String = rest
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

/// Percent-encodes the ASCII characters that may not stand raw in a URL
/// (`<`, `>`, `"`, space, …), leaving everything else as written.
pub fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' | '"' | '<' | '>' | '`' | '{' | '}' | '|' | '\\' | '^' => {
                out.push_str(&format!("%{:02X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_any_encoding() {
        // UTF-8, with or without BOM.
        assert_eq!(decode_lossy("Nyhälsan".as_bytes()), "Nyhälsan");
        assert_eq!(decode_lossy(b"\xEF\xBB\xBFabc"), "abc");
        // A BOM decides, invalid sequences replaced.
        assert_eq!(decode_lossy(b"\xFF\xFEa\x00b\x00"), "ab");
        assert_eq!(decode_lossy(b"\xFE\xFF\x00a\x00b"), "ab");
        assert_eq!(decode_lossy(b"\xEF\xBB\xBF\xD6 1"), "\u{FFFD} 1");
        // The declared charset, else Windows-1252.
        let page = b"<meta charset=\"iso-8859-1\"><a href=\"x.pdf\">Nyh\xe4lsan \xc5ngest</a>";
        assert!(decode_lossy(page).contains("Nyhälsan Ångest"));
        assert_eq!(decode_lossy(b"<a>Nyh\xe4lsan</a>"), "<a>Nyhälsan</a>");
        assert_eq!(decode_lossy(b"\xD6 121212-1212 \x80"), "Ö 121212-1212 €");
        // A declared UTF-16 cannot be: the declaration was read as ASCII.
        let utf16 = b"<meta charset=utf-16>121212-1212 \xff";
        assert!(decode_lossy(utf16).contains("121212-1212"));
    }

    #[test]
    fn urls_are_encoded() {
        assert_eq!(
            encode_url("https://e.se/a b\"<c>.pdf"),
            "https://e.se/a%20b%22%3Cc%3E.pdf"
        );
        assert_eq!(encode_url("https://e.se/å"), "https://e.se/å");
    }
}

//! Decoding a report file and splitting it into front matter and body,
//! keeping the line numbers of both so that every diagnostic points at the
//! file's own line.

use crate::diag::{Code, Diagnostic};
use crate::text::strip_utf8_bom;

/// A problem with the file's text or its delimiters, at a 1-based line and
/// column (the first bad byte, or the opening `---`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitError {
    pub code: Code,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl SplitError {
    /// The error as a diagnostic of `file`.
    pub fn into_diagnostic(self, file: &str) -> Diagnostic {
        Diagnostic::error(self.code, file, self.line, self.col, self.message)
    }
}

/// A report file split at its `---` lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the delimiters.
    pub yaml: &'a str,
    /// The file line (1-based) on which the YAML starts.
    pub yaml_line: usize,
    /// The Markdown after the closing delimiter.
    pub body: &'a str,
    /// The file line (1-based) on which the body starts.
    pub body_line: usize,
}

/// Decodes a file as UTF-8 (with or without BOM) and normalises CRLF to LF.
/// Line and column positions stay the same after normalisation. Unlike
/// [`crate::text::decode_lossy`], which guesses, a report must be UTF-8:
/// its text is published, and a wrong guess would publish garbled letters.
pub fn decode(bytes: &[u8]) -> Result<String, SplitError> {
    let bytes = strip_utf8_bom(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(if s.contains('\r') {
            s.replace("\r\n", "\n")
        } else {
            s.to_string()
        }),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            // `valid` is valid UTF-8 by construction.
            let prefix = std::str::from_utf8(valid).unwrap_or("");
            let line = prefix.matches('\n').count() + 1;
            let col = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let bad = bytes[e.valid_up_to()];
            let mut message = format!("the file is not valid UTF-8 (byte 0x{bad:02X})");
            if looks_like_windows_1252(bytes) {
                message.push_str("; it looks like Windows-1252 (ANSI/Latin-1): save it as UTF-8");
            }
            Err(SplitError {
                code: Code::NotUtf8,
                line,
                col,
                message,
            })
        }
    }
}

/// Swedish letters in Windows-1252 are single bytes that are never valid
/// UTF-8 on their own: å ä ö Å Ä Ö é.
fn looks_like_windows_1252(bytes: &[u8]) -> bool {
    const LETTERS: [u8; 7] = [0xE5, 0xE4, 0xF6, 0xC5, 0xC4, 0xD6, 0xE9];
    bytes.iter().enumerate().any(|(i, b)| {
        LETTERS.contains(b) && bytes.get(i + 1).is_none_or(|n| !(0x80..0xC0).contains(n))
    })
}

fn is_delimiter(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits decoded text into front matter and body.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if !is_delimiter(&text[..first_end]) {
        return Err(SplitError {
            code: Code::FrontMatter,
            line: 1,
            col: 1,
            message: "the file does not start with front matter: its first line must be ---".into(),
        });
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut pos = yaml_start;
    let mut line = 2;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if is_delimiter(&text[pos..end]) {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                yaml: &text[yaml_start..pos],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        pos = end + 1;
        line += 1;
    }
    Err(SplitError {
        code: Code::FrontMatter,
        line: 1,
        col: 1,
        message: "the front matter is not closed: add a line with --- after it".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_keeps_lines() {
        let t = "---\ntitle: x\nyear: 2023\n---\n\nBody\n";
        let s = split(t).unwrap();
        assert_eq!(s.yaml, "title: x\nyear: 2023\n");
        assert_eq!(s.yaml_line, 2);
        assert_eq!(s.body, "\nBody\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn empty_body_and_crlf_bom() {
        let t = decode(b"\xef\xbb\xbf---\r\ntitle: x\r\n---").unwrap();
        let s = split(&t).unwrap();
        assert_eq!(s.yaml, "title: x\n");
        assert_eq!(s.body, "");
    }

    #[test]
    fn unclosed_and_missing() {
        assert!(split("---\ntitle: x\n")
            .unwrap_err()
            .message
            .contains("not closed"));
        assert!(split("title: x\n")
            .unwrap_err()
            .message
            .contains("does not start"));
    }

    #[test]
    fn windows_1252_hint() {
        let e = decode(b"---\ntitle: H\xe4lsa\n---\n").unwrap_err();
        assert_eq!((e.line, e.col), (2, 9));
        assert!(e.message.contains("Windows-1252"), "{}", e.message);
        let e = decode(b"---\n\xff\xfe\n").unwrap_err();
        assert!(!e.message.contains("Windows-1252"));
    }
}

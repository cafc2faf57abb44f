//! What a report must not publish, as diagnostics: e-mail addresses (a
//! warning; they are replaced wherever the report is published) and
//! possible personnummer (an error, in the report or in the text of its
//! attachments; the number is masked in every message). The detection of
//! personnummer itself is `privacy`'s.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use super::attachment_text::{DocxError, TextKind};
use super::privacy;
use crate::diag::{line_col, Code, Diagnostic};

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}")
        .expect("valid regex")
});

/// What an e-mail address is replaced with wherever it would be published.
pub const EMAIL_REPLACEMENT: &str = "[e-postadress borttagen]";

/// Removes e-mail addresses from a text.
pub fn redact_emails(s: &str) -> String {
    if s.contains('@') {
        EMAIL.replace_all(s, EMAIL_REPLACEMENT).into_owned()
    } else {
        s.to_string()
    }
}

/// One warning per e-mail address in `text` (a whole report file), at its
/// line and column.
pub fn email_warnings(file: &str, text: &str) -> Vec<Diagnostic> {
    EMAIL
        .find_iter(text)
        .map(|m| {
            let (line, col) = line_col(text, m.start());
            Diagnostic::warning(
                Code::Email,
                file,
                line,
                col,
                "e-mail address found; it will not be published (remove it from the report)",
            )
        })
        .collect()
}

/// The privacy guard's error for one possible personnummer or
/// samordningsnummer; the number itself is never printed.
fn personnummer_message(masked: &str) -> String {
    format!("possible personnummer {masked}: remove it, or list it in site.toml [privacy] allow if it is not a real person's number")
}

/// One error per possible personnummer in `text` that `[privacy] allow`
/// does not list, at its line and column in `file`.
pub fn personnummer_errors(allow: &privacy::Allow, file: &str, text: &str) -> Vec<Diagnostic> {
    privacy::find(text)
        .into_iter()
        .filter(|h| !allow.allows(h))
        .map(|h| {
            let (line, col) = line_col(text, h.start);
            Diagnostic::error(
                Code::Personnummer,
                file,
                line,
                col,
                personnummer_message(&h.masked),
            )
        })
        .collect()
}

/// Diagnostics with any whole personnummer in their messages masked (a
/// YAML error or an unknown topic may quote a value as written).
pub fn masked(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    for d in &mut diags {
        if d.message.bytes().any(|b| b.is_ascii_digit()) {
            d.message = privacy::mask_all(&d.message);
        }
    }
    diags
}

/// Why an attachment's text could not be checked; reported at the
/// attachment's entry in the report.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("cannot read attachment \"{name}\": {error}")]
    Read { name: String, error: std::io::Error },
    #[error("attachment \"{name}\" cannot be checked for personnummer: {error}")]
    Unreadable { name: String, error: DocxError },
}

/// The privacy guard for an attachment (`name` as the report writes it,
/// `source` its path): a text attachment is scanned like the report, and
/// its hits are reported at the attachment's own path below `root` (for a
/// Word file, line = paragraph). Other attachments have no text to scan.
pub fn scan_attachment(
    allow: &privacy::Allow,
    root: &Path,
    name: &str,
    source: &Path,
) -> Result<Vec<Diagnostic>, ScanError> {
    let Some(kind) = TextKind::of(source) else {
        return Ok(Vec::new());
    };
    let bytes = std::fs::read(source).map_err(|error| ScanError::Read {
        name: name.to_string(),
        error,
    })?;
    let text = kind.text(&bytes).map_err(|error| ScanError::Unreadable {
        name: name.to_string(),
        error,
    })?;
    let file = super::rel_path(root, source);
    Ok(personnummer_errors(allow, &file, &text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts() {
        assert_eq!(
            redact_emails("Mejla jenny.lundqvist@kry.se nu"),
            format!("Mejla {EMAIL_REPLACEMENT} nu")
        );
        assert_eq!(redact_emails("ingen adress"), "ingen adress");
    }

    #[test]
    fn warnings_and_masking() {
        let w = email_warnings("a.md", "---\nx: a@b.se\n");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].pos, Some((2, 4)));
        let e = personnummer_errors(&privacy::Allow::default(), "a.md", "x 121212-1212");
        assert_eq!(e[0].pos, Some((1, 3)));
        assert!(e[0]
            .message
            .starts_with("possible personnummer 121212-****:"));
        let quoted = Diagnostic::error(
            Code::UnknownTopic,
            "a.md",
            1,
            1,
            "unknown topic \"121212-1212\"",
        );
        assert_eq!(
            masked(vec![quoted])[0].message,
            "unknown topic \"121212-****\""
        );
    }
}

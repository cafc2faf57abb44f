//! What a report must not publish, as diagnostics: e-mail addresses (a
//! warning; they are replaced wherever the report is published) and
//! possible personnummer (an error, in the report or in the text of its
//! attachments; the number is masked in every message). The detection of
//! personnummer itself is `privacy`'s.

use std::path::Path;

use super::attachment_text::{TextError, TextKind};
use super::emails::{self, AllowEmails, EMAIL};
use super::privacy;
use crate::diag::{line_col, Code, Diagnostic};

/// What an e-mail address is replaced with wherever it would be published.
pub const EMAIL_REPLACEMENT: &str = "[e-postadress borttagen]";

/// Removes e-mail addresses from a text.
pub fn redact_emails(s: &str) -> String {
    emails::replace_all(s, EMAIL_REPLACEMENT)
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
    Unreadable { name: String, error: TextError },
}

/// One error per e-mail address in an attachment's `text` that `[privacy]
/// allow_emails` does not list (a person's address; a role mailbox may be
/// allowed), masked.
pub fn attachment_email_errors(allow: &AllowEmails, file: &str, text: &str) -> Vec<Diagnostic> {
    emails::find(text)
        .into_iter()
        .filter(|f| !allow.allows(f))
        .map(|f| {
            let (line, col) = line_col(text, f.start);
            Diagnostic::error(
                Code::AttachmentEmail,
                file,
                line,
                col,
                format!("e-mail address {} in an attachment: attach a copy without it, or list the address in site.toml [privacy] allow_emails if it is a role mailbox", f.masked()),
            )
        })
        .collect()
}

/// The privacy guard for an attachment (`name` as the report writes it,
/// `source` its path): a text attachment (Word, PDF, plain text) is
/// scanned for personnummer like the report and for e-mail addresses, and
/// its hits are reported at the attachment's own path below `root` (for a
/// Word file, line = paragraph; for a PDF, line = text line). Other
/// attachments have no text to scan.
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
    let mut diags = personnummer_errors(allow, &file, &text);
    diags.extend(attachment_email_errors(allow.emails(), &file, &text));
    Ok(diags)
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

//! What a report must not publish, as diagnostics: e-mail addresses (a
//! warning; they are replaced wherever the report is published) and
//! possible personnummer (an error, in the report or in the text of its
//! attachments; the number is masked in every message). The detection of
//! personnummer itself is `privacy`'s.

use std::path::Path;

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

/// The privacy guard for a file a report publishes (`source`), over its
/// cleaned copy (`crate::clean`): the copy's own text is scanned for
/// personnummer and e-mail addresses like the report, its hits reported at
/// the file's own path below `root` (for a Word file, line = paragraph;
/// for a PDF, line = text line). What cleaning removed is scanned too: a
/// personnummer there is still an error (the source in `content/` holds
/// it), reported with where it stood; an e-mail address there is only a
/// warning (W015), since it is not published. Review material the source
/// still holds (comments, tracked changes, hidden text, PDF annotations)
/// is a warning (W014), which `[[warnings.allow]]` may silence for the
/// file.
pub fn scan_cleaned(
    allow: &privacy::Allow,
    root: &Path,
    source: &Path,
    done: &crate::clean::store::Done,
) -> Vec<Diagnostic> {
    let file = super::rel_path(root, source);
    let mut diags = Vec::new();
    if let Some(text) = &done.text {
        diags.extend(personnummer_errors(allow, &file, text));
        diags.extend(attachment_email_errors(allow.emails(), &file, text));
    }
    let mut seen = std::collections::HashSet::new();
    for h in &done.hidden {
        for hit in privacy::find(&h.text)
            .into_iter()
            .filter(|n| !allow.allows(n))
        {
            diags.push(Diagnostic::file_error(
                Code::Personnummer,
                &file,
                format!(
                    "possible personnummer {} {}: the published copy leaves it out, but the source file holds it; remove it from the source file, or list it in site.toml [privacy] allow if it is not a real person's number",
                    hit.masked, h.place
                ),
            ));
        }
        for f in emails::find(&h.text)
            .into_iter()
            .filter(|f| !allow.emails().allows(f))
        {
            if seen.insert(f.masked()) {
                diags.push(Diagnostic::file_warning(
                    Code::RemovedEmail,
                    &file,
                    format!(
                        "e-mail address {} {}: it is not published (cleaning removes it), but the source file holds it",
                        f.masked(),
                        h.place
                    ),
                ));
            }
        }
    }
    if let Some(review) = review_words(&done.removed) {
        let fix = if done.removed.count(crate::clean::Item::Annotation) > 0 {
            "delete the annotations"
        } else {
            "accept the changes, delete the comments and hidden text"
        };
        diags.push(Diagnostic::file_warning(
            Code::ReviewMaterial,
            &file,
            format!("the source file holds {review}, which the published copy leaves out but the archive keeps: {fix}, and save the file again"),
        ));
    }
    diags
}

/// "2 comments, 1 tracked change and hidden text", or `None`.
fn review_words(removed: &crate::clean::Removed) -> Option<String> {
    use crate::clean::Item;
    let words: Vec<String> = removed
        .review()
        .items()
        .into_iter()
        .map(|(item, n)| {
            let (one, many) = match item {
                Item::Comment => ("comment", "comments"),
                Item::TrackedChange => ("tracked change", "tracked changes"),
                Item::HiddenText => ("paragraph with hidden text", "paragraphs with hidden text"),
                _ => ("annotation", "annotations"),
            };
            format!("{n} {}", if n == 1 { one } else { many })
        })
        .collect();
    match words.split_last() {
        None => None,
        Some((last, [])) => Some(last.clone()),
        Some((last, rest)) => Some(format!("{} and {last}", rest.join(", "))),
    }
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

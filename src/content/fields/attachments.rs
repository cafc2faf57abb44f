//! A report's attachments: files beside the report (which must stay inside
//! its folder and the site, and whose text the privacy guard scans) and
//! external originals (http(s) addresses).

use std::path::{Component, Path};

use super::{opt_text, FieldDiags};
use crate::clean::StoreError;
use crate::content::load::Context;
use crate::content::raw::RawAttachment;
use crate::content::{redact, Attachment};
use crate::diag::Code;
use crate::text::encode_url;

/// The attachments of the report in folder `dir` (or, for a pending
/// update, in `fallback`), in the report's order; the ones with an error
/// are left out.
pub(super) fn attachments(
    ctx: &Context,
    sink: &mut FieldDiags,
    dir: &Path,
    fallback: Option<&Path>,
    raw: &[RawAttachment],
) -> Vec<Attachment> {
    let mut attachments = Vec::new();
    for (i, a) in raw.iter().enumerate() {
        let at = format!("attachments[{i}]");
        let title = opt_text(&a.title);
        match (&a.file, &a.url) {
            (Some(f), None) => {
                let dir = match fallback {
                    Some(live) if !dir.join(f.0.trim()).exists() => live,
                    _ => dir,
                };
                if let Some(att) =
                    file_attachment(ctx, sink, &format!("{at}.file"), dir, &f.0, title)
                {
                    attachments.push(att);
                }
            }
            (None, Some(u)) => {
                let url = u.0.trim().to_string();
                if !(url.starts_with("https://") || url.starts_with("http://"))
                    || url.contains(char::is_whitespace)
                {
                    sink.error(
                        Code::Attachment,
                        &format!("{at}.url"),
                        format!("an attachment url must be an http(s) address, not \"{url}\""),
                    );
                } else {
                    let title = title.unwrap_or_else(|| "Originalrapport".to_string());
                    attachments.push(Attachment::Url {
                        url: encode_url(&url),
                        title,
                    });
                }
            }
            _ => sink.error(
                Code::EmptyValue,
                &at,
                "an attachment needs exactly one of `file` or `url`",
            ),
        }
    }
    attachments
}

/// Resolves an attachment file against the report's folder; refuses paths
/// that leave it (absolute, `..`, or a symlink that points outside the site).
fn file_attachment(
    ctx: &Context,
    sink: &mut FieldDiags,
    at: &str,
    dir: &Path,
    name: &str,
    title: Option<String>,
) -> Option<Attachment> {
    let rel = Path::new(name.trim());
    let escapes = rel.is_absolute()
        || name.contains('\\')
        || rel.components().any(|c| !matches!(c, Component::Normal(_)));
    if name.trim().is_empty() || escapes {
        sink.error(Code::Attachment, at, format!("attachment \"{name}\" must be a file name inside the report's folder (no .. or absolute paths)"));
        return None;
    }
    let source = dir.join(rel);
    match std::fs::metadata(&source) {
        Ok(m) if m.is_file() => {}
        Ok(_) => {
            sink.error(
                Code::Attachment,
                at,
                format!("attachment \"{name}\" is not a file"),
            );
            return None;
        }
        Err(_) => {
            sink.error(
                Code::Attachment,
                at,
                format!("attachment file \"{name}\" does not exist next to the report"),
            );
            return None;
        }
    };
    match source.canonicalize() {
        Ok(real) if real.starts_with(&ctx.root_canonical) => {}
        _ => {
            sink.error(
                Code::Attachment,
                at,
                format!("attachment \"{name}\" points outside the site folder"),
            );
            return None;
        }
    }
    let ext = rel
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(why) = ctx.config.attachments.refusal(&ext) {
        sink.error(
            Code::FileType,
            at,
            format!("attachment \"{name}\" cannot be published: {why}"),
        );
        return None;
    }
    // What is published is the cleaned copy: the privacy guard reads it,
    // and what cleaning removed.
    let done = match ctx.store.clean_file(&source) {
        Ok(done) => done,
        Err(e) => {
            let (code, hint) = match &e {
                StoreError::Clean(c) => (c.code(), format!("; {}", c.hint())),
                StoreError::Kind(_) => (Code::FileType, String::new()),
                _ => (Code::Attachment, String::new()),
            };
            sink.error(
                code,
                at,
                format!("attachment \"{name}\" cannot be published: {e}{hint}"),
            );
            return None;
        }
    };
    sink.diags.extend(redact::scan_cleaned(
        &ctx.privacy_allow,
        ctx.root,
        &source,
        &done,
    ));
    let file_name = rel
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Some(Attachment::File {
        title: title.unwrap_or_else(|| file_name.clone()),
        name: rel.to_string_lossy().replace('\\', "/"),
        size: done.size,
        source,
    })
}

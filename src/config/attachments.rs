//! `[attachments]`: which kinds of file a site may publish from
//! `content/`.
//!
//! ```toml
//! [attachments]
//! types = ["pdf", "docx", "png"]   # default: every type arkiv can clean
//! ```
//!
//! Every file a build publishes is a cleaned copy (`crate::clean`), so the
//! list can only name types the cleaner knows: pdf, docx, xlsx, png, jpg,
//! jpeg, webp, txt, csv, md (the default). HTML is never published: on the
//! site's own address it could run script in a reader's browser.

use serde::Deserialize;
use toml::Spanned;

use crate::clean::Kind;
use crate::diag::{line_col, Code, Diagnostic};

/// Extensions that are never published, with why.
const UNSAFE: &[&str] = &["html", "htm", "xhtml", "svg", "js", "mjs"];

/// The `[attachments]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentsConfig {
    /// The extensions that may be published, without dots.
    #[serde(default = "default_types")]
    pub types: Vec<Spanned<String>>,
}

impl Default for AttachmentsConfig {
    fn default() -> Self {
        AttachmentsConfig {
            types: default_types(),
        }
    }
}

fn default_types() -> Vec<Spanned<String>> {
    Kind::EXTENSIONS
        .iter()
        .map(|(e, _)| Spanned::new(0..0, e.to_string()))
        .collect()
}

fn normal(ext: &str) -> String {
    ext.trim().trim_start_matches('.').to_ascii_lowercase()
}

impl AttachmentsConfig {
    /// Whether files with this extension may be published.
    pub fn allows(&self, ext: &str) -> bool {
        let ext = normal(ext);
        self.types.iter().any(|t| normal(t.get_ref()) == ext)
    }

    /// "pdf, docx, …", for messages.
    pub fn list(&self) -> String {
        let types: Vec<String> = self.types.iter().map(|t| normal(t.get_ref())).collect();
        types.join(", ")
    }

    /// Why a file with this extension is not published (`None`: it is).
    pub fn refusal(&self, ext: &str) -> Option<String> {
        let ext = normal(ext);
        if UNSAFE.contains(&ext.as_str()) {
            return Some(format!(".{ext} files are never published: on the site's own address they could run script in a reader's browser; attach a PDF of it instead"));
        }
        if self.allows(&ext) {
            return None;
        }
        let what = if ext.is_empty() {
            "files without an extension".to_string()
        } else {
            format!(".{ext} files")
        };
        Some(format!(
            "{what} are not published (site.toml [attachments] types: {})",
            self.list()
        ))
    }

    /// Errors in the table: a type that is unsafe or that arkiv cannot
    /// clean.
    pub fn validate(&self, text: &str, file: &str) -> Vec<Diagnostic> {
        let known: Vec<&str> = Kind::EXTENSIONS.iter().map(|(e, _)| *e).collect();
        self.types
            .iter()
            .filter_map(|t| {
                let ext = normal(t.get_ref());
                let why = if UNSAFE.contains(&ext.as_str()) {
                    format!("\"{ext}\" cannot be published: an HTML or script file on the site's own address could run script in a reader's browser")
                } else if Kind::of_extension(&ext).is_none() {
                    format!("\"{ext}\" cannot be published: every published file is cleaned first, and arkiv cleans only {}", known.join(", "))
                } else {
                    return None;
                };
                let (line, col) = line_col(text, t.span().start);
                Some(Diagnostic::error(Code::Config, file, line, col, why))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_refusals_and_validation() {
        let d = AttachmentsConfig::default();
        assert!(d.allows("PDF") && d.allows(".jpeg") && !d.allows("html"));
        assert!(d.refusal("html").unwrap().contains("never published"));
        assert!(d
            .refusal("zip")
            .unwrap()
            .starts_with(".zip files are not published"));
        assert_eq!(d.refusal("md"), None);
        #[derive(Deserialize)]
        struct T {
            attachments: AttachmentsConfig,
        }
        let text = "[attachments]\ntypes = [\"pdf\", \"html\", \"pptx\"]\n";
        let t: T = toml::from_str(text).unwrap();
        let errs: Vec<String> = t
            .attachments
            .validate(text, "site.toml")
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(
            errs[0].starts_with("site.toml:2:17: \"html\" cannot be published"),
            "{errs:?}"
        );
        assert!(errs[1].contains("arkiv cleans only pdf, docx"), "{errs:?}");
        assert!(!t.attachments.allows("docx"));
    }
}

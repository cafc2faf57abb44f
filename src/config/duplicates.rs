//! `[[duplicates.allow]]`: reports that share clinic, year and a theme on
//! purpose (two separate projects of one clinic in one year), each group
//! with the editors' reason. Any other such pair is an error
//! ([`Code::DuplicateReport`]): the same report twice, usually a plan and
//! its final report, or a Word file and its PDF, imported as two entries.
//!
//! ```toml
//! [[duplicates.allow]]
//! files = ["content/2025/boo-vc-sip.md", "content/2025/boo-vc-sip-barn.md"]
//! reason = "Två olika projekt: SIP för äldre och SIP för barn."
//! ```

use serde::Deserialize;
use toml::Spanned;

use super::warnings::normalise;
use crate::diag::{line_col, Code, Diagnostic};

/// The `[duplicates]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DuplicatesConfig {
    #[serde(default)]
    pub allow: Vec<AllowDuplicate>,
}

/// Reports that may share clinic, year and theme.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllowDuplicate {
    /// The reports, from the site root (`content/2025/x.md`); two or more.
    pub files: Spanned<Vec<String>>,
    /// Why: required, so that the next editor knows.
    pub reason: Spanned<String>,
}

impl DuplicatesConfig {
    /// Whether one entry lists both files (as diagnostics name them).
    pub fn allows(&self, a: &str, b: &str) -> bool {
        self.allow.iter().any(|e| {
            let listed = |f: &str| e.files.get_ref().iter().any(|x| normalise(x) == f);
            listed(a) && listed(b)
        })
    }

    /// Errors in the table: fewer than two files, a missing reason.
    pub fn validate(&self, text: &str, file: &str) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        let mut err = |span: std::ops::Range<usize>, msg: &str| {
            let (line, col) = line_col(text, span.start);
            errors.push(Diagnostic::error(Code::Config, file, line, col, msg));
        };
        for e in &self.allow {
            if e.files.get_ref().len() < 2 {
                err(
                    e.files.span(),
                    "[[duplicates.allow]] needs the two (or more) reports that may share clinic, year and theme",
                );
            }
            if e.reason.get_ref().trim().is_empty() {
                err(
                    e.reason.span(),
                    "[[duplicates.allow]] needs a reason: say why both reports are kept, for the next editor",
                );
            }
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> DuplicatesConfig {
        #[derive(Deserialize)]
        struct T {
            duplicates: DuplicatesConfig,
        }
        toml::from_str::<T>(text).unwrap().duplicates
    }

    #[test]
    fn pairs_are_allowed_by_one_entry_with_a_reason() {
        let text = "[[duplicates.allow]]\nfiles = [\"./content/2025/a.md\", \"content/2025/b.md\"]\nreason = \"Två projekt\"\n[[duplicates.allow]]\nfiles = [\"content/2025/c.md\"]\nreason = \" \"\n";
        let t = table(text);
        assert!(t.allows("content/2025/a.md", "content/2025/b.md"));
        assert!(t.allows("content/2025/b.md", "content/2025/a.md"));
        assert!(!t.allows("content/2025/a.md", "content/2025/c.md"));
        let errs: Vec<String> = t
            .validate(text, "site.toml")
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(errs.len(), 2, "{errs:#?}");
        assert!(
            errs[0].starts_with("site.toml:5:9: [[duplicates.allow]] needs the two"),
            "{errs:#?}"
        );
        assert!(
            errs[1].starts_with("site.toml:6:10: [[duplicates.allow]] needs a reason"),
            "{errs:#?}"
        );
    }
}

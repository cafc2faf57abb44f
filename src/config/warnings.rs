//! `[[warnings.allow]]`: warning rules silenced for the whole archive or
//! for one report, each with the editors' reason.
//!
//! ```toml
//! [[warnings.allow]]
//! rule = "W004"
//! path = "content/2024/bra-liv-oxnehaga-prea60.md"   # leave out: the whole archive
//! reason = "Rapporten har inga indikatorer i mallens tabell."
//! ```
//!
//! A silenced warning is not printed, not promoted by `--strict`, and not
//! annotated; the summary line counts it ("3 silenced in site.toml"), so
//! nothing disappears without a trace.

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{line_col, Code, Diagnostic};

/// The `[warnings]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WarningsConfig {
    #[serde(default)]
    pub allow: Vec<AllowWarning>,
}

/// One silenced rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllowWarning {
    /// The warning's code (`W004`).
    pub rule: Spanned<String>,
    /// The report it applies to, from the site root (`content/2024/x.md`);
    /// absent: every report.
    #[serde(default)]
    pub path: Option<Spanned<String>>,
    /// Why: required, so that the next editor knows.
    pub reason: Spanned<String>,
}

impl WarningsConfig {
    /// Whether `d` is a warning this table silences.
    pub fn silences(&self, d: &Diagnostic) -> bool {
        !d.is_error()
            && self.allow.iter().any(|a| {
                Code::parse(a.rule.get_ref()) == Some(d.code)
                    && a.path
                        .as_ref()
                        .is_none_or(|p| normalise(p.get_ref()) == d.file)
            })
    }

    /// Errors in the table: unknown or non-warning rules, missing reasons.
    pub fn validate(&self, text: &str, file: &str) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        let mut err = |span: std::ops::Range<usize>, msg: String| {
            let (line, col) = line_col(text, span.start);
            errors.push(Diagnostic::error(Code::Config, file, line, col, msg));
        };
        for a in &self.allow {
            let rule = a.rule.get_ref();
            match Code::parse(rule) {
                Some(c) if c.is_warning() => {}
                Some(c) => err(
                    a.rule.span(),
                    format!("{c} is an error, not a warning: only warnings (W…) can be silenced"),
                ),
                None => {
                    let known: Vec<&str> = Code::ALL
                        .iter()
                        .filter(|c| c.is_warning())
                        .map(|c| c.as_str())
                        .collect();
                    let hint = crate::text::closest(rule, known.iter().copied())
                        .map(|k| format!(" (did you mean \"{k}\"?)"))
                        .unwrap_or_default();
                    err(
                        a.rule.span(),
                        format!(
                            "unknown warning rule \"{rule}\"{hint}; the rules are {}",
                            known.join(", ")
                        ),
                    );
                }
            }
            if a.reason.get_ref().trim().is_empty() {
                err(
                    a.reason.span(),
                    "a silenced warning needs a reason: say why, for the next editor".into(),
                );
            }
        }
        errors
    }
}

/// `./content\2024/x.md` → `content/2024/x.md`, as diagnostics name files.
pub(super) fn normalise(path: &str) -> String {
    path.trim()
        .replace('\\', "/")
        .trim_start_matches("./")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(toml_text: &str) -> WarningsConfig {
        #[derive(Deserialize)]
        struct T {
            warnings: WarningsConfig,
        }
        toml::from_str::<T>(toml_text).unwrap().warnings
    }

    #[test]
    fn silences_by_rule_and_path() {
        let t = table("[[warnings.allow]]\nrule = \"W004\"\npath = \"./content/2024/a.md\"\nreason = \"x\"\n[[warnings.allow]]\nrule = \"w001\"\nreason = \"y\"\n");
        let w = |code, file: &str| Diagnostic::warning(code, file, 3, 1, "m");
        assert!(t.silences(&w(Code::IndicatorName, "content/2024/a.md")));
        assert!(!t.silences(&w(Code::IndicatorName, "content/2024/b.md")));
        assert!(t.silences(&w(Code::Email, "content/2024/b.md")));
        assert!(!t.silences(&w(Code::NoTarget, "content/2024/a.md")));
        let e = Diagnostic::error(Code::Email, "content/2024/b.md", 1, 1, "m");
        assert!(!t.silences(&e));
    }

    #[test]
    fn rules_and_reasons_are_checked() {
        let text = "[[warnings.allow]]\nrule = \"W04\"\nreason = \"\"\n[[warnings.allow]]\nrule = \"E012\"\nreason = \"z\"\n";
        let errs: Vec<String> = table(text)
            .validate(text, "site.toml")
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(errs.len(), 3, "{errs:#?}");
        assert!(
            errs[0].starts_with("site.toml:2:8: unknown warning rule \"W04\""),
            "{errs:#?}"
        );
        assert!(
            errs[1].starts_with("site.toml:3:10: a silenced warning needs a reason"),
            "{errs:#?}"
        );
        assert!(
            errs[2].starts_with("site.toml:5:8: E012 is an error"),
            "{errs:#?}"
        );
    }
}

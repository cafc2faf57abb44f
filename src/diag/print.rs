//! Printing a run's diagnostics: errors one per line; warnings one line per
//! report that has them (its path, the count and the kinds), or one per
//! problem with `--all-warnings`; GitHub annotations always one per problem;
//! then the summary line.
//!
//! Why grouped: the real archive has two dozen expected warnings, often two
//! on one line, and printed in full on every `check` they hid the one new
//! problem an editor needed to see.

use std::collections::BTreeMap;
use std::io::Write;

use super::{Code, Diagnostic};

/// How to print.
#[derive(Debug, Clone, Copy, Default)]
pub struct Printed {
    /// Also print each problem as a GitHub Actions annotation.
    pub github: bool,
    /// Print every warning, not one line per report.
    pub all_warnings: bool,
    /// Warnings silenced by `[[warnings.allow]]`, for the summary.
    pub silenced: usize,
}

/// `2 errors, 1 warning (3 silenced in site.toml)`
pub fn summary_line(diags: &[Diagnostic], silenced: usize) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    let silenced = if silenced > 0 {
        format!(" ({silenced} silenced in site.toml)")
    } else {
        String::new()
    };
    format!(
        "{}, {}{silenced}",
        crate::text::count(errors, "error", "errors"),
        crate::text::count(warnings, "warning", "warnings")
    )
}

/// The lines to print for `diags` (sorted), without annotations.
pub fn lines(diags: &[Diagnostic], all_warnings: bool) -> Vec<String> {
    let mut per_file: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in diags.iter().filter(|d| !d.is_error()) {
        per_file.entry(&d.file).or_default().push(d);
    }
    let mut out = Vec::new();
    for d in diags {
        if d.is_error() || all_warnings {
            out.push(d.to_string());
            continue;
        }
        // A file's warnings: one line, where its first warning would be.
        let Some(group) = per_file.remove(d.file.as_str()) else {
            continue;
        };
        if group.len() == 1 {
            out.push(d.to_string());
            continue;
        }
        let mut kinds: BTreeMap<Code, usize> = BTreeMap::new();
        for w in &group {
            *kinds.entry(w.code).or_default() += 1;
        }
        let kinds: Vec<String> = kinds
            .into_iter()
            .map(|(c, n)| match n {
                1 => format!("{} [{c}]", c.kind()),
                n => format!("{} ×{n} [{c}]", c.kind()),
            })
            .collect();
        out.push(format!(
            "{}: warning: {} warnings: {} (--all-warnings lists each)",
            d.file,
            group.len(),
            kinds.join(", ")
        ));
    }
    out
}

/// Prints diagnostics to stderr, then the summary line (when there is
/// anything to sum up).
pub fn print(diags: &[Diagnostic], how: Printed) {
    let stderr = std::io::stderr();
    let mut out = stderr.lock();
    for line in lines(diags, how.all_warnings) {
        let _ = writeln!(out, "{line}");
    }
    if how.github {
        for d in diags {
            let _ = writeln!(out, "{}", d.github_annotation());
        }
    }
    if !diags.is_empty() || how.silenced > 0 {
        let _ = writeln!(out, "{}", summary_line(diags, how.silenced));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_one_line_per_report() {
        let w = |file: &str, line, code| Diagnostic::warning(code, file, line, 1, "m");
        let diags = vec![
            Diagnostic::error(Code::UnknownTopic, "a.md", 2, 1, "bad"),
            w("a.md", 5, Code::IndicatorName),
            w("a.md", 9, Code::IndicatorName),
            w("a.md", 12, Code::NoTarget),
            w("b.md", 3, Code::Email),
        ];
        assert_eq!(
            lines(&diags, false),
            [
                "a.md:2:1: bad [E012]",
                "a.md: warning: 3 warnings: indicator name ×2 [W004], no target [W006] (--all-warnings lists each)",
                "b.md:3:1: warning: m [W001]",
            ]
        );
        assert_eq!(lines(&diags, true).len(), 5);
        assert_eq!(summary_line(&diags, 0), "1 error, 4 warnings");
    }
}

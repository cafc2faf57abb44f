//! Diagnostics: every problem of a run, collected and printed together.
//!
//! A diagnostic always names a file (relative to the site root, with `/`), a
//! 1-based line and column, and a message. Errors fail the run; warnings do
//! not, unless `--strict` promotes them.

use std::fmt;
use std::sync::Mutex;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub col: usize,
    pub message: String,
}

impl Diagnostic {
    pub fn error(
        file: impl Into<String>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Error, file, line, col, message)
    }

    pub fn warning(
        file: impl Into<String>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, file, line, col, message)
    }

    fn new(
        severity: Severity,
        file: impl Into<String>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            file: file.into(),
            line: line.max(1),
            col: col.max(1),
            message: message.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The GitHub Actions workflow command for this diagnostic.
    pub fn github_annotation(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // Workflow commands need %, CR and LF escaped in the message and
        // additionally `,` and `:` in properties.
        let esc = |s: &str| {
            s.replace('%', "%25")
                .replace('\r', "%0D")
                .replace('\n', "%0A")
        };
        let prop = |s: &str| esc(s).replace(',', "%2C").replace(':', "%3A");
        format!(
            "::{kind} file={},line={},col={}::{}",
            prop(&self.file),
            self.line,
            self.col,
            esc(&self.message)
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.severity {
            Severity::Error => write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.col, self.message
            ),
            Severity::Warning => {
                write!(
                    f,
                    "{}:{}:{}: warning: {}",
                    self.file, self.line, self.col, self.message
                )
            }
        }
    }
}

/// A thread-safe collection of diagnostics, filled from parallel stages.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&self, d: Diagnostic) {
        self.lock().push(d);
    }

    pub fn extend(&self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.lock().extend(ds);
    }

    pub fn has_errors(&self) -> bool {
        self.lock().iter().any(Diagnostic::is_error)
    }

    /// All diagnostics, sorted by file, position and message so that output
    /// does not depend on thread scheduling.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut v = self.lock().clone();
        v.sort_by(|a, b| {
            (&a.file, a.line, a.col, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.col, b.severity, &b.message))
        });
        v.dedup();
        v
    }

    /// Turns every warning into an error (`--strict`).
    pub fn promote_warnings(&self) {
        for d in self.lock().iter_mut() {
            d.severity = Severity::Error;
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Diagnostic>> {
        // A poisoned lock only means another thread panicked while pushing;
        // the vector itself is still usable.
        self.items.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// `2 errors, 1 warning`
pub fn summary_line(diags: &[Diagnostic]) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, {}",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings")
    )
}

/// Prints diagnostics to stderr, one per line, then the summary line.
/// With `github` set, each is also printed as a workflow annotation.
pub fn print(diags: &[Diagnostic], github: bool) {
    use std::io::Write;
    let stderr = std::io::stderr();
    let mut out = stderr.lock();
    for d in diags {
        let _ = writeln!(out, "{d}");
        if github {
            let _ = writeln!(out, "{}", d.github_annotation());
        }
    }
    if !diags.is_empty() {
        let _ = writeln!(out, "{}", summary_line(diags));
    }
}

/// Line and column (both 1-based, column in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let col = text
        .get(line_start..offset)
        .map_or(offset - line_start, |s| s.chars().count())
        + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_summary() {
        let e = Diagnostic::error("content/2023/kry.md", 4, 7, "unknown topic \"x\"");
        let w = Diagnostic::warning("content/2023/kry.md", 12, 3, "odd");
        assert_eq!(
            e.to_string(),
            "content/2023/kry.md:4:7: unknown topic \"x\""
        );
        assert_eq!(w.to_string(), "content/2023/kry.md:12:3: warning: odd");
        assert_eq!(summary_line(&[e.clone(), e, w]), "2 errors, 1 warning");
        assert_eq!(summary_line(&[]), "0 errors, 0 warnings");
    }

    #[test]
    fn annotation_escapes() {
        let e = Diagnostic::error("a,b.md", 1, 2, "50% bad\nline");
        assert_eq!(
            e.github_annotation(),
            "::error file=a%2Cb.md,line=1,col=2::50%25 bad%0Aline"
        );
    }

    #[test]
    fn line_col_counts_chars() {
        let t = "ab\nåäö x";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, t.find('x').unwrap()), (2, 5));
    }
}

//! Diagnostics: every problem of a run, collected and printed together.
//!
//! A diagnostic names a file (relative to the site root, with `/`) and a
//! message. A problem at a place in the file also has that place, a 1-based
//! line and column, and is printed `path:line:col: message`; a problem of the
//! whole file (it cannot be read, its name is wrong) has none and is printed
//! `path: message`, rather than pointing at a made-up `1:1`. Errors fail the
//! run; warnings do not, unless `--strict` promotes them. Every diagnostic
//! has a stable [`Code`], printed at the end of its line.

mod codes;
mod print;

use std::fmt;
use std::sync::Mutex;

pub use codes::{Code, GUIDE};
pub use print::{print, summary_line, Printed};

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
    /// 1-based line and column (in characters); `None` for a problem of the
    /// whole file.
    pub pos: Option<(usize, usize)>,
    pub message: String,
    pub code: Code,
}

impl Diagnostic {
    /// An error at a line and column of `file`.
    pub fn error(
        code: Code,
        file: impl Into<String>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Error, code, file, Some((line, col)), message)
    }

    /// A warning at a line and column of `file`.
    pub fn warning(
        code: Code,
        file: impl Into<String>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, code, file, Some((line, col)), message)
    }

    /// An error about `file` as a whole (it cannot be read, its name is
    /// wrong): no line or column in it is the place of the problem.
    pub fn file_error(code: Code, file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, file, None, message)
    }

    /// A warning about `file` as a whole.
    pub fn file_warning(code: Code, file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, file, None, message)
    }

    fn new(
        severity: Severity,
        code: Code,
        file: impl Into<String>,
        pos: Option<(usize, usize)>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            file: file.into(),
            pos: pos.map(|(l, c)| (l.max(1), c.max(1))),
            message: message.into(),
            code,
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
        let at = match self.pos {
            Some((line, col)) => format!(",line={line},col={col}"),
            None => String::new(),
        };
        format!(
            "::{kind} file={}{at}::{} [{}]",
            prop(&self.file),
            esc(&self.message),
            self.code
        )
    }
}

/// `path:line:col: message [CODE]`, or `path: message [CODE]` for the
/// whole file; a warning's message starts with `warning: `.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((line, col)) = self.pos {
            write!(f, ":{line}:{col}")?;
        }
        match self.severity {
            Severity::Error => write!(f, ": {} [{}]", self.message, self.code),
            Severity::Warning => write!(f, ": warning: {} [{}]", self.message, self.code),
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
    /// does not depend on thread scheduling. A file's problems as a whole
    /// come before those at a place in it.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut v = self.lock().clone();
        v.sort_by(|a, b| {
            (&a.file, a.pos, a.severity, &a.message).cmp(&(&b.file, b.pos, b.severity, &b.message))
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
        let e = Diagnostic::error(
            Code::UnknownTopic,
            "content/2023/kry.md",
            4,
            7,
            "unknown topic \"x\"",
        );
        let w = Diagnostic::warning(Code::Email, "content/2023/kry.md", 12, 3, "odd");
        assert_eq!(
            e.to_string(),
            "content/2023/kry.md:4:7: unknown topic \"x\" [E012]"
        );
        assert_eq!(
            w.to_string(),
            "content/2023/kry.md:12:3: warning: odd [W001]"
        );
        assert_eq!(summary_line(&[e.clone(), e, w], 0), "2 errors, 1 warning");
        assert_eq!(
            summary_line(&[], 2),
            "0 errors, 0 warnings (2 silenced in site.toml)"
        );
    }

    #[test]
    fn annotation_escapes() {
        let e = Diagnostic::error(Code::YamlSyntax, "a,b.md", 1, 2, "50% bad\nline");
        assert_eq!(
            e.github_annotation(),
            "::error file=a%2Cb.md,line=1,col=2::50%25 bad%0Aline [E005]"
        );
    }

    #[test]
    fn whole_file_problems_have_no_position() {
        let e = Diagnostic::file_error(
            Code::Unreadable,
            "content/2023/a.md",
            "cannot read the file: denied",
        );
        let w = Diagnostic::file_warning(Code::Email, "content/2023/a.md", "odd");
        assert_eq!(
            e.to_string(),
            "content/2023/a.md: cannot read the file: denied [E001]"
        );
        assert_eq!(w.to_string(), "content/2023/a.md: warning: odd [W001]");
        assert_eq!(
            e.github_annotation(),
            "::error file=content/2023/a.md::cannot read the file: denied [E001]"
        );
        let all = Diagnostics::new();
        all.push(Diagnostic::error(
            Code::MissingKey,
            "content/2023/a.md",
            1,
            1,
            "at the start",
        ));
        all.push(Diagnostic::error(
            Code::YamlSyntax,
            "content/2023/0.md",
            9,
            9,
            "other file",
        ));
        all.push(e.clone());
        let sorted: Vec<String> = all.sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(
            sorted,
            [
                "content/2023/0.md:9:9: other file [E005]",
                "content/2023/a.md: cannot read the file: denied [E001]",
                "content/2023/a.md:1:1: at the start [E008]",
            ]
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

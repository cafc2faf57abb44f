//! Checks of a loaded report that need its goal statuses: where the
//! report's own verdict on an indicator differs from what its figures say
//! (W008). They run after `content` has built the report (`site::Sources`
//! calls [`check`] for each file it loads), since computing a status is
//! this module's work, not `content`'s.

use super::assess;
use crate::content::Report;
use crate::diag::{Code, Diagnostic};

/// The warnings of one loaded report, at the values they are about.
pub fn check(r: &Report) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for ind in &r.indicators {
        let a = assess(ind);
        let (Some((said, _)), Some(v)) = (&a.verdict, &ind.assessment) else {
            continue;
        };
        if a.disagrees {
            let (line, col) = v.at;
            out.push(Diagnostic::warning(
                Code::VerdictDisagrees,
                &r.file,
                line,
                col,
                format!(
                    "the report says \"{}\" but its figures say \"{}\"{}; the figures count, and the report's verdict is shown beside them",
                    said.label(),
                    a.status.label(),
                    a.words.map(|w| format!(" ({w})")).unwrap_or_default()
                ),
            ));
        }
    }
    out
}

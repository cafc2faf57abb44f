//! A change idea's goals by status: one stacked bar, no text of its own
//! (the words are beside it on the page, and in its `<title>`).

use std::fmt::Write;

use super::pct;
use crate::outcome::{words, GoalStatus, Tally};
use crate::text::escape_html;
use crate::text::words::chart as say;

/// The fill of each status's part: the pages' status colours, each at
/// least 3:1 against white.
fn fill(s: GoalStatus) -> &'static str {
    match s {
        GoalStatus::Achieved => "#1d5e2c",
        GoalStatus::Partly => "#9a5b00",
        GoalStatus::NotAchieved => "#9b1c1c",
        GoalStatus::NotAssessable => "#7b848c",
    }
}

/// The bar of `t`, as wide as its box and 16 px high; `None` without
/// goals.
pub fn tally_chart(t: &Tally) -> Option<String> {
    if t.total == 0 {
        return None;
    }
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart tally-chart" role="img" width="100%" height="16" xmlns="http://www.w3.org/2000/svg"><title>{}</title>"#,
        escape_html(&say::tally_title(&words::statuses(t)))
    );
    let mut at = 0usize;
    for s in GoalStatus::ALL {
        let n = t.get(s);
        if n == 0 {
            continue;
        }
        let (x, w) = (at as f64 / t.total as f64, n as f64 / t.total as f64);
        let _ = write!(
            svg,
            r##"<rect class="part-{}" x="{}" y="0" width="{}" height="16" fill="{}" stroke="#ffffff" stroke-width="1"/>"##,
            s.slug(),
            pct(x),
            pct(w),
            fill(s)
        );
        at += n;
    }
    svg.push_str("</svg>");
    Some(svg)
}

//! `changes`: the change ideas a report tested, each a term of
//! `site.toml` `[[changes]]`, with the report's own words, the heading
//! that describes it, the goals it aimed at (`indicators`: positions in
//! the report's `indicators:` list) and what became of it (`status`).

use super::{opt_text, FieldDiags};
use crate::content::load::Context;
use crate::content::raw::{RawChange, Status};
use crate::content::{ChangeRef, Heading};
use crate::diag::Code;
use crate::text::{closest, slugify};

/// The changes as indexes into `Config::changes`, in the report's order,
/// each once. An unknown slug or a `section` that names no heading of the
/// body is an error with a suggestion; so is a position in `indicators`
/// where the report (of `goals` indicators) has none.
pub(super) fn changes(
    ctx: &Context,
    raw: &[RawChange],
    headings: &[Heading],
    goals: usize,
    sink: &mut FieldDiags,
) -> Vec<ChangeRef> {
    let mut out: Vec<ChangeRef> = Vec::new();
    for (i, c) in raw.iter().enumerate() {
        let at = format!("changes[{i}]");
        let name = c.change.0.trim();
        let Some(change) = ctx.config.change(name) else {
            let hint = match ctx.config.changes.suggest(name) {
                Some(s) => format!(" (did you mean \"{s}\"?)"),
                None if ctx.config.changes.is_empty() => {
                    " (site.toml has no [[changes]] vocabulary yet)".to_string()
                }
                None => " (change ideas are listed in site.toml [[changes]])".to_string(),
            };
            sink.error(
                Code::UnknownChange,
                &format!("{at}.change"),
                format!("unknown change idea \"{name}\"{hint}"),
            );
            continue;
        };
        let section = c.section.as_ref().and_then(|s| {
            let wanted = s.0.trim();
            let found = section(headings, wanted);
            if found.is_none() {
                let hint = closest(wanted, headings.iter().map(|h| h.text.as_str()))
                    .map(|h| format!(" (did you mean \"{h}\"?)"))
                    .unwrap_or_default();
                sink.error(
                    Code::UnknownSection,
                    &format!("{at}.section"),
                    format!("the report has no heading \"{wanted}\"{hint}"),
                );
            }
            found.cloned()
        });
        let indicators = positions(&at, &c.indicators, goals, sink);
        if out.iter().any(|o| o.change == change) {
            continue;
        }
        out.push(ChangeRef {
            change,
            text: opt_text(&c.text),
            section,
            indicators,
            status: c.status.unwrap_or_default(),
        });
    }
    out
}

/// The goals a change aimed at as 0-based indexes, in order, each once;
/// a position with no indicator is an error at its place.
fn positions(at: &str, raw: &[i64], goals: usize, sink: &mut FieldDiags) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for (j, &p) in raw.iter().enumerate() {
        match usize::try_from(p) {
            Ok(p) if (1..=goals).contains(&p) => {
                if !out.contains(&(p - 1)) {
                    out.push(p - 1);
                }
            }
            _ => {
                let has = match goals {
                    0 => "the report has no indicators".to_string(),
                    1 => "the report has 1 indicator".to_string(),
                    n => format!("the report has {n} (positions 1–{n})"),
                };
                sink.error(
                    Code::ChangeGoal,
                    &format!("{at}.indicators[{j}]"),
                    format!("position {p} names no indicator: {has}; a change's `indicators` are positions in the report's `indicators:` list, counted from 1"),
                );
            }
        }
    }
    out.sort_unstable();
    out
}

/// The first heading whose text is `wanted`, compared as slugs (so case,
/// spaces, punctuation and å/ä/ö against a/o do not matter), or whose id is.
fn section<'h>(headings: &'h [Heading], wanted: &str) -> Option<&'h Heading> {
    let key = slugify(wanted);
    headings
        .iter()
        .find(|h| slugify(&h.text) == key || h.id == wanted)
}

/// A final report with a body should say what it changed, once the site
/// has a vocabulary to say it with: a warning at `changes` (or at the
/// opening `---`). `n` counts the changes as written, so that unknown
/// slugs get their own error and no second message.
pub(super) fn changes_rule(ctx: &Context, sink: &mut FieldDiags, n: usize, status: Status) {
    if n == 0 && status == Status::Final && !ctx.config.changes.is_empty() {
        sink.warning(
            Code::NoChanges,
            "changes",
            "final report lists no change ideas: add `changes:` with slugs from site.toml [[changes]]",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(text: &str, id: &str) -> Heading {
        Heading {
            level: 2,
            text: text.into(),
            id: id.into(),
        }
    }

    #[test]
    fn sections_match_by_slug_or_id() {
        let hs = [
            h("Mål", "mal"),
            h("Analys och resultat", "analys-och-resultat"),
        ];
        assert_eq!(section(&hs, "analys  OCH resultat"), Some(&hs[1]));
        assert_eq!(section(&hs, "mal"), Some(&hs[0]));
        assert_eq!(section(&hs, "Mal"), Some(&hs[0]));
        assert_eq!(section(&hs, "Resultat"), None);
    }
}

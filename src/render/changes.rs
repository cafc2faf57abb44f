//! Change-idea views: what clinics changed and how it came out, for
//! `/atgarder/`, `/atgarder/<slug>/`, the theme pages' "Vad mottagningarna
//! ändrade" and the report page.
//!
//! Outcomes are the report-level outcome of `indicators::outcome` (the
//! report's own verdict, else derived from its indicators), so these pages
//! say what the report pages say. Plans are counted apart: their changes
//! have not been tried yet.

use serde::Serialize;

use super::goals::{outcome_view, OutcomeView};
use super::view::{Link, Urls};
use crate::config::Config;
use crate::content::Status;
use crate::indicators::{self, GoalStatus};
use crate::model::SiteModel;
use crate::text::count;

/// How the reports that tried one change idea came out.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ChangeTally {
    /// Final reports (del 1 och 2) that tested the idea.
    pub tested: usize,
    pub achieved: usize,
    pub partly: usize,
    pub not_achieved: usize,
    pub not_assessable: usize,
    /// Plans (del 1) that intend to test it.
    pub planned: usize,
}

impl ChangeTally {
    /// The outcomes of the given reports.
    pub fn of(model: &SiteModel, reports: impl IntoIterator<Item = usize>) -> ChangeTally {
        let mut t = ChangeTally::default();
        for i in reports {
            let r = &model.reports[i];
            if r.status == Status::Plan {
                t.planned += 1;
                continue;
            }
            t.tested += 1;
            match indicators::outcome(r).map(|o| o.status) {
                Some(GoalStatus::Achieved) => t.achieved += 1,
                Some(GoalStatus::Partly) => t.partly += 1,
                Some(GoalStatus::NotAchieved) => t.not_achieved += 1,
                Some(GoalStatus::NotAssessable) | None => t.not_assessable += 1,
            }
        }
        t
    }

    /// "Testad i 7 rapporter · uppnått i 5 · delvis i 1" (outcomes that
    /// did not occur left out), then "planerad i 2 rapporter (del 1)" when
    /// plans name it.
    pub fn line(&self) -> String {
        let mut parts = Vec::new();
        if self.tested > 0 {
            parts.push(format!(
                "Testad i {}",
                count(self.tested, "rapport", "rapporter")
            ));
            for (n, word) in [
                (self.achieved, "uppnått"),
                (self.partly, "delvis"),
                (self.not_achieved, "ej uppnått"),
                (self.not_assessable, "kunde inte bedömas"),
            ] {
                if n > 0 {
                    parts.push(format!("{word} i {n}"));
                }
            }
        }
        if self.planned > 0 {
            let plans = count(self.planned, "rapport", "rapporter");
            let word = if self.tested > 0 {
                "planerad"
            } else {
                "Planerad"
            };
            parts.push(format!("{word} i {plans} (del 1)"));
        }
        parts.join(" · ")
    }
}

/// A change idea with its tally, as the index and theme pages list it.
#[derive(Serialize)]
pub struct ChangeSummary {
    pub slug: String,
    pub name: String,
    pub description: Option<String>,
    pub url: String,
    pub reports: usize,
    pub tally: ChangeTally,
    /// [`ChangeTally::line`].
    pub line: String,
    /// The themes of the reports that tried it, with how many each.
    pub themes: Vec<ThemeCount>,
}

#[derive(Serialize)]
pub struct ThemeCount {
    pub name: String,
    pub url: String,
    pub count: usize,
}

/// One change idea over the given reports (all of its reports, or those
/// of one theme).
fn summary(
    config: &Config,
    model: &SiteModel,
    urls: &Urls,
    change: usize,
    reports: &[usize],
) -> ChangeSummary {
    let c = &config.changes[change];
    let mut themes: Vec<(usize, usize)> = Vec::new();
    for &i in reports {
        for &t in &model.reports[i].topics {
            match themes.iter_mut().find(|(th, _)| *th == t) {
                Some((_, n)) => *n += 1,
                None => themes.push((t, 1)),
            }
        }
    }
    themes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let tally = ChangeTally::of(model, reports.iter().copied());
    ChangeSummary {
        slug: c.slug().to_string(),
        name: c.name.clone(),
        description: c.description.clone(),
        url: urls.to(&crate::urls::change(c.slug())),
        reports: reports.len(),
        line: tally.line(),
        tally,
        themes: themes
            .into_iter()
            .map(|(t, n)| ThemeCount {
                name: config.topics[t].name.clone(),
                url: urls.to(&crate::urls::topic(config.topics[t].slug())),
                count: n,
            })
            .collect(),
    }
}

/// `/atgarder/`: every change idea tried, by name.
pub fn index(config: &Config, model: &SiteModel, urls: &Urls) -> Vec<ChangeSummary> {
    model
        .changes
        .iter()
        .map(|g| summary(config, model, urls, g.change, &g.reports))
        .collect()
}

/// The change ideas tried by some of `reports` (a theme's), each counted
/// over those reports only: most often tested in a final report first,
/// then most often planned, then by name.
pub fn within(
    config: &Config,
    model: &SiteModel,
    urls: &Urls,
    reports: &[usize],
) -> Vec<ChangeSummary> {
    let mut by_change: Vec<Vec<usize>> = vec![Vec::new(); config.changes.len()];
    for &i in reports {
        for c in &model.reports[i].changes {
            by_change[c.change].push(i);
        }
    }
    let mut out: Vec<ChangeSummary> = by_change
        .iter()
        .enumerate()
        .filter(|(_, rs)| !rs.is_empty())
        .map(|(c, rs)| summary(config, model, urls, c, rs))
        .collect();
    out.sort_by(|a, b| {
        (b.tally.tested, b.tally.planned)
            .cmp(&(a.tally.tested, a.tally.planned))
            .then_with(|| crate::model::swedish_cmp(&a.name, &b.name))
    });
    out
}

/// A report that tried a change idea, on the idea's page.
#[derive(Serialize)]
pub struct ChangeReport {
    pub title: String,
    pub url: String,
    pub clinic: String,
    pub clinic_url: String,
    pub year: i32,
    pub status: &'static str,
    pub status_label: &'static str,
    /// `None` for a plan.
    pub outcome: Option<OutcomeView>,
    /// The report's own words about the change.
    pub text: Option<String>,
    /// The heading that describes it, linked.
    pub section: Option<Link>,
}

/// `/atgarder/<slug>/`: the idea and its reports, newest first.
pub struct ChangePage {
    pub summary: ChangeSummary,
    pub reports: Vec<ChangeReport>,
}

pub fn page(config: &Config, model: &SiteModel, urls: &Urls, group: usize) -> ChangePage {
    let g = &model.changes[group];
    let reports = g
        .reports
        .iter()
        .map(|&i| {
            let r = &model.reports[i];
            let clinic = &model.clinics[model.report_clinic[i]];
            let mine = r.changes.iter().find(|c| c.change == g.change);
            let url = urls.to(&r.rel_url());
            ChangeReport {
                title: r.title.clone(),
                clinic: clinic.name.clone(),
                clinic_url: urls.to(&crate::urls::clinic(&clinic.slug)),
                year: r.year,
                status: r.status.slug(),
                status_label: r.status.label(),
                outcome: outcome_view(r),
                text: mine.and_then(|c| c.text.clone()),
                section: mine.and_then(|c| c.section.as_ref()).map(|h| Link {
                    name: h.text.clone(),
                    url: format!("{url}#{}", h.id),
                }),
                url,
            }
        })
        .collect();
    ChangePage {
        summary: summary(config, model, urls, g.change, &g.reports),
        reports,
    }
}

/// A change idea on its report's page.
#[derive(Serialize)]
pub struct ReportChange {
    pub name: String,
    pub url: String,
    pub text: Option<String>,
    /// The heading of the report that describes it (an anchor on the page).
    pub section: Option<Link>,
}

pub fn of_report(config: &Config, model: &SiteModel, urls: &Urls, i: usize) -> Vec<ReportChange> {
    model.reports[i]
        .changes
        .iter()
        .map(|c| {
            let term = &config.changes[c.change];
            ReportChange {
                name: term.name.clone(),
                url: urls.to(&crate::urls::change(term.slug())),
                text: c.text.clone(),
                section: c.section.as_ref().map(|h| Link {
                    name: h.text.clone(),
                    url: format!("#{}", h.id),
                }),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_name_only_what_occurred() {
        let t = ChangeTally {
            tested: 7,
            achieved: 5,
            partly: 1,
            not_achieved: 0,
            not_assessable: 1,
            planned: 2,
        };
        assert_eq!(
            t.line(),
            "Testad i 7 rapporter · uppnått i 5 · delvis i 1 · kunde inte bedömas i 1 · planerad i 2 rapporter (del 1)"
        );
        let one = ChangeTally {
            tested: 1,
            achieved: 1,
            ..Default::default()
        };
        assert_eq!(one.line(), "Testad i 1 rapport · uppnått i 1");
        let plan = ChangeTally {
            planned: 1,
            ..Default::default()
        };
        assert_eq!(plan.line(), "Planerad i 1 rapport (del 1)");
    }
}

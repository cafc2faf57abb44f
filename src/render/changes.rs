//! Change-idea views: which change worked, for `/atgarder/`,
//! `/atgarder/<slug>/`, the theme pages' "Vad mottagningarna ändrade" and
//! the report page.
//!
//! An idea is judged by the goals it was tied to (`changes[].indicators`)
//! in the reports where a clinic tried it (`indicators::changes`); where a
//! report tied it to no goal, by that report's outcome, with its basis.
//! Plans, and changes only planned or not carried out, are counted apart:
//! they were not tried.

use serde::Serialize;

use super::goals::{outcome_view, OutcomeView};
use super::view::{Link, Urls};
use crate::config::Config;
use crate::indicators::changes::{change_outcome, line, ChangeOutcome, Line};
use crate::model::SiteModel;
use crate::outcome::{words, Tally};

/// A change idea with how it went, as the index and theme pages list it.
#[derive(Serialize)]
pub struct ChangeSummary {
    pub slug: String,
    pub name: String,
    pub description: Option<String>,
    pub url: String,
    /// Reports that name it (tried, planned or not done).
    pub reports: usize,
    /// Final reports where a clinic tried it.
    pub tried: usize,
    /// "Prövad i 4 rapporter", "7 mål i 3 rapporter: …", the untied
    /// reports' outcomes, the median change, what was not tried: each
    /// line that has something to say.
    pub lines: Vec<String>,
    /// The goals it was tied to, counted by status (for the chart).
    pub goals: Tally,
    /// A small chart of `goals` (its words are `lines`).
    pub chart: Option<String>,
    /// The themes of the reports that name it, with how many each.
    pub themes: Vec<ThemeCount>,
    /// The newest reports' lines (theme pages), and how many more.
    pub preview: Vec<ChangeReport>,
    pub more: usize,
}

#[derive(Serialize)]
pub struct ThemeCount {
    pub name: String,
    pub url: String,
    pub count: usize,
}

/// The lines of a [`ChangeOutcome`] (see [`ChangeSummary::lines`]).
pub fn lines(o: &ChangeOutcome) -> Vec<String> {
    [
        words::tried_line(o.tried, o.adopted),
        words::aggregate_headline(&o.goals, o.tied_reports),
        words::untied_line(&o.untied),
        words::median_line(
            o.median_points.map(|m| (m.value, m.goals)),
            o.median_relative.map(|m| (m.value, m.goals)),
        ),
        words::apart_line(o.planned, o.not_done),
    ]
    .into_iter()
    .filter(|l| !l.is_empty())
    .collect()
}

/// How many report lines a theme page shows under each idea.
const PREVIEW: usize = 5;

/// One change idea over the given reports (all of its reports, or those
/// of one theme); `preview` report lines are included.
fn summary(
    config: &Config,
    model: &SiteModel,
    urls: &Urls,
    change: usize,
    reports: &[usize],
    preview: usize,
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
    let o = change_outcome(change, reports.iter().map(|&i| &*model.reports[i]));
    ChangeSummary {
        slug: c.slug().to_string(),
        name: c.name.clone(),
        description: c.description.clone(),
        url: urls.to(&crate::urls::change(c.slug())),
        reports: reports.len(),
        tried: o.tried,
        lines: lines(&o),
        chart: super::chart::tally::tally_chart(&o.goals),
        goals: o.goals,
        themes: themes
            .into_iter()
            .map(|(t, n)| ThemeCount {
                name: config.topics[t].name.clone(),
                url: urls.to(&crate::urls::topic(config.topics[t].slug())),
                count: n,
            })
            .collect(),
        preview: reports
            .iter()
            .take(preview)
            .map(|&i| report_line(config, model, urls, change, i))
            .collect(),
        more: reports.len().saturating_sub(preview),
    }
}

/// Most tried first, then most named, then by name.
fn by_tried(out: &mut [ChangeSummary]) {
    out.sort_by(|a, b| {
        (b.tried, b.reports)
            .cmp(&(a.tried, a.reports))
            .then_with(|| crate::model::swedish_cmp(&a.name, &b.name))
    });
}

/// `/atgarder/`: every change idea named, the most tried first.
pub fn index(config: &Config, model: &SiteModel, urls: &Urls) -> Vec<ChangeSummary> {
    let mut out: Vec<ChangeSummary> = model
        .changes
        .iter()
        .map(|g| summary(config, model, urls, g.change, &g.reports, 0))
        .collect();
    by_tried(&mut out);
    out
}

/// The change ideas named by some of `reports` (a theme's), each counted
/// over those reports only, the most tried first.
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
        .map(|(c, rs)| summary(config, model, urls, c, rs, PREVIEW))
        .collect();
    by_tried(&mut out);
    out
}

/// A goal a change was tied to, with its status and basis.
#[derive(Serialize)]
pub struct GoalLine {
    pub name: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub status_symbol: &'static str,
    /// "beräknat från siffrorna", "enligt rapporten", …
    pub basis: &'static str,
}

/// A report that names a change idea, with what became of it there.
#[derive(Serialize)]
pub struct ChangeReport {
    pub title: String,
    pub url: String,
    pub clinic: String,
    pub clinic_url: String,
    pub year: i32,
    pub status: &'static str,
    pub status_label: &'static str,
    /// `goals`, `untied`, `planned` or `not-done`.
    pub kind: &'static str,
    /// "prövad", "införd", "planerad", "ej genomförd".
    pub change_status: &'static str,
    /// The goals it was tied to (kind `goals`).
    pub goals: Vec<GoalLine>,
    /// The report's outcome (kind `untied`).
    pub outcome: Option<OutcomeView>,
    /// What the page says for kinds `untied`, `planned`, `not-done`.
    pub note: &'static str,
    /// The report's own words about the change.
    pub text: Option<String>,
    /// The heading that describes it, linked.
    pub section: Option<Link>,
}

fn report_line(
    config: &Config,
    model: &SiteModel,
    urls: &Urls,
    change: usize,
    i: usize,
) -> ChangeReport {
    let _ = config;
    let r = &model.reports[i];
    let clinic = &model.clinics[model.report_clinic[i]];
    let mine = r.changes.iter().find(|c| c.change == change);
    let url = urls.to(&r.rel_url());
    let (kind, goals, outcome, note) = match mine.map(|c| line(r, c)) {
        Some(Line::Goals(goals)) => (
            "goals",
            goals
                .into_iter()
                .map(|(k, a)| GoalLine {
                    name: r.indicators[k].name.clone(),
                    status: a.status.slug(),
                    status_label: a.status.label(),
                    status_symbol: a.status.symbol(),
                    basis: a.basis.label(),
                })
                .collect(),
            None,
            "",
        ),
        Some(Line::Untied(o)) => (
            "untied",
            Vec::new(),
            Some(outcome_view(r, o)),
            words::UNTIED,
        ),
        Some(Line::NotDone) => ("not-done", Vec::new(), None, words::NOT_DONE),
        Some(Line::Planned) | None if r.status == crate::content::Status::Plan => {
            ("planned", Vec::new(), None, words::NOT_TRIED_YET)
        }
        Some(Line::Planned) | None => ("planned", Vec::new(), None, words::PLANNED_CHANGE),
    };
    ChangeReport {
        title: r.title.clone(),
        clinic: clinic.name.clone(),
        clinic_url: urls.to(&crate::urls::clinic(&clinic.slug)),
        year: r.year,
        status: r.status.slug(),
        status_label: r.status.label(),
        kind,
        change_status: mine.map_or("", |c| c.status.label()),
        goals,
        outcome,
        note,
        text: mine.and_then(|c| c.text.clone()),
        section: mine.and_then(|c| c.section.as_ref()).map(|h| Link {
            name: crate::render::pdsa::heading_name(&h.text),
            url: format!("{url}#{}", h.id),
        }),
        url,
    }
}

/// `/atgarder/<slug>/`: the idea and its reports, newest first.
pub struct ChangePage {
    pub summary: ChangeSummary,
    pub reports: Vec<ChangeReport>,
}

pub fn page(config: &Config, model: &SiteModel, urls: &Urls, group: usize) -> ChangePage {
    let g = &model.changes[group];
    ChangePage {
        summary: summary(config, model, urls, g.change, &g.reports, 0),
        reports: g
            .reports
            .iter()
            .map(|&i| report_line(config, model, urls, g.change, i))
            .collect(),
    }
}

/// A change idea on its report's page.
#[derive(Serialize)]
pub struct ReportChange {
    pub name: String,
    pub url: String,
    pub text: Option<String>,
    /// "införd", "planerad", "ej genomförd" (empty when only tried).
    pub status: &'static str,
    /// The goals it aimed at, by name.
    pub goals: Vec<String>,
    /// The heading of the report that describes it (an anchor on the page).
    pub section: Option<Link>,
}

pub fn of_report(config: &Config, model: &SiteModel, urls: &Urls, i: usize) -> Vec<ReportChange> {
    let r = &model.reports[i];
    r.changes
        .iter()
        .map(|c| {
            let term = &config.changes[c.change];
            ReportChange {
                name: term.name.clone(),
                url: urls.to(&crate::urls::change(term.slug())),
                text: c.text.clone(),
                status: if c.status == Default::default() {
                    ""
                } else {
                    c.status.label()
                },
                goals: c
                    .indicators
                    .iter()
                    .filter_map(|&k| r.indicators.get(k).map(|ind| ind.name.clone()))
                    .collect(),
                section: c.section.as_ref().map(|h| Link {
                    name: crate::render::pdsa::heading_name(&h.text),
                    url: format!("#{}", h.id),
                }),
            }
        })
        .collect()
}

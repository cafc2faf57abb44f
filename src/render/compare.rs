//! Reports side by side: `/tema/<slug>/jamfor/`, each indicator family of
//! the theme (`model::families`) as a table and a dot-and-arrow chart of
//! every report's baseline → result against its target, newest first,
//! with its status and basis (none for a plan's goal); families of one
//! report listed plainly. A family of more than [`OVERVIEW_ROWS`]
//! indicators shows its newest there and has pages of its own
//! (`/tema/<slug>/jamfor/<family>/`, [`FAMILY_ROWS`] a page), so that a
//! theme of thousands of reports stays readable.

use serde::Serialize;

use super::chart::{compare_chart, CompareRow};
use super::goals::{assessed_view, planned_view};
use super::view::Urls;
use crate::config::Config;
use crate::content::{Indicator, Status};
use crate::indicators::{self, baseline, result, target};
use crate::model::families::Family;
use crate::model::SiteModel;
use crate::urls;

/// Rows of a family on the overview page.
pub const OVERVIEW_ROWS: usize = 5;
/// Rows on each of a family's own pages (as many as a listing's cards).
pub const FAMILY_ROWS: usize = super::listings::PER_PAGE;
/// Families on the theme page's list.
pub const TOP_FAMILIES: usize = 5;

/// One report's indicator in a family.
#[derive(Serialize)]
pub struct RowView {
    pub report_url: String,
    pub title: String,
    pub clinic: String,
    pub year: i32,
    pub plan: bool,
    /// The name as the report wrote it.
    pub indicator: String,
    pub baseline: String,
    pub target: String,
    pub result: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub status_symbol: &'static str,
    /// "beräknat från siffrorna: …", "enligt rapporten: ”…”", or for a
    /// plan's goal "planerat, inte utvärderat än".
    pub basis: String,
}

/// A family: its rows (a page of them) and chart.
#[derive(Serialize)]
pub struct FamilyView {
    pub slug: String,
    pub name: String,
    pub unit_label: &'static str,
    pub reports: usize,
    pub indicators: usize,
    pub rows: Vec<RowView>,
    pub chart: Option<String>,
    /// Its own pages, when it has more rows than the overview shows.
    pub url: Option<String>,
}

/// How many pages a family has of its own (0: it fits the overview).
pub fn family_pages(f: &Family) -> usize {
    if f.members.len() <= OVERVIEW_ROWS {
        0
    } else {
        f.members.len().div_ceil(FAMILY_ROWS)
    }
}

fn shown(ind: &Indicator, v: Option<f64>, written: Option<String>) -> String {
    match (written, v) {
        (Some(w), _) => w,
        (None, Some(v)) => ind.unit.show(v),
        (None, None) => "–".into(),
    }
}

fn row(model: &SiteModel, urls: &Urls, (i, k): (usize, usize)) -> (RowView, CompareRow) {
    let r = &model.reports[i];
    let ind = &r.indicators[k];
    let clinic = &model.clinics[model.report_clinic[i]].name;
    let goal = if r.status == Status::Plan {
        planned_view()
    } else {
        assessed_view(&indicators::assess(ind))
    };
    let view = RowView {
        report_url: urls.to(&r.rel_url()),
        title: r.title.clone(),
        clinic: clinic.clone(),
        year: r.year,
        plan: r.status == Status::Plan,
        indicator: ind.name.clone(),
        baseline: shown(ind, baseline(ind), indicators::baseline_shown(ind)),
        target: shown(ind, target(ind), indicators::target_shown(ind)),
        result: shown(ind, result(ind), indicators::result_shown(ind)),
        status: goal.status,
        status_label: goal.status_label,
        status_symbol: goal.status_symbol,
        basis: goal.basis_text,
    };
    let chart = CompareRow {
        label: format!("{clinic}, {}", r.year),
        baseline: baseline(ind),
        target: target(ind),
        result: result(ind),
        status: if r.status == Status::Plan {
            ""
        } else {
            goal.status_symbol
        },
    };
    (view, chart)
}

/// A family with the rows `members` (a page of its members).
fn family_view(
    model: &SiteModel,
    urls: &Urls,
    topic_slug: &str,
    f: &Family,
    members: &[(usize, usize)],
) -> FamilyView {
    let (rows, chart_rows): (Vec<RowView>, Vec<CompareRow>) =
        members.iter().map(|&m| row(model, urls, m)).unzip();
    FamilyView {
        slug: f.slug.clone(),
        name: f.name.clone(),
        unit_label: f.unit.label(),
        reports: f.reports,
        indicators: f.members.len(),
        chart: compare_chart(
            &chart_rows,
            f.unit,
            &crate::text::words::chart::compare_title(&f.name),
            &format!("jamfor-{}", f.slug),
        ),
        rows,
        url: (family_pages(f) > 0).then(|| urls.to(&urls::compare_family(topic_slug, &f.slug))),
    }
}

/// `/tema/<slug>/jamfor/`: the families of several reports, then the
/// indicators only one report has.
#[derive(Serialize)]
pub struct ComparePage {
    pub families: Vec<FamilyView>,
    pub single: Vec<FamilyView>,
}

pub fn overview(config: &Config, model: &SiteModel, urls: &Urls, ti: usize) -> ComparePage {
    let slug = config.topics[model.topics[ti].topic].slug();
    let (several, one): (Vec<&Family>, Vec<&Family>) =
        model.families[ti].iter().partition(|f| f.reports > 1);
    ComparePage {
        families: several
            .into_iter()
            .map(|f| {
                let n = f.members.len().min(OVERVIEW_ROWS);
                family_view(model, urls, slug, f, &f.members[..n])
            })
            .collect(),
        single: one
            .into_iter()
            .map(|f| family_view(model, urls, slug, f, &f.members))
            .collect(),
    }
}

/// `/tema/<slug>/jamfor/<family>/`, page `page` (0-based).
pub fn family_page(
    config: &Config,
    model: &SiteModel,
    urls: &Urls,
    ti: usize,
    fi: usize,
    page: usize,
) -> FamilyView {
    let slug = config.topics[model.topics[ti].topic].slug();
    let f = &model.families[ti][fi];
    let start = (page * FAMILY_ROWS).min(f.members.len());
    let end = (start + FAMILY_ROWS).min(f.members.len());
    family_view(model, urls, slug, f, &f.members[start..end])
}

/// A family on the theme page's list.
#[derive(Serialize)]
pub struct TopFamily {
    pub name: String,
    pub reports: usize,
    pub url: String,
}

/// The families most of a theme's reports have (at least two), by whole
/// name, linked to their place on the comparison page.
pub fn top(config: &Config, model: &SiteModel, urls: &Urls, ti: usize) -> Vec<TopFamily> {
    let slug = config.topics[model.topics[ti].topic].slug();
    let page = urls.to(&urls::compare(slug));
    model.families[ti]
        .iter()
        .take_while(|f| f.reports > 1)
        .take(TOP_FAMILIES)
        .map(|f| TopFamily {
            name: f.name.clone(),
            reports: f.reports,
            url: format!("{page}#fam-{}", f.slug),
        })
        .collect()
}

//! The listing pages: a year, a theme, a clinic and the clinic index, and
//! their pagination.
//!
//! A listing shows each report once, as a card. Past [`PER_PAGE`] cards a
//! listing is split into pages (`/2024/`, `/2024/sida/2/`, …) with links to
//! every page, so that a year of 200 reports never becomes one page of
//! hundreds of cards. A year page lists its reports with their themes as
//! tags, and narrows by theme with plain links to the theme page's section
//! for that year (on the theme page's right page), so it works without
//! JavaScript.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::{Context, Value};

use super::{changes, compare, group, view, Renderer};
use crate::model::{index_letter, letter_id};
use crate::urls;

/// Cards on one page of a listing.
pub const PER_PAGE: usize = 100;

/// How many pages a listing of `n` cards has (at least one).
pub fn page_count(n: usize) -> usize {
    n.div_ceil(PER_PAGE).max(1)
}

/// The cards of page `page` (0-based) of a listing.
fn slice(idx: &[usize], page: usize) -> &[usize] {
    let start = (page * PER_PAGE).min(idx.len());
    &idx[start..(start + PER_PAGE).min(idx.len())]
}

/// Links to every page of a listing, for its `<nav>`.
#[derive(Serialize)]
pub struct Pager {
    /// 1-based.
    pub current: usize,
    pub total: usize,
    pub pages: Vec<PageLink>,
    pub prev: Option<String>,
    pub next: Option<String>,
}

#[derive(Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

fn pager(r: &Renderer, first: &str, n: usize, page: usize) -> Pager {
    pager_of(r, first, page_count(n), page)
}

/// Links to the `total` pages of a listing whose first page is `first`.
pub fn pager_of(r: &Renderer, first: &str, total: usize, page: usize) -> Pager {
    let url = |p: usize| r.urls.to(&urls::paged(first, p));
    Pager {
        current: page + 1,
        total,
        pages: (0..total)
            .map(|p| PageLink {
                number: p + 1,
                url: url(p),
                current: p == page,
            })
            .collect(),
        prev: (page > 0).then(|| url(page - 1)),
        next: (page + 1 < total).then(|| url(page + 1)),
    }
}

/// A theme a year's reports belong to, linked to that year on the theme's
/// page.
#[derive(Serialize)]
struct YearTheme {
    name: String,
    count: usize,
    url: String,
}

/// `/<year>/`: each report once, the themes to narrow by.
/// The reports an aggregate counts: all of them on a listing's first page,
/// none on the others (the aggregate is shown on the first page only, and
/// counting every report again for each page made a 10,000-report year
/// quadratic).
fn first_page(reports: &[usize], page: usize) -> &[usize] {
    if page == 0 {
        reports
    } else {
        &[]
    }
}

pub fn year(r: &Renderer, ctx: &mut Context, yi: usize, page: usize) -> &'static str {
    let m = &*r.model;
    let y = &m.years[yi];
    let mut by_topic: BTreeMap<usize, usize> = BTreeMap::new();
    for &i in &y.reports {
        for &t in &m.reports[i].topics {
            *by_topic.entry(t).or_default() += 1;
        }
    }
    let themes: Vec<YearTheme> = by_topic
        .into_iter()
        .map(|(t, count)| {
            let g = &m.topics[t];
            // The theme page that holds this year's first report (a
            // theme's reports are in model order: newest year first).
            let at = g.reports.partition_point(|&i| m.reports[i].year > y.year);
            let first = urls::topic(r.config.topics[g.topic].slug());
            YearTheme {
                name: r.config.topics[g.topic].name.clone(),
                count,
                url: format!(
                    "{}#ar-{}",
                    r.urls.to(&urls::paged(&first, at / PER_PAGE)),
                    y.year
                ),
            }
        })
        .collect();
    ctx.insert(
        "year",
        &view::YearView {
            year: y.year,
            url: r.urls.to(&urls::year(y.year)),
            count: y.reports.len(),
        },
    );
    ctx.insert(
        "aggregate",
        &view::aggregate(m, first_page(&y.reports, page)),
    );
    ctx.insert("themes", &themes);
    ctx.insert_value("reports", r.cards(slice(&y.reports, page)));
    ctx.insert(
        "pager",
        &pager(r, &urls::year(y.year), y.reports.len(), page),
    );
    "year.html"
}

/// `/tema/<slug>/`: the theme's reports grouped by year, newest first; the
/// aggregate and "Vad mottagningarna ändrade" on its first page.
pub fn topic(r: &Renderer, ctx: &mut Context, ti: usize, page: usize) -> &'static str {
    let m = &*r.model;
    let g = &m.topics[ti];
    let cards = slice(&g.reports, page);
    let mut groups: Vec<Value> = Vec::new();
    let mut start = 0;
    while start < cards.len() {
        let year = m.reports[cards[start]].year;
        let end = cards[start..]
            .iter()
            .position(|&i| m.reports[i].year != year)
            .map_or(cards.len(), |p| start + p);
        groups.push(group(
            "year",
            Value::from(year),
            r.cards(&cards[start..end]),
        ));
        start = end;
    }
    ctx.insert_value("topic", r.topic_value(g.topic, g.reports.len()));
    ctx.insert(
        "aggregate",
        &view::aggregate(m, first_page(&g.reports, page)),
    );
    if page == 0 {
        ctx.insert(
            "changes",
            &changes::within(&r.config, m, &r.urls, &g.reports),
        );
        ctx.insert("families", &compare::top(&r.config, m, &r.urls, ti));
    } else {
        ctx.insert("changes", &Vec::<changes::ChangeSummary>::new());
        ctx.insert("families", &Vec::<compare::TopFamily>::new());
    }
    ctx.insert(
        "compare_url",
        &r.urls.to(&urls::compare(r.config.topics[g.topic].slug())),
    );
    ctx.insert_value("groups", Value::from(groups));
    let first = urls::topic(r.config.topics[g.topic].slug());
    ctx.insert("pager", &pager(r, &first, g.reports.len(), page));
    "topic.html"
}

/// `/mottagningar/<slug>/`: the clinic's reports over the years.
pub fn clinic(r: &Renderer, ctx: &mut Context, ci: usize, page: usize) -> &'static str {
    let c = &r.model.clinics[ci];
    ctx.insert_value("clinic", clinic_entry(r, c));
    ctx.insert_value("reports", r.cards(slice(&c.reports, page)));
    ctx.insert(
        "pager",
        &pager(r, &urls::clinic(&c.slug), c.reports.len(), page),
    );
    "clinic.html"
}

/// `/mottagningar/`: clinics under their letters, A–Ö.
pub fn clinics(r: &Renderer, ctx: &mut Context) -> &'static str {
    let mut letters: Vec<(String, Vec<Value>)> = Vec::new();
    for c in &r.model.clinics {
        let letter = index_letter(&c.name);
        let entry = clinic_entry(r, c);
        match letters.last_mut() {
            Some((l, v)) if *l == letter => v.push(entry),
            _ => letters.push((letter, vec![entry])),
        }
    }
    let letters: Vec<Value> = letters
        .into_iter()
        .map(|(l, v)| {
            let mut map: BTreeMap<&'static str, Value> = BTreeMap::new();
            map.insert("id", Value::from(letter_id(&l)));
            map.insert("letter", Value::from(l));
            map.insert("clinics", Value::from(v));
            Value::from(map)
        })
        .collect();
    ctx.insert_value("letters", Value::from(letters));
    "clinics.html"
}

fn clinic_entry(r: &Renderer, c: &crate::model::Clinic) -> Value {
    let years: Vec<i32> = {
        let mut y: Vec<i32> = c.reports.iter().map(|&i| r.model.reports[i].year).collect();
        y.dedup();
        y
    };
    let mut map: BTreeMap<&'static str, Value> = BTreeMap::new();
    map.insert("name", Value::from(c.name.clone()));
    map.insert("slug", Value::from(c.slug.clone()));
    map.insert("url", Value::from(r.urls.to(&urls::clinic(&c.slug))));
    map.insert("region", Value::from(c.region.clone()));
    map.insert("count", Value::from(c.reports.len()));
    map.insert("years", Value::from(years));
    Value::from(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_of_a_hundred() {
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(100), 1);
        assert_eq!(page_count(101), 2);
        let idx: Vec<usize> = (0..250).collect();
        assert_eq!(slice(&idx, 0).len(), 100);
        assert_eq!(slice(&idx, 2), &idx[200..]);
        assert!(slice(&idx, 3).is_empty());
    }
}

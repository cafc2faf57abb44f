//! Rendering pages with Tera: one template engine per build, templates
//! parsed once, pages rendered in parallel.

pub mod changes;
pub mod chart;
pub mod contact;
pub mod goals;
pub mod theme;
pub mod view;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Tera, Value};

use crate::urls::{self, Urls};

use crate::config::Config;
use crate::diag::{Code, Diagnostic};
use crate::model::{index_letter, SiteModel};
use theme::Theme;
use view::YearView;

/// A page of the site.
#[derive(Debug, Clone, Copy)]
pub enum Page {
    Home,
    Report(usize),
    Year(usize),
    Years,
    Topics,
    Topic(usize),
    Changes,
    Change(usize),
    Clinics,
    Clinic(usize),
    Search,
    Statement,
    Data,
    NotFound,
}

impl Page {
    /// Every page of a site model.
    pub fn all(model: &SiteModel) -> Vec<Page> {
        let mut pages = vec![
            Page::Home,
            Page::Years,
            Page::Topics,
            Page::Clinics,
            Page::Search,
            Page::Statement,
            Page::Data,
            Page::NotFound,
        ];
        pages.extend((0..model.reports.len()).map(Page::Report));
        pages.extend((0..model.years.len()).map(Page::Year));
        pages.extend((0..model.topics.len()).map(Page::Topic));
        if !model.changes.is_empty() {
            pages.push(Page::Changes);
        }
        pages.extend((0..model.changes.len()).map(Page::Change));
        pages.extend((0..model.clinics.len()).map(Page::Clinic));
        pages
    }
}

/// Renders pages of one site model.
pub struct Renderer {
    tera: Tera,
    theme: Arc<Theme>,
    config: Arc<Config>,
    model: Arc<SiteModel>,
    urls: Urls,
    site: Value,
    cards: Vec<Value>,
}

/// Turns Tera errors into diagnostics at the template's own file:line:col.
fn tera_diags(err: &tera::Error, theme: &Theme, template: &str) -> Vec<Diagnostic> {
    let origin = |name: &str| {
        theme
            .templates
            .get(name)
            .map_or_else(|| format!("templates/{name}"), |f| f.origin.clone())
    };
    match err.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            vec![Diagnostic::error(
                Code::Template,
                origin(r.filename()),
                span.start_line,
                span.start_col + 1,
                format!("template error: {}", r.message()),
            )]
        }
        other => {
            let mut msg = other.to_string();
            let mut src = std::error::Error::source(err);
            while let Some(s) = src {
                msg.push_str(&format!(": {s}"));
                src = s.source();
            }
            // Some checks (unknown filters, functions, components) come as
            // rendered reports: `error: <message>` then ` --> name:line:col`.
            let mut found = Vec::new();
            let mut last_message: Option<&str> = None;
            for line in msg.lines() {
                let t = line.trim();
                if let Some(m) = t.strip_prefix("error: ") {
                    last_message = Some(m);
                } else if let Some(loc) = t.strip_prefix("--> ") {
                    let mut parts = loc.rsplitn(3, ':');
                    let (col, line_no, name) = (parts.next(), parts.next(), parts.next());
                    if let (Some(c), Some(l), Some(n)) = (
                        col.and_then(|c| c.parse().ok()),
                        line_no.and_then(|l| l.parse().ok()),
                        name,
                    ) {
                        let m = last_message.unwrap_or("invalid template");
                        found.push(Diagnostic::error(
                            Code::Template,
                            origin(n),
                            l,
                            c,
                            format!("template error: {m}"),
                        ));
                    }
                }
            }
            if found.is_empty() {
                let first = msg
                    .lines()
                    .next()
                    .unwrap_or("invalid template")
                    .trim_start_matches("error: ");
                found.push(Diagnostic::file_error(
                    Code::Template,
                    origin(template),
                    format!("template error: {first}"),
                ));
            }
            found
        }
    }
}

impl Renderer {
    pub fn new(
        theme: Arc<Theme>,
        config: Arc<Config>,
        model: Arc<SiteModel>,
    ) -> Result<Self, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml", ".svg"]);
        tera.register_filter("slug", tera_contrib::slug::slug);
        tera.register_filter("urlencode", tera_contrib::urlencode::urlencode);
        tera.register_filter("date", tera_contrib::dates::date);
        let mut sources = Vec::new();
        let mut errors = Vec::new();
        for (name, file) in &theme.templates {
            match std::str::from_utf8(&file.bytes) {
                Ok(s) => sources.push((name.as_str(), s)),
                Err(_) => errors.push(Diagnostic::file_error(
                    Code::Template,
                    &file.origin,
                    "the template is not valid UTF-8",
                )),
            }
        }
        if let Err(e) = tera.add_raw_templates(sources) {
            errors.extend(tera_diags(&e, &theme, "base.html"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let urls = Urls {
            base_path: config.base_path(),
        };
        let site = Value::from_serializable(&view::site_view(&config, &model, &urls));
        let cards = (0..model.reports.len())
            .into_par_iter()
            .map(|i| Value::from_serializable(&view::card(&config, &model, &urls, i)))
            .collect();
        Ok(Renderer {
            tera,
            theme,
            config,
            model,
            urls,
            site,
            cards,
        })
    }

    fn cards(&self, idx: &[usize]) -> Value {
        Value::from(
            idx.iter()
                .map(|&i| self.cards[i].clone())
                .collect::<Vec<_>>(),
        )
    }

    fn topic_value(&self, topic: usize, count: usize) -> Value {
        Value::from_serializable(&view::topic_view(&self.config, &self.urls, topic, count))
    }

    /// Renders one page to HTML.
    pub fn render(&self, page: Page) -> Result<String, Diagnostic> {
        let m: &SiteModel = &self.model;
        let mut ctx = Context::new();
        ctx.insert_value("site", self.site.clone());
        let url_path = urls::page(page, &self.config, m);
        ctx.insert("current_url", &self.urls.to(&url_path));
        ctx.insert(
            "canonical_url",
            &format!("{}/{}", self.config.origin_and_path(), url_path),
        );
        let (template, section) = match page {
            Page::Home => {
                let mut newest: Vec<usize> = (0..m.reports.len()).collect();
                newest.sort_by(|&a, &b| {
                    let (ra, rb) = (&m.reports[a], &m.reports[b]);
                    rb.year
                        .cmp(&ra.year)
                        .then_with(|| rb.date.cmp(&ra.date))
                        .then_with(|| a.cmp(&b))
                });
                newest.truncate(6);
                ctx.insert_value("newest", self.cards(&newest));
                ("index.html", "home")
            }
            Page::Report(i) => {
                // A draft is shown only in a preview, and never indexed.
                ctx.insert("noindex", &m.reports[i].draft);
                ctx.insert("report", &view::report_view(&self.config, m, &self.urls, i));
                ("report.html", "report")
            }
            Page::Year(yi) => {
                let y = &m.years[yi];
                let mut by_topic: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
                for &i in &y.reports {
                    for &t in &m.reports[i].topics {
                        by_topic.entry(t).or_default().push(i);
                    }
                }
                let groups: Vec<Value> = by_topic
                    .into_iter()
                    .map(|(t, idx)| {
                        group("topic", self.topic_value(t, idx.len()), self.cards(&idx))
                    })
                    .collect();
                ctx.insert(
                    "year",
                    &YearView {
                        year: y.year,
                        url: self.urls.to(&urls::year(y.year)),
                        count: y.reports.len(),
                    },
                );
                ctx.insert("aggregate", &view::aggregate(m, &y.reports));
                ctx.insert_value("groups", Value::from(groups));
                ("year.html", "years")
            }
            Page::Years => ("years.html", "years"),
            Page::Topics => ("topics.html", "topics"),
            Page::Topic(ti) => {
                let g = &m.topics[ti];
                let mut groups: Vec<Value> = Vec::new();
                let mut start = 0;
                while start < g.reports.len() {
                    let year = m.reports[g.reports[start]].year;
                    let end = g.reports[start..]
                        .iter()
                        .position(|&i| m.reports[i].year != year)
                        .map_or(g.reports.len(), |p| start + p);
                    groups.push(group(
                        "year",
                        Value::from(year),
                        self.cards(&g.reports[start..end]),
                    ));
                    start = end;
                }
                ctx.insert_value("topic", self.topic_value(g.topic, g.reports.len()));
                ctx.insert("aggregate", &view::aggregate(m, &g.reports));
                ctx.insert(
                    "changes",
                    &changes::within(&self.config, m, &self.urls, &g.reports),
                );
                ctx.insert_value("groups", Value::from(groups));
                ("topic.html", "topics")
            }
            Page::Changes => {
                ctx.insert("changes", &changes::index(&self.config, m, &self.urls));
                ("changes.html", "changes")
            }
            Page::Change(ci) => {
                let p = changes::page(&self.config, m, &self.urls, ci);
                ctx.insert("change", &p.summary);
                ctx.insert("reports", &p.reports);
                ("change.html", "changes")
            }
            Page::Clinics => {
                let mut letters: Vec<(String, Vec<Value>)> = Vec::new();
                for c in &m.clinics {
                    let letter = index_letter(&c.name);
                    let entry = clinic_entry(self, c);
                    match letters.last_mut() {
                        Some((l, v)) if *l == letter => v.push(entry),
                        _ => letters.push((letter, vec![entry])),
                    }
                }
                let letters: Vec<Value> = letters
                    .into_iter()
                    .map(|(l, v)| {
                        let id = if l == "#" {
                            "ovriga".to_string()
                        } else {
                            format!("bokstav-{}", crate::text::slugify(&l))
                        };
                        let mut map: BTreeMap<&'static str, Value> = BTreeMap::new();
                        map.insert("letter", Value::from(l));
                        map.insert("id", Value::from(id));
                        map.insert("clinics", Value::from(v));
                        Value::from(map)
                    })
                    .collect();
                ctx.insert_value("letters", Value::from(letters));
                ("clinics.html", "clinics")
            }
            Page::Clinic(ci) => {
                ctx.insert_value("clinic", clinic_entry(self, &m.clinics[ci]));
                ctx.insert_value("reports", self.cards(&m.clinics[ci].reports));
                ("clinic.html", "clinics")
            }
            Page::Search => ("search.html", "search"),
            Page::Data => {
                ctx.insert("license", &self.config.data_license);
                ctx.insert("schema_version", crate::output::data::SCHEMA_VERSION);
                let count: usize = m.reports.iter().map(|r| r.indicators.len()).sum();
                ctx.insert("indicator_count", &count);
                ("data.html", "data")
            }
            Page::Statement => {
                ctx.insert("statement", &view::statement_view(&self.config));
                ("statement.html", "statement")
            }
            Page::NotFound => ("404.html", "none"),
        };
        ctx.insert("section", section);
        self.tera.render(template, &ctx).map_err(|e| {
            let mut ds = tera_diags(&e, &self.theme, template);
            ds.swap_remove(0)
        })
    }
}

fn group(key: &'static str, head: Value, reports: Value) -> Value {
    let mut map: BTreeMap<&'static str, Value> = BTreeMap::new();
    map.insert(key, head);
    map.insert("reports", reports);
    Value::from(map)
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

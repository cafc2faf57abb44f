//! Rendering pages with Tera: one template engine per build, templates
//! parsed once, pages rendered in parallel.

pub mod aggregate;
pub mod changes;
pub mod chart;
pub mod compare;
pub mod contact;
pub mod goals;
pub mod indicator_view;
pub mod listings;
pub mod pdsa;
pub mod theme;
pub mod view;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Tera, Value};

use crate::urls::{self, Urls};

use crate::config::Config;
use crate::diag::{Code, Diagnostic};
use crate::model::SiteModel;
use theme::Theme;

/// A page of the site.
#[derive(Debug, Clone, Copy)]
pub enum Page {
    Home,
    Report(usize),
    /// A year's listing and the 0-based page of it.
    Year(usize, usize),
    Years,
    Topics,
    Topic(usize, usize),
    /// A theme's reports side by side, by indicator family.
    Compare(usize),
    /// One family of a theme (topic, family, 0-based page).
    CompareFamily(usize, usize, usize),
    Changes,
    Change(usize),
    Clinics,
    Clinic(usize, usize),
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
        let paged = |n: usize| 0..listings::page_count(n);
        for (i, y) in model.years.iter().enumerate() {
            pages.extend(paged(y.reports.len()).map(|p| Page::Year(i, p)));
        }
        for (i, t) in model.topics.iter().enumerate() {
            pages.extend(paged(t.reports.len()).map(|p| Page::Topic(i, p)));
            if !model.families[i].is_empty() {
                pages.push(Page::Compare(i));
            }
            for (f, family) in model.families[i].iter().enumerate() {
                pages.extend(
                    (0..compare::family_pages(family)).map(|p| Page::CompareFamily(i, f, p)),
                );
            }
        }
        if !model.changes.is_empty() {
            pages.push(Page::Changes);
        }
        pages.extend((0..model.changes.len()).map(Page::Change));
        for (i, c) in model.clinics.iter().enumerate() {
            pages.extend(paged(c.reports.len()).map(|p| Page::Clinic(i, p)));
        }
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
    /// The open-data files' sizes in bytes, in `DataFile::ALL`'s order,
    /// once `build` has written them (the data page is rendered after;
    /// `check` and `serve` show no sizes).
    pub data_sizes: std::sync::OnceLock<Vec<u64>>,
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
        tera.register_filter("count", count_filter);
        tera.register_filter("noun", noun_filter);
        tera.register_filter("quoted", quoted_filter);
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
            data_sizes: std::sync::OnceLock::new(),
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
            Page::Year(yi, page) => (listings::year(self, &mut ctx, yi, page), "years"),
            Page::Years => ("years.html", "years"),
            Page::Topics => ("topics.html", "topics"),
            Page::Topic(ti, page) => (listings::topic(self, &mut ctx, ti, page), "topics"),
            Page::Compare(ti) => {
                let p = compare::overview(&self.config, m, &self.urls, ti);
                ctx.insert_value(
                    "topic",
                    self.topic_value(m.topics[ti].topic, m.topics[ti].reports.len()),
                );
                ctx.insert("families", &p.families);
                ctx.insert("single", &p.single);
                ("compare.html", "topics")
            }
            Page::CompareFamily(ti, fi, page) => {
                let f = &m.families[ti][fi];
                let first =
                    urls::compare_family(self.config.topics[m.topics[ti].topic].slug(), &f.slug);
                ctx.insert_value(
                    "topic",
                    self.topic_value(m.topics[ti].topic, m.topics[ti].reports.len()),
                );
                ctx.insert(
                    "family",
                    &compare::family_page(&self.config, m, &self.urls, ti, fi, page),
                );
                ctx.insert(
                    "pager",
                    &listings::pager_of(self, &first, compare::family_pages(f), page),
                );
                ("compare_family.html", "topics")
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
            Page::Clinics => (listings::clinics(self, &mut ctx), "clinics"),
            Page::Clinic(ci, page) => (listings::clinic(self, &mut ctx, ci, page), "clinics"),
            Page::Search => ("search.html", "search"),
            Page::Data => {
                ctx.insert("license", &self.config.data_license);
                ctx.insert("schema_version", crate::output::data::SCHEMA_VERSION);
                // By file name without its dot: `rapporter_json`, ….
                let sizes: std::collections::BTreeMap<String, String> =
                    (self.data_sizes.get().into_iter().flatten())
                        .zip(crate::output::DataFile::ALL)
                        .map(|(b, f)| {
                            let name = f.path().rsplit('/').next().unwrap_or("");
                            (name.replace(['.', '-'], "_"), crate::text::format_size(*b))
                        })
                        .collect();
                ctx.insert("data_sizes", &sizes);
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

/// How many a template value counts: a number, or the length of a list.
fn how_many(val: &Value) -> tera::TeraResult<usize> {
    val.as_i64()
        .and_then(|n| usize::try_from(n).ok())
        .or_else(|| val.len())
        .ok_or_else(|| tera::Error::message(format!("cannot count a {}", val.name())))
}

/// `{{ n | count(one="rapport", many="rapporter") }}` → "1 rapport",
/// "3 rapporter": templates count with [`crate::text::count`], the one
/// helper for Swedish singular and plural.
fn count_filter(val: Value, kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
    let n = how_many(&val)?;
    Ok(crate::text::count(
        n,
        kwargs.must_get("one")?,
        kwargs.must_get("many")?,
    ))
}

/// `{{ list | noun(one="Tema", many="Teman") }}`: the word alone.
fn noun_filter(val: Value, kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
    let n = how_many(&val)?;
    Ok(crate::text::pick(n, kwargs.must_get("one")?, kwargs.must_get("many")?).to_string())
}

/// `{{ text | quoted }}`: ”…”, quotation marks inside made ’…’.
fn quoted_filter(val: &str, _: tera::Kwargs, _: &tera::State) -> String {
    crate::text::words::quoted(val)
}

fn group(key: &'static str, head: Value, reports: Value) -> Value {
    let mut map: BTreeMap<&'static str, Value> = BTreeMap::new();
    map.insert(key, head);
    map.insert("reports", reports);
    Value::from(map)
}

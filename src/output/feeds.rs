//! Atom feeds (`/atom.xml`, `/tema/<slug>/atom.xml`), `/sitemap.xml` and
//! `/robots.txt`. Absolute URLs come from `base_url`; ids are the reports'
//! absolute URLs, so they stay stable across builds.

use std::fmt::Write;

use crate::config::Config;
use crate::content::Report;
use crate::model::SiteModel;
use crate::text::{escape_html, PartialDate};

/// How many reports a feed lists.
pub const FEED_SIZE: usize = 50;

/// The timestamp a report is listed with: its date (to the day, else the
/// first day of its month or year), else 1 January of its year.
fn updated(r: &Report) -> String {
    let day = match r.date {
        Some(PartialDate::Day(d)) => d.format("%Y-%m-%d").to_string(),
        Some(PartialDate::Month(y, m)) => format!("{y:04}-{m:02}-01"),
        Some(PartialDate::Year(y)) => format!("{y:04}-01-01"),
        None => format!("{:04}-01-01", r.year),
    };
    format!("{day}T00:00:00Z")
}

/// An Atom feed of the newest reports among `reports` (indexes into the model).
pub fn atom(
    config: &Config,
    model: &SiteModel,
    reports: &[usize],
    title: &str,
    feed_path: &str,
    page_path: &str,
) -> String {
    let base = config.origin_and_path();
    // Drafts (listed in a preview) never go into a feed.
    let mut idx: Vec<usize> = reports
        .iter()
        .copied()
        .filter(|&i| !model.reports[i].draft)
        .collect();
    idx.sort_by(|&a, &b| {
        updated(&model.reports[b])
            .cmp(&updated(&model.reports[a]))
            .then_with(|| model.reports[a].rel_url().cmp(&model.reports[b].rel_url()))
    });
    idx.truncate(FEED_SIZE);
    let feed_updated = idx.first().map_or_else(
        || "1990-01-01T00:00:00Z".to_string(),
        |&i| updated(&model.reports[i]),
    );
    let mut x = String::new();
    let _ = write!(
        x,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n",
        escape_html(&config.language),
        escape_html(title)
    );
    if let Some(d) = &config.description {
        let _ = writeln!(x, "<subtitle>{}</subtitle>", escape_html(d));
    }
    let _ = write!(
        x,
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{base}/{feed_path}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{base}/{page_path}\"/>\n<id>{base}/{feed_path}</id>\n<updated>{feed_updated}</updated>\n<author><name>{}</name></author>\n",
        escape_html(&config.title)
    );
    for &i in &idx {
        let r = &model.reports[i];
        let clinic = &model.clinics[model.report_clinic[i]].name;
        let url = format!("{base}/{}", r.rel_url());
        let _ = write!(
            x,
            "<entry>\n<title>{}</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n<id>{url}</id>\n<updated>{}</updated>\n<author><name>{}</name></author>\n",
            escape_html(&r.title),
            updated(r),
            escape_html(clinic)
        );
        for &t in &r.topics {
            let _ = writeln!(
                x,
                "<category term=\"{}\" label=\"{}\"/>",
                escape_html(config.topics[t].slug.get_ref()),
                escape_html(&config.topics[t].name)
            );
        }
        let _ = writeln!(
            x,
            "<summary>{}</summary>\n</entry>",
            escape_html(&format!("{clinic}, {}. {}", r.year, r.summary))
        );
    }
    x.push_str("</feed>\n");
    x
}

/// `sitemap.xml` listing every page (paths relative to the output root).
pub fn sitemap(config: &Config, page_paths: &[String]) -> String {
    let base = config.origin_and_path();
    let mut paths: Vec<String> = page_paths
        .iter()
        .filter(|p| p.as_str() != crate::urls::NOT_FOUND)
        .map(|p| crate::urls::url_of(p).to_string())
        .collect();
    paths.sort();
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for p in paths {
        let _ = writeln!(
            x,
            "<url><loc>{}</loc></url>",
            escape_html(&format!("{base}/{p}"))
        );
    }
    x.push_str("</urlset>\n");
    x
}

/// `robots.txt` pointing to the sitemap.
pub fn robots(config: &Config) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
        config.origin_and_path()
    )
}

//! The site's URL scheme, in one place: where each kind of page and file
//! lives below the output root, and how a path below the root becomes a
//! link (`base_path`) or an absolute address (`origin_and_path`).
//!
//! Paths here are relative to the site root and use `/`: a page's URL path
//! ends in `/` (`2023/kry-sip/`, `tema/sip/`, `""` for the home page), and
//! its file is that path plus `index.html` ([`file_of`]). Nothing else in
//! the crate spells out these paths.

use crate::config::Config;
use crate::model::SiteModel;
use crate::render::Page;

/// The open data files and the site-wide files.
pub const DATA_JSON: &str = "data/rapporter.json";
pub const DATA_CSV: &str = "data/indikatorer.csv";
pub const DATA_EXCEL_CSV: &str = "data/indikatorer-excel.csv";
pub const DATA_XLSX: &str = "data/indikatorer.xlsx";
/// The JSON schema of `rapporter.json` (`docs/open-data.schema.json`).
pub const DATA_SCHEMA: &str = "data/rapporter.schema.json";
pub const ATOM: &str = "atom.xml";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
/// The not-found page: a file, not a folder, so that static hosts find it.
pub const NOT_FOUND: &str = "404.html";

/// The fixed pages (URL paths).
pub const HOME: &str = "";
pub const YEARS: &str = "ar/";
pub const TOPICS: &str = "tema/";
pub const CLINICS: &str = "mottagningar/";
pub const SEARCH: &str = "sok/";
pub const STATEMENT: &str = "tillganglighet/";
pub const DATA: &str = "data/";
pub const CHANGES: &str = "atgarder/";

/// A report: `2023/kry-vallentuna-sip/`.
pub fn report(year: i32, stem: &str) -> String {
    format!("{year}/{stem}/")
}

/// A file beside a report (an attachment): `2023/kry-sip/rutin.pdf`.
pub fn report_file(year: i32, stem: &str, name: &str) -> String {
    format!("{year}/{stem}/{name}")
}

/// A year's listing: `2023/`.
pub fn year(year: i32) -> String {
    format!("{year}/")
}

/// A theme's listing: `tema/sip/`.
pub fn topic(slug: &str) -> String {
    format!("tema/{slug}/")
}

/// A theme's Atom feed: `tema/sip/atom.xml`.
pub fn topic_feed(slug: &str) -> String {
    format!("tema/{slug}/atom.xml")
}

/// A theme's reports side by side: `tema/sip/jamfor/`.
pub fn compare(topic_slug: &str) -> String {
    format!("tema/{topic_slug}/jamfor/")
}

/// One indicator family of a theme, on pages of its own:
/// `tema/sip/jamfor/antal-sip/` (then `…/sida/2/`).
pub fn compare_family(topic_slug: &str, family_slug: &str) -> String {
    format!("tema/{topic_slug}/jamfor/{family_slug}/")
}

/// A change idea's page: `atgarder/sms-paminnelse/`.
pub fn change(slug: &str) -> String {
    format!("atgarder/{slug}/")
}

/// A clinic's page: `mottagningar/kry-vallentuna/`.
pub fn clinic(slug: &str) -> String {
    format!("mottagningar/{slug}/")
}

/// The folder segment of a listing's further pages: `2024/sida/2/`. A
/// report may not be named so (its URL would be `2024/sida/`).
pub const PAGE_SEGMENT: &str = "sida";

/// Page `page` (0-based) of a listing whose first page is `first`
/// (`2024/`): the first page itself, then `2024/sida/2/`, `2024/sida/3/` …
pub fn paged(first: &str, page: usize) -> String {
    if page == 0 {
        first.to_string()
    } else {
        format!("{first}{PAGE_SEGMENT}/{}/", page + 1)
    }
}

/// The file a URL path is written to: `index.html` inside a folder path.
pub fn file_of(url_path: &str) -> String {
    if url_path.is_empty() || url_path.ends_with('/') {
        format!("{url_path}index.html")
    } else {
        url_path.to_string()
    }
}

/// The URL path of a written file: the folder of an `index.html`.
pub fn url_of(file: &str) -> &str {
    file.strip_suffix("index.html").unwrap_or(file)
}

/// A page's URL path.
pub fn page(page: Page, config: &Config, model: &SiteModel) -> String {
    match page {
        Page::Home => HOME.into(),
        Page::Report(i) => report(model.reports[i].year, &model.reports[i].stem),
        Page::Year(i, p) => paged(&year(model.years[i].year), p),
        Page::Years => YEARS.into(),
        Page::Topics => TOPICS.into(),
        Page::Topic(i, p) => paged(&topic(config.topics[model.topics[i].topic].slug()), p),
        Page::Changes => CHANGES.into(),
        Page::Change(i) => change(config.changes[model.changes[i].change].slug()),
        Page::Compare(i) => compare(config.topics[model.topics[i].topic].slug()),
        Page::CompareFamily(i, f, p) => paged(
            &compare_family(
                config.topics[model.topics[i].topic].slug(),
                &model.families[i][f].slug,
            ),
            p,
        ),
        Page::Clinics => CLINICS.into(),
        Page::Clinic(i, p) => paged(&clinic(&model.clinics[i].slug), p),
        Page::Search => SEARCH.into(),
        Page::Statement => STATEMENT.into(),
        Page::Data => DATA.into(),
        Page::NotFound => NOT_FOUND.into(),
    }
}

/// Links inside the site: `base_path` + a path below the root.
#[derive(Debug, Clone)]
pub struct Urls {
    pub base_path: String,
}

impl Urls {
    pub fn to(&self, rel: &str) -> String {
        format!("{}{}", self.base_path, rel.trim_start_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_and_urls() {
        assert_eq!(file_of(HOME), "index.html");
        assert_eq!(file_of(&report(2023, "kry")), "2023/kry/index.html");
        assert_eq!(file_of(ATOM), "atom.xml");
        assert_eq!(url_of("tema/sip/index.html"), "tema/sip/");
        assert_eq!(url_of(NOT_FOUND), NOT_FOUND);
        let urls = Urls {
            base_path: "/arkiv/".into(),
        };
        assert_eq!(urls.to(&topic("sip")), "/arkiv/tema/sip/");
        assert_eq!(urls.to("/x/"), "/arkiv/x/");
        assert_eq!(paged(&year(2024), 0), "2024/");
        assert_eq!(paged(&topic("sip"), 1), "tema/sip/sida/2/");
    }
}

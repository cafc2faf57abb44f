//! View models: what templates see. Everything shown is formatted here
//! (Swedish numbers and dates, labels), so templates stay simple and
//! theme authors get display-ready strings next to the raw values.

use serde::Serialize;

use crate::config::Config;
use crate::content::{Attachment, Report};
use crate::model::SiteModel;
use crate::text::words::{page, statement};
use crate::text::{file_type, format_size};

pub use super::aggregate::{aggregate, Aggregate};
pub use super::goals::{GoalView, OutcomeView, ReportHead};
pub use super::indicator_view::{indicator_view, FigureView, IndicatorView, PointView};
pub use crate::urls::Urls;

#[derive(Serialize, Clone)]
pub struct Link {
    pub name: String,
    pub url: String,
}

#[derive(Serialize, Clone)]
pub struct TopicView {
    pub slug: String,
    pub name: String,
    pub description: Option<String>,
    pub url: String,
    pub count: usize,
}

#[derive(Serialize, Clone)]
pub struct YearView {
    pub year: i32,
    pub url: String,
    pub count: usize,
}

#[derive(Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: Option<String>,
    pub language: String,
    pub base_url: String,
    pub base_path: String,
    pub topics: Vec<TopicView>,
    pub years: Vec<YearView>,
    pub report_count: usize,
    pub clinic_count: usize,
    /// Change ideas with reports: `/atgarder/` is in the menu.
    pub change_count: usize,
}

pub fn site_view(config: &Config, model: &SiteModel, urls: &Urls) -> SiteView {
    SiteView {
        title: config.title.clone(),
        description: config.description.clone(),
        language: config.language.clone(),
        base_url: config.origin_and_path(),
        base_path: urls.base_path.clone(),
        topics: model
            .topics
            .iter()
            .map(|g| topic_view(config, urls, g.topic, g.reports.len()))
            .collect(),
        years: model
            .years
            .iter()
            .map(|y| YearView {
                year: y.year,
                url: urls.to(&crate::urls::year(y.year)),
                count: y.reports.len(),
            })
            .collect(),
        report_count: model.reports.len(),
        clinic_count: model.clinics.len(),
        change_count: model.changes.len(),
    }
}

pub fn topic_view(config: &Config, urls: &Urls, topic: usize, count: usize) -> TopicView {
    let t = &config.topics[topic];
    TopicView {
        slug: t.slug.get_ref().clone(),
        name: t.name.clone(),
        description: t.description.clone(),
        url: urls.to(&crate::urls::topic(t.slug.get_ref())),
        count,
    }
}

/// A report as listings show it.
#[derive(Serialize)]
pub struct Card {
    pub url: String,
    pub title: String,
    pub clinic: String,
    pub clinic_url: String,
    pub region: Option<String>,
    pub year: i32,
    pub year_url: String,
    pub topics: Vec<Link>,
    pub status: &'static str,
    pub status_label: &'static str,
    pub summary: String,
    pub link_only: bool,
    /// A draft, listed only in a preview (`serve`, `build --drafts`).
    pub draft: bool,
    pub indicator_count: usize,
    /// Goal status counts of the report's indicators (`None` for a plan:
    /// its goals are not judged).
    pub goals: Option<crate::outcome::Tally>,
    /// "2 av 4 mål uppnådda · 2 ej bedömbara", "3 mål i planen" (empty
    /// without indicators).
    pub goals_summary: String,
    /// The report's outcome with its basis (`plan` for a plan).
    pub outcome: OutcomeView,
}

pub fn card(config: &Config, model: &SiteModel, urls: &Urls, i: usize) -> Card {
    let r = &model.reports[i];
    let clinic = &model.clinics[model.report_clinic[i]];
    Card {
        url: urls.to(&r.rel_url()),
        title: r.title.clone(),
        clinic: clinic.name.clone(),
        clinic_url: urls.to(&crate::urls::clinic(&clinic.slug)),
        region: model.report_region[i].clone(),
        year: r.year,
        year_url: urls.to(&crate::urls::year(r.year)),
        topics: r
            .topics
            .iter()
            .map(|&t| Link {
                name: config.topics[t].name.clone(),
                url: urls.to(&crate::urls::topic(config.topics[t].slug.get_ref())),
            })
            .collect(),
        status: r.status.slug(),
        status_label: r.status.label(),
        summary: r.summary.clone(),
        link_only: r.is_link_only(),
        draft: r.draft,
        indicator_count: r.indicators.len(),
        goals: crate::indicators::goals(r),
        goals_summary: super::goals::report_headline(r),
        outcome: super::goals::report_outcome(r),
    }
}

#[derive(Serialize)]
pub struct MemberView {
    pub name: String,
    pub role: Option<String>,
    pub contact: bool,
}

#[derive(Serialize)]
pub struct AttachmentView {
    pub title: String,
    pub url: String,
    pub external: bool,
    /// "PDF, 245 kB" for files; empty for links.
    pub kind: String,
}

#[derive(Serialize)]
pub struct ReportView {
    #[serde(flatten)]
    pub card: Card,
    /// The top of the page: the report's own verdict (only then
    /// "Bedömning"), its main goal.
    pub head: ReportHead,
    pub stem: String,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub team: Vec<MemberView>,
    pub indicators: Vec<IndicatorView>,
    pub attachments: Vec<AttachmentView>,
    pub body: String,
    /// "Liknande förbättringsarbeten" from other clinics.
    pub related: Vec<Card>,
    /// "Kontakt": who to ask, the clinic, the archive.
    pub contact: super::contact::ContactView,
    /// The change ideas the report tested.
    pub changes: Vec<super::changes::ReportChange>,
    /// "Innehåll": the report's own top-level headings, linked (empty for a
    /// short report), with the page's indicator and attachment sections.
    pub toc: Vec<TocEntry>,
    /// Long enough to need a "Till början" link at its end.
    pub long: bool,
    /// A draft's or a pending update's open TODOs, listed in its notice.
    pub todos: Vec<crate::content::todos::Todo>,
    /// A pending update of `arkiv import`, previewed in place of the
    /// published report (`serve`).
    pub pending: bool,
}

/// One line of a report's table of contents.
#[derive(Serialize)]
pub struct TocEntry {
    pub name: String,
    pub url: String,
    /// Results and reflections, which readers look for first.
    pub key: bool,
}

/// Fewer of the report's own headings than this: no table of contents.
const TOC_MIN: usize = 3;
/// Headings readers look for first, by how they start (lower case).
const KEY_SECTIONS: [&str; 4] = [
    "resultat",
    "analys och resultat",
    "slutreflektion",
    "summering",
];

fn toc(r: &Report) -> Vec<TocEntry> {
    // "C. Slutreflektion", "5. Resultat": the enumerator does not count.
    let is_key = |text: &str| {
        let lower = text.to_lowercase();
        let rest = match lower.split_once(['.', ':', ')']) {
            Some((head, rest)) if head.trim().chars().count() <= 2 => rest.trim_start(),
            _ => lower.as_str(),
        };
        KEY_SECTIONS.iter().any(|k| rest.starts_with(k))
    };
    // The top-level headings, and a deeper one that is itself the results
    // or the reflection ("C. Slutreflektion" under "Del 2").
    let own: Vec<&crate::content::Heading> = r
        .headings
        .iter()
        .filter(|h| h.level == 2 || (h.level == 3 && is_key(&h.text)))
        .collect();
    if own.iter().filter(|h| h.level == 2).count() < TOC_MIN {
        return Vec::new();
    }
    let entry = |name: &str, id: &str, key: bool| TocEntry {
        name: super::pdsa::heading_name(name),
        url: format!("#{id}"),
        key,
    };
    let mut out = Vec::new();
    if !r.indicators.is_empty() {
        out.push(entry(page::INDICATORS, "indikatorer_", false));
    }
    out.extend(own.iter().map(|h| entry(&h.text, &h.id, is_key(&h.text))));
    if !r.attachments.is_empty() {
        out.push(entry(page::ATTACHMENTS, "bilagor_", false));
    }
    out
}

pub fn report_view(config: &Config, model: &SiteModel, urls: &Urls, i: usize) -> ReportView {
    let r: &Report = &model.reports[i];
    let indicators: Vec<IndicatorView> = r
        .indicators
        .iter()
        .zip(super::goals::goal_views(r))
        .enumerate()
        .map(|(k, (ind, goal))| indicator_view(ind, goal, r.year, &format!("diagram-{}", k + 1)))
        .collect();
    ReportView {
        card: card(config, model, urls, i),
        head: super::goals::report_head(r),
        stem: r.stem.clone(),
        date: r.date.map(|d| d.swedish()),
        date_iso: r.date.map(|d| d.iso()),
        team: r
            .team
            .iter()
            .map(|m| MemberView {
                name: m.name.clone(),
                role: m.role.as_deref().map(crate::text::lower_first),
                contact: m.contact,
            })
            .collect(),
        indicators,
        related: model.related.get(i).map_or_else(Vec::new, |rel| {
            rel.iter().map(|&j| card(config, model, urls, j)).collect()
        }),
        attachments: r
            .attachments
            .iter()
            .map(|a| AttachmentView {
                title: a.title().to_string(),
                url: a.href(&urls.to(&r.rel_url())),
                external: a.is_external(),
                kind: match a {
                    Attachment::File { name, size, .. } => {
                        format!("{}, {}", file_type(name), format_size(*size))
                    }
                    Attachment::Url { url, .. } => {
                        page::external(&file_type(url.split(['?', '#']).next().unwrap_or(url)))
                    }
                },
            })
            .collect(),
        body: r.body_html.unpack(),
        contact: super::contact::contact_view(config, model, i),
        changes: super::changes::of_report(config, model, urls, i),
        toc: toc(r),
        // About two screens of text on a phone.
        long: r.body_text.len() > 4000,
        todos: r.todos.clone(),
        pending: r.file.starts_with(crate::state::DIR),
    }
}

/// The accessibility statement with DIGG's parts, Swedish defaults filled in.
#[derive(Serialize)]
pub struct StatementView {
    pub publisher: Option<String>,
    pub compliance: &'static str,
    pub compliance_text: &'static str,
    pub known_issues: Vec<String>,
    pub contact_email: Option<String>,
    pub contact_url: Option<String>,
    pub contact_phone: Option<String>,
    pub assessed: Option<String>,
    pub method: String,
    pub updated: Option<String>,
}

pub fn statement_view(config: &Config) -> StatementView {
    use crate::config::Compliance;
    let a = &config.accessibility;
    let date = |d: &Option<String>| {
        d.as_ref()
            .map(|s| crate::text::PartialDate::parse(s).map_or_else(|| s.clone(), |p| p.swedish()))
    };
    StatementView {
        publisher: a.publisher.clone().filter(|p| !p.trim().is_empty()),
        compliance: match a.compliance {
            Compliance::Full => "full",
            Compliance::Partial => "partial",
            Compliance::None => "none",
        },
        compliance_text: match a.compliance {
            Compliance::Full => statement::FULL,
            Compliance::Partial => statement::PARTIAL,
            Compliance::None => statement::NONE,
        },
        known_issues: a
            .known_issues
            .clone()
            .unwrap_or_else(|| statement::KNOWN_ISSUES.map(str::to_string).to_vec()),
        contact_email: super::contact::statement_email(config),
        contact_url: super::contact::statement_url(config),
        contact_phone: a.contact_phone.clone(),
        assessed: date(&a.assessed),
        method: a
            .method
            .clone()
            .unwrap_or_else(|| statement::METHOD.to_string()),
        updated: date(&a.updated),
    }
}

//! `site.toml`: the site's configuration.
//!
//! Every struct denies unknown fields, so a typo in a key is an error with
//! its line and column rather than a silently ignored setting.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{line_col, Code, Diagnostic};

mod attachments;
mod clinics;
mod contact;
mod duplicates;
mod families;
mod vocabulary;
mod warnings;

pub use attachments::AttachmentsConfig;
pub use clinics::ClinicKeys;
pub use contact::{is_email, is_http_url, ContactConfig};
pub use duplicates::{AllowDuplicate, DuplicatesConfig};
pub use families::{FamilyConfig, FamilyUnit};
pub use vocabulary::{Term, Vocabulary};
pub use warnings::{AllowWarning, WarningsConfig};

/// One `[[topics]]` entry.
pub type TopicConfig = Term;

/// The host of the example `base_url` (W011 while it is still there).
pub const EXAMPLE_HOST: &str = "example.org";

/// The configuration file's name, relative to the site root.
pub const CONFIG_FILE: &str = "site.toml";

/// The whole of `site.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's title, shown in every page's header and `<title>`.
    pub title: String,
    /// The public address of the site, e.g. `https://example.org/arkiv/`;
    /// its path (here `/arkiv/`) prefixes every internal link.
    pub base_url: Spanned<String>,
    /// The language of the site's content and interface (`sv`).
    pub language: String,
    /// The theme to use: `default` (built in) or a folder under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// A short description of the archive, shown on the home page and in
    /// the `<meta name="description">` of pages without their own.
    #[serde(default)]
    pub description: Option<String>,
    /// The themes (topics) reports are grouped by; at least one.
    pub topics: Vocabulary,
    /// The change ideas ("åtgärder") reports may say they tested.
    #[serde(default)]
    pub changes: Vocabulary,
    /// Rules that group indicators for the comparison pages.
    #[serde(default)]
    pub indicator_families: Vec<FamilyConfig>,
    /// Clinics with more than one spelling, or with a known region.
    #[serde(default)]
    pub clinics: Vec<ClinicConfig>,
    /// The privacy guard's settings.
    #[serde(default)]
    pub privacy: PrivacyConfig,
    /// The licence of the open data files under `/data/`.
    #[serde(default = "default_data_license")]
    pub data_license: String,
    /// The accessibility statement (`/tillganglighet/`); Swedish defaults
    /// are used for every part left out.
    #[serde(default)]
    pub accessibility: AccessibilityConfig,
    /// The archive's own contact (`[contact]`): shown on every report page
    /// and, unless `[accessibility]` gives its own, on the statement.
    #[serde(default)]
    pub contact: Option<ContactConfig>,
    /// Old URLs that redirect to pages of the site (`[[redirects]]`).
    #[serde(default)]
    pub redirects: Vec<RedirectConfig>,
    /// Warning rules silenced with a reason (`[[warnings.allow]]`).
    #[serde(default)]
    pub warnings: WarningsConfig,
    /// The kinds of file that may be published (`[attachments] types`).
    #[serde(default)]
    pub attachments: AttachmentsConfig,
    /// Reports that share clinic, year and theme on purpose
    /// (`[[duplicates.allow]]`).
    #[serde(default)]
    pub duplicates: DuplicatesConfig,
    /// The text of `site.toml`, for positions in later diagnostics.
    #[serde(skip)]
    pub source: String,
}

/// One `[[redirects]]` entry: an old URL and where it now goes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedirectConfig {
    /// The old path, from the site's root: `/Länkar till kvalitetsrapporter 2021.html`.
    pub from: Spanned<String>,
    /// A page of the site (`/2021/`) or an absolute http(s) address.
    pub to: Spanned<String>,
}

/// `[privacy]`: the personnummer guard.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivacyConfig {
    /// Numbers that look like personnummer but may be published (e.g. the
    /// Skatteverket test numbers used in examples), written as in the text.
    #[serde(default)]
    pub allow: Vec<String>,
    /// E-mail addresses an attachment may hold: role mailboxes (the APC's
    /// "forbattringsarbeten…"), never a person's address.
    #[serde(default)]
    pub allow_emails: Vec<String>,
}

/// How far the site complies with the accessibility requirements.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Compliance {
    /// Fully compliant.
    Full,
    /// Partially compliant: some content is known not to be accessible.
    #[default]
    Partial,
    /// Not compliant.
    None,
}

/// `[accessibility]`: the parts of the accessibility statement that DIGG
/// requires.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityConfig {
    /// Who publishes the site ("Akademiskt primärvårdscentrum, Region Stockholm").
    pub publisher: Option<String>,
    /// `full`, `partial` (default) or `none`.
    #[serde(default)]
    pub compliance: Compliance,
    /// Content known not to be accessible, one sentence each, with why.
    pub known_issues: Option<Vec<String>>,
    /// How to report a problem: an e-mail address of the publisher.
    pub contact_email: Option<String>,
    /// How to report a problem: a web form or page.
    pub contact_url: Option<String>,
    /// How to report a problem: a phone number.
    pub contact_phone: Option<String>,
    /// When the site was last assessed (`YYYY-MM-DD`).
    pub assessed: Option<String>,
    /// How the assessment was made.
    pub method: Option<String>,
    /// When the statement was last updated (`YYYY-MM-DD`).
    pub updated: Option<String>,
}

/// One `[[clinics]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClinicConfig {
    /// The clinic's canonical name, shown on pages.
    pub name: Spanned<String>,
    /// Other spellings of the clinic's name used in reports.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// The clinic's region, used when a report gives none.
    #[serde(default)]
    pub region: Option<String>,
    /// The clinic's own web page (absolute http(s)), shown under "Kontakt".
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    /// The clinic's phone number as written, shown under "Kontakt".
    #[serde(default)]
    pub phone: Option<String>,
}

fn default_data_license() -> String {
    "CC0 1.0".to_string()
}

fn default_theme() -> String {
    "default".to_string()
}

/// Case- and space-insensitive key for matching names and aliases.
pub fn match_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Config {
    /// Reads and validates `<root>/site.toml`.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            vec![Diagnostic::file_error(
                Code::Config,
                CONFIG_FILE,
                format!("cannot read the configuration: {e}"),
            )]
        })?;
        Self::parse(&text)
    }

    /// Parses and validates the text of a `site.toml`.
    pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let message = e.message().trim().to_string();
            vec![match e.span() {
                Some(s) => {
                    let (line, col) = line_col(text, s.start);
                    Diagnostic::error(Code::Config, CONFIG_FILE, line, col, message)
                }
                None => Diagnostic::file_error(Code::Config, CONFIG_FILE, message),
            }]
        })?;
        config.source = text.to_string();
        let errors = config.validate(text);
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(errors)
        }
    }

    fn validate(&self, text: &str) -> Vec<Diagnostic> {
        let mut errors = self.warnings.validate(text, CONFIG_FILE);
        errors.extend(self.attachments.validate(text, CONFIG_FILE));
        errors.extend(self.duplicates.validate(text, CONFIG_FILE));
        if self.topics.is_empty() {
            // `topics = []`: the list has no position of its own to show.
            // (A problem of the whole file comes first, as when sorted.)
            errors.push(Diagnostic::file_error(
                Code::Config,
                CONFIG_FILE,
                "site.toml needs at least one [[topics]] entry",
            ));
        }
        let mut err = |span: std::ops::Range<usize>, msg: String| {
            let (line, col) = line_col(text, span.start);
            errors.push(Diagnostic::error(Code::Config, CONFIG_FILE, line, col, msg));
        };
        let url = self.base_url.get_ref();
        if !(url.starts_with("https://") || url.starts_with("http://"))
            || url.contains(char::is_whitespace)
        {
            err(
                self.base_url.span(),
                format!("base_url must be an absolute http(s) address, not \"{url}\""),
            );
        }
        self.topics.validate("topic", &mut err);
        self.changes.validate("change", &mut err);
        families::validate(&self.indicator_families, &mut err);
        let mut clinic_seen: HashMap<String, &str> = HashMap::new();
        for c in &self.clinics {
            let name = c.name.get_ref();
            for key in std::iter::once(&c.name).chain(&c.aliases) {
                if let Some(other) = clinic_seen
                    .insert(match_key(key.get_ref()), name)
                    .filter(|o| *o != name)
                {
                    err(
                        key.span(),
                        format!(
                            "\"{}\" names both clinic \"{other}\" and clinic \"{name}\"",
                            key.get_ref()
                        ),
                    );
                }
            }
        }
        contact::validate(self, text, &mut errors);
        errors
    }

    /// Resolves a topic slug or alias (compared by [`match_key`]) to its
    /// index in `topics`.
    pub fn topic(&self, name: &str) -> Option<usize> {
        self.topics.find(name)
    }

    /// The slug of the topic whose slug or alias is closest to an unknown
    /// name, if any is close enough to be the one meant.
    pub fn suggest_topic(&self, name: &str) -> Option<&str> {
        self.topics.suggest(name)
    }

    /// Resolves a change idea's slug or alias to its index in `changes`.
    pub fn change(&self, name: &str) -> Option<usize> {
        self.changes.find(name)
    }

    /// Warnings about the configuration: a `base_url` still on the example
    /// address (`https://example.org`, as `arkiv init` and the docs write
    /// it), whose links in the feeds, the sitemap and the open data would
    /// lead nowhere.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        let url = self.base_url.get_ref();
        let host = url
            .split_once("://")
            .map_or("", |(_, rest)| rest)
            .split(['/', ':', '?', '#'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let mut out = Vec::new();
        if host == EXAMPLE_HOST {
            let (line, col) = self.position(self.base_url.span().start);
            out.push(Diagnostic::warning(
                Code::ExampleBaseUrl,
                CONFIG_FILE,
                line,
                col,
                format!(
                    "base_url is still the example address \"{url}\": set the archive's real address before publishing"
                ),
            ));
        }
        if self
            .accessibility
            .publisher
            .as_deref()
            .is_none_or(|p| p.trim().is_empty())
        {
            out.push(Diagnostic::warning(
                Code::NoPublisher,
                CONFIG_FILE,
                1,
                1,
                "the accessibility statement names no publisher: set [accessibility] publisher (the organisation that publishes the archive) before publishing",
            ));
        }
        out
    }

    /// Line and column of a byte offset in `site.toml`.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        line_col(&self.source, offset)
    }

    /// The path part of `base_url`, always starting and ending with `/`.
    pub fn base_path(&self) -> String {
        let url = self.base_url.get_ref();
        let after_scheme = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
        let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
        let path = path.split(['?', '#']).next().unwrap_or("/");
        let trimmed = path.trim_matches('/');
        if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        }
    }

    /// `base_url` without a trailing slash, for absolute links.
    pub fn origin_and_path(&self) -> String {
        self.base_url.get_ref().trim_end_matches('/').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: &str = "title = \"T\"\nbase_url = \"https://x.github.io/arkiv/\"\nlanguage = \"sv\"\n[[topics]]\nslug = \"sip\"\nname = \"SIP\"\n";

    #[test]
    fn parses_minimal_and_base_path() {
        let c = Config::parse(MIN).unwrap();
        assert_eq!(c.base_path(), "/arkiv/");
        assert_eq!(c.theme, "default");
        let c = Config::parse(&MIN.replace("x.github.io/arkiv/", "example.org")).unwrap();
        assert_eq!(c.base_path(), "/");
    }

    #[test]
    fn unknown_key_has_position() {
        let e = Config::parse(&format!("{MIN}colour = \"red\"\n")).unwrap_err();
        assert_eq!(e.len(), 1);
        assert!(
            e[0].message.contains("unknown field `colour`"),
            "{}",
            e[0].message
        );
        assert_eq!(e[0].pos.map(|p| p.0), Some(7));
    }

    #[test]
    fn bad_slug_and_duplicate_alias() {
        let t = format!(
            "{MIN}[[topics]]\nslug = \"Psykisk ohälsa\"\nname = \"P\"\naliases = [\"SIP\"]\n"
        );
        let e = Config::parse(&t).unwrap_err();
        assert!(
            e[0].message.contains("did you mean \"psykisk-ohalsa\""),
            "{:?}",
            e
        );
        assert!(e[1].message.contains("names both topic \"sip\""), "{:?}", e);
        assert_eq!(e[1].pos, Some((10, 12)));
    }

    #[test]
    fn topics_by_slug_or_alias() {
        let c = Config::parse(&format!(
            "{MIN}aliases = [\"Samordnad individuell plan\"]\n[[topics]]\nslug = \"psykisk-ohalsa\"\nname = \"P\"\n"
        ))
        .unwrap();
        assert_eq!(c.topic("sip"), Some(0));
        assert_eq!(c.topic(" samordnad  INDIVIDUELL plan"), Some(0));
        assert_eq!(c.topic("psykisk-ohalsa"), Some(1));
        assert_eq!(c.topic("psykisk-ohälsa"), None);
        assert_eq!(c.suggest_topic("psykisk-ohälsa"), Some("psykisk-ohalsa"));
        assert_eq!(c.suggest_topic("samordnad individuel plan"), Some("sip"));
        assert_eq!(c.suggest_topic("xyz"), None);
    }

    #[test]
    fn empty_topic_list_is_a_problem_of_the_file() {
        let e = Config::parse(&MIN.replace(
            "[[topics]]\nslug = \"sip\"\nname = \"SIP\"\n",
            "topics = []\n",
        ))
        .unwrap_err();
        assert_eq!(
            e[0].to_string(),
            "site.toml: site.toml needs at least one [[topics]] entry [E019]"
        );
    }
}

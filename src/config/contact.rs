//! Who to ask: the archive's own contact (`[contact]`) and a clinic's web
//! page and phone (`url`, `phone` on `[[clinics]]`).
//!
//! ```toml
//! [contact]
//! email = "forbattringsarbeten.apc.slso@regionstockholm.se"
//! form = "https://example.org/kontakt"
//!
//! [[clinics]]
//! name = "Brommaplans vårdcentral"
//! url = "https://www.example.org/brommaplan"
//! phone = "08-123 456 78"
//! ```
//!
//! The archive's e-mail address is the one address the site publishes: a
//! role mailbox set by the editors. Addresses found in reports are still
//! removed (`content::redact`); that applies to report content only.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use super::{match_key, ClinicConfig, Config};
use crate::diag::{line_col, Code, Diagnostic};

/// `[contact]`: how to reach the archive's editors.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactConfig {
    /// A role mailbox of the archive, e.g. `forbattringsarbeten@region.se`.
    #[serde(default)]
    pub email: Option<Spanned<String>>,
    /// A contact form or page: an absolute http(s) address.
    #[serde(default)]
    pub form: Option<Spanned<String>>,
}

impl ContactConfig {
    /// The e-mail address, trimmed.
    pub fn email(&self) -> Option<&str> {
        self.email.as_ref().map(|e| e.get_ref().trim())
    }

    /// The form's address, trimmed.
    pub fn form(&self) -> Option<&str> {
        self.form.as_ref().map(|f| f.get_ref().trim())
    }
}

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
        .expect("valid regex")
});

/// Whether `s` looks like an e-mail address (`name@domain.se`).
pub fn is_email(s: &str) -> bool {
    EMAIL.is_match(s)
}

/// Whether `s` is an absolute http(s) address with a host.
pub fn is_http_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        !r.is_empty() && !r.starts_with(['/', '?', '#']) && !s.contains(char::is_whitespace)
    })
}

/// Errors in `[contact]` and in the clinics' `url`, each at its value.
pub(super) fn validate(config: &Config, text: &str, errors: &mut Vec<Diagnostic>) {
    let mut err = |span: std::ops::Range<usize>, msg: String| {
        let (line, col) = line_col(text, span.start);
        errors.push(Diagnostic::error(
            Code::Config,
            super::CONFIG_FILE,
            line,
            col,
            msg,
        ));
    };
    if let Some(c) = &config.contact {
        if let Some(e) = &c.email {
            let v = e.get_ref().trim();
            if !is_email(v) {
                let hint = if v.starts_with("mailto:") {
                    " (write the address without \"mailto:\")"
                } else {
                    ""
                };
                err(
                    e.span(),
                    format!(
                        "[contact] email must be an e-mail address such as \"namn@region.se\", not \"{v}\"{hint}"
                    ),
                );
            }
        }
        if let Some(f) = &c.form {
            let v = f.get_ref().trim();
            if !is_http_url(v) {
                err(
                    f.span(),
                    format!("[contact] form must be an absolute http(s) address, not \"{v}\""),
                );
            }
        }
    }
    for c in &config.clinics {
        if let Some(u) = &c.url {
            let v = u.get_ref().trim();
            if !is_http_url(v) {
                err(
                    u.span(),
                    format!(
                        "the url of clinic \"{}\" must be an absolute http(s) address, not \"{v}\"",
                        c.name.get_ref()
                    ),
                );
            }
        }
    }
}

impl Config {
    /// The `[[clinics]]` entry whose name or alias is `name` (compared by
    /// [`match_key`]).
    pub fn clinic(&self, name: &str) -> Option<&ClinicConfig> {
        let key = match_key(name);
        self.clinics.iter().find(|c| {
            std::iter::once(&c.name)
                .chain(&c.aliases)
                .any(|n| match_key(n.get_ref()) == key)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: &str = "title = \"T\"\nbase_url = \"https://example.org/\"\nlanguage = \"sv\"\n[[topics]]\nslug = \"sip\"\nname = \"SIP\"\n";

    #[test]
    fn emails_and_urls() {
        assert!(is_email("forbattringsarbeten.apc.slso@regionstockholm.se"));
        for bad in ["", "a@b", "a b@c.se", "mailto:a@b.se", "@b.se", "a@@b.se"] {
            assert!(!is_email(bad), "{bad}");
        }
        assert!(is_http_url("https://example.org/kontakt?x=1"));
        assert!(is_http_url("http://example.org"));
        for bad in [
            "",
            "example.org",
            "https://",
            "ftp://x.se",
            "https:// x.se",
            "/kontakt",
        ] {
            assert!(!is_http_url(bad), "{bad}");
        }
    }

    #[test]
    fn contact_and_clinic_fields_parse() {
        let c = Config::parse(&format!(
            "{MIN}[contact]\nemail = \"arkiv@example.org\"\nform = \"https://example.org/k\"\n[[clinics]]\nname = \"Boo VC\"\naliases = [\"Boo vårdcentral\"]\nurl = \"https://boo.example.org\"\nphone = \"08-1\"\n"
        ))
        .unwrap();
        let contact = c.contact.as_ref().unwrap();
        assert_eq!(contact.email(), Some("arkiv@example.org"));
        assert_eq!(contact.form(), Some("https://example.org/k"));
        let boo = c.clinic("boo  vårdcentral").unwrap();
        assert_eq!(boo.phone.as_deref(), Some("08-1"));
        assert!(c.clinic("Kry").is_none());
    }

    #[test]
    fn bad_values_are_errors_at_the_value() {
        let e = Config::parse(&format!(
            "{MIN}[contact]\nemail = \"mailto:arkiv@example.org\"\nform = \"www.example.org/k\"\n[[clinics]]\nname = \"Boo\"\nurl = \"boo.se\"\n"
        ))
        .unwrap_err();
        let got: Vec<String> = e.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            [
                "site.toml:8:9: [contact] email must be an e-mail address such as \"namn@region.se\", not \"mailto:arkiv@example.org\" (write the address without \"mailto:\") [E019]",
                "site.toml:9:8: [contact] form must be an absolute http(s) address, not \"www.example.org/k\" [E019]",
                "site.toml:12:7: the url of clinic \"Boo\" must be an absolute http(s) address, not \"boo.se\" [E019]",
            ]
        );
    }
}

//! "Kontakt" on a report page: who to ask about the work (the contact
//! persons, else the team), the clinic's own page and phone from
//! `[[clinics]]`, and the archive's contact from `[contact]`, its e-mail
//! link with the report's title as the subject. Also the statement's
//! contact route: `[accessibility]`'s own fields first, else `[contact]`.

use serde::Serialize;

use crate::config::Config;
use crate::model::SiteModel;

/// One person to ask: a name and, where the report gives one, a role.
#[derive(Serialize)]
pub struct PersonView {
    pub name: String,
    pub role: Option<String>,
}

/// What the "Kontakt" block shows. Every part may be empty except the
/// clinic's name; the template says so in words when no person is named.
#[derive(Serialize)]
pub struct ContactView {
    /// The contact persons, or the whole team when none is marked.
    pub people: Vec<PersonView>,
    /// Whether `people` are marked contact persons (else the team).
    pub marked: bool,
    /// The clinic's canonical name.
    pub clinic: String,
    /// The clinic's own web page (`[[clinics]] url`).
    pub clinic_url: Option<String>,
    /// The clinic's phone as written, and as a `tel:` link.
    pub clinic_phone: Option<String>,
    pub clinic_phone_href: Option<String>,
    /// The archive's e-mail address (`[contact] email`), shown as written.
    pub email: Option<String>,
    /// `mailto:` with the report's title as the subject (percent-encoded).
    pub mailto: Option<String>,
    /// The archive's contact form (`[contact] form`).
    pub form: Option<String>,
}

/// The "Kontakt" block of report `i`.
pub fn contact_view(config: &Config, model: &SiteModel, i: usize) -> ContactView {
    let r = &model.reports[i];
    let clinic = &model.clinics[model.report_clinic[i]].name;
    let marked = r.team.iter().any(|m| m.contact);
    let people = r
        .team
        .iter()
        .filter(|m| m.contact || !marked)
        .map(|m| PersonView {
            name: m.name.clone(),
            role: m.role.as_deref().map(crate::text::lower_first),
        })
        .collect();
    let cfg = config.clinic(clinic).or_else(|| config.clinic(&r.clinic));
    let phone = cfg.and_then(|c| c.phone.as_deref()).map(str::trim);
    let phone = phone.filter(|p| !p.is_empty()).map(str::to_string);
    let email = config.contact.as_ref().and_then(|c| c.email());
    ContactView {
        people,
        marked,
        clinic: clinic.clone(),
        clinic_url: cfg
            .and_then(|c| c.url.as_ref())
            .map(|u| u.get_ref().trim().to_string()),
        clinic_phone_href: phone.as_deref().map(tel_href),
        clinic_phone: phone,
        email: email.map(str::to_string),
        mailto: email.map(|e| format!("mailto:{e}?subject={}", percent_encode(&r.title))),
        form: config
            .contact
            .as_ref()
            .and_then(|c| c.form())
            .map(str::to_string),
    }
}

/// The statement's e-mail: `[accessibility] contact_email`, else `[contact] email`.
pub fn statement_email(config: &Config) -> Option<String> {
    let own = config.accessibility.contact_email.clone();
    own.or_else(|| config.contact.as_ref()?.email().map(str::to_string))
}

/// The statement's form: `[accessibility] contact_url`, else `[contact] form`.
pub fn statement_url(config: &Config) -> Option<String> {
    let own = config.accessibility.contact_url.clone();
    own.or_else(|| config.contact.as_ref()?.form().map(str::to_string))
}

/// `tel:` and the number's digits (a leading `+` kept): `08-123 456 78`
/// becomes `tel:0812345678`.
fn tel_href(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .enumerate()
        .filter(|&(k, c)| c.is_ascii_digit() || (k == 0 && c == '+'))
        .map(|(_, c)| c)
        .collect();
    format!("tel:{digits}")
}

/// Percent-encodes everything but RFC 3986's unreserved characters, as a
/// `mailto:` header value needs (UTF-8 bytes, so "å" is `%C3%A5`).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_and_phone_links() {
        assert_eq!(
            percent_encode("Fler SIP & möten?"),
            "Fler%20SIP%20%26%20m%C3%B6ten%3F"
        );
        assert_eq!(tel_href("08-123 456 78"), "tel:0812345678");
        assert_eq!(tel_href("+46 8 123 45"), "tel:+46812345");
    }
}

//! E-mail addresses in text: found for the report's warning (W001) and
//! its redaction, for the attachment guard (an error, E030, unless
//! `[privacy] allow_emails` lists the address, as for a role mailbox), and
//! for the importer, which never writes one into a draft.
//!
//! A message never shows a whole address: [`masked`] keeps the first
//! letter of each side ("n…(at)h…"), which is no longer an address, nor
//! has an `@` (a draft never holds one).

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

/// An e-mail address: local part, `@`, a domain with a top-level part of at
/// least two letters.
pub static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}")
        .expect("valid regex")
});

/// One address in a text, by byte offsets.
#[derive(Clone, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    /// The address in lower case, for the allow list. Never printed.
    address: String,
}

impl Found {
    /// "n…(at)h…": enough for an editor to find it, not the address.
    pub fn masked(&self) -> String {
        masked(&self.address)
    }
}

/// Shows only the masked form.
impl std::fmt::Debug for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Found({}..{}, {})", self.start, self.end, self.masked())
    }
}

/// Every e-mail address in `text`, in order.
pub fn find(text: &str) -> Vec<Found> {
    if !text.contains('@') {
        return Vec::new();
    }
    let mut out: Vec<Found> = EMAIL
        .find_iter(text)
        .map(|m| Found {
            start: m.start(),
            end: m.end(),
            address: m.as_str().to_lowercase(),
        })
        .collect();
    // An address cut at a line's end in a PDF ("anna.ek@regionstock") is
    // still a person's: found as the word it is.
    for m in AT_WORD.find_iter(text) {
        if !out.iter().any(|f| f.start < m.end() && m.start() < f.end) {
            out.push(Found {
                start: m.start(),
                end: m.end(),
                address: m.as_str().to_lowercase(),
            });
        }
    }
    out.sort_by_key(|f| f.start);
    out
}

/// "n…(at)h…" for "niklas.heijne@hlmtegner.nu".
pub fn masked(address: &str) -> String {
    let (local, domain) = address.split_once('@').unwrap_or((address, ""));
    let first = |s: &str| s.chars().next().map(String::from).unwrap_or_default();
    format!("{}…(at){}…", first(local), first(domain))
}

/// `text` with every address replaced by `with`.
pub fn replace_all(text: &str, with: &str) -> String {
    if text.contains('@') {
        EMAIL.replace_all(text, with).into_owned()
    } else {
        text.to_string()
    }
}

/// Words with an `@` inside (an address cut off at a line's end in a PDF,
/// "anna.ek@regionstock"), for the importer, which writes none of them.
static AT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[^\s<>()\[\]\x22']*\w@\w[^\s<>()\[\]\x22']*").expect("valid regex")
});

/// `text` with every address, and every word that has an `@` between
/// letters, replaced by `with`.
pub fn replace_all_loose(text: &str, with: &str) -> String {
    if text.contains('@') {
        AT_WORD
            .replace_all(&replace_all(text, with), with)
            .into_owned()
    } else {
        text.to_string()
    }
}

/// The addresses `[privacy] allow_emails` lets an attachment hold (role
/// mailboxes such as the APC's), compared in lower case.
#[derive(Debug, Default, Clone)]
pub struct AllowEmails {
    addresses: HashSet<String>,
}

impl AllowEmails {
    pub fn new<S: AsRef<str>>(entries: &[S]) -> AllowEmails {
        AllowEmails {
            addresses: entries
                .iter()
                .map(|e| e.as_ref().trim().to_lowercase())
                .collect(),
        }
    }

    pub fn allows(&self, found: &Found) -> bool {
        self.addresses.contains(&found.address)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn found_masked_and_allowed() {
        let text = "Skicka till Forbattringsarbeten.APC@regionstockholm.se eller niklas.heijne@hlmtegner.nu.";
        let f = find(text);
        assert_eq!(f.len(), 2);
        assert_eq!(find("till anna.ek@regionstock\nholm.se").len(), 1);
        assert_eq!(&text[f[1].start..f[1].end], "niklas.heijne@hlmtegner.nu");
        assert_eq!(f[1].masked(), "n…(at)h…");
        assert!(find(&f[1].masked()).is_empty(), "a masked address is none");
        assert!(!format!("{:?}", f[1]).contains("heijne"));
        let allow = AllowEmails::new(&["forbattringsarbeten.apc@regionstockholm.se"]);
        assert!(allow.allows(&f[0]) && !allow.allows(&f[1]));
        assert_eq!(replace_all("a b@c.se", "X"), "a X");
        assert_eq!(
            replace_all_loose("till anna.ek@regionstock och (x@y)", "X"),
            "till X och (X)"
        );
    }
}

//! One key per clinic, whatever spelling a report uses: the `[[clinics]]`
//! name for any of its names and aliases, else the name as written, both
//! compared by [`match_key`]. The model groups a clinic's reports by it,
//! the duplicate rule compares reports by it, and `arkiv import` finds the
//! entry a new original updates by it.

use std::collections::HashMap;

use super::{match_key, Config};

/// Every spelling of every `[[clinics]]` entry, by its match key.
pub struct ClinicKeys<'c> {
    config: &'c Config,
    known: HashMap<String, usize>,
}

impl<'c> ClinicKeys<'c> {
    pub fn new(config: &'c Config) -> Self {
        let mut known = HashMap::new();
        for (i, c) in config.clinics.iter().enumerate() {
            for n in std::iter::once(&c.name).chain(&c.aliases) {
                known.insert(match_key(n.get_ref()), i);
            }
        }
        ClinicKeys { config, known }
    }

    /// The `[[clinics]]` entry a name is one of the spellings of.
    pub fn entry(&self, name: &str) -> Option<usize> {
        self.known.get(&match_key(name)).copied()
    }

    /// The key of the clinic a report names.
    pub fn key(&self, name: &str) -> String {
        match self.entry(name) {
            Some(i) => match_key(self.config.clinics[i].name.get_ref()),
            None => match_key(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_share_the_key_of_their_clinic() {
        let config = Config::parse("title = \"T\"\nbase_url = \"https://x.se/\"\nlanguage = \"sv\"\n[[topics]]\nslug = \"sip\"\nname = \"SIP\"\n[[clinics]]\nname = \"Brommaplans vårdcentral\"\naliases = [\"Brommaplans VC\"]\n").unwrap();
        let keys = ClinicKeys::new(&config);
        assert_eq!(keys.key("brommaplans  vc"), "brommaplans vårdcentral");
        assert_eq!(
            keys.key("Brommaplans vårdcentral"),
            "brommaplans vårdcentral"
        );
        assert_eq!(keys.key("Kry"), "kry");
        assert_eq!(keys.entry("Brommaplans VC"), Some(0));
    }
}

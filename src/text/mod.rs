//! Small text helpers used across modules: slugs, HTML escaping,
//! capitalising, the shared stop words, suggestions, truncation; Swedish
//! numbers, dates and sizes in [`format`]; decoding bytes and percent-escapes
//! in [`encoding`]; text held compressed in [`Packed`].

mod encoding;
mod format;
mod packed;
mod period;
pub mod words;

pub use encoding::*;
pub use format::*;
pub use packed::Packed;
pub use period::{read_period, short_swedish, show_period, Period};

/// A label inside a sentence: "Regionssnitt" → "regionssnitt", a job
/// title on a page "Sjuksköterska" → "sjuksköterska"; an acronym
/// ("SKR-snitt", "KVÅ-ansvarig" keeps "KVÅ") or a name after the first
/// word keeps its capitals.
pub fn lower_first(label: &str) -> String {
    let first = label.split_whitespace().next().unwrap_or("");
    let letters: Vec<char> = first
        .chars()
        .filter(|c| c.is_alphabetic())
        .take(2)
        .collect();
    if letters.len() == 2 && letters.iter().all(|c| c.is_uppercase()) {
        return label.to_string();
    }
    let mut chars = label.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `a-z`, `0-9` and single inner `-`, as URLs of reports and topics need.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// A YAML double-quoted string (control characters become spaces).
pub fn yaml_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Escapes text for HTML, SVG and XML content and attribute values (pages,
/// charts, feeds, redirect pages and serve's error pages all share it).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The first letter in upper case, the rest as written ("utgångsläge 3" →
/// "Utgångsläge 3").
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Swedish function words that both the search index and the related
/// reports leave out, sorted by bytes (for [`is_stop_word`]).
///
/// Each use adds its own words beside this list, and a word is in exactly
/// one place: the search index adds the rest of Snowball's Swedish stop
/// list (`search::swedish`), the related reports add words that are common
/// in improvement reports but say nothing about their subject (`related`).
/// This list is what the two have in common, not a list of its own.
pub const STOP_WORDS: &[&str] = &[
    "alla", "att", "av", "blev", "blir", "de", "dem", "den", "denna", "dessa", "det", "detta",
    "där", "efter", "eller", "en", "ett", "från", "för", "hade", "har", "hur", "inom", "inte",
    "kan", "man", "med", "men", "mot", "mycket", "när", "något", "några", "och", "om", "på", "sig",
    "sin", "sina", "skulle", "som", "till", "under", "utan", "vad", "var", "vara", "varit", "vid",
    "vår", "våra", "vårt", "över",
];

/// Whether a lower-case word is one of the shared [`STOP_WORDS`].
pub fn is_stop_word(lower: &str) -> bool {
    STOP_WORDS.binary_search(&lower).is_ok()
}

/// A URL slug; Swedish letters are transliterated ("Psykisk ohälsa" →
/// `psykisk-ohalsa`).
pub fn slugify(s: &str) -> String {
    slug::slugify(s)
}

/// The candidate closest to `word`, if one is close enough to suggest
/// ("did you mean …?"), compared without regard to case.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    closest_by(
        &word.to_lowercase(),
        candidates.into_iter().map(|c| (c.to_lowercase(), c)),
    )
}

/// The value whose key is closest to `word` (keys compared as given, so the
/// caller normalises both): normalised Damerau–Levenshtein of at least 0.6;
/// of equally close ones, the first (so "W04" suggests W004, not W024).
pub fn closest_by<T>(word: &str, candidates: impl IntoIterator<Item = (String, T)>) -> Option<T> {
    candidates
        .into_iter()
        .map(|(key, v)| (strsim::normalized_damerau_levenshtein(word, &key), v))
        .filter(|(score, _)| *score >= 0.6)
        .reduce(|best, c| if c.0 > best.0 { c } else { best })
        .map(|(_, v)| v)
}

/// Cuts a text at a word boundary, adding "…" when it was cut.
pub fn truncate_words(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    let cut: String = s.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

/// `1 varning`, `3 varningar`: a count with the word in the number it
/// needs (Swedish and English alike pick by "one or not"), the number in
/// Swedish form (`1 000`, `12 345`).
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", format_count(n), pick(n, one, many))
}

/// The word for `n` things without the number: "Tema" or "Teman".
pub fn pick<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Psykisk ohälsa"), "psykisk-ohalsa");
        assert_eq!(slugify("Brommaplans VC"), "brommaplans-vc");
        assert_eq!(slugify("Öxnehaga Ålsta Ä"), "oxnehaga-alsta-a");
        assert!(is_slug("kry-vallentuna-sip"));
        assert!(!is_slug("Kry_Vallentuna"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug(""));
    }
    #[test]
    fn escaping_and_capitals() {
        // Job titles on pages in lower case, acronyms kept.
        assert_eq!(
            lower_first("Sjuksköterska, verksamhetschef"),
            "sjuksköterska, verksamhetschef"
        );
        assert_eq!(lower_first("KVÅ-ansvarig"), "KVÅ-ansvarig");
        assert_eq!(lower_first("Regionssnitt"), "regionssnitt");
        assert_eq!(words::quoted("4 \"möten\" per år"), "”4 ’möten’ per år”");
        assert_eq!(
            escape_html(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
        assert_eq!(capitalise("öka 10 %"), "Öka 10 %");
        assert_eq!(capitalise(""), "");
    }
    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stop_word("och") && is_stop_word("över") && !is_stop_word("plan"));
    }

    #[test]
    fn counts() {
        assert_eq!(count(1, "fel", "fel"), "1 fel");
        assert_eq!(count(0, "varning", "varningar"), "0 varningar");
        assert_eq!(count(2, "varning", "varningar"), "2 varningar");
        assert_eq!(count(12345, "punkt", "punkter"), "12\u{a0}345 punkter");
        assert_eq!(count(1000, "rapport", "rapporter"), "1\u{a0}000 rapporter");
        assert_eq!(count(999, "rapport", "rapporter"), "999 rapporter");
    }

    #[test]
    fn truncates_at_words() {
        assert_eq!(truncate_words("ett två tre", 100), "ett två tre");
        assert_eq!(truncate_words("ett två tre fyra", 9), "ett två…");
    }
}

//! Families, compounds and their parts, words that must stay apart,
//! folding.

use super::*;
use std::sync::OnceLock;

fn sv() -> &'static Expander {
    static SV: OnceLock<Expander> = OnceLock::new();
    SV.get_or_init(Expander::swedish)
}

/// How a query word, stemmed, prefix-matches `word` or one of its
/// extra forms: `Some(Family)` for the word or a form of its family.
fn meets(query: &str, word: &str) -> Option<Kind> {
    let sv = sv();
    let q = sv.stem(query).into_owned();
    std::iter::once((word.to_string(), Kind::Family))
        .chain(sv.expand(word))
        .filter(|(w, _)| sv.stem(w).starts_with(&q))
        .map(|(_, k)| k)
        .min()
}

fn finds(query: &str, word: &str) -> bool {
    meets(query, word).is_some()
}

#[test]
fn inflection_families_meet() {
    for (query, word) in [
        ("sjukskrivningar", "sjukskrivna"),
        ("sjukskrivning", "sjukskriven"),
        ("sjukskriven", "sjukskrivningarna"),
        ("planering", "planerade"),
        ("skrev", "skrivningen"),
    ] {
        assert!(finds(query, word), "{query} should find {word}");
    }
}

#[test]
fn compounds_show_their_parts() {
    for (query, word) in [
        ("sjukskrivningar", "långtidssjukskrivna"),
        ("sjukskrivningar", "deltidssjukskrivningar"),
        ("sjukskrivning", "sjukskrivningsprocessen"),
        ("processer", "sjukskrivningsprocessen"),
        ("koordinator", "rehabiliteringskoordinator"),
        ("rehabilitering", "rehabiliteringskoordinator"),
        ("ångest", "ångesttillstånd"),
    ] {
        assert!(finds(query, word), "{query} should find {word}");
    }
}

#[test]
fn unrelated_words_stay_apart() {
    for (query, word) in [
        ("varning", "vara"),
        ("varning", "var"),
        ("sjukskrivning", "sjukhus"),
        ("planering", "planet"),
        ("kontinuitet", "kontakt"),
    ] {
        assert!(!finds(query, word), "{query} should not find {word}");
    }
}

#[test]
fn stop_words_are_sorted_for_binary_search() {
    assert!(SNOWBALL_REST.windows(2).all(|w| w[0] < w[1]));
    assert!(SNOWBALL_REST.iter().all(|w| !text::is_stop_word(w)));
    assert_eq!(SNOWBALL_REST.len() + text::STOP_WORDS.len(), 114);
    assert!(is_stop_word("och") && is_stop_word("på") && !is_stop_word("plan"));
}

#[test]
fn the_last_part_of_a_compound_is_a_part() {
    for (query, word) in [
        ("terapeuten", "arbetsterapeut"),
        // Listed whole, with a first part that is no entry.
        ("terapeuter", "fysioterapeut"),
        ("terapeut", "psykoterapeut"),
        ("koordinatorn", "rehabkoordinator"),
        ("planen", "vårdplan"),
        // Not in the dictionary at all.
        ("sköterskan", "distriktsköterska"),
        ("stöd", "beslutstödet"),
    ] {
        assert_eq!(meets(query, word), Some(Kind::Part), "{query} in {word}");
    }
    // The compound's own forms are its family.
    assert_eq!(
        meets("arbetsterapeuter", "arbetsterapeut"),
        Some(Kind::Family)
    );
    assert_eq!(
        meets("fysioterapeuten", "fysioterapeut"),
        Some(Kind::Family)
    );
}

#[test]
fn listed_words_are_not_split_at_random() {
    for (query, word) in [
        ("olikhet", "sannolikhet"),
        ("renhet", "erfarenhet"),
        ("anställning", "sammanställning"),
        ("rivning", "beskrivning"),
        ("ensam", "gemensam"),
        ("äckligt", "tillräckligt"),
        ("lysen", "analysen"),
    ] {
        assert!(!finds(query, word), "{query} should not find {word}");
    }
}

#[test]
fn folding_and_its_order() {
    assert_eq!(fold("smärtlindring"), "smartlindring");
    assert_eq!(fold("öxnehaga"), "oxnehaga");
    let mut stems = vec!["smärt", "sms", "smart", "smal", "smärtlindr", "smo"];
    stems.sort_by(|a, b| fold_cmp(a, b));
    assert_eq!(
        stems,
        ["smal", "smart", "smärt", "smärtlindr", "smo", "sms"]
    );
}

#[test]
fn short_words_and_numbers_add_nothing() {
    assert!(sv().expand("var").is_empty());
    assert!(sv().expand("prea60").is_empty());
}

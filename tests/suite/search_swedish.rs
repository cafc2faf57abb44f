//! Search as Swedes type (issue 26), on the written index searched with
//! `search::query`: å, ä and ö typed as a and o (the real archive's queries,
//! and clinics under Å, Ä and Ö in a generated archive), the word as
//! written ranked before a folded match, and the last part of compounds
//! (the real archive's team roles, and some 400 generated compounds of
//! professions, plans and coordinators) found after the whole words.

use std::collections::BTreeSet;

use arkiv::search::query::Index;
use pagefind_stem::{Algorithm, Stemmer};

use crate::common::*;
use crate::search::index_of;

fn search(index: &Index, query: &str) -> Vec<String> {
    let stemmer = Stemmer::create(Algorithm::Swedish);
    index
        .search(|w| stemmer.stem(w).into_owned(), query)
        .into_iter()
        .map(|d| index.url(d).to_string())
        .collect()
}

/// The docs whose text contains `needle` (lower case).
fn containing(index: &Index, needle: &str) -> BTreeSet<String> {
    (0..index.text.len())
        .filter(|&d| index.text[d].to_lowercase().contains(needle))
        .map(|d| index.url(d as u32).to_string())
        .collect()
}

const BROMMA: &str = "/2025/brommaplans-vc-stress-smarta/";
const NYHALSAN: &str = "/2024/nyhalsan-psykisk-ohalsa/";
const BRA_LIV: &str = "/2024/bra-liv-oxnehaga-prea60/";

#[test]
fn the_real_archive_answers_queries_typed_without_a_and_o_dots() {
    let index = index_of(&repo());
    // "smarta": "smärta" (Brommaplan's theme and text), never "spara".
    let smarta = search(&index, "smarta");
    assert!(smarta.contains(&BROMMA.to_string()), "{smarta:?}");
    let smarta: BTreeSet<String> = smarta.into_iter().collect();
    assert_eq!(smarta, containing(&index, "smärt"), "smarta");
    assert!(
        !smarta.is_empty()
            && search(&index, "spara")
                .iter()
                .all(|u| smarta.contains(u) || !containing(&index, "smärt").contains(u))
    );
    // "nyhals": the clinic Nyhälsan, first.
    assert_eq!(
        search(&index, "nyhals").first().map(String::as_str),
        Some(NYHALSAN)
    );
    // "lakemedel": every report with "läkemedel", as "läkemedel" does.
    let lakemedel: BTreeSet<String> = search(&index, "lakemedel").into_iter().collect();
    let exact: BTreeSet<String> = search(&index, "läkemedel").into_iter().collect();
    assert!(
        !exact.is_empty() && lakemedel == exact,
        "{lakemedel:?} vs {exact:?}"
    );
    // A phrase with a folded word.
    let phrase: BTreeSet<String> = search(&index, "\"psykisk ohalsa\"").into_iter().collect();
    let written: BTreeSet<String> = search(&index, "\"psykisk ohälsa\"").into_iter().collect();
    assert!(
        phrase.contains(NYHALSAN) && phrase == written,
        "{phrase:?} vs {written:?}"
    );
    assert!(search(&index, "\"ohalsa psykisk\"").is_empty());
    // Å, ä and ö typed stand only for themselves.
    assert!(search(&index, "smärta")
        .iter()
        .all(|u| containing(&index, "smärt").contains(u)));
}

#[test]
fn a_team_role_and_the_last_part_of_compounds_are_found_in_the_real_archive() {
    let index = index_of(&repo());
    // Bra Liv's team has an arbetsterapeut (a role, not in its text).
    let found = search(&index, "terapeuten");
    assert!(found.contains(&BRA_LIV.to_string()), "{found:?}");
    assert!(search(&index, "arbetsterapeut").contains(&BRA_LIV.to_string()));
    // Brommaplan's "fysioterapeut", listed whole in the dictionary.
    assert!(search(&index, "terapeuter").contains(&BROMMA.to_string()));
    // "rehabkoordinator" in two reports, "koordinatorn" finds them.
    let rehab: BTreeSet<String> = search(&index, "rehabkoordinator").into_iter().collect();
    let part: BTreeSet<String> = search(&index, "koordinatorn").into_iter().collect();
    assert!(
        rehab.len() >= 2 && rehab.is_subset(&part),
        "{rehab:?} {part:?}"
    );
}

/// Writes a report into a test site, with a clinic of its own (a clinic
/// has one report a year and theme).
fn report(site: &TestSite, n: usize, title: &str, body: &str) {
    site.write(
        &format!("content/2023/r{n:04}.md"),
        &format!(
            "---\ntitle: {title}\nclinic: Mottagning {n}\nyear: 2023\ntopics: [sip]\n---\n{body}\n"
        ),
    );
}

/// First parts of compounds (as they stand in one, linking s included):
/// dictionary modifiers, neoclassical ones the dictionary lists only in
/// whole words (fysio, psyko, ergo), and ones it does not know (rehab- is
/// known; "sip" and "kbt" are not).
const FIRSTS: [&str; 22] = [
    "arbets",
    "fysio",
    "psyko",
    "ergo",
    "samtals",
    "familje",
    "distrikts",
    "sjuk",
    "diabetes",
    "demens",
    "barn",
    "skol",
    "vård",
    "rehab",
    "rehabiliterings",
    "behandlings",
    "handlings",
    "genomförande",
    "aktivitets",
    "patient",
    "team",
    "kris",
];

/// Last parts, each with an inflected form to search for.
const LASTS: [(&str, &str); 18] = [
    ("terapeut", "terapeuten"),
    ("sköterska", "sköterskan"),
    ("koordinator", "koordinatorn"),
    ("plan", "planen"),
    ("samordnare", "samordnaren"),
    ("psykolog", "psykologer"),
    ("läkare", "läkaren"),
    ("kurator", "kuratorn"),
    ("dietist", "dietisten"),
    ("gymnast", "gymnasten"),
    ("sekreterare", "sekreteraren"),
    ("mottagning", "mottagningen"),
    ("grupp", "gruppen"),
    ("möte", "mötet"),
    ("insats", "insatsen"),
    ("samtal", "samtalet"),
    ("utbildning", "utbildningar"),
    ("uppföljning", "uppföljningen"),
];

#[test]
fn hundreds_of_compounds_are_found_by_their_last_part_after_the_whole_word() {
    let site = TestSite::new("minimal");
    let mut compounds = Vec::new();
    let mut n = 0;
    for (last, _) in LASTS {
        // A report with the word itself.
        report(
            &site,
            n,
            "Ett arbete",
            &format!("Vi har en {last} i teamet."),
        );
        n += 1;
        for first in FIRSTS {
            let word = format!("{first}{last}");
            report(
                &site,
                n,
                "Ett arbete",
                &format!("Hos oss finns {word} på torsdagar."),
            );
            compounds.push((word, last, n));
            n += 1;
        }
    }
    assert!(compounds.len() >= 390, "{}", compounds.len());
    let index = index_of(&site.root);
    let url = |n: usize| format!("/2023/r{n:04}/");
    let mut missed = Vec::new();
    for (last, query) in LASTS {
        let found = search(&index, query);
        let whole = url(LASTS.iter().position(|(l, _)| *l == last).unwrap() * (FIRSTS.len() + 1));
        assert_eq!(
            found.first(),
            Some(&whole),
            "{query}: the word itself first"
        );
        for (word, _, at) in compounds.iter().filter(|(_, l, _)| *l == last) {
            if !found.contains(&url(*at)) {
                missed.push(word.clone());
            }
        }
    }
    assert!(
        missed.is_empty(),
        "{} of {} compounds not found by their last part: {missed:?}",
        missed.len(),
        compounds.len()
    );
    // And by the whole compound, first.
    for (word, _, at) in compounds.iter().step_by(7) {
        assert_eq!(search(&index, word).first(), Some(&url(*at)), "{word}");
    }
}

#[test]
fn listed_words_do_not_answer_to_a_false_last_part() {
    let site = TestSite::new("minimal");
    let words = [
        "sannolikhet",
        "erfarenhet",
        "sammanställning",
        "beskrivning",
        "gemensam",
        "tillräckligt",
    ];
    for (n, w) in words.iter().enumerate() {
        report(&site, n, "Ett arbete", &format!("Det gäller {w} i vården."));
    }
    let index = index_of(&site.root);
    for q in [
        "olikhet",
        "renhet",
        "anställning",
        "rivning",
        "ensamhet",
        "äckligt",
    ] {
        assert!(search(&index, q).is_empty(), "{q}: {:?}", search(&index, q));
    }
}

#[test]
fn the_word_as_written_ranks_before_a_folded_match() {
    let site = TestSite::new("minimal");
    report(
        &site,
        0,
        "Långvarig smärta",
        "Patienter med smärta i ryggen fick stöd.",
    );
    report(
        &site,
        1,
        "Stöd i vardagen",
        "Smarta telefoner hjälper patienterna.",
    );
    report(&site, 2, "Spara tid", "Vi sparar tid med en ny rutin.");
    let index = index_of(&site.root);
    assert_eq!(search(&index, "smarta"), ["/2023/r0001/", "/2023/r0000/"]);
    assert_eq!(search(&index, "smärta"), ["/2023/r0000/"]);
}

/// A generated archive with clinics under Å, Ä and Ö: their names typed
/// with a and o find their reports, the same as typed with å, ä and ö.
#[test]
fn clinics_under_a_ring_a_dots_and_o_dots_are_found_without_them() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(corpus) = generated_corpus(tmp.path(), 120) else {
        return;
    };
    let clinics = [
        "Åby vårdcentral",
        "Ängby vårdcentral",
        "Öckerö vårdcentral",
        "Årsta hälsocentral",
    ];
    for (i, clinic) in clinics.iter().enumerate() {
        std::fs::write(
            corpus.join(format!("content/2024/bokstav-{i}.md")),
            format!("---\ntitle: Uppföljning av SIP\nclinic: {clinic}\nyear: 2024\ntopics: [sip]\n---\n{clinic} följer upp SIP.\n"),
        )
        .unwrap();
    }
    let index = index_of(&corpus);
    for (i, (written, typed)) in [
        ("Åby", "aby"),
        ("Ängby", "Angby"),
        ("Öckerö", "ockero"),
        ("Årsta hälsocentral", "arsta halsocentral"),
    ]
    .into_iter()
    .enumerate()
    {
        let want = format!("/2024/bokstav-{i}/");
        let exact = search(&index, written);
        let folded = search(&index, typed);
        assert!(exact.contains(&want), "{written}: {exact:?}");
        assert!(folded.contains(&want), "{typed}: {folded:?}");
        assert_eq!(
            exact.iter().collect::<BTreeSet<_>>(),
            folded.iter().collect::<BTreeSet<_>>(),
            "{typed} finds what {written} finds"
        );
    }
}

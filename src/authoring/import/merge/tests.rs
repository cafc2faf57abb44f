//! The merge on small texts: each rule of `super` once.

use super::*;

const BASE: &str = "---\n# TODO: originalet har 1 e-postadress i kontaktrutorna och publiceras därför inte\ntitle: \"Öka antalet SIP\"\nclinic: \"Boo vårdcentral\"\nyear: 2025\ntopics: [sip]\nstatus: plan\ndraft: true\nteam:\n  - { name: \"Ann Ek\", role: \"Sjuksköterska\", contact: true }\nindicators:\n  - name: \"Antal SIP\"\n    unit: count\n    baseline: { value: 3, period: \"2024\" }\n    target: { value: 10, by: \"2025-12-31\" }\n    source: \"Medrave\"\n  - name: \"Antal möten\"\n    unit: count\n    baseline: { value: 0, period: \"2024\" }\n---\n\n## Kartläggning\n\nFå SIP.\n\n## Mål\n\nFler SIP.\n";

/// The editor's version: summary added, a team member added, indicator 2
/// renamed, a comment, the TODO done and `draft` removed, single quotes.
const OURS: &str = "---\ntitle: 'Öka antalet SIP'\nclinic: \"Boo vårdcentral\"\nyear: 2025\ntopics: [sip]\nstatus: plan\nsummary: Vi vill ha fler SIP.\nteam:\n  - { name: \"Ann Ek\", role: \"Sjuksköterska\", contact: true }\n  - { name: \"Bo Ek\", role: \"Läkare\" }\nindicators:\n  # Mäts varje månad.\n  - name: \"Antal SIP\"\n    unit: count\n    baseline: { value: 3, period: \"2024\" }\n    target: { value: 10, by: \"2025-12-31\" }\n    source: \"Medrave\"\n  - name: \"Antal möten med kommunen\"\n    unit: count\n    baseline: { value: 0, period: \"2024\" }\n---\n\n## Kartläggning\n\nFå SIP.\n\n## Mål\n\nFler SIP.\n";

const THEIRS: &str = "---\n# TODO: originalet har 1 e-postadress i kontaktrutorna och publiceras därför inte\n# TODO: kontrollera rapportens bedömning \"delvis\"\ntitle: \"Öka antalet SIP\"\nclinic: \"Boo vårdcentral\"\nyear: 2025\ntopics: [sip]\nstatus: final\ndraft: true\nteam:\n  - { name: \"Ann Ek\", role: \"Sjuksköterska\", contact: true }\n  - { name: \"Cia Ek\", role: \"Kurator\" }\nindicators:\n  - name: \"Antal SIP\"\n    unit: count\n    baseline: { value: 3, period: \"2024\" }\n    target: { value: 10, by: \"2025-12-31\" }\n    result: { value: 12, period: \"2025\" }\n    source: \"Medrave\"\n  - name: \"Antal möten\"\n    unit: count\n    baseline: { value: 0, period: \"2024\" }\n    result: { value: 4, period: \"2025\" }\nassessment: { status: \"delvis\", text: \"Delmålet har delvis uppnåtts.\" }\n---\n\n## Kartläggning\n\nFå SIP.\n\n## Mål\n\nFler SIP.\n\n## Resultat\n\nTolv SIP.\n";

#[test]
fn what_only_one_side_changed_is_taken_and_kept_byte_for_byte() {
    let m = merge(Some(BASE), OURS, THEIRS).unwrap();
    assert_eq!(m.conflicts, 0, "{}", m.text);
    assert_eq!(m.results, 2);
    assert_eq!(m.sections, 1);
    assert_eq!(m.new_todos, ["kontrollera rapportens bedömning \"delvis\""]);
    let want = "---\n# TODO: kontrollera rapportens bedömning \"delvis\"\ntitle: 'Öka antalet SIP'\nclinic: \"Boo vårdcentral\"\nyear: 2025\ntopics: [sip]\nstatus: final\nsummary: Vi vill ha fler SIP.\nteam:\n  - { name: \"Ann Ek\", role: \"Sjuksköterska\", contact: true }\n  - { name: \"Bo Ek\", role: \"Läkare\" }\n  - { name: \"Cia Ek\", role: \"Kurator\" }\nindicators:\n  # Mäts varje månad.\n  - name: \"Antal SIP\"\n    unit: count\n    baseline: { value: 3, period: \"2024\" }\n    target: { value: 10, by: \"2025-12-31\" }\n    result: { value: 12, period: \"2025\" }\n    source: \"Medrave\"\n  - name: \"Antal möten med kommunen\"\n    unit: count\n    baseline: { value: 0, period: \"2024\" }\n    result: { value: 4, period: \"2025\" }\nassessment: { status: \"delvis\", text: \"Delmålet har delvis uppnåtts.\" }\n---\n\n## Kartläggning\n\nFå SIP.\n\n## Mål\n\nFler SIP.\n\n## Resultat\n\nTolv SIP.\n";
    assert_eq!(m.text, want);
}

#[test]
fn nothing_new_keeps_the_entry_as_it_is() {
    let m = merge(Some(BASE), OURS, BASE).unwrap();
    assert_eq!(m.text, OURS);
    assert!(m.taken.is_empty() && m.new_todos.is_empty());
    // And an entry nobody touched takes the new draft whole.
    assert_eq!(merge(Some(BASE), BASE, THEIRS).unwrap().text, THEIRS);
}

#[test]
fn both_changed_is_a_conflict_in_front_matter_and_body() {
    let ours = OURS
        .replace(
            "baseline: { value: 3, period: \"2024\" }",
            "baseline: { value: 4, period: \"2024\" }",
        )
        .replace("Fler SIP.\n", "Fler SIP, minst tio.\n");
    let theirs = THEIRS
        .replace(
            "baseline: { value: 3, period: \"2024\" }",
            "baseline: { value: 5, period: \"2024\" }",
        )
        .replace("Fler SIP.\n", "Fler SIP för äldre --> och yngre.\n");
    let m = merge(Some(BASE), &ours, &theirs).unwrap();
    assert_eq!(m.conflicts, 2, "{}", m.text);
    assert!(m.text.contains("    # TODO: konflikt: du har ändrat baseline för \"Antal SIP\" och det nya originalet också. Raden\n    #   nedan är din; originalets är { period: \"2024\", value: 5 }. Behåll det som stämmer och ta bort kommentaren\n    baseline: { value: 4, period: \"2024\" }\n"), "{}", m.text);
    assert!(m.text.contains("## Mål\n\nFler SIP, minst tio.\n\n<!-- TODO: konflikt i avsnittet \"Mål\": du har ändrat texten och det nya originalet också. Originalets text står nedan; för in det som ska med och ta bort hela kommentaren\nFler SIP för äldre -- > och yngre.\n-->\n\n## Resultat\n"), "{}", m.text);
    let split = crate::content::frontmatter::split(&m.text).unwrap();
    let todos = crate::content::todos::find(split.yaml, 2, split.body, split.body_line);
    assert_eq!(
        todos.iter().filter(|t| t.is_conflict()).count(),
        2,
        "{todos:?}"
    );
    // The merged file still parses.
    assert!(crate::content::yaml::parse(split.yaml, 2).errors.is_empty());
}

#[test]
fn a_link_only_entry_takes_the_report_and_keeps_its_address() {
    let link = "---\ntitle: \"Boo VC SIP\"\nclinic: \"Boo VC\"\nyear: 2025\ntopics: [sip]\nstatus: final\nattachments:\n  - { url: \"https://example.se/boo.pdf\", title: \"Originalrapport (PDF)\" }\naliases: [\"/2025/boo.html\"]\n---\n";
    let theirs = "---\ntitle: \"Öka antalet SIP\"\nclinic: \"Boo vårdcentral\"\nyear: 2025\ntopics: [sip]\nstatus: final\nattachments:\n  - { file: \"boo-vc-sip.docx\", title: \"Originalrapport (Word)\" }\n---\n\n## Mål\n\nFler SIP.\n";
    let m = merge(None, link, theirs).unwrap();
    assert_eq!(m.conflicts, 0, "{}", m.text);
    assert_eq!(m.text, "---\ntitle: \"Öka antalet SIP\"\nclinic: \"Boo vårdcentral\"\nyear: 2025\ntopics: [sip]\nstatus: final\nattachments:\n  - { url: \"https://example.se/boo.pdf\", title: \"Originalrapport (PDF)\" }\n  - { file: \"boo-vc-sip.docx\", title: \"Originalrapport (Word)\" }\naliases: [\"/2025/boo.html\"]\n---\n\n## Mål\n\nFler SIP.\n");
}

#[test]
fn order_puts_new_keys_after_their_neighbour() {
    assert_eq!(
        order(&["a", "b", "c"], &["a", "x", "c", "y"]),
        ["a", "b", "x", "c", "y"]
    );
    assert_eq!(order(&["b"], &["x", "b"]), ["x", "b"]);
}

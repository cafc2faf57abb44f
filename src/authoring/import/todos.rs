//! Every TODO `arkiv import` (and `arkiv import-links`) can write, in one
//! place, so that their wording can be read and kept plain together. Each
//! says in plain Swedish what to do and what is acceptable, fits in two
//! lines (the front matter wraps a long one, see `write::FrontMatter`),
//! and never asks for a figure the report does not give. The test below
//! lists every one with its wording.
//!
//! Proposals start with "kontrollera": the importer read something it is
//! not sure of. Conflicts of an update start with [`CONFLICT`], which
//! `arkiv status` lists as its own kind.

use crate::content::todos::CONFLICT;

/// A quoted name or sentence, shortened so that a TODO stays short.
fn q(s: &str) -> String {
    format!("\"{}\"", crate::text::truncate_words(s.trim(), 45))
}

pub fn year_missing() -> String {
    "årtalet stod inte i rubriken: skriv rätt år under year och flytta filen till mappen för det året".into()
}

/// The topic slugs, for a TODO: as many as fit in 70 characters.
fn slugs(topics: &[String]) -> String {
    let mut s = String::new();
    for (i, t) in topics.iter().enumerate() {
        if s.chars().count() + t.chars().count() > 70 {
            s.push_str(if i > 0 { ", …" } else { "…" });
            break;
        }
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(t);
    }
    s
}

pub fn unknown_theme(theme: &str, topics: &[String]) -> String {
    format!(
        "temat {} finns inte i site.toml: skriv ett av dessa under topics: {}",
        q(theme),
        slugs(topics)
    )
}

pub fn clinic_missing() -> String {
    "mottagningens namn stod inte i rapporten: skriv det under clinic, som mottagningen själv skriver det".into()
}

pub fn no_indicators() -> String {
    "inga indikatorer hittades i tabellerna: skriv in dem under indicators, eller ta bort raden om rapporten saknar dem".into()
}

pub fn target_date(by: &str, indicator: &str) -> String {
    format!(
        "datumet {} för målet i {} gick inte att läsa: skriv det som ÅÅÅÅ-MM-DD under target.by, eller ta bort by",
        q(by),
        q(indicator)
    )
}

/// Change ideas proposed from the text (their sentences are their `text`).
pub fn check_changes(slugs: &[String]) -> String {
    format!(
        "kontrollera åtgärderna under changes ({}), som arkiv hittade i texten: ta bort dem som inte stämmer",
        slugs.join(", ")
    )
}

pub fn check_indicator_verdict(indicator: &str, status: &str, sentence: &str) -> String {
    format!(
        "kontrollera bedömningen \"{status}\" för {} ur meningen {}: ändra eller ta bort assessment om den inte stämmer",
        q(indicator),
        q(sentence)
    )
}

pub fn check_report_verdict(status: &str, sentence: &str) -> String {
    format!(
        "kontrollera rapportens bedömning \"{status}\" ur meningen {}: ändra eller ta bort assessment om den inte stämmer",
        q(sentence)
    )
}

/// A target compared with the regional average: it stays text unless the
/// report gives the average.
pub fn reference_target(indicator: &str) -> String {
    format!(
        "målet för {} jämför med regionsnittet: står snittet i rapporten, skriv det under series som reference; annars får målet stå som text",
        q(indicator)
    )
}

/// A target "better than the baseline" written as `better_than: baseline`
/// (only when the baseline is a number and the words give a direction).
pub fn baseline_target(indicator: &str, direction: &str) -> String {
    format!(
        "kontrollera målet för {}: arkiv läser det som bättre än utgångsläget (direction {direction}). Stämmer det inte, skriv målet som text",
        q(indicator)
    )
}

/// E-mail addresses in the original: where they stood, and that leaving
/// the original unpublished is fine.
pub fn original_emails(found: &str) -> String {
    format!(
        "originalet har {found} och publiceras därför inte, vilket går bra. Vill du publicera det, bifoga en kopia utan adresserna under attachments"
    )
}

pub fn original_personnummer(found: &str) -> String {
    format!(
        "originalet har {found} och publiceras därför inte. Kontrollera att inget av numren finns kvar i texten här"
    )
}

pub fn original_unreadable() -> String {
    "originalets text gick inte att granska, så det publiceras inte. Vill du publicera det, bifoga en kopia du själv granskat".into()
}

/// `import-links`: a link text that names no theme.
pub fn link_without_theme(text: &str, topics: &[String]) -> String {
    format!(
        "inget tema i länktexten {}: skriv ett av dessa under topics: {}",
        q(text),
        slugs(topics)
    )
}

/// `import-links`: a link text that names no clinic.
pub fn link_without_clinic(text: &str) -> String {
    format!(
        "ingen mottagning i länktexten {}: skriv mottagningens namn under clinic",
        q(text)
    )
}

/// A picture a browser shows but that has no text of its own.
pub fn picture_without_alt(n: usize, file: &str) -> String {
    format!("bild {n} ({file}) saknar bildtext: skriv kort vad den visar mellan [ och ] i ![]({file}) i texten")
}

/// A chart object's points, proposed as an indicator's `series`.
pub fn chart_series(title: Option<&str>, points: usize, indicator: &str) -> String {
    let title = title.map(|t| format!("{} ", q(t))).unwrap_or_default();
    format!(
        "kontrollera diagrammet {title}ur Word: dess {points} mätvärden står som series under {}. Stämmer indikatorn och ordningen?",
        q(indicator)
    )
}

/// In the body, where a picture in a format browsers do not show stood.
pub fn picture_format(alt: Option<&str>, file: &str) -> String {
    let alt = alt.map(|l| format!("{} ", q(l))).unwrap_or_default();
    format!(
        "<!-- TODO: bilden {alt}({file}) är i ett format som webbläsare inte visar (EMF/WMF): spara den som PNG\n     (högerklicka på bilden i Word, Spara som bild) och skriv ![bildtext](filnamn.png) här. -->"
    )
}

/// In the body, where a chart stood whose data no indicator took.
pub fn chart_unplaced(alt: Option<&str>) -> String {
    let alt = alt.map(|l| format!(" ({})", q(l))).unwrap_or_default();
    format!(
        "<!-- TODO: här stod ett diagram ur Word{alt}: lägg in det som bild (PNG) med ![bildtext](fil.png),\n     eller skriv dess mätvärden som series under indikatorn. -->"
    )
}

/// A value both the editor and the new original changed; the editor's
/// stays on the line below, the new one is in the TODO.
pub fn conflict_value(what: &str, theirs: &str) -> String {
    format!(
        "{CONFLICT}: du har ändrat {what} och det nya originalet också. Raden nedan är din; originalets är {theirs}. Behåll det som stämmer och ta bort kommentaren"
    )
}

/// A value the editor removed and the new original changed.
pub fn conflict_removed(what: &str, theirs: &str) -> String {
    format!(
        "{CONFLICT}: du har tagit bort {what}, men det nya originalet har ändrat det till {theirs}. Lägg tillbaka det eller låt bli, och ta bort kommentaren"
    )
}

/// A value the editor changed and the new original no longer has.
pub fn conflict_dropped(what: &str) -> String {
    format!(
        "{CONFLICT}: du har ändrat {what}, men det finns inte i det nya originalet. Behåll eller ta bort det, och ta bort kommentaren"
    )
}

/// A body section both changed: the new original's text follows in the
/// HTML comment.
pub fn conflict_section(heading: &str) -> String {
    format!(
        "{CONFLICT} i avsnittet {}: du har ändrat texten och det nya originalet också. Originalets text står nedan; för in det som ska med och ta bort hela kommentaren",
        q(heading)
    )
}

pub fn conflict_section_removed(heading: &str) -> String {
    format!(
        "{CONFLICT}: du har tagit bort avsnittet {}, men det nya originalet har ändrat det. Originalets text står nedan; lägg tillbaka det som ska med och ta bort hela kommentaren",
        q(heading)
    )
}

pub fn conflict_section_dropped(heading: &str) -> String {
    format!(
        "{CONFLICT}: avsnittet {} finns inte i det nya originalet, men du har ändrat det. Behåll eller ta bort det, och ta bort kommentaren",
        q(heading)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::todos::{comment as todo_comment, WIDTH as TODO_WIDTH};

    /// Every TODO the importer can write, with its wording. A changed
    /// wording changes this list; read it aloud before you do.
    #[test]
    fn every_todo_with_its_wording() {
        let name = "Antal patienter sjukskrivna på grund av psykisk ohälsa (f-diagnoser) längre än 181 dagar";
        let all = [
            (year_missing(), "årtalet stod inte i rubriken: skriv rätt år under year och flytta filen till mappen för det året"),
            (unknown_theme("Diabetes", &["sip".into(), "smarta".into()]), "temat \"Diabetes\" finns inte i site.toml: skriv ett av dessa under topics: sip, smarta"),
            (clinic_missing(), "mottagningens namn stod inte i rapporten: skriv det under clinic, som mottagningen själv skriver det"),
            (no_indicators(), "inga indikatorer hittades i tabellerna: skriv in dem under indicators, eller ta bort raden om rapporten saknar dem"),
            (target_date("vår 2023", "Antal SIP"), "datumet \"vår 2023\" för målet i \"Antal SIP\" gick inte att läsa: skriv det som ÅÅÅÅ-MM-DD under target.by, eller ta bort by"),
            (check_changes(&["ny-rutin".into(), "teammoten".into()]), "kontrollera åtgärderna under changes (ny-rutin, teammoten), som arkiv hittade i texten: ta bort dem som inte stämmer"),
            (check_indicator_verdict("Antal SIP", "uppnått", "Indikator 1 har uppnåtts."), "kontrollera bedömningen \"uppnått\" för \"Antal SIP\" ur meningen \"Indikator 1 har uppnåtts.\": ändra eller ta bort assessment om den inte stämmer"),
            (check_report_verdict("delvis", "Delmålet har delvis uppnåtts."), "kontrollera rapportens bedömning \"delvis\" ur meningen \"Delmålet har delvis uppnåtts.\": ändra eller ta bort assessment om den inte stämmer"),
            (reference_target("Andel pat med kontakt med rehabkoordinator"), "målet för \"Andel pat med kontakt med rehabkoordinator\" jämför med regionsnittet: står snittet i rapporten, skriv det under series som reference; annars får målet stå som text"),
            (baseline_target("Antal SIP", "increase"), "kontrollera målet för \"Antal SIP\": arkiv läser det som bättre än utgångsläget (direction increase). Stämmer det inte, skriv målet som text"),
            (original_emails("3 e-postadresser i kontaktrutorna"), "originalet har 3 e-postadresser i kontaktrutorna och publiceras därför inte, vilket går bra. Vill du publicera det, bifoga en kopia utan adresserna under attachments"),
            (original_personnummer("1 möjligt personnummer (121212-****) i texten"), "originalet har 1 möjligt personnummer (121212-****) i texten och publiceras därför inte. Kontrollera att inget av numren finns kvar i texten här"),
            (original_unreadable(), "originalets text gick inte att granska, så det publiceras inte. Vill du publicera det, bifoga en kopia du själv granskat"),
            (link_without_theme("Boo VC 2021", &["sip".into(), "smarta".into()]), "inget tema i länktexten \"Boo VC 2021\": skriv ett av dessa under topics: sip, smarta"),
            (link_without_clinic("SIP 2021"), "ingen mottagning i länktexten \"SIP 2021\": skriv mottagningens namn under clinic"),
            (picture_without_alt(5, "boo-vc-sip-bild-5.png"), "bild 5 (boo-vc-sip-bild-5.png) saknar bildtext: skriv kort vad den visar mellan [ och ] i ![](boo-vc-sip-bild-5.png) i texten"),
            (chart_series(Some("Antal SIP per månad"), 8, "Antal SIP"), "kontrollera diagrammet \"Antal SIP per månad\" ur Word: dess 8 mätvärden står som series under \"Antal SIP\". Stämmer indikatorn och ordningen?"),
            (chart_series(None, 8, "Antal SIP"), "kontrollera diagrammet ur Word: dess 8 mätvärden står som series under \"Antal SIP\". Stämmer indikatorn och ordningen?"),
            (conflict_value("result för \"Antal SIP\"", "{ value: 7 }"), "konflikt: du har ändrat result för \"Antal SIP\" och det nya originalet också. Raden nedan är din; originalets är { value: 7 }. Behåll det som stämmer och ta bort kommentaren"),
            (conflict_removed("summary", "\"Kort.\""), "konflikt: du har tagit bort summary, men det nya originalet har ändrat det till \"Kort.\". Lägg tillbaka det eller låt bli, och ta bort kommentaren"),
            (conflict_dropped("source för \"Antal SIP\""), "konflikt: du har ändrat source för \"Antal SIP\", men det finns inte i det nya originalet. Behåll eller ta bort det, och ta bort kommentaren"),
            (conflict_section("Mål"), "konflikt i avsnittet \"Mål\": du har ändrat texten och det nya originalet också. Originalets text står nedan; för in det som ska med och ta bort hela kommentaren"),
            (conflict_section_removed("Mål"), "konflikt: du har tagit bort avsnittet \"Mål\", men det nya originalet har ändrat det. Originalets text står nedan; lägg tillbaka det som ska med och ta bort hela kommentaren"),
            (conflict_section_dropped("Mål"), "konflikt: avsnittet \"Mål\" finns inte i det nya originalet, men du har ändrat det. Behåll eller ta bort det, och ta bort kommentaren"),
        ];
        for (got, want) in &all {
            assert_eq!(got, want);
        }
        // The two the body holds, as HTML comments (nothing renders).
        assert_eq!(
            picture_format(Some("Flöde"), "boo-vc-sip-bild-6.emf"),
            "<!-- TODO: bilden \"Flöde\" (boo-vc-sip-bild-6.emf) är i ett format som webbläsare inte visar (EMF/WMF): spara den som PNG\n     (högerklicka på bilden i Word, Spara som bild) och skriv ![bildtext](filnamn.png) här. -->"
        );
        assert_eq!(
            chart_unplaced(Some("Väntetid")),
            "<!-- TODO: här stod ett diagram ur Word (\"Väntetid\"): lägg in det som bild (PNG) med ![bildtext](fil.png),\n     eller skriv dess mätvärden som series under indikatorn. -->"
        );
        // The ones without values fit in two lines as written; so do the
        // others with a long indicator name, which is shortened.
        for text in all.iter().map(|(t, _)| t.clone()).chain([
            target_date("31 december 2025", name),
            check_indicator_verdict(
                name,
                "ej uppnått",
                "Målet att minska antalet långa sjukskrivningar har inte uppnåtts under året.",
            ),
            reference_target(name),
            baseline_target(name, "increase"),
            unknown_theme(
                "Diabetes och hjärta–kärl",
                &(0..30)
                    .map(|i| format!("tema-nummer-{i}"))
                    .collect::<Vec<_>>(),
            ),
        ]) {
            if text.starts_with(CONFLICT) {
                continue; // a conflict holds the values: as long as they are
            }
            let lines = todo_comment("", &text);
            assert!(lines.lines().count() <= 2, "{lines}");
            assert!(
                lines.lines().all(|l| l.chars().count() <= TODO_WIDTH),
                "{lines}"
            );
            let todos = crate::content::todos::find(&lines, 2, "", 3);
            assert_eq!(todos.len(), 1);
            assert_eq!(todos[0].text, text, "read back as one TODO");
        }
    }

    #[test]
    fn no_todo_is_written_outside_this_module() {
        for (name, source) in [
            ("draft.rs", include_str!("draft.rs")),
            ("mod.rs", include_str!("mod.rs")),
            ("../links.rs", include_str!("../links.rs")),
            ("pictures.rs", include_str!("pictures.rs")),
        ] {
            assert!(
                !source.contains("todo.push(format!") && !source.contains("\"<!-- TODO"),
                "{name} writes its own TODO text"
            );
        }
    }
}

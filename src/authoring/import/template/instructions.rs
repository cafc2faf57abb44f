//! The template's own text, by its known wording: the instruction boxes
//! ("Instruktioner till mottagningen …", "Radera EJ text i grå fält",
//! "Dags att testa idéer …", "TIPS: …", "Inför att skicka in: …"), the
//! guidance under each heading, and the placeholders ("T.ex. …"). In a Word
//! file the boxes are also grey, and grey is enough; in a PDF there is no
//! shading to go by, so the wording is what drops them. A clinic's own
//! italic text is not a placeholder: only the template's known starts are.

/// How the template's instruction paragraphs start (lower case). Each is
/// the template's wording in one of the generations; a clinic does not
/// start its own text this way.
const STARTS: &[&str] = &[
    "instruktioner till mottagningen",
    "denna mall avser",
    "mallen med del 1",
    "denna mall med även del 2",
    "mer information finns",
    "frågor kan även skickas",
    "radera ej text",
    "kvalitets- och förbättringsarbete är viktigt",
    "inför att skicka in",
    "spara detta dokument",
    "döp denna fil",
    "t.ex. boo vc",
    "byt ut kursiverad text",
    "ange vem som är kontaktpersonen",
    "ansvarig(-a) för kvalitetsarbetet",
    "att involvera flera",
    "ett förbättringsarbete har större chanser",
    "sätt ihop ett förbättringsteam",
    "inkludera gärna",
    "fundera över hur ni kan involvera",
    "a: ange",
    "b: ange",
    "ett förbättringsarbete börjar",
    "inom vilket område ser ni",
    "utifrån era lärdomar",
    "utifrån er kartläggning",
    "resultat när det gäller kvaliteten",
    "börja gärna med att titta",
    "ni kan lära er mer",
    "tidigare arbeten hittar ni",
    "stödmaterial finns",
    "samt att stöd kan fås",
    "dags att testa idéer",
    "använd gärna förbättringshjulet",
    "tips:",
    "redovisningen av",
    "när ni testat att förbättringsidéerna",
    "om man upptäcker att vissa justeringar",
    "justeringar i del 1 går bra",
    "vilka resultat har ni uppnått? ange",
    "välj ett till fem mått",
    "notera 2–5",
    "mät utfallsmått",
    "mät gärna ofta",
    "vilka patientrelaterade resultat vill ni",
    "formulera här era mål",
    "exempel på verktyg för att kartlägga",
    "vad kan ni göra för att förbättra resultaten",
    "beskriv här övergripande",
    "skriv upp varje steg",
    "länk till \"",
    "länk till ”",
    "länk till fiskbensdiagram",
    "länk till verktyget",
    "finns det något område där ni presterar",
    "har det kommit nya riktlinjer",
    "finns det bra exempel från andra enheter",
    "initiala idéer till lösningar",
    "vilka resultat har ni uppnått",
];

/// Lines of the template that are instructions wherever they stand.
pub fn is_instruction(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let lower = lower.trim_start_matches(['•', '●', '-', '–', '*', ' ']);
    STARTS.iter().any(|s| lower.starts_with(s)) || is_placeholder(lower) || is_empty_label(lower)
}

/// The template's example text left unfilled: it starts "T.ex." or
/// "Exempel:" (the template's italic examples all do).
pub fn is_placeholder(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    lower.starts_with("t.ex") || lower.starts_with("exempel:") || lower.starts_with("[få läsarens")
}

/// A label the clinic left empty: "Kommentar (valfritt):", "Övriga
/// kommentarer:", and the template's answer stubs "B:", "B:---", "1.3:".
fn is_empty_label(lower: &str) -> bool {
    let t = lower.trim();
    if t.ends_with(':') && (t.starts_with("kommentar") || t.starts_with("övriga kommentarer")) {
        return true;
    }
    let Some((head, tail)) = t.split_once(':') else {
        return false;
    };
    !head.is_empty()
        && head.len() <= 5
        && head.chars().all(|c| c.is_alphanumeric() || c == '.')
        && tail
            .chars()
            .all(|c| c.is_whitespace() || "-–—_.".contains(c))
}

/// The template's questions in the Slutreflektion, which a clinic answers
/// under them (lower case starts).
const QUESTIONS: [&str; 3] = [
    "vad har ni lärt er",
    "hur har ni använt kunskap från patienter",
    "vad har ni för plan framåt",
];

/// One of the template's questions (numbered or not): a heading when
/// answered, nothing when not.
pub fn is_question(text: &str) -> bool {
    let lower = text.trim().trim_start_matches('#').trim().to_lowercase();
    let lower = lower.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    QUESTIONS.iter().any(|q| lower.starts_with(q))
}

/// A cell's paragraphs without the template's: "Kommentar (valfritt): X"
/// → "X", a "TIPS: …" paragraph dropped.
pub fn clinic_text(paras: &[String]) -> String {
    paras
        .iter()
        .filter(|p| !is_instruction(p))
        .map(|p| {
            let t = p.trim();
            match t.to_lowercase().strip_prefix("kommentar (valfritt):") {
                Some(_) => t["kommentar (valfritt):".len()..].trim().to_string(),
                None => t.to_string(),
            }
        })
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_wording_is_instruction() {
        for t in [
            "Instruktioner till mottagningen",
            "Radera EJ text i grå fält.",
            "Dags att testa idéer, först i liten skala!",
            "TIPS: Notera någonstans källa",
            "Inför att skicka in: Har arbetet sparats",
            "T.ex. 70%",
            "Kommentar (valfritt):",
            "B:---",
            "1.3:",
            "B:",
            "● Sätt ihop ett förbättringsteam med olika yrkeskategorier",
        ] {
            assert!(is_instruction(t), "{t}");
        }
        for t in [
            "Vi har många patienter.",
            "Ingen av dem har haft kontakt med vår rehabkoordinator.",
            "Kommentar (valfritt): Avser F-diagnoser.",
            "B: En enkät till patienterna.",
            "1.1: Utveckling stödmodell",
        ] {
            assert!(!is_instruction(t), "{t}");
        }
        assert_eq!(
            clinic_text(&[
                "Kommentar (valfritt): Avser F-diagnoser.".into(),
                "TIPS: Notera källa.".into()
            ]),
            "Avser F-diagnoser."
        );
    }
}

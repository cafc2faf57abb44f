//! The change ideas of the five real reports, each with the sentence of the
//! report it comes from. The table is written here from the seed texts
//! (`../shared/seeds/`), not read back from the front matter: the front
//! matter must list exactly these changes, each quote must be in the seed,
//! and the report's own words (`text`) must be that quote.
//!
//! Then the goals each change was tied to (`changes[].indicators`) and what
//! became of it (`changes[].status`): only where a sentence of the report
//! ties the change to a goal, or says the change was kept, planned or not
//! carried out, each with that sentence. A change no sentence ties to a
//! goal stays untied.

use crate::goal_table::{
    occurs, real_reports, report, seed, seeds_dir, BRA_LIV, BROMMAPLAN, KRY, KVARTERSAKUTEN,
    NYHALSAN,
};

const TESTED: &str =
    "Vilka förbättringsidéer har ni testat och vilka arbetssätt har ni infört och standardiserat?";
const BRA_LIV_RESULTS: &str =
    "Analys och resultat av de testade förändringarna kopplat till det övergripande målet";
const NYHALSAN_LIST: &str = "Lista prioriterade förändringar som ska testas";

/// (report, change slug, section heading, the sentence it comes from).
#[rustfmt::skip]
const CHANGES: &[(&str, &str, &str, &str)] = &[
    (KVARTERSAKUTEN, "rehabkoordinator", "A. Hur har ni testat och standardiserat era förbättringsidéer?",
     "Vi har använt oss av rehabiliteringskoordinator (REKO) vilket är visat att tidig involvering av REKO ökar förutsättningarna till tidig återgång till arbete."),
    (KVARTERSAKUTEN, "ny-rutin", "A. Hur har ni testat och standardiserat era förbättringsidéer?",
     "Vi har tydliggjort rutinerna för sjukskrivning inklusive kriterierna för när läkare ska involvera REKO."),
    (KRY, "samverkan", TESTED,
     "Vi har samverkat med övriga aktörer för att underlätta arbetssättet."),
    (KRY, "teammoten", "Action",
     "Diskutera kring SIP, med stor sannolikhet genomförs detta men inte på strukturerat sätt"),
    (KRY, "digitala-verktyg", "Kartläggning. Vad vill ni åstadkomma och varför?",
     "Öka antalet SIP, använda digitala verktyg för att lättare genomföra SIP."),
    (BRA_LIV, "ny-rutin", BRA_LIV_RESULTS,
     "Vi har tagit fram en ny rutin för arbetet med patienterna på prea60-listan och skapat en manual för att förenkla arbetet."),
    (BRA_LIV, "manual-mall", BRA_LIV_RESULTS,
     "Med detta i åtanke har vi börjat ta fram instruktion för arbetet med Link (Bilaga 3), Manual för SIP (Bilaga 4), Journalskrivning vid SIP möte (Bilaga 5) utöver Rutin prea60 lista (Bilaga 1)."),
    (BRA_LIV, "proaktiv-uppfoljning", BRA_LIV_RESULTS,
     "Genom att vi följer upp patienterna på prea60 listan oftare och mer regelbundet får vi god kännedom om dem och kan sätta in behandling tidigt vid behov."),
    (BRA_LIV, "patienternas-synpunkter", BRA_LIV_RESULTS,
     "Det gjordes genom att tillfråga dem om de kände sig nöjda med kontakten samt nöjda med graden av delaktighet som de haft vid upprättande av planering/patientkontrakt."),
    (NYHALSAN, "ny-rutin", NYHALSAN_LIST,
     "Implementera ”nya sjukskrivningsrutinen” vid psykisk ohälsa."),
    (NYHALSAN, "teammoten", NYHALSAN_LIST,
     "Upprätta ”rond-team”. Schemalägga."),
    (NYHALSAN, "far", NYHALSAN_LIST,
     "Intervention: Rådgivning fysisk aktivitet och FaR"),
    (NYHALSAN, "behandling-i-stallet-for-lakemedel", NYHALSAN_LIST,
     "Intervention: psykologisk (KBT) behandling istället för läkemedel"),
    (NYHALSAN, "restriktiv-forskrivning", NYHALSAN_LIST,
     "Arbetssätt: Restriktivare förskrivning av sömnläkemedel."),
    (NYHALSAN, "samverkan", "Utvärdering av handlingsplanen",
     "Positiv återkoppling från patienter som har fått möjlighet att delta i vårt samarbete med Vuxenskolan Nässjö."),
    (BROMMAPLAN, "teammoten", TESTED,
     "Under majmånad infördes det gemensamma ronder där resurslärare och DSK stöttar varandra i triagering av patienter."),
    (BROMMAPLAN, "rehabkoordinator", TESTED,
     "Pat kan då också hänvisas/bokas in hos SSK för psykisk ohälsa för stödsamtal alt till rehabkoordinator för snar kartläggning och rådgivning innan en ev sjukskrivning."),
    (BROMMAPLAN, "utbildning", TESTED,
     "Läkare med ansvar försäkringsmedicin (LUV)har hållit föreläsning för SSK gruppen med efterföljande diskussion."),
    (BROMMAPLAN, "triagering", TESTED,
     "DSK gruppen utarbetat ett flödesschema som först i november kunde implementeras i telefonin."),
    (BROMMAPLAN, "ny-rutin", TESTED,
     "Vi har under året under ett par gånger uppdaterat sjukskrivningsrutinen för de olika yrkesgrupperna utifrån olika synpunkter som framkommit i samtal."),
    (BROMMAPLAN, "manual-mall", TESTED,
     "Mall för behandlingsplan (som kan lämnas till patienten) har utarbetats och kunnat användas i patientmöte."),
];

#[test]
fn every_real_change_quotes_the_sentence_it_comes_from() {
    let config = arkiv::config::Config::load(&crate::common::repo()).expect("site.toml loads");
    let reports = real_reports();
    let mut wrong = Vec::new();
    for file in [KVARTERSAKUTEN, KRY, BRA_LIV, NYHALSAN, BROMMAPLAN] {
        let r = report(&reports, file);
        let got: Vec<(&str, Option<&str>, Option<&str>)> = r
            .changes
            .iter()
            .map(|c| {
                (
                    config.changes[c.change].slug(),
                    c.section.as_ref().map(|h| h.text.as_str()),
                    c.text.as_deref(),
                )
            })
            .collect();
        let want: Vec<(&str, Option<&str>, Option<&str>)> = CHANGES
            .iter()
            .filter(|c| c.0 == file)
            .map(|c| (c.1, Some(c.2), Some(c.3)))
            .collect();
        if got != want {
            wrong.push(format!("{file}:\n  got  {got:?}\n  want {want:?}"));
        }
        // The quote is the report's own text, in the body too.
        for c in CHANGES.iter().filter(|c| c.0 == file) {
            if !occurs(&r.body_text, c.3) {
                wrong.push(format!("{file} / {}: not in the body: {:?}", c.1, c.3));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_real_change_quote_is_in_its_seed() {
    if !seeds_dir().is_dir() {
        eprintln!("skipped: no seeds at {}", seeds_dir().display());
        return;
    }
    let missing: Vec<String> = CHANGES
        .iter()
        .filter(|(file, _, _, quote)| !occurs(&seed(file).expect("seeds are here"), quote))
        .map(|(file, slug, _, quote)| format!("{file} / {slug}: {quote:?}"))
        .collect();
    assert!(
        missing.is_empty(),
        "quotes not in their seed:\n{}",
        missing.join("\n")
    );
}

/// (report, change slug, goals it aimed at as 1-based positions in the
/// report's `indicators:`, status as written (`prövad` when absent), the
/// sentences of the seed that say so; "…" separates verbatim parts in
/// order). A change left out here is untied and `prövad`.
#[rustfmt::skip]
const TIES: &[(&str, &str, &[usize], &str, &str)] = &[
    // Steg 3–4: the main aim is early REKO contact, measured by the one
    // delmål (indicator 1); the reflection ties REKO to part-time sick leave
    // (indicator 2, "Öka andelen deltidssjukskrivningar …"). Kept.
    (KVARTERSAKUTEN, "rehabkoordinator", &[1, 2], "införd",
     "Vi vill att patienter med psykisk ohälsa och som vi bedömer har nedsatt arbetsförmåga tidigare i sjukskrivningsprocessen får kontakt med en Rehabiliteringskoordinator (REKO) … Att minska antalet patienter som är sjukskrivna på grund av psykisk ohälsa längre än 181 dagar med 20% … när sjukskrivande läkare arbetar tillsammans med REKO tidigt i sjukskrivningsprocessen ökar förutsättningar för patienten att snabbare återgå i arbete med deltidssjukskrivning. … Fortsätta att samarbeta med REKO på det sätt som beskrivs ovan"),
    // The routine is for patients "där vi befarar lång sjukskrivningstid":
    // indicator 1 (sick leave longer than 181 days). Standardised.
    (KVARTERSAKUTEN, "ny-rutin", &[1], "införd",
     "Vi har utarbetat en rutin på mottagningen där alla patienter som sjukskrivs under psykiatriska diagnoser (F-diagnoser) där vi befarar lång sjukskrivningstid direkt ska få kontakt med REKO … Vi har tydliggjort rutinerna för sjukskrivning inklusive kriterierna för när läkare ska involvera REKO."),
    // Meetings with other actors are indicator 3, "Antal samverakansmöten".
    (KRY, "samverkan", &[3], "prövad",
     "Antal samverakansmöten Boka möten per kvartal med övriga aktörer … har genomförts kvartalsvis."),
    // Digital tools are indicator 2, "Antal SIP digitalt": never started.
    (KRY, "digitala-verktyg", &[2], "ej genomförd",
     "Öka antalet SIP, använda digitala verktyg för att lättare genomföra SIP. … Antal SIP digitalt … Har ej varit möjligt att inleda pga tekniska svårigheter."),
    (BRA_LIV, "ny-rutin", &[1, 2], "införd",
     "Den nya rutinen har bidragit till att vi tydligt förbättrat vårt resultat jämfört med baslinjemätningen. Delmål 1 och 2 har uppnåtts … Planen framöver är att vi ska revidera manualerna regelbundet och även ta fram nya rutiner vid behov."),
    (BRA_LIV, "patienternas-synpunkter", &[3, 4], "prövad",
     "Delmål 3 och 4 riktade sig till att undersöka patienternas synpunkter på kontakten."),
    // Nyhälsan's plan table: each change under the goal it serves.
    (NYHALSAN, "ny-rutin", &[4], "prövad",
     "Implementera ”nya sjukskrivningsrutinen” vid psykisk ohälsa. … 4. ÖU: säkerställa att alla har en sjukskrivnings- och rehabiliteringsplan."),
    (NYHALSAN, "teammoten", &[4], "prövad",
     "Resultatmål 2 … 1. Rondtid team – pilot med Puriya – schemalägg."),
    (NYHALSAN, "far", &[6, 7, 8], "prövad",
     "Intervention: Rådgivning fysisk aktivitet och FaR Måluppfyllelse. … Resultatmål 4 … Alla ska veta hur man går till väga att boka till rehab. Tas vidare i FaR-projektet. … Resultatmål 5 … Personal använder rätt kod vid förskrivning av FaR och motiverande samtal. … Resultatmål 6 … Resursperson följer upp och kodar uppföljning av utfärdat FaR."),
    (NYHALSAN, "behandling-i-stallet-for-lakemedel", &[2, 3, 5], "prövad",
     "Intervention: psykologisk (KBT) behandling istället för läkemedel Måluppfyllelse. … Resultatmål 1 … Alla på listan ska ha haft en läkemedelsgenomgång, dokumenterad läkemedelsplan, erbjudas teaminsatser som behandling mot ångest istället för läkemedel. … Resultatmål 3 Andel patienter med nydiagnosticerad ångest som fått psykologisk behandling"),
    (BROMMAPLAN, "teammoten", &[], "införd",
     "Under majmånad infördes det gemensamma ronder … Det har även införts dagliga ronder för ökat samverkan."),
    // Reko before sick leave "does not show in the statistics" of
    // indicators 6 and 7 (contact with the rehab coordinator).
    (BROMMAPLAN, "rehabkoordinator", &[6, 7], "prövad",
     "Det remitteras också i högre utsträckning pat till reko INNAN en eventuell sjukskrivning för stöd och rådgivning vilket inte syns i statistiken."),
    // Goal 3 (knowledge and confidence) is the survey, indicator 8; the
    // training is the idea for it.
    (BROMMAPLAN, "utbildning", &[8], "prövad",
     "3. Ökat kunskap och trygghet för SSK och läkare vid handläggning av dessa patienter i behov av bedömning av arbetsförmågan. … 3.1: Internutbildning för läkare/SSK"),
    (BROMMAPLAN, "triagering", &[], "införd",
     "DSK gruppen utarbetat ett flödesschema som först i november kunde implementeras i telefonin."),
    // The routine's own aim: continuity (indicators 4 and 5) and part-time
    // sick leave (indicator 2).
    (BROMMAPLAN, "ny-rutin", &[2, 4, 5], "införd",
     "Vi har börjat arbeta utifrån de uppdaterade rutinerna … Målet är ökad kontinuitet, kortare sjukskrivningsperioder, ökat antal deltidssjukskrivningar."),
];

#[test]
fn every_real_tie_quotes_the_sentence_that_ties_it() {
    let config = arkiv::config::Config::load(&crate::common::repo()).expect("site.toml loads");
    let reports = real_reports();
    let mut wrong = Vec::new();
    for file in [KVARTERSAKUTEN, KRY, BRA_LIV, NYHALSAN, BROMMAPLAN] {
        let r = report(&reports, file);
        for c in &r.changes {
            let slug = config.changes[c.change].slug();
            let got: Vec<usize> = c.indicators.iter().map(|k| k + 1).collect();
            let status = arkiv::outcome::ChangeStatus::written(c.status);
            let (want, want_status) = TIES
                .iter()
                .find(|t| t.0 == file && t.1 == slug)
                .map_or((&[][..], "prövad"), |t| (t.2, t.3));
            if got != want || status != want_status {
                wrong.push(format!(
                    "{file} / {slug}: indicators {got:?} {status}, want {want:?} {want_status}"
                ));
            }
        }
    }
    // Every tie names a change the report has.
    for (file, slug, ..) in TIES {
        let r = report(&reports, file);
        if !r
            .changes
            .iter()
            .any(|c| config.changes[c.change].slug() == *slug)
        {
            wrong.push(format!("{file}: no change {slug}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_real_tie_quote_is_in_its_seed() {
    if !seeds_dir().is_dir() {
        eprintln!("skipped: no seeds at {}", seeds_dir().display());
        return;
    }
    let missing: Vec<String> = TIES
        .iter()
        .filter(|(file, _, _, _, quote)| !occurs(&seed(file).expect("seeds are here"), quote))
        .map(|(file, slug, _, _, quote)| format!("{file} / {slug}: {quote:?}"))
        .collect();
    assert!(
        missing.is_empty(),
        "quotes not in their seed:\n{}",
        missing.join("\n")
    );
}

//! The change ideas of the five real reports, each with the sentence of the
//! report it comes from. The table is written here from the seed texts
//! (`../shared/seeds/`), not read back from the front matter: the front
//! matter must list exactly these changes, each quote must be in the seed,
//! and the report's own words (`text`) must be that quote.

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

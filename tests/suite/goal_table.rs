//! The goal status of every indicator of the five real reports, each
//! justified by a quote from the report's own text (the seeds in
//! `../shared/seeds/`): the status computed from the figures where they
//! decide, else the report's own verdict, else not assessable. No report
//! whose text says a goal was met may show it as not assessable.

use std::path::PathBuf;

use arkiv::content::Report;
use arkiv::site::{Related, Site, Sources, Timer};

use crate::common::repo;

/// (report file, indicator name, expected status slug, expected basis slug,
/// a quote from the seed that justifies it). Quotes are verbatim; "…"
/// separates verbatim parts that follow each other in the seed.
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

pub(crate) const KVARTERSAKUTEN: &str = "content/2022/kvartersakuten-sjukskrivning.md";
pub(crate) const KRY: &str = "content/2023/kry-vallentuna-sip.md";
pub(crate) const BRA_LIV: &str = "content/2024/bra-liv-oxnehaga-prea60.md";
pub(crate) const NYHALSAN: &str = "content/2024/nyhalsan-psykisk-ohalsa.md";
pub(crate) const BROMMAPLAN: &str = "content/2025/brommaplans-vc-stress-smarta.md";

/// Which seed each real report was transcribed from (DESIGN.md, "The real
/// content"), by the seed file's number.
const SEEDS: [(&str, &str); 5] = [
    (KRY, "000_"),
    (KVARTERSAKUTEN, "001_"),
    (BRA_LIV, "002_"),
    (NYHALSAN, "003_"),
    (BROMMAPLAN, "004_"),
];

#[rustfmt::skip]
const TABLE: &[Row] = &[
    // Kvartersakuten 2022: value targets, computed from the result table.
    (KVARTERSAKUTEN, "Antal patienter sjukskrivna på grund av psykisk ohälsa (f-diagnoser) längre än 181 dagar",
     "ej_uppnatt", "computed", "31 st 211231 25 st 31 st Rehab stöd 221231"),
    (KVARTERSAKUTEN, "Öka andelen deltidssjukskrivningar för alla patienter sjukskrivna på grund av psykisk ohälsa (F-diagnoser)",
     "uppnatt", "computed", "211231 50% 46% Rehab stöd 221231"),
    (KVARTERSAKUTEN, "Minska totala antalet sjukskrivna patienter",
     "ej_uppnatt", "computed", "258 st 211231 232 st 274 Rehab stöd 221231"),
    (KVARTERSAKUTEN, "Minska andel heltidssjukskrivna av det totala antalet sjukskrivna",
     "delvis", "computed", "76% är sjukskrivna 100% 211231 68% 74% Rehab stöd 221231"),
    // Kry Vallentuna 2023.
    (KRY, "Antal SIP",
     "ej_uppnatt", "computed", "Vi ser att andel registrerade SIP inte har ökat"),
    (KRY, "Antal SIP digitalt",
     "ej_bedombart", "none", "Har ej varit möjligt att inleda pga tekniska svårigheter."),
    // A count target and a result given as a frequency over the year.
    (KRY, "Antal samverakansmöten",
     "uppnatt", "computed", "4 möten per år … Minst 4 … har genomförts kvartalsvis."),
    // Bra Liv Öxnehaga 2024: an improvement over the baseline, a comparison
    // with the regional average, and two goals the report could not evaluate.
    (BRA_LIV, "Andel patienter på prea60 listan med aktuell planering",
     "uppnatt", "computed", "Vi har uppnått målet att vid mätningen i november ha ökat andelen patienter på prea60 listan med aktuell planering jämfört med mätningarna i januari."),
    (BRA_LIV, "Andel patienter på prea60 listan med patientkontrakt/SIP",
     "uppnatt", "computed", "Vi har vid mätningen i november en större andel patienter på prea60 listan med patientkontrakt/SIP än regionssnittet så även det målet är uppnått."),
    (BRA_LIV, "Andel patienter som är nöjda med den kontakt de har med oss",
     "ej_bedombart", "report", "Målen att mäta patienternas känsla av nöjdhet och delaktighet har vi inte kunnat utvärdera så som vi tänkt."),
    (BRA_LIV, "Andel patienter som är nöjda med graden av delaktighet",
     "ej_bedombart", "report", "Målen att mäta patienternas känsla av nöjdhet och delaktighet har vi inte kunnat utvärdera så som vi tänkt."),
    // Nyhälsan 2024.
    (NYHALSAN, "Framdrift i förbättringsarbetet vid avstämning av handlingsplanen",
     "uppnatt", "computed", "Vi har en framdrift på minst 70 % … Framdrift: 16/21=76%"),
    (NYHALSAN, "Antalet patienter med ångest som behandlas med bensodiazepiner",
     "delvis", "computed", "ska minska från 30 stycken till 10 stycken … I november 2024 är det fortfarande 26 personer"),
    (NYHALSAN, "Ån07: Andel patienter med ångest som behandlas med bensodiazepiner",
     "ej_bedombart", "none", "Kommentar: 29 av 481 patienter med ångest behandlas med bensodiazepiner."),
    (NYHALSAN, "Andel av de sjukskrivna >28 dagar (på grund av F-koder) som har en aktuell dokumenterad ”sjukskrivnings- och rehabiliteringsplan” under sökord överenskommelse",
     "ej_bedombart", "report", "Måttet var svårt att ta fram och tidskrävande att följa."),
    (NYHALSAN, "Ån09: Andel patienter med nydiagnosticerad ångest som fått psykologisk behandling (KVÅ-kod DU011 KBT)",
     "uppnatt", "computed", "Resultatmål nr.3 uppnått där över 20 % av personer med nydiagnostiserad ångest fått psykologisk behandling (KVÅ-kod DU011 KBT) enligt indikator Ån09."),
    (NYHALSAN, "Sjukskrivna över 14 dagar (på grund av F-koder) som erhåller rådgivande samtal om fysisk aktivitet (KVÅ-kod DV131, DV132 eller DV133)",
     "ej_bedombart", "report", "Målen för FaR-förskrivning har inte kunnat följas med urvalet F-diagnoser."),
    (NYHALSAN, "Sjukskrivna över 14 dagar (på grund av F-koder) som erhåller Fysisk aktivitet på recept (KVÅ-kod DV200)",
     "ej_bedombart", "report", "Målen för FaR-förskrivning har inte kunnat följas med urvalet F-diagnoser."),
    (NYHALSAN, "Sjukskrivna över 14 dagar (på grund av F-koder) som erhåller uppföljning av Fysisk aktivitet på recept (KVÅ-kod AW005)",
     "ej_bedombart", "report", "Målen för FaR-förskrivning har inte kunnat följas med urvalet F-diagnoser."),
    // Brommaplans VC 2025: relative targets ("Öka 10%") against the baseline.
    (BROMMAPLAN, "Antal pat som är ss för stress- och smärtrelaterad ohälsa",
     "uppnatt", "computed", "99 (Samtliga 182) 18/2 2025 Minska 10% 70 (-30%) (Samtliga 157)"),
    (BROMMAPLAN, "Andel deltidssjukskrivningar",
     "ej_uppnatt", "computed", "62% (62) 18/2 2025 Öka 10% 48% (34)"),
    (BROMMAPLAN, "Andel fler olika ss% i ett intyg",
     "uppnatt", "computed", "22% (22) 18/2 2025 Öka 5 % 28% (20)"),
    (BROMMAPLAN, "% kontinuitet samtliga besök på VC, samtliga läkare a) minst 2 besök",
     "delvis", "computed", "a)54 b)46% Helår 2024 Öka 5% a)56% b)48% … Kontinuiteten har ökat med ett par procentenheter."),
    (BROMMAPLAN, "% kontinuitet samtliga besök på VC, samtliga läkare b) minst 3 besök",
     "delvis", "computed", "a)54 b)46% Helår 2024 Öka 5% a)56% b)48% … Kontinuiteten har ökat med ett par procentenheter."),
    (BROMMAPLAN, "Andel pat som har kontakt med rehabkoordinator a) innan dag 90",
     "ej_uppnatt", "computed", "a)27%(27) b)55% (56) a)45% b)35 % a)18% (13) b)61% (43)"),
    (BROMMAPLAN, "Andel pat som har kontakt med rehabkoordinator b) aldrig",
     "ej_uppnatt", "computed", "Andelen pat i denna grupp som aldrig träffat reko har under året ökat från 52 i början av året till 61%."),
    (BROMMAPLAN, "Enkät till läkare och SSK, kvalitativt och kvantitativt",
     "uppnatt", "report", "Ökat kännedom/kunskap/trygghet vid hantering av pat … Andelen läkare som känner sig relativt säkra i bedömning av arbetsförmågan har ökat från 29- 67 % … Kännedom om ss rutiner har ökat hos både läkarna och SSK."),
];

/// (report file, expected outcome slug, its basis, the quote that
/// justifies it: the report's own verdict, or where it names its main
/// goal; empty when computed from all its goals). Kry gives no overall
/// verdict: its main goal ("Vi vill öka antalet SIP", indicator 1) was
/// not met, so it is not "delvis" for its meetings goal.
#[rustfmt::skip]
const OUTCOMES: &[(&str, &str, &str, &str)] = &[
    (KVARTERSAKUTEN, "delvis", "computed", ""),
    (KRY, "ej-uppnatt", "main_goal",
     "Vi vill öka antalet SIP då det är fördelaktigt både för patienten och vården."),
    (BRA_LIV, "delvis", "report",
     "Huvudmålsättningen med förbättringsarbetet, att under 2024 skapa en bättre rutin … har delvis uppnåtts."),
    (NYHALSAN, "delvis", "computed", ""),
    (BROMMAPLAN, "delvis", "computed", ""),
];

pub(crate) fn seeds_dir() -> PathBuf {
    repo().join("../shared/seeds")
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `quote` occurs in `text`: each "…"-separated part in order,
/// whitespace runs collapsed to one space on both sides. A part is also
/// accepted when it occurs with all whitespace removed: the seeds are PDF
/// text, where table cells break words ("kvartalsvi s"). Order is kept in
/// the text without whitespace.
pub(crate) fn occurs(text: &str, quote: &str) -> bool {
    let spaced = collapse(text);
    let tight: String = text.split_whitespace().collect();
    // Where the previous part ended, counted in `tight`.
    let mut at = 0;
    for part in quote.split('…').map(collapse).filter(|p| !p.is_empty()) {
        let part_tight: String = part.split_whitespace().collect();
        let collapsed = spaced
            .match_indices(part.as_str())
            .map(|(i, _)| spaced[..i].replace(' ', "").len())
            .find(|i| *i >= at);
        let found = collapsed.or_else(|| tight[at..].find(&part_tight).map(|i| at + i));
        match found {
            Some(i) => at = i + part_tight.len(),
            None => return false,
        }
    }
    true
}

/// The seed text of a report, or `None` when the seeds are not here.
pub(crate) fn seed(file: &str) -> Option<String> {
    let prefix = SEEDS.iter().find(|(f, _)| *f == file)?.1;
    let dir = std::fs::read_dir(seeds_dir()).ok()?;
    let path = dir
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".txt"))
        })
        .unwrap_or_else(|| panic!("no seed {prefix}*.txt for {file}"));
    Some(std::fs::read_to_string(path).expect("the seed reads"))
}

/// Whether a quote says that a goal was met (and not only partly).
fn says_met(quote: &str) -> bool {
    let q = quote.to_lowercase();
    (q.contains("uppnått") || q.contains("uppnåtts"))
        && !q.contains("delvis")
        && !q.contains("inte ")
        && !q.contains("ej ")
}

pub(crate) fn real_reports() -> Vec<Report> {
    let mut t = Timer::new(false);
    let s = Sources::load(&repo(), &mut t);
    let (site, diags) = Site::assemble(&s, Related::Compute, false, &mut t);
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "the real site has errors: {errors:?}");
    let site = site.expect("the real site assembles");
    site.model.reports.iter().map(|r| (**r).clone()).collect()
}

pub(crate) fn report<'a>(reports: &'a [Report], file: &str) -> &'a Report {
    reports
        .iter()
        .find(|r| r.file == file)
        .unwrap_or_else(|| panic!("no report {file}"))
}

#[test]
fn every_quote_is_in_its_seed() {
    assert!(occurs(
        "Delmål 1 och\n 2 har uppnåtts",
        "Delmål 1 och 2 … uppnåtts"
    ));
    assert!(!occurs("Delmål 1 och 2 har uppnåtts", "uppnåtts … Delmål"));
    assert!(!occurs("Delmål 1 och 2 har uppnåtts", "Delmål 3"));
    if !seeds_dir().is_dir() {
        eprintln!("skipped: no seeds at {}", seeds_dir().display());
        return;
    }
    let quotes = TABLE
        .iter()
        .map(|(file, name, _, _, quote)| (*file, *name, *quote))
        .chain(
            OUTCOMES
                .iter()
                .filter(|o| !o.3.is_empty())
                .map(|(file, _, _, quote)| (*file, "(huvudmål)", *quote)),
        );
    let mut missing = Vec::new();
    for (file, name, quote) in quotes {
        let text = seed(file).expect("the seeds folder is here");
        if !occurs(&text, quote) {
            missing.push(format!("{file} / {name}: {quote:?}"));
        }
    }
    assert!(
        missing.is_empty(),
        "quotes not in their seed:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_indicator_has_its_status_and_basis() {
    let reports = real_reports();
    let mut wrong = Vec::new();
    for (file, name, want_status, want_basis, quote) in TABLE {
        let r = report(&reports, file);
        let Some(ind) = r.indicators.iter().find(|i| i.name == *name) else {
            wrong.push(format!("{file}: no indicator {name:?}"));
            continue;
        };
        let a = arkiv::indicators::assess(ind);
        let got = (a.status.slug(), a.basis.slug());
        if got != (*want_status, *want_basis) {
            wrong.push(format!(
                "{file} / {name}: got {got:?}, want ({want_status:?}, {want_basis:?}) ({quote:?})"
            ));
        }
    }
    // The table covers every indicator of the real reports.
    for (file, _) in SEEDS {
        for ind in &report(&reports, file).indicators {
            if !TABLE.iter().any(|row| row.0 == file && row.1 == ind.name) {
                wrong.push(format!("{file}: no row for indicator {:?}", ind.name));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_report_has_its_outcome() {
    let reports = real_reports();
    let mut wrong = Vec::new();
    for (file, want_status, want_basis, quote) in OUTCOMES {
        let r = report(&reports, file);
        let o = arkiv::outcome::of(r);
        if o.status.slug() != *want_status {
            wrong.push(format!(
                "{file}: outcome {}, want {want_status}",
                o.status.slug()
            ));
        }
        let basis = o.basis.map(|b| b.slug()).unwrap_or("none");
        if basis != *want_basis {
            wrong.push(format!("{file}: basis {basis}, want {want_basis}"));
        }
        if *want_basis == "report" {
            let text = r
                .assessment
                .as_ref()
                .map(|v| v.text.as_str())
                .unwrap_or_default();
            let first = quote.split('…').next().unwrap_or_default().trim();
            if !text.starts_with(first) {
                wrong.push(format!("{file}: outcome text {text:?}, want {quote:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_goal_the_report_says_was_met_is_never_unassessable() {
    let met: Vec<&Row> = TABLE.iter().filter(|row| says_met(row.4)).collect();
    assert!(met.len() >= 3, "the table quotes the reports' own verdicts");
    for (file, name, want_status, _, quote) in &met {
        assert_ne!(
            *want_status, "ej_bedombart",
            "{file} / {name}: the report says {quote:?}"
        );
    }
    let reports = real_reports();
    for (file, name, _, _, quote) in met {
        let r = report(&reports, file);
        let ind = r.indicators.iter().find(|i| i.name == *name).unwrap();
        let a = arkiv::indicators::assess(ind);
        assert_ne!(
            a.status.slug(),
            "ej_bedombart",
            "{file} / {name}: the report says {quote:?}"
        );
    }
    // The same for whole reports: a main goal the report says was (partly)
    // met has an outcome that was judged.
    for (file, _, _, quote) in OUTCOMES.iter().filter(|o| o.3.contains("uppnåtts")) {
        let o = arkiv::outcome::of(report(&reports, file));
        assert_ne!(o.status.slug(), "ej-bedombart", "{file}: {quote:?}");
    }
}

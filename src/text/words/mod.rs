//! The Swedish words and phrases that arkiv's Rust code puts on pages, in
//! the open data and in the search index, in one place so that a reviewer
//! can read them together (the templates hold the rest). The words of goals,
//! outcomes and change ideas are in `outcome::words`, which builds on this
//! vocabulary; the run-chart sentences are in [`runchart`]. The command
//! line's Swedish (`import`, `status`, `accept`, `clean`) stays grouped with
//! each command (`authoring::import::todos`, `status`), and diagnostics are
//! English by design.
//!
//! Functions take what they fill in already formatted, so that this module
//! depends on nothing but `text`.

pub mod runchart;

use super::{count, format_count};

/// The one set of status words: a goal's *måluppfyllelse* and a report's
/// *bedömning*, in the singular and the plural ("1 av 3 mål uppnått", "5
/// ej bedömbara"), in the order tallies list them; then the outcome of a
/// plan. Every status label on pages, in data files and in search is one of
/// these (a test checks it).
pub const STATUS_WORDS: [(&str, &str); 4] = [
    ("uppnått", "uppnådda"),
    ("delvis uppnått", "delvis uppnådda"),
    ("ej uppnått", "ej uppnådda"),
    ("ej bedömbart", "ej bedömbara"),
];

/// What a report's outcome is called on pages and in search.
pub const REPORT_VERDICT: &str = "Bedömning";

/// What a goal's status is called on pages and in the data files.
pub const GOAL_VERDICT: &str = "Måluppfyllelse";

/// A report's status (`status:`): del 1 or the final report.
pub const STATUS_PLAN: &str = "Plan (del 1)";
pub const STATUS_FINAL: &str = "Slutrapport (del 1 och 2)";

/// An indicator's unit.
pub const UNIT_COUNT: &str = "antal";
pub const UNIT_PERCENT: &str = "andel (%)";

/// An indicator's direction.
pub const INCREASE: &str = "ska öka";
pub const DECREASE: &str = "ska minska";

/// Words at the start of an indicator's name that say which way it should
/// go ("Öka andelen …", "Minska antalet …"), read to check the name against
/// the figures (W023).
pub const NAME_INCREASE: [&str; 9] = [
    "öka",
    "ökad",
    "ökat",
    "ökade",
    "höja",
    "höjd",
    "fler",
    "förbättra",
    "förbättrad",
];
pub const NAME_DECREASE: [&str; 9] = [
    "minska", "minskad", "minskat", "minskade", "sänka", "sänkt", "färre", "korta", "kortare",
];

/// Beside the direction where the name points the other way: "Namnet
/// säger ”öka”, men siffrorna är satta så att de ska minska."
pub fn name_disagrees(word: &str, direction: &str) -> String {
    format!("Namnet säger ”{word}”, men siffrorna är satta så att de {direction}.")
}

/// What a goal's status rests on.
pub const FROM_FIGURES: &str = "beräknat från siffrorna";
pub const PER_REPORT: &str = "enligt rapporten";
pub const NOT_FROM_FIGURES: &str = "kan inte räknas fram ur siffrorna";

/// Month names, in dates shown in words ("3 januari 2024") and short
/// ("3 jan 2024").
pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];
pub const MONTHS_SHORT: [&str; 12] = [
    "jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec",
];

/// "senast dec 2023": when a target is due.
pub fn due(date: &str) -> String {
    format!("senast {date}")
}

/// "90 % mot utgångsläget 58,3 %": a result judged against the baseline.
pub fn against_baseline(result: &str, baseline: &str) -> String {
    format!("{result} mot utgångsläget {baseline}")
}

/// "90,0 % mot referensvärdet 79,6 %", or with the report's own name for
/// the reference ("… mot riket").
pub fn against_reference(value: &str, reference: &str, label: Option<&str>) -> String {
    match label {
        Some(l) => format!("{value} mot {reference} ({l})"),
        None => format!("{value} mot referensvärdet {reference}"),
    }
}

/// "+10 % från utgångsläget (68 %)": a target written as a change.
pub fn from_baseline(change: &str, target: Option<&str>) -> String {
    match target {
        Some(t) => format!("{change} från utgångsläget ({t})"),
        None => format!("{change} från utgångsläget"),
    }
}

/// "enligt rapporten: ”…”": the basis of a goal the report judged itself.
pub fn per_report_quoted(quote: &str) -> String {
    format!("{PER_REPORT}: {}", quoted(quote))
}

/// "Enligt rapporten: delvis uppnått – ”…”": the report's own verdict
/// beside a computed one.
pub fn report_says(status: &str, quote: &str) -> String {
    format!("Enligt rapporten: {status} – {}", quoted(quote))
}

/// Text in Swedish quotation marks, ”…”, with quotation marks inside it
/// made the inner ones, ’…’ (straight or typographic, as written).
pub fn quoted(text: &str) -> String {
    let inner: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '"' | '”' | '“' | '„' => '’',
            c => c,
        })
        .collect();
    format!("”{inner}”")
}

/// "2 planer med 7 mål räknas inte med: målen är inte utvärderade än."
pub fn plans_apart(plans: usize, goals: usize) -> String {
    format!(
        "{} med {} räknas inte med: målen är inte utvärderade än.",
        count(plans, "plan", "planer"),
        count(goals, "mål", "mål")
    )
}

/// The charts' labels and their accessible texts.
pub mod chart {
    pub fn baseline(v: &str) -> String {
        format!("utgångsläge {v}")
    }
    pub fn target(v: &str) -> String {
        format!("mål {v}")
    }
    pub fn result(v: &str) -> String {
        format!("resultat {v}")
    }
    /// "Skala 0–100 %."
    pub fn scale(max: &str) -> String {
        format!("Skala 0–{max}.")
    }
    /// " Måluppfyllelse: uppnått."
    pub fn goal_status(s: &str) -> String {
        format!(" {}: {s}.", super::GOAL_VERDICT)
    }
    pub fn goal_title(name: &str) -> String {
        format!("Utgångsläge, mål och resultat: {name}")
    }
    pub fn series_title(name: &str) -> String {
        format!("Mätvärden över tid: {name}")
    }
    /// What a series' reference line is called when the report names none.
    pub const REFERENCE: &str = "Jämförelse";
    /// "8 mätningar från jan 2024 till aug 2024. Mottagningen: …."
    pub fn series_desc(n: usize, from: &str, to: &str, points: &str) -> String {
        format!("{n} mätningar från {from} till {to}. {CLINIC}: {points}.")
    }
    /// " Mål: 75 %."
    pub fn series_target(t: &str) -> String {
        format!(" Mål: {t}.")
    }
    /// The series' own line, in the legend.
    pub const CLINIC: &str = "Mottagningen";
    /// "median 51,5 %", the median line's label.
    pub fn median(m: &str) -> String {
        format!("median {m}")
    }
    /// " Median: 51,5 %."
    pub fn series_median(m: &str) -> String {
        format!(" Median: {m}.")
    }
    /// "Målen: 1 uppnått · 2 ej uppnådda".
    pub fn tally_title(statuses: &str) -> String {
        format!("Målen: {statuses}")
    }
    pub fn compare_title(family: &str) -> String {
        format!("{family}: utgångsläge, resultat och mål per rapport")
    }
    pub fn compare_desc(max: &str) -> String {
        format!(
            "Varje rad är en rapport: en ring för utgångsläget, en pil till resultatet och ett streckat streck för målet, på en skala 0–{max}. Siffrorna finns i tabellen."
        )
    }
}

/// A report page's own headings.
pub mod page {
    /// Contents entries arkiv adds.
    pub const INDICATORS: &str = "Indikatorer";
    pub const ATTACHMENTS: &str = "Bilagor och original";
    /// "PDF-dokument, extern länk".
    pub fn external(kind: &str) -> String {
        format!("{kind}, extern länk")
    }
    /// The template's English PDSA headings by their Swedish names (PGSA).
    pub fn pdsa(key: &str) -> Option<&'static str> {
        Some(match key {
            "plan" => "Planera",
            "do" => "Göra",
            "study" => "Studera",
            "act" | "action" => "Agera",
            _ => return None,
        })
    }
}

/// The accessibility statement's defaults.
pub mod statement {
    pub const FULL: &str =
        "Webbplatsen är helt förenlig med lagen om tillgänglighet till digital offentlig service.";
    pub const PARTIAL: &str = "Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan.";
    pub const NONE: &str = "Webbplatsen är inte förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan.";
    pub const KNOWN_ISSUES: [&str; 2] = [
        "Bilagor och originalrapporter i Word- och PDF-format är skrivna av mottagningarna och publiceras som de kom in. De kan sakna rubrikstruktur, alternativtexter till bilder och beskrivningar av diagram. Innehållet i de flesta rapporterna finns också som text på rapportens sida.",
        "Diagram och bilder i äldre rapporter som bara finns som originaldokument har inte alltid en textbeskrivning.",
    ];
    pub const METHOD: &str = "Vi har gjort en självskattning (intern testning) av webbplatsen. Varje version av webbplatsen kontrolleras automatiskt med Nu Html Checker och axe-core (WCAG 2.1 nivå A och AA), och sidorna har granskats manuellt med tangentbord och vid förstoring.";
}

/// The page a moved address answers with.
pub mod moved {
    pub const TITLE: &str = "Sidan har flyttat";
    pub const BODY: &str = "Det du letar efter finns nu på";
}

/// The open data's column headers: (CSV, Swedish for the workbook).
pub const COLUMNS: &[(&str, &str)] = &[
    ("report_url", "Rapport (adress)"),
    ("title", "Rapportens titel"),
    ("clinic", "Mottagning"),
    ("region", "Region"),
    ("year", "År"),
    ("topics", "Teman"),
    ("report_status", "Rapportstatus"),
    ("indicator", "Indikator"),
    ("unit", "Enhet"),
    ("direction", "Riktning"),
    ("baseline", "Utgångsläge"),
    ("baseline_period", "Period för utgångsläge"),
    ("target", "Mål"),
    ("target_change_percent", "Mål, förändring i procent"),
    ("target_by", "Mål senast"),
    ("result", "Resultat"),
    ("result_period", "Period för resultat"),
    ("source", "Källa"),
    ("status", GOAL_VERDICT),
    ("status_basis", "Grund för måluppfyllelse"),
];

/// A clinic whose name gives no slug.
pub const CLINIC_SLUG: &str = "mottagning";

/// "1 200 byte" for a file too small for kB: see `format_size`.
pub fn bytes(n: u64) -> String {
    format!("{}\u{a0}byte", format_count(n as usize))
}

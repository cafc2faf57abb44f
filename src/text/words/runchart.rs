//! The sentences under a run chart (`indicators::runchart` decides what
//! they say; the figures come formatted).

use crate::text::count;

/// "över medianen", "under medianen".
pub const ABOVE: &str = "över medianen";
pub const BELOW: &str = "under medianen";
/// A run whose side is not known.
pub const SAME_SIDE: &str = "på samma sida om medianen";

/// Fewer points than the rules need.
pub fn too_few(n: usize, min: usize) -> String {
    format!(
        "För få mätpunkter för att bedöma om förändringen är mer än slump: serien har {}, och minst {min} behövs.",
        count(n, "mätpunkt", "mätpunkter")
    )
}

/// Every point the same.
pub fn all_same(points: &str, value: &str) -> String {
    format!(
        "Alla {points} mätpunkter har samma värde ({value}), så det går inte att bedöma om det finns en signal om icke-slumpmässig variation."
    )
}

pub fn median(points: &str, value: &str) -> String {
    format!("Medianen för de {points} mätpunkterna är {value}.")
}

/// " 1 punkt ligger på medianen och räknas inte."
pub fn on_median(n: usize) -> String {
    format!(
        " {} på medianen och räknas inte.",
        count(n, "punkt ligger", "punkter ligger")
    )
}

/// "8 punkter" (the longest run).
pub fn points(n: usize) -> String {
    count(n, "punkt", "punkter")
}

/// "serien korsar medianen bara 1 gång", "serien korsar aldrig medianen".
pub fn crossings(n: usize, few: bool) -> String {
    match n {
        0 => "serien korsar aldrig medianen".to_string(),
        c => format!(
            "serien korsar medianen {}{}",
            if few { "bara " } else { "" },
            count(c, "gång", "gånger")
        ),
    }
}

/// " (minst 4 väntas)".
pub fn expected(min: &str) -> String {
    format!(" (minst {min} väntas)")
}

pub fn no_signal(run: &str, limit: &str, crossing: &str) -> String {
    format!(
        " Ingen signal om icke-slumpmässig variation: som mest {run} i rad ligger {SAME_SIDE} (gränsen är {limit}), och {crossing}."
    )
}

/// "8 punkter i rad ligger över medianen (gränsen är 7)".
pub fn shift(run: &str, side: &str, limit: &str) -> String {
    format!("{run} i rad ligger {side} (gränsen är {limit})")
}

pub fn signal(reasons: &[String]) -> String {
    format!(
        " Serien visar en signal om icke-slumpmässig variation: {}.",
        reasons.join(", och ")
    )
}

pub fn toward_goal(end: &str, direction: &str) -> String {
    format!(" Signalen pekar åt målets håll: serien slutar {end} och indikatorn {direction}.")
}

pub fn away_from_goal(end: &str, direction: &str) -> String {
    format!(" Signalen pekar bort från målet: serien slutar {end} men indikatorn {direction}.")
}

pub const NO_DIRECTION: &str = " Indikatorn har ingen riktning (att öka eller minska), så det går inte att säga om signalen pekar åt målets håll.";

//! The template's English PDSA headings ("Plan", "Do", "Study", "Act",
//! "Action") by their Swedish names (PGSA: Planera, Göra, Studera, Agera),
//! for the contents and the links that name a report's heading. The
//! heading itself stays as the report wrote it.

/// The Swedish name of a PDSA heading, else the heading as written.
pub fn heading_name(text: &str) -> String {
    let key = text
        .trim()
        .trim_end_matches([':', '.'])
        .trim()
        .to_lowercase();
    crate::text::words::page::pdsa(&key).map_or_else(|| text.to_string(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_pdsa_headings_get_their_swedish_names() {
        assert_eq!(heading_name("Action"), "Agera");
        assert_eq!(heading_name(" act: "), "Agera");
        assert_eq!(heading_name("Study"), "Studera");
        assert_eq!(heading_name("Do"), "Göra");
        assert_eq!(heading_name("Plan"), "Planera");
        assert_eq!(heading_name("Planen"), "Planen");
        assert_eq!(heading_name("Actions taken"), "Actions taken");
    }
}

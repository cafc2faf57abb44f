//! Markdown → HTML, once per report.
//!
//! pulldown-cmark escapes all text, so the only ways for a report to inject
//! markup are raw HTML and link/image URLs. URLs with a dangerous scheme
//! are neutralised here in the event stream; raw HTML, when present, is
//! passed through the HTML sanitiser (which is comparatively slow, so pages
//! without raw HTML skip it).

use std::collections::HashSet;

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::text::slugify;

/// A report body rendered to HTML, with the plain text of its first
/// paragraph (the default summary).
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub first_paragraph: String,
    /// All text of the body, for similarity and search.
    pub text: String,
    /// The body's headings in order: the report's table of contents, and
    /// what a change idea's `section` names.
    pub headings: Vec<Heading>,
}

/// One heading of a report body.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// 2 for the body's top level (after shifting), up to 6.
    pub level: u8,
    /// The heading's plain text.
    pub text: String,
    /// Its `id`, unique in the body.
    pub id: String,
}

pub(super) fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// True for URLs that may go into `href`/`src`: relative ones and http(s),
/// mailto and tel. Anything else with a scheme (`javascript:`, `data:`,
/// `vbscript:` …) is refused.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let lower = cleaned.to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) => {
            // A colon after the first `/`, `?` or `#` is not a scheme separator.
            if lower[..colon].contains(['/', '?', '#']) {
                return true;
            }
            matches!(&lower[..colon], "http" | "https" | "mailto" | "tel")
        }
    }
}

/// Renders a report body. Headings are shifted so that the body never has
/// an `<h1>` (the report's title is the page's only one), and get ids for
/// linking.
pub fn render(body: &str) -> Rendered {
    render_with(body, &std::collections::HashMap::new())
}

/// [`render`], with the body's own pictures written as `pictures` gives
/// them: file name → the `<img>` attributes other than `alt` (its size,
/// its `srcset`, how it loads), made where the files are known.
pub fn render_with(body: &str, pictures: &std::collections::HashMap<String, String>) -> Rendered {
    let events: Vec<Event> = Parser::new_ext(body, options()).collect();
    let min_level = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(2);
    let shift = 2usize.saturating_sub(min_level);

    let mut first_paragraph = String::new();
    let mut plain = String::with_capacity(body.len());
    let mut skipped_images = 0usize;
    let mut tables = 0usize;
    let mut para_state = 0u8; // 0 = not yet, 1 = inside the first, 2 = done
    let mut has_raw_html = false;
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut headings: Vec<Heading> = Vec::new();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        let ev = events[i].clone();
        match ev {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                // Collect the heading's text for its id.
                let mut text = String::new();
                let mut j = i + 1;
                while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                    if let Event::Text(t) | Event::Code(t) = &events[j] {
                        text.push_str(t);
                    }
                    j += 1;
                }
                let base = id.map(|s| slugify(&s)).unwrap_or_else(|| slugify(&text));
                let base = if base.is_empty() {
                    "avsnitt".to_string()
                } else {
                    base
                };
                let mut unique = base.clone();
                let mut n = 2;
                while !used_ids.insert(unique.clone()) {
                    unique = format!("{base}-{n}");
                    n += 1;
                }
                let level = shift_level(level, shift);
                headings.push(Heading {
                    level: level as u8,
                    text: text.split_whitespace().collect::<Vec<_>>().join(" "),
                    id: unique.clone(),
                });
                out.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(unique)),
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                out.push(Event::End(TagEnd::Heading(shift_level(level, shift))))
            }
            Event::Start(Tag::Paragraph) => {
                if para_state == 0 {
                    para_state = 1;
                }
                out.push(ev);
            }
            Event::End(TagEnd::Paragraph) => {
                if para_state == 1 {
                    para_state = 2;
                }
                out.push(ev);
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if para_state == 1 {
                    first_paragraph.push_str(t);
                }
                plain.push_str(t);
                plain.push(' ');
                out.push(ev);
            }
            Event::SoftBreak | Event::HardBreak => {
                if para_state == 1 {
                    first_paragraph.push(' ');
                }
                out.push(ev);
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                has_raw_html = true;
                out.push(ev);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = if is_safe_url(&dest_url) {
                    dest_url
                } else {
                    CowStr::from("#")
                };
                out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) if pictures.contains_key(dest_url.trim()) => {
                // One of the body's own pictures: its alt text is the
                // text up to the image's end.
                let _ = (link_type, title, id);
                let mut alt = String::new();
                let mut depth = 0usize;
                i += 1;
                while i < events.len() {
                    match &events[i] {
                        Event::Start(Tag::Image { .. }) => depth += 1,
                        Event::End(TagEnd::Image) if depth == 0 => break,
                        Event::End(TagEnd::Image) => depth -= 1,
                        Event::Text(t) | Event::Code(t) => alt.push_str(t),
                        _ => {}
                    }
                    i += 1;
                }
                out.push(Event::Html(CowStr::from(format!(
                    "<img {} alt=\"{}\">",
                    pictures[dest_url.trim()],
                    escape_attr(&alt)
                ))));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if is_safe_url(&dest_url) && !dest_url.trim().is_empty() {
                    out.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                } else {
                    // Drop the image, keep its alt text as plain text.
                    skipped_images += 1;
                }
            }
            Event::End(TagEnd::Image) if skipped_images > 0 => skipped_images -= 1,
            Event::Start(Tag::Table(_)) => {
                tables += 1;
                // Wide tables scroll inside a focusable region instead of
                // widening the page (WCAG 1.4.10 reflow).
                out.push(Event::Html(CowStr::from(format!(
                    "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Tabell {tables}\">"
                ))));
                out.push(ev);
            }
            // A template's empty rows ("| | | |") are left out: a row of
            // nothing tells the reader nothing.
            Event::Start(Tag::TableRow) if empty_row(&events[i..]) => {
                while i < events.len() && !matches!(events[i], Event::End(TagEnd::TableRow)) {
                    i += 1;
                }
            }
            Event::End(TagEnd::Table) => {
                out.push(ev);
                out.push(Event::Html(CowStr::from("</div>")));
            }
            other => out.push(other),
        }
        i += 1;
    }
    let mut html_out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut html_out, out.into_iter());
    if has_raw_html {
        html_out = add_missing_alt(&sanitize(&html_out));
    }
    Rendered {
        html: html_out,
        text: plain,
        headings,
        first_paragraph: first_paragraph
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// Whether the table row starting at `events[0]` has no content at all.
fn empty_row(events: &[Event]) -> bool {
    for e in &events[1..] {
        match e {
            Event::End(TagEnd::TableRow) => return true,
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t)
                if !t.trim().is_empty() =>
            {
                return false
            }
            Event::Start(Tag::Image { .. }) | Event::FootnoteReference(_) => return false,
            _ => {}
        }
    }
    true
}

fn shift_level(level: HeadingLevel, shift: usize) -> HeadingLevel {
    let n = (level as usize + shift).min(6);
    HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
}

/// Gives every `<img>` without an `alt` an empty one, so that images from
/// raw HTML count as decorative rather than failing accessibility checks.
fn add_missing_alt(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while let Some(i) = rest.find("<img") {
        let (before, tag_start) = rest.split_at(i);
        out.push_str(before);
        let end = tag_start.find('>').map_or(tag_start.len(), |e| e + 1);
        let tag = &tag_start[..end];
        if tag.contains(" alt=") {
            out.push_str(tag);
        } else {
            out.push_str("<img alt=\"\"");
            out.push_str(&tag[4..]);
        }
        rest = &tag_start[end..];
    }
    out.push_str(rest);
    out
}

/// Cleans HTML that came from raw HTML in Markdown: keeps structure
/// (headings, lists, tables, emphasis, images, links), drops scripts,
/// event handlers, frames, forms, styles and dangerous URL schemes.
/// Text for an HTML attribute value in double quotes.
pub fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub fn sanitize(html: &str) -> String {
    use std::sync::LazyLock;
    static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
        let mut b = ammonia::Builder::default();
        b.url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
            .link_rel(None)
            .add_tag_attributes("div", ["class", "role", "tabindex", "aria-label"])
            .add_generic_attributes(["id"])
            .add_tag_attributes("td", ["colspan", "rowspan"])
            .add_tag_attributes("th", ["colspan", "rowspan", "scope"])
            .add_tag_attributes("sup", ["id"])
            .add_tag_attributes("img", ["srcset", "sizes", "loading", "decoding"])
            .rm_tags(["small", "big"])
            // ammonia lets `jav&#x11;ascript:` through as a "relative" URL;
            // apply the same scheme check as Markdown links and images.
            .attribute_filter(|_, attr, value| {
                if matches!(attr, "href" | "src") && !is_safe_url(value) {
                    None
                } else {
                    Some(value.into())
                }
            });
        b
    });
    CLEANER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_table_rows_are_left_out() {
        let r =
            render("| Delmål | Åtgärd |\n| --- | --- |\n| | |\n| Fler SIP | Rutin |\n|  |   |\n");
        assert_eq!(r.html.matches("<tr>").count(), 2, "{}", r.html);
        assert!(r.html.contains("<td>Fler SIP</td>"), "{}", r.html);
        let only_empty = render("| A | B |\n| --- | --- |\n| | |\n");
        assert!(
            only_empty.html.contains("<th>A</th>"),
            "{}",
            only_empty.html
        );
        assert_eq!(
            only_empty.html.matches("<tr>").count(),
            1,
            "{}",
            only_empty.html
        );
    }

    #[test]
    fn headings_shift_and_get_ids() {
        let r = render("# Mål\n\nText\n\n## Mål\n");
        assert!(r.html.contains("<h2 id=\"mal\">Mål</h2>"), "{}", r.html);
        assert!(r.html.contains("<h3 id=\"mal-2\">Mål</h3>"), "{}", r.html);
        let r = render("## Resultat\n");
        assert!(r.html.contains("<h2 id=\"resultat\">"), "{}", r.html);
    }

    #[test]
    fn first_paragraph_is_plain_text() {
        let r = render("## Rubrik\n\nVi *ökade* antalet\nSIP.\n\nAndra stycket.");
        assert_eq!(r.first_paragraph, "Vi ökade antalet SIP.");
    }

    #[test]
    fn tables_and_footnotes() {
        let r = render("| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1]\n\n[^1]: Not.\n");
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("footnote"));
    }

    #[test]
    fn dangerous_urls_and_raw_html() {
        let r = render("[x](javascript:alert(1)) ![y](data:text/html;base64,xx)");
        assert!(!r.html.contains("javascript:"), "{}", r.html);
        assert!(!r.html.contains("data:"), "{}", r.html);
        assert!(!r.html.contains("<img"), "unsafe image dropped: {}", r.html);
        assert!(
            r.html.contains(">y<") || r.html.contains(" y"),
            "alt text kept: {}",
            r.html
        );
        let r = render(
            "<script>alert(1)</script>\n\n<p onclick=\"x()\">hej</p><iframe src=x></iframe>",
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("onclick"), "{}", r.html);
        assert!(!r.html.contains("<iframe"), "{}", r.html);
        assert!(r.html.contains("hej"));
        let r = render(
            "<img src=\"bild.png\">\n\n<a href=\"javascript:x\">l</a>\n\n| a |\n|---|\n| 1 |\n",
        );
        assert!(
            r.html.contains("<img alt=\"\" src=\"bild.png\">"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("rel="), "{}", r.html);
        assert!(r.html.contains("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Tabell 1\"><table>"), "{}", r.html);
        assert!(is_safe_url("../bilaga.pdf"));
        assert!(is_safe_url("https://example.org/a:b"));
        assert!(!is_safe_url(" JaVa\tscript:alert(1)"));
    }
}

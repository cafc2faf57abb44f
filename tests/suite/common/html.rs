//! Reading built pages: visible text, CSS selection, the internal-link
//! check and the executable-markup check shared by the safety, browser and
//! real-content tests.

use std::path::Path;

use super::files_below;
use scraper::Html;

/// The visible text of an element, whitespace collapsed, no-break spaces
/// turned into plain ones.
pub fn text_of(el: scraper::ElementRef) -> String {
    // Text nodes are joined with a space: block elements (dt/dd, th/td)
    // would otherwise run together.
    el.text()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn select<'a>(doc: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = scraper::Selector::parse(css).unwrap();
    doc.select(&sel).collect()
}

/// Checks a built site: every internal `href`/`src` resolves to a file
/// (anchors to an element id of the target page), and no page loads
/// anything (stylesheet, script, image, frame, font, media) from another
/// origin. Returns the problems found.
pub fn link_problems(out: &Path, base_path: &str) -> Vec<String> {
    use std::collections::{HashMap, HashSet};
    let pages: Vec<String> = files_below(out)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    let mut ids: HashMap<String, HashSet<String>> = HashMap::new();
    let mut docs = Vec::new();
    for p in &pages {
        let doc = Html::parse_document(&std::fs::read_to_string(out.join(p)).unwrap());
        let set = select(&doc, "[id]")
            .into_iter()
            .filter_map(|e| e.value().attr("id").map(String::from))
            .collect();
        ids.insert(p.clone(), set);
        docs.push((p.clone(), doc));
    }
    let mut problems = Vec::new();
    for (p, doc) in &docs {
        for el in select(doc, "[href], [src], [action], [srcset], [poster], [data]") {
            let tag = el.value().name();
            for attr in ["href", "src", "action", "poster", "data"] {
                let Some(url) = el.value().attr(attr) else {
                    continue;
                };
                let external = url.starts_with("http://")
                    || url.starts_with("https://")
                    || url.starts_with("//");
                if external {
                    let canonical = tag == "link" && el.value().attr("rel") == Some("canonical");
                    let alternate = tag == "link" && el.value().attr("rel") == Some("alternate");
                    if !(tag == "a" || canonical || alternate) {
                        problems.push(format!(
                            "{p}: <{tag} {attr}=\"{url}\"> loads from another site"
                        ));
                    }
                    continue;
                }
                if url.starts_with("mailto:") || url.starts_with("tel:") {
                    continue;
                }
                let (path, anchor) = match url.split_once('#') {
                    Some((a, b)) => (a, Some(b)),
                    None => (url, None),
                };
                let path = path.split('?').next().unwrap_or("");
                let target = if path.is_empty() {
                    p.clone()
                } else if let Some(rel) = path.strip_prefix(base_path) {
                    let rel = percent_decode(rel);
                    if rel.is_empty() || rel.ends_with('/') {
                        format!("{rel}index.html")
                    } else {
                        rel
                    }
                } else {
                    problems.push(format!(
                        "{p}: <{tag} {attr}=\"{url}\"> is not under the base path {base_path}"
                    ));
                    continue;
                };
                if !out.join(&target).is_file() {
                    problems.push(format!("{p}: <{tag} {attr}=\"{url}\"> is broken"));
                    continue;
                }
                if let Some(a) = anchor.filter(|a| !a.is_empty()) {
                    if ids
                        .get(&target)
                        .is_some_and(|s| !s.contains(&percent_decode(a)))
                    {
                        problems.push(format!(
                            "{p}: <{tag} {attr}=\"{url}\"> points to a missing anchor"
                        ));
                    }
                }
            }
        }
    }
    problems
}

pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Problems with executable markup in one output file: scripts, event
/// handlers, dangerous URL schemes, frames, plugins, forms that are not
/// the site's own search forms.
pub fn executable_markup(name: &str, text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let doc = Html::parse_document(text);
    for el in select(&doc, "*") {
        let v = el.value();
        let tag = v.name();
        // The one script arkiv writes: the search page's module, empty and
        // from the site's own assets.
        let own_search_script = tag == "script"
            && name.ends_with("sok/index.html")
            && v.attr("type") == Some("module")
            && v.attr("src")
                .is_some_and(|s| s.starts_with('/') && s.ends_with("/assets/sok.js"))
            && el.text().next().is_none();
        if !own_search_script
            && matches!(
                tag,
                "script" | "iframe" | "frame" | "frameset" | "object" | "embed" | "applet" | "base"
            )
        {
            problems.push(format!("{name}: <{tag}> element"));
        }
        if tag == "meta"
            && v.attr("http-equiv")
                .is_some_and(|h| h.eq_ignore_ascii_case("refresh"))
        {
            problems.push(format!("{name}: <meta http-equiv=refresh>"));
        }
        if tag == "form" && v.attr("role") != Some("search") {
            problems.push(format!("{name}: <form> that is not a search form"));
        }
        for (attr, value) in v.attrs() {
            let attr_l = attr.to_ascii_lowercase();
            if attr_l.starts_with("on") {
                problems.push(format!("{name}: <{tag} {attr}=…> event handler"));
            }
            let cleaned: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            let url_attr = matches!(
                attr_l.as_str(),
                "href"
                    | "src"
                    | "action"
                    | "formaction"
                    | "data"
                    | "xlink:href"
                    | "poster"
                    | "background"
                    | "srcset"
            );
            if url_attr
                && (cleaned.starts_with("javascript:")
                    || cleaned.starts_with("data:")
                    || cleaned.starts_with("vbscript:"))
            {
                problems.push(format!("{name}: <{tag} {attr}=\"{value}\"> dangerous URL"));
            }
            if attr_l == "style"
                && (cleaned.contains("javascript:") || cleaned.contains("expression("))
            {
                problems.push(format!("{name}: <{tag} style=…> with script"));
            }
        }
    }
    problems
}

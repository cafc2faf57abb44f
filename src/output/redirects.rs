//! Redirect pages for old URLs: front matter `aliases` (to the report) and
//! `[[redirects]]` in `site.toml` (to any page of the site, or elsewhere).
//!
//! Old URLs of the link-list era look like `/Länkar till
//! kvalitetsrapporter 2021.html`: raw spaces and Swedish letters, sometimes
//! percent-encoded. Each is written under its decoded path, below the
//! output root, as a small page with a meta refresh, a canonical link and a
//! visible link, so it works on any static host. Two redirects from one URL
//! to different places, or a redirect over a real page, is an error.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::diag::{Code, Diagnostic};
use crate::model::SiteModel;
use crate::output::Outputs;
use crate::text::percent_decode;
use crate::text::{encode_url, escape_html};

/// One redirect to write.
#[derive(Debug, Clone, PartialEq)]
pub struct RedirectPage {
    /// The file to write, relative to the output root.
    pub file: String,
    /// Where it goes: a path from the site's root (`/2021/`) or an address.
    pub to: String,
}

struct Origin {
    file: String,
    line: usize,
    col: usize,
}

/// Checks every redirect against the others and the site's own files
/// (`files`: output paths of pages and other written files) and returns the
/// pages to write.
pub fn plan(
    config: &Config,
    model: &SiteModel,
    files: &Outputs,
) -> (Vec<RedirectPage>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut wanted: Vec<(String, String, Origin)> = Vec::new();
    for r in &model.reports {
        for a in &r.aliases {
            let origin = Origin {
                file: r.file.clone(),
                line: a.line,
                col: a.col,
            };
            wanted.push((
                a.path.clone(),
                format!("/{}", crate::urls::report(r.year, &r.stem)),
                origin,
            ));
        }
    }
    for rd in &config.redirects {
        let (line, col) = config.position(rd.from.span().start);
        let origin = Origin {
            file: crate::config::CONFIG_FILE.to_string(),
            line,
            col,
        };
        let to = rd.to.get_ref().trim().to_string();
        let external = to.starts_with("https://") || to.starts_with("http://");
        if !external && output_file(&to).is_none_or(|f| !files.contains(&f)) {
            let (line, col) = config.position(rd.to.span().start);
            diags.push(Diagnostic::error(Code::Redirect,
                crate::config::CONFIG_FILE,
                line,
                col,
                format!("redirect target \"{to}\" is not a page of the site (a path like \"/2021/\", or an http(s) address)"),
            ));
            continue;
        }
        wanted.push((rd.from.get_ref().trim().to_string(), to, origin));
    }

    let mut planned: BTreeMap<String, (String, Origin)> = BTreeMap::new();
    for (from, to, origin) in wanted {
        let err = |msg: String| {
            Diagnostic::error(Code::Redirect, &origin.file, origin.line, origin.col, msg)
        };
        let Some(file) = output_file(&from) else {
            diags.push(err(format!(
                "cannot redirect from \"{from}\": an old URL must be a path from the site's root, without \"..\", \"//\", quotes or angle brackets"
            )));
            continue;
        };
        if files.contains(&file) {
            diags.push(err(format!(
                "a redirect from \"{from}\" would replace a page of the site"
            )));
            continue;
        }
        // `arkiv serve`'s own page of what is left to do: never built.
        if file.starts_with("_redaktion/") {
            diags.push(err(format!(
                "cannot redirect from \"{from}\": /_redaktion/ is arkiv serve's own page"
            )));
            continue;
        }
        match planned.get(&file) {
            Some((other, first)) if *other != to => diags.push(err(format!(
                "\"{from}\" already redirects to \"{other}\" ({}:{}:{}); it cannot also go to \"{to}\"",
                first.file, first.line, first.col
            ))),
            Some(_) => {}
            None => {
                planned.insert(file, (to, origin));
            }
        }
    }
    let pages = planned
        .into_iter()
        .map(|(file, (to, _))| RedirectPage { file, to })
        .collect();
    (pages, diags)
}

/// The output file of an old URL: decoded, below the root, `index.html`
/// added to a folder. `None` when the path is unusable.
pub fn output_file(url_path: &str) -> Option<String> {
    let path = url_path.split(['?', '#']).next()?;
    let rest = path.strip_prefix('/')?;
    let decoded = percent_decode(rest)?;
    if decoded
        .chars()
        .any(|c| c.is_control() || matches!(c, '\\' | '"' | '<' | '>'))
    {
        return None;
    }
    let trimmed = decoded.strip_suffix('/').unwrap_or(&decoded);
    if !trimmed.is_empty()
        && trimmed
            .split('/')
            .any(|seg| seg.is_empty() || seg == "." || seg == ".." || seg.trim() != seg)
    {
        return None;
    }
    let last = trimmed.rsplit('/').next().unwrap_or("");
    Some(if decoded.is_empty() {
        "index.html".to_string()
    } else if decoded.ends_with('/') || !last.contains('.') {
        format!("{trimmed}/index.html")
    } else {
        decoded
    })
}

/// The redirect page itself: works without JavaScript, tells search
/// engines where the page went, and shows a link for people.
pub fn html(config: &Config, to: &str) -> String {
    let base = config.base_path();
    let (href, canonical) = match to.strip_prefix('/') {
        Some(rel) => {
            let site = config.base_url.get_ref().trim_end_matches('/');
            let site = site
                .strip_suffix(base.trim_end_matches('/'))
                .unwrap_or(site);
            (format!("{base}{rel}"), format!("{site}{base}{rel}"))
        }
        None => (to.to_string(), to.to_string()),
    };
    let (href, canonical) = (encode_url(&href), encode_url(&canonical));
    format!(
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{moved} – {title}</title>\n\
         <link rel=\"canonical\" href=\"{canonical_attr}\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={href_attr}\">\n</head>\n<body>\n\
         <main>\n<h1>{moved}</h1>\n\
         <p>{body} <a href=\"{href_attr}\">{canonical_text}</a>.</p>\n</main>\n\
         </body>\n</html>\n",
        moved = crate::text::words::moved::TITLE,
        body = crate::text::words::moved::BODY,
        title = escape_html(&config.title),
        canonical_attr = escape_html(&canonical),
        href_attr = escape_html(&href),
        canonical_text = escape_html(&canonical),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_urls_become_files_below_the_root() {
        for (url, file) in [
            (
                "/Länkar till kvalitetsrapporter 2021.html",
                Some("Länkar till kvalitetsrapporter 2021.html"),
            ),
            (
                "/L%C3%A4nkar%20till%20kvalitetsrapporter%202021.html",
                Some("Länkar till kvalitetsrapporter 2021.html"),
            ),
            ("/gamla/rapport", Some("gamla/rapport/index.html")),
            ("/gamla/rapport/", Some("gamla/rapport/index.html")),
            ("/gamla/a.pdf?x=1", Some("gamla/a.pdf")),
            ("/", Some("index.html")),
            ("/gamla/../../etc/passwd", None),
            ("/gamla/%2e%2e/x.html", None),
            ("//evil.example/x", None),
            ("relativ.html", None),
            ("/a\\b.html", None),
            ("/\"><script>.html", None),
            ("/%ZZ.html", None),
        ] {
            assert_eq!(output_file(url).as_deref(), file, "{url}");
        }
    }
}

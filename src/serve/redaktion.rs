//! `/_redaktion/`: what `arkiv status` lists, as a page of the preview,
//! each item linked to its report's page. Only `serve` answers it (no
//! `build` writes it), and only to clients that may see unpublished work
//! (see `http.rs`).

use std::collections::HashMap;

use super::Snapshot;
use crate::site::Site;
use crate::state::State;
use crate::status::{Item, Kind, Status, PARTS};
use crate::text::escape_html as esc;

/// The page's path, beside the server's own `/__arkiv/` endpoints.
pub const PATH: &str = "/_redaktion/";

/// The status of the archive now: the snapshot's diagnostics, the
/// preview's drafts, and the pending updates (with their own diagnostics).
pub fn status(snap: &Snapshot, live: &Site) -> Status {
    let mut diags = snap.diagnostics.clone();
    diags.extend(snap.pending.iter().cloned());
    let drafts = live.model.reports.iter().filter(|r| r.draft).map(|r| &**r);
    Status::new(&diags, drafts, &State::of(&live.root))
}

/// The page, in Swedish, with the site's own stylesheet.
pub fn page(snap: &Snapshot, live: &Site) -> String {
    let status = status(snap, live);
    let base = live.config.base_path();
    // A report's page by its file (a pending update's by its own file).
    let pages: HashMap<&str, String> = live
        .model
        .reports
        .iter()
        .map(|r| (r.file.as_str(), format!("{base}{}", r.rel_url())))
        .collect();
    let link = |i: &Item| {
        let at = esc(&i.place());
        match pages.get(i.file.as_str()) {
            Some(url) => format!("<a href=\"{}\">{at}</a>", esc(url)),
            None => at,
        }
    };
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n<title>Redaktion – {title}</title>\n<link rel=\"stylesheet\" href=\"{base}assets/arkiv.css\">\n</head>\n<body>\n<header class=\"site-header\"><div class=\"wrap header-inner\"><p class=\"site-title\"><a href=\"{base}\">{title}</a></p></div></header>\n<main id=\"innehall\" class=\"wrap redaktion\">\n<h1>Kvar att göra</h1>\n<p>{}. Samma lista ger <code>arkiv status</code>. Sidan finns bara i förhandsvisningen.</p>\n",
        esc(&status.counts()),
        title = esc(&live.config.title),
    );
    for part in PARTS {
        let items: Vec<&Item> = status.items.iter().filter(|i| i.part() == part).collect();
        if items.is_empty() {
            continue;
        }
        html.push_str(&format!("<section>\n<h2>{}</h2>\n<ul>\n", part.heading()));
        for i in items {
            let class = match i.kind {
                Kind::Todo | Kind::Conflict => format!(" class=\"redaktion-{}\"", i.kind.slug()),
                _ => String::new(),
            };
            html.push_str(&format!("<li{class}>{}: {}</li>\n", link(i), esc(&i.text)));
        }
        html.push_str("</ul>\n</section>\n");
    }
    html.push_str("</main>\n</body>\n</html>\n");
    html
}

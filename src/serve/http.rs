//! Answers HTTP requests from the current snapshot, with the reload script
//! and the error overlay put into every page: the preview (drafts, pending
//! updates, `/_redaktion/`) to clients that may see it, the published site
//! to the others (`Server::shows_preview`).

use std::sync::mpsc;
use std::time::Duration;

use tiny_http::{Header, Request, Response, StatusCode};

use super::{Server, Snapshot};
use crate::output::Output;
use crate::site::Site;
use crate::text::escape_html as esc;
use crate::urls;

/// The path of the server's own endpoints (never a page of the archive).
const EVENTS: &str = "/__arkiv/events";
const STATUS: &str = "/__arkiv/status";

pub fn handle(server: &Server, request: Request) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/").to_string();
    if path == EVENTS {
        events(server, request);
        return;
    }
    let snap = server.snapshot();
    let preview = server.shows_preview(request.remote_addr().copied());
    if path == STATUS {
        let errors: Vec<String> = match preview {
            true => snap.errors().iter().map(|d| d.to_string()).collect(),
            false => Vec::new(),
        };
        let json = serde_json::json!({
            "version": snap.version,
            "errors": errors,
            "search_files": server.search_files(),
        });
        let _ = request.respond(bytes(
            200,
            "application/json",
            json.to_string().into_bytes(),
        ));
        return;
    }
    // Another client gets the published site, without the overlay (its
    // diagnostics name drafts and pending updates too).
    let snap = if preview {
        snap
    } else {
        std::sync::Arc::new(Snapshot {
            version: snap.version,
            live: snap.public.clone(),
            public: None,
            diagnostics: Vec::new(),
            pending: Vec::new(),
        })
    };
    let response = match &snap.live {
        Some(live) if preview && is_redaktion(live, &path) => {
            page_response(&snap, 200, super::redaktion::page(&snap, live))
        }
        Some(live) => answer(server, &snap, live, &path, preview),
        None => page_response(&snap, 500, NO_SITE.to_string()),
    };
    let _ = request.respond(response);
}

/// `/_redaktion/`, at the server's root or under the site's base path.
fn is_redaktion(site: &Site, path: &str) -> bool {
    let under_base = format!(
        "{}{}",
        site.config.base_path(),
        &super::redaktion::PATH[1..]
    );
    path == super::redaktion::PATH || path == under_base
}

fn answer(
    server: &Server,
    snap: &Snapshot,
    live: &Site,
    url_path: &str,
    preview: bool,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let base = live.config.base_path();
    let Some(rel) = url_path
        .strip_prefix(base.as_str())
        .or_else(|| (url_path.to_string() + "/" == base).then_some(""))
    else {
        return not_found(snap, live);
    };
    let Some(rel) = percent_decode(rel) else {
        return not_found(snap, live);
    };
    let file = urls::file_of(&rel);
    if let Some(output) = live.outputs().get(&file) {
        return produce(snap, live, output, 200);
    }
    if let Some(output) = server.search_file(&file, preview) {
        return produce(snap, live, &output, 200);
    }
    // A folder asked for without its slash.
    if live.outputs().contains(&urls::file_of(&format!("{rel}/"))) {
        let mut r = bytes(301, "text/plain", Vec::new());
        r.add_header(header("Location", &format!("{url_path}/")));
        return r;
    }
    not_found(snap, live)
}

/// One output as a response: pages with the reload script and overlay; a
/// page that fails to render is a 500 with its diagnostic, any other file
/// that cannot be made (an attachment removed since) a 404.
fn produce(
    snap: &Snapshot,
    live: &Site,
    output: &Output,
    status: u16,
) -> Response<std::io::Cursor<Vec<u8>>> {
    match live.produce(output) {
        Ok(data) if output.is_page() => page_response(
            snap,
            status,
            String::from_utf8_lossy(&data).into_owned(),
        ),
        Ok(data) => bytes(status, content_type(&output.path), data.into_owned()),
        Err(d) if output.is_page() => page_response(
            snap,
            500,
            format!("<!DOCTYPE html><html lang=\"sv\"><title>Fel</title><body><pre>{}</pre></body></html>", esc(&d.to_string())),
        ),
        Err(_) => not_found(snap, live),
    }
}

fn not_found(snap: &Snapshot, live: &Site) -> Response<std::io::Cursor<Vec<u8>>> {
    match live.outputs().get(urls::NOT_FOUND) {
        Some(page) => produce(snap, live, page, 404),
        None => bytes(404, "text/plain", Vec::new()),
    }
}

/// A page with the reload script and, while the latest edit has errors,
/// an overlay that lists them.
fn page_response(
    snap: &Snapshot,
    status: u16,
    mut html: String,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut inject = String::from(
        "<script>(()=>{const s=new EventSource(\"/__arkiv/events\");s.addEventListener(\"reload\",()=>location.reload());})();</script>\n",
    );
    let errors = snap.errors();
    if !errors.is_empty() {
        inject.push_str("<div id=\"arkiv-serve-fel\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;background:#fff;color:#1b1b1b;border-top:4px solid #b00020;padding:1rem;font:14px/1.5 monospace;z-index:9999\">");
        inject.push_str(&format!(
            "<p style=\"font-weight:bold;margin:0 0 .5rem\">arkiv: {} fel – sidan visar senaste fungerande version</p><ul style=\"margin:0;padding-left:1.2rem\">",
            errors.len()
        ));
        for d in errors {
            inject.push_str(&format!("<li>{}</li>", esc(&d.to_string())));
        }
        inject.push_str("</ul></div>\n");
    }
    match html.rfind("</body>") {
        Some(i) => html.insert_str(i, &inject),
        None => html.push_str(&inject),
    }
    bytes(status, "text/html; charset=utf-8", html.into_bytes())
}

/// Before the first successful build (the overlay lists why).
const NO_SITE: &str = "<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>arkiv serve</title></head><body><main><h1>Webbplatsen kunde inte byggas</h1></main></body></html>";

fn bytes(status: u16, kind: &str, data: Vec<u8>) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(data)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn content_type(file: &str) -> &'static str {
    match file
        .rsplit('.')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
        .as_str()
    {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    }
}

/// The decoded path, never one that leaves the site.
fn percent_decode(s: &str) -> Option<String> {
    let decoded = crate::text::percent_decode(s)?;
    (!decoded.split('/').any(|seg| seg == "..")).then_some(decoded)
}

/// A server-sent event stream: one `reload` event per new snapshot, and a
/// comment every 15 s so that closed tabs are noticed. Written by hand on
/// the raw connection: tiny_http's response writer buffers chunks.
fn events(server: &Server, request: Request) {
    use std::io::Write;
    let rx = server.subscribe();
    let mut w = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n";
    if w.write_all(head.as_bytes())
        .and_then(|_| w.flush())
        .is_err()
    {
        return;
    }
    loop {
        let msg = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(v) => format!("event: reload\ndata: {v}\n\n"),
            Err(mpsc::RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if w.write_all(msg.as_bytes()).and_then(|_| w.flush()).is_err() {
            return;
        }
    }
}

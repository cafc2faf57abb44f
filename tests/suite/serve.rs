//! `arkiv serve`: an edit shows on every page it touches, open tabs get a
//! reload message, a deleted report disappears, a broken edit shows its
//! diagnostics and the server keeps running. Nothing is written to public/.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

pub struct Served {
    pub child: Child,
    pub port: u16,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `GET path`: status and body.
pub fn get(port: u16, path: &str) -> (u16, String) {
    get_from("127.0.0.1", port, path)
}

/// `GET path` from (and to) the address `ip` of this computer.
pub fn get_from(ip: &str, port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect((ip, port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map_or("", |x| x.1).to_string();
    (status, body)
}

fn status(port: u16) -> serde_json::Value {
    serde_json::from_str(&get(port, "/__arkiv/status").1).unwrap()
}

/// Waits until `path` is served with (or without) `needle`: a rebuild may
/// be overtaken by the background follow-up of an earlier one, so waiting
/// for a version alone is not enough.
pub fn wait_for(port: u16, path: &str, needle: &str, present: bool) -> String {
    let start = Instant::now();
    loop {
        let (_, body) = get(port, path);
        if body.contains(needle) == present {
            return body;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{path}: {needle:?} never {}",
            if present { "appeared" } else { "went" }
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn serve(site: &TestSite) -> Served {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_arkiv"))
        .args(["serve", "--root"])
        .arg(&site.root)
        .args(["--port", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let served = Served { child, port };
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "serve did not start"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    served
}

#[test]
fn edits_show_everywhere_and_broken_edits_do_not_stop_the_server() {
    let site = TestSite::new("valid");
    let s = serve(&site);
    let (code, home) = get(s.port, "/arkiv/");
    assert_eq!(code, 200);
    assert!(
        home.contains("new EventSource(\"/__arkiv/events\")"),
        "reload script injected"
    );
    let v0 = status(s.port)["version"].as_u64().unwrap();

    // An open tab listens for reloads.
    let mut events = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(events, "GET /__arkiv/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();

    let report = site.root.join("content/2023/brommaplan-sip.md");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(
        &report,
        text.replace("title: Fler SIP i Bromma", "title: Ännu fler SIP i Bromma"),
    )
    .unwrap();
    wait_for(
        s.port,
        "/arkiv/2023/brommaplan-sip/",
        "Ännu fler SIP i Bromma",
        true,
    );
    let v1 = status(s.port)["version"].as_u64().unwrap();
    assert!(v1 > v0);
    for page in [
        "/arkiv/2023/brommaplan-sip/",
        "/arkiv/2023/",
        "/arkiv/tema/sip/",
        "/arkiv/mottagningar/brommaplans-vardcentral/",
        "/arkiv/",
    ] {
        let (code, body) = get(s.port, page);
        assert_eq!(code, 200, "{page}");
        assert!(
            body.contains("Ännu fler SIP i Bromma"),
            "{page} shows the new title"
        );
    }
    let mut seen = String::new();
    let mut buf = [0u8; 512];
    while !seen.contains("event: reload") {
        let n = events.read(&mut buf).expect("reload event");
        assert!(n > 0, "event stream closed: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }

    // A deleted report's page is gone.
    std::fs::remove_file(site.root.join("content/2024/alvsjo-angest.md")).unwrap();
    wait_for(s.port, "/arkiv/2024/", "alvsjo-angest", false);
    assert_eq!(get(s.port, "/arkiv/2024/alvsjo-angest/").0, 404);

    // A broken edit: diagnostics in the status and as an overlay; the last
    // good site is still served.
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, text.replace("year: 2023", "year: 20x3")).unwrap();
    wait_for(s.port, "/arkiv/", "arkiv-serve-fel", true);
    let st = status(s.port);
    let errors = st["errors"].as_array().unwrap();
    assert!(
        errors.iter().any(|e| e
            .as_str()
            .unwrap()
            .starts_with("content/2023/brommaplan-sip.md:")),
        "{st}"
    );
    let (code, page) = get(s.port, "/arkiv/2023/brommaplan-sip/");
    assert_eq!(code, 200);
    assert!(
        page.contains("id=\"arkiv-serve-fel\"") && page.contains("brommaplan-sip.md:"),
        "overlay"
    );
    // Fixed: the overlay goes.
    std::fs::write(&report, text).unwrap();
    wait_for(s.port, "/arkiv/", "arkiv-serve-fel", false);
    assert!(status(s.port)["errors"].as_array().unwrap().is_empty());
    assert!(!site.public().exists(), "serve never writes public/");
}

#[test]
fn new_files_and_config_changes_are_picked_up_and_a_busy_port_is_an_error() {
    let site = TestSite::new("valid");
    let s = serve(&site);
    // A new report appears, on its page and in its year.
    site.write(
        "content/2024/ny-rapport.md",
        "---\ntitle: En alldeles ny rapport\nclinic: Nya mottagningen\nyear: 2024\ntopics: [sip]\n---\n\nText.\n",
    );
    wait_for(
        s.port,
        "/arkiv/2024/ny-rapport/",
        "En alldeles ny rapport",
        true,
    );
    assert!(get(s.port, "/arkiv/2024/")
        .1
        .contains("En alldeles ny rapport"));
    // site.toml: a new title on every page.
    let config = site.root.join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("title = \"Testarkivet\"", "title = \"Det nya arkivet\""),
    )
    .unwrap();
    wait_for(s.port, "/arkiv/ar/", "Det nya arkivet", true);

    // A second server on the same port: exit 1 with a message.
    let out = Command::new(env!("CARGO_BIN_EXE_arkiv"))
        .args(["serve", "--root"])
        .arg(&site.root)
        .args(["--port", &s.port.to_string()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains(&format!("cannot listen on 127.0.0.1:{}", s.port)));
}

#[test]
fn serve_previews_drafts_marked_and_noindex() {
    let site = TestSite::new("valid");
    let s = serve(&site);
    let page = wait_for(
        s.port,
        "/arkiv/2024/aspudden-utkast/",
        "<strong>Utkast</strong>",
        true,
    );
    assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));
    let (code, _) = get(s.port, "/arkiv/2024/aspudden-utkast/");
    assert_eq!(code, 200);
    let year = get(s.port, "/arkiv/2024/").1;
    assert!(year.contains("badge-draft\">Utkast<"), "listed and marked");
    // Never in the feed, the sitemap or the open data, even in the preview.
    for path in [
        "/arkiv/atom.xml",
        "/arkiv/sitemap.xml",
        "/arkiv/data/rapporter.json",
    ] {
        let (code, body) = get(s.port, path);
        assert_eq!(code, 200, "{path}");
        assert!(!body.contains("aspudden-utkast"), "{path} names the draft");
    }
    assert!(!site.public().exists(), "serve writes nothing");
}

/// `GET path` as bytes (the index files are compressed).
fn get_bytes(port: u16, path: &str) -> Option<Vec<u8>> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let at = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    // "HTTP/1.x 200 OK"
    (buf.get(9..12) == Some(b"200".as_slice())).then(|| buf[at + 4..].to_vec())
}

fn served_index(port: u16) -> arkiv::search::query::Index {
    arkiv::search::query::Index::load(|name| get_bytes(port, &format!("/arkiv/sok/index/{name}")))
        .unwrap()
}

#[test]
fn serve_updates_the_search_index_after_an_edit_with_drafts_marked() {
    let site = TestSite::new("valid");
    let s = serve(&site);
    let start = Instant::now();
    while get_bytes(s.port, "/arkiv/sok/index/entry.json").is_none() {
        assert!(start.elapsed() < Duration::from_secs(20), "no index served");
        std::thread::sleep(Duration::from_millis(100));
    }
    let index = served_index(s.port);
    // The draft is a document in the preview, and flagged.
    let draft = (0..index.meta.len() as u32)
        .find(|&d| index.url(d) == "/arkiv/2024/aspudden-utkast/")
        .expect("the draft is in serve's index");
    assert_eq!(index.facets["drafts"], serde_json::json!([draft]));
    let stemmer = pagefind_stem::Stemmer::create(pagefind_stem::Algorithm::Swedish);
    let stem = |w: &str| stemmer.stem(w).into_owned();
    assert!(index.search(stem, "zebrafinkar").is_empty());

    let report = site.root.join("content/2023/brommaplan-sip.md");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, format!("{text}\nVi räknade zebrafinkar.\n")).unwrap();
    let start = Instant::now();
    loop {
        let index = served_index(s.port);
        let found: Vec<&str> = index
            .search(stem, "zebrafinkar")
            .into_iter()
            .map(|d| index.url(d))
            .collect();
        if found == ["/arkiv/2023/brommaplan-sip/"] {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "not updated: {found:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serve_serves_cleaned_copies_and_cleans_an_edited_attachment() {
    let site = TestSite::new("minimal");
    site.write(
        "content/2023/kry.md",
        "---\ntitle: Öka antalet SIP\nclinic: Kry Vallentuna\nyear: 2023\ntopics: [sip]\nattachments:\n  - { file: bilaga.docx, title: Bilaga }\n---\nText.\n",
    );
    let clean_dir = fixture("clean");
    let source = |name: &str| std::fs::read(clean_dir.join(name)).unwrap();
    let cleaned = |name: &str| {
        arkiv::clean::clean(arkiv::clean::Kind::Docx, &source(name))
            .unwrap()
            .bytes
    };
    std::fs::write(
        site.root.join("content/2023/bilaga.docx"),
        source("comment.docx"),
    )
    .unwrap();
    let s = serve(&site);
    let wait_bytes = |want: &[u8]| {
        let start = Instant::now();
        loop {
            if get_bytes(s.port, "/2023/kry/bilaga.docx").as_deref() == Some(want) {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "not served as cleaned"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    wait_bytes(&cleaned("comment.docx"));
    // An edited attachment is cleaned again; the source stays as written.
    std::fs::write(
        site.root.join("content/2023/bilaga.docx"),
        source("tracked.docx"),
    )
    .unwrap();
    wait_bytes(&cleaned("tracked.docx"));
    assert_eq!(
        std::fs::read(site.root.join("content/2023/bilaga.docx")).unwrap(),
        source("tracked.docx")
    );
}

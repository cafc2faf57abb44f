//! What `arkiv serve` shows of unpublished work: a pending update of
//! `arkiv import` in place of its report, a draft's TODOs in its notice,
//! `/_redaktion/` (never written by `build`), a TODO left in a published
//! report in the overlay; and all of it to this computer only, unless
//! `--drafts` on another `--bind` address.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;
use crate::serve::{free_port, get, get_from, wait_for, Served};

const DRAFT: &str = "---\n# TODO: skriv mottagningens namn under clinic\ntitle: Fler SIP\nclinic: Okänd mottagning\nyear: 2025\ntopics: [sip]\nstatus: plan\ndraft: true\n---\n## Mål\n\nFler SIP.\n";

/// The status site of `status.rs`, without the broken report: a pending
/// update with a conflict, and a draft with a TODO.
fn site() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, root) = crate::import_update::plan_edited();
    let entry = root.join("content/2025/boo-vardcentral-sip.md");
    let edited = std::fs::read_to_string(&entry)
        .unwrap()
        .replace("value: 3, period", "value: 5, period");
    std::fs::write(&entry, edited).unwrap();
    crate::import_gen::import(&root, &[crate::import_update::cycle("del 1 och 2.docx")])
        .assert_ok();
    std::fs::write(root.join("content/2025/utkast-sip.md"), DRAFT).unwrap();
    (tmp, root)
}

/// `arkiv serve` with `args`; its output goes to `log`.
fn serve_with(root: &Path, args: &[&str], log: &Path) -> Served {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_arkiv"))
        .args(["serve", "--root"])
        .arg(root)
        .args(["--port", &port.to_string()])
        .args(args)
        .stdout(Stdio::from(std::fs::File::create(log).unwrap()))
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let served = Served { child, port };
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "serve did not start"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    served
}

#[test]
fn serve_previews_pending_updates_drafts_and_redaktion() {
    let (tmp, root) = site();
    let s = serve_with(&root, &[], &tmp.path().join("serve.log"));
    let (code, page) = get(s.port, "/_redaktion/");
    assert_eq!(code, 200);
    for part in [
        "<h1>Kvar att göra</h1>",
        "1 utkast, 3 saker att göra",
        "<h2>Utkast</h2>",
        "<a href=\"/2025/utkast-sip/\">content/2025/utkast-sip.md:2</a>: skriv mottagningens namn under clinic",
        "<h2>Väntande uppdateringar</h2>",
        "<a href=\"/2025/boo-vardcentral-sip/\">.arkiv/pending/2025/boo-vardcentral-sip.md</a>: uppdateringen av content/2025/boo-vardcentral-sip.md",
        "<li class=\"redaktion-conflict\"><a href=\"/2025/boo-vardcentral-sip/\">.arkiv/pending/2025/boo-vardcentral-sip.md:19</a>: konflikt: du har ändrat baseline",
    ] {
        assert!(page.contains(part), "{part:?}:\n{page}");
    }
    // The report's page shows the pending version, marked, with its TODOs.
    let (_, report) = get(s.port, "/2025/boo-vardcentral-sip/");
    assert!(
        report.contains("<strong>Väntande uppdatering</strong>"),
        "{report}"
    );
    assert!(
        report.contains("<li>rad 19: konflikt: du har ändrat baseline"),
        "{report}"
    );
    assert!(report.contains("Den fasta mötestiden på tisdagar är nu standard."));
    // A draft's notice lists what is left.
    let (_, draft) = get(s.port, "/2025/utkast-sip/");
    assert!(
        draft.contains("<strong>Utkast</strong>")
            && draft.contains("<li>rad 2: skriv mottagningens namn under clinic</li>"),
        "{draft}"
    );

    // Accepting from another terminal: the page follows.
    let pending = root.join(".arkiv/pending/2025/boo-vardcentral-sip.md");
    let resolved: String = std::fs::read_to_string(&pending)
        .unwrap()
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&pending, resolved).unwrap();
    run(&[
        "accept",
        "content/2025/boo-vardcentral-sip.md",
        "--root",
        root.to_str().unwrap(),
    ])
    .assert_ok();
    wait_for(
        s.port,
        "/2025/boo-vardcentral-sip/",
        "Väntande uppdatering",
        false,
    );
    wait_for(s.port, "/_redaktion/", "Väntande uppdateringar", false);

    // A TODO left in a published report: the overlay says so.
    let entry = root.join("content/2025/boo-vardcentral-sip.md");
    let text = std::fs::read_to_string(&entry).unwrap();
    std::fs::write(
        &entry,
        text.replacen("---\n", "---\n# TODO: läs igenom\n", 1),
    )
    .unwrap();
    let body = wait_for(s.port, "/2025/", "open TODO in a published report", true);
    assert!(body.contains("id=\"arkiv-serve-fel\""), "{body}");
    drop(s);

    // No build writes /_redaktion/, nor a pending update.
    std::fs::write(&entry, text).unwrap();
    run(&["build", "--no-search", "--root", root.to_str().unwrap()]).assert_ok();
    assert!(!root.join("public/_redaktion").exists());
    assert!(files_below(&root.join("public"))
        .iter()
        .all(|f| !f.contains("redaktion")));
}

/// Waits (up to 20 s) for `serve`'s log to hold `said`: the line may
/// reach it a moment after the port opens.
fn log_says(log: &std::path::Path, said: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let read = || std::fs::read_to_string(log).unwrap_or_default();
    while !read().contains(said) && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(read().contains(said), "{}", read());
}

/// An address of this computer that is not loopback, if it has one.
fn own_address() -> Option<String> {
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then(|| ip.to_string())
}

#[test]
fn other_clients_see_the_published_site_unless_drafts() {
    let Some(ip) = own_address() else {
        println!("skipped: this computer has no address but loopback");
        return;
    };
    let (tmp, root) = site();
    let log = tmp.path().join("serve.log");
    let s = serve_with(&root, &["--bind", "0.0.0.0"], &log);
    log_says(
        &log,
        "drafts, pending updates and /_redaktion/ are shown only to this computer; other clients see the published site",
    );
    // This computer: the preview.
    assert_eq!(get(s.port, "/_redaktion/").0, 200);
    assert!(get(s.port, "/2025/boo-vardcentral-sip/")
        .1
        .contains("Väntande uppdatering"));
    // Another client (this computer's own address is not loopback): the
    // published site, no drafts, no pending update, no /_redaktion/.
    assert_eq!(get_from(&ip, s.port, "/_redaktion/").0, 404);
    assert_eq!(get_from(&ip, s.port, "/2025/utkast-sip/").0, 404);
    let (code, live) = get_from(&ip, s.port, "/2025/boo-vardcentral-sip/");
    assert_eq!(code, 200);
    assert!(
        !live.contains("Väntande uppdatering")
            && live.contains("Fler äldre med många vårdkontakter"),
        "{live}"
    );
    assert!(!get_from(&ip, s.port, "/2025/").1.contains("utkast-sip"));
    drop(s);

    // With --drafts, every client sees the preview, and is told so.
    let s = serve_with(&root, &["--bind", "0.0.0.0", "--drafts"], &log);
    log_says(
        &log,
        "drafts, pending updates and /_redaktion/ are shown to every client that reaches 0.0.0.0:",
    );
    assert_eq!(get_from(&ip, s.port, "/_redaktion/").0, 200);
    assert_eq!(get_from(&ip, s.port, "/2025/utkast-sip/").0, 200);
}

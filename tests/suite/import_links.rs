//! `arkiv import-links`: an old ISO-8859-1 link-list page becomes link-only
//! entries that build, render with the original and are searchable.

use crate::common::*;

/// Runs `arkiv import-links` on the fixture page into `site`.
fn import_links(site: &TestSite, base_url: Option<&str>) -> Run {
    let page = fixture("link-list").join("lankar-2021.html");
    let mut args = vec![
        "import-links",
        page.to_str().unwrap(),
        "--year",
        "2021",
        "--root",
        site.root.to_str().unwrap(),
    ];
    if let Some(url) = base_url {
        args.extend(["--base-url", url]);
    }
    run(&args)
}

const PAGE_URL: &str = "https://www.example.se/kvalitet/lankar-2021.html";

#[test]
fn a_link_list_page_becomes_link_only_entries() {
    let site = TestSite::new("valid");
    let run = import_links(&site, Some(PAGE_URL));
    run.assert_ok();
    assert!(
        run.stdout
            .contains("3 entries, 1 draft with TODOs, 0 failed; 4 other links ignored"),
        "{}",
        run.stdout
    );
    let read = |stem: &str| {
        std::fs::read_to_string(site.root.join(format!("content/2021/{stem}.md"))).unwrap()
    };
    assert_eq!(
        read("kry-vallentuna-sip"),
        "---\ntitle: \"Kry Vallentuna SIP\"\nclinic: \"Kry Vallentuna\"\nyear: 2021\ntopics: [sip]\nstatus: final\nattachments:\n  - { url: \"https://www.example.se/kvalitet/Kry%20Vallentuna%20SIP.pdf\", title: \"Originalrapport (PDF)\" }\n---\n"
    );
    // ISO-8859-1 text, a percent-encoded href in a subfolder, a topic name.
    let nyhalsan = read("nyhalsan-psykisk-ohalsa");
    assert!(nyhalsan.contains("title: \"Nyhälsan – Psykisk ohälsa\"\nclinic: \"Nyhälsan\"\n"));
    assert!(nyhalsan.contains("topics: [psykisk-ohalsa]"));
    assert!(nyhalsan.contains(
        "url: \"https://www.example.se/kvalitet/dokument/Nyh%C3%A4lsan%20psykisk%20oh%C3%A4lsa.docx\", title: \"Originalrapport (Word)\""
    ));
    // An absolute href, a line break in the link text.
    assert!(read("brommaplans-vc-diabetes")
        .contains("clinic: \"Brommaplans VC\"\nyear: 2021\ntopics: [diabetes]"));
    // No topic in the text: a draft that says what to fix.
    let draft = read("bra-liv-oxnehaga-prea60");
    assert!(
        draft.starts_with("---\n# TODO: inget tema i länktexten \"Bra Liv Öxnehaga prea60\""),
        "{draft}"
    );
    assert!(draft.contains("draft: true"));

    // They build: link-only pages with the original, in listings and search.
    site.build().assert_ok();
    let html = site.read_out("2021/kry-vallentuna-sip/index.html");
    assert!(html.contains("Den här rapporten finns bara som originaldokument."));
    assert!(html.contains("href=\"https://www.example.se/kvalitet/Kry%20Vallentuna%20SIP.pdf\""));
    assert!(site
        .read_out("2021/index.html")
        .contains("Kry Vallentuna SIP"));
    assert!(
        !site.public().join("2021/bra-liv-oxnehaga-prea60").exists(),
        "drafts are not published"
    );
    let records = crate::search::records_of(&site.root);
    let kry = records
        .iter()
        .find(|r| r.url == "/arkiv/2021/kry-vallentuna-sip/")
        .unwrap();
    assert!(kry.content.contains("Kry Vallentuna SIP") && kry.clinic == "Kry Vallentuna");

    // Running it again overwrites nothing.
    let again = import_links(&site, Some(PAGE_URL));
    assert_eq!(again.code, 1);
    assert!(
        again
            .stdout
            .contains("content/2021/kry-vallentuna-sip.md already exists (not overwritten)"),
        "{}",
        again.stdout
    );
}

#[test]
fn relative_links_need_the_page_address() {
    let site = TestSite::new("valid");
    let run = import_links(&site, None);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains(
            "failed Kry Vallentuna SIP: \"Kry Vallentuna SIP.pdf\" is relative: give --base-url"
        ),
        "{}",
        run.stdout
    );
    // The absolute link is still imported.
    assert!(site
        .root
        .join("content/2021/brommaplans-vc-diabetes.md")
        .is_file());
}

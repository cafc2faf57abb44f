//! "Who to ask": the Kontakt block on every report page (contact persons,
//! else the team; the clinic's page and phone; the archive's e-mail with
//! the report's title as subject, and its form), the statement's contact
//! route, and warning W009 for a final report without a contact person.

use crate::common::*;
use scraper::Html;

/// The APC's functional mailbox, `[contact] email` of the real site.
pub const ARCHIVE_EMAIL: &str = "forbattringsarbeten.apc.slso@regionstockholm.se";

fn real_page(rel: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(real_site().join(rel)).unwrap())
}

/// (text, text) pairs: a row's dt and dd, or a link's text and href.
type Pairs = Vec<(String, String)>;

/// The Kontakt section of a page: its rows and its links.
fn kontakt(doc: &Html) -> (Pairs, Pairs) {
    let sections = select(doc, "section[aria-labelledby=kontakt]");
    assert_eq!(sections.len(), 1, "one Kontakt section");
    let sel = |css: &str| scraper::Selector::parse(css).unwrap();
    let s = sections[0];
    assert_eq!(
        s.select(&sel("h2#kontakt"))
            .map(text_of)
            .collect::<Vec<_>>(),
        ["Kontakt"]
    );
    let rows = s
        .select(&sel("dl > div"))
        .map(|d| {
            (
                text_of(d.select(&sel("dt")).next().unwrap()),
                text_of(d.select(&sel("dd")).next().unwrap()),
            )
        })
        .collect();
    let links = s
        .select(&sel("a[href]"))
        .map(|a| (text_of(a), a.value().attr("href").unwrap().to_string()))
        .collect();
    (rows, links)
}

fn mailto(subject: &str) -> String {
    format!("mailto:{ARCHIVE_EMAIL}?subject={subject}")
}

#[test]
fn every_real_report_page_has_its_kontakt_block() {
    // (report, dt, contact people as on the page, title percent-encoded)
    let want: &[(&str, &str, &str, &str)] = &[
        (
            "2022/kvartersakuten-sjukskrivning",
            "Kontaktperson",
            "Niklas Heijne, husläkare",
            "",
        ),
        (
            "2023/kry-vallentuna-sip",
            "Kontaktperson",
            "Jenny Lundqvist, sjuksköterska, verksamhetschef",
            "",
        ),
        (
            "2024/bra-liv-oxnehaga-prea60",
            "Kontaktpersoner",
            "Benjamin Enell, sjukgymnast Eva Svensson, arbetsterapeut Rohieh Baines, vårdsamordnare",
            "F%C3%B6rb%C3%A4ttrade%20rutiner%20f%C3%B6r%20patienter%20med%20predicerat%20%C3%B6kat%20v%C3%A5rdbehov",
        ),
        // Nyhälsan names its improvement group but no contact person: the team.
        ("2024/nyhalsan-psykisk-ohalsa", "Teamet", "Emma Olofsson Ekhem, verksamhetschef", ""),
        (
            "2025/brommaplans-vc-stress-smarta",
            "Kontaktperson",
            "Ursula Christoffersson, rehabkoordinator, leg. sjukgymnast",
            "",
        ),
    ];
    let reports: Vec<String> = files_below(real_site())
        .into_iter()
        .filter(|f| {
            f.matches('/').count() == 2 && f.starts_with("20") && f.ends_with("/index.html")
        })
        .collect();
    assert_eq!(reports.len(), want.len(), "{reports:?}");
    for (report, dt, people, subject) in want {
        let doc = real_page(&format!("{report}/index.html"));
        let (rows, links) = kontakt(&doc);
        assert_eq!(rows[0].0, *dt, "{report}");
        assert!(rows[0].1.starts_with(people), "{report}: {:?}", rows[0]);
        let arkivet = rows.iter().find(|(t, _)| t == "Arkivet").expect(report);
        assert!(arkivet.1.contains(ARCHIVE_EMAIL), "{report}");
        let mail = links
            .iter()
            .find(|(t, _)| t == "Skicka e-post till arkivet om rapporten")
            .unwrap_or_else(|| panic!("{report}: {links:?}"));
        assert!(mail.1.starts_with(&mailto("")), "{report}: {}", mail.1);
        if !subject.is_empty() {
            assert_eq!(mail.1, mailto(subject));
        }
        // The subject decodes to the page's own title.
        let title = text_of(select(&doc, "h1")[0]);
        let encoded = mail.1.rsplit_once("subject=").unwrap().1;
        assert_eq!(percent_decode(encoded), title, "{report}");
        assert!(!encoded.contains([' ', '&', '?', 'ö']), "{encoded}");
    }
    let doc = real_page("2024/nyhalsan-psykisk-ohalsa/index.html");
    let (rows, _) = kontakt(&doc);
    assert!(rows[0].1.contains("Dania Shekli, klinisk apotekare"));
    assert!(rows[0]
        .1
        .ends_with("Rapporten anger ingen särskild kontaktperson."));
}

#[test]
fn real_statement_uses_the_archive_contact() {
    // The real [accessibility] gives no contact: [contact] is used.
    let doc = real_page("tillganglighet/index.html");
    let mails: Vec<String> = select(&doc, "main a[href^='mailto:']")
        .into_iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(mails, [format!("mailto:{ARCHIVE_EMAIL}")]);
}

fn fixture_site() -> TestSite {
    let s = TestSite::new("valid");
    s.build().assert_ok();
    s
}

#[test]
fn fixture_kontakt_blocks() {
    let s = fixture_site();
    let page = |rel: &str| Html::parse_document(&s.read_out(&format!("{rel}/index.html")));
    let archive = (
        "Arkivet".to_string(),
        "Skicka e-post till arkivet om rapporten (arkivet@example.org) Arkivets kontaktformulär"
            .to_string(),
    );

    // A contact person; the clinic's page and phone from [[clinics]], reached by an alias.
    let (rows, links) = kontakt(&page("2023/brommaplan-sip"));
    assert_eq!(
        rows,
        [
            (
                "Kontaktperson".to_string(),
                "Jenny Lundqvist, sjuksköterska, verksamhetschef".to_string()
            ),
            (
                "Mottagningen".to_string(),
                "Webbplats för Brommaplans vårdcentral Telefon: 08-123 456 78".to_string()
            ),
            archive.clone(),
        ]
    );
    let href = |text: &str| {
        links
            .iter()
            .find(|(t, _)| t == text)
            .map(|(_, h)| h.clone())
            .unwrap_or_else(|| panic!("no link {text:?} in {links:?}"))
    };
    assert_eq!(
        href("Webbplats för Brommaplans vårdcentral"),
        "https://brommaplan.example.org/"
    );
    assert_eq!(href("08-123 456 78"), "tel:0812345678");
    assert_eq!(
        href("Skicka e-post till arkivet om rapporten"),
        "mailto:arkivet@example.org?subject=Fler%20SIP%20i%20Bromma"
    );
    assert_eq!(
        href("Arkivets kontaktformulär"),
        "https://example.org/kontakt"
    );

    // No contact person marked: the whole team.
    let (rows, _) = kontakt(&page("2024/brommaplan-psykisk-ohalsa"));
    assert_eq!(
        rows[0],
        (
            "Teamet".to_string(),
            "Anna Berg, psykolog Omar Said Rapporten anger ingen särskild kontaktperson."
                .to_string()
        )
    );
    assert_eq!(rows[1].0, "Mottagningen");

    // No team at all (a link-only entry), no [[clinics]] entry: said in words.
    let (rows, links) = kontakt(&page("2024/oxnehaga-psykisk-ohalsa"));
    assert_eq!(
        rows,
        [
            (
                "Kontaktperson".to_string(),
                "Rapporten anger ingen kontaktperson.".to_string()
            ),
            archive
        ]
    );
    assert_eq!(
        links[0].1,
        "mailto:arkivet@example.org?subject=Teamarbete%20i%20%C3%96xnehaga"
    );

    // The archive's address is the one published; the report's own is removed.
    for f in files_below(&s.public()) {
        let text =
            String::from_utf8_lossy(&std::fs::read(s.public().join(&f)).unwrap()).into_owned();
        assert!(!text.contains("info@example.org"), "{f}");
    }
}

#[test]
fn without_contact_the_block_has_no_archive_row() {
    let s = TestSite::new("minimal");
    s.build().assert_ok();
    let (rows, links) = kontakt(&Html::parse_document(&s.read_out("2023/kry/index.html")));
    assert_eq!(
        rows,
        [(
            "Kontaktperson".to_string(),
            "Rapporten anger ingen kontaktperson.".to_string()
        )]
    );
    assert!(links.is_empty());
}

/// The statement's contact list items.
fn statement_contacts(s: &TestSite) -> Vec<String> {
    let doc = Html::parse_document(&s.read_out("tillganglighet/index.html"));
    select(&doc, "#om-du-inte-kan + p + ul li")
        .into_iter()
        .map(|li| {
            let a = scraper::Selector::parse("a").unwrap();
            let href = li.select(&a).next().and_then(|a| a.value().attr("href"));
            format!("{} <{}>", text_of(li), href.unwrap_or(""))
        })
        .collect()
}

#[test]
fn statement_uses_contact_unless_accessibility_gives_its_own() {
    // [contact] only: the statement uses it.
    let s = fixture_site();
    assert_eq!(
        statement_contacts(&s),
        [
            "E-post: arkivet@example.org <mailto:arkivet@example.org>",
            "Kontaktformulär <https://example.org/kontakt>",
        ]
    );

    // [accessibility]'s own fields win, each where given.
    let config = std::fs::read_to_string(s.root.join("site.toml")).unwrap();
    s.write(
        "site.toml",
        &config.replace(
            "[accessibility]\n",
            "[accessibility]\ncontact_email = \"tillganglighet@example.org\"\ncontact_phone = \"08-1\"\n",
        ),
    );
    s.build().assert_ok();
    assert_eq!(
        statement_contacts(&s),
        [
            "E-post: tillganglighet@example.org <mailto:tillganglighet@example.org>",
            "Telefon: 08-1 <>",
            "Kontaktformulär <https://example.org/kontakt>",
        ]
    );

    // Neither: contact via the publisher, named.
    let s = TestSite::new("minimal");
    s.build().assert_ok();
    assert!(statement_contacts(&s).is_empty());
    let text = s.read_out("tillganglighet/index.html");
    assert!(
        text.contains("Testregionen står bakom den här webbplatsen."),
        "{text}"
    );
    assert!(
        text.contains("kan du kontakta oss via Testregionen."),
        "{text}"
    );
    // No publisher: a warning (W024), and the page names none rather
    // than making one up.
    let config = std::fs::read_to_string(s.root.join("site.toml")).unwrap();
    s.write(
        "site.toml",
        &config.replace("publisher = \"Testregionen\"\n", ""),
    );
    let build = s.build();
    build.assert_ok();
    assert!(
        build.stderr.contains("names no publisher"),
        "{}",
        build.stderr
    );
    let text = s.read_out("tillganglighet/index.html");
    assert!(
        !text.contains("Den som ger ut") && !text.contains("står bakom"),
        "{text}"
    );
    assert!(
        text.contains("<p class=\"lead\">Vi vill att så många"),
        "{text}"
    );
}

#[test]
fn final_reports_without_a_contact_person_warn() {
    let s = TestSite::new("minimal");
    let head = "---\ntitle: T\nclinic: Boo\nyear: 2023\ntopics: [sip]\n";
    // No team: at the opening ---.
    s.write("content/2023/ingen.md", &format!("{head}---\nText.\n"));
    // A team without a contact: at the team.
    s.write(
        "content/2023/team.md",
        &format!("{head}team:\n  - {{ name: A, role: Läkare }}\n---\nText.\n"),
    );
    // No warning: a contact person, a plan, a link-only entry.
    s.write(
        "content/2023/kontakt.md",
        &format!("{head}team:\n  - {{ name: A, contact: true }}\n---\nText.\n"),
    );
    s.write(
        "content/2023/plan.md",
        &format!("{head}status: plan\n---\nText.\n"),
    );
    s.write(
        "content/2023/lank.md",
        &format!("{head}attachments:\n  - {{ url: \"https://example.org/a.pdf\", title: Original }}\n---\n"),
    );
    s.allow_duplicates();
    let root = s.root.to_str().unwrap();
    let run = run(&["check", "--all-warnings", "--root", root]);
    run.assert_ok();
    let w009: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.ends_with("[W009]"))
        .collect();
    assert_eq!(
        w009,
        [
            "content/2023/ingen.md:1:1: warning: final report names no contact person: mark a team member with `contact: true` [W009]",
            "content/2023/team.md:7:3: warning: final report names no contact person: mark a team member with `contact: true` [W009]",
        ]
    );
    let explain = crate::common::run(&["explain", "W009"]);
    assert!(
        explain.stdout.contains("Ingen kontaktperson"),
        "{}",
        explain.stdout
    );
}

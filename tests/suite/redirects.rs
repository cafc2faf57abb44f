//! Old URLs: front matter `aliases` and `[[redirects]]` in site.toml become
//! redirect pages under their decoded paths; conflicts are errors.

use crate::common::*;

/// Adds a line to the front matter of a report of the `valid` fixture.
fn add_front_matter(site: &TestSite, rel: &str, line: &str) {
    let path = site.root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replacen("\nyear:", &format!("\n{line}\nyear:"), 1);
    std::fs::write(path, text).unwrap();
}

fn add_to_config(site: &TestSite, toml: &str) {
    let path = site.root.join("site.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(toml);
    std::fs::write(path, text).unwrap();
}

fn redirect_target(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let meta = select(&doc, "meta[http-equiv=refresh]")[0];
    let content = meta.value().attr("content").unwrap();
    let link = select(&doc, "main a")[0].value().attr("href").unwrap();
    let target = content.split_once("url=").unwrap().1.to_string();
    assert_eq!(link, target, "the visible link goes where the refresh goes");
    assert_eq!(select(&doc, "html")[0].value().attr("lang"), Some("sv"));
    assert_eq!(select(&doc, "link[rel=canonical]").len(), 1);
    target
}

#[test]
fn aliases_and_redirects_land_on_the_right_pages() {
    let site = TestSite::new("valid");
    add_front_matter(
        &site,
        "content/2023/brommaplan-sip.md",
        "aliases: [\"/Länkar till kvalitetsrapporter 2023.html\", \"/gamla/bromma-sip\"]",
    );
    add_to_config(
        &site,
        "\n[[redirects]]\nfrom = \"/L%C3%A4nkar%20till%20kvalitetsrapporter%202024.html\"\nto = \"/2024/\"\n\n[[redirects]]\nfrom = \"/gammal-sok.html\"\nto = \"https://example.org/annan/\"\n",
    );
    site.build().assert_ok();
    let out = site.public();
    assert_eq!(
        redirect_target(&site.read_out("Länkar till kvalitetsrapporter 2023.html")),
        "/arkiv/2023/brommaplan-sip/"
    );
    assert_eq!(
        redirect_target(&site.read_out("gamla/bromma-sip/index.html")),
        "/arkiv/2023/brommaplan-sip/"
    );
    // Percent-encoded in site.toml, written under the decoded name.
    assert_eq!(
        redirect_target(&site.read_out("Länkar till kvalitetsrapporter 2024.html")),
        "/arkiv/2024/"
    );
    assert_eq!(
        redirect_target(&site.read_out("gammal-sok.html")),
        "https://example.org/annan/"
    );
    let canonical = site.read_out("gamla/bromma-sip/index.html");
    assert!(canonical.contains("href=\"https://arkiv.test/arkiv/2023/brommaplan-sip/\""));
    // Redirect pages are not pages of the archive.
    assert!(!site.read_out("sitemap.xml").contains("gamla"));
    let problems = link_problems(&out, "/arkiv/");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn one_old_url_cannot_go_two_ways() {
    let site = TestSite::new("valid");
    add_front_matter(
        &site,
        "content/2023/brommaplan-sip.md",
        "aliases: [\"/gamla/rapport.html\"]",
    );
    add_front_matter(
        &site,
        "content/2024/alvsjo-angest.md",
        "aliases: [\"/gamla/rapport.html\"]",
    );
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/2023/brommaplan-sip.md:4:11: \"/gamla/rapport.html\" already redirects to \"/2024/alvsjo-angest/\" (content/2024/alvsjo-angest.md:4:11); it cannot also go to \"/2023/brommaplan-sip/\""
        ),
        "{}",
        run.stderr
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(!site.public().exists(), "no half-written output");
}

#[test]
fn a_redirect_may_not_replace_a_page_or_point_nowhere() {
    let site = TestSite::new("valid");
    add_front_matter(
        &site,
        "content/2023/brommaplan-sip.md",
        "aliases: [\"/2024/\"]",
    );
    add_to_config(
        &site,
        "\n[[redirects]]\nfrom = \"/gammal.html\"\nto = \"/finns-inte/\"\n",
    );
    let run = site.check();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "content/2023/brommaplan-sip.md:4:11: a redirect from \"/2024/\" would replace a page of the site"
        ),
        "{}",
        run.stderr
    );
    let line = std::fs::read_to_string(site.root.join("site.toml"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("to = \"/finns-inte/\""))
        .unwrap()
        + 1;
    assert!(
        run.stderr.contains(&format!(
            "site.toml:{line}:6: redirect target \"/finns-inte/\" is not a page of the site"
        )),
        "{}",
        run.stderr
    );
}

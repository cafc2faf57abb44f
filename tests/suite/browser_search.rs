//! The search page in Chromium (`tests/browser/`): the recall table and
//! facets on the real index, the query engine on a small index, the page's
//! behaviour, an outdated entry file; with every facet open, axe (390 and
//! 1280 px), vnu and the keyboard on the real and a 1,000-report archive;
//! and the layout shift while the results arrive (`cls.mjs`). The tools
//! and their set-up are those of `browser.rs`.

use std::path::Path;
use std::process::Command;

use crate::browser::{browser_dir, build, build_generated, gen_corpus_ready, ready, run_tool};
use crate::common::repo;

/// The search page on the real index, in Chromium: the recall table of the
/// search issue on the real site (precision printed), facet counts for
/// single and combined choices, OR within a facet, the URL state, sorting,
/// typo queries and the "Menade du" link, phrases; and on a 200-report
/// site, an inflected query finds every report with a form of the word.
#[test]
fn search_page_finds_the_table_and_facets_work() {
    if !ready("search", true, false) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let queries: Vec<serde_json::Value> = crate::search::real_recall_table()
        .into_iter()
        .map(|(q, must)| serde_json::json!({ "q": q, "must": must }))
        .collect();
    let cases = serde_json::json!({
        "queries": queries,
        "facets": { "q": "patienter", "facet": "tema", "values": ["sip", "lakemedel"] },
        "combined": { "q": "patienter", "first": ["tema", "sip"], "facet": "ar" },
        "scale": { "q": "sjukskrivning", "facets": ["mottagning", "tema", "atgard"] },
        "typos": [
            // Its stem "sjukskrivn" is that of "sjukskrivna" and a prefix of
            // "sjukskrivning", the nearer word: corrected, still found.
            { "q": "sjukskrivnig", "menade": "sjukskrivning", "must": ["/2022/kvartersakuten-sjukskrivning/"] },
            // An inflection of an indexed word is no typo.
            { "q": "vårdcentralens", "menade": null, "must": [] },
            { "q": "rehabkordinator", "menade": "rehabkoordinator",
              "must": ["/2024/nyhalsan-psykisk-ohalsa/", "/2025/brommaplans-vc-stress-smarta/"] },
            { "q": "Brommaplam", "menade": "brommaplans", "must": ["/2025/brommaplans-vc-stress-smarta/"] },
            // Typed without å, ä and ö: found by folding, no "Menade du"
            // (it once said "Menade du spara?").
            { "q": "smarta", "menade": null, "must": ["/2025/brommaplans-vc-stress-smarta/"] },
            { "q": "nyhals", "menade": null, "must": ["/2024/nyhalsan-psykisk-ohalsa/"] },
            { "q": "lakemedel", "menade": null, "must": ["/2024/nyhalsan-psykisk-ohalsa/"] },
            // A team's role, and the last part of a compound.
            { "q": "terapeuten", "menade": null,
              "must": ["/2024/bra-liv-oxnehaga-prea60/", "/2025/brommaplans-vc-stress-smarta/"] },
        ],
        "phrases": [
            { "q": "\"samordnad individuell plan\"",
              "must": ["/2023/kry-vallentuna-sip/", "/2024/bra-liv-oxnehaga-prea60/"] },
            { "q": "\"individuell samordnad\"", "must": [],
              "not": ["/2023/kry-vallentuna-sip/", "/2024/bra-liv-oxnehaga-prea60/"] },
            { "q": "\"psykisk ohalsa\"", "must": ["/2024/nyhalsan-psykisk-ohalsa/"] },
        ],
    });
    let cases_file = tmp.path().join("cases.json");
    std::fs::write(&cases_file, cases.to_string()).unwrap();
    let mut cmd = Command::new("node");
    cmd.arg("search.mjs")
        .arg(crate::common::real_site())
        .arg(&cases_file);
    let (ok, output) = run_tool(cmd, "search, real site");
    assert!(ok, "search on the real site failed:\n{output}");
    // Precision: results that the table does not ask for.
    let (mut wanted, mut got) = (0, 0);
    for (line, (_, must)) in output
        .lines()
        .filter_map(|l| l.strip_prefix("RESULT "))
        .zip(crate::search::real_recall_table())
    {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        got += v["count"].as_u64().unwrap() as usize;
        wanted += must.len();
    }
    eprintln!("search precision on the table: {wanted} wanted of {got} results");
    assert!(got >= wanted && wanted > 0);

    if !gen_corpus_ready("search") {
        return;
    }
    let gen = build_generated(tmp.path());
    let records = crate::search::records_of(&tmp.path().join("corpus"));
    let mut queries = Vec::new();
    for (q, root) in [("sjukskrivningar", "sjukskriv"), ("perioden", "period")] {
        let must: Vec<&str> = records
            .iter()
            .filter(|r| r.content.to_lowercase().contains(root))
            .map(|r| r.url.as_str())
            .collect();
        assert!(!must.is_empty());
        queries.push(serde_json::json!({ "q": q, "must": must }));
    }
    // Clinics under Å, Ä and Ö, typed without them.
    for (q, clinic) in [
        ("aby", "Åby vårdcentral"),
        ("angby", "Ängby vårdcentral"),
        ("ockero", "Öckerö vårdcentral"),
    ] {
        let must: Vec<&str> = records
            .iter()
            // ("Åby vårdcentral 1", …: one clinic a report, see
            // `build_generated`.)
            .filter(|r| r.clinic.starts_with(clinic))
            .map(|r| r.url.as_str())
            .collect();
        assert!(!must.is_empty(), "no report of {clinic}");
        queries.push(serde_json::json!({ "q": q, "must": must }));
    }
    std::fs::write(
        &cases_file,
        serde_json::json!({
            "queries": queries,
            "clinicBox": { "q": "patienter", "type": "aspudden" },
            "scale": { "q": "sjukskrivning", "facets": ["mottagning", "atgard", "tema"] },
        })
        .to_string(),
    )
    .unwrap();
    let mut cmd = Command::new("node");
    cmd.arg("search.mjs").arg(&gen).arg(&cases_file);
    let (ok, output) = run_tool(cmd, "search, 200-report site");
    assert!(ok, "search on the generated site failed:\n{output}");
}

/// The search page's query engine (`sok-index.js`) under Node.js on a
/// small index written by the format's rules (`tests/browser/engine.mjs`):
/// prefix matching, AND, phrases, typo correction, ranking, and the error
/// kinds for a missing, damaged, foreign or outdated index file.
#[test]
fn search_engine_answers_a_small_index() {
    if !ready("search engine", false, false) {
        return;
    }
    let mut cmd = Command::new("node");
    cmd.arg("engine.mjs");
    let (ok, output) = run_tool(cmd, "search engine");
    assert!(ok && output.contains("engine: ok"), "{output}");
}

/// The search page's behaviour in Chromium with known answers: the real
/// site with the small index of `tests/browser/tiny-index.mjs` in
/// `sok/index/` (`tests/browser/ui.mjs`): phrases, "Menade du …?" and its
/// link, search as you type, clinic suggestions by keyboard, sorting, URL
/// state and back/forward, facet counts, a damaged and a missing shard;
/// then axe on the page with results, with facets chosen and with the typo
/// suggestion, and vnu on the DOM of those three states.
#[test]
fn search_page_behaves_on_a_small_index() {
    if !ready("search page behaviour", true, false) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&repo(), &out);
    let index = out.join("sok/index");
    let _ = std::fs::remove_dir_all(&index);
    let mut cmd = Command::new("node");
    cmd.arg("tiny-index.mjs").arg(&index);
    let (ok, output) = run_tool(cmd, "tiny index");
    assert!(ok && index.join("entry.json").is_file(), "{output}");
    let dump = tmp.path().join("dom");
    let mut cmd = Command::new("node");
    cmd.arg("ui.mjs").arg(&out).arg(&dump);
    let (ok, output) = run_tool(cmd, "search page behaviour");
    assert!(ok && output.contains("ui: ok"), "{output}");
    // With results, with facets chosen, with the typo suggestion shown.
    let mut cmd = Command::new("node");
    cmd.arg("a11y.mjs").arg(&out).args([
        "/sok/?q=kommunen",
        "/sok/?q=kommunen&tema=sip&ar=2024",
        "/sok/?q=samvrkan",
    ]);
    let (ok, output) = run_tool(cmd, "axe on the search page's states");
    assert!(ok, "{output}");
    if ready("vnu on the search page's states", false, true) {
        let mut cmd = Command::new("bash");
        cmd.arg(browser_dir().join("vnu.sh")).arg(&dump);
        let (ok, output) = run_tool(cmd, "vnu on the search page's states");
        assert!(ok, "{output}");
    }
}

/// Copies what a build of the real archive reads into `to`.
fn copy_real_sources(to: &Path) {
    for part in ["site.toml", "content", "data", "themes"] {
        let from = repo().join(part);
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix(&from).unwrap();
            let dest = if rel.as_os_str().is_empty() {
                to.join(part)
            } else {
                to.join(part).join(rel)
            };
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
            } else {
                std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
                std::fs::copy(entry.path(), &dest).unwrap();
            }
        }
    }
}

/// An old `entry.json` (cached by a browser) against a newer build's
/// shards: the real archive built twice, the second time with one report's
/// text changed, and the first build's entry file put into the second
/// site. The page says the index was updated; no blank page, no error.
#[test]
fn an_old_entry_file_against_new_shards_says_so() {
    if !ready("old entry file", true, false) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    copy_real_sources(&root);
    let (old, new) = (tmp.path().join("old"), tmp.path().join("new"));
    build(&root, &old);
    let report = root.join("content/2022/kvartersakuten-sjukskrivning.md");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(
        &report,
        format!("{text}\nEn mening till om sjukskrivning.\n"),
    )
    .unwrap();
    build(&root, &new);
    let entry = |site: &Path| std::fs::read(site.join("sok/index/entry.json")).unwrap();
    assert_ne!(
        entry(&old),
        entry(&new),
        "the change did not change the index"
    );
    std::fs::write(new.join("sok/index/entry.json"), entry(&old)).unwrap();
    let mut cmd = Command::new("node");
    cmd.arg("stale.mjs").arg(&new);
    let (ok, output) = run_tool(cmd, "old entry file");
    assert!(ok && output.contains("stale: ok"), "{output}");
}

/// The search page with every facet open (the "Avgränsa" disclosure on a
/// phone, "Visa alla" of each facet, the filter boxes of the long lists),
/// on the real site and on a 1,000-report archive: axe at 390 and 1280 px
/// and the keyboard checks (`a11y.mjs --open-facets`), vnu on the page's
/// DOM in that state at both widths; and the layout shift while
/// `/sok/?q=sjukskrivning` loads at 390 px, measured with a
/// `PerformanceObserver` for `layout-shift` (`cls.mjs`): at most 0.1; and
/// on the 1,000-report site the keyboard and layout checks of `layout.mjs`
/// (the first result within three Tab presses from the search box).
#[test]
fn search_page_with_every_facet_open_is_accessible_and_keeps_still() {
    if !ready("search page with every facet open", true, true) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let mut sites = vec![("real site", crate::common::real_site().to_path_buf())];
    if gen_corpus_ready("search page with every facet open") {
        let corpus = crate::common::generated_corpus(tmp.path(), 1000).expect("gen_corpus.py");
        let out = tmp.path().join("gen-1000");
        build(&corpus, &out);
        sites.push(("1,000-report site", out));
    }
    for (i, (what, site)) in sites.iter().enumerate() {
        let dump = tmp.path().join(format!("dom-{i}"));
        let mut cmd = Command::new("node");
        cmd.arg("a11y.mjs")
            .arg("--widths=390,1280")
            .arg("--open-facets")
            .arg(format!("--dump={}", dump.display()))
            .arg(site)
            .args(["/sok/", "/sok/?q=patienter"]);
        let (ok, output) = run_tool(cmd, &format!("axe and keyboard, every facet open, {what}"));
        assert!(ok, "{output}");
        let mut cmd = Command::new("bash");
        cmd.arg(browser_dir().join("vnu.sh")).arg(&dump);
        let (ok, output) = run_tool(cmd, &format!("vnu, every facet open, {what}"));
        assert!(ok && output.contains("4 HTML"), "{output}");
        let mut cmd = Command::new("node");
        cmd.arg("cls.mjs")
            .arg(site)
            .arg("/sok/?q=sjukskrivning")
            .args(["--width=390", "--max=0.1"]);
        let (ok, output) = run_tool(cmd, &format!("layout shift, {what}"));
        assert!(ok && output.contains("cls: ok"), "{output}");
        // The keyboard and the layout with hundreds of facet values (the
        // real site has its own run in `browser.rs`); the outcome facet
        // shows per theme the counts of the index (which equal the pages'
        // and the open data's: `search_outcome.rs`).
        if i > 0 {
            let cases = serde_json::json!({ "queries": [], "counts": outcome_counts(site) });
            let file = tmp.path().join("counts.json");
            std::fs::write(&file, cases.to_string()).unwrap();
            let mut cmd = Command::new("node");
            cmd.arg("search.mjs").arg(site).arg(&file);
            let (ok, output) = run_tool(cmd, &format!("outcome facet, {what}"));
            assert!(ok && output.contains("counts of utfall"), "{output}");
            let mut cmd = Command::new("node");
            cmd.arg("layout.mjs")
                .arg(site)
                .arg("--search=q=patienter&tema=sip&ar=2024");
            let (ok, output) = run_tool(cmd, &format!("keyboard and layout, {what}"));
            assert!(ok && output.contains("layout: ok"), "{output}");
        }
    }
}

/// Per theme of a built site, the outcome facet's counts as its index
/// gives them: `search.mjs` "counts" cases for `/sok/?tema=<slug>`.
fn outcome_counts(site: &Path) -> Vec<serde_json::Value> {
    let index = arkiv::search::query::Index::load(|name| {
        std::fs::read(site.join("sok/index").join(name)).ok()
    })
    .unwrap();
    let f = &index.facets;
    let slug = |list: &str, i: usize| f[list][i]["slug"].as_str().unwrap().to_string();
    let per_doc: Vec<usize> = (f["outcome"].as_str().unwrap().chars())
        .map(|c| c as usize - '0' as usize)
        .collect();
    (0..f["topics"].as_array().unwrap().len())
        .map(|t| {
            let mut want = serde_json::Map::new();
            for (d, &o) in per_doc.iter().enumerate() {
                if f["topic"][d].as_array().unwrap().iter().any(|x| x.as_u64() == Some(t as u64)) {
                    let n = want.entry(slug("outcomes", o)).or_insert(0.into());
                    *n = (n.as_u64().unwrap() + 1).into();
                }
            }
            serde_json::json!({ "query": format!("tema={}", slug("topics", t)), "facet": "utfall", "want": want })
        })
        .collect()
}

//! Integration tests: one binary, a module per feature, fixture sites
//! under `tests/fixtures/<name>/` (whole sites or overlays of one, see
//! `tests/fixtures/README.md`), each copied into a temporary folder by
//! `common::TestSite`.

mod common;

mod atomic;
mod browser;
mod browser_pages;
mod browser_search;
mod build_valid;
mod changes;
mod chart_geometry;
mod clean;
mod contact;
mod counts;
mod data_page;
mod docs_links;
mod duplicates;
mod editor;
mod errors;
mod fuzz_regressions;
mod goal_table;
mod goals;
mod headlines;
mod import;
mod import_damaged;
mod import_folder;
mod import_gen;
mod import_links;
mod import_score;
mod import_update;
mod init;
mod listings;
mod name_direction;
mod new;
mod one_truth;
mod open_data;
mod pictures;
mod privacy;
mod real_changes;
mod real_content;
mod redirects;
mod report_pages;
mod runchart;
mod safety;
mod search;
mod search_outcome;
mod search_swedish;
mod serve;
mod serve_preview;
mod status;
mod status_words;
mod stemmer;
mod strings_home;
mod template_rules;

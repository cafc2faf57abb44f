//! arkiv: a static-site generator for a public archive of Swedish
//! primary-care quality-improvement reports.
//!
//! The pipeline (see `docs/architecture.md`), one assembly for every command:
//!
//! ```text
//! site::Sources      config → theme → content (one validated Report per file, in parallel)
//! site::Site         model → related → templates → output::Outputs (+ redirect plan)
//! Site::produce      the bytes of one output: a page (render), a feed, a data file, …
//!   build            every output → output::Staging (+ search index) → atomic swap
//!   check            every page in memory, nothing written
//!   serve            the output a request names; an edit → Sources::update → assemble
//! ```
//!
//! Beside it: [`search`] (the index), [`serve`], and the authoring commands.

pub mod authoring;
pub mod clean;
pub mod cli;
pub mod config;
pub mod content;
pub mod diag;
pub mod indicators;
pub mod model;
pub mod outcome;
pub mod output;
pub mod pdf;
pub mod related;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod state;
pub mod status;
pub mod text;
pub mod urls;

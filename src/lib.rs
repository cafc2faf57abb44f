//! arkiv: a static-site generator for a public archive of Swedish
//! primary-care quality-improvement reports.
//!
//! The pipeline follows the modules: [`config`] → [`content`] (load, front
//! matter, validate) → [`model`] (topics, years, clinics) → [`render`]
//! (Markdown, templates) → [`output`] (atomic write). [`site`] runs it.

pub mod authoring;
pub mod cli;
pub mod config;
pub mod content;
pub mod diag;
pub mod indicators;
pub mod model;
pub mod output;
pub mod related;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod text;

//! Authoring: the commands that write reports rather than read them.
//! `arkiv new` (a report from the template), `arkiv import` (Word files of
//! the template) and `arkiv import-links` (an old page of links).

pub mod import;
pub mod links;
pub mod new;

//! Output: what a site consists of and how it reaches the disk.
//!
//! [`list`] names every file of a site (pages, redirects, feeds, data
//! files, sitemap, robots, theme statics, attachments, search files) with
//! how its bytes are made; [`staging`] writes a build atomically; [`data`], [`table`],
//! [`feeds`] and [`redirects`] make the bytes of the non-page files.

pub mod data;
pub mod feeds;
pub mod list;
pub mod redirects;
pub mod staging;
pub mod table;

pub use list::{DataFile, Output, Outputs, Producer};
pub use staging::{check_target, Staging, MARKER};

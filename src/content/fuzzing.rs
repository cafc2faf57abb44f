//! The entry point of the fuzz target `fuzz/fuzz_targets/parse_bytes.rs`
//! and of the regression tests of what it found: not part of the API,
//! compiled only with the `fuzzing` feature (which `fuzz/Cargo.toml` and
//! the package's own dev-dependency turn on).

use super::{frontmatter, markdown, redact, todos, yaml};

/// Runs the text stages of loading a report (decode, split, YAML,
/// Markdown with sanitising) on bytes, without the file system; returns
/// the rendered body HTML when the front matter parses.
pub fn parse_bytes(bytes: &[u8]) -> Option<String> {
    let text = frontmatter::decode(bytes).ok()?;
    let split = frontmatter::split(&text).ok()?;
    let _ = markdown::sanitize(split.body);
    let _ = todos::find(split.yaml, split.yaml_line, split.body, split.body_line);
    let parsed = yaml::parse(split.yaml, split.yaml_line);
    let _ = parsed.spans.at("indicators[0].target.by");
    parsed.front?;
    Some(markdown::render(&redact::redact_emails(split.body)).html)
}

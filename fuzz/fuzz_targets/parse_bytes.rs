//! Fuzzes the text stages of loading a report: decode → split front matter
//! → YAML (serde_yaml and the saphyr-parser span index) → Markdown →
//! sanitising, via `arkiv::content::fuzzing::parse_bytes`. Besides crashes, checks
//! that the rendered body carries no script.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(html) = arkiv::content::fuzzing::parse_bytes(data) {
        arkiv_fuzz::assert_safe(&html);
    }
});

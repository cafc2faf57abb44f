//! Fuzzes Markdown rendering and the HTML sanitiser on arbitrary UTF-8, and
//! checks that neither output carries script.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let rendered = arkiv::content::markdown::render(text);
    arkiv_fuzz::assert_safe(&rendered.html);
    arkiv_fuzz::assert_safe(&arkiv::content::markdown::sanitize(text));
});

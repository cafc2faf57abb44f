//! Fuzzes the PDF cleaner (`arkiv::clean`, over lopdf): no panic, bounded
//! time and memory, and a copy the cleaner reads again with nothing left
//! to remove (`arkiv_fuzz::clean_twice`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    arkiv_fuzz::clean_twice(arkiv::clean::Kind::Pdf, data);
});

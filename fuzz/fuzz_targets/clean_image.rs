//! Fuzzes the picture cleaner (`arkiv::clean`: JPEG, PNG, WebP over
//! img-parts): no panic, and a copy the cleaner reads again with nothing
//! left to remove (`arkiv_fuzz::clean_twice`). The first byte picks the
//! format.
#![no_main]

use arkiv::clean::Kind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let kind = [Kind::Jpeg, Kind::Png, Kind::Webp, Kind::Gif][usize::from(mode % 4)];
    arkiv_fuzz::clean_twice(kind, rest);
});

//! Raw DEFLATE (RFC 1951) of the index's files, with one compressor per
//! level and thread, reset between files: a new one allocates and clears
//! about 300 kB of tables, and a build compresses some 1,500 files. A
//! reset compressor writes the same bytes as a new one.

use std::cell::RefCell;

use flate2::{Compress, Compression, FlushCompress, Status};

/// DEFLATE level: 9 compresses the generated archive's text 1–2 % better
/// than 6 at twice the time.
const LEVEL: u32 = level();
const fn level() -> u32 {
    match option_env!("ARKIV_DFL") {
        Some(l) => l.as_bytes()[0] as u32 - 48,
        None => 3,
    }
}

/// The level of the `facets` file: every first search loads it whole, and
/// it is one file, so the best level costs the build little (12 ms at
/// 10,000 reports) and the first search about a sixth of its bytes.
pub const FACETS_LEVEL: u32 = 9;

/// Room made in the output before each call of the compressor.
const SPARE: usize = 8 * 1024;

thread_local! {
    static COMPRESSORS: RefCell<Vec<(u32, Compress)>> = const { RefCell::new(Vec::new()) };
}

/// Raw DEFLATE of `bytes` at the index's level.
pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    deflate_at(bytes, LEVEL)
}

/// Raw DEFLATE of `bytes` at `level` (empty if the compressor failed,
/// which it does not on memory it owns).
pub fn deflate_at(bytes: &[u8], level: u32) -> Vec<u8> {
    COMPRESSORS.with_borrow_mut(|all| {
        let i = match all.iter().position(|(l, _)| *l == level) {
            Some(i) => i,
            None => {
                all.push((level, Compress::new(Compression::new(level), false)));
                all.len() - 1
            }
        };
        let c = &mut all[i].1;
        c.reset();
        run(c, bytes).unwrap_or_default()
    })
}

/// The calls `flate2::write::DeflateEncoder` makes: all of the input
/// without flushing, then the end of the stream.
fn run(c: &mut Compress, bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() / 3 + SPARE);
    let mut done = 0;
    while done < bytes.len() {
        out.reserve(SPARE);
        let before = c.total_in();
        c.compress_vec(&bytes[done..], &mut out, FlushCompress::None)
            .ok()?;
        done += (c.total_in() - before) as usize;
    }
    loop {
        out.reserve(SPARE);
        if c.compress_vec(&[], &mut out, FlushCompress::Finish).ok()? == Status::StreamEnd {
            return Some(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    #[test]
    fn deflate_is_raw_and_round_trips() {
        let data = b"sjukskrivning sjukskrivning sjukskrivning";
        let z = deflate(data);
        let mut back = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::DeflateDecoder::new(&z[..]), &mut back)
            .unwrap();
        assert_eq!(back, data);
    }

    /// A reused compressor writes what a new encoder writes, byte for
    /// byte, file after file (the index's names hash those bytes).
    #[test]
    fn reused_compressors_write_what_new_ones_write() {
        let mut text = String::new();
        for i in 0..40_000u32 {
            text.push_str(&format!(
                "sjukskrivning{} smärta {} ",
                i % 97,
                i * 7919 % 1013
            ));
        }
        let inputs = [
            &b""[..],
            b"a",
            text.as_bytes(),
            &text.as_bytes()[..70_001],
            b"abc",
        ];
        for level in [LEVEL, FACETS_LEVEL, 1] {
            for input in inputs {
                let mut enc =
                    flate2::write::DeflateEncoder::new(Vec::new(), Compression::new(level));
                enc.write_all(input).unwrap();
                assert_eq!(
                    deflate_at(input, level),
                    enc.finish().unwrap(),
                    "level {level}"
                );
            }
        }
    }
}

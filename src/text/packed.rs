//! Text held compressed in memory: a report's body HTML is needed once,
//! when its page is rendered, but held from loading to the end of the
//! build, since related reports and listings need every report first. At
//! a national archive of 100,000 reports that is 0.8 GB of HTML; LZ4
//! keeps a quarter of it, and unpacks a page's body in microseconds.

use std::fmt;

/// A string, LZ4-compressed.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Packed {
    bytes: Box<[u8]>,
    blank: bool,
}

impl Packed {
    pub fn new(s: &str) -> Packed {
        Packed {
            bytes: lz4_flex::compress_prepend_size(s.as_bytes()).into_boxed_slice(),
            blank: s.trim().is_empty(),
        }
    }

    /// The text again. (Packed bytes are only ever made by [`Packed::new`],
    /// so unpacking cannot fail; if it did, the text would be empty.)
    pub fn unpack(&self) -> String {
        lz4_flex::decompress_size_prepended(&self.bytes)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default()
    }

    /// Whether the text is empty or only white space.
    pub fn is_blank(&self) -> bool {
        self.blank
    }
}

impl fmt::Debug for Packed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Packed({:?})", self.unpack())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for s in [
            "",
            "  \n",
            "<p>Åtgärder för äldre</p>",
            &"vård ".repeat(10_000),
        ] {
            let p = Packed::new(s);
            assert_eq!(p.unpack(), s);
            assert_eq!(p.is_blank(), s.trim().is_empty());
        }
        let long = "<p>samma stycke</p>".repeat(1000);
        assert!(Packed::new(&long).bytes.len() < long.len() / 10);
    }
}

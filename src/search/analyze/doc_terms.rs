//! A report's analysed terms, packed: [`DocTerms`] with LEB128-coded
//! positions (moved out of `analyze.rs` to keep files short).

/// One stem of one report; its positions and surface words are ranges of
/// the report's [`DocTerms`] arrays, ending at `pos_end` and at the
/// `words_end` held in the top 23 bits of `words_tf`, above a bit for an
/// extra form that is a compound's part ([`PART`]) and 8 bits of term
/// frequency. (Twelve bytes, not sixteen: every report's terms are held
/// until the index is written.)
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DocTerm {
    pub stem: u32,
    pub(super) pos_end: u32,
    pub(super) words_tf: u32,
}

/// The most surface words a report's terms can have in all: a report of
/// more distinct words (gigabytes of text) is indexed by its first ones.
pub(super) const MAX_WORDS: usize = (1 << 23) - 1;
/// The bit of `words_tf` that marks a compound's part.
pub(super) const PART: u32 = 1 << 8;

impl DocTerm {
    /// Weighted term frequency, capped at 255; 0 = only an extra form.
    pub fn tf(&self) -> u8 {
        self.words_tf as u8
    }

    /// An extra form that is only a part of a compound of the report.
    pub fn part(&self) -> bool {
        self.words_tf & PART != 0
    }

    /// The term frequency as the format writes it: the weighted frequency,
    /// 0 for an extra form of a word's family, -1 for a compound's part.
    pub fn written_tf(&self) -> i32 {
        match (self.tf(), self.part()) {
            (0, true) => -1,
            (tf, _) => i32::from(tf),
        }
    }

    fn words_end(&self) -> usize {
        (self.words_tf >> 9) as usize
    }
}

/// The analysis of one report: its terms in stem-id order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocTerms {
    pub terms: Vec<DocTerm>,
    /// Delta-coded positions of every term, LEB128.
    pub(super) pos: Vec<u8>,
    /// The surface words (ids) of every term.
    pub(super) words: Vec<u32>,
    /// Weighted length: the sum of the weights over own words.
    pub len: u32,
}

impl DocTerms {
    /// Term `i` with its delta-coded positions and its surface words.
    pub fn get(&self, i: usize) -> (&DocTerm, Positions<'_>, &[u32]) {
        let t = &self.terms[i];
        let (p, w) = match i.checked_sub(1) {
            Some(j) => (self.terms[j].pos_end as usize, self.terms[j].words_end()),
            None => (0, 0),
        };
        let pos = Positions(&self.pos[p..t.pos_end as usize]);
        (t, pos, &self.words[w..t.words_end()])
    }

    /// Each term with its delta-coded positions and its surface words.
    pub fn iter(&self) -> impl Iterator<Item = (&DocTerm, Positions<'_>, &[u32])> + '_ {
        let (mut p, mut w) = (0usize, 0usize);
        self.terms.iter().map(move |t| {
            let (pe, we) = (t.pos_end as usize, t.words_end());
            let item = (t, Positions(&self.pos[p..pe]), &self.words[w..we]);
            (p, w) = (pe, we);
            item
        })
    }
}

/// LEB128-coded position deltas.
#[derive(Clone, Copy)]
pub struct Positions<'a>(&'a [u8]);

impl<'a> Positions<'a> {
    /// Positions read from their LEB128 bytes.
    pub fn new(bytes: &'a [u8]) -> Positions<'a> {
        Positions(bytes)
    }

    /// Their LEB128 bytes.
    pub fn bytes(&self) -> &'a [u8] {
        self.0
    }
}

impl Iterator for Positions<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        let (mut v, mut shift) = (0u32, 0);
        while let Some((&b, rest)) = self.0.split_first() {
            self.0 = rest;
            v |= u32::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
            shift += 7;
        }
        None
    }
}

/// The bytes of `v` in LEB128.
pub(super) fn leb_len(v: u32) -> usize {
    (32 - (v | 1).leading_zeros() as usize).div_ceil(7)
}

pub(super) fn push_leb(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

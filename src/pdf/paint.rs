//! What a page draws besides text, for finding tables and grey boxes by
//! what is drawn rather than by where one producer puts its text: the path
//! operators (`m`, `l`, `c`, `v`, `y`, `h`, `re`), how a path is painted
//! (stroked `S`/`s`, filled `f`/`F`/`f*`, both `B`/`b`…, or only clipped
//! `n`), the colours (`g`, `rg`, `k`, `sc`/`scn` and their stroking
//! twins) and line width, all through the current transformation matrix.
//!
//! Out of it come [`Rule`]s (straight horizontal or vertical strokes, and
//! filled rectangles thin enough to be lines, as Word and Skia draw
//! borders) and [`Fill`]s (filled rectangles with their colour). Curves
//! and slanted lines are dropped: the template's tables are ruled
//! straight.

use super::{Fill, Rule};

/// A 2-D affine matrix `[a b c d e f]`.
pub type Matrix = [f32; 6];

pub const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

pub fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

pub fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// A rectangle or line thinner than this (points) is a line.
const THIN: f32 = 2.5;
/// The most segments one page may draw (a chart of a million points stops
/// being read as geometry there; its text is still read).
pub const SEGMENT_LIMIT: usize = 100_000;

/// The graphics state the reader follows.
#[derive(Debug, Clone, Copy)]
pub struct GState {
    pub ctm: Matrix,
    pub fill: [f32; 3],
    pub stroke: [f32; 3],
    pub line_width: f32,
}

impl Default for GState {
    fn default() -> GState {
        GState {
            ctm: IDENTITY,
            fill: [0.0; 3],
            stroke: [0.0; 3],
            line_width: 1.0,
        }
    }
}

/// A colour from a colour operator's operands: one (grey), three (RGB)
/// or four (CMYK) numbers; anything else (a pattern name) is black.
pub fn colour(ops: &[f32]) -> [f32; 3] {
    match *ops {
        [g] => [g, g, g],
        [r, g, b] => [r, g, b],
        [c, m, y, k] => [
            (1.0 - c) * (1.0 - k),
            (1.0 - m) * (1.0 - k),
            (1.0 - y) * (1.0 - k),
        ],
        _ => [0.0; 3],
    }
}

/// The path being built, in page space.
#[derive(Default)]
pub struct Path {
    /// Straight segments (from, to); a curve leaves no segment.
    segments: Vec<((f32, f32), (f32, f32))>,
    /// Rectangles given by `re` (x0, y0, x1, y1), ordered.
    rects: Vec<[f32; 4]>,
    start: Option<(f32, f32)>,
    at: Option<(f32, f32)>,
}

impl Path {
    pub fn move_to(&mut self, p: (f32, f32)) {
        self.start = Some(p);
        self.at = Some(p);
    }

    pub fn line_to(&mut self, p: (f32, f32)) {
        if let Some(from) = self.at {
            if self.segments.len() < SEGMENT_LIMIT {
                self.segments.push((from, p));
            }
        }
        self.at = Some(p);
    }

    /// A curve: the pen moves, nothing straight is drawn.
    pub fn curve_to(&mut self, p: (f32, f32)) {
        self.at = Some(p);
    }

    pub fn close(&mut self) {
        if let (Some(s), Some(a)) = (self.start, self.at) {
            if s != a {
                self.line_to(s);
            }
        }
        self.at = self.start;
    }

    /// `re`: its four corners through the matrix.
    pub fn rect(&mut self, m: &Matrix, x: f32, y: f32, w: f32, h: f32) {
        let corners = [
            apply(m, x, y),
            apply(m, x + w, y),
            apply(m, x + w, y + h),
            apply(m, x, y + h),
        ];
        let xs = corners.map(|c| c.0);
        let ys = corners.map(|c| c.1);
        let min = |v: [f32; 4]| v.iter().copied().fold(f32::MAX, f32::min);
        let max = |v: [f32; 4]| v.iter().copied().fold(f32::MIN, f32::max);
        if self.rects.len() < SEGMENT_LIMIT {
            self.rects.push([min(xs), min(ys), max(xs), max(ys)]);
        }
        self.start = Some(corners[0]);
        self.at = Some(corners[0]);
    }

    /// Paints the path (`stroke`, `fill`, or both) into `rules` and
    /// `fills`, and empties it.
    pub fn paint(
        &mut self,
        gs: &GState,
        stroke: bool,
        fill: bool,
        page: usize,
        rules: &mut Vec<Rule>,
        fills: &mut Vec<Fill>,
    ) {
        let path = std::mem::take(self);
        if rules.len() + fills.len() > SEGMENT_LIMIT {
            return;
        }
        let scale = (gs.ctm[0] * gs.ctm[0] + gs.ctm[1] * gs.ctm[1]).sqrt();
        let width = (gs.line_width * scale).abs();
        if stroke && width < 6.0 {
            for &(a, b) in &path.segments {
                push_rule(rules, page, a, b);
            }
            for r in &path.rects {
                push_rule(rules, page, (r[0], r[1]), (r[2], r[1]));
                push_rule(rules, page, (r[0], r[3]), (r[2], r[3]));
                push_rule(rules, page, (r[0], r[1]), (r[0], r[3]));
                push_rule(rules, page, (r[2], r[1]), (r[2], r[3]));
            }
        }
        if fill {
            let mut boxes = path.rects.clone();
            // A closed axis-parallel quadrilateral drawn with m/l/h.
            if path.segments.len() >= 3 && path.segments.len() <= 5 {
                let xs: Vec<f32> = path.segments.iter().map(|s| s.0 .0).collect();
                let ys: Vec<f32> = path.segments.iter().map(|s| s.0 .1).collect();
                let straight = path
                    .segments
                    .iter()
                    .all(|(a, b)| (a.0 - b.0).abs() < 0.5 || (a.1 - b.1).abs() < 0.5);
                if straight {
                    let (x0, x1) = (
                        xs.iter().copied().fold(f32::MAX, f32::min),
                        xs.iter().copied().fold(f32::MIN, f32::max),
                    );
                    let (y0, y1) = (
                        ys.iter().copied().fold(f32::MAX, f32::min),
                        ys.iter().copied().fold(f32::MIN, f32::max),
                    );
                    boxes.push([x0, y0, x1, y1]);
                }
            }
            for r in boxes {
                let (w, h) = (r[2] - r[0], r[3] - r[1]);
                if !(w.is_finite() && h.is_finite()) || w <= 0.0 && h <= 0.0 {
                    continue;
                }
                // A thin filled rectangle is how Word and Skia draw a
                // border: a line along its middle.
                if h < THIN && w > h {
                    let y = (r[1] + r[3]) / 2.0;
                    push_rule(rules, page, (r[0], y), (r[2], y));
                } else if w < THIN && h > w {
                    let x = (r[0] + r[2]) / 2.0;
                    push_rule(rules, page, (x, r[1]), (x, r[3]));
                } else {
                    fills.push(Fill {
                        page,
                        x0: r[0],
                        y0: r[1],
                        x1: r[2],
                        y1: r[3],
                        colour: gs.fill,
                    });
                }
            }
        }
    }
}

/// A straight segment as a rule, if it is horizontal or vertical.
fn push_rule(rules: &mut Vec<Rule>, page: usize, a: (f32, f32), b: (f32, f32)) {
    let finite = [a.0, a.1, b.0, b.1].iter().all(|v| v.is_finite());
    if !finite || rules.len() >= SEGMENT_LIMIT {
        return;
    }
    if (a.1 - b.1).abs() < 0.5 && (a.0 - b.0).abs() > 0.5 {
        rules.push(Rule {
            page,
            vertical: false,
            at: (a.1 + b.1) / 2.0,
            from: a.0.min(b.0),
            to: a.0.max(b.0),
        });
    } else if (a.0 - b.0).abs() < 0.5 && (a.1 - b.1).abs() > 0.5 {
        rules.push(Rule {
            page,
            vertical: true,
            at: (a.0 + b.0) / 2.0,
            from: a.1.min(b.1),
            to: a.1.max(b.1),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strokes_and_thin_fills_are_rules_wide_fills_are_fills() {
        let gs = GState::default();
        let (mut rules, mut fills) = (Vec::new(), Vec::new());
        let mut p = Path::default();
        p.move_to((10.0, 100.0));
        p.line_to((200.0, 100.0));
        p.paint(&gs, true, false, 1, &mut rules, &mut fills);
        p.rect(&IDENTITY, 10.0, 50.0, 190.0, 0.5);
        p.rect(&IDENTITY, 10.0, 10.0, 190.0, 30.0);
        p.paint(&gs, false, true, 1, &mut rules, &mut fills);
        assert_eq!(rules.len(), 2);
        assert!(rules.iter().all(|r| !r.vertical));
        assert_eq!(fills.len(), 1);
        // A stroked rectangle is four rules.
        p.rect(&IDENTITY, 0.0, 0.0, 10.0, 10.0);
        p.paint(&gs, true, false, 1, &mut rules, &mut fills);
        assert_eq!(rules.iter().filter(|r| r.vertical).count(), 2);
        assert_eq!(colour(&[0.0, 0.0, 0.0, 0.15]), [0.85, 0.85, 0.85]);
    }
}

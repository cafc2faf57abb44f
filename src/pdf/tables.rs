//! Tables found by their ruling lines ("lattice", as pdfplumber and
//! Camelot find them), so that a table is read the same way whichever
//! program drew it:
//!
//! 1. The page's [`Rule`]s: strokes and thin filled rectangles
//!    (`paint.rs`), horizontal or vertical.
//! 2. Lines within [`SNAP`] points of each other across are snapped to
//!    their mean (Skia draws each cell's own rectangle, so two borders lie
//!    a point apart), and collinear pieces with gaps up to [`JOIN`] points
//!    are joined into one line (Word and LibreOffice draw a border cell by
//!    cell).
//! 3. Lines that cross or touch are one table (connected components); a
//!    table is the box around its lines, so that a table drawn without its
//!    outer border (inner lines only) has the same box.
//! 4. Its grid: a column boundary at every vertical line and the box's
//!    sides, a row boundary at every horizontal line and its top and
//!    bottom. Two neighbouring grid cells are one cell (spanned) where no
//!    line separates them over at least half their shared side.
//!
//! Text is not looked at here: the importer assigns it to cells by
//! position (`authoring::import::pdf`).

use super::Rule;

/// Lines this close across (points) are one line.
const SNAP: f32 = 3.0;
/// Collinear pieces with gaps up to this (points) are joined.
const JOIN: f32 = 3.0;
/// Shorter lines are not table borders (underlines of a word, ticks).
const MIN_LENGTH: f32 = 6.0;
/// The most lines one page's tables are made from.
const LINE_LIMIT: usize = 20_000;

/// One cell of a table: its place in the grid and its box (y up).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CellBox {
    pub row: usize,
    pub col: usize,
    pub rows: usize,
    pub cols: usize,
    pub x0: f32,
    pub x1: f32,
    /// Bottom and top.
    pub y0: f32,
    pub y1: f32,
}

impl CellBox {
    pub fn contains(&self, x: f32, y: f32) -> bool {
        (self.x0..=self.x1).contains(&x) && (self.y0..=self.y1).contains(&y)
    }
}

/// A table: its grid (column boundaries left to right, row boundaries top
/// to bottom) and its cells in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub page: usize,
    pub xs: Vec<f32>,
    pub ys: Vec<f32>,
    pub cells: Vec<CellBox>,
}

impl Grid {
    pub fn columns(&self) -> usize {
        self.xs.len().saturating_sub(1)
    }

    pub fn rows(&self) -> usize {
        self.ys.len().saturating_sub(1)
    }

    pub fn contains(&self, x: f32, y: f32) -> bool {
        let (x0, x1) = (self.xs[0], self.xs[self.xs.len() - 1]);
        let (top, bottom) = (self.ys[0], self.ys[self.ys.len() - 1]);
        (x0 - 1.0..=x1 + 1.0).contains(&x) && (bottom - 1.0..=top + 1.0).contains(&y)
    }

    /// The cell at a point.
    pub fn cell_at(&self, x: f32, y: f32) -> Option<usize> {
        self.cells.iter().position(|c| c.contains(x, y))
    }
}

/// The tables of one page's rules, top to bottom.
pub fn find(rules: &[Rule]) -> Vec<Grid> {
    let page = rules.first().map_or(0, |r| r.page);
    let mut h: Vec<Rule> = Vec::new();
    let mut v: Vec<Rule> = Vec::new();
    for r in rules.iter().take(LINE_LIMIT) {
        if r.to - r.from >= MIN_LENGTH {
            if r.vertical {
                v.push(*r);
            } else {
                h.push(*r);
            }
        }
    }
    let h = join(snap(h));
    let v = join(snap(v));
    // Connected components over crossing lines: indexes 0..h.len() are
    // horizontal, then vertical.
    let n = h.len() + v.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for (i, a) in h.iter().enumerate() {
        for (j, b) in v.iter().enumerate() {
            if crosses(a, b) {
                let (ra, rb) = (root(&mut parent, i), root(&mut parent, h.len() + j));
                parent[ra] = rb;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Rule>, Vec<Rule>)> = Default::default();
    for i in 0..n {
        let r = root(&mut parent, i);
        let entry = groups.entry(r).or_default();
        if i < h.len() {
            entry.0.push(h[i]);
        } else {
            entry.1.push(v[i - h.len()]);
        }
    }
    let mut grids: Vec<Grid> = groups
        .into_values()
        .filter_map(|(hs, vs)| grid(page, &hs, &vs))
        .collect();
    grids.sort_by(|a, b| b.ys[0].total_cmp(&a.ys[0]));
    grids
}

fn crosses(h: &Rule, v: &Rule) -> bool {
    (h.from - SNAP..=h.to + SNAP).contains(&v.at) && (v.from - SNAP..=v.to + SNAP).contains(&h.at)
}

/// Lines at nearly the same place across, moved to their mean.
fn snap(mut lines: Vec<Rule>) -> Vec<Rule> {
    lines.sort_by(|a, b| a.at.total_cmp(&b.at));
    let mut out: Vec<Rule> = Vec::with_capacity(lines.len());
    let mut start = 0;
    for i in 1..=lines.len() {
        if i == lines.len() || lines[i].at - lines[i - 1].at > SNAP {
            let group = &lines[start..i];
            let mean = group.iter().map(|r| r.at).sum::<f32>() / group.len() as f32;
            out.extend(group.iter().map(|r| Rule { at: mean, ..*r }));
            start = i;
        }
    }
    out
}

/// Collinear pieces (same `at` after snapping) joined across small gaps.
fn join(mut lines: Vec<Rule>) -> Vec<Rule> {
    lines.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.from.total_cmp(&b.from)));
    let mut out: Vec<Rule> = Vec::new();
    for r in lines {
        match out.last_mut() {
            Some(last) if last.at == r.at && r.from <= last.to + JOIN => {
                last.to = last.to.max(r.to)
            }
            _ => out.push(r),
        }
    }
    out
}

/// Positions within [`SNAP`] of each other made one, sorted.
fn dedup(mut values: Vec<f32>) -> Vec<f32> {
    values.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    for x in values {
        if out.last().is_none_or(|l| x - l > SNAP) {
            out.push(x);
        }
    }
    out
}

/// How much of `from..to` the lines at `at` cover (0–1).
fn coverage(lines: &[Rule], at: f32, from: f32, to: f32) -> f32 {
    let len = (to - from).max(0.01);
    let covered: f32 = lines
        .iter()
        .filter(|r| (r.at - at).abs() <= SNAP)
        .map(|r| (r.to.min(to) - r.from.max(from)).max(0.0))
        .sum();
    covered / len
}

/// The grid of one group of crossing lines, if it is a table.
fn grid(page: usize, hs: &[Rule], vs: &[Rule]) -> Option<Grid> {
    if hs.is_empty() || vs.is_empty() || hs.len() + vs.len() < 3 {
        return None;
    }
    let left = hs
        .iter()
        .map(|r| r.from)
        .chain(vs.iter().map(|r| r.at))
        .fold(f32::MAX, f32::min);
    let right = hs
        .iter()
        .map(|r| r.to)
        .chain(vs.iter().map(|r| r.at))
        .fold(f32::MIN, f32::max);
    let bottom = vs
        .iter()
        .map(|r| r.from)
        .chain(hs.iter().map(|r| r.at))
        .fold(f32::MAX, f32::min);
    let top = vs
        .iter()
        .map(|r| r.to)
        .chain(hs.iter().map(|r| r.at))
        .fold(f32::MIN, f32::max);
    if right - left < 20.0 || top - bottom < 8.0 {
        return None;
    }
    let xs = dedup(vs.iter().map(|r| r.at).chain([left, right]).collect());
    let mut ys = dedup(hs.iter().map(|r| r.at).chain([bottom, top]).collect());
    ys.reverse();
    let (nc, nr) = (xs.len() - 1, ys.len() - 1);
    if nc == 0 || nr == 0 || nc * nr > 10_000 {
        return None;
    }
    // Which grid cell belongs to which merged cell.
    let mut owner: Vec<usize> = (0..nc * nr).collect();
    fn find(o: &mut [usize], mut i: usize) -> usize {
        while o[i] != i {
            o[i] = o[o[i]];
            i = o[i];
        }
        i
    }
    for r in 0..nr {
        for c in 0..nc {
            if c + 1 < nc && coverage(vs, xs[c + 1], ys[r + 1], ys[r]) < 0.5 {
                let (a, b) = (
                    find(&mut owner, r * nc + c),
                    find(&mut owner, r * nc + c + 1),
                );
                owner[b] = a;
            }
            if r + 1 < nr && coverage(hs, ys[r + 1], xs[c], xs[c + 1]) < 0.5 {
                let (a, b) = (
                    find(&mut owner, r * nc + c),
                    find(&mut owner, (r + 1) * nc + c),
                );
                owner[b] = a;
            }
        }
    }
    let mut cells: Vec<CellBox> = Vec::new();
    let mut seen: std::collections::BTreeMap<usize, usize> = Default::default();
    for r in 0..nr {
        for c in 0..nc {
            let o = find(&mut owner, r * nc + c);
            match seen.get(&o) {
                Some(&i) => {
                    let cell = &mut cells[i];
                    cell.rows = cell.rows.max(r + 1 - cell.row);
                    cell.cols = cell.cols.max(c + 1 - cell.col);
                    cell.x1 = cell.x1.max(xs[c + 1]);
                    cell.y0 = cell.y0.min(ys[r + 1]);
                }
                None => {
                    seen.insert(o, cells.len());
                    cells.push(CellBox {
                        row: r,
                        col: c,
                        rows: 1,
                        cols: 1,
                        x0: xs[c],
                        x1: xs[c + 1],
                        y0: ys[r + 1],
                        y1: ys[r],
                    });
                }
            }
        }
    }
    Some(Grid {
        page,
        xs,
        ys,
        cells,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(at: f32, from: f32, to: f32) -> Rule {
        Rule {
            page: 1,
            vertical: false,
            at,
            from,
            to,
        }
    }
    fn v(at: f32, from: f32, to: f32) -> Rule {
        Rule {
            page: 1,
            vertical: true,
            at,
            from,
            to,
        }
    }

    #[test]
    fn a_ruled_table_with_a_spanning_header() {
        // Two columns, two rows; the top row spans both (no line at x=100
        // above y=50). Borders drawn cell by cell, a point apart.
        let rules = vec![
            h(100.0, 0.0, 100.0),
            h(100.5, 100.0, 200.0),
            h(50.0, 0.0, 200.0),
            h(0.0, 0.0, 200.0),
            v(0.0, 0.0, 100.0),
            v(200.0, 0.0, 100.0),
            v(100.0, 0.0, 50.0),
            v(101.0, 0.0, 50.0),
        ];
        let grids = find(&rules);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!((g.columns(), g.rows()), (2, 2));
        assert_eq!(g.cells.len(), 3);
        assert_eq!((g.cells[0].cols, g.cells[1].col, g.cells[2].col), (2, 0, 1));
    }

    #[test]
    fn inner_lines_alone_make_the_same_grid() {
        // No outer border: one inner vertical, one inner horizontal.
        let grids = find(&[
            h(50.0, 0.0, 200.0),
            v(100.0, 0.0, 100.0),
            h(20.0, 0.0, 200.0),
        ]);
        assert_eq!(grids.len(), 1);
        assert_eq!((grids[0].columns(), grids[0].rows()), (2, 3));
        // A lone underline is no table.
        assert!(find(&[h(10.0, 0.0, 80.0)]).is_empty());
    }
}

//! Fields that print who wrote or saved a Word document, where it was
//! saved, or one of its properties (`AUTHOR`, `FILENAME`, `DOCPROPERTY` …):
//! replaced by the text they show, in simple fields (`w:fldSimple`, in
//! `word.rs`) and complex ones (`w:fldChar` begin … instruction … separate
//! … result … end, across runs and nested), here.

use std::collections::HashSet;

use super::removed::Item;
use super::word::Report;
use super::xml::{plain_text, Elem, Names, Node, Ns};

/// Fields whose result is who wrote or saved the document, where it was
/// saved, or one of its properties: replaced by the text they show.
const PERSONAL_FIELDS: &[&str] = &[
    "AUTHOR",
    "FILENAME",
    "USERNAME",
    "USERINITIALS",
    "USERADDRESS",
    "LASTSAVEDBY",
    "TEMPLATE",
    "DOCPROPERTY",
    "DOCVARIABLE",
    "INFO",
    "COMMENTS",
    "KEYWORDS",
    "SUBJECT",
];

pub(super) fn personal(instr: &str) -> bool {
    let word = instr.split_whitespace().next().unwrap_or_default();
    PERSONAL_FIELDS.iter().any(|f| word.eq_ignore_ascii_case(f))
}

/// How deep fields may nest (an IF inside a field inside a field …).
const NESTING_LIMIT: usize = 16;

/// What a run's child is, for following complex fields.
enum Atom {
    Begin,
    Separate,
    End,
    Instr(String),
    Other,
}

/// Replaces complex fields (`w:fldChar` begin … instruction … separate …
/// result … end, across runs and nested) whose instruction is personal by
/// their result: the begin, instruction and separate parts and the end mark
/// are dropped, the result runs stay.
pub(super) fn fields(n: &Names, root: &mut Elem, report: &mut Report) {
    let mut atoms = Vec::new();
    collect_atoms(n, root, false, &mut atoms);
    if !atoms.iter().any(|a| matches!(a, Atom::Begin)) {
        return;
    }
    struct Field {
        instr: String,
        in_instr: bool,
        has_separate: bool,
        instr_atoms: Vec<usize>,
        all: Vec<usize>,
    }
    let mut stack: Vec<Field> = Vec::new();
    let mut delete = HashSet::new();
    let mut too_deep = 0usize;
    let record = |stack: &mut Vec<Field>, i: usize| {
        for f in stack.iter_mut() {
            f.all.push(i);
            if f.in_instr {
                f.instr_atoms.push(i);
            }
        }
    };
    for (i, a) in atoms.iter().enumerate() {
        match a {
            // Deeper nesting than any document has: read as plain content,
            // begin and end alike.
            Atom::Begin if stack.len() >= NESTING_LIMIT => {
                too_deep += 1;
                record(&mut stack, i);
            }
            Atom::End if too_deep > 0 => {
                too_deep -= 1;
                record(&mut stack, i);
            }
            Atom::Begin => {
                record(&mut stack, i);
                stack.push(Field {
                    instr: String::new(),
                    in_instr: true,
                    has_separate: false,
                    instr_atoms: vec![i],
                    all: vec![i],
                });
            }
            Atom::Separate => {
                record(&mut stack, i);
                if let Some(top) = stack.last_mut() {
                    top.in_instr = false;
                    top.has_separate = true;
                }
            }
            Atom::End => {
                let Some(mut f) = stack.pop() else { continue };
                f.all.push(i);
                record(&mut stack, i);
                if personal(&f.instr) {
                    report.removed.add(Item::AuthorField, 1);
                    if f.has_separate {
                        delete.extend(f.instr_atoms);
                        delete.insert(i);
                    } else {
                        delete.extend(f.all);
                    }
                }
            }
            Atom::Instr(t) => {
                record(&mut stack, i);
                if let Some(top) = stack.last_mut().filter(|f| f.in_instr) {
                    top.instr.push_str(t);
                }
            }
            Atom::Other => record(&mut stack, i),
        }
    }
    if !delete.is_empty() {
        let mut i = 0;
        retain_atoms(n, root, false, &mut i, &delete);
    }
}

/// The children of every run, in document order (a text box's runs inside
/// a drawing after the drawing itself).
fn collect_atoms(n: &Names, e: &Elem, in_run: bool, out: &mut Vec<Atom>) {
    for c in &e.children {
        let Node::Elem(c) = c else { continue };
        if in_run && !n.is(c, Ns::W, "rPr") {
            out.push(if n.is(c, Ns::W, "fldChar") {
                match n.attr(c, Ns::W, "fldCharType").as_deref() {
                    Some("begin") => Atom::Begin,
                    Some("separate") => Atom::Separate,
                    Some("end") => Atom::End,
                    _ => Atom::Other,
                }
            } else if n.is(c, Ns::W, "instrText") {
                let mut t = String::new();
                plain_text(c, &mut t);
                Atom::Instr(t)
            } else {
                Atom::Other
            });
        }
        collect_atoms(n, c, n.is(c, Ns::W, "r"), out);
    }
}

/// Drops the run children numbered in `delete`, in the order of
/// [`collect_atoms`].
fn retain_atoms(n: &Names, e: &mut Elem, in_run: bool, i: &mut usize, delete: &HashSet<usize>) {
    let mut keep = Vec::with_capacity(e.children.len());
    for c in &mut e.children {
        let Node::Elem(c) = c else {
            keep.push(true);
            continue;
        };
        let mine = (in_run && !n.is(c, Ns::W, "rPr")).then(|| {
            *i += 1;
            *i - 1
        });
        let run = n.is(c, Ns::W, "r");
        let before = c.children.len();
        retain_atoms(n, c, run, i, delete);
        // A run left with only its properties goes too.
        let emptied = run
            && c.children.len() < before
            && c.children
                .iter()
                .all(|x| !matches!(x, Node::Elem(x) if !n.is(x, Ns::W, "rPr")));
        keep.push(!emptied && !mine.is_some_and(|m| delete.contains(&m)));
    }
    let mut k = keep.into_iter();
    e.children.retain(|_| k.next().unwrap_or(true));
}

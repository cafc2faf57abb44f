//! The front matter's merge (see `super`): text split into units (a
//! top-level key, a list item, an indicator's key), each with the comment
//! lines above it and its value parsed for comparison; then merged unit by
//! unit and written back from the units' own lines, so that what is kept
//! is kept byte for byte. The units are `units.rs`, the lists `lists.rs`.

mod lists;
mod units;

use super::{order, Merged};
use lists::merge_list;
use units::{emit, key_of, Unit};

/// The front matter: the importer's TODO lines at the top (each TODO's
/// lines joined), the top-level units, and comment lines after the last.
struct Front {
    todos: Vec<String>,
    units: Vec<Unit>,
    tail: Vec<String>,
}

fn split(yaml: &str) -> Front {
    let mut units: Vec<Unit> = Vec::new();
    let mut raw: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    for line in yaml.lines() {
        if let Some(key) = key_of(line) {
            raw.push((
                key.to_string(),
                std::mem::take(&mut pending),
                vec![line.to_string()],
            ));
        } else if line.trim().is_empty() || line.starts_with('#') {
            pending.push(line.to_string());
        } else if let Some(last) = raw.last_mut() {
            last.2.append(&mut pending);
            last.2.push(line.to_string());
        } else {
            pending.push(line.to_string());
        }
    }
    let mut todos = Vec::new();
    let top = match raw.first_mut() {
        Some(first) => &mut first.1,
        None => &mut pending,
    };
    let mut kept = Vec::new();
    let mut in_todo = false;
    for line in top.drain(..) {
        let c = line.strip_prefix('#').map(str::trim_start);
        if c.is_some_and(|c| c.starts_with("TODO")) {
            todos.push(line);
            in_todo = true;
        } else if let (true, Some(last)) = (in_todo && line.starts_with("#  "), todos.last_mut()) {
            last.push('\n');
            last.push_str(&line);
        } else {
            kept.push(line);
            in_todo = false;
        }
    }
    *top = kept;
    for (key, lead, lines) in raw {
        units.push(Unit::new(key, lead, lines, 0));
    }
    Front {
        todos,
        units,
        tail: pending,
    }
}

/// The merged front matter (its YAML, without the `---` lines).
pub fn merge(base: Option<&str>, ours: &str, theirs: &str, m: &mut Merged) -> String {
    let (o, t) = (split(ours), split(theirs));
    // A link-only entry is its own base, but for what it must keep.
    let b = match base {
        Some(b) => split(b),
        None => Front {
            todos: o.todos.clone(),
            units: o
                .units
                .iter()
                .filter(|u| u.key != "aliases" && u.key != "attachments")
                .cloned()
                .collect(),
            tail: Vec::new(),
        },
    };
    let mut out: Vec<String> = Vec::new();
    for todo in &o.todos {
        if b.todos.contains(todo) && !t.todos.contains(todo) {
            continue; // what the new original no longer needs
        }
        out.push(todo.clone());
    }
    for todo in &t.todos {
        if !b.todos.contains(todo) && !o.todos.contains(todo) {
            out.push(todo.clone());
        }
    }
    let keys = |f: &Front| f.units.iter().map(|u| u.key.clone()).collect::<Vec<_>>();
    for key in order(&keys(&o), &keys(&t)) {
        fn find<'a>(f: &'a Front, key: &str) -> Option<&'a Unit> {
            f.units.iter().find(|u| u.key == key)
        }
        let (bu, ou, tu) = (find(&b, &key), find(&o, &key), find(&t, &key));
        if key == "draft" {
            if let Some(ou) = ou {
                out.extend(ou.lead.iter().cloned());
                out.extend(ou.lines.iter().cloned());
            }
            continue;
        }
        let listed = ["team", "indicators", "attachments", "changes"].contains(&key.as_str());
        if let (true, Some(ou)) = (listed, ou) {
            if let Some(lines) = merge_list(&key, bu, ou, tu, m) {
                out.extend(lines);
                continue;
            }
        }
        emit(&mut out, (bu, ou, tu), 0, &key, false, m);
    }
    out.extend(o.tail);
    let mut text = out.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    text
}

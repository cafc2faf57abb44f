//! The front matter's merge (see `super`): text split into units (a
//! top-level key, a list item, an indicator's key), each with the comment
//! lines above it and its value parsed for comparison; then merged unit by
//! unit and written back from the units' own lines, so that what is kept
//! is kept byte for byte.

use super::{order, pick, Canon, Merged, Pick};
use crate::authoring::import::todos;
use crate::authoring::write::todo_comment;
use crate::config::match_key;

/// A piece of YAML: the comment and blank lines above it, its own lines
/// (the first holds its key, or its `- ` for a list item) and its value.
#[derive(Debug, Clone)]
struct Unit {
    key: String,
    lead: Vec<String>,
    lines: Vec<String>,
    value: Canon,
}

impl Unit {
    /// Its value on one line, without its own key (`{ value: 5 }` for
    /// `baseline: { value: 5 }`).
    fn shown(&self) -> String {
        match &self.value {
            Canon::Map(m) if m.len() == 1 && m[0].0 == self.key => m[0].1.flow(),
            v => v.flow(),
        }
    }

    fn new(key: String, lead: Vec<String>, lines: Vec<String>, dedent: usize) -> Unit {
        let text: Vec<&str> = lines.iter().map(|l| strip_indent(l, dedent)).collect();
        let value = Canon::of(&text.join("\n"));
        Unit {
            key,
            lead,
            lines,
            value,
        }
    }
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn strip_indent(line: &str, n: usize) -> &str {
    &line[indent_of(line).min(n)..]
}

/// Lines moved from theirs into ours by `shift` columns.
fn shifted(lines: &[String], shift: isize) -> Vec<String> {
    lines
        .iter()
        .map(|l| match shift {
            0 => l.clone(),
            s if s > 0 => format!("{}{l}", " ".repeat(s as usize)),
            s => strip_indent(l, s.unsigned_abs()).to_string(),
        })
        .collect()
}

fn is_comment_or_blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// `key:` at the start of a line (after `indent` columns): the key.
fn key_of(line: &str) -> Option<&str> {
    let end = line.find(':')?;
    let key = &line[..end];
    let after = &line[end + 1..];
    let ok = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && (after.is_empty() || after.starts_with([' ', '\t']));
    ok.then_some(key)
}

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

/// A block list (`key:` and `- ` items below it): its items, whose keys
/// say which item is which, and their indentation.
struct List {
    indent: usize,
    items: Vec<Unit>,
}

/// Which item of a list is which, by the list's key.
fn item_key(list: &str, value: &Canon) -> String {
    let field = match list {
        "team" => "name",
        "indicators" => "name",
        "changes" => "change",
        _ => return attachment_key(value),
    };
    match value.get(field) {
        Some(Canon::Text(t) | Canon::Plain(t)) => match_key(t),
        _ => match value {
            Canon::Text(t) => match_key(t),
            _ => String::new(),
        },
    }
}

fn attachment_key(value: &Canon) -> String {
    match value.get("file").or_else(|| value.get("url")) {
        Some(Canon::Text(t) | Canon::Plain(t)) => t.clone(),
        _ => String::new(),
    }
}

fn list(key: &str, u: &Unit) -> Option<List> {
    let head = u.lines[0][key.len() + 1..].trim();
    if !(head.is_empty() || head.starts_with('#')) {
        return None; // a flow list or a scalar
    }
    let mut indent = None;
    let mut raw: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    let mut pending = Vec::new();
    for line in &u.lines[1..] {
        if is_comment_or_blank(line) {
            pending.push(line.clone());
            continue;
        }
        let at = indent_of(line);
        let dash = line[at..].starts_with("- ") || line[at..] == *"-";
        match indent {
            None if dash => indent = Some(at),
            None => return None,
            _ => {}
        }
        let item = indent.unwrap_or(at);
        if at == item && dash {
            raw.push((std::mem::take(&mut pending), vec![line.clone()]));
        } else if at > item {
            let last = raw.last_mut()?;
            last.1.append(&mut pending);
            last.1.push(line.clone());
        } else {
            return None;
        }
    }
    if let Some(last) = raw.last_mut() {
        last.1.append(&mut pending);
    }
    let indent = indent.unwrap_or(2);
    let items = raw
        .into_iter()
        .map(|(lead, lines)| {
            let mut u = Unit::new(String::new(), lead, lines, indent);
            // `- x` parses as a list of one: the item is its only element.
            if let Canon::List(mut one) = u.value.clone() {
                if one.len() == 1 {
                    u.value = one.remove(0);
                }
            }
            u.key = item_key(key, &u.value);
            u
        })
        .collect();
    Some(List { indent, items })
}

/// An indicator item as its keys: the `  - ` before the first, and the
/// column of the keys.
struct Fields {
    dash: String,
    indent: usize,
    subs: Vec<Unit>,
}

fn fields(item: &Unit, list_indent: usize) -> Option<Fields> {
    let first = &item.lines[0];
    let after_dash = &first[list_indent + 1..];
    let indent = list_indent + 1 + indent_of(after_dash);
    let key = key_of(&first[indent..])?.to_string();
    let mut raw: Vec<(String, Vec<String>, Vec<String>)> = vec![(
        key,
        Vec::new(),
        vec![format!("{}{}", " ".repeat(indent), &first[indent..])],
    )];
    let mut pending = Vec::new();
    for line in &item.lines[1..] {
        if is_comment_or_blank(line) {
            pending.push(line.clone());
        } else if indent_of(line) == indent {
            let key = key_of(&line[indent..])?.to_string();
            raw.push((key, std::mem::take(&mut pending), vec![line.clone()]));
        } else if indent_of(line) > indent {
            let last = raw.last_mut()?;
            last.2.append(&mut pending);
            last.2.push(line.clone());
        } else {
            return None;
        }
    }
    raw.last_mut()?.2.append(&mut pending);
    Some(Fields {
        dash: first[..indent].to_string(),
        indent,
        subs: raw
            .into_iter()
            .map(|(k, lead, lines)| Unit::new(k, lead, lines, indent))
            .collect(),
    })
}

/// Writes the merged version of one unit.
fn emit(
    out: &mut Vec<String>,
    (b, o, t): (Option<&Unit>, Option<&Unit>, Option<&Unit>),
    shift: isize,
    what: &str,
    result: bool,
    m: &mut Merged,
) {
    fn value(u: Option<&Unit>) -> Option<&Canon> {
        u.map(|u| &u.value)
    }
    match pick(value(b), value(o), value(t)) {
        Pick::Ours => {
            if let Some(o) = o {
                out.extend(o.lead.iter().cloned());
                out.extend(o.lines.iter().cloned());
            }
        }
        Pick::Theirs => {
            if result {
                m.results += 1;
            } else {
                m.others += 1;
            }
            m.take(match t {
                Some(_) => format!("tar in {what}"),
                None => format!("tar bort {what}"),
            });
            if let Some(o) = o {
                out.extend(o.lead.iter().cloned());
            }
            if let Some(t) = t {
                out.extend(shifted(&t.lines, shift));
            }
        }
        Pick::Conflict => {
            m.conflicts += 1;
            m.take(format!("konflikt: {what}"));
            let text = match (o, t) {
                (Some(_), Some(t)) => todos::conflict_value(what, &t.shown()),
                (None, Some(t)) => todos::conflict_removed(what, &t.shown()),
                _ => todos::conflict_dropped(what),
            };
            let indent = match (o, t) {
                (Some(o), _) => indent_of(&o.lines[0]),
                (None, Some(t)) => (indent_of(&t.lines[0]) as isize + shift).max(0) as usize,
                (None, None) => 0,
            };
            let indent = " ".repeat(indent);
            if let Some(o) = o {
                out.extend(o.lead.iter().cloned());
            }
            out.extend(todo_comment(&indent, &text).lines().map(str::to_string));
            if let Some(o) = o {
                out.extend(o.lines.iter().cloned());
            }
        }
    }
}

/// Pairs the items of `a` with those of `b`: by position when the lists
/// are as long (indicators), else by key, then (indicators) by order.
fn pair(a: &[Unit], b: &[Unit], positional: bool) -> Vec<Option<usize>> {
    if positional && a.len() == b.len() {
        return (0..a.len()).map(Some).collect();
    }
    let mut used = vec![false; b.len()];
    let mut out = vec![None; a.len()];
    for (i, x) in a.iter().enumerate() {
        let found = (0..b.len()).find(|&j| !used[j] && !x.key.is_empty() && b[j].key == x.key);
        if let Some(j) = found {
            out[i] = Some(j);
            used[j] = true;
        }
    }
    if positional {
        for slot in out.iter_mut().filter(|s| s.is_none()) {
            if let Some(j) = (0..b.len()).find(|&j| !used[j]) {
                *slot = Some(j);
                used[j] = true;
            }
        }
    }
    out
}

/// Merges a block list item by item; `None` when a side is not a block list.
fn merge_list(
    key: &str,
    b: Option<&Unit>,
    o: &Unit,
    t: Option<&Unit>,
    m: &mut Merged,
) -> Option<Vec<String>> {
    let empty = || List {
        indent: 0,
        items: Vec::new(),
    };
    let ol = list(key, o)?;
    let bl = match b {
        Some(b) => list(key, b)?,
        None => empty(),
    };
    let tl = match t {
        Some(t) => list(key, t)?,
        None => empty(),
    };
    let indicators = key == "indicators";
    let (bo, bt) = (
        pair(&bl.items, &ol.items, indicators),
        pair(&bl.items, &tl.items, indicators),
    );
    let mut triples: Vec<(Option<usize>, Option<usize>, Option<usize>)> = (0..bl.items.len())
        .map(|i| (Some(i), bo[i], bt[i]))
        .collect();
    let o_left: Vec<usize> = (0..ol.items.len())
        .filter(|j| !bo.contains(&Some(*j)))
        .collect();
    let t_left: Vec<usize> = (0..tl.items.len())
        .filter(|j| !bt.contains(&Some(*j)))
        .collect();
    let o_items: Vec<Unit> = o_left.iter().map(|&j| ol.items[j].clone()).collect();
    let t_items: Vec<Unit> = t_left.iter().map(|&j| tl.items[j].clone()).collect();
    let ot = pair(&o_items, &t_items, false);
    for (n, &j) in o_left.iter().enumerate() {
        triples.push((None, Some(j), ot[n].map(|k| t_left[k])));
    }
    for (n, &j) in t_left.iter().enumerate() {
        if !ot.contains(&Some(n)) {
            triples.push((None, None, Some(j)));
        }
    }
    let id_of = |side: usize, j: usize| {
        triples.iter().position(|tr| {
            if side == 0 {
                tr.1 == Some(j)
            } else {
                tr.2 == Some(j)
            }
        })
    };
    let ours: Vec<usize> = (0..ol.items.len()).filter_map(|j| id_of(0, j)).collect();
    let theirs: Vec<usize> = (0..tl.items.len()).filter_map(|j| id_of(1, j)).collect();
    let shift = ol.indent as isize - tl.indent as isize;
    let mut items = Vec::new();
    for id in order(&ours, &theirs) {
        let (bi, oi, ti) = triples[id];
        let (b, o, t) = (
            bi.map(|i| &bl.items[i]),
            oi.map(|i| &ol.items[i]),
            ti.map(|i| &tl.items[i]),
        );
        let name = o
            .or(t)
            .or(b)
            .map_or(String::new(), |u| display_name(key, &u.value));
        if let (true, Some(ou), Some(tu)) = (indicators, o, t) {
            let fb = b.map(|u| fields(u, bl.indent));
            if let (Some(fo), Some(ft)) = (fields(ou, ol.indent), fields(tu, tl.indent)) {
                if fb.as_ref().is_none_or(Option::is_some) {
                    let lead = ou.lead.clone();
                    merge_fields(
                        &mut items,
                        lead,
                        (fb.flatten().as_ref(), &fo, &ft),
                        &name,
                        m,
                    );
                    continue;
                }
            }
        }
        emit(
            &mut items,
            (b, o, t),
            shift,
            &item_what(key, &name),
            false,
            m,
        );
    }
    let mut out = o.lead.clone();
    if items.iter().any(|l| !is_comment_or_blank(l)) {
        out.push(o.lines[0].clone());
    }
    out.extend(items);
    Some(out)
}

fn display_name(key: &str, value: &Canon) -> String {
    let field = match key {
        "attachments" => return attachment_key(value),
        "changes" => "change",
        _ => "name",
    };
    match value.get(field) {
        Some(Canon::Text(t) | Canon::Plain(t)) => t.clone(),
        _ => value.flow(),
    }
}

fn item_what(key: &str, name: &str) -> String {
    let kind = match key {
        "team" => "teammedlemmen",
        "indicators" => "indikatorn",
        "attachments" => "bilagan",
        "changes" => "åtgärden",
        other => other,
    };
    format!("{kind} \"{name}\"")
}

/// Merges one indicator key by key (`f`: base, ours, theirs).
fn merge_fields(
    out: &mut Vec<String>,
    lead: Vec<String>,
    (b, o, t): (Option<&Fields>, &Fields, &Fields),
    name: &str,
    m: &mut Merged,
) {
    let keys = |x: &Fields| x.subs.iter().map(|u| u.key.clone()).collect::<Vec<_>>();
    let shift = o.indent as isize - t.indent as isize;
    let mut lines = Vec::new();
    for k in order(&keys(o), &keys(t)) {
        fn find<'a>(x: Option<&'a Fields>, k: &str) -> Option<&'a Unit> {
            x.and_then(|x| x.subs.iter().find(|u| u.key == k))
        }
        let what = format!("{k} för \"{name}\"");
        let slot = (find(b, &k), find(Some(o), &k), find(Some(t), &k));
        emit(&mut lines, slot, shift, &what, k == "result", m);
    }
    out.extend(lead);
    let mut dashed = false;
    for line in lines {
        if !dashed && !is_comment_or_blank(&line) {
            dashed = true;
            out.push(format!("{}{}", o.dash, strip_indent(&line, o.indent)));
        } else {
            out.push(line);
        }
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
            let text: Vec<&str> = todo
                .lines()
                .map(|l| l.trim_start_matches('#').trim())
                .collect();
            m.new_todos.push(
                text.join(" ")
                    .trim_start_matches("TODO")
                    .trim_start_matches(':')
                    .trim()
                    .to_string(),
            );
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

//! Block lists merged item by item: `team` by name, `attachments` by
//! file or address, `changes` by slug, `indicators` by position (by name
//! when their number changed) and each indicator key by key.

use super::super::{order, Canon, Merged};
use super::units::{emit, indent_of, is_comment_or_blank, key_of, strip_indent, Unit};
use crate::config::match_key;

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
pub(super) fn merge_list(
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

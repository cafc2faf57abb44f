//! `arkiv accept FILE…`: a pending update of `arkiv import` put in place.
//!
//! FILE is the entry (`content/2025/x.md`) or its pending update
//! (`.arkiv/pending/2025/x.md`). The update goes in only when it has no
//! TODO left (conflicts included), loads without an error, and the entry
//! has not changed since the update was made (else the merge would undo
//! the editor's later edits: import the original again instead). Then the
//! entry is replaced, the new original and pictures move beside it, and
//! the update's import becomes the base of the next one.

use std::fs;
use std::path::{Path, PathBuf};

use super::apply::{drop_pending, move_all};
use crate::config::Config;
use crate::content::{self, frontmatter, todos};
use crate::state::{sha256, Record, State};

/// Why an update was not put in place: lines for the editor.
pub type Refusal = Vec<String>;

/// `arkiv accept FILE…`: each file's line in Swedish; false when one was
/// refused.
pub fn run(config: &Config, root: &Path, files: &[PathBuf]) -> bool {
    let mut ok = true;
    for file in files {
        match accept(config, root, file) {
            Ok(entry) => println!("godkänd {entry}: den väntande uppdateringen är på plats"),
            Err(why) => {
                ok = false;
                println!("inte godkänd {}:", file.display());
                for w in why {
                    println!("  {w}");
                }
            }
        }
    }
    ok
}

/// An absolute path without `.` and `..` parts, whether it exists or not.
fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Puts the pending update of `file` in place; the entry, as shown.
pub fn accept(config: &Config, root: &Path, file: &Path) -> Result<String, Refusal> {
    let root = absolute(root);
    let state = State::of(&root);
    let given = if file.is_absolute() || file.exists() {
        absolute(file)
    } else {
        root.join(file)
    };
    let entry = state.entry_of(&given);
    let shown = state.show(&entry);
    let pending = state.pending(&entry);
    let no = |why: String| Err(vec![why]);
    if !pending.is_file() {
        return no(format!(
            "{shown} har ingen väntande uppdatering (den görs av arkiv import med ett nytt original)"
        ));
    }
    let record = match Record::read(&state.pending_record(&entry)) {
        Ok(r) => r,
        Err(e) => {
            return no(format!(
                "{} kan inte läsas: {e}",
                state.show(&state.pending_record(&entry))
            ))
        }
    };
    let live = fs::read(&entry).unwrap_or_default();
    if record.live_sha256.as_deref() != Some(sha256(&live).as_str()) {
        return no(format!(
            "{shown} har ändrats efter att uppdateringen gjordes: importera originalet {} igen, så görs en ny uppdatering av den nya versionen",
            record.original
        ));
    }
    let bytes = fs::read(&pending)
        .map_err(|e| vec![format!("{} kan inte läsas: {e}", state.show(&pending))])?;
    let shown_pending = state.show(&pending);
    let mut why = Vec::new();
    let text = frontmatter::decode(&bytes).unwrap_or_default();
    if let Ok(split) = frontmatter::split(&text) {
        for t in todos::find(split.yaml, split.yaml_line, split.body, split.body_line) {
            why.push(format!("{shown_pending}:{}: {}", t.line, t.text));
        }
    }
    if !why.is_empty() {
        why.push(format!(
            "gör det som står på raderna ovan i {shown_pending} och ta bort dem, och kör arkiv accept igen"
        ));
        return Err(why);
    }
    let ctx = content::Context::new(&root, config);
    let dir = entry.parent().unwrap_or(&state.content).to_path_buf();
    let (_, diags) = content::load_pending(&ctx, &pending, &dir);
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    if !errors.is_empty() {
        why.extend(errors);
        why.push(format!(
            "rätta felen ovan i {shown_pending} och kör arkiv accept igen"
        ));
        return Err(why);
    }
    put_in_place(&state, &entry, &bytes, record)
        .map_err(|e| vec![format!("{shown}: kunde inte skriva: {e}")])?;
    Ok(shown)
}

fn put_in_place(
    state: &State,
    entry: &Path,
    bytes: &[u8],
    mut record: Record,
) -> std::io::Result<()> {
    let dir = entry.parent().unwrap_or(&state.content).to_path_buf();
    let old = Record::read(&state.record(entry))
        .map(|r| r.files)
        .unwrap_or_default();
    let tmp = dir.join(".accept.arkiv-tmp");
    fs::write(&tmp, bytes)?;
    fs::rename(&tmp, entry)?;
    move_all(&state.pending_dir(entry), &dir, &record.files)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let text = String::from_utf8_lossy(bytes);
    for gone in old
        .iter()
        .filter(|f| !record.files.contains(f) && !text.contains(f.as_str()))
    {
        let _ = fs::remove_file(dir.join(gone));
    }
    let base = state.base(entry);
    if let Some(parent) = base.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::copy(state.pending_import(entry), &base)?;
    record.live_sha256 = None;
    fs::write(state.record(entry), record.to_toml())?;
    drop_pending(state, entry);
    Ok(())
}

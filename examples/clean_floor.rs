//! What any cleaner must at least do to a site's Word and Excel files,
//! timed apart from arkiv's cleaner: read each file and unpack every part
//! of its zip (a picture must be unpacked whole to see what it hides after
//! its image data; the XML to see its comments and tracked changes), with
//! the inflater arkiv uses. `bench/clean.sh` prints it beside the cold
//! build, to show how much of the cold cost no cleaner can avoid:
//! `cargo run --release --example clean_floor -- ROOT`.

use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

#[path = "common/cpu.rs"]
mod cpu;
use cpu::cpu_seconds;

fn main() {
    let root = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    let (t, c) = (Instant::now(), cpu_seconds());
    let (mut files, mut packed, mut unpacked) = (0u64, 0u64, 0u64);
    let walk = walkdir::WalkDir::new(root.join("content")).sort_by_file_name();
    for entry in walk.into_iter().filter_map(Result::ok) {
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "docx" | "xlsx") {
            continue;
        }
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])) else {
            continue;
        };
        files += 1;
        packed += bytes.len() as u64;
        let mut buf = Vec::new();
        for i in 0..zip.len() {
            let Ok(mut part) = zip.by_index(i) else {
                continue;
            };
            buf.clear();
            if part.read_to_end(&mut buf).is_ok() {
                unpacked += buf.len() as u64;
            }
        }
    }
    println!(
        "{files} files, {:.0} MB, unpacked to {:.0} MB: {:.3} s ({:.3} s CPU)",
        packed as f64 / 1e6,
        unpacked as f64 / 1e6,
        t.elapsed().as_secs_f64(),
        cpu_seconds() - c
    );
}

//! Damaged and hostile inputs to `arkiv import`, made here at test time
//! (never committed): not a zip, no document part, an encrypted PDF, a
//! truncated PDF, a 200 MB file and a zip bomb. Each gives a clear error,
//! leaves nothing behind, and the import's peak memory (GNU time's maximum
//! resident set size) stays under 256 MiB.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use crate::common::*;
use crate::import_gen::{empty_site, gen, page_objects, pdf_of};

const LIMIT_KIB: u64 = 256 * 1024;

/// Imports `file` under GNU time; the run and its peak memory in KiB
/// (`None` where /usr/bin/time is missing, outside CI).
fn import_measured(root: &Path, file: &Path) -> (Run, Option<u64>) {
    let time = Path::new("/usr/bin/time");
    let bin = env!("CARGO_BIN_EXE_arkiv");
    let args = [
        "import",
        file.to_str().unwrap(),
        "--root",
        root.to_str().unwrap(),
    ];
    if !time.is_file() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs /usr/bin/time (.ci/run installs it)"
        );
        println!("skipped: peak memory (no /usr/bin/time)");
        let out = Command::new(bin).args(args).output().unwrap();
        return (to_run(out), None);
    }
    let out = Command::new(time)
        .args(["-f", "PEAK_KIB %M", bin])
        .args(args)
        .env_remove("GITHUB_ACTIONS")
        .output()
        .unwrap();
    let run = to_run(out);
    let peak = run
        .stderr
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("PEAK_KIB "))
        .and_then(|n| n.trim().parse().ok());
    assert!(peak.is_some(), "no peak in {}", run.stderr);
    (run, peak)
}

fn to_run(out: std::process::Output) -> Run {
    Run {
        // GNU time exits with the command's status.
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The import of `file` fails with `message`, writes nothing, and stays
/// under the memory limit.
fn assert_refused(name: &str, file: &Path, message: &str) {
    let (_tmp, root) = empty_site();
    let (out, peak) = import_measured(&root, file);
    assert_eq!(out.code, 1, "{name}: {}", out.stdout);
    assert!(
        out.stdout.contains("misslyckades "),
        "{name}: {}",
        out.stdout
    );
    assert!(
        out.stdout.contains(message),
        "{name}: {:?} not in {}",
        message,
        out.stdout
    );
    assert!(
        files_below(&root.join("content")).is_empty(),
        "{name}: left something behind"
    );
    if let Some(kib) = peak {
        println!("{name}: peak memory {} MiB", kib / 1024);
        assert!(kib < LIMIT_KIB, "{name}: {kib} KiB");
    }
}

#[test]
fn not_a_zip_and_no_document_part() {
    let dir = fixture("import");
    assert_refused(
        "not a zip",
        &dir.join("not-a-zip.docx"),
        "inte en Word-fil (en .docx är ett zip-arkiv, och det är inte den här)",
    );
    assert_refused(
        "no document part",
        &dir.join("no-document.docx"),
        "inte en Word-fil: word/document.xml saknas",
    );
}

#[test]
fn an_encrypted_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let mut objs = page_objects(
        b"BT /F1 12 Tf 72 720 Td (hemlig) Tj ET",
        "/Font << /F1 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    );
    // The standard security handler with a user password: the empty
    // password does not open it.
    let hex32 = "<".to_string() + &"7a".repeat(32) + ">";
    objs.push(
        format!("<< /Filter /Standard /V 1 /R 2 /O {hex32} /U {hex32} /P -4 >>").into_bytes(),
    );
    let file = tmp.path().join("skyddad.pdf");
    std::fs::write(&file, pdf_of(objs, "/Encrypt 6 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]")).unwrap();
    assert_refused(
        "encrypted PDF",
        &file,
        "PDF:en är lösenordsskyddad: spara en kopia utan skydd och importera den",
    );
}

#[test]
fn a_truncated_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let whole = std::fs::read(gen("tegner-2022.pdf")).unwrap();
    let file = tmp.path().join("avbruten.pdf");
    std::fs::write(&file, &whole[..whole.len() / 2]).unwrap();
    assert_refused(
        "truncated PDF",
        &file,
        "PDF:en är avkortad (den slutar inte med %%EOF)",
    );
}

#[test]
fn a_200_mb_file() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("stor.docx");
    // Sparse: 200 MB on paper, no disk used; refused before it is read.
    std::fs::File::create(&file)
        .unwrap()
        .set_len(200 << 20)
        .unwrap();
    assert_refused(
        "200 MB file",
        &file,
        "filen är 200 MiB, mer än en rapport kan vara (64 MiB)",
    );
    let pdf = tmp.path().join("stor.pdf");
    std::fs::File::create(&pdf)
        .unwrap()
        .set_len(200 << 20)
        .unwrap();
    assert_refused("200 MB PDF", &pdf, "filen är 200 MiB");
}

#[test]
fn a_zip_bomb() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("bomb.docx");
    // 256 MiB of XML whitespace that packs to a few hundred KiB.
    let mut w = zip::ZipWriter::new(std::fs::File::create(&file).unwrap());
    w.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..256 {
        w.write_all(&chunk).unwrap();
    }
    w.finish().unwrap();
    let size = std::fs::metadata(&file).unwrap().len();
    assert!(size < 4 << 20, "a bomb is small: {size}");
    assert_refused(
        "zip bomb",
        &file,
        "word/document.xml packas upp till mer än 16 MiB (en skadad fil eller en zip-bomb)",
    );
}

#[test]
fn a_pdf_bomb() {
    use flate2::write::ZlibEncoder;
    let tmp = tempfile::tempdir().unwrap();
    // A page whose content stream inflates to 32 MiB of operators.
    let mut z = ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    let chunk = b"q Q ".repeat(1 << 18);
    for _ in 0..32 {
        z.write_all(&chunk).unwrap();
    }
    let packed = z.finish().unwrap();
    let mut objs = page_objects(b"", "", b"<< >>".to_vec());
    objs[3] = [
        format!(
            "<< /Length {} /Filter /FlateDecode >>\nstream\n",
            packed.len()
        )
        .into_bytes(),
        packed,
        b"\nendstream".to_vec(),
    ]
    .concat();
    let file = tmp.path().join("bomb.pdf");
    std::fs::write(&file, pdf_of(objs, "")).unwrap();
    assert_refused("PDF bomb", &file, "PDF:en är för stor för att läsas");
}

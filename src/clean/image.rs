//! Pictures (JPEG, PNG, WebP, and GIF for body pictures): metadata
//! removed, image data untouched
//! (never decoded or re-encoded, so the picture is exactly as it was).
//!
//! Each format keeps what is needed to show the picture as it looked and
//! nothing else: a JPEG its frame, tables and scans, the JFIF header
//! (without its thumbnail), the colour profile and Adobe's colour-transform
//! marker; a PNG its image chunks, transparency, colour and pixel-size
//! chunks and animation; a WebP its image, alpha, animation and colour
//! profile. Gone are EXIF (camera, owner, time, GPS position, a thumbnail
//! of the uncropped photo), XMP, IPTC and Photoshop blocks, comments, text
//! chunks, and anything after the image's end (a second picture or other
//! data appended). The one EXIF value that changes how a picture looks,
//! its orientation, is written back alone, so that a photo is not shown
//! on its side.

use img_parts::jpeg::Jpeg;
use img_parts::png::{Png, PngChunk};
use img_parts::webp::WebP;
use img_parts::{Bytes, ImageEXIF};

use super::removed::{Hidden, Item, Place};
use super::{CleanError, Cleaned, Kind};

/// Cleans a picture of `kind`.
pub fn clean(kind: Kind, bytes: &[u8]) -> Result<Cleaned, CleanError> {
    let mut out = Cleaned::default();
    let damaged =
        |e: img_parts::Error| CleanError::Damaged(format!("the picture cannot be read ({e})"));
    out.bytes = match kind {
        Kind::Jpeg => {
            let mut w = Vec::with_capacity(bytes.len());
            jpeg(bytes, &mut w, &mut out).map_err(damaged)?;
            w
        }
        Kind::Png => png(bytes, &mut out).map_err(damaged)?,
        Kind::Webp => webp(bytes, &mut out).map_err(damaged)?,
        Kind::Gif => gif(bytes, &mut out).ok_or_else(|| {
            CleanError::Damaged("the picture cannot be read (not a whole GIF)".into())
        })?,
        _ => return Err(CleanError::WrongKind(kind)),
    };
    Ok(out)
}

thread_local! {
    /// Where a JPEG's copy is written before it is compared with the
    /// source: most pictures have nothing to remove, and then no copy is
    /// kept.
    static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Cleans a picture inside a Word or Excel file or a PDF. `true`: the copy
/// is the picture as it was, byte for byte (its `bytes` are left empty),
/// so that the caller keeps the part as it was stored.
pub fn clean_part(kind: Kind, bytes: &[u8]) -> Result<(Cleaned, bool), CleanError> {
    if kind != Kind::Jpeg {
        let mut c = clean(kind, bytes)?;
        let same = c.bytes == bytes;
        if same {
            c.bytes = Vec::new();
        }
        return Ok((c, same));
    }
    SCRATCH.with(|scratch| {
        let mut w = scratch.borrow_mut();
        w.clear();
        let mut out = Cleaned::default();
        let done = jpeg(bytes, &mut w, &mut out)
            .map_err(|e| CleanError::Damaged(format!("the picture cannot be read ({e})")));
        let same = done.is_ok() && *w == bytes;
        if done.is_ok() && !same {
            out.bytes = w.clone();
        }
        // A scratch buffer is kept for the next picture, unless it is huge.
        if w.capacity() > 16 << 20 {
            *w = Vec::new();
        }
        done.map(|()| (out, same))
    })
}

fn note(out: &mut Cleaned, what: &str, text: String) {
    out.removed.note(Item::ImageMetadata);
    if !text.trim().is_empty() {
        out.hidden.push(Hidden {
            place: Place::Picture(what.to_string()),
            text,
        });
    }
}

/// Reads an EXIF block (a TIFF structure): notes what it held and returns
/// the orientation.
fn exif(tiff: &[u8], out: &mut Cleaned) -> Option<u16> {
    let e = super::exif::Exif::read(tiff);
    if e.gps {
        out.removed.note(Item::Gps);
    }
    note(out, "EXIF", e.text.join("\n"));
    e.orientation.filter(|&o| (2..=8).contains(&o))
}

/// The JPEG's segments up to its first scan, read from a copy of its
/// first 64 KiB (a picture's headers are seldom larger; else from a copy
/// of the whole), and how many bytes that copy held.
fn jpeg_head(bytes: &[u8]) -> Result<(Jpeg, usize), img_parts::Error> {
    let head = &bytes[..bytes.len().min(64 << 10)];
    if head.len() < bytes.len() {
        if let Ok(j) = Jpeg::from_bytes(Bytes::copy_from_slice(head)) {
            if j.segments().last().is_some_and(|s| s.has_entropy()) {
                return Ok((j, head.len()));
            }
        }
    }
    Ok((
        Jpeg::from_bytes(Bytes::copy_from_slice(bytes))?,
        bytes.len(),
    ))
}

/// Writes the cleaned copy of a JPEG into `w` (empty).
fn jpeg(bytes: &[u8], w: &mut Vec<u8>, out: &mut Cleaned) -> Result<(), img_parts::Error> {
    let (jpeg, read) = jpeg_head(bytes)?;
    w.extend_from_slice(&[0xFF, 0xD8]);
    let mut orientation = None;
    let put = |w: &mut Vec<u8>, marker: u8, contents: &[u8]| {
        w.extend_from_slice(&[0xFF, marker]);
        w.extend_from_slice(&((contents.len() + 2) as u16).to_be_bytes());
        w.extend_from_slice(contents);
    };
    for s in jpeg.segments() {
        let (m, c) = (s.marker(), s.contents());
        match m {
            0xE0 if c.starts_with(b"JFIF\0") && c.len() >= 12 => {
                if c.len() > 14 {
                    out.removed.note(Item::Thumbnail);
                }
                let mut head = c[..12].to_vec();
                head.extend_from_slice(&[0, 0]);
                put(w, m, &head);
            }
            0xE2 if c.starts_with(b"ICC_PROFILE\0") => put(w, m, c),
            0xEE if c.starts_with(b"Adobe") => put(w, m, c),
            0xE1 if c.starts_with(b"Exif\0\0") => orientation = exif(&c[6..], out).or(orientation),
            0xE1 => note(out, "XMP", String::from_utf8_lossy(c).into_owned()),
            0xFE => note(out, "comment", String::from_utf8_lossy(c).into_owned()),
            0xE0..=0xEF => note(out, "IPTC or other application data", String::new()),
            _ => {}
        }
        if matches!(m, 0xC0..=0xCF | 0xDB | 0xDD | 0xDC | 0xDA) {
            // The orientation goes first, right after the JFIF header.
            if let Some(o) = orientation.take() {
                let mut c = b"Exif\0\0".to_vec();
                c.extend(super::exif::orientation_only(o));
                put(w, 0xE1, &c);
            }
            put(w, m, c);
            if m == 0xDA {
                // The first scan's data runs to the end of the file.
                // (The rest of what was read, in the source.)
                let n = s.len_with_entropy() - s.len();
                scans(&bytes[read - n..], w, out);
                // A damaged source can make a copy that no reader takes
                // (a segment running past the end): refused, never
                // published (fuzz finding, 2026-12-07).
                return jpeg_head(w).map(|_| ());
            }
        }
    }
    // No scan: no picture (and nothing a reader would show).
    Err(img_parts::Error::Truncated)
}

/// The scans after the first scan header, up to and with the image's end
/// marker: application segments and comments between progressive scans
/// are dropped, and so is anything after the end.
fn scans(data: &[u8], w: &mut Vec<u8>, out: &mut Cleaned) {
    w.reserve(data.len());
    let mut i = 0;
    while i < data.len() {
        if data[i] != 0xFF {
            // Scan data up to the next marker byte, copied whole.
            let next = memchr::memchr(0xFF, &data[i..]).map_or(data.len(), |p| i + p);
            w.extend_from_slice(&data[i..next]);
            i = next;
            continue;
        }
        let Some(&m) = data.get(i + 1) else {
            w.push(0xFF);
            break;
        };
        match m {
            0x00 | 0xD0..=0xD7 => {
                w.extend_from_slice(&[0xFF, m]);
                i += 2;
            }
            0xFF => {
                w.push(0xFF);
                i += 1;
            }
            0xD9 => {
                w.extend_from_slice(&[0xFF, 0xD9]);
                if data.len() > i + 2 {
                    out.removed.note(Item::TrailingData);
                }
                return;
            }
            _ => {
                let len = data
                    .get(i + 2..i + 4)
                    .map(|l| u16::from_be_bytes([l[0], l[1]]) as usize);
                let end = len.map(|l| i + 2 + l).filter(|&e| e <= data.len());
                let Some(end) = end else {
                    w.extend_from_slice(&data[i..]);
                    break;
                };
                if matches!(m, 0xE0..=0xEF | 0xFE) {
                    note(out, "application data between scans", String::new());
                } else {
                    w.extend_from_slice(&data[i..end]);
                }
                i = end;
            }
        }
    }
}

/// PNG chunks that show the picture as it looked.
const PNG_KEEP: &[&[u8; 4]] = &[
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT",
    b"pHYs", b"bKGD", b"hIST", b"acTL", b"fcTL", b"fdAT", b"cICP", b"mDCv", b"cLLi",
];

fn png(bytes: &[u8], out: &mut Cleaned) -> Result<Vec<u8>, img_parts::Error> {
    let mut png = Png::from_bytes(Bytes::copy_from_slice(bytes))?;
    if png.len() < bytes.len() {
        out.removed.note(Item::TrailingData);
    }
    let mut orientation = None;
    for c in png.chunks() {
        let (kind, data) = (c.kind(), c.contents());
        match &kind {
            b"eXIf" => orientation = exif(data, out),
            b"tEXt" | b"zTXt" | b"iTXt" => note(out, "text", png_text(&kind, data)),
            k if PNG_KEEP.contains(&k) => {}
            _ => note(out, "other data", String::new()),
        }
    }
    png.chunks_mut().retain(|c| PNG_KEEP.contains(&&c.kind()));
    if let Some(o) = orientation {
        let at = png
            .chunks()
            .iter()
            .position(|c| &c.kind() == b"IDAT")
            .unwrap_or(1);
        png.chunks_mut().insert(
            at,
            PngChunk::new(*b"eXIf", Bytes::from(super::exif::orientation_only(o))),
        );
    }
    Ok(png.encoder().bytes().to_vec())
}

/// The text of a PNG text chunk: keyword and text, a compressed one
/// inflated (at most 1 MiB).
fn png_text(kind: &[u8; 4], data: &[u8]) -> String {
    use std::io::Read;
    let inflate = |d: &[u8]| {
        let mut s = Vec::new();
        let _ = flate2::read::ZlibDecoder::new(d)
            .take(1 << 20)
            .read_to_end(&mut s);
        String::from_utf8_lossy(&s).into_owned()
    };
    let (key, rest) = match data.iter().position(|&b| b == 0) {
        Some(i) => (
            String::from_utf8_lossy(&data[..i]).into_owned(),
            &data[i + 1..],
        ),
        None => return String::from_utf8_lossy(data).into_owned(),
    };
    let text = match kind {
        b"zTXt" => inflate(rest.get(1..).unwrap_or_default()),
        b"iTXt" => {
            let compressed = rest.first() == Some(&1);
            // flag, method, language \0, translated keyword \0, text
            let after = rest.get(2..).unwrap_or_default();
            let mut parts = after.splitn(3, |&b| b == 0);
            let (_, _, t) = (parts.next(), parts.next(), parts.next().unwrap_or_default());
            if compressed {
                inflate(t)
            } else {
                String::from_utf8_lossy(t).into_owned()
            }
        }
        _ => String::from_utf8_lossy(rest).into_owned(),
    };
    format!("{key} {text}")
}

fn webp(bytes: &[u8], out: &mut Cleaned) -> Result<Vec<u8>, img_parts::Error> {
    const KEEP: &[&[u8; 4]] = &[
        b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP",
    ];
    let mut webp = WebP::from_bytes(Bytes::copy_from_slice(bytes))?;
    let mut orientation = None;
    for c in webp.chunks() {
        let data = c.content().data().map(|d| d.to_vec()).unwrap_or_default();
        match &c.id() {
            b"EXIF" => {
                let tiff = data.strip_prefix(b"Exif\0\0").unwrap_or(&data);
                orientation = exif(tiff, out);
            }
            b"XMP " => note(out, "XMP", String::from_utf8_lossy(&data).into_owned()),
            k if KEEP.contains(&k) => {}
            _ => note(out, "other data", String::new()),
        }
    }
    webp.chunks_mut().retain(|c| KEEP.contains(&&c.id()));
    // No image chunk left: no picture.
    if !webp
        .chunks()
        .iter()
        .any(|c| matches!(&c.id(), b"VP8 " | b"VP8L" | b"ANMF"))
    {
        return Err(img_parts::Error::Truncated);
    }
    // Setting the EXIF block also sets the header's flags to what is left.
    webp.set_exif(orientation.map(|o| Bytes::from(super::exif::orientation_only(o))));
    // That leaves the XMP flag as it was: the XMP chunk is gone.
    for c in webp.chunks_mut().iter_mut().filter(|c| &c.id() == b"VP8X") {
        if let img_parts::riff::RiffContent::Data(d) = c.content_mut() {
            if let Some(&first) = d.first() {
                let mut v = d.to_vec();
                v[0] = first & !0b0000_0100;
                *d = Bytes::from(v);
            }
        }
    }
    let bytes_out = webp.encoder().bytes().to_vec();
    Ok(bytes_out)
}

/// A GIF's blocks, kept but for comments, application extensions other
/// than animation (NETSCAPE2.0, ANIMEXTS1.0) and colour profile
/// (ICCRGBG1), and anything after the trailer. `None`: not a whole GIF.
fn gif(b: &[u8], out: &mut Cleaned) -> Option<Vec<u8>> {
    if !(b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a")) {
        return None;
    }
    let table = |packed: u8| {
        if packed & 0x80 != 0 {
            3usize << ((packed & 7) + 1)
        } else {
            0
        }
    };
    // Header, screen descriptor and global colour table.
    let mut i = 13 + table(*b.get(10)?);
    let mut w = b.get(..i)?.to_vec();
    // Sub-blocks from `at` to their terminator: the end (after the 0).
    let blocks = |mut at: usize| -> Option<usize> {
        loop {
            let n = usize::from(*b.get(at)?);
            at += 1 + n;
            if n == 0 {
                return (at <= b.len()).then_some(at);
            }
        }
    };
    let mut images = 0;
    loop {
        match *b.get(i)? {
            0x21 => {
                let label = *b.get(i + 1)?;
                let end = blocks(i + 2)?;
                let app = b.get(i + 3..i + 14).unwrap_or_default();
                let keep = match label {
                    0xF9 | 0x01 => true,
                    0xFF => matches!(app, b"NETSCAPE2.0" | b"ANIMEXTS1.0" | b"ICCRGBG1012"),
                    _ => false,
                };
                if keep {
                    w.extend_from_slice(&b[i..end]);
                } else {
                    let text = if label == 0xFE {
                        String::from_utf8_lossy(&b[i + 2..end]).into_owned()
                    } else {
                        String::new()
                    };
                    note(out, "GIF comment or application data", text);
                }
                i = end;
            }
            0x2C => {
                let packed = *b.get(i + 9)?;
                let data = i + 10 + table(packed) + 1;
                let end = blocks(data)?;
                w.extend_from_slice(&b[i..end]);
                images += 1;
                i = end;
            }
            0x3B => {
                w.push(0x3B);
                if b.len() > i + 1 {
                    out.removed.note(Item::TrailingData);
                }
                return (images > 0).then_some(w);
            }
            _ => return None,
        }
    }
}

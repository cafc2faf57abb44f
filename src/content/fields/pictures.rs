//! The body's own pictures (`![bildtext](fil.png)`): checked like
//! attachments (a file beside the report, inside the site; a missing one
//! is an error at its line), measured, and written into the page as
//! Hugo's and Zola's image processing write them: `width` and `height` so
//! that the page does not jump as it loads, a `srcset` with a copy at most
//! [`RESIZED`] pixels wide for narrow screens (made by the build from the
//! published bytes, `site::Site::produce`), and `loading="lazy"` for every
//! picture but the first, which may be in view when the page opens.

use std::collections::HashMap;
use std::path::{Component, Path};

use crate::content::load::Context;
use pulldown_cmark::{Event, Parser, Tag};

use crate::content::{markdown, Picture};
use crate::diag::{Code, Diagnostic};

/// The width of the smaller copy in a picture's `srcset`.
pub const RESIZED: u32 = 800;
/// Picture formats a browser shows, which the build publishes.
const FORMATS: [&str; 5] = ["png", "jpg", "jpeg", "gif", "webp"];
/// The largest picture measured (a bigger file is not a report's picture).
const PICTURE_LIMIT: u64 = 32 << 20;

/// The smaller copy's file name: `diagram.png` → `diagram-800w.png`
/// (PNG and JPEG pictures wider than [`RESIZED`] get one).
pub fn resized_name(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((base, ext)) => format!("{base}-{RESIZED}w.{ext}"),
        None => format!("{name}-{RESIZED}w"),
    }
}

/// The pictures of `body` (which starts on line `body_line` of `file`):
/// each one found beside the report and measured, or an error at its
/// line; and the `<img>` attributes each gets.
pub(super) fn pictures(
    ctx: &Context,
    file: &str,
    dir: &Path,
    body: &str,
    body_line: usize,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Picture>, HashMap<String, String>) {
    let mut out: Vec<Picture> = Vec::new();
    let mut attrs = HashMap::new();
    for (name, offset) in local_pictures(body) {
        if attrs.contains_key(&name) {
            continue;
        }
        let line = body_line + body[..offset].matches('\n').count();
        let col = offset - body[..offset].rfind('\n').map_or(0, |i| i + 1) + 1;
        match picture(ctx, dir, &name) {
            Ok(p) => {
                let lazy = if out.is_empty() {
                    ""
                } else {
                    " loading=\"lazy\""
                };
                let src = markdown::escape_attr(&name);
                let resizable = matches!(
                    name.rsplit('.')
                        .next()
                        .map(str::to_ascii_lowercase)
                        .as_deref(),
                    Some("png" | "jpg" | "jpeg")
                );
                let srcset = if p.width > RESIZED && resizable {
                    let small = markdown::escape_attr(&resized_name(&name));
                    format!(
                        " srcset=\"{small} {RESIZED}w, {src} {}w\" sizes=\"(max-width: {RESIZED}px) 100vw, {RESIZED}px\"",
                        p.width
                    )
                } else {
                    String::new()
                };
                attrs.insert(
                    name.clone(),
                    format!(
                        "src=\"{src}\" width=\"{}\" height=\"{}\"{srcset}{lazy} decoding=\"async\"",
                        p.width, p.height
                    ),
                );
                out.push(p);
            }
            Err((code, message)) => {
                diags.push(Diagnostic::error(code, file, line, col, message));
            }
        }
    }
    (out, attrs)
}

/// One picture: inside the report's folder and the site, a format the
/// build publishes, readable as a picture.
fn picture(ctx: &Context, dir: &Path, name: &str) -> Result<Picture, (Code, String)> {
    let rel = Path::new(name);
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err((
            Code::Picture,
            format!("picture \"{name}\" must be a file name in the report's folder"),
        ));
    }
    let source = dir.join(rel);
    let missing = || {
        (
            Code::Picture,
            format!("picture file \"{name}\" does not exist next to the report"),
        )
    };
    let meta = std::fs::metadata(&source).map_err(|_| missing())?;
    if !meta.is_file() {
        return Err(missing());
    }
    match source.canonicalize() {
        Ok(real) if real.starts_with(&ctx.root_canonical) => {}
        _ => {
            return Err((
                Code::Picture,
                format!("picture \"{name}\" points outside the site folder"),
            ))
        }
    }
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    if !FORMATS.contains(&ext.as_str()) || meta.len() > PICTURE_LIMIT {
        return Err((
            Code::PictureFormat,
            format!("picture \"{name}\" is not a PNG, JPEG, GIF or WebP file a browser shows (save it as PNG)"),
        ));
    }
    let (width, height) = image::ImageReader::open(&source)
        .and_then(|r| r.with_guessed_format())
        .ok()
        .and_then(|r| r.into_dimensions().ok())
        .filter(|(w, h)| *w > 0 && *h > 0)
        .ok_or_else(|| (Code::PictureFormat, format!("picture \"{name}\" cannot be read as a picture (damaged, or not the format its name says)")))?;
    Ok(Picture {
        name: name.to_string(),
        source,
        width,
        height,
    })
}

/// The body's own pictures (`![…](file.png)`, a file beside the report):
/// each file name as written and its byte offset in the body.
pub fn local_pictures(body: &str) -> Vec<(String, usize)> {
    if !body.contains("](") && !body.contains("]:") {
        return Vec::new();
    }
    Parser::new_ext(body, markdown::options())
        .into_offset_iter()
        .filter_map(|(e, range)| match e {
            Event::Start(Tag::Image { dest_url, .. }) if is_local_picture(&dest_url) => {
                Some((dest_url.trim().to_string(), range.start))
            }
            _ => None,
        })
        .collect()
}

/// Whether an image address names a file beside the report (no scheme,
/// no folder, no fragment): one of the body's own pictures.
pub fn is_local_picture(url: &str) -> bool {
    let u = url.trim();
    !u.is_empty() && !u.contains(['/', '\\', ':', '#', '?'])
}

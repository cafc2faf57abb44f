//! The bytes of an image XObject as a file a browser shows: a JPEG
//! (`DCTDecode`) as it is stored, 8-bit RGB or grey pixels (`FlateDecode`
//! or none) made a PNG. Other kinds (CMYK, indexed colours, JPEG 2000, soft
//! masks alone) are left out; the importer says how many.

use std::io::Cursor;

use lopdf::{Document, Object, ObjectId};

/// The most pixels an image may have to be made a PNG.
const PIXEL_LIMIT: u64 = 40_000_000;

/// The image's file extension and bytes, when it is a kind above.
pub fn picture_bytes(doc: &Document, id: ObjectId) -> Option<(&'static str, Vec<u8>)> {
    let stream = doc.get_object(id).ok()?.as_stream().ok()?;
    let dict = &stream.dict;
    let filters: Vec<Vec<u8>> = match dict.get(b"Filter").ok()? {
        Object::Name(n) => vec![n.clone()],
        Object::Array(a) => a
            .iter()
            .filter_map(|o| o.as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .collect();
    let number = |k: &[u8]| dict.get(k).ok().and_then(|o| o.as_i64().ok());
    if filters.last().is_some_and(|f| f == b"DCTDecode") && filters.len() == 1 {
        return Some(("jpg", stream.content.clone()));
    }
    let (w, h, bpc) = (
        number(b"Width")?,
        number(b"Height")?,
        number(b"BitsPerComponent")?,
    );
    if bpc != 8 || w <= 0 || h <= 0 || (w as u64) * (h as u64) > PIXEL_LIMIT {
        return None;
    }
    let space = match dict.get(b"ColorSpace").ok()? {
        Object::Name(n) => n.clone(),
        _ => return None,
    };
    let data = stream
        .decompressed_content_with_limit(super::STREAM_LIMIT * 4)
        .ok()?;
    let (w, h) = (w as u32, h as u32);
    let img = match space.as_slice() {
        b"DeviceRGB" => {
            image::RgbImage::from_raw(w, h, data).map(image::DynamicImage::ImageRgb8)?
        }
        b"DeviceGray" => {
            image::GrayImage::from_raw(w, h, data).map(image::DynamicImage::ImageLuma8)?
        }
        _ => return None,
    };
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .ok()?;
    Some(("png", out))
}

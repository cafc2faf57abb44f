//! The smaller copy of a body picture for its `srcset`: decoded, scaled to
//! a width (height in proportion, Lanczos filter) and encoded in the
//! picture's own format (PNG or JPEG), as Hugo's and Zola's image
//! processing make theirs. Bounded: a picture of more than
//! [`PIXEL_LIMIT`] pixels is not decoded.

use std::io::Cursor;

use image::{ImageFormat, ImageReader, Limits};

/// The most pixels a picture may have to be scaled (a report's pictures
/// are screenshots and charts, far below this).
pub const PIXEL_LIMIT: u64 = 40_000_000;

/// `bytes` scaled to `width` pixels wide.
pub fn smaller(bytes: &[u8], width: u32) -> Result<Vec<u8>, image::ImageError> {
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format()?;
    let format = reader.format().unwrap_or(ImageFormat::Png);
    let mut limits = Limits::default();
    limits.max_alloc = Some(PIXEL_LIMIT * 4);
    reader.limits(limits);
    let img = reader.decode()?;
    let height = ((img.height() as u64 * width as u64) / img.width().max(1) as u64).max(1) as u32;
    let small = img.resize_exact(width, height, image::imageops::FilterType::Lanczos3);
    let mut out = Vec::new();
    let format = match format {
        ImageFormat::Jpeg => ImageFormat::Jpeg,
        _ => ImageFormat::Png,
    };
    let small = if format == ImageFormat::Jpeg {
        image::DynamicImage::ImageRgb8(small.to_rgb8())
    } else {
        small
    };
    small.write_to(&mut Cursor::new(&mut out), format)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_png_is_made_800_wide_in_proportion() {
        let img = image::RgbImage::from_pixel(1600, 400, image::Rgb([20, 80, 160]));
        let mut png = Vec::new();
        img.write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        let out = smaller(&png, 800).unwrap();
        let back = image::load_from_memory(&out).unwrap();
        assert_eq!((back.width(), back.height()), (800, 200));
        assert!(smaller(b"not a picture", 800).is_err());
    }
}

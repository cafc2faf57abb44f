//! The EXIF block of a picture (a TIFF structure), read for what the
//! cleaner reports (the orientation, a GPS position, the text tags), and
//! the smallest block that holds only an orientation, which the cleaner
//! writes back.

/// The smallest EXIF block that holds only an orientation.
pub fn orientation_only(o: u16) -> Vec<u8> {
    let mut t = b"MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01".to_vec();
    t.extend_from_slice(&o.to_be_bytes());
    t.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    t
}

/// What an EXIF block holds that the cleaner reports.
#[derive(Default)]
pub struct Exif {
    pub orientation: Option<u16>,
    pub gps: bool,
    pub text: Vec<String>,
}

impl Exif {
    /// Reads the first image directory of a TIFF structure: the
    /// orientation, whether a GPS directory is there, and the text tags
    /// (description, make, model, software, artist, copyright, Windows'
    /// title, comment, author, keywords, subject). Every offset is checked.
    pub fn read(t: &[u8]) -> Exif {
        let mut e = Exif::default();
        let le = match t.get(..2) {
            Some(b"II") => true,
            Some(b"MM") => false,
            _ => return e,
        };
        let u16_at = |o: usize| {
            t.get(o..o + 2).map(|b| {
                if le {
                    u16::from_le_bytes([b[0], b[1]])
                } else {
                    u16::from_be_bytes([b[0], b[1]])
                }
            })
        };
        let u32_at = |o: usize| {
            t.get(o..o + 4).map(|b| {
                let a = [b[0], b[1], b[2], b[3]];
                if le {
                    u32::from_le_bytes(a)
                } else {
                    u32::from_be_bytes(a)
                }
            })
        };
        let Some(ifd) = u32_at(4).map(|o| o as usize) else {
            return e;
        };
        let count = u16_at(ifd).unwrap_or(0).min(512) as usize;
        for k in 0..count {
            let at = ifd + 2 + 12 * k;
            let (Some(tag), Some(ty), Some(n)) = (u16_at(at), u16_at(at + 2), u32_at(at + 4))
            else {
                break;
            };
            let n = n as usize;
            match tag {
                0x0112 => e.orientation = u16_at(at + 8),
                0x8825 => e.gps = true,
                0x010E | 0x010F | 0x0110 | 0x0131 | 0x013B | 0x8298 | 0x9C9B..=0x9C9F => {
                    if n > 1 << 16 || !(ty == 1 || ty == 2 || ty == 7) {
                        continue;
                    }
                    let data = if n <= 4 {
                        t.get(at + 8..at + 8 + n)
                    } else {
                        u32_at(at + 8).and_then(|o| t.get(o as usize..o as usize + n))
                    };
                    let Some(d) = data else { continue };
                    let s = if (0x9C9B..=0x9C9F).contains(&tag) {
                        let units: Vec<u16> = d
                            .chunks_exact(2)
                            .map(|c| u16::from_le_bytes([c[0], c[1]]))
                            .collect();
                        String::from_utf16_lossy(&units)
                    } else {
                        String::from_utf8_lossy(d).into_owned()
                    };
                    e.text.push(s.trim_end_matches('\0').to_string());
                }
                _ => {}
            }
        }
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exif_orientation_and_text() {
        let mut t = b"II\x2a\0\x08\0\0\0\x03\0".to_vec();
        // orientation 6, artist "Anna" (inline, 4 bytes + NUL → offset), GPS pointer
        t.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
        t.extend_from_slice(&[0x3B, 0x01, 2, 0, 5, 0, 0, 0, 50, 0, 0, 0]);
        t.extend_from_slice(&[0x25, 0x88, 4, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
        t.extend_from_slice(&[0, 0, 0, 0]);
        t.extend_from_slice(b"Anna\0");
        let e = Exif::read(&t);
        assert_eq!(e.orientation, Some(6));
        assert!(e.gps);
        assert_eq!(e.text, vec!["Anna".to_string()]);
        let o = Exif::read(&orientation_only(6));
        assert_eq!(o.orientation, Some(6));
        assert!(!o.gps && o.text.is_empty());
        assert!(Exif::read(b"MM\0*\xff\xff\xff\xff").orientation.is_none());
    }
}

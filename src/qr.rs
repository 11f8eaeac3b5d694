//! QR codes for the packaging: the module matrix from `qrcode`, drawn here as SVG or as a
//! greyscale PNG (deflated with miniz_oxide), each with the standard four-module quiet zone.

use qrcode::{Color, EcLevel, QrCode};

/// Dark modules, row by row, and the side length in modules (without the quiet zone).
fn modules(text: &str) -> Option<(usize, Vec<bool>)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    Some((
        width,
        code.to_colors().iter().map(|c| *c == Color::Dark).collect(),
    ))
}

const QUIET: usize = 4;

/// An SVG of `size` × `size` pixels.
pub fn svg(text: &str, size: u32) -> Option<String> {
    let (width, dark) = modules(text)?;
    let side = width + 2 * QUIET;
    let mut path = String::new();
    for (i, _) in dark.iter().enumerate().filter(|(_, d)| **d) {
        let (x, y) = (i % width + QUIET, i / width + QUIET);
        path.push_str(&format!("M{x} {y}h1v1h-1z"));
    }
    Some(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {side} {side}" shape-rendering="crispEdges"><rect width="{side}" height="{side}" fill="#fff"/><path fill="#000" d="{path}"/></svg>"##
    ))
}

/// A greyscale PNG about `size` pixels wide (a whole number of pixels per module).
pub fn png(text: &str, size: u32) -> Option<Vec<u8>> {
    let (width, dark) = modules(text)?;
    let side = width + 2 * QUIET;
    let scale = (size as usize / side).max(1);
    let px = side * scale;
    let mut raw = Vec::with_capacity((px + 1) * px);
    for y in 0..px {
        raw.push(0); // filter: none
        for x in 0..px {
            let (mx, my) = (x / scale, y / scale);
            let on = mx >= QUIET
                && my >= QUIET
                && mx < QUIET + width
                && my < QUIET + width
                && dark[(my - QUIET) * width + (mx - QUIET)];
            raw.push(if on { 0 } else { 255 });
        }
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&(px as u32).to_be_bytes());
    header.extend_from_slice(&(px as u32).to_be_bytes());
    header.extend_from_slice(&[8, 0, 0, 0, 0]); // 8-bit greyscale, no interlace
    chunk(&mut out, b"IHDR", &header);
    chunk(
        &mut out,
        b"IDAT",
        &miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6),
    );
    chunk(&mut out, b"IEND", &[]);
    Some(out)
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(kind.iter().chain(data));
    out.extend_from_slice(&crc.to_be_bytes());
}

/// CRC-32 (IEEE), as PNG chunks need it.
fn crc32<'a>(bytes: impl Iterator<Item = &'a u8>) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_the_png_specification() {
        // The CRC of an empty IEND chunk is fixed by the format.
        assert_eq!(crc32(b"IEND".iter()), 0xae42_6082);
    }

    #[test]
    fn pictures_have_the_asked_size_and_a_quiet_zone() {
        let svg = svg("https://shipmate.example/p/abc", 300).unwrap();
        assert!(svg.starts_with("<svg") && svg.contains(r#"width="300""#));
        let png = png("https://shipmate.example/p/abc", 300).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let w = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
        assert!((250..=300).contains(&w), "{w}");
    }
}

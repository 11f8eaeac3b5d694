//! A logo as shipmate stores and serves it. Whatever a merchant gives — an upload, a `data:`
//! URI or an image fetched from their URL — is checked by its bytes, never by the type it
//! claims, and written again: PNG, JPEG and WebP are decoded within limits, scaled to fit
//! [`FIT_WIDTH`]×[`FIT_HEIGHT`] and encoded as PNG (metadata and anything after the image
//! gone); SVG is parsed and written again without what could run or fetch (scripts, event
//! handlers, foreign objects, external references, entities).

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use quick_xml::events::{BytesStart, Event};

use crate::store::Logo;

/// The largest logo file taken, in any form.
pub const LOGO_MAX_BYTES: usize = 1024 * 1024;
/// The box a raster logo is scaled down into (pages show it at most 240×80 CSS pixels, so
/// this is sharp on a screen of density 2.5).
pub const FIT_WIDTH: u32 = 600;
pub const FIT_HEIGHT: u32 = 200;
/// Pixels a raster logo may have before it is decoded.
const MAX_SIDE: u32 = 8_192;
/// Memory a decode may take.
const MAX_ALLOC: u64 = 128 * 1024 * 1024;
/// Elements an SVG logo may have.
const MAX_ELEMENTS: usize = 10_000;

/// Why a logo was refused, in words for the merchant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogoRefused(pub String);

impl std::fmt::Display for LogoRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn refused(why: impl Into<String>) -> LogoRefused {
    LogoRefused(why.into())
}

/// The logo shipmate stores for `bytes`: PNG for a raster image, a cleaned SVG for SVG.
pub fn reencode(bytes: &[u8]) -> Result<Logo, LogoRefused> {
    if bytes.len() > LOGO_MAX_BYTES {
        return Err(refused(format!(
            "logos are at most {} KiB",
            LOGO_MAX_BYTES / 1024
        )));
    }
    match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP)) => raster(bytes, f),
        _ if looks_like_svg(bytes) => svg(bytes),
        _ => Err(refused("a logo must be a PNG, JPEG, WebP or SVG image")),
    }
}

/// [`reencode`] on a blocking thread: decoding a large image takes a while.
pub async fn reencode_off_thread(bytes: Vec<u8>) -> Result<Logo, LogoRefused> {
    tokio::task::spawn_blocking(move || reencode(&bytes))
        .await
        .unwrap_or_else(|e| Err(refused(format!("the image could not be read: {e}"))))
}

fn raster(bytes: &[u8], format: ImageFormat) -> Result<Logo, LogoRefused> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let image = reader
        .decode()
        .map_err(|e| refused(format!("the image could not be read: {e}")))?;
    let image = if image.width() > FIT_WIDTH || image.height() > FIT_HEIGHT {
        image.resize(FIT_WIDTH, FIT_HEIGHT, image::imageops::FilterType::Triangle)
    } else {
        image
    };
    let image = DynamicImage::ImageRgba8(image.to_rgba8());
    let mut out = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .map_err(|e| refused(format!("the image could not be written: {e}")))?;
    Ok(Logo {
        content_type: "image/png".into(),
        bytes: out,
    })
}

fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with('<') && text.contains("<svg")
}

/// Elements that run script or pull in other documents.
const SVG_FORBIDDEN: [&str; 8] = [
    "script",
    "foreignobject",
    "iframe",
    "object",
    "embed",
    "audio",
    "video",
    "handler",
];

fn svg(bytes: &[u8]) -> Result<Logo, LogoRefused> {
    let text = std::str::from_utf8(bytes).map_err(|_| refused("an SVG logo must be UTF-8"))?;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut writer = quick_xml::Writer::new(Vec::new());
    let (mut depth, mut elements, mut root_seen) = (0usize, 0usize, false);
    loop {
        let event = reader
            .read_event()
            .map_err(|e| refused(format!("the SVG could not be read: {e}")))?;
        let keep = match &event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                elements += 1;
                if elements > MAX_ELEMENTS {
                    return Err(refused("the SVG has too many elements"));
                }
                check_element(e, depth == 0 && !root_seen)?;
                root_seen = true;
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                }
                true
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                true
            }
            Event::Text(t) if external(&String::from_utf8_lossy(t)) => {
                return Err(refused("an SVG logo may not refer to other files"));
            }
            Event::CData(t) if external(&String::from_utf8_lossy(t)) => {
                return Err(refused("an SVG logo may not refer to other files"));
            }
            Event::Text(_) | Event::CData(_) => depth > 0,
            Event::DocType(_) => return Err(refused("an SVG logo may not declare a DOCTYPE")),
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) => false,
        };
        if keep {
            writer
                .write_event(event)
                .map_err(|e| refused(format!("the SVG could not be written: {e}")))?;
        }
    }
    if !root_seen {
        return Err(refused("the SVG has no <svg> element"));
    }
    Ok(Logo {
        content_type: "image/svg+xml".into(),
        bytes: writer.into_inner(),
    })
}

fn check_element(e: &BytesStart<'_>, is_root: bool) -> Result<(), LogoRefused> {
    let exact = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
    // XML names are case-sensitive: the root is `svg`, not `SVG`; what could run is
    // refused in any case.
    if is_root && exact != "svg" {
        return Err(refused("an SVG logo must start with <svg>"));
    }
    let name = exact.to_ascii_lowercase();
    if SVG_FORBIDDEN.contains(&name.as_str()) {
        return Err(refused(format!("an SVG logo may not contain <{name}>")));
    }
    for attr in e.attributes() {
        let attr = attr.map_err(|e| refused(format!("the SVG could not be read: {e}")))?;
        let key = String::from_utf8_lossy(attr.key.local_name().as_ref()).to_ascii_lowercase();
        let value = String::from_utf8_lossy(&attr.value).to_ascii_lowercase();
        if key.starts_with("on") {
            return Err(refused(format!(
                "an SVG logo may not have event handlers ({key})"
            )));
        }
        if (key == "href" && !value.trim_start().starts_with('#')) || external(&value) {
            return Err(refused("an SVG logo may not refer to other files"));
        }
    }
    Ok(())
}

/// Whether CSS in an attribute or a `<style>` pulls in another file.
fn external(text: &str) -> bool {
    let v: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    v.contains("@import") || v.split("url(").skip(1).any(|rest| !rest.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbaImage::from_pixel(width, height, image::Rgba([20, 60, 90, 255]));
        let mut out = Vec::new();
        DynamicImage::ImageRgba8(image)
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn a_large_png_is_scaled_into_the_box_and_written_again() {
        let mut given = png(1200, 300);
        given.extend_from_slice(b"<script>after the image</script>");
        let logo = reencode(&given).unwrap();
        assert_eq!(logo.content_type, "image/png");
        let back = image::load_from_memory(&logo.bytes).unwrap();
        assert_eq!((back.width(), back.height()), (600, 150));
        assert!(!logo.bytes.windows(6).any(|w| w == b"script"));
    }

    #[test]
    fn a_small_image_keeps_its_size_and_the_claimed_type_does_not_matter() {
        let logo = reencode(&png(40, 20)).unwrap();
        let back = image::load_from_memory(&logo.bytes).unwrap();
        assert_eq!((back.width(), back.height()), (40, 20));
    }

    #[test]
    fn what_is_not_an_image_is_refused_with_the_reason() {
        let no = |bytes: &[u8]| reencode(bytes).unwrap_err().0;
        assert!(no(b"GIF89a...").contains("PNG, JPEG, WebP or SVG"));
        assert!(no(b"hello").contains("PNG, JPEG, WebP or SVG"));
        let mut broken = png(10, 10);
        broken.truncate(40);
        assert!(no(&broken).contains("could not be read"));
        assert!(no(&vec![0u8; LOGO_MAX_BYTES + 1]).contains("at most"));
    }

    #[test]
    fn an_svg_is_kept_without_comments_and_refused_when_it_could_run_or_fetch() {
        let ok = r##"<?xml version="1.0"?><!-- made by hand --><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs><rect width="10" height="10" fill="url(#g)"/><text x="1" y="8">Acme &amp; Co</text></svg>"##;
        let logo = reencode(ok.as_bytes()).unwrap();
        let text = String::from_utf8(logo.bytes).unwrap();
        assert_eq!(logo.content_type, "image/svg+xml");
        assert!(
            text.starts_with("<svg") && text.contains("Acme &amp; Co"),
            "{text}"
        );
        assert!(!text.contains("made by hand"));
        let bad = [
            (r#"<svg><script>alert(1)</script></svg>"#, "<script>"),
            (r#"<svg onload="alert(1)"/>"#, "event handlers"),
            (
                r#"<svg><image href="https://x.test/a.png"/></svg>"#,
                "other files",
            ),
            (
                r#"<svg xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="https://x.test/s.svg#a"/></svg>"#,
                "other files",
            ),
            (
                r#"<svg><rect fill="url(https://x.test/p)"/></svg>"#,
                "other files",
            ),
            (r#"<svg><foreignObject/></svg>"#, "<foreignobject>"),
            (
                r#"<svg><style>@import "https://x.test/a.css";</style></svg>"#,
                "other files",
            ),
            (
                r#"<svg><style>rect{fill:url( https://x.test/p)}</style></svg>"#,
                "other files",
            ),
            (r#"<!DOCTYPE svg [<!ENTITY a "b">]><svg/>"#, "DOCTYPE"),
            (r#"<html><svg/></html>"#, "start with <svg>"),
            (
                r#"<?xml version="1.0" x="<svg"?><svG/>"#,
                "start with <svg>",
            ),
        ];
        for (svg, why) in bad {
            let e = reencode(svg.as_bytes()).unwrap_err().0;
            assert!(e.contains(why), "{svg}: {e}");
        }
    }
}

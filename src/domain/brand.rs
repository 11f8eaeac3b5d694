//! How a merchant's pages and messages look: its colour, logo and support contacts.

use serde::{Deserialize, Serialize};

use super::{EmailAddress, HttpUrl, Invalid, LogoStatus};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "StoredBrand", into = "StoredBrand")]
pub struct Brand {
    pub color: Option<BrandColor>,
    /// The logo, if the merchant gave one (served by shipmate itself, never hot-linked).
    pub logo: Option<LogoStatus>,
    pub support_email: Option<EmailAddress>,
    pub support_url: Option<HttpUrl>,
}

/// A brand as stored: `has_logo` is what records written before the logo's state existed
/// say (true reads as a ready logo); it is still written, derived from the state, so a
/// process of the version before reads a ready logo too.
#[derive(Serialize, Deserialize)]
struct StoredBrand {
    color: Option<BrandColor>,
    #[serde(default)]
    has_logo: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    logo: Option<LogoStatus>,
    support_email: Option<EmailAddress>,
    support_url: Option<HttpUrl>,
}

impl From<StoredBrand> for Brand {
    fn from(b: StoredBrand) -> Self {
        Brand {
            color: b.color,
            logo: b.logo.or_else(|| b.has_logo.then(LogoStatus::inline)),
            support_email: b.support_email,
            support_url: b.support_url,
        }
    }
}

impl From<Brand> for StoredBrand {
    fn from(b: Brand) -> Self {
        StoredBrand {
            has_logo: b.logo_ready(),
            color: b.color,
            logo: b.logo,
            support_email: b.support_email,
            support_url: b.support_url,
        }
    }
}

impl Brand {
    /// Whether the pages show the logo (`/assets/logo/{merchant}` serves it).
    pub fn logo_ready(&self) -> bool {
        self.logo.as_ref().is_some_and(LogoStatus::is_ready)
    }

    /// Colour of pages and messages of a merchant that chose none.
    pub const DEFAULT_COLOR: &'static str = "#2b5f8a";

    /// The brand colour made legible behind white text (see [`BrandColor::legible`]);
    /// [`BrandColor::default`] for a merchant that chose none.
    pub fn legible_color(&self) -> String {
        match &self.color {
            Some(color) => color.legible(),
            None => BrandColor::default().legible(),
        }
    }
}

/// A colour written `#rgb` or `#rrggbb` (any case), kept as written; [`BrandColor::hex`]
/// gives the normalised `#rrggbb`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct BrandColor {
    text: String,
    rgb: [u8; 3],
    /// [`BrandColor::legible`]'s channels, worked out once.
    legible: [u8; 3],
}

impl BrandColor {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let invalid = || Invalid::new("use #rgb or #rrggbb");
        let hex = raw.strip_prefix('#').ok_or_else(invalid)?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(invalid());
        }
        let digit = |i: usize| u8::from_str_radix(hex.get(i..=i).unwrap_or("0"), 16).unwrap_or(0);
        let rgb = match hex.len() {
            3 => [0, 1, 2].map(|i| digit(i) * 17),
            6 => [0, 2, 4].map(|i| digit(i) * 16 + digit(i + 1)),
            _ => return Err(invalid()),
        };
        Ok(Self {
            text: raw.to_owned(),
            rgb,
            legible: legible(rgb),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn rgb(&self) -> [u8; 3] {
        self.rgb
    }

    /// `#rrggbb`, lower case.
    pub fn hex(&self) -> String {
        let [r, g, b] = self.rgb;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// The contrast of white text on this colour (1 to 21; WCAG AA asks 4.5 for body text).
    pub fn contrast_with_white(&self) -> f64 {
        contrast_with_white(&self.rgb.map(f64::from))
    }

    /// This colour if white text on it (and it as text on white) reads at WCAG AA; else
    /// why not, with the ratio it has.
    pub fn readable(self) -> Result<Self, Invalid> {
        let ratio = self.contrast_with_white();
        if ratio >= MIN_CONTRAST {
            return Ok(self);
        }
        Err(Invalid::new(format!(
            "too light for text on white: contrast {:.1}:1, WCAG AA needs {MIN_CONTRAST}:1",
            (ratio * 10.0).floor() / 10.0
        )))
    }

    /// This colour, darkened as far as needed for white text on it to be readable (WCAG
    /// contrast 4.5:1), as `#rrggbb`: buttons and headers use it behind white text.
    pub fn legible(&self) -> String {
        let [r, g, b] = self.legible;
        format!("#{r:02x}{g:02x}{b:02x}")
    }
}

/// `rgb` darkened until white text on it reads at WCAG AA.
fn legible(rgb: [u8; 3]) -> [u8; 3] {
    let mut rgb = rgb.map(f64::from);
    while contrast_with_white(&rgb) < MIN_CONTRAST {
        rgb = rgb.map(|c| c * 0.9);
    }
    // Channels stay within 0..=255: they only shrink.
    rgb.map(|c| c as u8)
}

/// WCAG AA's contrast for body text.
const MIN_CONTRAST: f64 = 4.5;

/// WCAG 2's contrast ratio of white against an sRGB colour (channels 0–255).
fn contrast_with_white(rgb: &[f64; 3]) -> f64 {
    let linear = |c: f64| {
        let c = c / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
    1.05 / (l + 0.05)
}

/// [`Brand::DEFAULT_COLOR`].
impl Default for BrandColor {
    fn default() -> Self {
        Self {
            text: Brand::DEFAULT_COLOR.to_owned(),
            rgb: [0x2b, 0x5f, 0x8a],
            legible: legible([0x2b, 0x5f, 0x8a]),
        }
    }
}

parsed_text!(BrandColor);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::parsed::round_trip;

    #[test]
    fn colours_parse_from_three_or_six_hex_digits() {
        for (raw, hex) in [
            ("#0a7", "#00aa77"),
            ("#2B5F8A", "#2b5f8a"),
            ("#fff", "#ffffff"),
            ("#000000", "#000000"),
        ] {
            let color = BrandColor::parse(raw).unwrap();
            assert_eq!((color.as_str(), color.hex().as_str()), (raw, hex));
            assert_eq!(round_trip(&color), (format!("\"{raw}\""), color));
        }
        for bad in [
            "", "red", "#", "0a7", "#0a", "#0a77", "#12345", "#1234567", "#ggg", "# 0a7",
        ] {
            assert!(BrandColor::parse(bad).is_err(), "{bad:?}");
            assert!(serde_json::from_str::<BrandColor>(&format!("{bad:?}")).is_err());
        }
    }

    #[test]
    fn brand_colours_are_darkened_until_white_text_reads() {
        let brand = |c: &str| Brand {
            color: BrandColor::parse(c).ok(),
            ..Brand::default()
        };
        assert_eq!(
            brand("#2b5f8a").legible_color(),
            "#2b5f8a",
            "already readable"
        );
        assert_eq!(brand("#000").legible_color(), "#000000");
        let teal = brand("#0a7").legible_color();
        assert_ne!(teal, "#00aa77", "too light for white text: darkened");
        assert!(teal.starts_with("#00"), "{teal}");
        assert_eq!(Brand::default().legible_color(), "#2b5f8a");
    }

    #[test]
    fn a_colour_too_light_for_white_text_is_refused_with_its_ratio() {
        let teal = BrandColor::parse("#0a7").unwrap().readable().unwrap_err();
        assert_eq!(
            teal.0,
            "too light for text on white: contrast 2.9:1, WCAG AA needs 4.5:1"
        );
        assert!(BrandColor::parse("#ffff00").unwrap().readable().is_err());
        for ok in ["#2b5f8a", "#000", "#767676"] {
            let c = BrandColor::parse(ok).unwrap();
            assert!(
                c.clone().readable().is_ok(),
                "{ok}: {}",
                c.contrast_with_white()
            );
        }
        let white = BrandColor::parse("#fff").unwrap().contrast_with_white();
        assert!((white - 1.0).abs() < 1e-9, "{white}");
    }

    #[test]
    fn brands_stored_before_these_types_still_read() {
        let json = r##"{"color":"#0a7","has_logo":true,"support_email":"help@shop.example","support_url":"https://shop.example/help"}"##;
        let brand: Brand = serde_json::from_str(json).unwrap();
        assert_eq!(brand.color.as_ref().map(BrandColor::as_str), Some("#0a7"));
        assert!(brand.logo_ready(), "has_logo: true is a ready logo");
        let written = serde_json::to_string(&brand).unwrap();
        assert!(
            written.contains(r#""has_logo":true,"logo":{"state":"ready""#),
            "{written}"
        );
        assert_eq!(serde_json::from_str::<Brand>(&written).unwrap(), brand);
        let without = json.replace(r#""has_logo":true,"#, "");
        assert_eq!(serde_json::from_str::<Brand>(&without).unwrap().logo, None);
        let none = r#"{"color":null,"support_email":null,"support_url":null}"#;
        assert_eq!(
            serde_json::from_str::<Brand>(none).unwrap(),
            Brand::default()
        );
    }

    #[test]
    fn a_pending_logo_is_stored_with_its_state_and_not_shown() {
        let brand = Brand {
            logo: Some(LogoStatus::pending("https://acme.example/logo.png")),
            ..Brand::default()
        };
        assert!(!brand.logo_ready());
        let written = serde_json::to_string(&brand).unwrap();
        assert!(written.contains(r#""has_logo":false"#), "{written}");
        assert_eq!(serde_json::from_str::<Brand>(&written).unwrap(), brand);
    }
}

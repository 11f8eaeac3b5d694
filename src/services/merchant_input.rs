//! What creating a merchant takes, parsed: the API's request and the CLI's flags both
//! become a [`MerchantInput`] through the domain types' parsers.

use base64::Engine;

use super::logo_image::LOGO_MAX_BYTES;
use crate::domain::{Brand, EmailAddress, Locale, LookupSlug, TimeZone};

/// Where a merchant's logo comes from. Either way shipmate checks it, writes it again
/// (`logo_image`) and serves it itself, so the customer's browser never calls a third party.
#[derive(Debug, Clone)]
pub enum LogoSource {
    /// The image's bytes as given, checked and re-encoded when the merchant is created.
    Inline(Vec<u8>),
    /// Fetched in the background after creation (`services::logos`).
    Remote(reqwest::Url),
}

impl LogoSource {
    /// Reads a `data:image/…;base64,…` URI or an http(s) URL.
    pub fn parse(raw: &str) -> Result<LogoSource, String> {
        if let Some(rest) = raw.strip_prefix("data:") {
            let (meta, data) = rest.split_once(',').ok_or("a data: URI needs a comma")?;
            let content_type = meta
                .strip_suffix(";base64")
                .ok_or("only base64 data: URIs are accepted")?;
            if !content_type.starts_with("image/") {
                return Err("a data: logo must be an image/… type".into());
            }
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(data.trim())
                .map_err(|_| "the logo's base64 is invalid".to_owned())?;
            if bytes.len() > LOGO_MAX_BYTES {
                return Err(format!("logos are at most {} KiB", LOGO_MAX_BYTES / 1024));
            }
            return Ok(LogoSource::Inline(bytes));
        }
        let url = reqwest::Url::parse(raw).map_err(|e| format!("not a URL: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err("logo_url must be an http(s) URL or a data:image URI".into());
        }
        Ok(LogoSource::Remote(url))
    }
}

/// A merchant as the admin describes it (through the API or the CLI), every field parsed:
/// the name by [`Merchant::parse_name`], the rest into their domain types.
#[derive(Debug, Clone)]
pub struct MerchantInput {
    pub name: String,
    pub brand: Brand,
    pub logo: Option<LogoSource>,
    pub locale: Locale,
    pub timezone: TimeZone,
    pub lookup_slug: Option<LookupSlug>,
    /// Invited to the console as the team's owner.
    pub owner: Option<EmailAddress>,
}

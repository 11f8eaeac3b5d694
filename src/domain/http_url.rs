//! A link a merchant gives (support page, webhook endpoint).

use serde::{Deserialize, Serialize};

use super::Invalid;

/// A link whose scheme is `http://` or `https://`, kept as it was given (a page shows the
/// merchant's link as they wrote it). What it guarantees is what makes a link safe to
/// put in a page: no `javascript:`, `data:` or other scheme. The rule is the one the API
/// checked support links by before this type, so every stored link reads; where a URL is
/// fetched, the caller parses it further (webhooks: `check_url`, with address checks).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct HttpUrl(String);

impl HttpUrl {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        if raw.starts_with("https://") || raw.starts_with("http://") {
            Ok(Self(raw.to_owned()))
        } else {
            Err(Invalid::new("must be an http(s) URL"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

parsed_text!(HttpUrl);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::parsed::round_trip;

    #[test]
    fn http_and_https_links_only() {
        for ok in [
            "https://shop.example/help",
            "http://shop.example",
            "https://shop.example/a b?q=1#x",
            "https://[2001:db8::1]:8443/hook",
            "http://192.0.2.7/",
        ] {
            let url = HttpUrl::parse(ok).unwrap();
            assert_eq!(url.as_str(), ok, "kept as given");
            assert_eq!(round_trip(&url), (format!("{ok:?}"), url));
        }
        for bad in [
            "",
            "shop.example/help",
            "//shop.example",
            "ftp://shop.example",
            "javascript:alert(1)",
            "mailto:help@shop.example",
            "data:text/html,hi",
            " https://shop.example",
            "https:/shop.example",
        ] {
            assert!(HttpUrl::parse(bad).is_err(), "{bad:?}");
            assert!(serde_json::from_str::<HttpUrl>(&format!("{bad:?}")).is_err());
        }
    }
}

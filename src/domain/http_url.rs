//! A link a merchant gives (support page, review page, suggestions, webhook endpoint).

use serde::{Deserialize, Serialize};

use super::Invalid;

/// An absolute `http` or `https` URL with a host, kept as it was given (a page shows the
/// merchant's link as they wrote it). Length limits and address checks are the caller's:
/// they differ by use (a webhook must not point inside the network).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct HttpUrl(String);

impl HttpUrl {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let url = url::Url::parse(raw).map_err(|_| Invalid::new("must be an http(s) URL"))?;
        if matches!(url.scheme(), "http" | "https") && url.host().is_some() {
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
    fn http_and_https_urls_with_a_host() {
        for ok in [
            "https://shop.example/help",
            "http://shop.example",
            "HTTPS://Shop.Example/a b?q=1#x",
            "https://[2001:db8::1]:8443/hook",
            "http://192.0.2.7/",
        ] {
            let url = HttpUrl::parse(ok).unwrap();
            assert_eq!(url.as_str(), ok, "kept as given");
            assert_eq!(round_trip(&url).1, url);
        }
        for bad in [
            "",
            "shop.example/help",
            "ftp://shop.example",
            "javascript:alert(1)",
            "mailto:help@shop.example",
            "https://",
            "https://exa mple.com",
            "data:text/html,hi",
        ] {
            assert!(HttpUrl::parse(bad).is_err(), "{bad:?}");
            assert!(serde_json::from_str::<HttpUrl>(&format!("{bad:?}")).is_err());
        }
    }
}

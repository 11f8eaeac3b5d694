//! Shops that send their parcels in: a Shopify store's domain, the signing secrets its
//! webhooks are checked with (two while one is rotated), the merchant's own names for
//! carriers, and the signature check itself (base64 HMAC-SHA256 of the raw body, compared
//! in constant time).

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use super::{CarrierCode, Invalid};

/// A Shopify store: `<name>.myshopify.com` (a URL or upper case is read as the same).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ShopDomain(String);

impl ShopDomain {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let s = raw.trim().to_ascii_lowercase();
        let s = s.strip_prefix("https://").unwrap_or(&s);
        let s = s.trim_end_matches('/');
        let name = s.strip_suffix(".myshopify.com").unwrap_or("");
        let ok = (1..=60).contains(&name.len())
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !name.starts_with('-');
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(Invalid::new("a Shopify store such as acme.myshopify.com"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

parsed_text!(ShopDomain);

/// A WooCommerce site: its http(s) address (`https://shop.example`, a path if WordPress
/// lives under one), without a query, credentials or a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct StoreSite(String);

impl StoreSite {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let bad = || Invalid::new("the shop's address, such as https://shop.example");
        let url = url::Url::parse(raw.trim()).map_err(|_| bad())?;
        let plain = matches!(url.scheme(), "http" | "https")
            && url.host_str().is_some()
            && url.username().is_empty()
            && url.password().is_none()
            && url.query().is_none()
            && url.fragment().is_none();
        let text = url.as_str().trim_end_matches('/').to_owned();
        if plain && text.len() <= 200 {
            Ok(Self(text))
        } else {
            Err(bad())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether a delivery's `X-WC-Webhook-Source` (the site's home URL) is this site.
    pub fn is(&self, source: &str) -> bool {
        source
            .trim()
            .trim_end_matches('/')
            .eq_ignore_ascii_case(&self.0)
    }
}

parsed_text!(StoreSite);

/// A WooCommerce webhook secret as WooCommerce signs with it: HTML entities decoded first
/// (`wp_specialchars_decode($secret, ENT_QUOTES)`), so a secret saved as `a&amp;b` signs
/// as `a&b`.
pub fn woocommerce_key(secret: &str) -> String {
    const ENTITIES: [(&str, &str); 11] = [
        ("&#039;", "'"),
        ("&#x27;", "'"),
        ("&quot;", "\""),
        ("&#034;", "\""),
        ("&#x22;", "\""),
        ("&lt;", "<"),
        ("&#060;", "<"),
        ("&gt;", ">"),
        ("&#062;", ">"),
        ("&#038;", "&"),
        ("&#x26;", "&"),
    ];
    let mut out = String::with_capacity(secret.len());
    let mut rest = secret;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let known = ENTITIES
            .iter()
            .chain(&[("&amp;", "&")])
            .find(|(e, _)| rest.starts_with(e));
        match known {
            Some((e, c)) => {
                out.push_str(c);
                rest = &rest[e.len()..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The secrets a store's webhooks may be signed with: one, or two while one is rotated.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SigningSecrets(Vec<String>);

impl std::fmt::Debug for SigningSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SigningSecrets(<{} redacted>)", self.0.len())
    }
}

impl SigningSecrets {
    pub fn parse(raw: &[String]) -> Result<Self, Invalid> {
        let secrets: Vec<String> = raw.iter().map(|s| s.trim().to_owned()).collect();
        let each_ok = secrets
            .iter()
            .all(|s| (8..=256).contains(&s.len()) && !s.chars().any(char::is_control));
        if (1..=2).contains(&secrets.len()) && each_ok {
            Ok(Self(secrets))
        } else {
            Err(Invalid::new(
                "one or two secrets (two while one is rotated), 8–256 characters each",
            ))
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `signature` (base64) is the HMAC-SHA256 of `body` under one of the secrets,
    /// each turned into a key by `key` (WooCommerce decodes HTML entities first).
    pub fn signed(&self, body: &[u8], signature: &str, key: impl Fn(&str) -> String) -> bool {
        let Ok(given) = STANDARD.decode(signature.trim()) else {
            return false;
        };
        self.0.iter().any(|secret| {
            let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key(secret).as_bytes()) else {
                return false;
            };
            mac.update(body);
            mac.verify_slice(&given).is_ok()
        })
    }
}

/// Most names a merchant may map to carriers.
pub const MAX_CARRIER_NAMES: usize = 50;

/// The merchant's names for carriers as its store writes them (`tracking_company`), beyond
/// the names shipmate knows: lower-cased name → carrier.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarrierNames(BTreeMap<String, CarrierCode>);

impl CarrierNames {
    pub fn parse(raw: &BTreeMap<String, String>) -> Result<Self, Invalid> {
        if raw.len() > MAX_CARRIER_NAMES {
            return Err(Invalid::new(format!("at most {MAX_CARRIER_NAMES} names")));
        }
        let mut names = BTreeMap::new();
        for (name, code) in raw {
            let key = name.trim().to_lowercase();
            if key.is_empty() || key.chars().count() > 100 || key.chars().any(char::is_control) {
                return Err(Invalid::new(format!(
                    "{name:?}: a name of 1–100 characters"
                )));
            }
            let code = CarrierCode::parse(code)
                .map_err(|_| Invalid::new(format!("{name:?}: {code:?} is not a carrier code")))?;
            names.insert(key, code);
        }
        Ok(Self(names))
    }

    /// The carrier the merchant calls `name`, if it said.
    pub fn get(&self, name: &str) -> Option<&CarrierCode> {
        self.0.get(&name.trim().to_lowercase())
    }

    pub fn as_map(&self) -> BTreeMap<String, String> {
        self.0
            .iter()
            .map(|(k, v)| (k.clone(), v.to_string()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shop_domains() {
        for (raw, shop) in [
            ("acme.myshopify.com", "acme.myshopify.com"),
            (
                " https://Acme-Mugs.myshopify.com/ ",
                "acme-mugs.myshopify.com",
            ),
        ] {
            assert_eq!(ShopDomain::parse(raw).unwrap().as_str(), shop);
        }
        for bad in [
            "acme.com",
            ".myshopify.com",
            "a b.myshopify.com",
            "-a.myshopify.com",
            "evil.com/.myshopify.com",
        ] {
            assert!(ShopDomain::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn signatures_are_checked_against_every_secret() {
        let secrets =
            SigningSecrets::parse(&["old-secret-1".into(), "new-secret-2".into()]).unwrap();
        // printf '{"id":1}' | openssl dgst -sha256 -hmac new-secret-2 -binary | base64
        let body = br#"{"id":1}"#;
        let mut mac = Hmac::<Sha256>::new_from_slice(b"new-secret-2").unwrap();
        mac.update(body);
        let good = STANDARD.encode(mac.finalize().into_bytes());
        assert!(secrets.signed(body, &good, str::to_owned));
        assert!(!secrets.signed(b"{\"id\":2}", &good, str::to_owned));
        assert!(!secrets.signed(body, "not base64!", str::to_owned));
        assert!(!secrets.signed(body, "", str::to_owned));
        assert!(SigningSecrets::parse(&[]).is_err());
        assert!(SigningSecrets::parse(&["short".into()]).is_err());
        assert!(SigningSecrets::parse(&["a".repeat(10), "b".repeat(10), "c".repeat(10)]).is_err());
        assert!(!format!("{secrets:?}").contains("secret-"));
    }

    #[test]
    fn woocommerce_decodes_entities_once_and_sites_are_plain() {
        assert_eq!(
            woocommerce_key("a&amp;b&lt;c&#039;d&amp;amp;"),
            "a&b<c'd&amp;"
        );
        assert_eq!(woocommerce_key("no & entity &x"), "no & entity &x");
        assert_eq!(
            StoreSite::parse("https://Shop.example/").unwrap().as_str(),
            "https://shop.example"
        );
        assert_eq!(
            StoreSite::parse("http://127.0.0.1:8080/wp")
                .unwrap()
                .as_str(),
            "http://127.0.0.1:8080/wp"
        );
        for bad in [
            "ftp://shop.example",
            "https://u:p@shop.example",
            "https://shop.example/?a=1",
            "shop.example",
        ] {
            assert!(StoreSite::parse(bad).is_err(), "{bad}");
        }
        assert!(
            StoreSite::parse("https://shop.example")
                .unwrap()
                .is("https://shop.example/")
        );
    }

    #[test]
    fn carrier_names_are_bounded_and_checked() {
        let names =
            CarrierNames::parse(&BTreeMap::from([(" Acme Post ".into(), "dhl".into())])).unwrap();
        assert_eq!(names.get("ACME POST").map(|c| c.as_str()), Some("dhl"));
        assert!(
            CarrierNames::parse(&BTreeMap::from([("x".into(), "Not A Code!".into())])).is_err()
        );
        let many: BTreeMap<String, String> =
            (0..51).map(|i| (format!("n{i}"), "ups".into())).collect();
        assert!(CarrierNames::parse(&many).is_err());
    }
}

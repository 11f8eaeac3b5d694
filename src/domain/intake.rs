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

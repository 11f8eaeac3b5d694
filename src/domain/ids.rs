//! Identifiers and secrets. Tokens are random, never derived from an id; parsing checks
//! only the shape, so an unknown and a revoked token are indistinguishable downstream.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Invalid, Secret};

macro_rules! string_id {
    ($name:ident, $prefix:literal, $len:literal, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Builds a fresh id from random bytes.
            pub fn from_random(bytes: [u8; $len]) -> Self {
                let mut s = String::from($prefix);
                for b in bytes {
                    s.push_str(&format!("{b:02x}"));
                }
                Self(s)
            }

            pub fn parse(s: &str) -> Result<Self, Invalid> {
                let hex = s
                    .strip_prefix($prefix)
                    .filter(|h| h.len() == 2 * $len)
                    .filter(|h| h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')));
                match hex {
                    Some(_) => Ok(Self(s.to_owned())),
                    None => Err(Invalid::new(concat!("not a valid ", stringify!($name)))),
                }
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The random bytes the id was made from (its hex, decoded).
            pub fn to_bytes(&self) -> [u8; $len] {
                let hex = self.0.as_bytes().get($prefix.len()..).unwrap_or_default();
                let mut out = [0u8; $len];
                for (o, pair) in out.iter_mut().zip(hex.chunks(2)) {
                    let digit = |b: u8| (b as char).to_digit(16).unwrap_or(0) as u8;
                    *o = pair.iter().fold(0, |acc, &b| acc * 16 + digit(b));
                }
                out
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

string_id!(
    ShipmentId,
    "shp_",
    12,
    "A shipment's id in the merchant API."
);
string_id!(MerchantId, "mer_", 8, "A merchant's id.");
string_id!(WebhookId, "wh_", 8, "A merchant's webhook endpoint.");
string_id!(UserId, "usr_", 8, "A member of a merchant's console team.");
string_id!(
    ImportId,
    "imp_",
    8,
    "A file of shipments imported in the background."
);
string_id!(
    KeyId,
    "key_",
    8,
    "An API key's public name (in lists and the audit log), derived from the key's hash."
);

impl KeyId {
    /// The id of the key with this stored hash: a digest of the hash, so the id names the
    /// key without showing any part of the hash.
    pub fn of_hash(hash: &str) -> KeyId {
        let digest = Sha256::digest(format!("shipmate/api-key-id/{hash}").as_bytes());
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&digest[..8]);
        KeyId::from_random(bytes)
    }
}

/// SHA-256 of `text`, in hex: how secrets and addresses are kept without keeping them.
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The customer's key to a tracking page: 128 random bits, URL-safe base64.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PublicToken(String);

impl PublicToken {
    pub fn from_random(bytes: [u8; 16]) -> Self {
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        let ok = s.len() == 22
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(Invalid::new("not a tracking token"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A bearer secret of the console: a session cookie or an invitation link. 256 random bits,
/// URL-safe base64; only its SHA-256 is stored; `Debug` redacts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsoleToken(Secret);

impl ConsoleToken {
    pub fn from_random(bytes: [u8; 32]) -> Self {
        Self(Secret::new(URL_SAFE_NO_PAD.encode(bytes)))
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        let ok = s.len() == 43
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if ok {
            Ok(Self(Secret::from(s)))
        } else {
            Err(Invalid::new("not a console token"))
        }
    }

    pub fn expose(&self) -> &str {
        self.0.expose()
    }

    /// SHA-256 hex: what the store keys it by.
    pub fn digest(&self) -> String {
        sha256_hex(self.expose())
    }
}

/// A merchant API key. Shown once; only its hash is stored; `Debug` redacts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKey(Secret);

impl ApiKey {
    pub fn from_random(bytes: [u8; 32]) -> Self {
        Self(Secret::new(format!("sk_{}", URL_SAFE_NO_PAD.encode(bytes))))
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        let ok = s.starts_with("sk_") && s.len() == 46 && s.is_ascii();
        if ok {
            Ok(Self(Secret::from(s)))
        } else {
            Err(Invalid::new("not an API key"))
        }
    }

    pub fn expose(&self) -> &str {
        self.0.expose()
    }

    /// SHA-256 hex of the key: what the store keeps. Keys are 256-bit random, so a fast
    /// hash is enough (no dictionary to attack).
    pub fn hash(&self) -> String {
        sha256_hex(self.expose())
    }

    /// The key's public id.
    pub fn id(&self) -> KeyId {
        KeyId::of_hash(&self.hash())
    }

    /// `…` and the key's last 4 characters, to tell keys apart.
    pub fn hint(&self) -> String {
        super::redact::hint(self.expose())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_give_back_their_bytes() {
        let bytes = [0, 1, 0x7f, 0x80, 0xff, 9, 10, 11, 12, 13, 14, 15];
        assert_eq!(ShipmentId::from_random(bytes).to_bytes(), bytes);
    }

    #[test]
    fn ids_parse_their_own_output_only() {
        let id = ShipmentId::from_random([7; 12]);
        assert_eq!(ShipmentId::parse(id.as_str()), Ok(id.clone()));
        assert!(ShipmentId::parse("shp_xyz").is_err());
        assert!(MerchantId::parse(id.as_str()).is_err());
        let tok = PublicToken::from_random([255; 16]);
        assert_eq!(PublicToken::parse(tok.as_str()), Ok(tok));
        assert!(PublicToken::parse("../../etc/passwd").is_err());
        let key = ApiKey::from_random([1; 32]);
        assert!(ApiKey::parse(key.expose()).is_ok());
        assert_eq!(format!("{key:?}"), "ApiKey(<redacted>)");
        assert_eq!(key.hash().len(), 64);
        assert_eq!(key.hint(), format!("…{}", &key.expose()[42..]));
        let id = key.id();
        assert_eq!(KeyId::parse(id.as_str()), Ok(id.clone()));
        assert_eq!(
            id,
            KeyId::of_hash(&key.hash()),
            "derived from the stored hash"
        );
        assert!(
            !key.hash().contains(&id.as_str()[4..]),
            "shows no part of the hash"
        );
    }
}

//! A shop's order-lookup address, `/track/{slug}`: chosen by the merchant, unique across
//! merchants, printed on packaging and in the shop's help pages.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Invalid;

/// 3–40 characters of `a-z`, `0-9` and single inner hyphens (`acme`, `blue-fox-2`);
/// upper case is read as lower case. Never shaped like a merchant id (no `_`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LookupSlug(String);

impl LookupSlug {
    pub const MIN_LEN: usize = 3;
    pub const MAX_LEN: usize = 40;

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let s = raw.trim().to_ascii_lowercase();
        let shaped = (Self::MIN_LEN..=Self::MAX_LEN).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        if shaped {
            Ok(Self(s))
        } else {
            Err(Invalid::new(format!(
                "use {} to {} characters: a-z, 0-9 and single hyphens inside (e.g. acme-store)",
                Self::MIN_LEN,
                Self::MAX_LEN
            )))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for LookupSlug {
    type Error = Invalid;

    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}

impl From<LookupSlug> for String {
    fn from(s: LookupSlug) -> String {
        s.0
    }
}

impl fmt::Display for LookupSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_short_lowercase_words_with_inner_hyphens() {
        for ok in ["acme", "Blue-Fox-2", " abc ", &"a".repeat(40)] {
            assert!(LookupSlug::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(LookupSlug::parse("ACME").unwrap().as_str(), "acme");
        for bad in [
            "ab",
            "-acme",
            "acme-",
            "ac--me",
            "mer_0011223344556677",
            "acmé",
            "a b c",
            "../x",
            &"a".repeat(41),
        ] {
            assert!(LookupSlug::parse(bad).is_err(), "{bad}");
        }
    }
}

//! A country, as an ISO 3166-1 alpha-2 code.

use serde::{Deserialize, Serialize};

use super::Invalid;

/// Two ASCII letters, upper case (`BR`); any case and surrounding spaces are accepted.
/// Whether the code is assigned is not checked: carriers and merchants use reserved ones
/// (`XK`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Country(String);

impl Country {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let code = raw.trim();
        if code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
            Ok(Self(code.to_ascii_uppercase()))
        } else {
            Err(Invalid::new("an ISO 3166 two-letter code such as BR"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

parsed_text!(Country);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::parsed::round_trip;

    #[test]
    fn two_letters_upper_cased() {
        for (raw, code) in [("BR", "BR"), ("pt", "PT"), (" gb ", "GB"), ("Xk", "XK")] {
            let country = Country::parse(raw).unwrap();
            assert_eq!(country.as_str(), code);
            assert_eq!(round_trip(&country), (format!("\"{code}\""), country));
        }
        for bad in ["", "B", "BRA", "B1", "É1", "--", "ÉE"] {
            assert!(Country::parse(bad).is_err(), "{bad:?}");
        }
        assert!(serde_json::from_str::<Country>("\"BRA\"").is_err());
    }
}

//! Tracking numbers and carrier codes, normalised at the edge.

use serde::{Deserialize, Serialize};

use super::Invalid;

/// A tracking number: upper-case ASCII letters and digits, spaces and dashes removed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TrackingNumber(String);

impl TrackingNumber {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let s: String = raw
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '\t'))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if let Some(bad) = s.chars().find(|c| !c.is_ascii_alphanumeric()) {
            return Err(Invalid::new(format!(
                "tracking numbers hold letters and digits only, found {bad:?}"
            )));
        }
        if !(4..=40).contains(&s.len()) {
            return Err(Invalid::new("tracking numbers are 4 to 40 characters long"));
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for TrackingNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A carrier's code in shipmate (`sandbox`, `ups`, …): lower-case letters, digits, `_`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CarrierCode(String);

impl CarrierCode {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let s = raw.trim().to_ascii_lowercase();
        let ok = (2..=32).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if ok {
            Ok(Self(s))
        } else {
            Err(Invalid::new(
                "carrier codes are 2 to 32 letters, digits or '_'",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for CarrierCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_numbers_are_normalised() {
        let n = TrackingNumber::parse(" sbot-1234 5678 ").unwrap();
        assert_eq!(n.as_str(), "SBOT12345678");
    }

    #[test]
    fn tracking_numbers_refuse_bad_characters_and_lengths() {
        assert!(TrackingNumber::parse("SB<script>").is_err());
        assert!(TrackingNumber::parse("1Z9999999999999999ÿ").is_err());
        assert!(TrackingNumber::parse("AB1").is_err());
        assert!(TrackingNumber::parse(&"9".repeat(41)).is_err());
    }

    #[test]
    fn carrier_codes_are_lower_case_words() {
        assert_eq!(CarrierCode::parse("Sandbox").unwrap().as_str(), "sandbox");
        assert!(CarrierCode::parse("ups/../x").is_err());
    }
}

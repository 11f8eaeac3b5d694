//! A customer's phone number.

use serde::{Deserialize, Serialize};

use super::Invalid;

/// An E.164 number: `+` and 8 to 15 digits, nothing else (`+5511912345678`); spaces
/// around it are dropped.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let number = raw.trim();
        let digits = number.strip_prefix('+').unwrap_or("");
        if (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(number.to_owned()))
        } else {
            Err(Invalid::new("an E.164 number such as +5511912345678"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The digits without the `+`.
    pub fn digits(&self) -> &str {
        self.0.get(1..).unwrap_or("")
    }
}

parsed_text!(PhoneNumber);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::parsed::round_trip;

    #[test]
    fn e164_numbers_only() {
        for (raw, number) in [
            ("+5511912345678", "+5511912345678"),
            (" +351912345678 ", "+351912345678"),
            ("+12345678", "+12345678"),
            ("+123456789012345", "+123456789012345"),
        ] {
            let phone = PhoneNumber::parse(raw).unwrap();
            assert_eq!(phone.as_str(), number);
            assert_eq!(phone.digits(), &number[1..]);
            assert_eq!(round_trip(&phone), (format!("\"{number}\""), phone));
        }
        for bad in [
            "",
            "5511912345678",
            "+1234567",
            "+1234567890123456",
            "+55 11 91234-5678",
            "+55-11912345678",
            "++5511912345678",
            "+５５11912345678",
        ] {
            assert!(PhoneNumber::parse(bad).is_err(), "{bad:?}");
            assert!(serde_json::from_str::<PhoneNumber>(&format!("{bad:?}")).is_err());
        }
    }
}

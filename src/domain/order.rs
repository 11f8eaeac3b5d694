//! What the merchant tells us about the order and the customer. Personal data lives only
//! in `Customer` and `Destination::postcode`, so erasure has one place to clear.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Invalid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    #[serde(rename = "n")]
    pub number: String,
    #[serde(rename = "p", default, skip_serializing_if = "Option::is_none")]
    pub promised_by: Option<NaiveDate>,
    #[serde(rename = "i", default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    #[serde(rename = "n")]
    pub name: String,
    #[serde(rename = "q")]
    pub quantity: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    #[serde(rename = "n")]
    pub name: String,
    #[serde(rename = "e", default, skip_serializing_if = "Option::is_none")]
    pub email: Option<EmailAddress>,
    #[serde(rename = "ph", default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(rename = "lo", default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
}

impl Customer {
    /// The only part of the name a public page may show.
    pub fn first_name(&self) -> &str {
        self.name.split_whitespace().next().unwrap_or("")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Destination {
    #[serde(rename = "ci", default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(rename = "pc", default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    /// ISO 3166-1 alpha-2, upper case.
    #[serde(rename = "co", default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// IANA zone the timeline is shown in.
    #[serde(rename = "tz", default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
}

/// An e-mail address: trimmed, one `@`, a dot in the domain, lower-cased for lookups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let s = raw.trim();
        let valid = match s.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains('@')
            }
            None => false,
        };
        if valid && s.len() <= 254 && !s.chars().any(char::is_whitespace) {
            Ok(Self(s.to_owned()))
        } else {
            Err(Invalid::new("not an e-mail address"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form used to match an order lookup: case-insensitive.
    pub fn canonical(&self) -> String {
        self.0.to_lowercase()
    }
}

impl Destination {
    /// The IANA zone to show this destination's times in, if known.
    pub fn zone(&self) -> Option<&str> {
        self.timezone
            .as_deref()
            .or_else(|| super::geo::zone_for(self.country.as_deref()?, None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(EmailAddress::parse(" ana@example.com ").is_ok());
        for bad in ["ana", "ana@", "@x.io", "a@b", "a b@c.io", "a@.io"] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad}");
        }
        let c = Customer {
            name: "Ana Souza".into(),
            email: None,
            phone: None,
            locale: None,
        };
        assert_eq!(c.first_name(), "Ana");
    }
}

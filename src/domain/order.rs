//! What the merchant tells us about the order and the customer. Personal data lives only
//! in `Customer` and `Destination::postcode`, so erasure has one place to clear.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Country, Invalid, Locale, PhoneNumber, TimeZone};

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
    pub phone: Option<PhoneNumber>,
    #[serde(rename = "lo", default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
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
    pub country: Option<Country>,
    /// IANA zone the timeline is shown in.
    #[serde(rename = "tz", default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<TimeZone>,
}

/// An e-mail address: trimmed, one `@`, a dot in the domain, lower-cased for lookups.
/// Stored as its text, parsed again when read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
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

    /// SHA-256 hex of the canonical form: a key for the address without the address.
    pub fn digest(&self) -> String {
        super::ids::sha256_hex(&self.canonical())
    }
}

parsed_text!(EmailAddress);

impl Destination {
    /// The IANA zone to show this destination's times in, if known: its own, else the
    /// one most of its country lives in.
    pub fn zone(&self) -> Option<TimeZone> {
        self.timezone.or_else(|| {
            let zone = super::geo::zone_for(self.country.as_ref()?.as_str(), None)?;
            TimeZone::parse(zone).ok()
        })
    }

    /// The zone its recipient reads times in: the destination's, else `fallback` (the
    /// merchant's).
    pub fn zone_or(&self, fallback: TimeZone) -> chrono_tz::Tz {
        self.zone().unwrap_or(fallback).tz()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        let email = EmailAddress::parse(" Ana@Example.com ").unwrap();
        assert_eq!(email.as_str(), "Ana@Example.com");
        assert_eq!(email.canonical(), "ana@example.com");
        let (json, back) = crate::domain::parsed::round_trip(&email);
        assert_eq!((json.as_str(), back), ("\"Ana@Example.com\"", email));
        for bad in [
            "ana", "ana@", "@x.io", "a@b", "a b@c.io", "a@.io", "a@b@c.io",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad}");
            assert!(serde_json::from_str::<EmailAddress>(&format!("{bad:?}")).is_err());
        }
        let c = Customer {
            name: "Ana Souza".into(),
            email: None,
            phone: None,
            locale: None,
        };
        assert_eq!(c.first_name(), "Ana");
    }
    #[test]
    fn zones_of_destinations() {
        let d = |country: Option<&str>, zone: Option<&str>| Destination {
            city: None,
            postcode: None,
            country: country.map(|c| Country::parse(c).unwrap()),
            timezone: zone.map(|z| TimeZone::parse(z).unwrap()),
        };
        let lisbon = TimeZone::parse("Europe/Lisbon").ok();
        assert_eq!(d(Some("BR"), Some("Europe/Lisbon")).zone(), lisbon);
        assert_eq!(
            d(Some("BR"), None).zone(),
            TimeZone::parse("America/Sao_Paulo").ok()
        );
        assert_eq!(d(Some("US"), None).zone(), None, "spans several zones");
        assert_eq!(d(None, None).zone(), None);
    }

    #[test]
    fn records_stored_as_strings_read_back_unchanged() {
        let customer =
            r#"{"n":"Ana Souza","e":"ana@example.com","ph":"+5511912345678","lo":"pt-BR"}"#;
        let c: Customer = serde_json::from_str(customer).unwrap();
        assert_eq!(c.locale.as_ref().map(Locale::as_str), Some("pt-BR"));
        assert_eq!(serde_json::to_string(&c).unwrap(), customer);
        let destination =
            r#"{"ci":"São Paulo","pc":"01310-100","co":"BR","tz":"America/Sao_Paulo"}"#;
        let d: Destination = serde_json::from_str(destination).unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), destination);
    }
}

//! An IANA time zone, as a merchant or a destination names it.

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::Invalid;

/// A zone of the IANA database (`Europe/Lisbon`), spelt exactly as the database does;
/// stored and answered as that name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TimeZone(Tz);

impl TimeZone {
    pub const UTC: TimeZone = TimeZone(Tz::UTC);

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        raw.parse::<Tz>()
            .map(Self)
            .map_err(|_| Invalid::new("not an IANA time zone such as Europe/Lisbon"))
    }

    /// The zone, to convert times with.
    pub fn tz(self) -> Tz {
        self.0
    }

    pub fn as_str(&self) -> &str {
        self.0.name()
    }
}

impl From<Tz> for TimeZone {
    fn from(tz: Tz) -> Self {
        Self(tz)
    }
}

parsed_text!(TimeZone);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::parsed::round_trip;

    #[test]
    fn zones_parse_by_their_database_names_only() {
        for ok in [
            "UTC",
            "Europe/Lisbon",
            "America/Sao_Paulo",
            "US/Eastern",
            "Etc/GMT+3",
        ] {
            let zone = TimeZone::parse(ok).unwrap();
            assert_eq!(zone.as_str(), ok);
            assert_eq!(round_trip(&zone), (format!("\"{ok}\""), zone));
        }
        for bad in [
            "",
            "Mars/Base",
            "europe/lisbon",
            " Europe/Lisbon",
            "+01:00",
            "CEST",
        ] {
            assert!(TimeZone::parse(bad).is_err(), "{bad:?}");
            assert!(serde_json::from_str::<TimeZone>(&format!("{bad:?}")).is_err());
        }
        assert_eq!(TimeZone::UTC.tz(), Tz::UTC);
        assert_eq!(
            "Asia/Tokyo".parse::<TimeZone>().unwrap().tz(),
            Tz::Asia__Tokyo
        );
    }
}

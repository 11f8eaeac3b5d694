//! One carrier scan (or a synthetic event shipmate raised itself), normalised.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer, Serialize};

use super::{Party, Status, Substatus};

/// A normalised tracking event. Serialized with short keys: it is stored once per scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackingEvent {
    /// Carrier time with the carrier's offset.
    #[serde(rename = "t", deserialize_with = "rfc3339")]
    pub at: DateTime<FixedOffset>,
    #[serde(rename = "s")]
    pub status: Status,
    #[serde(rename = "ss", default, skip_serializing_if = "Option::is_none")]
    pub substatus: Option<Substatus>,
    #[serde(rename = "p", default, skip_serializing_if = "Option::is_none")]
    pub party: Option<Party>,
    /// The carrier's own code, as received.
    #[serde(rename = "c")]
    pub code: String,
    /// The carrier's message, as received.
    #[serde(rename = "d")]
    pub description: String,
    #[serde(rename = "l", default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Raised by shipmate (expiry, cancellation), not scanned by the carrier.
    #[serde(rename = "x", default, skip_serializing_if = "std::ops::Not::not")]
    pub synthetic: bool,
}

/// A scan's time through chrono's RFC 3339 fast path (a snapshot read for a page holds
/// many), with whatever chrono's own `Deserialize` accepts as the fallback.
fn rfc3339<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
    struct Visitor;
    impl serde::de::Visitor<'_> for Visitor {
        type Value = DateTime<FixedOffset>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an RFC 3339 time")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            DateTime::parse_from_rfc3339(v)
                .or_else(|_| v.parse())
                .map_err(E::custom)
        }
    }
    d.deserialize_str(Visitor)
}

/// Identity of an event for deduplication: same instant, code and place is the same scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint(u64);

impl TrackingEvent {
    pub fn fingerprint(&self) -> Fingerprint {
        // FNV-1a: stable across builds, unlike std's DefaultHasher.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let ts = self.at.timestamp().to_le_bytes();
        let loc = self.location.as_deref().unwrap_or("");
        for part in [&ts[..], self.code.as_bytes(), &[0], loc.as_bytes()] {
            for b in part {
                h ^= u64::from(*b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        Fingerprint(h)
    }
}

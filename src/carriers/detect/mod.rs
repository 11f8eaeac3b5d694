//! Carrier auto-detection from the tracking number alone, driven by the vendored
//! `data/tracking_number_data` (MIT, jkeen/tracking_number_data): each format's pattern,
//! check digit and lookup tables. UPU S10 numbers resolve to the issuing postal operator.

mod checksum;
mod formats;

use serde::Serialize;

use crate::domain::TrackingNumber;
pub use formats::is_known_carrier;
use formats::{FORMATS, Format};

/// One way to read a tracking number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    /// shipmate's carrier code (`ups`, `fedex`, `royal_mail`, …).
    pub carrier: String,
    /// The number format, e.g. `fedex_ground`.
    pub format: String,
    /// Human description: format and, where the number encodes it, the service.
    pub service: String,
    /// Whether the check digit is right (formats without one count as right).
    pub checksum_valid: bool,
    /// Whether the format has a check digit at all (a match without one is weaker).
    pub has_checksum: bool,
    /// The carrier's public tracking page for this number, when known.
    pub tracking_url: Option<String>,
    /// Whether this shipmate can track it (an adapter for the carrier is configured).
    pub configured: bool,
}

/// Every format the number matches, best first: valid check digit, then formats that have
/// one, then the data's order. One entry per carrier (its best reading).
pub fn detect(number: &TrackingNumber) -> Vec<Candidate> {
    let mut found: Vec<Candidate> = FORMATS
        .iter()
        .filter_map(|f| read(f, number.as_str()))
        .collect();
    found.sort_by_key(|c| (!c.checksum_valid, !c.has_checksum));
    let mut seen = std::collections::HashSet::new();
    found.retain(|c| seen.insert(c.carrier.clone()));
    found
}

fn read(f: &Format, number: &str) -> Option<Candidate> {
    let caps = f.regex.captures(number).ok()??;
    let group = |name: &str| {
        caps.name(name)
            .map(|m| m.as_str().split_whitespace().collect::<String>())
    };
    let mut checksum_valid = true;
    if let Some(sum) = &f.checksum {
        let mut serial = group("SerialNumber").unwrap_or_default();
        if let Some((when, content)) = &f.prepend_if
            && when.is_match(&serial).unwrap_or(false)
        {
            serial.insert_str(0, content);
        }
        checksum_valid = sum.passes(&serial, &group("CheckDigit").unwrap_or_default());
    }
    let looked_up = |table: &str| -> Option<&formats::Lookup> {
        let t = f.additional.iter().find(|a| a.name == table)?;
        let value = group(&t.group)?;
        t.lookup.iter().find(|l| l.matches(&value))
    };
    if f.required.iter().any(|table| looked_up(table).is_none()) {
        return None;
    }
    let mut carrier = f.carrier.clone();
    let mut service = f.name.clone();
    if let Some(courier) = looked_up("Courier") {
        carrier = formats::postal_operator(courier.matches.as_deref().unwrap_or(""));
        service = format!(
            "{} ({})",
            f.name,
            courier.courier.as_deref().unwrap_or("postal operator")
        );
    }
    if let Some(kind) = looked_up("Service Type").and_then(|l| l.name.clone()) {
        service = format!("{service}: {kind}");
    }
    Some(Candidate {
        carrier,
        format: f.id.clone(),
        service,
        checksum_valid,
        has_checksum: f.checksum.is_some(),
        tracking_url: f.tracking_url.as_ref().map(|u| u.replace("%s", number)),
        configured: false,
    })
}

#[cfg(test)]
mod tests;

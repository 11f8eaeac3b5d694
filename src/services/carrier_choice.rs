//! Telling which carrier a number belongs to when the merchant did not say: detection,
//! honouring the merchant's own carrier accounts first, then the platform's.

use super::ServiceError;
use crate::carriers::Carriers;
use crate::domain::{CarrierCode, TrackingNumber};

/// The one configured carrier the number belongs to, or a 422-worthy explanation.
pub(super) fn choose_carrier(
    carriers: &Carriers,
    number: &TrackingNumber,
    own: &[CarrierCode],
) -> Result<CarrierCode, ServiceError> {
    let mut candidates = carriers.detect(number);
    for c in &mut candidates {
        c.configured |= own.iter().any(|o| o.as_str() == c.carrier);
    }
    candidates.sort_by_key(|c| !(c.configured && c.checksum_valid));
    let usable: Vec<_> = candidates
        .iter()
        .filter(|c| c.configured && c.checksum_valid)
        .collect();
    let chosen = match usable.as_slice() {
        [only] => Some(*only),
        // A check digit that matches is stronger evidence than a pattern alone.
        [first, second, ..] if first.has_checksum && !second.has_checksum => Some(*first),
        _ => None,
    };
    if let Some(code) = chosen.and_then(|c| CarrierCode::parse(&c.carrier).ok()) {
        return Ok(code);
    }
    let names = |list: &[&crate::carriers::detect::Candidate]| {
        list.iter()
            .map(|c| c.carrier.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let valid: Vec<_> = candidates.iter().filter(|c| c.checksum_valid).collect();
    let configured: Vec<_> = carriers.codes().map(|c| c.as_str()).collect();
    let message = if usable.len() > 1 {
        format!(
            "the number could belong to {}; pass \"carrier\"",
            names(&usable)
        )
    } else if !valid.is_empty() {
        format!(
            "the number looks like {}, which is not configured here (configured: {}); pass \"carrier\"",
            names(&valid),
            configured.join(", ")
        )
    } else {
        "no known carrier uses this number's format; pass \"carrier\"".to_owned()
    };
    Err(ServiceError::Undetected {
        message,
        candidates,
    })
}

//! UPS activity status → shipmate's model. UPS documents the activity `type` values
//! (Track API: D delivered, I in transit, M billing information received, MV billing
//! information voided, P pickup, X exception, RS returned to shipper, DO/DD delivered to the
//! origin/destination CFS (freight), W warehousing, NA not available, O out for delivery).
//! A few activity `code`s refine the type where UPS's own wording is unambiguous.

use crate::carriers::classify::{MOVEMENT, Mapping, Row, lookup};
use crate::domain::{Party, Status, Substatus};

/// `(type, status, substatus, responsible party)`.
pub const UPS_TYPES: &[Row] = &[
    (
        "M",
        Status::InfoReceived,
        Some(Substatus::LabelCreated),
        None,
    ),
    ("MV", Status::Exception, None, Some(Party::Retailer)),
    ("P", Status::InTransit, Some(Substatus::PickedUp), None),
    ("I", Status::InTransit, None, None),
    ("W", Status::InTransit, None, None),
    ("O", Status::OutForDelivery, None, None),
    ("D", Status::Delivered, None, None),
    ("DO", Status::Delivered, None, None),
    ("DD", Status::Delivered, None, None),
    ("X", Status::Exception, None, Some(Party::Carrier)),
    (
        "RS",
        Status::ReturnToSender,
        Some(Substatus::ReturningToSender),
        None,
    ),
    ("NA", Status::Pending, None, None),
];

/// `(code, status, substatus, responsible party)`: codes that say more than their type.
pub const UPS_CODES: &[Row] = &[
    // "Out For Delivery Today" (type I; what Track Alert pushes).
    ("OT", Status::OutForDelivery, None, None),
    // "Your package was released by the customs agency." (type X)
    (
        "SR",
        Status::InTransit,
        Some(Substatus::CustomsReleased),
        Some(Party::Customs),
    ),
];

/// Maps an activity; an unknown type counts as movement, never dropped.
pub fn map(kind: &str, code: &str) -> Mapping {
    lookup(UPS_CODES, code)
        .or_else(|| lookup(UPS_TYPES, kind))
        .unwrap_or(MOVEMENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_type_maps_as_specified() {
        let expected = [
            ("M", "info_received"),
            ("MV", "exception"),
            ("P", "in_transit"),
            ("I", "in_transit"),
            ("W", "in_transit"),
            ("O", "out_for_delivery"),
            ("D", "delivered"),
            ("DO", "delivered"),
            ("DD", "delivered"),
            ("X", "exception"),
            ("RS", "return_to_sender"),
            ("NA", "pending"),
        ];
        assert_eq!(expected.len(), UPS_TYPES.len());
        for (kind, status) in expected {
            assert_eq!(map(kind, "").0.as_str(), status, "type {kind}");
        }
        assert_eq!(
            map("X", "SR"),
            (
                Status::InTransit,
                Some(Substatus::CustomsReleased),
                Some(Party::Customs)
            )
        );
        assert_eq!(map("ZZ", "").0, Status::InTransit);
    }
}

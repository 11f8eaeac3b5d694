//! DHL Shipment Tracking – Unified API `statusCode` values (documented: pre-transit,
//! transit, delivered, failure, unknown) → shipmate's model.

use crate::carriers::classify::{Mapping, Row, by_code};
use crate::domain::{Party, Status, Substatus};

/// `(statusCode, status, substatus, responsible party)`.
#[rustfmt::skip]
pub const DHL_STATUS_CODES: &[Row] = &[
    ("pre-transit", Status::InfoReceived, Some(Substatus::LabelCreated), None),
    ("transit", Status::InTransit, None, None),
    ("delivered", Status::Delivered, None, None),
    ("failure", Status::Exception, None, Some(Party::Carrier)),
    ("unknown", Status::Pending, None, None),
];

/// Maps a status code; anything undocumented counts as movement, never dropped.
pub fn map(code: &str) -> Mapping {
    by_code(DHL_STATUS_CODES, code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_status_code_maps_as_specified() {
        let expected = [
            ("pre-transit", "info_received"),
            ("transit", "in_transit"),
            ("delivered", "delivered"),
            ("failure", "exception"),
            ("unknown", "pending"),
        ];
        assert_eq!(expected.len(), DHL_STATUS_CODES.len());
        for (code, status) in expected {
            assert_eq!(map(code).0.as_str(), status, "{code}");
        }
    }
}

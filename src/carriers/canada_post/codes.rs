//! Canada Post tracking event identifiers → shipmate's model. Only identifiers whose
//! meaning Canada Post's own event wording makes plain are listed; others count as movement.

use crate::carriers::classify::{Mapping, Row, by_code};
use crate::domain::{Party, Status, Substatus};

/// `(event-identifier, status, substatus, responsible party)`, with Canada Post's wording.
#[rustfmt::skip]
pub const CANADA_POST_EVENTS: &[Row] = &[
    ("3000", Status::InfoReceived, Some(Substatus::LabelCreated), None),       // Electronic information submitted by shipper
    ("0100", Status::InTransit, Some(Substatus::ArrivedAtFacility), None),     // Item processed at postal facility
    ("0173", Status::Exception, Some(Substatus::AddressIssue), Some(Party::Consignee)), // Customer addressing error found; attempting to correct
    ("0174", Status::OutForDelivery, None, None),                               // Item out for delivery
    ("1496", Status::Delivered, None, None),                                    // Item successfully delivered
    ("20", Status::Delivered, None, None),                                      // Signature image recorded for Online viewing
];

/// Maps an event identifier; unknown identifiers count as movement, never dropped.
pub fn map(id: &str) -> Mapping {
    by_code(CANADA_POST_EVENTS, id)
}

/// Offset in minutes of a Canadian time-zone abbreviation.
pub fn zone_offset_minutes(abbreviation: &str) -> Option<i32> {
    Some(match abbreviation.trim() {
        "NST" => -210,
        "NDT" => -150,
        "AST" => -240,
        "ADT" => -180,
        "EST" => -300,
        "EDT" => -240,
        "CST" => -360,
        "CDT" => -300,
        "MST" => -420,
        "MDT" => -360,
        "PST" => -480,
        "PDT" => -420,
        "UTC" | "GMT" => 0,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_event_maps_as_specified() {
        let expected = [
            ("3000", "info_received"),
            ("0100", "in_transit"),
            ("0173", "exception"),
            ("0174", "out_for_delivery"),
            ("1496", "delivered"),
            ("20", "delivered"),
        ];
        assert_eq!(expected.len(), CANADA_POST_EVENTS.len());
        for (id, status) in expected {
            assert_eq!(map(id).0.as_str(), status, "{id}");
        }
        assert_eq!(zone_offset_minutes("EDT"), Some(-240));
        assert_eq!(zone_offset_minutes("XYZ"), None);
    }
}

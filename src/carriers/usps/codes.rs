//! USPS Tracking v3 event codes (`trackingEvents[].eventCode`) → shipmate's model.

use crate::carriers::classify::{Mapping, Row, by_code};
use crate::domain::{Party, Status, Substatus};

/// `(eventCode, status, substatus, responsible party)`, with USPS's event wording.
#[rustfmt::skip]
pub const USPS_EVENTS: &[Row] = &[
    ("GX", Status::InfoReceived, Some(Substatus::LabelCreated), None),        // Shipping Label Created, USPS Awaiting Item
    ("MA", Status::InfoReceived, Some(Substatus::LabelCreated), None),        // Pre-Shipment Info Sent to USPS
    ("03", Status::InTransit, Some(Substatus::PickedUp), None),               // USPS in possession of item / Accepted
    ("SF", Status::InTransit, Some(Substatus::DepartedFacility), None),       // Departed Post Office
    ("T1", Status::InTransit, Some(Substatus::DepartedFacility), None),       // Departed USPS Regional Facility
    ("10", Status::InTransit, Some(Substatus::ArrivedAtFacility), None),      // Arrived at USPS Regional Origin Facility
    ("A1", Status::InTransit, Some(Substatus::ArrivedAtFacility), None),      // Arrived at USPS Regional Facility
    ("07", Status::InTransit, Some(Substatus::ArrivedAtFacility), None),      // Arrived at Post Office
    ("TL", Status::InTransit, None, None),                                    // In Transit to Next Facility
    ("OF", Status::OutForDelivery, None, None),                               // Out for Delivery
    ("01", Status::Delivered, None, None),                                    // Delivered
    ("17", Status::Delivered, Some(Substatus::PickedUpByCustomer), None),     // Picked Up by Agent
    ("02", Status::FailedAttempt, Some(Substatus::RecipientNotHome), Some(Party::Consignee)), // Notice Left
    ("04", Status::Exception, None, Some(Party::Consignee)),                  // Refused
    ("05", Status::Exception, Some(Substatus::AddressIssue), Some(Party::Consignee)), // Undeliverable as Addressed
    ("14", Status::AvailableForPickup, Some(Substatus::AtPickupPoint), None), // Arrival at Pickup Point
    ("16", Status::AvailableForPickup, Some(Substatus::AtPickupPoint), None), // Available for Pickup
    ("09", Status::ReturnToSender, Some(Substatus::ReturningToSender), None), // Return to Sender
];

/// Maps an event code; unknown codes count as movement, never dropped.
pub fn map(code: &str) -> Mapping {
    by_code(USPS_EVENTS, code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_event_code_maps_as_specified() {
        #[rustfmt::skip]
        let expected = [
            ("GX", "info_received"), ("MA", "info_received"), ("03", "in_transit"), ("SF", "in_transit"),
            ("T1", "in_transit"), ("10", "in_transit"), ("A1", "in_transit"), ("07", "in_transit"),
            ("TL", "in_transit"), ("OF", "out_for_delivery"), ("01", "delivered"), ("17", "delivered"),
            ("02", "failed_attempt"), ("04", "exception"), ("05", "exception"),
            ("14", "available_for_pickup"), ("16", "available_for_pickup"), ("09", "return_to_sender"),
        ];
        assert_eq!(expected.len(), USPS_EVENTS.len());
        for (code, status) in expected {
            assert_eq!(map(code).0.as_str(), status, "{code}");
        }
    }
}

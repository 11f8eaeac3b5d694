//! FedEx scan event types (`scanEvents[].eventType`, FedEx Track API "tracking status
//! codes") → shipmate's model.

use crate::carriers::classify::{Mapping, Row, by_code};
use crate::domain::{Party, Status, Substatus};

/// `(eventType, status, substatus, responsible party)`.
#[rustfmt::skip]
pub const FEDEX_EVENTS: &[Row] = &[
    ("OC", Status::InfoReceived, Some(Substatus::LabelCreated), None),      // shipment information sent to FedEx
    ("PU", Status::InTransit, Some(Substatus::PickedUp), None),              // picked up
    ("PX", Status::InTransit, Some(Substatus::PickedUp), None),              // picked up (see details)
    ("AR", Status::InTransit, Some(Substatus::ArrivedAtFacility), None),     // arrived at
    ("AF", Status::InTransit, Some(Substatus::ArrivedAtFacility), None),     // at local FedEx facility
    ("OF", Status::InTransit, Some(Substatus::ArrivedAtFacility), None),     // at FedEx origin facility
    ("FD", Status::InTransit, Some(Substatus::ArrivedAtFacility), None),     // at FedEx destination
    ("SF", Status::InTransit, Some(Substatus::ArrivedAtFacility), None),     // at sort facility
    ("AA", Status::InTransit, Some(Substatus::ArrivedAtFacility), None),     // at airport
    ("DP", Status::InTransit, Some(Substatus::DepartedFacility), None),      // departed
    ("LO", Status::InTransit, Some(Substatus::DepartedFacility), None),      // left origin
    ("IT", Status::InTransit, None, None),                                   // in transit
    ("IX", Status::InTransit, None, None),                                   // in transit (see details)
    ("AE", Status::InTransit, None, None),                                   // shipment arriving early
    ("TR", Status::InTransit, None, None),                                   // transfer
    ("PF", Status::InTransit, None, None),                                   // plane in flight
    ("PL", Status::InTransit, None, None),                                   // plane landed
    ("CH", Status::InTransit, None, None),                                   // location changed
    ("DD", Status::InTransit, Some(Substatus::CarrierDelay), Some(Party::Carrier)), // delivery delay
    ("DY", Status::InTransit, Some(Substatus::CarrierDelay), Some(Party::Carrier)), // delay
    ("PD", Status::InTransit, Some(Substatus::CarrierDelay), Some(Party::Carrier)), // pickup delay
    ("CP", Status::InTransit, Some(Substatus::CustomsClearanceStarted), Some(Party::Customs)), // clearance in progress
    ("CD", Status::Exception, Some(Substatus::CustomsHold), Some(Party::Customs)),  // clearance delay
    ("CC", Status::InTransit, Some(Substatus::CustomsReleased), Some(Party::Customs)), // cleared customs
    ("OD", Status::OutForDelivery, None, None),                              // on FedEx vehicle for delivery
    ("DE", Status::FailedAttempt, None, Some(Party::Consignee)),             // delivery exception
    ("SE", Status::Exception, None, Some(Party::Carrier)),                   // shipment exception
    ("HL", Status::AvailableForPickup, Some(Substatus::AtPickupPoint), None), // hold at location
    ("HP", Status::AvailableForPickup, Some(Substatus::AtPickupPoint), None), // ready for recipient pickup
    ("DL", Status::Delivered, None, None),                                   // delivered
    ("RS", Status::ReturnToSender, Some(Substatus::ReturningToSender), None), // return to shipper
    ("CA", Status::Cancelled, None, Some(Party::Retailer)),                  // shipment cancelled
];

/// Maps an event type; unknown types count as movement, never dropped.
pub fn map(event_type: &str) -> Mapping {
    by_code(FEDEX_EVENTS, event_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_event_type_maps_as_specified() {
        #[rustfmt::skip]
        let expected = [
            ("OC", "info_received"), ("PU", "in_transit"), ("PX", "in_transit"), ("AR", "in_transit"),
            ("AF", "in_transit"), ("OF", "in_transit"), ("FD", "in_transit"), ("SF", "in_transit"),
            ("AA", "in_transit"), ("DP", "in_transit"), ("LO", "in_transit"), ("IT", "in_transit"),
            ("IX", "in_transit"), ("AE", "in_transit"), ("TR", "in_transit"), ("PF", "in_transit"),
            ("PL", "in_transit"), ("CH", "in_transit"), ("DD", "in_transit"), ("DY", "in_transit"),
            ("PD", "in_transit"), ("CP", "in_transit"), ("CD", "exception"), ("CC", "in_transit"),
            ("OD", "out_for_delivery"), ("DE", "failed_attempt"), ("SE", "exception"),
            ("HL", "available_for_pickup"), ("HP", "available_for_pickup"), ("DL", "delivered"),
            ("RS", "return_to_sender"), ("CA", "cancelled"),
        ];
        assert_eq!(expected.len(), FEDEX_EVENTS.len());
        for (code, status) in expected {
            assert_eq!(map(code).0.as_str(), status, "{code}");
        }
        assert_eq!(map("ZZ").0, Status::InTransit);
    }
}

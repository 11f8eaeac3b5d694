//! The sandbox carrier's event codes and what each means in shipmate's model. This table is
//! the mapping: every code carrier-sim documents appears here, and a test checks each one.

use crate::carriers::classify::{Mapping, Row, by_code};
use crate::domain::{Party, Status, Substatus};

/// `(carrier code, status, substatus, responsible party)`.
pub const SANDBOX_CODES: &[Row] = &[
    (
        "LC",
        Status::InfoReceived,
        Some(Substatus::LabelCreated),
        None,
    ),
    ("PU", Status::InTransit, Some(Substatus::PickedUp), None),
    (
        "AF",
        Status::InTransit,
        Some(Substatus::ArrivedAtFacility),
        None,
    ),
    (
        "DF",
        Status::InTransit,
        Some(Substatus::DepartedFacility),
        None,
    ),
    (
        "DY",
        Status::InTransit,
        Some(Substatus::CarrierDelay),
        Some(Party::Carrier),
    ),
    (
        "CC",
        Status::InTransit,
        Some(Substatus::CustomsClearanceStarted),
        Some(Party::Customs),
    ),
    (
        "CH",
        Status::Exception,
        Some(Substatus::CustomsHold),
        Some(Party::Customs),
    ),
    (
        "CR",
        Status::InTransit,
        Some(Substatus::CustomsReleased),
        Some(Party::Customs),
    ),
    (
        "WX",
        Status::Exception,
        Some(Substatus::WeatherDelay),
        Some(Party::Weather),
    ),
    ("OD", Status::OutForDelivery, None, None),
    (
        "FA",
        Status::FailedAttempt,
        Some(Substatus::RecipientNotHome),
        Some(Party::Consignee),
    ),
    (
        "PK",
        Status::AvailableForPickup,
        Some(Substatus::AtPickupPoint),
        None,
    ),
    (
        "PC",
        Status::Delivered,
        Some(Substatus::PickedUpByCustomer),
        None,
    ),
    ("DL", Status::Delivered, None, None),
    (
        "DN",
        Status::Delivered,
        Some(Substatus::DeliveredToNeighbour),
        None,
    ),
    (
        "RS",
        Status::ReturnToSender,
        Some(Substatus::ReturningToSender),
        Some(Party::Consignee),
    ),
    (
        "RD",
        Status::ReturnToSender,
        Some(Substatus::ReturnedToSender),
        None,
    ),
];

/// Looks a code up; unknown codes are treated as plain movement (`in_transit`), never dropped.
pub fn map_code(code: &str) -> Mapping {
    by_code(SANDBOX_CODES, code)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row per documented code: the mapping is data, and this is its test.
    #[test]
    fn every_documented_code_maps_as_specified() {
        let expected = [
            ("LC", "info_received", Some("label_created")),
            ("PU", "in_transit", Some("picked_up")),
            ("AF", "in_transit", Some("arrived_at_facility")),
            ("DF", "in_transit", Some("departed_facility")),
            ("DY", "in_transit", Some("carrier_delay")),
            ("CC", "in_transit", Some("customs_clearance_started")),
            ("CH", "exception", Some("customs_hold")),
            ("CR", "in_transit", Some("customs_released")),
            ("WX", "exception", Some("weather_delay")),
            ("OD", "out_for_delivery", None),
            ("FA", "failed_attempt", Some("recipient_not_home")),
            ("PK", "available_for_pickup", Some("at_pickup_point")),
            ("PC", "delivered", Some("picked_up_by_customer")),
            ("DL", "delivered", None),
            ("DN", "delivered", Some("delivered_to_neighbour")),
            ("RS", "return_to_sender", Some("returning_to_sender")),
            ("RD", "return_to_sender", Some("returned_to_sender")),
        ];
        assert_eq!(expected.len(), SANDBOX_CODES.len());
        for (code, status, sub) in expected {
            let (s, ss, _) = map_code(code);
            assert_eq!(
                (s.as_str(), ss.map(|x| x.as_str())),
                (status, sub),
                "code {code}"
            );
        }
        for (code, ..) in crate::sim::documented_codes() {
            assert!(
                SANDBOX_CODES.iter().any(|(c, ..)| *c == code),
                "sim code {code} unmapped"
            );
        }
    }

    #[test]
    fn unknown_codes_count_as_movement() {
        assert_eq!(map_code("ZZ").0, Status::InTransit);
    }
}

//! Royal Mail Tracking API v2 event codes → shipmate's model.
//!
//! Royal Mail publishes no open code table; the codes below are the ones seen in public
//! sources (the API's own example, and integrators' notes on live responses), with Royal
//! Mail's event names. A code not listed here is read from its event name by the rules in
//! `NAME_RULES`, so a new code is never dropped and a "Delivered …" name is never missed.

use crate::carriers::classify::{Mapping, Row, by_words, lookup};
use crate::domain::{Party, Status, Substatus};

/// `(eventCode, status, substatus, responsible party)`, with Royal Mail's event name.
#[rustfmt::skip]
pub const ROYAL_MAIL_EVENT_CODES: &[Row] = &[
    ("EVNMI", Status::InTransit, Some(Substatus::CarrierDelay), Some(Party::Carrier)), // Forwarded - Mis-sort
    ("EVODO", Status::InTransit, Some(Substatus::DepartedFacility), None), // Item despatched to delivery office
    ("EVORI", Status::InTransit, Some(Substatus::ArrivedAtFacility), None), // Arrived at delivery office
    ("EVGPD", Status::OutForDelivery, None, None), // Due to be delivered today
    ("EVKNA", Status::FailedAttempt, Some(Substatus::RecipientNotHome), Some(Party::Consignee)), // Delivery attempted - no answer
    ("EVNSR", Status::FailedAttempt, Some(Substatus::RecipientNotHome), Some(Party::Consignee)), // Item prepared for redelivery
    ("EVNDA", Status::AvailableForPickup, Some(Substatus::AtPickupPoint), None), // Available for redelivery or collection
    ("EVKSP", Status::Delivered, None, None), // Delivered and signed for
    ("EVKSF", Status::Delivered, None, None), // Delivered to safeplace
];

/// Maps an event by its code, else by its name.
pub fn map(code: &str, name: &str) -> Mapping {
    lookup(ROYAL_MAIL_EVENT_CODES, code).unwrap_or_else(|| by_words(name, NAME_RULES))
}

/// Rules for codes not in the table, on Royal Mail's event name (first match wins); anything
/// else counts as movement.
#[rustfmt::skip]
const NAME_RULES: &[Row] = &[
    ("returned to sender", Status::ReturnToSender, Some(Substatus::ReturnedToSender), None),
    ("return to sender", Status::ReturnToSender, Some(Substatus::ReturningToSender), None),
    ("delivered to neighbour", Status::Delivered, Some(Substatus::DeliveredToNeighbour), None),
    ("due to be delivered", Status::OutForDelivery, None, None),
    ("out for delivery", Status::OutForDelivery, None, None),
    ("delivered", Status::Delivered, None, None),
    ("collected", Status::Delivered, Some(Substatus::PickedUpByCustomer), None),
    ("ready for collection", Status::AvailableForPickup, Some(Substatus::AtPickupPoint), None),
    ("attempted", Status::FailedAttempt, Some(Substatus::RecipientNotHome), Some(Party::Consignee)),
    ("customs", Status::InTransit, Some(Substatus::CustomsClearanceStarted), Some(Party::Customs)),
    ("fee to pay", Status::Exception, Some(Substatus::CustomsHold), Some(Party::Consignee)),
    ("damaged", Status::Exception, Some(Substatus::Damaged), Some(Party::Carrier)),
    ("expecting it", Status::InfoReceived, Some(Substatus::LabelCreated), None),
    ("we've got it", Status::InTransit, Some(Substatus::PickedUp), None),
    ("accepted", Status::InTransit, Some(Substatus::PickedUp), None),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_code_maps_as_specified() {
        let expected = [
            ("EVNMI", "in_transit", Some("carrier_delay")),
            ("EVODO", "in_transit", Some("departed_facility")),
            ("EVORI", "in_transit", Some("arrived_at_facility")),
            ("EVGPD", "out_for_delivery", None),
            ("EVKNA", "failed_attempt", Some("recipient_not_home")),
            ("EVNSR", "failed_attempt", Some("recipient_not_home")),
            ("EVNDA", "available_for_pickup", Some("at_pickup_point")),
            ("EVKSP", "delivered", None),
            ("EVKSF", "delivered", None),
        ];
        assert_eq!(expected.len(), ROYAL_MAIL_EVENT_CODES.len());
        for (code, status, sub) in expected {
            let (s, ss, _) = map(code, "something else entirely");
            assert_eq!(s.as_str(), status, "{code}");
            assert_eq!(ss.map(|x| x.as_str()), sub, "{code}");
        }
    }

    #[test]
    fn unlisted_codes_are_read_from_their_names() {
        let cases = [
            ("Item returned to sender", "return_to_sender"),
            ("Delivered to neighbour", "delivered"),
            ("Your item has been delivered", "delivered"),
            ("Out for delivery", "out_for_delivery"),
            ("Delivery attempted", "failed_attempt"),
            (
                "Ready for collection at Customer Service Point",
                "available_for_pickup",
            ),
            ("Held by customs", "in_transit"),
            ("Fee to pay", "exception"),
            ("We're expecting it", "info_received"),
            ("Item received", "in_transit"),
        ];
        for (name, status) in cases {
            assert_eq!(map("EVXXX", name).0.as_str(), status, "{name}");
        }
    }
}

//! InPost ShipX tracking statuses (`tracking_details[].status`) → shipmate's model, written
//! from InPost's public ShipX documentation. UNTESTED against recorded responses: no
//! recorded InPost answer is available yet.

use crate::carriers::classify::{Mapping, Row, by_code};
use crate::domain::{Party, Status, Substatus};

/// `(ShipX status, status, substatus, responsible party)`.
#[rustfmt::skip]
pub const INPOST_STATUSES: &[Row] = &[
    ("created", Status::InfoReceived, Some(Substatus::LabelCreated), None),
    ("confirmed", Status::InfoReceived, Some(Substatus::LabelCreated), None),
    ("dispatched_by_sender", Status::InTransit, Some(Substatus::PickedUp), None),
    ("dispatched_by_sender_to_pok", Status::InTransit, Some(Substatus::PickedUp), None),
    ("collected_from_sender", Status::InTransit, Some(Substatus::PickedUp), None),
    ("taken_by_courier", Status::InTransit, Some(Substatus::PickedUp), None),
    ("taken_by_courier_from_pok", Status::InTransit, Some(Substatus::PickedUp), None),
    ("adopted_at_source_branch", Status::InTransit, Some(Substatus::ArrivedAtFacility), None),
    ("sent_from_source_branch", Status::InTransit, Some(Substatus::DepartedFacility), None),
    ("adopted_at_sorting_center", Status::InTransit, Some(Substatus::ArrivedAtFacility), None),
    ("sent_from_sorting_center", Status::InTransit, Some(Substatus::DepartedFacility), None),
    ("adopted_at_target_branch", Status::InTransit, Some(Substatus::ArrivedAtFacility), None),
    ("delay_in_delivery", Status::InTransit, Some(Substatus::CarrierDelay), Some(Party::Carrier)),
    ("out_for_delivery", Status::OutForDelivery, None, None),
    ("out_for_delivery_to_address", Status::OutForDelivery, None, None),
    ("ready_to_pickup", Status::AvailableForPickup, Some(Substatus::AtPickupPoint), None),
    ("ready_to_pickup_from_pok", Status::AvailableForPickup, Some(Substatus::AtPickupPoint), None),
    ("ready_to_pickup_from_branch", Status::AvailableForPickup, Some(Substatus::AtPickupPoint), None),
    ("stack_in_box_machine", Status::AvailableForPickup, Some(Substatus::AtPickupPoint), None),
    ("stack_in_customer_service_point", Status::AvailableForPickup, Some(Substatus::AtPickupPoint), None),
    ("pickup_reminder_sent", Status::AvailableForPickup, Some(Substatus::AtPickupPoint), None),
    ("avizo", Status::FailedAttempt, Some(Substatus::RecipientNotHome), Some(Party::Consignee)),
    ("undelivered", Status::FailedAttempt, None, Some(Party::Consignee)),
    ("undelivered_wrong_address", Status::Exception, Some(Substatus::AddressIssue), Some(Party::Consignee)),
    ("undelivered_incomplete_address", Status::Exception, Some(Substatus::AddressIssue), Some(Party::Consignee)),
    ("undelivered_unknown_receiver", Status::Exception, Some(Substatus::AddressIssue), Some(Party::Consignee)),
    ("rejected_by_receiver", Status::Exception, None, Some(Party::Consignee)),
    ("pickup_time_expired", Status::Exception, None, Some(Party::Consignee)),
    ("missing", Status::Exception, Some(Substatus::Lost), Some(Party::Carrier)),
    ("delivered", Status::Delivered, None, None),
    ("returned_to_sender", Status::ReturnToSender, Some(Substatus::ReturnedToSender), None),
    ("canceled", Status::Cancelled, None, Some(Party::Retailer)),
];

/// Maps a ShipX status; unknown ones count as movement, never dropped.
pub fn map(status: &str) -> Mapping {
    by_code(INPOST_STATUSES, status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_statuses_map_as_specified() {
        for (code, status) in [
            ("created", "info_received"),
            ("taken_by_courier", "in_transit"),
            ("out_for_delivery", "out_for_delivery"),
            ("ready_to_pickup", "available_for_pickup"),
            ("avizo", "failed_attempt"),
            ("undelivered_wrong_address", "exception"),
            ("delivered", "delivered"),
            ("returned_to_sender", "return_to_sender"),
            ("canceled", "cancelled"),
        ] {
            assert_eq!(map(code).0.as_str(), status, "{code}");
        }
    }
}

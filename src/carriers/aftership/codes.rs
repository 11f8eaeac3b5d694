//! AfterShip's normalised checkpoint tags (its documented delivery statuses) → shipmate's
//! model. AfterShip has already mapped the courier's own code; we map its result.

use crate::carriers::classify::{Mapping, Row, by_code};
use crate::domain::{Party, Status, Substatus};

/// `(tag, status, substatus, responsible party)`.
#[rustfmt::skip]
pub const AFTERSHIP_TAGS: &[Row] = &[
    ("Pending", Status::Pending, None, None),
    ("InfoReceived", Status::InfoReceived, Some(Substatus::LabelCreated), None),
    ("InTransit", Status::InTransit, None, None),
    ("OutForDelivery", Status::OutForDelivery, None, None),
    ("AttemptFail", Status::FailedAttempt, None, Some(Party::Consignee)),
    ("AvailableForPickup", Status::AvailableForPickup, Some(Substatus::AtPickupPoint), None),
    ("Delivered", Status::Delivered, None, None),
    ("Exception", Status::Exception, None, Some(Party::Carrier)),
    // AfterShip's own "no news for a long time"; shipmate decides expiry itself.
    ("Expired", Status::Pending, None, None),
];

/// Maps a tag; an unknown tag counts as movement, never dropped.
pub fn map(tag: &str) -> Mapping {
    by_code(AFTERSHIP_TAGS, tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_tag_maps_as_specified() {
        let expected = [
            ("Pending", "pending"),
            ("InfoReceived", "info_received"),
            ("InTransit", "in_transit"),
            ("OutForDelivery", "out_for_delivery"),
            ("AttemptFail", "failed_attempt"),
            ("AvailableForPickup", "available_for_pickup"),
            ("Delivered", "delivered"),
            ("Exception", "exception"),
            ("Expired", "pending"),
        ];
        assert_eq!(expected.len(), AFTERSHIP_TAGS.len());
        for (tag, status) in expected {
            assert_eq!(map(tag).0.as_str(), status, "{tag}");
        }
    }
}

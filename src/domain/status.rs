//! The two-level status model: what the customer sees (`Status`), and the detail on every
//! event (`Substatus`, `Party`).

use serde::{Deserialize, Serialize};

/// Level 1: the shipment's status as the customer sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pending,
    InfoReceived,
    InTransit,
    OutForDelivery,
    FailedAttempt,
    AvailableForPickup,
    Delivered,
    Exception,
    ReturnToSender,
    Expired,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 11] = [
        Status::Pending,
        Status::InfoReceived,
        Status::InTransit,
        Status::OutForDelivery,
        Status::FailedAttempt,
        Status::AvailableForPickup,
        Status::Delivered,
        Status::Exception,
        Status::ReturnToSender,
        Status::Expired,
        Status::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::InfoReceived => "info_received",
            Status::InTransit => "in_transit",
            Status::OutForDelivery => "out_for_delivery",
            Status::FailedAttempt => "failed_attempt",
            Status::AvailableForPickup => "available_for_pickup",
            Status::Delivered => "delivered",
            Status::Exception => "exception",
            Status::ReturnToSender => "return_to_sender",
            Status::Expired => "expired",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Terminal statuses end the customer's journey (a return may still be travelling back:
    /// see `Shipment::is_finished` for when polling stops).
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            Status::Delivered | Status::ReturnToSender | Status::Expired | Status::Cancelled
        )
    }

    /// Whether a shipment in `self` may move to `next` when `next` comes from a newer event.
    /// `delivered` is final except for a return; the other terminal statuses are final.
    pub fn accepts(self, next: Status) -> bool {
        match self {
            Status::Delivered => next == Status::ReturnToSender,
            // A return moves on (returning → returned) but never back to the customer.
            Status::ReturnToSender => next == Status::ReturnToSender,
            Status::Expired | Status::Cancelled => false,
            _ => next != Status::Pending,
        }
    }

    /// Order of statuses along a journey, to order scans that share a timestamp.
    pub fn journey_rank(self) -> u8 {
        match self {
            Status::Pending => 0,
            Status::InfoReceived => 1,
            Status::InTransit => 2,
            Status::Exception => 3,
            Status::OutForDelivery => 4,
            Status::FailedAttempt => 5,
            Status::AvailableForPickup => 6,
            Status::Delivered => 7,
            Status::ReturnToSender => 8,
            Status::Expired => 9,
            Status::Cancelled => 10,
        }
    }

    /// Index of the main step shown in the progress bar (0 = ordered … 4 = delivered).
    pub fn progress_step(self) -> usize {
        match self {
            Status::Pending | Status::Cancelled | Status::Expired => 0,
            Status::InfoReceived => 1,
            Status::InTransit | Status::Exception | Status::ReturnToSender => 2,
            Status::OutForDelivery | Status::FailedAttempt | Status::AvailableForPickup => 3,
            Status::Delivered => 4,
        }
    }
}

/// Level 2: what exactly happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Substatus {
    LabelCreated,
    PickedUp,
    ArrivedAtFacility,
    DepartedFacility,
    CarrierDelay,
    CustomsClearanceStarted,
    CustomsHold,
    CustomsReleased,
    WeatherDelay,
    AddressIssue,
    RecipientNotHome,
    AtPickupPoint,
    PickedUpByCustomer,
    DeliveredToNeighbour,
    ReturningToSender,
    ReturnedToSender,
    Lost,
    Damaged,
    Stalled,
    Forgotten,
    NoScansExpired,
    CancelledByMerchant,
}

impl Substatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Substatus::LabelCreated => "label_created",
            Substatus::PickedUp => "picked_up",
            Substatus::ArrivedAtFacility => "arrived_at_facility",
            Substatus::DepartedFacility => "departed_facility",
            Substatus::CarrierDelay => "carrier_delay",
            Substatus::CustomsClearanceStarted => "customs_clearance_started",
            Substatus::CustomsHold => "customs_hold",
            Substatus::CustomsReleased => "customs_released",
            Substatus::WeatherDelay => "weather_delay",
            Substatus::AddressIssue => "address_issue",
            Substatus::RecipientNotHome => "recipient_not_home",
            Substatus::AtPickupPoint => "at_pickup_point",
            Substatus::PickedUpByCustomer => "picked_up_by_customer",
            Substatus::DeliveredToNeighbour => "delivered_to_neighbour",
            Substatus::ReturningToSender => "returning_to_sender",
            Substatus::ReturnedToSender => "returned_to_sender",
            Substatus::Lost => "lost",
            Substatus::Damaged => "damaged",
            Substatus::Stalled => "stalled",
            Substatus::Forgotten => "forgotten",
            Substatus::NoScansExpired => "no_scans_expired",
            Substatus::CancelledByMerchant => "cancelled_by_merchant",
        }
    }
}

/// Who a delay or exception is down to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    Carrier,
    Retailer,
    Consignee,
    Customs,
    Weather,
}

impl Party {
    pub fn as_str(self) -> &'static str {
        match self {
            Party::Carrier => "carrier",
            Party::Retailer => "retailer",
            Party::Consignee => "consignee",
            Party::Customs => "customs",
            Party::Weather => "weather",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.as_str()));
        }
    }

    #[test]
    fn delivered_is_final_except_for_a_return() {
        for s in Status::ALL {
            assert_eq!(Status::Delivered.accepts(s), s == Status::ReturnToSender);
        }
        assert!(!Status::Expired.accepts(Status::InTransit));
        assert!(Status::ReturnToSender.accepts(Status::ReturnToSender));
        assert!(!Status::ReturnToSender.accepts(Status::Delivered));
        assert!(Status::Exception.accepts(Status::InTransit));
    }
}

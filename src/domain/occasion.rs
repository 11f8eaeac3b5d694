//! What a shipment event means to the customer: which message (trigger) it calls for, and
//! why when it is a delay. Pure; the notifier decides channels, timing and wording.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{DomainEvent, Shipment, Status, Substatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    Shipped,
    InTransit,
    Delay,
    EtaChanged,
    OutForDelivery,
    FailedAttempt,
    AvailableForPickup,
    Delivered,
    ReturnToSender,
    FeedbackRequest,
    /// The customer answered the feedback form (merchant webhooks only).
    FeedbackReceived,
    /// The make-good pool fell to its "running low" mark (merchant webhooks only).
    MakeGoodLow,
}

impl Trigger {
    /// What the customer can be told (everything but the merchant's own events).
    pub const ALL: [Trigger; 10] = [
        Trigger::Shipped,
        Trigger::InTransit,
        Trigger::Delay,
        Trigger::EtaChanged,
        Trigger::OutForDelivery,
        Trigger::FailedAttempt,
        Trigger::AvailableForPickup,
        Trigger::Delivered,
        Trigger::ReturnToSender,
        Trigger::FeedbackRequest,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::Shipped => "shipped",
            Trigger::InTransit => "in_transit",
            Trigger::Delay => "delay",
            Trigger::EtaChanged => "eta_changed",
            Trigger::OutForDelivery => "out_for_delivery",
            Trigger::FailedAttempt => "failed_attempt",
            Trigger::AvailableForPickup => "available_for_pickup",
            Trigger::Delivered => "delivered",
            Trigger::ReturnToSender => "return_to_sender",
            Trigger::FeedbackRequest => "feedback_request",
            Trigger::FeedbackReceived => "feedback_received",
            Trigger::MakeGoodLow => "make_good_low",
        }
    }

    /// What a merchant's webhook may subscribe to: the customer's news (not the feedback
    /// request, which is a message, not news) and the merchant's own events.
    pub const WEBHOOK_EVENTS: [Trigger; 11] = [
        Trigger::Shipped,
        Trigger::InTransit,
        Trigger::Delay,
        Trigger::EtaChanged,
        Trigger::OutForDelivery,
        Trigger::FailedAttempt,
        Trigger::AvailableForPickup,
        Trigger::Delivered,
        Trigger::ReturnToSender,
        Trigger::FeedbackReceived,
        Trigger::MakeGoodLow,
    ];

    pub fn parse(s: &str) -> Option<Trigger> {
        Trigger::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The event type a merchant's webhook receives for this trigger.
    pub fn event_type(self) -> String {
        match self {
            Trigger::FeedbackReceived => "feedback.received".into(),
            Trigger::MakeGoodLow => "make_good.pool_low".into(),
            t => format!("shipment.{}", t.as_str()),
        }
    }

    /// The merchant's own events: webhooks only, never a customer message.
    pub fn is_merchant_only(self) -> bool {
        matches!(self, Trigger::FeedbackReceived | Trigger::MakeGoodLow)
    }

    /// The trigger behind a webhook event type (`shipment.delivered`, `feedback.received`).
    pub fn from_event_type(s: &str) -> Option<Trigger> {
        match s {
            "feedback.received" => return Some(Trigger::FeedbackReceived),
            "make_good.pool_low" => return Some(Trigger::MakeGoodLow),
            _ => {}
        }
        s.strip_prefix("shipment.")
            .and_then(Trigger::parse)
            .filter(|t| *t != Trigger::FeedbackRequest)
    }

    /// Whether the news is stale now that the parcel is in `status`: a "shipped" still
    /// queued (say, for the morning) when the parcel is already out for delivery, or an
    /// "out for delivery" once it is delivered, says nothing true any more.
    pub fn is_superseded_by(self, status: Status) -> bool {
        use Status::*;
        let finished = matches!(status, Delivered | ReturnToSender | Expired | Cancelled);
        match self {
            Trigger::Shipped | Trigger::InTransit => {
                !matches!(status, Pending | InfoReceived | InTransit | Exception)
            }
            Trigger::Delay | Trigger::EtaChanged => {
                finished || matches!(status, OutForDelivery | AvailableForPickup)
            }
            Trigger::OutForDelivery => {
                finished || matches!(status, FailedAttempt | AvailableForPickup)
            }
            Trigger::FailedAttempt => finished || status == AvailableForPickup,
            Trigger::AvailableForPickup => finished,
            Trigger::Delivered | Trigger::FeedbackRequest => {
                matches!(status, Cancelled | ReturnToSender)
            }
            Trigger::ReturnToSender => status == Cancelled,
            Trigger::FeedbackReceived | Trigger::MakeGoodLow => false,
        }
    }

    /// Updates that count against a shipment's daily cap: news, not calls to act nor the
    /// outcome.
    pub fn is_capped(self) -> bool {
        matches!(
            self,
            Trigger::Shipped | Trigger::InTransit | Trigger::Delay | Trigger::EtaChanged
        )
    }

    /// Messages worth sending at once even inside quiet hours or past the daily cap: the
    /// customer has to act today.
    pub fn is_urgent(self) -> bool {
        matches!(
            self,
            Trigger::OutForDelivery | Trigger::FailedAttempt | Trigger::AvailableForPickup
        )
    }
}

/// Why a parcel is late.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DelayReason {
    CarrierException,
    /// The carrier's own delay scan on a parcel still moving.
    CarrierDelay,
    /// Not late yet, but the merchant's own delivered parcels say it will likely miss
    /// the promise.
    LikelyLate,
    EtaPastPromise,
    Stalled,
    Forgotten,
}

impl DelayReason {
    pub fn as_str(self) -> &'static str {
        match self {
            DelayReason::CarrierException => "carrier_exception",
            DelayReason::CarrierDelay => "carrier_delay",
            DelayReason::LikelyLate => "likely_late",
            DelayReason::EtaPastPromise => "eta_past_promise",
            DelayReason::Stalled => "stalled",
            DelayReason::Forgotten => "forgotten",
        }
    }
}

/// A message the customer should get: the trigger, and the reason for a delay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occasion {
    pub trigger: Trigger,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<DelayReason>,
}

impl Occasion {
    pub fn new(trigger: Trigger) -> Self {
        Occasion {
            trigger,
            reason: None,
        }
    }

    pub fn delay(reason: DelayReason) -> Self {
        Occasion {
            trigger: Trigger::Delay,
            reason: Some(reason),
        }
    }
}

/// The messages an event calls for. `eta_min_change`: smaller ETA moves say nothing.
pub fn occasions(event: &DomainEvent, s: &Shipment, eta_min_change: Duration) -> Vec<Occasion> {
    match event {
        DomainEvent::Registered { .. } => vec![],
        DomainEvent::Delayed { reason, .. } => vec![Occasion::delay(*reason)],
        // Past the promise, a delay in the words of a learned estimate; else a new date.
        DomainEvent::EstimateRevised { past_promise, .. } => {
            if *past_promise {
                vec![Occasion::delay(DelayReason::LikelyLate)]
            } else {
                vec![Occasion::new(Trigger::EtaChanged)]
            }
        }
        DomainEvent::FeedbackReceived { .. } => vec![Occasion::new(Trigger::FeedbackReceived)],
        DomainEvent::StatusChanged {
            from,
            to,
            substatus,
            ..
        } => on_status(*from, *to, *substatus).into_iter().collect(),
        DomainEvent::EtaChanged { from, to, .. } => {
            let (Some(to), promised) = (to, s.order.promised_by) else {
                return vec![];
            };
            let late = |d: NaiveDate| promised.is_some_and(|p| d > p);
            if late(to.date_naive()) && !from.is_some_and(|f| late(f.date_naive())) {
                return vec![Occasion::delay(DelayReason::EtaPastPromise)];
            }
            match from {
                Some(from) if (*to - *from).abs() >= eta_min_change => {
                    vec![Occasion::new(Trigger::EtaChanged)]
                }
                _ => vec![],
            }
        }
    }
}

fn on_status(from: Status, to: Status, substatus: Option<Substatus>) -> Option<Occasion> {
    let trigger = match (from, to) {
        (Status::Pending, Status::InfoReceived | Status::InTransit) => Trigger::Shipped,
        (Status::InfoReceived, Status::InTransit) => Trigger::InTransit,
        (_, Status::OutForDelivery) => Trigger::OutForDelivery,
        (_, Status::FailedAttempt) => Trigger::FailedAttempt,
        (_, Status::AvailableForPickup) => Trigger::AvailableForPickup,
        (_, Status::Delivered) => Trigger::Delivered,
        (_, Status::ReturnToSender) => Trigger::ReturnToSender,
        (_, Status::Exception) => {
            let reason = match substatus {
                Some(Substatus::Stalled) => DelayReason::Stalled,
                _ => DelayReason::CarrierException,
            };
            return Some(Occasion::delay(reason));
        }
        _ => return None,
    };
    Some(Occasion::new(trigger))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, TimeZone, Utc};

    fn shipment() -> Shipment {
        let mut s = crate::domain::shipment::tests::sample();
        s.order.promised_by = NaiveDate::from_ymd_opt(2030, 12, 1);
        s
    }

    fn changed(from: Status, to: Status, substatus: Option<Substatus>) -> DomainEvent {
        let s = shipment();
        DomainEvent::StatusChanged {
            shipment_id: s.id,
            merchant_id: s.merchant_id,
            from,
            to,
            substatus,
            at: Utc::now(),
        }
    }

    fn triggers(from: Status, to: Status) -> Vec<&'static str> {
        occasions(&changed(from, to, None), &shipment(), Duration::hours(4))
            .iter()
            .map(|o| o.trigger.as_str())
            .collect()
    }

    #[test]
    fn status_changes_call_for_the_expected_messages() {
        use Status::*;
        let table = [
            (Pending, InfoReceived, vec!["shipped"]),
            (Pending, InTransit, vec!["shipped"]),
            (InfoReceived, InTransit, vec!["in_transit"]),
            (Exception, InTransit, vec![]),
            (InTransit, OutForDelivery, vec!["out_for_delivery"]),
            (OutForDelivery, FailedAttempt, vec!["failed_attempt"]),
            (InTransit, AvailableForPickup, vec!["available_for_pickup"]),
            (OutForDelivery, Delivered, vec!["delivered"]),
            (Delivered, ReturnToSender, vec!["return_to_sender"]),
            (InTransit, Exception, vec!["delay"]),
            (InTransit, Expired, vec![]),
            (InTransit, Cancelled, vec![]),
        ];
        for (from, to, expected) in table {
            assert_eq!(triggers(from, to), expected, "{from:?} → {to:?}");
        }
        let stalled = occasions(
            &changed(
                Status::InTransit,
                Status::Exception,
                Some(Substatus::Stalled),
            ),
            &shipment(),
            Duration::hours(4),
        );
        assert_eq!(stalled, [Occasion::delay(DelayReason::Stalled)]);
    }

    fn eta(day: u32, hour: u32) -> Option<DateTime<chrono::FixedOffset>> {
        Some(
            Utc.with_ymd_and_hms(2030, 12, day, hour, 0, 0)
                .unwrap()
                .fixed_offset(),
        )
    }

    fn eta_changed(
        from: Option<DateTime<chrono::FixedOffset>>,
        to: Option<DateTime<chrono::FixedOffset>>,
    ) -> Vec<Occasion> {
        let s = shipment();
        assert_eq!(s.order.promised_by.unwrap().to_string(), "2030-12-01");
        let e = DomainEvent::EtaChanged {
            shipment_id: s.id.clone(),
            merchant_id: s.merchant_id.clone(),
            from,
            to,
            at: Utc::now(),
        };
        occasions(&e, &s, Duration::hours(4))
    }

    #[test]
    fn eta_moves_matter_when_large_or_past_the_promise() {
        let past_promise = Occasion::delay(DelayReason::EtaPastPromise);
        assert_eq!(
            eta_changed(None, eta(1, 12)),
            [],
            "a first estimate says nothing"
        );
        assert_eq!(
            eta_changed(eta(1, 8), eta(1, 10)),
            [],
            "two hours: too small"
        );
        assert_eq!(
            eta_changed(eta(1, 8), eta(1, 16)),
            [Occasion::new(Trigger::EtaChanged)]
        );
        assert_eq!(eta_changed(eta(1, 8), eta(3, 8)), [past_promise]);
        assert_eq!(eta_changed(None, eta(3, 8)), [past_promise]);
        assert_eq!(
            eta_changed(eta(3, 8), eta(5, 8)),
            [Occasion::new(Trigger::EtaChanged)],
            "already late: a further move is news, not a second delay"
        );
        assert_eq!(eta_changed(eta(1, 8), None), []);
    }

    #[test]
    fn news_goes_stale_once_the_parcel_has_moved_on() {
        use Status::*;
        assert!(!Trigger::Shipped.is_superseded_by(InTransit));
        assert!(Trigger::Shipped.is_superseded_by(OutForDelivery));
        assert!(Trigger::Delay.is_superseded_by(Delivered));
        assert!(!Trigger::Delay.is_superseded_by(Exception));
        assert!(Trigger::OutForDelivery.is_superseded_by(FailedAttempt));
        assert!(!Trigger::Delivered.is_superseded_by(Delivered));
        assert!(Trigger::FeedbackRequest.is_superseded_by(ReturnToSender));
        assert!(!Trigger::ReturnToSender.is_superseded_by(ReturnToSender));
        for t in Trigger::ALL {
            assert!(t.is_superseded_by(Cancelled), "{t:?}");
        }
    }

    #[test]
    fn triggers_round_trip_through_their_names() {
        for t in Trigger::ALL {
            assert_eq!(Trigger::parse(t.as_str()), Some(t));
            assert_eq!(serde_json::to_value(t).unwrap(), t.as_str());
        }
    }
}

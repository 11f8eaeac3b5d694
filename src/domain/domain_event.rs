//! Facts about shipments that other roles react to (the notifier, webhooks); appended to
//! the shipment event stream in the same atomic step as the snapshot write.

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use super::{Applied, DelayReason, MerchantId, Shipment, ShipmentId, Status, Substatus};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DomainEvent {
    Registered {
        shipment_id: ShipmentId,
        merchant_id: MerchantId,
        at: DateTime<Utc>,
    },
    StatusChanged {
        shipment_id: ShipmentId,
        merchant_id: MerchantId,
        from: Status,
        to: Status,
        substatus: Option<Substatus>,
        at: DateTime<Utc>,
    },
    EtaChanged {
        shipment_id: ShipmentId,
        merchant_id: MerchantId,
        from: Option<DateTime<FixedOffset>>,
        to: Option<DateTime<FixedOffset>>,
        at: DateTime<Utc>,
    },
    /// The customer answered the feedback form (or changed the answer).
    FeedbackReceived {
        shipment_id: ShipmentId,
        merchant_id: MerchantId,
        rating: u8,
        /// At or below the merchant's alert threshold: worth a call.
        detractor: bool,
        at: DateTime<Utc>,
    },
    /// The learned window moved by more than a day, or past the promise.
    EstimateRevised {
        shipment_id: ShipmentId,
        merchant_id: MerchantId,
        past_promise: bool,
        at: DateTime<Utc>,
    },
    /// shipmate noticed a delay the carrier did not report (silence, a forgotten label).
    Delayed {
        shipment_id: ShipmentId,
        merchant_id: MerchantId,
        reason: DelayReason,
        at: DateTime<Utc>,
    },
}

impl DomainEvent {
    pub fn registered(s: &Shipment, at: DateTime<Utc>) -> Self {
        DomainEvent::Registered {
            shipment_id: s.id.clone(),
            merchant_id: s.merchant_id.clone(),
            at,
        }
    }

    /// The events one `apply` produced, in the order they happened.
    pub fn from_applied(s: &Shipment, applied: &Applied, at: DateTime<Utc>) -> Vec<Self> {
        let mut out = vec![];
        if let Some((from, to)) = applied.status_changed {
            out.push(DomainEvent::StatusChanged {
                shipment_id: s.id.clone(),
                merchant_id: s.merchant_id.clone(),
                from,
                to,
                substatus: s.substatus,
                at,
            });
        }
        if let Some(from) = applied.eta_changed {
            out.push(DomainEvent::EtaChanged {
                shipment_id: s.id.clone(),
                merchant_id: s.merchant_id.clone(),
                from,
                to: s.eta,
                at,
            });
        }
        // The carrier's own delay scan on a parcel still moving ("Delayed: missed
        // connection"): a delay, promise or not. One that stops it is an exception, told
        // by its status change.
        let delayed = applied.added.iter().any(|e| {
            !e.synthetic
                && e.substatus == Some(Substatus::CarrierDelay)
                && e.status != Status::Exception
        });
        if delayed && !s.status.is_terminal() {
            out.push(DomainEvent::Delayed {
                shipment_id: s.id.clone(),
                merchant_id: s.merchant_id.clone(),
                reason: DelayReason::CarrierDelay,
                at,
            });
        }
        out
    }
}

//! The shipment snapshot and the rules for applying carrier events to it.
//!
//! The status is a fold over the events in carrier-time order, so the result does not
//! depend on the order in which scans arrive: a late older scan is slotted into the
//! timeline and cannot move the status backwards; `delivered` is final except for a return.

#![warn(clippy::arithmetic_side_effects)]

use chrono::{DateTime, Duration, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use super::{
    CarrierCode, Customer, Destination, MerchantId, Order, PublicToken, ShipmentId, Status,
    Substatus, TrackingEvent, TrackingNumber,
};

mod apply;
mod attention;
mod example;
mod lifecycle;
mod lookup;

pub use apply::status_of;
pub use attention::{Attention, ListPlace, ShipmentFilter};
pub use example::example as example_shipment;
pub use lookup::{SearchKind, legacy_lookup_digest, lookup_digest, search_key};

/// Everything shipmate knows about one shipment; stored as one value with short field
/// names (`store/codec.rs`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shipment {
    pub id: ShipmentId,
    #[serde(rename = "m")]
    pub merchant_id: MerchantId,
    #[serde(rename = "tk")]
    pub token: PublicToken,
    #[serde(rename = "c")]
    pub carrier: CarrierCode,
    #[serde(rename = "n")]
    pub tracking_number: TrackingNumber,
    #[serde(rename = "o")]
    pub order: Order,
    #[serde(rename = "cu", default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<Customer>,
    #[serde(rename = "d")]
    pub destination: Destination,
    #[serde(rename = "s")]
    pub status: Status,
    #[serde(rename = "ss", default, skip_serializing_if = "Option::is_none")]
    pub substatus: Option<Substatus>,
    #[serde(rename = "eta", default, skip_serializing_if = "Option::is_none")]
    pub eta: Option<DateTime<FixedOffset>>,
    /// Oldest first, ordered by carrier time.
    #[serde(rename = "ev", default)]
    pub events: Vec<TrackingEvent>,
    #[serde(rename = "ca")]
    pub created_at: DateTime<Utc>,
    /// When shipmate last asked the carrier (whatever the answer).
    #[serde(rename = "lp", default, skip_serializing_if = "Option::is_none")]
    pub last_polled_at: Option<DateTime<Utc>>,
    /// When the carrier last answered: what "last updated" means to a customer while a
    /// carrier is down.
    #[serde(rename = "lu", default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(rename = "np", default, skip_serializing_if = "Option::is_none")]
    pub next_poll_at: Option<DateTime<Utc>>,
    /// Who signed for the delivery, as the carrier reports it (personal data).
    #[serde(rename = "sb", default, skip_serializing_if = "Option::is_none")]
    pub signed_by: Option<String>,
    /// Consecutive failed polls; drives the back-off.
    #[serde(rename = "pf", default, skip_serializing_if = "is_zero")]
    pub poll_failures: u32,
    /// Consecutive polls the poller itself failed on (a bug, caught); at
    /// [`Shipment::PARK_AFTER`] the shipment is parked: polled once a day until one works.
    #[serde(rename = "pk", default, skip_serializing_if = "is_zero")]
    pub poll_crashes: u32,
    /// When its carrier last pushed a scan: while that is recent, polling is only the
    /// backstop (`[push] live_for`, `backstop`).
    #[serde(rename = "ph", default, skip_serializing_if = "Option::is_none")]
    pub pushed_at: Option<DateTime<Utc>>,
    /// When the estimates first judged it likely to miss its promise (the `likely_late`
    /// delay, raised once).
    #[serde(rename = "ll", default, skip_serializing_if = "Option::is_none")]
    pub likely_late_at: Option<DateTime<Utc>>,
    /// The learned window as last told to the customer (see `estimate::revise`).
    #[serde(rename = "es", default, skip_serializing_if = "Option::is_none")]
    pub stated: Option<crate::domain::estimate::Stated>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// What applying new information changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    /// Events that were new (after deduplication).
    pub added: Vec<TrackingEvent>,
    /// `(from, to)` when the level-1 status changed.
    pub status_changed: Option<(Status, Status)>,
    /// The previous ETA when the carrier ETA changed.
    pub eta_changed: Option<Option<DateTime<FixedOffset>>>,
}

impl Applied {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.status_changed.is_none() && self.eta_changed.is_none()
    }
}

impl Shipment {
    /// Events kept per shipment (the newest).
    pub const MAX_EVENTS: usize = 500;

    /// Crashes in a row after which a shipment is parked.
    pub const PARK_AFTER: u32 = 3;

    /// Parked: the poller failed on it [`Shipment::PARK_AFTER`] times in a row.
    pub fn poll_failed(&self) -> bool {
        self.poll_crashes >= Self::PARK_AFTER
    }

    /// Nothing more will happen: not polled again, kept only until the retention purge.
    /// A return is finished once it is back with the sender.
    pub fn is_finished(&self) -> bool {
        match self.status {
            Status::ReturnToSender => self.substatus == Some(Substatus::ReturnedToSender),
            s => s.is_terminal(),
        }
    }

    /// When the carrier last told us something (creation time if it never did).
    pub fn last_activity(&self) -> DateTime<Utc> {
        self.events
            .iter()
            .rev()
            .find(|e| !e.synthetic)
            .map(|e| e.at.with_timezone(&Utc))
            .unwrap_or(self.created_at)
            .max(self.created_at)
    }

    /// The moment this shipment expires if nothing new is scanned.
    pub fn expires_at(&self, expire_after: Duration) -> DateTime<Utc> {
        // Past the end of the calendar: never.
        self.last_activity()
            .checked_add_signed(expire_after)
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    /// Whether the carrier's estimate is past the date the merchant promised.
    pub fn is_late(&self) -> bool {
        match (self.eta, self.order.promised_by) {
            (Some(eta), Some(promised)) => eta.date_naive() > promised,
            _ => false,
        }
    }

    /// When to poll next: the status's cadence, but never past the expiry moment, so an
    /// idle shipment is looked at exactly when it would expire. `None` once finished.
    pub fn next_poll(
        &self,
        now: DateTime<Utc>,
        cadence: Duration,
        expire_after: Duration,
    ) -> Option<DateTime<Utc>> {
        if self.is_finished() {
            return None;
        }
        let due = now
            .checked_add_signed(cadence)
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        Some(due.min(self.expires_at(expire_after).max(now)))
    }
}

#[cfg(test)]
pub(crate) mod tests;

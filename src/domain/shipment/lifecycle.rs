//! What shipmate itself adds to a shipment's timeline, as synthetic events: expiry after
//! silence, the "stalled"/"forgotten" flags, and the merchant's cancellation.

use chrono::{DateTime, Duration, Utc};

use super::{Applied, Shipment};
use crate::domain::{DelayReason, Status, Substatus, TrackingEvent};

impl Shipment {
    /// Marks the shipment `expired` when no scan arrived for `expire_after`.
    pub fn expire_if_idle(&mut self, now: DateTime<Utc>, expire_after: Duration) -> Applied {
        if self.is_finished() || now < self.expires_at(expire_after) {
            return Applied::default();
        }
        let event = synthetic(now, Status::Expired, Substatus::NoScansExpired, "expired");
        self.apply(vec![event], None)
    }

    /// Notes, once per silence, that the carrier has gone quiet: a label never scanned for
    /// `forgotten_after` ("forgotten"), or no scan for `stall_after` in the current status
    /// ("stalled"). Adds a synthetic event the page and API show; returns the delay reason.
    pub fn flag_silence(
        &mut self,
        now: DateTime<Utc>,
        stall_after: Option<Duration>,
        forgotten_after: Duration,
    ) -> Option<DelayReason> {
        if self.is_finished() {
            return None;
        }
        let last = self.events.iter().rev().find(|e| !e.synthetic)?.at;
        let flagged = self.events.iter().any(|e| {
            e.synthetic
                && e.at >= last
                && matches!(e.substatus, Some(Substatus::Stalled | Substatus::Forgotten))
        });
        if flagged {
            return None;
        }
        let quiet = now.signed_duration_since(last.with_timezone(&Utc));
        let (sub, reason) = if self.status == Status::InfoReceived {
            (quiet > forgotten_after).then_some((Substatus::Forgotten, DelayReason::Forgotten))?
        } else {
            stall_after
                .filter(|d| quiet > *d)
                .map(|_| (Substatus::Stalled, DelayReason::Stalled))?
        };
        let code = reason.as_str();
        self.apply(vec![synthetic(now, self.status, sub, code)], None);
        Some(reason)
    }

    /// Whether the merchant already stopped tracking this shipment.
    pub fn is_cancelled(&self) -> bool {
        self.events
            .iter()
            .any(|e| e.synthetic && e.status == Status::Cancelled)
    }

    /// Stops tracking at the merchant's request and erases personal data. A shipment
    /// already delivered keeps that status; the cancellation shows in its events.
    pub fn cancel(&mut self, now: DateTime<Utc>) -> Applied {
        self.erase_personal_data();
        let event = synthetic(
            now,
            Status::Cancelled,
            Substatus::CancelledByMerchant,
            "cancelled",
        );
        self.apply(vec![event], None)
    }

    /// Clears everything that identifies the customer.
    pub fn erase_personal_data(&mut self) {
        self.customer = None;
        self.signed_by = None;
        self.destination.postcode = None;
    }
}

fn synthetic(now: DateTime<Utc>, status: Status, sub: Substatus, code: &str) -> TrackingEvent {
    TrackingEvent {
        at: now.fixed_offset(),
        status,
        substatus: Some(sub),
        party: None,
        code: code.to_owned(),
        description: String::new(),
        location: None,
        synthetic: true,
    }
}

//! The shipment snapshot and the rules for applying carrier events to it.
//!
//! The status is a fold over the events in carrier-time order, so the result does not
//! depend on the order in which scans arrive: a late older scan is slotted into the
//! timeline and cannot move the status backwards; `delivered` is final except for a return.

use chrono::{DateTime, Duration, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use super::{
    CarrierCode, Customer, DelayReason, Destination, Event, MerchantId, Order, PublicToken,
    ShipmentId, Status, Substatus, TrackingNumber,
};

/// Everything shipmate knows about one shipment; stored as one compact JSON value.
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
    pub events: Vec<Event>,
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
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// What applying new information changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    /// Events that were new (after deduplication).
    pub added: Vec<Event>,
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

    /// Merges carrier events (deduplicated by fingerprint) and the carrier ETA.
    pub fn apply(&mut self, incoming: Vec<Event>, eta: Option<DateTime<FixedOffset>>) -> Applied {
        // Stored offsets keep whole minutes: a historic zone's seconds (-04:56:02) would not
        // read back, and the same scan would look new after every reload.
        let incoming: Vec<Event> = incoming
            .into_iter()
            .map(|e| Event {
                at: whole_minute_offset(e.at),
                ..e
            })
            .collect();
        let eta = eta.map(whole_minute_offset);
        let before = self.status;
        let mut applied = Applied::default();
        let mut seen: std::collections::HashSet<_> =
            self.events.iter().map(Event::fingerprint).collect();
        for event in incoming {
            if !seen.insert(event.fingerprint()) {
                continue;
            }
            applied.added.push(event.clone());
            self.events.push(event);
        }
        self.events
            .sort_by_cached_key(|e| (e.at.timestamp(), e.fingerprint()));
        // A carrier that answers thousands of scans gets its newest kept.
        if let Some(excess) = self.events.len().checked_sub(Self::MAX_EVENTS)
            && excess > 0
        {
            let dropped: std::collections::HashSet<_> = self
                .events
                .drain(..excess)
                .map(|e| e.fingerprint())
                .collect();
            // What did not make the cut is not news (the next answer repeats it).
            applied
                .added
                .retain(|e| !dropped.contains(&e.fingerprint()));
        }
        self.recompute_status();
        if before != self.status {
            applied.status_changed = Some((before, self.status));
        }
        let new_eta = if self.status.is_terminal() {
            None
        } else {
            eta.or(self.eta)
        };
        if new_eta != self.eta {
            applied.eta_changed = Some(self.eta);
            self.eta = new_eta;
        }
        applied
    }

    fn recompute_status(&mut self) {
        (self.status, self.substatus) = status_of(&self.events);
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
        self.last_activity() + expire_after
    }

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
        let quiet = now - last.with_timezone(&Utc);
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
        Some((now + cadence).min(self.expires_at(expire_after).max(now)))
    }
}

fn synthetic(now: DateTime<Utc>, status: Status, sub: Substatus, code: &str) -> Event {
    Event {
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

/// The status a set of events amounts to, whatever order they are given in: the fold of
/// `Status::accepts` over them in carrier-time order (same second: later journey stage).
pub fn status_of(events: &[Event]) -> (Status, Option<Substatus>) {
    let mut sorted: Vec<&Event> = events.iter().collect();
    sorted.sort_by_key(|e| (e.at.timestamp(), e.status.journey_rank(), e.fingerprint()));
    let (mut status, mut substatus) = (Status::Pending, None);
    for e in sorted {
        if status.accepts(e.status) {
            status = e.status;
            substatus = e.substatus;
        }
    }
    (status, substatus)
}

/// The same instant at its offset rounded to whole minutes.
fn whole_minute_offset(at: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    let secs = at.offset().local_minus_utc();
    let rounded = (f64::from(secs) / 60.0).round() as i32 * 60;
    match FixedOffset::east_opt(rounded) {
        Some(offset) if rounded != secs => at.with_timezone(&offset),
        _ => at,
    }
}

/// Digest that `/track/{shop}` looks an order up by: the shop, the order number and the
/// e-mail or postcode, normalised. Only the digest is stored, not what it is made of.
pub fn lookup_digest(merchant: &MerchantId, order_number: &str, secret: &str) -> String {
    let order = order_number.trim().trim_start_matches('#');
    legacy_lookup_digest(&format!("{merchant}/{order}"), secret)
}

/// The digest of a pair, without the shop: lookups written before they were scoped to a
/// shop (still read, filtered by merchant), and other pairs (a customer's identity).
pub fn legacy_lookup_digest(order_number: &str, secret: &str) -> String {
    use sha2::{Digest, Sha256};
    let order = order_number.trim().trim_start_matches('#').to_uppercase();
    // Lowercased as a whole, like `EmailAddress::canonical` (a final Σ becomes ς).
    let secret: String = secret
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_lowercase();
    let digest = Sha256::digest(format!("{order}\n{secret}").as_bytes());
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

impl Shipment {
    /// The lookup digests this shipment can be found by (none once personal data is erased).
    /// Who the customer is to a merchant, without keeping who they are: a digest of their
    /// e-mail address, else of their phone number.
    pub fn customer_digest(&self) -> Option<String> {
        let c = self.customer.as_ref()?;
        let identity = match (&c.email, &c.phone) {
            (Some(e), _) => e.canonical(),
            (None, Some(p)) => p.digits().to_owned(),
            (None, None) => return None,
        };
        Some(legacy_lookup_digest("customer", &identity))
    }

    /// The digests `/track/{shop}` finds this shipment by (none once personal data is erased).
    pub fn lookup_digests(&self) -> Vec<String> {
        self.lookup_secrets()
            .map(|secret| lookup_digest(&self.merchant_id, &self.order.number, &secret))
            .collect()
    }

    /// Every digest this shipment may be indexed under, older unscoped ones included (what
    /// erasure removes).
    pub fn every_lookup_digest(&self) -> Vec<String> {
        let legacy = self
            .lookup_secrets()
            .map(|secret| legacy_lookup_digest(&self.order.number, &secret));
        self.lookup_digests().into_iter().chain(legacy).collect()
    }

    fn lookup_secrets(&self) -> impl Iterator<Item = String> + '_ {
        let email = self
            .customer
            .as_ref()
            .and_then(|c| c.email.as_ref())
            .map(|e| e.canonical());
        email.into_iter().chain(self.destination.postcode.clone())
    }
}

#[cfg(test)]
#[path = "shipment_tests.rs"]
pub(crate) mod tests;

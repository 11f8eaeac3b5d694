//! Merging what a carrier answered into the snapshot: new events deduplicated and slotted
//! into carrier-time order, the status folded from them again, the carrier ETA.

use chrono::{DateTime, FixedOffset, Timelike};

use super::{Applied, Shipment};
use crate::domain::{Status, Substatus, TrackingEvent};

impl Shipment {
    /// Merges carrier events (deduplicated by fingerprint) and the carrier ETA.
    pub fn apply(
        &mut self,
        incoming: Vec<TrackingEvent>,
        eta: Option<DateTime<FixedOffset>>,
    ) -> Applied {
        // Stored offsets keep whole minutes: a historic zone's seconds (-04:56:02) would not
        // read back, and the same scan would look new after every reload.
        let incoming: Vec<TrackingEvent> = incoming
            .into_iter()
            .map(|e| TrackingEvent {
                at: storable(e.at),
                ..e
            })
            .collect();
        let eta = eta.map(storable);
        let before = self.status;
        let mut applied = Applied::default();
        let mut seen: std::collections::HashSet<_> =
            self.events.iter().map(TrackingEvent::fingerprint).collect();
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
}

/// The status a set of events amounts to, whatever order they are given in: the fold of
/// `Status::accepts` over them in carrier-time order (same second: later journey stage).
pub fn status_of(events: &[TrackingEvent]) -> (Status, Option<Substatus>) {
    let mut sorted: Vec<&TrackingEvent> = events.iter().collect();
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

/// A carrier's time as a snapshot can hold it and read it back unchanged: the offset
/// rounded to whole minutes (historic zones have seconds) and a leap second (`:60`, which
/// carriers send at any minute) folded into the second before it.
fn storable(at: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    let at = at
        .with_nanosecond(at.nanosecond() % 1_000_000_000)
        .unwrap_or(at);
    let secs = at.offset().local_minus_utc();
    let rounded = ((f64::from(secs) / 60.0).round() as i32).saturating_mul(60);
    match FixedOffset::east_opt(rounded) {
        Some(offset) if rounded != secs => at.with_timezone(&offset),
        _ => at,
    }
}

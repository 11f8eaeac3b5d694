//! Scans a carrier pushed: applied to the shipments tracked under its number through the
//! same rules as a polled answer (ordered by carrier time, deduplicated, never backwards),
//! under a claim, so a poll and a push never write one snapshot at once. The shipment is
//! then polled only as a backstop while pushes keep coming (`[push]`).

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::Poller;
use super::settle::SaveOutcome;
use crate::carriers::Tracking;
use crate::domain::{ShipmentId, clock};

/// What a push came to.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pushed {
    pub applied: usize,
    /// Held by a poller right now: push again (the carrier retries).
    pub busy: usize,
}

impl Poller {
    /// Applies `tracking` to each of `ids` that is still tracked.
    pub async fn apply_pushed(
        &self,
        ids: &[ShipmentId],
        tracking: &Tracking,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Pushed> {
        let lease_until = clock::after(now, self.config.poller.lease);
        let mut pushed = Pushed::default();
        for id in ids {
            // Finished (delivered long ago, cancelled, expired): nothing to apply to.
            if self
                .store
                .shipment(id)
                .await?
                .is_none_or(|s| s.next_poll_at.is_none())
            {
                continue;
            }
            let shard = self.store.keys().shard_of(id);
            let claimed = self
                .store
                .claim_ids(shard, std::slice::from_ref(id), lease_until);
            let Some(claim) = claimed.await?.pop() else {
                pushed.busy = pushed.busy.saturating_add(1);
                continue;
            };
            let Some(mut s) = self.store.shipment(id).await? else {
                self.store.drop_claimed(&claim).await?;
                continue;
            };
            s.pushed_at = Some(now);
            // A push older than what the shipment already has (FedEx sends out of order)
            // adds its scans but not its ETA.
            let mut tracking = tracking.clone();
            let newest =
                |events: &[crate::domain::TrackingEvent]| events.iter().map(|e| e.at).max();
            if newest(&tracking.events) < newest(&s.events) {
                tracking.eta = None;
            }
            let cadence = match self.accounts.resolve(&s.carrier, &s.merchant_id).await {
                Ok(account) => account.cadence,
                Err(_) => Arc::default(),
            };
            let result = Some(Ok(tracking));
            match self.settle(&claim, s, result, &cadence, now).await? {
                SaveOutcome::Saved { .. } => pushed.applied = pushed.applied.saturating_add(1),
                SaveOutcome::Lost => pushed.busy = pushed.busy.saturating_add(1),
            }
        }
        Ok(pushed)
    }
}

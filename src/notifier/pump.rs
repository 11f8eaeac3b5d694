//! Delivery as a pipeline, fair between tenants. Due notifications are claimed as slots
//! free up and sent as independent sequences — one per recipient (a shipment's customer on
//! one channel, or one webhook endpoint), each in order — so a slow endpoint holds up only
//! its own sequence, never the next claim. A process keeps at most `per_endpoint` sends in
//! flight to one webhook endpoint and `per_merchant` for one merchant; more wait a moment
//! in the queue instead of taking a slot. A message whose claim is older than half its
//! lease is put back rather than sent, so it can never go out after another notifier has
//! taken it over.

#![warn(clippy::arithmetic_side_effects)]

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use tokio_util::sync::CancellationToken;

use super::{Notifier, Settled};
use crate::domain::{Channel, Notification, clock};
use crate::store::Shard;
use crate::supervise::guarded;

/// When to try again a notification the notifier failed on, without a retry schedule.
const CRASH_RETRY: Duration = Duration::from_secs(300);

/// How long a notification held back by a tenant's limit waits before it is tried again.
pub(super) const HELD_BACK: Duration = Duration::from_secs(1);

/// One recipient's messages, in the order they are due.
pub(super) type Sequence = Vec<Notification>;

/// Splits claimed notifications into sequences: one per shipment and recipient.
pub(super) fn sequences(claimed: Vec<Notification>) -> Vec<Sequence> {
    let mut out: Vec<Sequence> = vec![];
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    for n in claimed {
        let recipient = match (&n.channel, &n.target) {
            (Channel::Webhook, Some(endpoint)) => endpoint.clone(),
            (channel, _) => channel.as_str().to_owned(),
        };
        let key = (n.shipment_id.to_string(), recipient);
        match index.get(&key) {
            Some(&i) => out[i].push(n),
            None => {
                index.insert(key, out.len());
                out.push(vec![n]);
            }
        }
    }
    out
}

/// Sends in flight per webhook endpoint and per merchant, in this process.
#[derive(Default)]
pub(super) struct Slots {
    busy: Mutex<HashMap<String, usize>>,
}

/// Held while a notification is being delivered; frees its slots when dropped.
pub(super) struct Slot<'a> {
    slots: &'a Slots,
    keys: Vec<String>,
}

impl Slots {
    /// Takes a slot for `n`'s merchant (and webhook endpoint), if both have one free.
    pub(super) fn take(
        &self,
        n: &Notification,
        per_merchant: usize,
        per_endpoint: usize,
    ) -> Option<Slot<'_>> {
        let mut wanted = vec![(format!("m:{}", n.merchant_id), per_merchant.max(1))];
        if let (Channel::Webhook, Some(endpoint)) = (n.channel, &n.target) {
            wanted.push((format!("e:{endpoint}"), per_endpoint.max(1)));
        }
        let mut busy = self.busy.lock().ok()?;
        if wanted
            .iter()
            .any(|(k, most)| busy.get(k).is_some_and(|n| n >= most))
        {
            return None;
        }
        for (k, _) in &wanted {
            let n = busy.entry(k.clone()).or_default();
            *n = n.saturating_add(1);
        }
        Some(Slot {
            slots: self,
            keys: wanted.into_iter().map(|(k, _)| k).collect(),
        })
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        if let Ok(mut busy) = self.slots.busy.lock() {
            for k in &self.keys {
                if let Some(n) = busy.get_mut(k) {
                    *n = n.saturating_sub(1);
                    if *n == 0 {
                        busy.remove(k);
                    }
                }
            }
        }
    }
}

impl Notifier {
    /// Delivers one sequence in order. Once one message is held back (a tenant's limit, or
    /// its claim is too old to send safely), the rest wait too, so order is kept.
    pub(super) async fn deliver_sequence(
        &self,
        sequence: Sequence,
        now: DateTime<Utc>,
        claimed_at: Instant,
    ) -> anyhow::Result<Vec<Settled>> {
        let cfg = &self.config.notifier;
        let mut done = Vec::with_capacity(sequence.len());
        let mut held = false;
        for n in sequence {
            let stale = claimed_at.elapsed() > cfg.lease.checked_div(2).unwrap_or_default();
            let slot = (!held && !stale)
                .then(|| self.slots.take(&n, cfg.per_merchant, cfg.per_endpoint))
                .flatten();
            let Some(_slot) = slot else {
                held = true;
                done.push(self.hold_back(n, now).await?);
                continue;
            };
            done.push(self.deliver_guarded(n, now).await?);
        }
        Ok(done)
    }

    /// Claims up to `want` due notifications, the shards in turn.
    pub(super) async fn claim_due(
        &self,
        now: DateTime<Utc>,
        want: usize,
    ) -> anyhow::Result<Vec<Notification>> {
        let lease_until = clock::after(now, self.config.notifier.lease);
        let shards = self.store.keys().shards();
        let mut claimed = vec![];
        for _ in 0..shards {
            let turn = self.next_shard.fetch_add(1, Ordering::Relaxed);
            let shard: Shard = turn.checked_rem(shards).unwrap_or(0);
            let more = want.saturating_sub(claimed.len());
            claimed.extend(
                self.store
                    .claim_notifications(shard, now, lease_until, more)
                    .await?,
            );
            if claimed.len() >= want {
                break;
            }
        }
        Ok(claimed)
    }

    /// Delivers one notification, catching a panic (parked after `PARK_AFTER`).
    pub(super) async fn deliver_guarded(
        &self,
        n: Notification,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Settled> {
        let id = n.id.clone();
        match guarded("notifier", &id, self.deliver(n, now)).await {
            Ok(settled) => settled,
            Err(_) => self.crashed(&id, now).await,
        }
    }

    /// After the notifier failed on a notification (a bug, caught): tried again after a
    /// while; a dead letter after `PARK_AFTER` times, so no replica keeps tripping on it.
    async fn crashed(&self, id: &str, now: DateTime<Utc>) -> anyhow::Result<Settled> {
        let Some(mut n) = self.store.notification(id).await? else {
            return Ok(Settled::Skipped);
        };
        n.crashes = n.crashes.saturating_add(1);
        if n.crashes >= Notification::PARK_AFTER {
            return self
                .settle(
                    n,
                    Settled::Dead,
                    "parked: the notifier failed on it (a bug)",
                )
                .await;
        }
        let retry = &self.config.notifier.retry;
        let wait = retry.get(n.crashes as usize).or(retry.last());
        n.next_at = clock::after(now, wait.copied().unwrap_or(CRASH_RETRY));
        self.store.update_queued_notification(&n).await?;
        Ok(Settled::Retry)
    }

    /// Puts a claimed notification back in the queue, due again in a moment.
    async fn hold_back(&self, mut n: Notification, now: DateTime<Utc>) -> anyhow::Result<Settled> {
        n.next_at = crate::domain::clock::after(now.max(Utc::now()), HELD_BACK);
        self.store.update_queued_notification(&n).await?;
        Ok(Settled::Deferred)
    }

    /// Runs delivery until cancelled: up to `concurrency` sequences in flight, claiming
    /// more as soon as one finishes; in-flight sequences finish on shutdown.
    pub(super) async fn pump(self: Arc<Self>, cancel: &CancellationToken) {
        let cfg = &self.config.notifier;
        let most = cfg.concurrency.max(1);
        let mut in_flight = tokio::task::JoinSet::new();
        while !cancel.is_cancelled() {
            let free = most.saturating_sub(in_flight.len()).min(cfg.batch.max(1));
            let mut claimed_any = false;
            if free > 0 {
                let now = Utc::now();
                match self.claim_due(now, free).await {
                    Ok(claimed) => {
                        claimed_any = !claimed.is_empty();
                        let at = Instant::now();
                        for sequence in sequences(claimed) {
                            let me = self.clone();
                            in_flight.spawn(async move {
                                let id = sequence.first().map(|n| n.id.clone()).unwrap_or_default();
                                if let Err(e) = me.deliver_sequence(sequence, now, at).await {
                                    tracing::warn!(notification_id = %id, error = format!("{e:#}"), "delivery failed");
                                }
                            });
                        }
                    }
                    Err(e) => {
                        tracing::warn!(error = format!("{e:#}"), "cannot claim due notifications")
                    }
                }
            }
            if claimed_any && in_flight.len() < most {
                continue;
            }
            tokio::select! {
                () = cancel.cancelled() => {}
                Some(_) = in_flight.join_next(), if !in_flight.is_empty() => {}
                () = tokio::time::sleep(cfg.interval) => {}
            }
        }
        while in_flight.join_next().await.is_some() {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(shipment: &str, channel: Channel, target: Option<&str>) -> Notification {
        let mut n: Notification = serde_json::from_value(serde_json::json!({
            "id": format!("ntf_{shipment}_{}", target.unwrap_or("c")),
            "shipment_id": "shp_000000000000000000000000",
            "merchant_id": "mer_000000000000000000000000",
            "trigger": "delivered",
            "channel": channel.as_str(),
            "occurrence": "1-0",
            "status": "queued",
            "attempts": 0,
            "created_at": "2026-11-29T10:00:00Z",
            "next_at": "2026-11-29T10:00:00Z",
        }))
        .unwrap();
        n.shipment_id = crate::domain::ShipmentId::from_random([shipment.as_bytes()[0]; 12]);
        n.target = target.map(str::to_owned);
        n
    }

    #[test]
    fn each_recipient_is_its_own_sequence_and_tenants_share_slots() {
        let seqs = sequences(vec![
            n("a", Channel::Webhook, Some("wh_1")),
            n("a", Channel::Webhook, Some("wh_2")),
            n("a", Channel::Email, None),
            n("a", Channel::Webhook, Some("wh_1")),
            n("b", Channel::Email, None),
        ]);
        let lens: Vec<usize> = seqs.iter().map(Vec::len).collect();
        assert_eq!(lens, [2, 1, 1, 1]);

        let slots = Slots::default();
        let hook = n("a", Channel::Webhook, Some("wh_1"));
        let first = slots.take(&hook, 3, 2);
        let second = slots.take(&hook, 3, 2);
        assert!(first.is_some() && second.is_some());
        assert!(slots.take(&hook, 3, 2).is_none(), "the endpoint is busy");
        let mail = n("a", Channel::Email, None);
        let third = slots.take(&mail, 3, 2);
        assert!(third.is_some());
        assert!(slots.take(&mail, 3, 2).is_none(), "the merchant is busy");
        drop(first);
        assert!(
            slots.take(&mail, 3, 2).is_some(),
            "a finished send frees its slot"
        );
    }
}

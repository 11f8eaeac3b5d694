//! Delivery, as gather → decide → act: the facts about a claimed message are read in one
//! go (`Store::gather`), the pure policy (`policy.rs`) decides, and this file acts — sends
//! (with the other parcels of its order), defers, skips (handing the message to the next
//! channel when this one cannot reach the customer), retries, or gives up.

use chrono::{DateTime, Duration, Utc};
use futures_util::StreamExt;
use tracing::warn;

use super::channels::{Outgoing, SendError};
use super::policy::{self, Decision, Facts, Policy};
use super::{DeliverOutcome, Notifier, Settled, pump};
use crate::domain::retry::{self, Jitter, Steps};
use crate::domain::{Delivery, Merchant, Notification, NotificationSettings, Shipment, clock};
use crate::store::Gathered;

/// How long an order group's lock is held at most while its message goes out.
const GROUP_LOCK_MS: u64 = 30_000;

impl Notifier {
    /// Claims due notifications and sends them, each recipient's in order (tests call this;
    /// the running notifier pumps instead, see `pump.rs`).
    pub async fn deliver_once(&self, now: DateTime<Utc>) -> anyhow::Result<DeliverOutcome> {
        let cfg = &self.config.notifier;
        let claimed = self.claim_due(now, cfg.batch).await?;
        let claimed_at = std::time::Instant::now();
        let mut outcome = DeliverOutcome {
            claimed: claimed.len(),
            ..DeliverOutcome::default()
        };
        let results: Vec<anyhow::Result<Vec<Settled>>> = futures_util::stream::iter(
            pump::sequences(claimed)
                .into_iter()
                .map(|seq| self.deliver_sequence(seq, now, claimed_at)),
        )
        .buffer_unordered(cfg.concurrency.max(1))
        .collect()
        .await;
        for settled in results.into_iter().collect::<anyhow::Result<Vec<_>>>()? {
            settled.into_iter().for_each(|s| outcome.count(s));
        }
        Ok(outcome)
    }

    /// The platform's side of the delivery rules.
    fn policy(&self) -> Policy {
        Policy {
            daily_cap: self.config.notifier.daily_cap,
            quiet_hours: self.config.notifier.quiet_hours,
        }
    }

    pub(super) async fn deliver(
        &self,
        claimed: Notification,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Settled> {
        let since = now.checked_sub_signed(Duration::days(1)).unwrap_or(now);
        // Read again: it may have gone out with another parcel of its order meanwhile.
        let Some(g) = self.store.gather(&claimed, since).await? else {
            return Ok(Settled::Skipped);
        };
        let mut n = g.notification.clone();
        if n.status != Delivery::Queued {
            self.store.update_queued_notification(&n).await?;
            return Ok(Settled::Skipped);
        }
        let reachable = g.shipment.as_ref().is_some_and(|s| {
            self.transports
                .get(&n.channel)
                .is_some_and(|t| t.reaches(s))
        });
        let facts = Facts {
            shipment: g.shipment.as_ref(),
            merchant: g.merchant.as_deref(),
            answered: g.answered,
            opt_outs: &g.opt_outs,
            sent_today: &g.sent_since,
            settings: &g.settings,
            reachable,
        };
        match policy::decide(&n, &facts, &self.policy(), now) {
            Decision::Skip(skip) => {
                if let Some(s) = g.shipment.as_ref().filter(|_| skip.falls_back()) {
                    self.fall_back(&n, s, &g.settings, now).await?;
                }
                self.settle(n, Settled::Skipped, &skip.why()).await
            }
            Decision::Defer(until, _) => {
                n.next_at = until;
                self.store.update_queued_notification(&n).await?;
                Ok(Settled::Deferred)
            }
            Decision::Send => self.send_with_order(n, &g, now).await,
        }
    }

    /// Sends the message, with the other parcels of its order when there are some (under
    /// the group's lock, so two notifiers never both send the order's message).
    async fn send_with_order(
        &self,
        mut n: Notification,
        g: &Gathered,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Settled> {
        let (Some(s), Some(merchant)) = (g.shipment.as_ref(), g.merchant.as_deref()) else {
            return self
                .settle(n, Settled::Skipped, "shipment or merchant erased")
                .await;
        };
        let Some(group) = n.group.clone().filter(|_| !g.group_others.is_empty()) else {
            return self.send(n, (s, merchant, &g.settings), &[], now).await;
        };
        let owner = format!("{}:{}", self.consumer, n.id);
        if !self
            .store
            .lock_group(&n.merchant_id, &group, &owner, GROUP_LOCK_MS)
            .await?
        {
            n.next_at = clock::after(now, std::time::Duration::from_secs(2));
            self.store.update_queued_notification(&n).await?;
            return Ok(Settled::Deferred);
        }
        let sent = match self.siblings(&n, &group, &g.group_others, now).await {
            Ok(siblings) => {
                self.send(n, (s, merchant, &g.settings), &siblings, now)
                    .await
            }
            Err(e) => Err(e),
        };
        self.store
            .unlock_group(&s.merchant_id, &group, &owner)
            .await?;
        sent
    }

    /// The other parcels of the order with the same news on the same channel, due now.
    async fn siblings(
        &self,
        n: &Notification,
        group: &str,
        others: &[String],
        now: DateTime<Utc>,
    ) -> anyhow::Result<Vec<(Notification, Shipment)>> {
        let soon = clock::after(now, std::time::Duration::from_secs(5));
        let mut out = vec![];
        for id in others {
            let Some(m) = self.store.notification(id).await? else {
                self.store.group_remove(&n.merchant_id, group, id).await?;
                continue;
            };
            // Due now (or held back a moment by this very group's lock).
            if m.status != Delivery::Queued || m.next_at > soon {
                continue;
            }
            if let Some(ms) = self.store.shipment(&m.shipment_id).await?
                && !m.occasion.trigger.is_superseded_by(ms.status)
            {
                out.push((m, ms));
            }
        }
        Ok(out)
    }

    /// Composes and sends one message (covering `siblings` too) and records the outcome.
    async fn send(
        &self,
        mut n: Notification,
        (s, merchant, settings): (&Shipment, &Merchant, &NotificationSettings),
        siblings: &[(Notification, Shipment)],
        now: DateTime<Utc>,
    ) -> anyhow::Result<Settled> {
        let message = match self.compose(&n, (s, merchant, settings), siblings).await {
            Ok(m) => m,
            Err(e) => {
                let why = format!("the message could not be composed: {e:#}");
                return self.settle(n, Settled::Dead, &why).await;
            }
        };
        let Some(transport) = self.transports.get(&n.channel) else {
            return self.settle(n, Settled::Skipped, "channel gone").await;
        };
        n.attempts = n.attempts.saturating_add(1);
        let out = Outgoing {
            notification: &n,
            shipment: s,
            merchant,
            message: &message,
        };
        match transport.send(&out).await.map_err(SendError::scrubbed) {
            Ok(()) => {
                n.sent_at = Some(now);
                self.record_sent(n, siblings, now).await
            }
            Err(SendError::Transient {
                message,
                retry_after,
            }) => {
                let steps = Steps::List(&self.config.notifier.retry);
                let unit = crate::entropy::unit();
                match retry::delay(steps, Jitter::Narrow, n.attempts, unit, retry_after) {
                    Some(wait) => {
                        n.next_at = clock::after(now, wait);
                        warn!(notification_id = %n.id, channel = n.channel.as_str(), attempts = n.attempts, error = %message, "send failed; will retry");
                        n.last_error = Some(message);
                        self.store.update_queued_notification(&n).await?;
                        Ok(Settled::Retry)
                    }
                    None => {
                        self.fall_back(&n, s, settings, now).await?;
                        let why = format!("out of retries: {message}");
                        self.settle(n, Settled::Dead, &why).await
                    }
                }
            }
            Err(SendError::Permanent(message)) => {
                self.fall_back(&n, s, settings, now).await?;
                self.settle(n, Settled::Dead, &message).await
            }
        }
    }
}

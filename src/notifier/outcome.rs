//! Recording what became of a message: sent (with the parcels of its order it spoke for),
//! skipped, dead — handed to the next channel when this one failed for good — or queued
//! again; and the counts of a delivery round.

use chrono::{DateTime, Utc};
use tracing::{info, warn};

use super::Notifier;
use crate::domain::{Channel, Delivery, Notification, NotificationSettings, Shipment};

/// What one `deliver_once` did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DeliverOutcome {
    pub claimed: usize,
    pub sent: usize,
    pub retried: usize,
    pub deferred: usize,
    pub dead: usize,
    pub skipped: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Settled {
    Sent,
    Retry,
    Deferred,
    Dead,
    Skipped,
}

impl Settled {
    /// The `outcome` label of the notifications metric.
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Settled::Sent => "sent",
            Settled::Retry => "retry",
            Settled::Deferred => "deferred",
            Settled::Dead => "dead",
            Settled::Skipped => "skipped",
        }
    }
}

impl DeliverOutcome {
    pub(super) fn count(&mut self, s: Settled) {
        let n = match s {
            Settled::Sent => &mut self.sent,
            Settled::Retry => &mut self.retried,
            Settled::Deferred => &mut self.deferred,
            Settled::Dead => &mut self.dead,
            Settled::Skipped => &mut self.skipped,
        };
        *n = n.saturating_add(1);
    }
}

impl Notifier {
    /// Records a sent message, and the parcels of its order it went out with, as sent. The
    /// message is out: recording it outlasts a short Redis outage (a restart), or it would
    /// go again once its lease runs out.
    pub(super) async fn record_sent(
        &self,
        n: Notification,
        siblings: &[(Notification, Shipment)],
        now: DateTime<Utc>,
    ) -> anyhow::Result<Settled> {
        let give_up = std::time::Instant::now()
            .checked_add(self.config.notifier.lease / 2)
            .unwrap_or_else(std::time::Instant::now);
        loop {
            match self.try_record_sent(n.clone(), siblings, now).await {
                Err(e) if std::time::Instant::now() < give_up => {
                    warn!(notification_id = %n.id, error = format!("{e:#}"), "cannot record a sent message yet; trying again");
                    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                }
                done => return done,
            }
        }
    }

    async fn try_record_sent(
        &self,
        n: Notification,
        siblings: &[(Notification, Shipment)],
        now: DateTime<Utc>,
    ) -> anyhow::Result<Settled> {
        for (m, _) in siblings {
            let mut m = m.clone();
            m.status = Delivery::Sent;
            m.sent_at = Some(now);
            m.grouped_into = Some(n.id.clone());
            self.store.update_queued_notification(&m).await?;
            crate::metrics::NOTIFICATIONS
                .inc(&[("channel", m.channel.as_str()), ("outcome", "grouped")]);
            if let Some(g) = &m.group {
                self.store.group_remove(&m.merchant_id, g, &m.id).await?;
            }
        }
        info!(notification_id = %n.id, shipment_id = %n.shipment_id, channel = n.channel.as_str(), trigger = n.occasion.trigger.as_str(), "notification sent");
        self.settle(n, Settled::Sent, "").await
    }

    /// Queues the same message on the next channel that reaches the customer, if any.
    pub(super) async fn fall_back(
        &self,
        n: &Notification,
        s: &Shipment,
        settings: &NotificationSettings,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        if n.channel == Channel::Webhook {
            return Ok(());
        }
        if let Some(next) = self.first_channel(s, Some(n.channel), n.occasion.trigger, settings) {
            let next = self.notification(s, n.occasion, &n.occurrence, Some(next), now, now);
            self.queue(&next).await?;
        }
        Ok(())
    }

    /// Saves a notification's final (or next) state, leaving its order group when done.
    pub(super) async fn settle(
        &self,
        mut n: Notification,
        how: Settled,
        why: &str,
    ) -> anyhow::Result<Settled> {
        n.status = match how {
            Settled::Sent => Delivery::Sent,
            Settled::Dead => Delivery::Dead,
            Settled::Skipped => Delivery::Skipped,
            Settled::Retry | Settled::Deferred => Delivery::Queued,
        };
        if !why.is_empty() {
            if how == Settled::Dead {
                warn!(notification_id = %n.id, channel = n.channel.as_str(), error = why, "notification dead");
            }
            n.last_error = Some(why.to_owned());
        }
        let leave = n.group.as_deref().filter(|_| n.status != Delivery::Queued);
        let left = async {
            match leave {
                Some(g) => self.store.group_remove(&n.merchant_id, g, &n.id).await,
                None => Ok(()),
            }
        };
        tokio::try_join!(left, self.store.update_queued_notification(&n))?;
        if how == Settled::Sent {
            // A figure for the overview: not worth sending the message again for.
            let at = n.sent_at.unwrap_or_else(Utc::now);
            let counted = self
                .store
                .count_sent(&n.merchant_id, n.channel.as_str(), at);
            if let Err(e) = counted.await {
                warn!(notification_id = %n.id, error = %e, "sent message not counted");
            }
        }
        if matches!(how, Settled::Sent | Settled::Dead) {
            let count = crate::domain::analytics::message(n.channel.as_str(), how == Settled::Sent);
            let at = n.sent_at.unwrap_or_else(Utc::now);
            if let Err(e) = self.store.count_message(&n.merchant_id, at, &count).await {
                warn!(notification_id = %n.id, error = %e, "message not counted in the analytics");
            }
        }
        crate::metrics::NOTIFICATIONS
            .inc(&[("channel", n.channel.as_str()), ("outcome", how.as_str())]);
        Ok(how)
    }
}

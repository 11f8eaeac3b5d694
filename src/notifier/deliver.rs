//! Delivery: due notifications claimed shard by shard, checked (opt-outs, stale news, the
//! daily cap, quiet hours), gathered with the other parcels of their order, sent, and
//! recorded — retried, deferred, dead, or handed to the next channel.

use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use tracing::{info, warn};

use super::channels::{Outgoing, SendError};
use super::{DeliverOutcome, Notifier, Settled, pump, recipient_zone, render};
use crate::domain::{
    Channel, Delivery, Notification, NotificationSettings, Shipment, Trigger, clock, quiet_until,
};

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
        for status in results
            .into_iter()
            .collect::<anyhow::Result<Vec<_>>>()?
            .into_iter()
            .flatten()
        {
            match status {
                Settled::Sent => outcome.sent += 1,
                Settled::Retry => outcome.retried += 1,
                Settled::Deferred => outcome.deferred += 1,
                Settled::Dead => outcome.dead += 1,
                Settled::Skipped => outcome.skipped += 1,
            }
        }
        Ok(outcome)
    }

    pub(super) async fn deliver(
        &self,
        n: Notification,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Settled> {
        // Read again: it may have gone out with another parcel of its order meanwhile.
        let Some(mut n) = self.store.notification(&n.id).await? else {
            return Ok(Settled::Skipped);
        };
        if n.status != Delivery::Queued {
            self.store.update_queued_notification(&n).await?;
            return Ok(Settled::Skipped);
        }
        let shipment = self.store.shipment(&n.shipment_id).await?;
        let merchant = self.store.merchant(&n.merchant_id).await?;
        let (Some(s), Some(merchant)) = (shipment, merchant) else {
            return self
                .settle(n, Settled::Skipped, "shipment or merchant erased")
                .await;
        };
        if n.occasion.trigger == Trigger::FeedbackRequest
            && self.store.feedback(&s.id).await?.is_some()
        {
            return self
                .settle(n, Settled::Skipped, "the customer already answered")
                .await;
        }
        if n.channel != Channel::Webhook && n.occasion.trigger.is_superseded_by(s.status) {
            let why = format!("superseded: the parcel is now {}", s.status.as_str());
            return self.settle(n, Settled::Skipped, &why).await;
        }
        if !self
            .transports
            .get(&n.channel)
            .is_some_and(|t| t.reaches(&s))
        {
            self.fall_back(&n, &s, now).await?;
            return self
                .settle(
                    n,
                    Settled::Skipped,
                    "this channel cannot reach the customer",
                )
                .await;
        }
        let customer = s.customer_digest();
        if n.channel != Channel::Webhook
            && let Some(who) = &customer
        {
            let out = self.store.opt_outs(&s.merchant_id, who).await?;
            // The outbox stands in for e-mail (the demo's), so it obeys e-mail's opt-out.
            let also = (n.channel == Channel::Outbox).then_some("email");
            if out
                .iter()
                .any(|o| o == "all" || o == n.channel.as_str() || Some(o.as_str()) == also)
            {
                return self
                    .settle(n, Settled::Skipped, "the customer unsubscribed")
                    .await;
            }
        }
        let settings = self.store.notification_settings(&s.merchant_id).await?;
        if n.channel != Channel::Webhook && n.occasion.trigger.is_capped() {
            let cap = settings.daily_cap.unwrap_or(self.config.notifier.daily_cap) as usize;
            let day = chrono::Duration::days(1);
            let sent_today: Vec<Notification> = self
                .store
                .shipment_notifications(&s.id)
                .await?
                .into_iter()
                .filter(|m| m.status == Delivery::Sent && m.channel != Channel::Webhook)
                .filter(|m| m.sent_at.is_some_and(|t| t > now - day))
                .collect();
            // One "running late" a day is news; a second, for another reason, is noise.
            if n.occasion.trigger == Trigger::Delay
                && sent_today
                    .iter()
                    .any(|m| m.occasion.trigger == Trigger::Delay)
            {
                return self
                    .settle(
                        n,
                        Settled::Skipped,
                        "the customer heard about the delay today",
                    )
                    .await;
            }
            let mut recent: Vec<DateTime<Utc>> =
                sent_today.iter().filter_map(|m| m.sent_at).collect();
            if cap > 0 && recent.len() >= cap {
                recent.sort();
                n.next_at = recent[recent.len() - cap] + day;
                self.store.update_queued_notification(&n).await?;
                return Ok(Settled::Deferred);
            }
        }
        if n.channel.has_quiet_hours() && !n.occasion.trigger.is_urgent() {
            let zone = recipient_zone(&s, merchant.timezone);
            if let Some(window) = self.config.notifier.quiet_hours
                && let Some(until) = quiet_until(now, zone, window)
            {
                n.next_at = until;
                self.store.update_queued_notification(&n).await?;
                return Ok(Settled::Deferred);
            }
        }
        let Some(group) = n.group.clone() else {
            return self.send(n, &s, &merchant, &settings, &[], now).await;
        };
        // Alone in its group (the usual case): no lock needed.
        let members = self.store.group_members(&n.merchant_id, &group).await?;
        if members.iter().all(|m| *m == n.id) {
            return self.send(n, &s, &merchant, &settings, &[], now).await;
        }
        if !self
            .store
            .lock_group(&n.merchant_id, &group, 30_000)
            .await?
        {
            n.next_at = now + chrono::Duration::seconds(2);
            self.store.update_queued_notification(&n).await?;
            return Ok(Settled::Deferred);
        }
        let siblings = self.siblings(&n, &group, now).await;
        let sent = match siblings {
            Ok(siblings) => self.send(n, &s, &merchant, &settings, &siblings, now).await,
            Err(e) => Err(e),
        };
        self.store.unlock_group(&s.merchant_id, &group).await?;
        sent
    }

    /// The other parcels of the order with the same news on the same channel, due now.
    async fn siblings(
        &self,
        n: &Notification,
        group: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Vec<(Notification, Shipment)>> {
        let mut out = vec![];
        for id in self.store.group_members(&n.merchant_id, group).await? {
            if id == n.id {
                continue;
            }
            let Some(m) = self.store.notification(&id).await? else {
                self.store.group_remove(&n.merchant_id, group, &id).await?;
                continue;
            };
            // Due now (or held back a moment by this very group's lock).
            if m.status != Delivery::Queued || m.next_at > now + chrono::Duration::seconds(5) {
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

    /// Renders and sends one message (covering `siblings` too) and records the outcome.
    async fn send(
        &self,
        mut n: Notification,
        s: &Shipment,
        merchant: &crate::domain::Merchant,
        settings: &NotificationSettings,
        siblings: &[(Notification, Shipment)],
        now: DateTime<Utc>,
    ) -> anyhow::Result<Settled> {
        let customer = s.customer_digest();
        let carrier_name = self
            .carriers
            .get(&s.carrier)
            .map(|c| c.display_name().to_owned())
            .unwrap_or_else(|| s.carrier.to_string());
        // Counted when it matters: the "shipped" message greets first-time customers.
        let previous_orders = match customer
            .as_ref()
            .filter(|_| n.occasion.trigger == Trigger::Shipped)
        {
            Some(who) => {
                self.store
                    .note_customer_order(&s.merchant_id, who, &s.id)
                    .await?
            }
            None => 0,
        };
        let public = self.config.http.public_url.trim_end_matches('/');
        let cx = render::Context {
            merchant,
            carrier_name: &carrier_name,
            public_url: &self.config.http.public_url,
            previous_orders,
            unsubscribe_url: (n.channel != Channel::Webhook)
                .then(|| format!("{public}/u/{}", s.token.as_str())),
            also_like: &settings.also_like,
            others: siblings
                .iter()
                .map(|(_, o)| {
                    (
                        o.tracking_number.to_string(),
                        format!("{public}/t/{}", o.token.as_str()),
                    )
                })
                .collect(),
            source: match n.channel {
                Channel::Sms => "sms",
                Channel::Whatsapp => "whatsapp",
                _ => "email",
            },
        };
        let lang = render::lang_for(s, merchant);
        let message = render::render(s, &n.occasion, &lang, &cx);
        let Some(transport) = self.transports.get(&n.channel) else {
            return self.settle(n, Settled::Skipped, "channel gone").await;
        };
        n.attempts = n.attempts.saturating_add(1);
        let sent = transport
            .send(&Outgoing {
                notification: &n,
                shipment: s,
                merchant,
                message: &message,
            })
            .await
            .map_err(SendError::scrubbed);
        match sent {
            Ok(()) => {
                n.sent_at = Some(now);
                // The message is out: record it even across a short Redis outage (a
                // restart), or it would go again once its lease runs out.
                let give_up = std::time::Instant::now() + self.config.notifier.lease / 2;
                loop {
                    match self.record_sent(n.clone(), siblings, now).await {
                        Err(e) if std::time::Instant::now() < give_up => {
                            warn!(notification_id = %n.id, error = format!("{e:#}"), "cannot record a sent message yet; trying again");
                            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                        }
                        done => return done,
                    }
                }
            }
            Err(SendError::Transient {
                message,
                retry_after,
            }) => {
                let schedule = &self.config.notifier.retry;
                match schedule.get((n.attempts as usize).saturating_sub(1)) {
                    Some(delay) => {
                        let jittered = delay.mul_f64(0.8 + 0.4 * crate::entropy::unit());
                        let wait =
                            retry_after.map_or(jittered, |r| clock::retry_after(r).max(jittered));
                        n.next_at = clock::after(now, wait);
                        warn!(notification_id = %n.id, channel = n.channel.as_str(), attempts = n.attempts, error = %message, "send failed; will retry");
                        n.last_error = Some(message);
                        self.store.update_queued_notification(&n).await?;
                        Ok(Settled::Retry)
                    }
                    None => {
                        self.fall_back(&n, s, now).await?;
                        self.settle(n, Settled::Dead, &format!("out of retries: {message}"))
                            .await
                    }
                }
            }
            Err(SendError::Permanent(message)) => {
                self.fall_back(&n, s, now).await?;
                self.settle(n, Settled::Dead, &message).await
            }
        }
    }

    /// Records a sent message, and the parcels of its order it went out with, as sent.
    async fn record_sent(
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
    async fn fall_back(
        &self,
        n: &Notification,
        s: &Shipment,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        if n.channel == Channel::Webhook {
            return Ok(());
        }
        let settings = self.store.notification_settings(&s.merchant_id).await?;
        if let Some(next) = self.first_channel(s, Some(n.channel), n.occasion.trigger, &settings) {
            let next = self.notification(s, n.occasion, &n.occurrence, Some(next), now, now);
            self.queue(&next).await?;
        }
        Ok(())
    }

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
        if let Some(g) = n.group.as_deref().filter(|_| n.status != Delivery::Queued) {
            self.store.group_remove(&n.merchant_id, g, &n.id).await?;
        }
        if !why.is_empty() {
            if how == Settled::Dead {
                warn!(notification_id = %n.id, channel = n.channel.as_str(), error = why, "notification dead");
            }
            n.last_error = Some(why.to_owned());
        }
        self.store.update_queued_notification(&n).await?;
        let outcome = match how {
            Settled::Sent => "sent",
            Settled::Retry => "retry",
            Settled::Deferred => "deferred",
            Settled::Dead => "dead",
            Settled::Skipped => "skipped",
        };
        crate::metrics::NOTIFICATIONS.inc(&[("channel", n.channel.as_str()), ("outcome", outcome)]);
        Ok(how)
    }
}

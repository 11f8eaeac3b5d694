//! Planning: the event streams read as the `notifier` group, each event turned into the
//! notifications it calls for (webhooks and the customer's channel), queued once each.

use chrono::{DateTime, Utc};
use futures_util::StreamExt;

use super::ConsumeOutcome;
use crate::supervise::{Panicked, guarded};

/// Failures on one stream entry after which it is acknowledged unplanned.
const PARK_AFTER: u32 = 3;
use super::Notifier;
use crate::domain::{
    Channel, Delivery, DomainEvent, Notification, NotificationSettings, Occasion, Shipment,
    Trigger, WebhookEndpoint, clock, idempotency_key, notification_id, occasions,
};

impl Notifier {
    /// Reads new (and abandoned) stream entries of every shard and queues their messages.
    pub async fn consume_once(&self, now: DateTime<Utc>) -> anyhow::Result<ConsumeOutcome> {
        let cfg = &self.config.notifier;
        let mut outcome = ConsumeOutcome::default();
        for shard in 0..self.store.keys().shards() {
            let idle = cfg.reclaim_after.as_millis() as u64;
            let mut entries = self
                .store
                .reclaim_events(shard, &self.consumer, idle, cfg.batch)
                .await?;
            entries.extend(
                self.store
                    .read_events(shard, &self.consumer, cfg.batch)
                    .await?,
            );
            // Entries are planned side by side: a notification's id, not the order of
            // planning, decides what is queued, and all of them are due `now`.
            outcome.entries += entries.len();
            let planned: Vec<(String, Result<anyhow::Result<usize>, Panicked>)> =
                futures_util::stream::iter(entries.into_iter().map(|e| async move {
                    let planned = match e.event {
                        Some(event) => {
                            guarded("notifier", &e.id, self.plan(&event, &e.id, now)).await
                        }
                        None => Ok(Ok(0)),
                    };
                    (e.id, planned)
                }))
                .buffer_unordered(cfg.concurrency.max(1))
                .collect()
                .await;
            let mut done = Vec::with_capacity(planned.len());
            for (id, planned) in planned {
                match planned {
                    Ok(queued) => outcome.queued += queued?,
                    // Left unacknowledged, it is planned again after `reclaim_after`; parked
                    // (acknowledged unplanned) when it keeps failing.
                    Err(_) if self.store.note_event_crash(shard, &id).await? < PARK_AFTER => {
                        continue;
                    }
                    Err(_) => {
                        tracing::error!(entry = %id, "stream entry parked: the notifier failed on it again")
                    }
                }
                done.push(id);
            }
            self.store.ack_events(shard, &done).await?;
        }
        Ok(outcome)
    }

    /// Queues the customer messages one event calls for.
    async fn plan(
        &self,
        event: &DomainEvent,
        entry: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<usize> {
        let id = match event {
            DomainEvent::Registered { shipment_id, .. }
            | DomainEvent::StatusChanged { shipment_id, .. }
            | DomainEvent::EtaChanged { shipment_id, .. }
            | DomainEvent::Delayed { shipment_id, .. }
            | DomainEvent::EstimateRevised { shipment_id, .. }
            | DomainEvent::FeedbackReceived { shipment_id, .. } => shipment_id,
        };
        let Some(s) = self.store.shipment(id).await? else {
            return Ok(0);
        };
        let cfg = &self.config.notifier;
        let settings = self.store.notification_settings(&s.merchant_id).await?;
        let min_change = chrono::Duration::from_std(cfg.eta_min_change)?;
        let mut planned: Vec<(Occasion, String, DateTime<Utc>)> = occasions(event, &s, min_change)
            .into_iter()
            .map(|o| (o, entry.to_owned(), now))
            .collect();
        if planned
            .iter()
            .any(|(o, ..)| o.trigger == Trigger::Delivered)
        {
            planned.extend(self.feedback_requests(&settings, now));
            let low = self.make_good(&s, &settings, now).await?;
            planned.extend(low.into_iter().map(|o| (o, format!("{entry}:low"), now)));
        }
        self.note_order(event, &s).await?;
        let mut queued = 0;
        let endpoints = self.store.webhooks(&s.merchant_id).await?;
        for (occasion, occurrence, at) in planned {
            let planned = Planned {
                occasion,
                occurrence: &occurrence,
                at,
            };
            queued += self
                .queue_occasion(&s, &planned, &endpoints, &settings, now)
                .await?;
        }
        Ok(queued)
    }

    /// The feedback requests a delivery calls for, at the merchant's delays (else the
    /// platform's), at most `MAX_FEEDBACK_REQUESTS` whatever was stored.
    fn feedback_requests(
        &self,
        settings: &NotificationSettings,
        now: DateTime<Utc>,
    ) -> Vec<(Occasion, String, DateTime<Utc>)> {
        let delays = match &settings.feedback_after_secs {
            Some(secs) => secs
                .iter()
                .map(|s| std::time::Duration::from_secs(*s))
                .collect(),
            None => self.config.notifier.feedback_after.clone(),
        };
        delays
            .iter()
            .take(crate::services::MAX_FEEDBACK_REQUESTS)
            .enumerate()
            // Once per shipment: the occurrence names the request, not the event.
            .map(|(i, after)| {
                let o = Occasion::new(Trigger::FeedbackRequest);
                (o, format!("feedback-{i}"), clock::after(now, *after))
            })
            .collect()
    }

    /// Queues one occasion: to each webhook endpoint that wants it, and to the customer on
    /// the first channel that carries it and reaches them (recorded as skipped when none).
    async fn queue_occasion(
        &self,
        s: &Shipment,
        p: &Planned<'_>,
        endpoints: &[WebhookEndpoint],
        settings: &NotificationSettings,
        now: DateTime<Utc>,
    ) -> anyhow::Result<usize> {
        let (occasion, occurrence) = (p.occasion, p.occurrence);
        let mut queued = 0;
        if occasion.trigger != Trigger::FeedbackRequest {
            for w in endpoints.iter().filter(|w| w.wants(occasion.trigger)) {
                let hook = Some(Channel::Webhook);
                let mut n = self.notification(s, occasion, occurrence, hook, now, now);
                n.target = Some(w.id.to_string());
                let key = idempotency_key(
                    &s.id,
                    &occasion,
                    occurrence,
                    Channel::Webhook,
                    n.target.as_deref(),
                );
                n.id = notification_id(&key, self.store.keys().shard_of(&s.id));
                queued += usize::from(self.queue(&n).await?);
            }
        }
        if occasion.trigger.is_merchant_only() {
            return Ok(queued); // the merchant's event, not news for the customer
        }
        let triggers = &self.config.notifier.triggers;
        let order = self.channel_order(settings);
        if !order
            .iter()
            .any(|c| settings.allows(occasion.trigger, *c, triggers))
        {
            return Ok(queued);
        }
        let channel = self.first_channel(s, None, occasion.trigger, settings);
        let mut n = self.notification(s, occasion, occurrence, channel, p.at, now);
        if channel.is_none() {
            n.status = Delivery::Skipped;
            n.last_error = Some("no channel reaches this customer".into());
        }
        Ok(queued + usize::from(self.queue(&n).await?))
    }

    /// Queues a notification (once per id) and lists it in its order group.
    pub(super) async fn queue(&self, n: &Notification) -> anyhow::Result<bool> {
        let created = self.store.queue_notification(n).await?;
        if let Some(group) = n.group.as_deref().filter(|_| n.status == Delivery::Queued) {
            self.store.group_add(&n.merchant_id, group, &n.id).await?;
        }
        Ok(created)
    }

    /// The merchant's channel order, else the platform's.
    fn channel_order<'a>(&'a self, settings: &'a NotificationSettings) -> &'a [Channel] {
        settings
            .channels
            .as_deref()
            .unwrap_or(&self.config.notifier.channels)
    }

    /// The first channel after `after` (in the merchant's order) that carries this trigger
    /// and can reach this customer.
    pub(super) fn first_channel(
        &self,
        s: &Shipment,
        after: Option<Channel>,
        trigger: Trigger,
        settings: &NotificationSettings,
    ) -> Option<Channel> {
        let order = self.channel_order(settings);
        let start = after
            .and_then(|a| order.iter().position(|c| *c == a))
            .map_or(0, |i| i + 1);
        order[start.min(order.len())..]
            .iter()
            .copied()
            .filter(|c| settings.allows(trigger, *c, &self.config.notifier.triggers))
            .find(|c| self.transports.get(c).is_some_and(|t| t.reaches(s)))
    }

    pub(super) fn notification(
        &self,
        s: &Shipment,
        occasion: Occasion,
        occurrence: &str,
        channel: Option<Channel>,
        at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Notification {
        let channel = channel
            .or_else(|| self.config.notifier.channels.first().copied())
            .unwrap_or(Channel::Outbox);
        let key = idempotency_key(&s.id, &occasion, occurrence, channel, None);
        Notification {
            id: notification_id(&key, self.store.keys().shard_of(&s.id)),
            shipment_id: s.id.clone(),
            merchant_id: s.merchant_id.clone(),
            occasion,
            channel,
            target: None,
            occurrence: occurrence.to_owned(),
            status: Delivery::Queued,
            attempts: 0,
            created_at: now,
            next_at: at,
            sent_at: None,
            last_error: None,
            // Parcels of one order with the same news on the same channel go as one message.
            group: (channel != Channel::Webhook && occasion.trigger != Trigger::FeedbackRequest)
                .then(|| {
                    format!(
                        "{}:{}:{}:{}",
                        crate::domain::legacy_lookup_digest(&s.order.number, "order"),
                        occasion.trigger.as_str(),
                        occasion.reason.map_or("", |r| r.as_str()),
                        channel.as_str()
                    )
                }),
            grouped_into: None,
            crashes: 0,
        }
    }
}

/// One message an event calls for: what, which occurrence (the idempotency key's part),
/// and when it is due.
struct Planned<'a> {
    occasion: Occasion,
    occurrence: &'a str,
    at: DateTime<Utc>,
}

//! The notifier role: reads the shipment event streams as one consumer group (at least
//! once; entries a dead notifier left are taken over), turns each event into notifications
//! whose ids derive from their idempotency key (so a re-read queues nothing twice), and
//! delivers due notifications with retries, quiet hours and channel fallback.

pub mod channels;
pub mod render;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU16, Ordering};

use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::carriers::Carriers;
use crate::config::Config;
use crate::domain::{
    Channel, Delivery, DomainEvent, Notification, NotificationSettings, Occasion, Shipment,
    Trigger, idempotency_key, notification_id, occasions, quiet_until,
};
use crate::store::{Shard, Store};
use channels::{Outgoing, SendError, Transport};

/// What one `consume_once` did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ConsumeOutcome {
    pub entries: usize,
    pub queued: usize,
}

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

pub struct Notifier {
    store: Store,
    carriers: Carriers,
    config: Arc<Config>,
    transports: HashMap<Channel, Arc<dyn Transport>>,
    consumer: String,
    next_shard: AtomicU16,
}

impl Notifier {
    pub fn new(
        store: Store,
        carriers: Carriers,
        config: Arc<Config>,
        transports: Vec<Arc<dyn Transport>>,
    ) -> Notifier {
        let consumer = format!(
            "n-{}-{:08x}",
            std::process::id(),
            u32::from_le_bytes(crate::entropy::bytes())
        );
        Notifier {
            store,
            carriers,
            config,
            transports: transports.into_iter().map(|t| (t.channel(), t)).collect(),
            consumer,
            next_shard: AtomicU16::new(0),
        }
    }

    /// The transports the configuration asks for.
    pub fn transports_from(
        config: &Config,
        store: &Store,
    ) -> Result<Vec<Arc<dyn Transport>>, String> {
        let cfg = &config.notifier;
        let mut out: Vec<Arc<dyn Transport>> = vec![Arc::new(channels::Webhook::new(
            store.clone(),
            cfg.webhook_timeout,
            cfg.webhooks_allow_private,
        )?)];
        for channel in &cfg.channels {
            match channel {
                Channel::Email => match channels::Email::from_config(&cfg.email)? {
                    Some(e) => out.push(Arc::new(e)),
                    None => warn!(
                        "e-mail is a configured channel but notifier.email.smtp_host is empty: e-mails are skipped"
                    ),
                },
                Channel::Outbox => out.push(Arc::new(channels::Outbox::new(
                    std::path::Path::new(&cfg.outbox_dir),
                    &cfg.email.from,
                )?)),
                Channel::Sms => match channels::Sms::from_config(&cfg.sms)? {
                    Some(t) => out.push(Arc::new(t)),
                    None => warn!(
                        "sms is a configured channel but notifier.sms.account_sid is empty: text messages are skipped"
                    ),
                },
                Channel::Whatsapp => match channels::WhatsApp::from_config(&cfg.whatsapp)? {
                    Some(t) => out.push(Arc::new(t)),
                    None => warn!(
                        "whatsapp is a configured channel but notifier.whatsapp.phone_number_id is empty: WhatsApp messages are skipped"
                    ),
                },
                Channel::Webhook => {}
            }
        }
        Ok(out)
    }

    /// Creates the consumer group on every shard's stream (idempotent).
    pub async fn prepare(&self) -> anyhow::Result<()> {
        for shard in 0..self.store.keys().shards() {
            self.store.ensure_event_group(shard).await?;
        }
        Ok(())
    }

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
            let mut done = Vec::with_capacity(entries.len());
            for e in entries {
                outcome.entries += 1;
                if let Some(event) = &e.event {
                    outcome.queued += self.plan(event, &e.id, now).await?;
                }
                done.push(e.id);
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
            | DomainEvent::Delayed { shipment_id, .. } => shipment_id,
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
            let delays = match &settings.feedback_after_secs {
                Some(secs) => secs
                    .iter()
                    .map(|s| std::time::Duration::from_secs(*s))
                    .collect(),
                None => cfg.feedback_after.clone(),
            };
            for (i, after) in delays.iter().enumerate() {
                // Once per shipment: the occurrence names the request, not the event.
                planned.push((
                    Occasion::new(Trigger::FeedbackRequest),
                    format!("feedback-{i}"),
                    now + chrono::Duration::from_std(*after)?,
                ));
            }
        }
        let mut queued = 0;
        let endpoints = self.store.webhooks(&s.merchant_id).await?;
        for (occasion, occurrence, at) in planned {
            if occasion.trigger != Trigger::FeedbackRequest {
                for w in endpoints.iter().filter(|w| w.wants(occasion.trigger)) {
                    let mut n = self.notification(
                        &s,
                        occasion,
                        &occurrence,
                        Some(Channel::Webhook),
                        now,
                        now,
                    );
                    n.target = Some(w.id.to_string());
                    let key = idempotency_key(
                        &s.id,
                        &occasion,
                        &occurrence,
                        Channel::Webhook,
                        n.target.as_deref(),
                    );
                    n.id = notification_id(&key, self.store.keys().shard_of(&s.id));
                    queued += usize::from(self.queue(&n).await?);
                }
            }
            let order = self.channel_order(&settings);
            if !order
                .iter()
                .any(|c| settings.allows(occasion.trigger, *c, &cfg.triggers))
            {
                continue;
            }
            let channel = self.first_channel(&s, None, occasion.trigger, &settings);
            let mut n = self.notification(&s, occasion, &occurrence, channel, at, now);
            if channel.is_none() {
                n.status = Delivery::Skipped;
                n.last_error = Some("no channel reaches this customer".into());
            }
            if self.queue(&n).await? {
                queued += 1;
            }
        }
        Ok(queued)
    }

    /// Queues a notification (once per id) and lists it in its order group.
    async fn queue(&self, n: &Notification) -> anyhow::Result<bool> {
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
    fn first_channel(
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

    fn notification(
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
                        crate::domain::lookup_digest(&s.order.number, "order"),
                        occasion.trigger.as_str(),
                        occasion.reason.map_or("", |r| r.as_str()),
                        channel.as_str()
                    )
                }),
            grouped_into: None,
        }
    }

    /// Claims due notifications of the shards in turn and sends them.
    pub async fn deliver_once(&self, now: DateTime<Utc>) -> anyhow::Result<DeliverOutcome> {
        let cfg = &self.config.notifier;
        let lease_until = now + chrono::Duration::from_std(cfg.lease)?;
        let shards = self.store.keys().shards();
        let mut claimed = vec![];
        for _ in 0..shards {
            let shard: Shard = self.next_shard.fetch_add(1, Ordering::Relaxed) % shards;
            let want = cfg.batch - claimed.len();
            claimed.extend(
                self.store
                    .claim_notifications(shard, now, lease_until, want)
                    .await?,
            );
            if claimed.len() >= cfg.batch {
                break;
            }
        }
        let mut outcome = DeliverOutcome {
            claimed: claimed.len(),
            ..DeliverOutcome::default()
        };
        // Shipments in parallel, each shipment's messages in order.
        let mut by_shipment: Vec<Vec<Notification>> = vec![];
        for n in claimed {
            match by_shipment
                .iter_mut()
                .find(|g| g[0].shipment_id == n.shipment_id)
            {
                Some(group) => group.push(n),
                None => by_shipment.push(vec![n]),
            }
        }
        let results: Vec<anyhow::Result<Vec<Settled>>> =
            futures_util::stream::iter(by_shipment.into_iter().map(|group| async move {
                let mut done = Vec::with_capacity(group.len());
                for n in group {
                    done.push(self.deliver(n, now).await?);
                }
                Ok(done)
            }))
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

    async fn deliver(&self, n: Notification, now: DateTime<Utc>) -> anyhow::Result<Settled> {
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
            let zone = recipient_zone(&s, &merchant.timezone);
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
        let previous_orders = match &customer {
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
        };
        let lang = render::lang_for(s, merchant);
        let message = render::render(s, &n.occasion, &lang, &cx);
        let Some(transport) = self.transports.get(&n.channel) else {
            return self.settle(n, Settled::Skipped, "channel gone").await;
        };
        n.attempts += 1;
        let sent = transport
            .send(&Outgoing {
                notification: &n,
                shipment: s,
                merchant,
                message: &message,
            })
            .await;
        match sent {
            Ok(()) => {
                n.sent_at = Some(now);
                for (m, _) in siblings {
                    let mut m = m.clone();
                    m.status = Delivery::Sent;
                    m.sent_at = Some(now);
                    m.grouped_into = Some(n.id.clone());
                    self.store.update_queued_notification(&m).await?;
                    if let Some(g) = &m.group {
                        self.store.group_remove(&m.merchant_id, g, &m.id).await?;
                    }
                }
                info!(notification_id = %n.id, shipment_id = %n.shipment_id, channel = n.channel.as_str(), trigger = n.occasion.trigger.as_str(), "notification sent");
                self.settle(n, Settled::Sent, "").await
            }
            Err(SendError::Transient {
                message,
                retry_after,
            }) => {
                let schedule = &self.config.notifier.retry;
                match schedule.get(n.attempts as usize - 1) {
                    Some(delay) => {
                        let jittered = delay.mul_f64(0.8 + 0.4 * crate::entropy::unit());
                        let wait = retry_after.map_or(jittered, |r| r.max(jittered));
                        n.next_at = now + chrono::Duration::from_std(wait)?;
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

    async fn settle(
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
        Ok(how)
    }

    /// Runs consume and deliver steps until cancelled.
    pub async fn run(self: Arc<Self>, cancel: CancellationToken) {
        if let Err(e) = self.prepare().await {
            warn!(
                error = format!("{e:#}"),
                "cannot create the notifier consumer group"
            );
        }
        while !cancel.is_cancelled() {
            let now = Utc::now();
            let busy = match (self.consume_once(now).await, self.deliver_once(now).await) {
                (Ok(c), Ok(d)) => c.entries > 0 || d.claimed > 0,
                (Err(e), _) | (_, Err(e)) => {
                    warn!(error = format!("{e:#}"), "notifier step failed");
                    false
                }
            };
            if !busy {
                tokio::select! {
                    () = cancel.cancelled() => {}
                    () = tokio::time::sleep(self.config.notifier.interval) => {}
                }
            }
        }
        info!("notifier stopped");
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Settled {
    Sent,
    Retry,
    Deferred,
    Dead,
    Skipped,
}

/// The recipient's zone: the destination's, else its country's, else the merchant's.
fn recipient_zone(s: &Shipment, merchant_zone: &str) -> chrono_tz::Tz {
    s.destination
        .timezone
        .as_deref()
        .or_else(|| {
            s.destination
                .country
                .as_deref()
                .and_then(|c| crate::domain::geo::zone_for(c, None))
        })
        .unwrap_or(merchant_zone)
        .parse()
        .unwrap_or(chrono_tz::UTC)
}

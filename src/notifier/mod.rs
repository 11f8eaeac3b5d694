//! The notifier role: reads the shipment event streams as one consumer group (at least
//! once; entries a dead notifier left are taken over), turns each event into notifications
//! whose ids derive from their idempotency key (so a re-read queues nothing twice), and
//! delivers due notifications with retries, quiet hours and channel fallback.

pub mod channels;
mod deliver;
mod make_good;
mod outcome;
mod plan;
pub mod policy;
mod pump;
pub mod render;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::AtomicU16;

use chrono::Utc;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::carriers::Carriers;
use crate::config::Config;
use crate::domain::feedback::Source;
use crate::domain::{
    Channel, Links, Merchant, Notification, NotificationSettings, Shipment, Trigger,
};
use crate::services::Audience;
use crate::services::estimates::Estimates;
use crate::store::Store;
use crate::supervise::guarded;
use channels::Transport;
pub use outcome::DeliverOutcome;
use outcome::Settled;

/// What one `consume_once` did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ConsumeOutcome {
    pub entries: usize,
    pub queued: usize,
}

pub struct Notifier {
    store: Store,
    carriers: Carriers,
    config: Arc<Config>,
    transports: HashMap<Channel, Arc<dyn Transport>>,
    consumer: String,
    next_shard: AtomicU16,
    /// Sends in flight per merchant and webhook endpoint (fairness between tenants).
    slots: pump::Slots,
    /// Learned delivery windows, said in messages and webhooks.
    estimates: Estimates,
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
            estimates: Estimates::new(store.clone()),
            store,
            carriers,
            config,
            transports: transports.into_iter().map(|t| (t.channel(), t)).collect(),
            consumer,
            next_shard: AtomicU16::new(0),
            slots: pump::Slots::default(),
        }
    }

    /// The transports the configuration asks for; `vault` opens webhook secrets sealed at
    /// rest with the operator's credential keys.
    pub fn transports_from(
        config: &Config,
        store: &Store,
        vault: Option<Arc<crate::vault::Vault>>,
    ) -> Result<Vec<Arc<dyn Transport>>, String> {
        let cfg = &config.notifier;
        let mut out: Vec<Arc<dyn Transport>> = vec![Arc::new(channels::Webhook::new(
            store.clone(),
            cfg.webhook_timeout,
            cfg.webhooks_allow_private,
            vault,
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

    /// Runs consume and deliver steps until cancelled.
    pub async fn run(self: Arc<Self>, cancel: CancellationToken) {
        // Without the consumer group nothing can be read: wait for Redis if it is away.
        while let Err(e) = self.prepare().await {
            warn!(
                error = format!("{e:#}"),
                "cannot create the notifier consumer group yet"
            );
            tokio::select! {
                () = cancel.cancelled() => return,
                () = tokio::time::sleep(std::time::Duration::from_secs(1)) => {}
            }
        }
        // Reading events and sending messages run side by side, so neither waits for the other.
        tokio::join!(self.consume(&cancel), self.clone().pump(&cancel));
        info!("notifier stopped");
    }

    /// Reads events until cancelled, pausing `notifier.interval` whenever there were none
    /// (or reading failed).
    async fn consume(&self, cancel: &CancellationToken) {
        while !cancel.is_cancelled() {
            let step = guarded(
                "notifier",
                "a batch of events",
                self.consume_once(Utc::now()),
            );
            let busy = match step.await.map_err(anyhow::Error::from).and_then(|r| r) {
                Ok(c) => c.entries > 0,
                Err(e) => {
                    warn!(error = format!("{e:#}"), "reading events failed");
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
    }
}

impl Notifier {
    /// The message for `n` (speaking for `siblings` too) in the customer's language; counts
    /// the customer's orders when it matters (the "shipped" message greets newcomers).
    async fn compose(
        &self,
        n: &Notification,
        (s, merchant, settings): (&Shipment, &Merchant, &NotificationSettings),
        siblings: &[(Notification, Shipment)],
    ) -> anyhow::Result<render::Message> {
        let carrier_name = self
            .carriers
            .get(&s.carrier)
            .map(|c| c.display_name().to_owned())
            .unwrap_or_else(|| s.carrier.to_string());
        let previous_orders = match s.customer_digest() {
            Some(who) if n.occasion.trigger == Trigger::Shipped => {
                self.store
                    .note_customer_order(&s.merchant_id, &who, &s.id)
                    .await?
            }
            _ => 0,
        };
        let who = Audience::new(s, merchant, &[], self.config.public_url());
        let windows = self
            .estimates
            .windows(std::slice::from_ref(s), chrono::Utc::now());
        let window = windows.await?.pop().flatten();
        let grant = match n.occasion.trigger {
            Trigger::Delivered => self.grant_of(s, siblings).await?,
            _ => None,
        };
        let cx = render::Context {
            window: window.as_ref(),
            make_good: grant.as_ref(),
            merchant,
            carrier_name: &carrier_name,
            public_url: self.config.public_url(),
            previous_orders,
            unsubscribe_url: (n.channel != Channel::Webhook).then(|| who.links.preferences()),
            also_like: &settings.also_like,
            others: siblings
                .iter()
                .map(|(_, o)| {
                    let page = Links::absolute(self.config.public_url(), &o.token).track();
                    (o.tracking_number.to_string(), page)
                })
                .collect(),
            source: match n.channel {
                Channel::Sms => Source::Sms,
                Channel::Whatsapp => Source::Whatsapp,
                _ => Source::Email,
            },
        };
        Ok(render::render(s, &n.occasion, &who.lang, &cx)?)
    }

    /// The make-good of the parcel, or of the first of its order's parcels this message
    /// also speaks for that has one (a customer gets one: it may be any of them).
    async fn grant_of(
        &self,
        s: &Shipment,
        siblings: &[(Notification, Shipment)],
    ) -> anyhow::Result<Option<crate::domain::Grant>> {
        for parcel in std::iter::once(s).chain(siblings.iter().map(|(_, o)| o)) {
            let grant = self.store.make_good_grant(&s.merchant_id, &parcel.id);
            if let Some(g) = grant.await? {
                return Ok(Some(g));
            }
        }
        Ok(None)
    }
}

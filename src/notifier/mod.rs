//! The notifier role: reads the shipment event streams as one consumer group (at least
//! once; entries a dead notifier left are taken over), turns each event into notifications
//! whose ids derive from their idempotency key (so a re-read queues nothing twice), and
//! delivers due notifications with retries, quiet hours and channel fallback.

pub mod channels;
mod deliver;
mod plan;
pub mod render;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::AtomicU16;

use chrono::Utc;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::carriers::Carriers;
use crate::config::Config;
use crate::domain::{Channel, Shipment};
use crate::store::Store;
use crate::supervise::guarded;
use channels::Transport;

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
        tokio::join!(
            self.repeat(&cancel, Step::Consume),
            self.repeat(&cancel, Step::Deliver)
        );
        info!("notifier stopped");
    }

    /// Runs one kind of step until cancelled, pausing `notifier.interval` whenever it found
    /// nothing to do (or failed).
    async fn repeat(&self, cancel: &CancellationToken, step: Step) {
        while !cancel.is_cancelled() {
            let now = Utc::now();
            let busy = match step {
                Step::Consume => guarded("notifier", "a batch of events", self.consume_once(now))
                    .await
                    .map_err(anyhow::Error::from)
                    .and_then(|r| r.map(|c| c.entries > 0)),
                Step::Deliver => guarded("notifier", "a batch of messages", self.deliver_once(now))
                    .await
                    .map_err(anyhow::Error::from)
                    .and_then(|r| r.map(|d| d.claimed > 0)),
            };
            let busy = busy.unwrap_or_else(|e| {
                warn!(error = format!("{e:#}"), step = ?step, "notifier step failed");
                false
            });
            if !busy {
                tokio::select! {
                    () = cancel.cancelled() => {}
                    () = tokio::time::sleep(self.config.notifier.interval) => {}
                }
            }
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Step {
    /// Read events and queue their messages.
    Consume,
    /// Send due messages.
    Deliver,
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

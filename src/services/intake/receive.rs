//! A store's webhook as it arrives: checked (the merchant has this store connected, the
//! signature is one of its secrets', the shop is its shop), dropped when its event was seen
//! before, and queued — the store is answered at once, before anything is applied.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Intake, SHOPIFY};
use crate::domain::MerchantId;
use crate::services::ServiceError;

/// The headers shipmate reads of a delivery, and its raw body.
#[derive(Debug, Default)]
pub struct Delivery<'a> {
    pub signature: Option<&'a str>,
    pub topic: Option<&'a str>,
    pub shop: Option<&'a str>,
    /// The event's id (Shopify's duplicates share it) or else the delivery's.
    pub event_id: Option<&'a str>,
    pub triggered_at: Option<&'a str>,
    pub body: &'a [u8],
}

impl Delivery<'_> {
    /// Its event id, or else a digest of its body (the same body is the same event).
    pub(super) fn event(&self) -> String {
        match self.event_id {
            Some(id) => id.trim().to_owned(),
            None => hex(&Sha256::digest(self.body)),
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Received {
    Queued,
    /// The same event again: nothing more to do.
    Duplicate,
    /// A topic shipmate does not read.
    Ignored,
}

#[derive(Debug)]
pub enum Refused {
    /// No such merchant, or no such store connected: 404.
    Unknown,
    /// A missing or wrong signature, or another shop's delivery: 401.
    Unsigned,
    Unavailable(ServiceError),
}

impl From<ServiceError> for Refused {
    fn from(e: ServiceError) -> Self {
        Refused::Unavailable(e)
    }
}

impl From<crate::store::StoreError> for Refused {
    fn from(e: crate::store::StoreError) -> Self {
        Refused::Unavailable(e.into())
    }
}

/// A delivery waiting in the queue.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Queued {
    pub merchant: MerchantId,
    pub source: String,
    pub topic: String,
    pub triggered_ms: i64,
    pub body: String,
    /// Tries so far.
    #[serde(default)]
    pub tries: usize,
}

/// Topics applied; others are answered 200 and ignored.
const SHOPIFY_TOPICS: [&str; 2] = ["fulfillments/create", "fulfillments/update"];

impl Intake {
    pub async fn receive_shopify(
        &self,
        m: &MerchantId,
        d: Delivery<'_>,
        now: DateTime<Utc>,
    ) -> Result<Received, Refused> {
        let Some(conn) = self.open(m, SHOPIFY).await? else {
            return Err(Refused::Unknown);
        };
        let signed = d.signature.is_some_and(|s| {
            conn.secrets
                .signing_secrets
                .signed(d.body, s, str::to_owned)
        });
        // Without its shop a delivery could be another shop's signed with a shared secret.
        let same_shop = d
            .shop
            .is_some_and(|s| s.trim().eq_ignore_ascii_case(&conn.shop));
        if !signed || !same_shop {
            tracing::warn!(merchant_id = %m, signed, same_shop, "shopify delivery refused");
            return Err(Refused::Unsigned);
        }
        let topic = d.topic.unwrap_or("").trim();
        if !SHOPIFY_TOPICS.contains(&topic) {
            return Ok(Received::Ignored);
        }
        // Not signed: never later than now, so a replay cannot make itself the newest.
        let triggered = d
            .triggered_at
            .and_then(|t| DateTime::parse_from_rfc3339(t.trim()).ok())
            .map_or(now, |t| t.with_timezone(&Utc).min(now));
        let event = d.event();
        self.queue(m, SHOPIFY, topic, &event, triggered, d.body, now)
            .await
    }

    /// Queues a checked delivery unless its event was seen; wakes this process's reader.
    #[expect(clippy::too_many_arguments, reason = "one delivery's parts, named")]
    pub(super) async fn queue(
        &self,
        m: &MerchantId,
        source: &str,
        topic: &str,
        event: &str,
        triggered: DateTime<Utc>,
        body: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Received, Refused> {
        let digest = hex(&Sha256::digest(format!("{topic}\n{event}").as_bytes()));
        if !self.store.first_delivery(m, source, &digest).await? {
            return Ok(Received::Duplicate);
        }
        let queued = Queued {
            merchant: m.clone(),
            source: source.to_owned(),
            topic: topic.to_owned(),
            triggered_ms: triggered.timestamp_millis(),
            body: String::from_utf8_lossy(body).into_owned(),
            tries: 0,
        };
        let id = format!("{m}:{source}:{}", &digest[..32]);
        let json = serde_json::to_string(&queued).unwrap_or_default();
        if let Err(e) = self.store.queue_delivery(&id, &json, now).await {
            // Not queued: forget the event, so the store's retry is taken.
            let _ = self.store.forget_delivery(m, source, &digest).await;
            return Err(e.into());
        }
        self.wake.notify_one();
        Ok(Received::Queued)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

//! One message to one recipient on one channel, as the notifier tracks it from "queued" to
//! "sent" (or "dead"). Its id derives from the idempotency key, so the same occasion can never
//! queue two messages.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{MerchantId, Occasion, ShipmentId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Sms,
    Whatsapp,
    Webhook,
    Outbox,
}

impl Channel {
    pub const ALL: [Channel; 5] = [
        Channel::Email,
        Channel::Sms,
        Channel::Whatsapp,
        Channel::Webhook,
        Channel::Outbox,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Whatsapp => "whatsapp",
            Channel::Webhook => "webhook",
            Channel::Outbox => "outbox",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Channels that reach a phone and so must respect the recipient's night.
    pub fn has_quiet_hours(self) -> bool {
        matches!(self, Channel::Sms | Channel::Whatsapp)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// Waiting for its time (first try, a retry, or the end of quiet hours).
    Queued,
    Sent,
    /// Not sent on purpose (no contact, unsubscribed, trigger switched off).
    Skipped,
    /// Permanently failed or out of retries; a merchant may retry it.
    Dead,
}

impl Delivery {
    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Queued => "queued",
            Delivery::Sent => "sent",
            Delivery::Skipped => "skipped",
            Delivery::Dead => "dead",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notification {
    pub id: String,
    pub shipment_id: ShipmentId,
    pub merchant_id: MerchantId,
    #[serde(flatten)]
    pub occasion: Occasion,
    pub channel: Channel,
    /// For webhooks: the subscription it goes to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// What caused it (the event stream entry, or the scheduler's slot): with the shipment,
    /// trigger and channel, the idempotency key.
    pub occurrence: String,
    pub status: Delivery,
    pub attempts: u32,
    pub created_at: DateTime<Utc>,
    pub next_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// The order group it may be sent with (customer channels; see the notifier).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Sent as part of another notification's message (parcels of one order together).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grouped_into: Option<String>,
    /// Times the notifier failed on it (a bug, caught); at `PARK_AFTER` it is dead.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub crashes: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Notification {
    /// Crashes after which a notification is parked as a dead letter.
    pub const PARK_AFTER: u32 = 3;

    /// The idempotency key: shipment, trigger (and delay reason), occurrence, channel and
    /// target. Providers get it as their own idempotency key (`webhook-id`, `Message-ID`).
    pub fn key(&self) -> String {
        idempotency_key(
            &self.shipment_id,
            &self.occasion,
            &self.occurrence,
            self.channel,
            self.target.as_deref(),
        )
    }
}

pub fn idempotency_key(
    shipment: &ShipmentId,
    occasion: &Occasion,
    occurrence: &str,
    channel: Channel,
    target: Option<&str>,
) -> String {
    let reason = occasion.reason.map_or("", |r| r.as_str());
    format!(
        "{shipment}:{}{}{reason}:{occurrence}:{}:{}",
        occasion.trigger.as_str(),
        if reason.is_empty() { "" } else { "/" },
        channel.as_str(),
        target.unwrap_or("")
    )
}

/// A short id derived from the idempotency key: `ntf_`, the shipment's shard (where the
/// record lives), `_`, 26 base32 characters.
pub fn notification_id(key: &str, shard: u16) -> String {
    let digest = Sha256::digest(key.as_bytes());
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    let mut out = format!("ntf_{shard}_");
    let len = out.len() + 26;
    let mut bits: u32 = 0;
    let mut n = 0;
    for b in digest.iter().take(17) {
        bits = (bits << 8) | u32::from(*b);
        n += 8;
        while n >= 5 && out.len() < len {
            n -= 5;
            out.push(char::from(ALPHABET[((bits >> n) & 31) as usize]));
        }
    }
    out
}

/// The shard a notification id names.
pub fn shard_of_id(id: &str) -> Option<u16> {
    let rest = id.strip_prefix("ntf_")?;
    let (shard, hash) = rest.split_once('_')?;
    (hash.len() == 26
        && hash
            .bytes()
            .all(|b| b.is_ascii_lowercase() || (b'2'..=b'7').contains(&b)))
    .then(|| shard.parse().ok())
    .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{DelayReason, Trigger};

    #[test]
    fn keys_tell_occasions_and_channels_apart_and_ids_are_stable() {
        let s = ShipmentId::from_random([1; 12]);
        let shipped = Occasion::new(Trigger::Shipped);
        let late = Occasion::delay(DelayReason::Stalled);
        let k = |o: &Occasion, occ: &str, c: Channel| idempotency_key(&s, o, occ, c, None);
        let all = [
            k(&shipped, "1-0", Channel::Email),
            k(&shipped, "1-0", Channel::Sms),
            k(&shipped, "2-0", Channel::Email),
            k(&late, "1-0", Channel::Email),
            idempotency_key(&s, &shipped, "1-0", Channel::Webhook, Some("wh_1")),
        ];
        let unique: std::collections::HashSet<_> = all.iter().collect();
        assert_eq!(unique.len(), all.len());
        assert!(all[3].contains(":delay/stalled:"), "{}", all[3]);
        let id = notification_id(&all[0], 7);
        assert_eq!(id, notification_id(&all[0], 7));
        assert_eq!(id.len(), 32);
        assert!(id.starts_with("ntf_7_"), "{id}");
        assert_eq!(shard_of_id(&id), Some(7));
        assert_ne!(id, notification_id(&all[1], 7));
    }
}

//! The one place Redis keys are formatted. Keys one operation touches together share a
//! hash tag (`{N}`, the shipment's shard), so every multi-key script stays in one Redis
//! Cluster slot; the due sets and streams are sharded by the same tag so no key is hot.

use crate::domain::{
    CarrierCode, LookupSlug, MerchantId, PublicToken, ShipmentId, Status, TrackingNumber, WebhookId,
};

mod console;
mod inflow;

#[derive(Debug, Clone)]
pub struct Keys {
    prefix: String,
    shards: u16,
}

/// Index of a shard (bucket) of the due sets and streams.
pub type Shard = u16;

impl Keys {
    pub fn new(prefix: &str, shards: u16) -> Self {
        Self {
            prefix: prefix.to_owned(),
            shards: shards.max(1),
        }
    }

    pub fn shards(&self) -> Shard {
        self.shards
    }

    /// A shipment's shard: stable hash of its id.
    pub fn shard_of(&self, id: &ShipmentId) -> Shard {
        (fnv(id.as_str()) % u32::from(self.shards)) as Shard
    }

    pub fn shipment(&self, id: &ShipmentId) -> String {
        format!("{}:{{{}}}:s:{}", self.prefix, self.shard_of(id), id)
    }

    /// Sorted set: shipment id → next poll time (ms).
    pub fn due(&self, shard: Shard) -> String {
        format!("{}:{{{shard}}}:due", self.prefix)
    }

    /// Sorted set: claimed shipment id → lease expiry (ms); the score is the claim's token.
    pub fn claims(&self, shard: Shard) -> String {
        format!("{}:{{{shard}}}:claims", self.prefix)
    }

    /// Sorted set: active shipment id → moment it expires without new scans (ms).
    pub fn expiry(&self, shard: Shard) -> String {
        format!("{}:{{{shard}}}:expiry", self.prefix)
    }

    /// Sorted set: finished shipment id → moment it is purged (ms).
    pub fn retain(&self, shard: Shard) -> String {
        format!("{}:{{{shard}}}:retain", self.prefix)
    }

    /// Stream of domain events for the shipments of this shard.
    pub fn events(&self, shard: Shard) -> String {
        format!("{}:{{{shard}}}:events", self.prefix)
    }

    /// Hash: stream entry id → times the notifier failed planning it (a bug, caught).
    pub fn event_crashes(&self, shard: Shard) -> String {
        format!("{}:{{{shard}}}:ecr", self.prefix)
    }

    /// Stream of the ids of shipments whose snapshot changed (short: it only keeps the web
    /// processes' in-process caches honest).
    pub fn changes(&self, shard: Shard) -> String {
        format!("{}:{{{shard}}}:chg", self.prefix)
    }

    /// A notification record (JSON), in its shipment's shard.
    pub fn notification(&self, shard: Shard, id: &str) -> String {
        format!("{}:{{{shard}}}:n:{id}", self.prefix)
    }

    /// Sorted set: queued notification id → when to try it (ms).
    pub fn notifications_due(&self, shard: Shard) -> String {
        format!("{}:{{{shard}}}:ndue", self.prefix)
    }

    /// Set: the notification ids of one shipment.
    pub fn shipment_notifications(&self, id: &ShipmentId) -> String {
        format!("{}:{{{}}}:sn:{id}", self.prefix, self.shard_of(id))
    }

    /// Sorted set: a merchant's notification ids by creation time (ms), for listing.
    pub fn merchant_notifications(&self, id: &MerchantId) -> String {
        format!("{}:mn:{id}", self.prefix)
    }

    /// Set: the shipments a customer (a digest of their address) has had from a merchant.
    pub fn customer_orders(&self, merchant: &MerchantId, digest: &str) -> String {
        format!("{}:co:{merchant}:{digest}", self.prefix)
    }

    /// Hash: webhook endpoint id → endpoint (JSON), per merchant.
    pub fn webhooks(&self, merchant: &MerchantId) -> String {
        format!("{}:wh:{merchant}", self.prefix)
    }

    /// List: an endpoint's newest delivery attempts (JSON), newest first.
    pub fn webhook_log(&self, merchant: &MerchantId, id: &WebhookId) -> String {
        format!("{}:whlog:{merchant}:{id}", self.prefix)
    }

    /// Set: the channels (or "all") a customer of a merchant has unsubscribed from.
    pub fn opt_outs(&self, merchant: &MerchantId, customer: &str) -> String {
        format!("{}:oo:{merchant}:{customer}", self.prefix)
    }

    /// A merchant's notification settings (JSON).
    pub fn notification_settings(&self, merchant: &MerchantId) -> String {
        format!("{}:ns:{merchant}", self.prefix)
    }

    /// Set: queued notifications of one order, trigger and channel (to send them as one).
    pub fn order_group(&self, merchant: &MerchantId, group: &str) -> String {
        format!("{}:og:{merchant}:{group}", self.prefix)
    }

    /// Held while one notifier gathers an order's group.
    pub fn order_group_lock(&self, merchant: &MerchantId, group: &str) -> String {
        format!("{}:ogl:{merchant}:{group}", self.prefix)
    }

    /// The customer's feedback on one shipment (JSON), in its shard.
    pub fn feedback(&self, id: &ShipmentId) -> String {
        format!("{}:{{{}}}:fb:{id}", self.prefix, self.shard_of(id))
    }

    /// Feedback submissions for one shipment today (a counter that expires).
    pub fn feedback_tries(&self, id: &ShipmentId) -> String {
        format!("{}:{{{}}}:fbt:{id}", self.prefix, self.shard_of(id))
    }

    /// Hash: scans of a parcel's QR code (first, last in ms; count).
    pub fn scans(&self, id: &ShipmentId) -> String {
        format!("{}:{{{}}}:scan:{id}", self.prefix, self.shard_of(id))
    }

    /// Sorted set: a merchant's answered shipments by answer time (ms).
    pub fn merchant_feedback(&self, merchant: &MerchantId) -> String {
        format!("{}:mf:{merchant}", self.prefix)
    }

    pub fn token(&self, token: &PublicToken) -> String {
        format!("{}:t:{}", self.prefix, token.as_str())
    }

    pub fn api_key(&self, key_hash: &str) -> String {
        format!("{}:k:{key_hash}", self.prefix)
    }

    /// Hash: a merchant's API keys, key id → JSON (hash, hint, created and last used, ms),
    /// and `legacy` → `closed` once keys without an entry here stop authenticating.
    pub fn api_keys(&self, merchant: &MerchantId) -> String {
        format!("{}:keys:{merchant}", self.prefix)
    }

    /// Stream: a merchant's audit log (newest 1,000 changes of its configuration).
    pub fn audit(&self, merchant: &MerchantId) -> String {
        format!("{}:audit:{merchant}", self.prefix)
    }

    pub fn merchant(&self, id: &MerchantId) -> String {
        format!("{}:m:{id}", self.prefix)
    }

    /// A shop's order-lookup slug → its merchant id.
    pub fn lookup_slug(&self, slug: &LookupSlug) -> String {
        format!("{}:slug:{slug}", self.prefix)
    }

    pub fn logo(&self, id: &MerchantId) -> String {
        format!("{}:logo:{id}", self.prefix)
    }

    /// Sorted set: merchant id → when to fetch its logo (ms); claiming pushes it one lease
    /// ahead, and that score is the claim's token.
    pub fn logos_due(&self) -> String {
        format!("{}:logos", self.prefix)
    }

    /// Sorted set (all scores 0): "{created_ms}:{shipment id}" members, for listing.
    pub fn merchant_index(&self, id: &MerchantId) -> String {
        format!("{}:ms:{id}", self.prefix)
    }

    /// Sorted set: a merchant's shipments of one status, creation time (ms) → id bytes.
    pub fn status_list(&self, id: &MerchantId, status: Status) -> String {
        format!("{}:mst:{id}:{}", self.prefix, status.as_str())
    }

    /// Sorted set: a merchant's shipments that need attention, creation time (ms) → id bytes.
    pub fn attention_list(&self, id: &MerchantId) -> String {
        format!("{}:matt:{id}", self.prefix)
    }

    /// Hash: messages a merchant sent in one hour (since the epoch), channel → count.
    pub fn sent(&self, id: &MerchantId, hour: i64) -> String {
        format!("{}:sent:{id}:{hour}", self.prefix)
    }

    /// Idempotency of registration: one shipment per merchant, carrier and number.
    pub fn registration(&self, m: &MerchantId, c: &CarrierCode, n: &TrackingNumber) -> String {
        format!("{}:r:{m}:{c}:{n}", self.prefix)
    }

    /// Set: the shipments (of any merchant) tracked under a carrier and number, for the scans
    /// a carrier pushes.
    pub fn by_number(&self, c: &CarrierCode, n: &TrackingNumber) -> String {
        format!("{}:cn:{c}:{n}", self.prefix)
    }

    /// Sorted set, one per shard: a carrier's numbers to subscribe to its push, number →
    /// when (ms) to subscribe or renew.
    pub fn push_subscriptions(&self, shard: Shard, c: &CarrierCode) -> String {
        format!("{}:{{{shard}}}:pushsub:{c}", self.prefix)
    }

    /// A tracking number's shard (for the push subscriptions): stable hash of the number.
    pub fn number_shard(&self, n: &TrackingNumber) -> Shard {
        (fnv(n.as_str()) % u32::from(self.shards)) as Shard
    }

    /// Hash: a merchant's delivered parcels' transit times at one lane level (`a` the
    /// forward-decay anchor, each other field a bucket's weight).
    pub fn estimates(&self, m: &MerchantId, level: &str) -> String {
        format!("{}:edd:{m}:{level}", self.prefix)
    }

    /// Order lookup: a hash of (order number, e-mail) → shipment ids.
    pub fn lookup(&self, digest: &str) -> String {
        format!("{}:o:{digest}", self.prefix)
    }

    /// Hash: carrier code → a merchant's own (sealed) carrier account.
    pub fn accounts(&self, merchant: &MerchantId) -> String {
        format!("{}:acct:{merchant}", self.prefix)
    }

    /// Rate limit, Retry-After block and circuit breaker of one carrier account.
    pub fn gate(&self, account: &str) -> String {
        format!("{}:{{gate:{account}}}", self.prefix)
    }

    /// Hash: one rate-limit bucket (`tk` tokens left, `ts` last refill, ms).
    pub fn rate(&self, bucket: &str) -> String {
        format!("{}:{{rl:{bucket}}}", self.prefix)
    }

    pub fn refresh_guard(&self, id: &ShipmentId) -> String {
        format!("{}:rf:{id}", self.prefix)
    }

    pub fn job_slot(&self, job: &str, slot: i64) -> String {
        format!("{}:job:{job}:{slot}", self.prefix)
    }

    pub fn meta_shards(&self) -> String {
        format!("{}:meta:shards", self.prefix)
    }
}

/// FNV-1a of `text`.
fn fnv(text: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipment_keys_share_their_shard_tag() {
        let keys = Keys::new("p", 16);
        let id = ShipmentId::from_random([9; 12]);
        let shard = keys.shard_of(&id);
        let tag = format!("{{{shard}}}");
        for key in [
            keys.shipment(&id),
            keys.due(shard),
            keys.claims(shard),
            keys.events(shard),
        ] {
            assert!(key.starts_with("p:"), "{key}");
            assert_eq!(key.split(':').nth(1), Some(tag.as_str()), "{key}");
        }
    }

    #[test]
    fn shards_spread_ids() {
        let keys = Keys::new("p", 8);
        let mut seen = [0u32; 8];
        for i in 0..800u32 {
            let mut b = [0u8; 12];
            b[..4].copy_from_slice(&i.to_le_bytes());
            seen[keys.shard_of(&ShipmentId::from_random(b)) as usize] += 1;
        }
        assert!(seen.iter().all(|&n| n > 50), "{seen:?}");
    }
}

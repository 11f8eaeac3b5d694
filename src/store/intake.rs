//! Store integrations and their deliveries: a merchant's connection to its store (secrets
//! sealed by the service), each delivery's event id seen once, deliveries queued to be
//! applied (a due set claimed with a lease, like imports), and per store object the trigger
//! time of the newest delivery applied, so an older one arriving late changes nothing.

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use redis::Script;

use super::{Result, Store, ms};
use crate::domain::{CarrierCode, MerchantId, ShipmentId, TrackingNumber};

/// How long a delivery's event id and a queued delivery are kept.
const HOOK_KEPT_MS: i64 = 7 * 24 * 3600 * 1000;

/// KEYS: applied-at. ARGV: trigger ms, kept for (ms) → 1 if no newer delivery was applied
/// (and this one is now the newest), else 0.
static NEWER: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local at = tonumber(redis.call('GET', KEYS[1]) or '-1')
if tonumber(ARGV[1]) < at then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1",
    )
});

/// A queued delivery claimed by this process until `lease_until_ms` (the claim's token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HookClaim {
    pub id: String,
    pub lease_until_ms: i64,
}

impl Store {
    pub async fn integration(&self, m: &MerchantId, source: &str) -> Result<Option<String>> {
        Ok(redis::cmd("GET")
            .arg(self.keys.integration(m, source))
            .query_async(&mut self.conn())
            .await?)
    }

    pub async fn save_integration(&self, m: &MerchantId, source: &str, json: &str) -> Result<()> {
        let () = redis::cmd("SET")
            .arg(self.keys.integration(m, source))
            .arg(json)
            .query_async(&mut self.conn())
            .await?;
        let () = redis::cmd("SADD")
            .arg(self.keys.integrations(source))
            .arg(m.as_str())
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    pub async fn delete_integration(&self, m: &MerchantId, source: &str) -> Result<bool> {
        let () = redis::cmd("SREM")
            .arg(self.keys.integrations(source))
            .arg(m.as_str())
            .query_async(&mut self.conn())
            .await?;
        let () = redis::cmd("DEL")
            .arg(self.keys.reconciled(m, source))
            .query_async(&mut self.conn())
            .await?;
        let n: i64 = redis::cmd("DEL")
            .arg(self.keys.integration(m, source))
            .query_async(&mut self.conn())
            .await?;
        Ok(n > 0)
    }

    /// Merchants with an integration of `source`.
    pub async fn integrated(&self, source: &str) -> Result<Vec<MerchantId>> {
        let ids: Vec<String> = redis::cmd("SMEMBERS")
            .arg(self.keys.integrations(source))
            .query_async(&mut self.conn())
            .await?;
        Ok(ids
            .iter()
            .filter_map(|id| MerchantId::parse(id).ok())
            .collect())
    }

    /// When `m`'s store was last reconciled in full (ms).
    pub async fn reconciled(&self, m: &MerchantId, source: &str) -> Result<Option<i64>> {
        let at: Option<String> = redis::cmd("GET")
            .arg(self.keys.reconciled(m, source))
            .query_async(&mut self.conn())
            .await?;
        Ok(at.and_then(|v| v.parse().ok()))
    }

    pub async fn set_reconciled(
        &self,
        m: &MerchantId,
        source: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let () = redis::cmd("SET")
            .arg(self.keys.reconciled(m, source))
            .arg(ms(at))
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// Marks a delivery's event seen; false when it was seen before (a duplicate).
    pub async fn first_delivery(&self, m: &MerchantId, source: &str, digest: &str) -> Result<bool> {
        let set: Option<String> = redis::cmd("SET")
            .arg(self.keys.hook_seen(m, source, digest))
            .arg(1)
            .arg("NX")
            .arg("PX")
            .arg(HOOK_KEPT_MS)
            .query_async(&mut self.conn())
            .await?;
        Ok(set.is_some())
    }

    /// Forgets a delivery's event (its queueing failed: the store's retry is taken).
    pub async fn forget_delivery(&self, m: &MerchantId, source: &str, digest: &str) -> Result<()> {
        let () = redis::cmd("DEL")
            .arg(self.keys.hook_seen(m, source, digest))
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// Queues a delivery (JSON) to be applied from `at`.
    pub async fn queue_delivery(&self, id: &str, json: &str, at: DateTime<Utc>) -> Result<()> {
        let () = redis::cmd("SET")
            .arg(self.keys.hook_delivery(id))
            .arg(json)
            .arg("PX")
            .arg(HOOK_KEPT_MS)
            .query_async(&mut self.conn())
            .await?;
        let () = redis::cmd("ZADD")
            .arg(self.keys.hooks_due())
            .arg(ms(at))
            .arg(id)
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    pub async fn delivery(&self, id: &str) -> Result<Option<String>> {
        Ok(redis::cmd("GET")
            .arg(self.keys.hook_delivery(id))
            .query_async(&mut self.conn())
            .await?)
    }

    pub async fn claim_deliveries(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<HookClaim>> {
        let key = self.keys.hooks_due();
        let ids = self.claim_due(key, now, lease_until, limit).await?;
        Ok(ids
            .into_iter()
            .map(|id| HookClaim {
                id,
                lease_until_ms: ms(lease_until),
            })
            .collect())
    }

    /// Ends a claim: tried again at `next`, or done (the delivery is dropped).
    pub async fn settle_delivery(
        &self,
        c: &HookClaim,
        next: Option<DateTime<Utc>>,
    ) -> Result<bool> {
        let key = self.keys.hooks_due();
        let settled = self.settle_due(key, &c.id, c.lease_until_ms, next).await?;
        if settled && next.is_none() {
            let () = redis::cmd("DEL")
                .arg(self.keys.hook_delivery(&c.id))
                .query_async(&mut self.conn())
                .await?;
        }
        Ok(settled)
    }

    /// Whether a delivery triggered at `at` about `object` is not older than the newest
    /// applied (it becomes the newest).
    pub async fn newest_delivery(
        &self,
        m: &MerchantId,
        source: &str,
        object: &str,
        at: i64,
    ) -> Result<bool> {
        let newer: i32 = NEWER
            .key(self.keys.hook_applied(m, source, object))
            .arg(at)
            .arg(HOOK_KEPT_MS * 4)
            .invoke_async(&mut self.conn())
            .await?;
        Ok(newer == 1)
    }

    /// Records `object` as the store object that holds `number` now.
    pub async fn own_number(
        &self,
        m: &MerchantId,
        source: &str,
        number: &str,
        object: &str,
    ) -> Result<()> {
        let () = redis::cmd("SET")
            .arg(self.keys.hook_number(m, source, number))
            .arg(object)
            .arg("PX")
            .arg(HOOK_KEPT_MS * 52)
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// The store object that last registered `number`, if recorded.
    pub async fn number_owner(
        &self,
        m: &MerchantId,
        source: &str,
        number: &str,
    ) -> Result<Option<String>> {
        Ok(redis::cmd("GET")
            .arg(self.keys.hook_number(m, source, number))
            .query_async(&mut self.conn())
            .await?)
    }

    /// The shipment a merchant registered for a carrier and number, if any.
    pub async fn registered(
        &self,
        m: &MerchantId,
        carrier: &CarrierCode,
        number: &TrackingNumber,
    ) -> Result<Option<ShipmentId>> {
        let id: Option<String> = redis::cmd("GET")
            .arg(self.keys.registration(m, carrier, number))
            .query_async(&mut self.conn())
            .await?;
        Ok(id.and_then(|id| ShipmentId::parse(&id).ok()))
    }
}

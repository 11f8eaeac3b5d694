//! Notifications: records keyed by their idempotency-derived id and a sharded due set with
//! leases (like the poller's claims).

use chrono::{DateTime, Utc};

use super::{Result, Shard, Store, decode, encode, ms, scripts};
use crate::domain::{Delivery, MerchantId, Notification, ShipmentId, shard_of_id};

/// How long a finished notification (sent, skipped, dead) is kept for the merchant to see.
const KEEP_FINISHED_MS: u64 = 90 * 86_400_000;

impl Store {
    /// Queues a notification; false when one with the same id already exists.
    pub async fn queue_notification(&self, n: &Notification) -> Result<bool> {
        let shard = self.keys.shard_of(&n.shipment_id);
        let created: i64 = scripts::QUEUE_NOTIFICATION
            .key(self.keys.notification(shard, &n.id))
            .key(self.keys.notifications_due(shard))
            .key(self.keys.shipment_notifications(&n.shipment_id))
            .arg(&n.id)
            .arg(encode(n))
            .arg(ms(n.next_at))
            .invoke_async(&mut self.conn())
            .await?;
        // Also when it existed: a notifier killed between the two writes left it unlisted.
        let _: i64 = redis::cmd("ZADD")
            .arg(self.keys.merchant_notifications(&n.merchant_id))
            .arg("NX")
            .arg(ms(n.created_at))
            .arg(&n.id)
            .query_async(&mut self.conn())
            .await?;
        Ok(created == 1)
    }

    /// Claims up to `limit` notifications of a shard due by `now`, leased until `lease_until`.
    pub async fn claim_notifications(
        &self,
        shard: Shard,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<Notification>> {
        let records: Vec<String> = scripts::CLAIM_NOTIFICATIONS
            .key(self.keys.notifications_due(shard))
            .arg(ms(now))
            .arg(ms(lease_until))
            .arg(limit)
            .arg(self.keys.notification(shard, ""))
            .invoke_async(&mut self.conn())
            .await?;
        // An unreadable record is left to its lease (and logged by whoever reads it next).
        Ok(records
            .iter()
            .filter_map(|json| decode("notification", json).ok())
            .collect())
    }

    /// Saves a notification's new state: queued ones are (re)scheduled at `next_at`, the
    /// others leave the due set. One transaction.
    pub async fn save_notification(&self, n: &Notification) -> Result<()> {
        let shard = self.keys.shard_of(&n.shipment_id);
        let due = self.keys.notifications_due(shard);
        let mut pipe = redis::pipe();
        pipe.atomic()
            .cmd("SET")
            .arg(self.keys.notification(shard, &n.id))
            .arg(encode(n))
            .ignore();
        if n.status != Delivery::Queued {
            // Finished: kept a while, then gone with the shipment's other records.
            pipe.cmd("PEXPIRE")
                .arg(self.keys.notification(shard, &n.id))
                .arg(KEEP_FINISHED_MS)
                .ignore()
                .cmd("PEXPIRE")
                .arg(self.keys.shipment_notifications(&n.shipment_id))
                .arg(KEEP_FINISHED_MS)
                .ignore();
        }
        if n.status == Delivery::Queued {
            pipe.cmd("ZADD")
                .arg(&due)
                .arg(ms(n.next_at))
                .arg(&n.id)
                .ignore();
        } else {
            pipe.cmd("ZREM").arg(&due).arg(&n.id).ignore();
        }
        let () = pipe.query_async(&mut self.conn()).await?;
        Ok(())
    }

    /// Saves a notification's new state unless it is no longer queued (sent with another
    /// parcel of its order meanwhile); false when it was not saved.
    pub async fn update_queued_notification(&self, n: &Notification) -> Result<bool> {
        let shard = self.keys.shard_of(&n.shipment_id);
        let due = if n.status == Delivery::Queued {
            ms(n.next_at).to_string()
        } else {
            String::new()
        };
        let saved: i64 = scripts::UPDATE_QUEUED_NOTIFICATION
            .key(self.keys.notification(shard, &n.id))
            .key(self.keys.notifications_due(shard))
            .key(self.keys.shipment_notifications(&n.shipment_id))
            .arg(&n.id)
            .arg(encode(n))
            .arg(due)
            .arg(KEEP_FINISHED_MS)
            .invoke_async(&mut self.conn())
            .await?;
        Ok(saved == 1)
    }

    pub async fn notification(&self, id: &str) -> Result<Option<Notification>> {
        let Some(shard) = shard_of_id(id).filter(|s| *s < self.keys.shards()) else {
            return Ok(None);
        };
        let json: Option<String> = redis::cmd("GET")
            .arg(self.keys.notification(shard, id))
            .query_async(&mut self.conn())
            .await?;
        json.map(|j| decode("notification", &j)).transpose()
    }

    /// A merchant's notifications, newest first.
    pub async fn merchant_notifications(
        &self,
        merchant: &MerchantId,
        limit: usize,
    ) -> Result<Vec<Notification>> {
        let ids: Vec<String> = redis::cmd("ZREVRANGE")
            .arg(self.keys.merchant_notifications(merchant))
            .arg(0)
            .arg(limit.max(1) - 1)
            .query_async(&mut self.conn())
            .await?;
        self.notifications_by_id(&ids).await
    }

    pub async fn shipment_notifications(&self, id: &ShipmentId) -> Result<Vec<Notification>> {
        let ids: Vec<String> = redis::cmd("SMEMBERS")
            .arg(self.keys.shipment_notifications(id))
            .query_async(&mut self.conn())
            .await?;
        let mut all = self.notifications_by_id(&ids).await?;
        all.sort_by_key(|n| std::cmp::Reverse(n.created_at));
        Ok(all)
    }

    async fn notifications_by_id(&self, ids: &[String]) -> Result<Vec<Notification>> {
        let cmds = ids
            .iter()
            .filter_map(|id| {
                let shard = shard_of_id(id).filter(|s| *s < self.keys.shards())?;
                Some(
                    redis::cmd("GET")
                        .arg(self.keys.notification(shard, id))
                        .to_owned(),
                )
            })
            .collect::<Vec<_>>();
        if cmds.is_empty() {
            return Ok(vec![]);
        }
        let found: Vec<Option<String>> = self.each(cmds).await?;
        found
            .into_iter()
            .flatten()
            .map(|json| decode("notification", &json))
            .collect()
    }
}

impl Store {
    /// Records that a customer (by a digest of their address) ordered this shipment from a
    /// merchant; returns how many other shipments they had before.
    pub async fn note_customer_order(
        &self,
        merchant: &MerchantId,
        customer_digest: &str,
        shipment: &ShipmentId,
    ) -> Result<u64> {
        let key = self.keys.customer_orders(merchant, customer_digest);
        let (_, count): (i64, u64) = redis::pipe()
            .atomic()
            .cmd("SADD")
            .arg(&key)
            .arg(shipment.as_str())
            .cmd("SCARD")
            .arg(&key)
            .query_async(&mut self.conn())
            .await?;
        Ok(count.saturating_sub(1))
    }
}

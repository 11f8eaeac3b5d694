//! Notifications: records keyed by their idempotency-derived id, a sharded due set with
//! leases (like the poller's claims), and the consumer group on the shipment event streams.

use chrono::{DateTime, Utc};
use redis::streams::{StreamAutoClaimReply, StreamId, StreamReadReply};

use super::{Result, Shard, Store, decode, encode, ms, scripts};
use crate::domain::{Delivery, DomainEvent, MerchantId, Notification, ShipmentId, shard_of_id};

/// The consumer group every notifier joins.
pub(super) const GROUP: &str = "notifier";

/// How long a finished notification (sent, skipped, dead) is kept for the merchant to see.
const KEEP_FINISHED_MS: u64 = 90 * 86_400_000;

/// One entry of a shard's event stream.
#[derive(Debug, Clone)]
pub struct StreamEntry {
    pub id: String,
    /// `None` when the entry is unreadable (it is acknowledged and skipped).
    pub event: Option<DomainEvent>,
}

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
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(n) = self.notification(id).await? {
                out.push(n);
            }
        }
        Ok(out)
    }

    /// Creates the notifier group on a shard's stream (from its start) if it is missing.
    pub async fn ensure_event_group(&self, shard: Shard) -> Result<()> {
        let created: redis::RedisResult<String> = redis::cmd("XGROUP")
            .arg("CREATE")
            .arg(self.keys.events(shard))
            .arg(GROUP)
            .arg("0")
            .arg("MKSTREAM")
            .query_async(&mut self.conn())
            .await;
        match created {
            Ok(_) => Ok(()),
            Err(e) if e.code() == Some("BUSYGROUP") => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// New entries for this consumer (never blocks).
    pub async fn read_events(
        &self,
        shard: Shard,
        consumer: &str,
        count: usize,
    ) -> Result<Vec<StreamEntry>> {
        let reply: Option<StreamReadReply> = redis::cmd("XREADGROUP")
            .arg("GROUP")
            .arg(GROUP)
            .arg(consumer)
            .arg("COUNT")
            .arg(count)
            .arg("STREAMS")
            .arg(self.keys.events(shard))
            .arg(">")
            .query_async(&mut self.conn())
            .await?;
        Ok(reply
            .map(|r| r.keys.into_iter().flat_map(|k| k.ids).map(entry).collect())
            .unwrap_or_default())
    }

    /// Entries another consumer took but did not acknowledge within `min_idle_ms`.
    pub async fn reclaim_events(
        &self,
        shard: Shard,
        consumer: &str,
        min_idle_ms: u64,
        count: usize,
    ) -> Result<Vec<StreamEntry>> {
        let reply: StreamAutoClaimReply = redis::cmd("XAUTOCLAIM")
            .arg(self.keys.events(shard))
            .arg(GROUP)
            .arg(consumer)
            .arg(min_idle_ms)
            .arg("0-0")
            .arg("COUNT")
            .arg(count)
            .query_async(&mut self.conn())
            .await?;
        Ok(reply.claimed.into_iter().map(entry).collect())
    }

    /// Counts one more failure on planning a stream entry; the count so far.
    pub async fn note_event_crash(&self, shard: Shard, entry: &str) -> Result<u32> {
        let key = self.keys.event_crashes(shard);
        let (count,): (u32,) = redis::pipe()
            .cmd("HINCRBY")
            .arg(&key)
            .arg(entry)
            .arg(1)
            .cmd("PEXPIRE")
            .arg(&key)
            .arg(86_400_000)
            .ignore()
            .query_async(&mut self.conn())
            .await?;
        Ok(count)
    }

    pub async fn ack_events(&self, shard: Shard, ids: &[String]) -> Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let _: i64 = redis::cmd("XACK")
            .arg(self.keys.events(shard))
            .arg(GROUP)
            .arg(ids)
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// Entries not yet delivered to the group plus those delivered but not acknowledged,
    /// across the shards (the benchmark's stream lag).
    pub async fn event_backlog(&self) -> Result<u64> {
        let figures = self.shared_figures(0).await?;
        let of = |def: &crate::metrics::Def| {
            figures
                .iter()
                .find(|(d, _)| d.name == def.name)
                .map_or(0, |(_, v)| *v as u64)
        };
        Ok(of(&crate::metrics::STREAM_LAG) + of(&crate::metrics::STREAM_PENDING))
    }
}

fn entry(s: StreamId) -> StreamEntry {
    let event = s
        .get::<String>("e")
        .and_then(|json| serde_json::from_str(&json).ok());
    StreamEntry { id: s.id, event }
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

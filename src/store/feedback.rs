//! Customers' feedback, one record per shipment, a per-shipment submission counter, and the
//! scans of the parcel's QR code.

use super::{Result, Store, decode, encode};
use crate::domain::{DomainEvent, Feedback, ShipmentId};

impl Store {
    pub async fn feedback(&self, id: &ShipmentId) -> Result<Option<Feedback>> {
        let json: Option<String> = redis::cmd("GET")
            .arg(self.keys.feedback(id))
            .query_async(&mut self.conn())
            .await?;
        json.map(|j| decode("feedback", &j)).transpose()
    }

    /// Saves an answer and appends its event to the shipment's stream, together.
    pub async fn put_feedback(&self, f: &Feedback, event: &DomainEvent) -> Result<()> {
        let shard = self.keys.shard_of(&f.shipment_id);
        let () = redis::pipe()
            .atomic()
            .cmd("SET")
            .arg(self.keys.feedback(&f.shipment_id))
            .arg(encode(f))
            .ignore()
            .cmd("XADD")
            .arg(self.keys.events(shard))
            .arg("MAXLEN")
            .arg("~")
            .arg(self.stream_maxlen)
            .arg("*")
            .arg("e")
            .arg(encode(event))
            .ignore()
            .query_async(&mut self.conn())
            .await?;
        let _: i64 = redis::cmd("ZADD")
            .arg(self.keys.merchant_feedback(&f.merchant_id))
            .arg(f.updated_at.timestamp_millis())
            .arg(f.shipment_id.as_str())
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// A merchant's answers, newest first: answered before `before_ms` (exclusive; none: no
    /// bound) and at or after `since_ms`; at most `limit`.
    pub async fn merchant_feedback(
        &self,
        merchant: &crate::domain::MerchantId,
        since_ms: i64,
        before_ms: Option<i64>,
        limit: usize,
    ) -> Result<Vec<Feedback>> {
        let upper = before_ms.map_or_else(|| "+inf".to_owned(), |b| format!("({b}"));
        let ids: Vec<String> = redis::cmd("ZREVRANGEBYSCORE")
            .arg(self.keys.merchant_feedback(merchant))
            .arg(upper)
            .arg(since_ms)
            .arg("LIMIT")
            .arg(0)
            .arg(limit)
            .query_async(&mut self.conn())
            .await?;
        let ids: Vec<ShipmentId> = ids
            .iter()
            .filter_map(|id| ShipmentId::parse(id).ok())
            .collect();
        if ids.is_empty() {
            return Ok(vec![]);
        }
        // One round trip for the page, not one per answer.
        let cmds = ids
            .iter()
            .map(|id| redis::cmd("GET").arg(self.keys.feedback(id)).to_owned())
            .collect();
        let found: Vec<Option<String>> = self.each(cmds).await?;
        found
            .iter()
            .flatten()
            .map(|j| decode("feedback", j))
            .collect()
    }

    /// How many answers a merchant had at or after `since_ms`.
    pub async fn feedback_count(
        &self,
        merchant: &crate::domain::MerchantId,
        since_ms: i64,
    ) -> Result<u64> {
        Ok(redis::cmd("ZCOUNT")
            .arg(self.keys.merchant_feedback(merchant))
            .arg(since_ms)
            .arg("+inf")
            .query_async(&mut self.conn())
            .await?)
    }

    /// Counts one more submission for a shipment today; returns the count.
    pub async fn count_feedback_try(&self, id: &ShipmentId) -> Result<u64> {
        let key = self.keys.feedback_tries(id);
        let (n, _): (u64, i64) = redis::pipe()
            .atomic()
            .cmd("INCR")
            .arg(&key)
            .cmd("EXPIRE")
            .arg(&key)
            .arg(86_400)
            .arg("NX")
            .query_async(&mut self.conn())
            .await?;
        Ok(n)
    }
}

impl Store {
    /// Records a scan of the parcel's QR code; returns how many there have been.
    pub async fn record_scan(&self, id: &ShipmentId, at_ms: i64) -> Result<u64> {
        let key = self.keys.scans(id);
        let (_, _, n): (i64, i64, u64) = redis::pipe()
            .atomic()
            .cmd("HSETNX")
            .arg(&key)
            .arg("first")
            .arg(at_ms)
            .cmd("HSET")
            .arg(&key)
            .arg("last")
            .arg(at_ms)
            .cmd("HINCRBY")
            .arg(&key)
            .arg("count")
            .arg(1)
            .query_async(&mut self.conn())
            .await?;
        Ok(n)
    }

    /// When the QR code was first scanned (ms), if ever: the "package opened" moment.
    pub async fn first_scan(&self, id: &ShipmentId) -> Result<Option<i64>> {
        Ok(redis::cmd("HGET")
            .arg(self.keys.scans(id))
            .arg("first")
            .query_async(&mut self.conn())
            .await?)
    }
}
